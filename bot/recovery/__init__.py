"""Pure recovery rules: the pain-monitoring model, walk-run stage progression, the chart caption.

No telegram, no database, no clock: dates are parameters. The chart lives in bot.recovery.chart
and is not imported here, so loading the rules does not load matplotlib.
"""

from bot.recovery.entry import PainEntry
from bot.recovery.ids import (
    DECISION_REASONS,
    REASON_ZONE,
    REASONS,
    ZONES,
    DecisionReason,
    Reason,
    Zone,
)
from bot.recovery.pain import Verdict, classify, creeping_up
from bot.recovery.stages import Decision, Move, Session, next_stage
from bot.recovery.summary import Summary, Trend, WeekStats, summary

__all__ = [
    "DECISION_REASONS",
    "REASONS",
    "REASON_ZONE",
    "ZONES",
    "Decision",
    "DecisionReason",
    "Move",
    "PainEntry",
    "Reason",
    "Session",
    "Summary",
    "Trend",
    "Verdict",
    "WeekStats",
    "Zone",
    "classify",
    "creeping_up",
    "next_stage",
    "summary",
]
