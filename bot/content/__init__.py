"""Content is data: YAML files in ``content/`` validated by pydantic models at start-up.

The package imports nothing itself: the triage models build on `bot.content.base` while the
library (`bot.content.library`) includes the triage content, so an eager import here would cycle.
"""
