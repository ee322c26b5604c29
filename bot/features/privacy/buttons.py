"""The one button family of privacy: Yes or Cancel before everything about a person is erased."""

from bot.ui.callback import Buttons

DELETE = Buttons("del", __name__)
