"""Pure recovery rules: the pain-monitoring model, walk-run stage progression, the chart caption.

No telegram, no database, no clock: dates are parameters. The chart is drawn in
bot.features.recovery.chart, so loading the rules does not load matplotlib.
"""

from bot.domain.recovery.entry import PainEntry
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
from bot.domain.recovery.stages import Decision, Move, Session, next_stage
from bot.domain.recovery.summary import Summary, Trend, WeekStats, summary

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
