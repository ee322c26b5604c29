"""Content is data: YAML files in ``content/`` validated by pydantic models at start-up."""

from bot.content.library import Library, load_library
from bot.content.loader import ContentError

__all__ = ["ContentError", "Library", "load_library"]
