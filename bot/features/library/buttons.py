"""The library's buttons: one family per screen kind, and one that opens any of them as a new
message below the one pressed (`new:<family>:<args>`, from a message that must stay)."""

from bot.ui.callback import Buttons

STRETCHES = Buttons("st", __name__)
WARMUP = Buttons("wu", __name__)
EXERCISES = Buttons("ex", __name__)
PREVENTION = Buttons("pv", __name__)
OPEN_NEW = Buttons("new", __name__)
