"""The triage content loads, cites real sources, never diagnoses, and fails loudly when broken."""

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from bot.domain.sourced import Sourced
from bot.domain.triage import CONDITION_IDS, LEVELS, TriageContent, load_triage
from bot.domain.yamlfile import ContentError
from bot.paths import CONTENT_DIR

Edit = Callable[[dict[str, Any]], None]


def _walk(node: object) -> Iterator[object]:
    yield node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name))
    elif isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _walk(item)


def test_the_shipped_content_covers_every_level_and_condition(content: TriageContent) -> None:
    assert set(content.levels) == set(LEVELS)
    assert list(content.conditions) == list(CONDITION_IDS)
    assert {flag.level for flag in content.red_flags} == {"emergency", "urgent", "soon"}


def test_every_citation_is_a_known_source(content: TriageContent) -> None:
    raw = yaml.safe_load((CONTENT_DIR / "sources.yaml").read_text(encoding="utf-8"))
    known = {source["id"] for source in raw["sources"]}
    cited = [node for node in _walk(content) if isinstance(node, Sourced)]
    assert len(cited) > 100
    for entry in cited:
        assert set(entry.sources) <= known, entry


def test_no_text_claims_a_diagnosis() -> None:
    for name in ("triage.yaml", "conditions.yaml"):
        text = (CONTENT_DIR / name).read_text(encoding="utf-8")
        assert not re.search(r"\byou(('ve| have) got| have) (a|an|the)?\s*\w", text, re.I), name
        assert not re.search(r"\bdiagnos", re.sub(r"^\s*#.*$", "", text, flags=re.M), re.I), name


def _edit(directory: Path, name: str, change: Edit) -> None:
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _set_when(index: int, when: object) -> Edit:
    def change(data: dict[str, Any]) -> None:
        data["red_flags"][index]["when"] = when

    return change


def _ask_morning_first(data: dict[str, Any]) -> None:
    questions = data["questions"]
    morning = next(q for q in questions if q["id"] == "morning")
    questions.remove(morning)
    questions.insert(0, morning)


def _unknown_advice(data: dict[str, Any]) -> None:
    data["conditions"][0]["self_care"].append("ice_forever")


def _long_label(data: dict[str, Any]) -> None:
    data["questions"][0]["options"][0]["label"] = (
        "An option label much longer than thirty characters"
    )


def _no_doctor_words(data: dict[str, Any]) -> None:
    """A reason needing a doctor with a level that has nothing to say to that."""
    del data["levels"]["routine"]["doctor_action"]


def _set_option(field: str, value: object) -> Edit:
    def change(data: dict[str, Any]) -> None:
        data["questions"][0]["options"][0]["sets"] = {field: value}

    return change


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        (
            "triage.yaml",
            _set_when(0, {"field": "deformity_or_numb_cold_foo", "is": True}),
            r"triage\.yaml: red_flags\.0\.when\.field: .*unknown field 'deformity_or_numb_cold_",
        ),
        (
            "triage.yaml",
            _set_when(2, {"all": [{"field": "onset", "is": "injured"}]}),
            r"red_flags\.2\.when\.all\.all\.0\.field: .*onset cannot be 'injured'; expected one of",
        ),
        (
            "triage.yaml",
            _set_when(1, {"field": "age", "is": "old"}),
            r"red_flags\.1\.when\.field: .*age cannot be 'old'",
        ),
        (
            "triage.yaml",
            _set_when(1, {"field": "worse_with", "is": "stairs"}),
            r"worse_with \(choices\) takes \['has', 'has_any'\]",
        ),
        (
            "triage.yaml",
            _set_when(1, {"not": {"field": "locked", "is": True}, "extra": 1}),
            r"red_flags\.1\.when\.not\.extra: Extra inputs are not permitted",
        ),
        (
            "triage.yaml",
            _ask_morning_first,
            r"question 'morning': ask_if or show_if uses \['age', 'onset'\]",
        ),
        ("triage.yaml", _long_label, r"questions\.0\.options\.0\.label: .*at most 30 characters"),
        ("triage.yaml", _set_option("swelling", "huge"), r"swelling cannot be 'huge'"),
        ("triage.yaml", _no_doctor_words, r"needs a doctor: routine has no doctor_action"),
        ("conditions.yaml", _unknown_advice, r"conditions\.yaml: .*unknown id 'ice_forever'"),
    ],
)
def test_broken_content_fails_with_file_and_path(
    content_copy: Path, name: str, change: Edit, expected: str
) -> None:
    _edit(content_copy, name, change)
    with pytest.raises(ContentError, match=expected):
        load_triage(content_copy)


def test_a_missing_condition_fails(content_copy: Path) -> None:
    _edit(content_copy, "conditions.yaml", lambda data: data["conditions"].pop())
    with pytest.raises(ContentError, match=r"missing conditions \['referred_back_pain'\]"):
        load_triage(content_copy)
