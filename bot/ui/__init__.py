"""What every screen shares: HTML escaping, Screen, the one callback-data codec (Buttons) and
signed buttons, on_press, replies, keyboards and calendar words. It knows no database and no
feature."""
