"""The buttons under a runner's warm-up reminder: `rd:<verb>:<delivery id>`, the id of that
reminder's outbox row (which names the run; bot.db.run_day checks it is the presser's own).

  rd:skip:<id>    not running today
  rd:undo:<id>    running after all
  rd:soon:<id>    remind me shortly before the run
"""

from typing import Literal, get_args

from bot.ui.callback import Buttons, number_from

RUN_DAY = Buttons("rd", __name__)

Verb = Literal["skip", "undo", "soon"]
_VERBS: tuple[Verb, ...] = get_args(Verb)


def data(verb: Verb, delivery_id: int) -> str:
    return RUN_DAY.data(verb, delivery_id)


def parse(args: tuple[str, ...]) -> tuple[Verb, int] | None:
    """The verb and the reminder's delivery id; None for anything we did not draw."""
    match args:
        case (verb, number):
            delivery_id = number_from(number)
            for known in _VERBS:
                if verb == known and delivery_id is not None:
                    return known, delivery_id
    return None
