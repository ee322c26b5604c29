"""Hypothesis strategies for logged runs, and a way to make a run pointwise worse."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import strategies as st

from bot.domain.recovery import PainEntry, Session, classify

START = date(2025, 1, 1)
scores = st.integers(0, 10)
calm = st.integers(0, 3)
days = st.integers(0, 60).map(lambda offset: START + timedelta(days=offset))


@st.composite
def entries(draw: st.DrawFn, day: date | None = None) -> PainEntry:
    """Any run; half of them calm (green, morning answered) so that green streaks are common."""
    quiet = draw(st.booleans())
    return PainEntry(
        day=draw(days) if day is None else day,
        during_run=draw(calm if quiet else scores),
        next_morning=draw(calm if quiet else st.none() | scores),
        minutes=draw(st.none() | st.integers(1, 60)),
        swelling=not quiet and draw(st.booleans()),
        stiffer=not quiet and draw(st.booleans()),
    )


@st.composite
def worse_than(draw: st.DrawFn, entry: PainEntry) -> PainEntry:
    """The same run with pain at least as high and every yes/no sign kept (or added)."""
    morning = entry.next_morning
    return replace(
        entry,
        during_run=draw(st.integers(entry.during_run, 10)),
        next_morning=None if morning is None else draw(st.integers(morning, 10)),
        swelling=entry.swelling or draw(st.booleans()),
        stiffer=entry.stiffer or draw(st.booleans()),
    )


@st.composite
def runs_at(draw: st.DrawFn, stage_count: int, current: int) -> list[tuple[int, PainEntry]]:
    """Sessions as (stage, run), mostly at the current stage so that streaks form."""
    stage = st.sampled_from([current, current, current, *range(1, stage_count + 1)])
    return draw(st.lists(st.tuples(stage, entries()), max_size=8))


def sessions(runs: list[tuple[int, PainEntry]]) -> list[Session]:
    return [Session(stage, classify(entry)) for stage, entry in runs]
