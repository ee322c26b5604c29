"""The pure core: triage, the schedule maths, recovery rules, the content models, a runner's
settings and a club. No Telegram, no database, no drawing, no clock: time is passed in."""
