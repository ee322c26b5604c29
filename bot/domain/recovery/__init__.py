"""Pure recovery rules: the pain-monitoring model, walk-run stage progression, what logging a run
leads to, the chart caption.

No telegram, no database, no clock: dates are parameters. The chart is drawn in
bot.features.recovery.chart, so loading the rules does not load matplotlib.
"""

from bot.domain.recovery.entry import PainEntry, Sign
from bot.domain.recovery.ids import (
    DECISION_REASONS,
    REASON_ZONE,
    REASONS,
    ZONES,
    DecisionReason,
    Reason,
    Zone,
)
from bot.domain.recovery.pain import Verdict, classify, creeping_up
from bot.domain.recovery.review import ActivePlan, RunReview, TaggedRun, review_run
from bot.domain.recovery.sessions import SessionSchedule
from bot.domain.recovery.stages import Decision, Move, Session, next_stage
from bot.domain.recovery.summary import Summary, Trend, WeekStats, summary

__all__ = [
    "DECISION_REASONS",
    "REASONS",
    "REASON_ZONE",
    "ZONES",
    "ActivePlan",
    "Decision",
    "DecisionReason",
    "Move",
    "PainEntry",
    "Reason",
    "RunReview",
    "Session",
    "SessionSchedule",
    "Sign",
    "Summary",
    "TaggedRun",
    "Trend",
    "Verdict",
    "WeekStats",
    "Zone",
    "classify",
    "creeping_up",
    "next_stage",
    "review_run",
    "summary",
]
