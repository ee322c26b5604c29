"""The library as data: YAML files in ``content/`` validated by pydantic models at start-up.

Content builds on the triage package (the library includes the triage rules), never the other
way round: both share `bot.domain.sourced` and `bot.domain.yamlfile`.
"""
