"""One package per feature: its handlers (thin), its screens (texts and keyboards) and its
buttons (callback data). A feature uses domain, db and ui; another feature only through what that
feature's `__init__` exports. `bot.app` registers every feature's handlers."""
