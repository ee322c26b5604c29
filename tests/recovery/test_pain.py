"""The pain-monitoring rule: worked examples and properties over every possible run."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.recovery import REASON_ZONE, REASONS, ZONES, PainEntry, Reason, Zone, classify
from bot.domain.recovery.pain import creeping_up
from tests.recovery.strategies import entries, worse_than

DAY = date(2025, 3, 10)


def run(during: int, morning: int | None = None, **signs: bool) -> PainEntry:
    return PainEntry(DAY, during, morning, **signs)


@pytest.mark.parametrize(
    ("entry", "zone", "step"),
    [
        (run(0, 0), "green", "safe"),
        (run(3, 3), "green", "safe"),
        (run(2), "green", "safe_so_far"),
        (run(1, 3), "green", "safe"),  # a little more in the morning, still in the safe zone
        (run(4), "amber", "acceptable_so_far"),
        (run(5, 2), "amber", "acceptable_settled"),
        (run(2, 1, stiffer=True), "amber", "stiffer"),
        (run(5, 4), "red", "not_settled"),  # 4-5 is fine only if it settles
        (run(4, 5), "red", "worse_next_morning"),
        (run(2, 4), "red", "worse_next_morning"),
        (run(6, 0), "red", "above_five"),
        (run(3, 6), "red", "worse_next_morning"),
        (run(1, 1, swelling=True), "red", "swelling"),
    ],
)
def test_examples(entry: PainEntry, zone: Zone, step: Reason) -> None:
    verdict = classify(entry)
    assert (verdict.zone, verdict.step) == (zone, step)


def test_every_applicable_reason_is_listed_most_serious_first() -> None:
    verdict = classify(run(3, 7, swelling=True, stiffer=True))
    assert verdict.reasons == ("swelling", "worse_next_morning", "above_five", "stiffer")


@pytest.mark.parametrize(
    ("entry", "suggest"),
    [
        (run(3, 3), False),
        (run(6, 6), False),
        (run(1, 1, swelling=True), True),
        (run(7), True),  # severe pain
        (run(2, 5), True),  # much worse the next morning
        (run(2, 4), False),
    ],
)
def test_red_flag_like_signs_suggest_the_knee_pain_check(entry: PainEntry, suggest: bool) -> None:
    assert classify(entry).suggest_kneepain is suggest


def test_only_a_green_run_with_its_morning_answer_allows_progress() -> None:
    assert classify(run(2, 1)).allows_progress
    assert not classify(run(2)).allows_progress
    assert not classify(run(4, 0)).allows_progress


def weekly(*worst_by_week: int) -> list[PainEntry]:
    """One run a week ending on DAY, oldest first; pain during the run as given."""
    count = len(worst_by_week)
    return [
        PainEntry(DAY - timedelta(weeks=count - 1 - index), pain, 0)
        for index, pain in enumerate(worst_by_week)
    ]


@pytest.mark.parametrize(
    ("weeks", "creeping"),
    [
        ((2, 3, 4), True),
        ((3, 4, 5), True),
        ((1, 2, 3), False),  # rising, but still in the safe zone
        ((4, 4, 5), False),  # not rising every week
        ((5, 4, 5), False),
        ((3, 4), False),  # two weeks are not enough
    ],
)
def test_creeping_up_compares_three_weekly_means(weeks: tuple[int, ...], creeping: bool) -> None:
    *history, entry = weekly(*weeks)
    assert creeping_up(entry, history) is creeping
    assert (classify(entry, history).zone == "red") is (creeping or entry.worst > 5)


def test_creeping_up_uses_means_and_the_worse_of_both_scores() -> None:
    history = [
        PainEntry(DAY - timedelta(days=20), 2, 2),
        PainEntry(DAY - timedelta(days=14), 3, 3),  # week 3 mean 2.5
        PainEntry(DAY - timedelta(days=12), 2, 4),
        PainEntry(DAY - timedelta(days=8), 2, 3),  # week 2 mean (4 + 3) / 2 = 3.5
        PainEntry(DAY - timedelta(days=3), 3, 3),
    ]
    assert creeping_up(PainEntry(DAY, 5, None), history)  # this week (3 + 5) / 2 = 4
    assert not creeping_up(PainEntry(DAY, 2, None), history)  # (3 + 2) / 2: lower than 3.5


def test_runs_after_the_entry_do_not_count() -> None:
    *history, entry = weekly(2, 3, 4)
    later = [PainEntry(DAY + timedelta(days=1), 0, 0)] * 3
    assert creeping_up(entry, history + later)
    assert not creeping_up(entry, later)


def rank(zone: Zone) -> int:
    return ZONES.index(zone)


@given(entry=entries())
def test_a_verdict_always_has_reasons_ordered_by_seriousness(entry: PainEntry) -> None:
    verdict = classify(entry)
    assert verdict.reasons
    assert list(verdict.reasons) == sorted(verdict.reasons, key=REASONS.index)
    assert verdict.zone == max((REASON_ZONE[r] for r in verdict.reasons), key=rank)


@given(entry=entries())
def test_the_zone_follows_the_model(entry: PainEntry) -> None:
    zone = classify(entry).zone
    morning = entry.next_morning
    must_be_red = entry.swelling or entry.worst > 5 or (morning is not None and morning >= 4)
    assert (zone == "red") is must_be_red
    if not must_be_red:
        assert (zone == "amber") is (entry.during_run >= 4 or entry.stiffer)


@given(entry=entries())
def test_progress_needs_green_during_and_after(entry: PainEntry) -> None:
    verdict = classify(entry)
    calm = entry.next_morning is not None and entry.worst <= 3
    assert verdict.allows_progress is (calm and not entry.swelling and not entry.stiffer)


@given(data=st.data(), better=entries(), history=st.lists(entries(), max_size=10))
def test_worse_pain_never_gets_a_milder_zone(
    data: st.DataObject, better: PainEntry, history: list[PainEntry]
) -> None:
    worse = data.draw(worse_than(better))
    assert rank(classify(worse, history).zone) >= rank(classify(better, history).zone)


@given(entry=entries())
def test_swelling_always_suggests_the_knee_pain_check(entry: PainEntry) -> None:
    assert classify(entry).suggest_kneepain or not entry.swelling


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: PainEntry(DAY, -1), "during_run"),
        (lambda: PainEntry(DAY, 11), "during_run"),
        (lambda: PainEntry(DAY, 3, 11), "next_morning"),
        (lambda: PainEntry(DAY, 3, minutes=0), "minutes"),
        (lambda: PainEntry(DAY, 3, metres=0), "metres"),
    ],
)
def test_impossible_entries_are_refused(make: Callable[[], PainEntry], field: str) -> None:
    with pytest.raises(ValueError, match=field):
        make()
