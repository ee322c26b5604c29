"""The settings screens' one button family: `cfg:<screen or change>:<args>`, read back by
screens/grammar.py into the screen to open or the change to make."""

from bot.ui.callback import Buttons

SETTINGS = Buttons("cfg", __name__)
