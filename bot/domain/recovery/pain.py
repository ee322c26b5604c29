"""The pain-monitoring model (Silbernagel et al., AJSM 2007) as a pure rule over logged runs.

- green: 0-3/10 during the run and (once known) the next morning: safe.
- amber: 4-5/10 during the run, acceptable only if it is back to 0-3 by the next morning; or a
  knee stiffer than usual the next morning. Acceptable, but no progression.
- red (reduce the load): above 5/10 during the run or the next morning; next-morning pain of 4
  or more (worse than during the run, or simply not settled); swelling; or pain creeping up week
  on week (see `creeping_up`).

Not for suspected tears, instability or bone stress: the content says so next to the rules.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from bot.domain.recovery.entry import PainEntry
from bot.domain.recovery.ids import REASON_ZONE, REASONS, Reason, Zone
from bot.domain.recovery.weeks import in_window, mean

GREEN_MAX = 3  # 0-3 safe
AMBER_MAX = 5  # 4-5 acceptable if settled by the next morning; above this, reduce load
SEVERE = 7  # pain this high (7-10 is 'severe' on the 0-10 scale) suggests the /kneepain check
MUCH_WORSE = 3  # next morning this many points above the run suggests the /kneepain check
CREEP_WEEKS = 3  # weekly means compared: this week and the two before


@dataclass(frozen=True, slots=True)
class Verdict:
    reasons: tuple[Reason, ...]  # every rule that applies, most serious first; never empty
    suggest_kneepain: bool  # a red-flag-like sign: offer the /kneepain check
    morning_known: bool

    @property
    def zone(self) -> Zone:
        return REASON_ZONE[self.reasons[0]]

    @property
    def step(self) -> Reason:
        """The id of the next-step text in content/comeback.yaml (`steps`)."""
        return self.reasons[0]

    @property
    def allows_progress(self) -> bool:
        """Green including the next morning: the only session that counts toward moving on."""
        return self.zone == "green" and self.morning_known


def creeping_up(entry: PainEntry, history: Iterable[PainEntry]) -> bool:
    """Pain creeping up week on week.

    For each of the three 7-day windows ending on `entry.day` (the entry's own week and the two
    before it), take the mean of each run's worse score (during or next morning). Creeping up
    means all three windows have runs, the means rise strictly week on week, and this week's mean
    is above 3 (out of the safe zone): a drift within 0-3 is not a reason to cut back.
    """
    pool = [*(earlier for earlier in history if earlier.day <= entry.day), entry]
    weekly = [
        mean([run.worst for run in in_window(pool, entry.day, back)])
        for back in reversed(range(CREEP_WEEKS))  # oldest week first
    ]
    known = [value for value in weekly if value is not None]
    if len(known) < CREEP_WEEKS:
        return False
    return all(before < after for before, after in pairwise(known)) and known[-1] > GREEN_MAX


def classify(entry: PainEntry, history: Iterable[PainEntry] = ()) -> Verdict:
    """The verdict on one run. `history` is the runner's other logged runs (not `entry` itself);
    runs dated after `entry.day` are ignored."""
    during, morning = entry.during_run, entry.next_morning
    reasons: set[Reason] = set()
    if entry.swelling:
        reasons.add("swelling")
    if morning is not None and morning > GREEN_MAX:
        reasons.add("worse_next_morning" if morning > during else "not_settled")
    if entry.worst > AMBER_MAX:
        reasons.add("above_five")
    if creeping_up(entry, history):
        reasons.add("creeping_up")
    if entry.stiffer:
        reasons.add("stiffer")
    if morning is None or morning <= GREEN_MAX:
        if during <= GREEN_MAX:
            reasons.add("safe_so_far" if morning is None else "safe")
        elif during <= AMBER_MAX:
            reasons.add("acceptable_so_far" if morning is None else "acceptable_settled")
    jump = 0 if morning is None else morning - during
    return Verdict(
        reasons=tuple(reason for reason in REASONS if reason in reasons),
        suggest_kneepain=entry.swelling or entry.worst >= SEVERE or jump >= MUCH_WORSE,
        morning_known=morning is not None,
    )
