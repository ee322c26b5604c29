"""Knee Coach: a Telegram bot for runners and running clubs."""
