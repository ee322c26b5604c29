# Two commands matter: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-stamp

.PHONY: setup run test lint typecheck contracts unit bench clean

setup: $(INSTALLED)

$(INSTALLED): pyproject.toml requirements/lock.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Knee Coach needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/lock.txt -e '.[dev]'
	@touch $@

# With TELEGRAM_BOT_TOKEN (in the environment or .env) the bot talks to Telegram; without it the
# offline console starts, chatting with the same bot through a local Bot API server.
run: setup
	$(BIN)/python -m bot demos
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ] || grep -qs '^TELEGRAM_BOT_TOKEN=.' .env; then \
		$(BIN)/python -m bot run; \
	else \
		echo "No TELEGRAM_BOT_TOKEN: starting the offline console (type /start; Ctrl-D quits)."; \
		$(BIN)/python -m bot console; \
	fi

test: lint typecheck contracts unit

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy bot tests migrations

# The import rules of the house (pyproject.toml, [tool.importlinter]).
contracts: setup
	$(BIN)/lint-imports

unit: setup
	$(BIN)/pytest

# SQLite at 10k, 100k and 1M runners, then PostgreSQL at 100k and 1M (a throwaway server), then
# the capacity forecast's Python part, the plain way against the current one.
bench: setup
	$(BIN)/python -m bench
	$(BIN)/python -m bench.postgres
	$(BIN)/python -m bench.forecast

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .import_linter_cache
