"""The clubs feature's screens: its words in the group (texts), the settings menu (menu) and the
warm-up post with its "I'm running" list (posts). Callback data is in bot.features.clubs.buttons."""
