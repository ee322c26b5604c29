"""Where the project's own files are, relative to this package (no imports: anything may use it)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CONTENT_DIR = PROJECT_ROOT / "content"
ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"
DEMOS_DIR = PROJECT_ROOT / "data" / "demos"
