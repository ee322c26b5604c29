"""The vocabulary shared by the recovery rules and content/comeback.yaml (which words each id)."""

from typing import Literal, get_args

Zone = Literal["green", "amber", "red"]
ZONES: tuple[Zone, ...] = get_args(Zone)  # least serious first

# Why a run got its zone. The first reason of a verdict picks the next-step text.
Reason = Literal[
    "swelling",  # red: the knee swelled after the run
    "worse_next_morning",  # red: next-morning pain 4+ and higher than during the run
    "not_settled",  # red: next-morning pain still 4+ (amber is only fine if it settles)
    "above_five",  # red: above 5/10 during the run or the next morning
    "creeping_up",  # red: weekly pain rose three weeks running (see pain.creeping_up)
    "stiffer",  # amber: the knee was stiffer than usual the next morning
    "acceptable_so_far",  # amber: 4-5/10 during the run, next morning not reported yet
    "acceptable_settled",  # amber: 4-5/10 during the run, 0-3 the next morning
    "safe_so_far",  # green: 0-3/10 during the run, next morning not reported yet
    "safe",  # green: 0-3/10 during the run and the next morning
]
REASONS: tuple[Reason, ...] = get_args(Reason)  # most serious first

REASON_ZONE: dict[Reason, Zone] = {
    "swelling": "red",
    "worse_next_morning": "red",
    "not_settled": "red",
    "above_five": "red",
    "creeping_up": "red",
    "stiffer": "amber",
    "acceptable_so_far": "amber",
    "acceptable_settled": "amber",
    "safe_so_far": "green",
    "safe": "green",
}

# Why the walk-run plan moves (or does not) after a session; each has a text in the content.
DecisionReason = Literal[
    "advance",  # two green sessions in a row at this stage: on to the next one
    "complete",  # two green sessions at the last stage: the plan is done
    "too_few",  # fewer than two sessions at this stage since arriving (or since a red one)
    "await_morning",  # green so far, but a next-morning answer is missing
    "amber",  # one of the last two sessions was amber: repeat the stage
    "red",  # the last session was red: one stage back
    "red_first_stage",  # the last session was red at stage 1: rest, then repeat it
]
DECISION_REASONS: tuple[DecisionReason, ...] = get_args(DecisionReason)
