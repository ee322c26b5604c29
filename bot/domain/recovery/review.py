"""What logging a run leads to: its verdict and, when it was a session of the active walk-run plan,
the plan's next stage. Each run is judged against all the runner's other logged runs."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.recovery.pain import Verdict, classify
from bot.domain.recovery.stages import Decision, Session, next_stage
from bot.domain.recovery.status import LoggedRun


@dataclass(frozen=True, slots=True)
class TaggedRun:
    """A logged run with the walk-run stage it was a session of (None: an ordinary run)."""

    run: LoggedRun
    stage: int | None
    logged_at: datetime


@dataclass(frozen=True, slots=True)
class ActivePlan:
    stage: int  # the stage of the next session
    started_at: datetime  # sessions logged before this belong to an earlier plan


@dataclass(frozen=True, slots=True)
class RunReview:
    """The verdict on one logged run and, for a /comeback session, what the plan does next."""

    verdict: Verdict
    decision: Decision | None  # None: not a session of an active plan


def review_run(
    runs: Sequence[TaggedRun], log_id: int, plan: ActivePlan | None, stage_count: int
) -> RunReview:
    """The review of run `log_id`, one of `runs` (all the runner's logged runs, oldest first)."""
    entries = {tagged.run.log_id: tagged.run.entry for tagged in runs}

    def judged(key: int) -> Verdict:
        others = [entry for other, entry in entries.items() if other != key]
        return classify(entries[key], others)

    verdict = judged(log_id)
    reviewed = next(tagged for tagged in runs if tagged.run.log_id == log_id)
    if reviewed.stage is None or plan is None:
        return RunReview(verdict, None)
    sessions = [
        Session(tagged.stage, judged(tagged.run.log_id))
        for tagged in runs
        if tagged.stage is not None and tagged.logged_at >= plan.started_at
    ]
    return RunReview(verdict, next_stage(plan.stage, sessions, stage_count))
