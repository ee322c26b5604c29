"""content/comeback.yaml loads through load_library(), sourced, honest, worded for every rule."""

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.domain.content.library import Library, load_library
from bot.domain.recovery import DECISION_REASONS, REASONS
from bot.domain.sourced import Sourced
from bot.domain.yamlfile import ContentError
from tests.conftest import ROOT


def test_every_comeback_entry_is_sourced_with_known_sources(library: Library) -> None:
    comeback = library.comeback
    entries: list[Sourced] = [
        comeback.programme,
        comeback.pain_model,
        comeback.not_for,
        *comeback.steps.values(),
        *comeback.decisions.values(),
    ]
    for entry in entries:
        assert entry.sources
        assert set(entry.sources) <= library.sources.keys()
    cited = {id(entry) for entry in library.cited()}
    assert all(id(entry) in cited for entry in entries)


def test_every_verdict_and_decision_has_its_words(library: Library) -> None:
    assert set(library.comeback.steps) == set(REASONS)
    assert set(library.comeback.decisions) == set(DECISION_REASONS)


def test_the_stages_build_from_walk_run_to_30_minutes_continuous(library: Library) -> None:
    stages = library.comeback.programme.stages
    assert 8 <= library.comeback.stage_count == len(stages) <= 10
    assert (stages[0].walk, stages[0].run, stages[0].repeats) == (2, 1, 6)
    assert stages[-1].continuous
    assert stages[-1].running_minutes == 30
    assert any((stage.walk, stage.run) == (2, 3) for stage in stages)


def test_it_is_honest_and_says_who_it_is_not_for(library: Library) -> None:
    comeback = library.comeback
    assert "no consensus" in comeback.programme.intro
    rules = " ".join(comeback.programme.rules)
    assert "rest day" in rules
    assert "twice" in rules
    for words in ("tear", "unstable", "bone stress"):
        assert words in comeback.not_for.text
    assert {"meniscus_tear", "acl_injury", "bone_stress_injury"} <= set(comeback.not_for.conditions)
    assert "silbernagel2007" in comeback.pain_model.sources


Change = Callable[[Any], None]


def _broken(tmp_path: Path, name: str, change: Change) -> str:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_library(content)
    return str(caught.value)


def _set(*path: str | int, value: Any) -> Change:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (_set("steps", "safe", "sources", value=["nobody2099"]), ["steps.safe.sources"]),
        (_set("not_for", "conditions", 0, value="patellofemoral_pain"), ["not_for.conditions.0"]),
        (_set("programme", "stages", 3, "run", value=2), ["stage 4 is not a step up"]),
        (_set("programme", "stages", 9, "walk", value=1), ["continuous run"]),
        (_set("programme", "stages", 0, "repeats", value=20), ["stages.0.repeats"]),
        (lambda data: data["decisions"].pop("red"), ["decisions: missing ['red']"]),
        (_set("programme", "intro", value=""), ["programme.intro"]),
    ],
)
def test_broken_comeback_content_names_the_file_and_place(
    tmp_path: Path, change: Change, fragments: list[str]
) -> None:
    message = _broken(tmp_path, "comeback.yaml", change)
    for fragment in ["comeback.yaml", *fragments]:
        assert fragment in message, message
