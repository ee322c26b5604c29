"""The triage conversation's buttons. An answer carries the answers so far, signed and time-stamped
(bot.ui.signed), so the conversation lives in the one message being edited; so does a view of
the outcome (the summary, why these causes, what to do, sources)."""

from bot.ui.callback import Buttons
from bot.ui.signed import SignedButtons

ANSWER = SignedButtons("k", __name__)
VIEW = SignedButtons("kv", __name__)
CANCEL = Buttons("kx", __name__)
RESTART = Buttons("kn", __name__)
