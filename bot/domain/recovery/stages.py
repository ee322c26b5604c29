"""Walk-run comeback: after each session, move to the next stage, repeat this one, or step back.

The stages themselves are content (content/comeback.yaml); this module only needs how many
there are. Rules, in this order, over the sessions run at the current stage since arriving at it:
- the latest session was red: one stage back (at stage 1: rest, then repeat stage 1);
- an amber session among the last two: repeat the stage;
- fewer than two sessions (a red one resets the count): repeat;
- a next-morning answer missing among the last two: repeat until it comes;
- otherwise (two green sessions in a row): the next stage, or done after the last one.
So a stage is never skipped, nothing advances after a red session, and worse pain never yields
a later stage than better pain.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import takewhile
from typing import Literal

from bot.domain.recovery.ids import DecisionReason
from bot.domain.recovery.pain import Verdict

Move = Literal["advance", "repeat", "back", "done"]
NEEDED = 2  # green sessions in a row before moving on: each stage is done at least twice

MOVES: dict[DecisionReason, Move] = {
    "advance": "advance",
    "complete": "done",
    "too_few": "repeat",
    "await_morning": "repeat",
    "amber": "repeat",
    "red": "back",
    "red_first_stage": "repeat",
}


@dataclass(frozen=True, slots=True)
class Session:
    stage: int  # 1-based: the stage this session was run at
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class Decision:
    stage: int  # the stage of the next session
    reason: DecisionReason  # the id of its text in content/comeback.yaml (`decisions`)

    @property
    def move(self) -> Move:
        return MOVES[self.reason]


def next_stage(current_stage: int, last_sessions: Sequence[Session], stage_count: int) -> Decision:
    """What the next session is, given the sessions so far (oldest first, any stage)."""
    if not 1 <= current_stage <= stage_count:
        raise ValueError(f"stage {current_stage} is not in 1-{stage_count}")
    here = list(takewhile(lambda s: s.stage == current_stage, reversed(last_sessions)))[::-1]
    if here and here[-1].verdict.zone == "red":
        if current_stage == 1:
            return Decision(1, "red_first_stage")
        return Decision(current_stage - 1, "red")
    since_red = list(takewhile(lambda s: s.verdict.zone != "red", reversed(here)))[::-1]
    last = since_red[-NEEDED:]
    if any(session.verdict.zone == "amber" for session in last):
        return Decision(current_stage, "amber")
    if len(last) < NEEDED:
        return Decision(current_stage, "too_few")
    if not all(session.verdict.allows_progress for session in last):
        return Decision(current_stage, "await_morning")
    if current_stage == stage_count:
        return Decision(current_stage, "complete")
    return Decision(current_stage + 1, "advance")
