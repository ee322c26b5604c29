"""/kneepain: the triage conversation over the pure engine in bot.domain.triage, its state carried
only in its own signed buttons."""
