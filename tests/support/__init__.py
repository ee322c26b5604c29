"""Test infrastructure shared by the suites."""

from pathlib import Path

# The Bot API specification every call the bot makes is checked against (MIT, see LICENSE there).
SPEC_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "telegram-bot-api" / "api.json"
