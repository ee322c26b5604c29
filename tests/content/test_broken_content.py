"""A broken content file stops loading with an error that names the file and where in it."""

from pathlib import Path
from typing import Any

import pytest

from bot.domain.content.library import load_library
from bot.domain.yamlfile import ContentError
from tests.content.conftest import Edit


def _fails(content_dir: Path, *fragments: str) -> str:
    with pytest.raises(ContentError) as caught:
        load_library(content_dir)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_the_shipped_copy_loads(content_copy: Path) -> None:
    assert load_library(content_copy).stretches


def test_bad_yaml_names_the_file(content_copy: Path) -> None:
    (content_copy / "stretches.yaml").write_text("stretches: [\n  - id: x\n", encoding="utf-8")
    _fails(content_copy, "stretches.yaml", "not valid YAML")


def test_a_missing_file_names_the_file(content_copy: Path) -> None:
    (content_copy / "warmup.yaml").unlink()
    _fails(content_copy, "warmup.yaml", "not found")


def test_unknown_source_id_names_the_file_and_the_entry(edit: Edit) -> None:
    def cite_nobody(data: Any) -> None:
        data["exercises"][2]["sources"].append("nobody2099")

    path = edit("exercises.yaml", cite_nobody)
    _fails(path.parent, "exercises.yaml", "exercises.2.sources", "nobody2099")


def test_unknown_source_in_a_nested_entry_is_found(edit: Edit) -> None:
    def cite_nobody(data: Any) -> None:
        data["overview"]["findings"][1]["sources"] = ["nobody2099"]

    path = edit("prevention.yaml", cite_nobody)
    _fails(path.parent, "prevention.yaml", "overview.findings.1.sources", "nobody2099")


def test_unknown_condition_in_suits_names_the_file(edit: Edit) -> None:
    def bad_suits(data: Any) -> None:
        data["exercises"][0]["suits"].append("runners_knee")

    path = edit("exercises.yaml", bad_suits)
    _fails(path.parent, "exercises.yaml", "exercises.0.suits")


@pytest.mark.parametrize("condition", ["dvt", "fracture", "septic_arthritis", "knee_dislocation"])
def test_emergencies_never_get_home_exercises(edit: Edit, condition: str) -> None:
    def add(data: Any) -> None:
        data["exercises"][0]["suits"].append(condition)

    path = edit("exercises.yaml", add)
    _fails(path.parent, "exercises.yaml", "exercises.0.suits", condition)


def test_duplicate_stretch_id_names_the_file(edit: Edit) -> None:
    def duplicate(data: Any) -> None:
        data["stretches"][1]["id"] = data["stretches"][0]["id"]

    path = edit("stretches.yaml", duplicate)
    _fails(path.parent, "stretches.yaml", "duplicate", "standing_hamstring")


def test_an_exercise_may_not_reuse_a_stretch_id(edit: Edit) -> None:
    def clash(data: Any) -> None:
        data["exercises"][3]["id"] = "wall_calf"

    path = edit("exercises.yaml", clash)
    _fails(path.parent, "exercises.yaml", "exercises.3.id", "wall_calf")


def test_short_warm_up_must_name_existing_moves(edit: Edit) -> None:
    def dangling(data: Any) -> None:
        data["short"].append("cartwheels")

    path = edit("warmup.yaml", dangling)
    _fails(path.parent, "warmup.yaml", "short", "cartwheels")


def test_a_long_name_is_refused(edit: Edit) -> None:
    def long_name(data: Any) -> None:
        data["stretches"][0]["name"] = "A stretch whose name is far too long for a button"

    path = edit("stretches.yaml", long_name)
    _fails(path.parent, "stretches.yaml", "stretches.0.name")


def test_an_entry_too_long_for_one_message_is_refused(edit: Edit) -> None:
    def bloat(data: Any) -> None:
        data["exercises"][0]["steps"] = ["word " * 47] * 8
        data["exercises"][0]["cautions"] = ["word " * 47] * 5

    path = edit("exercises.yaml", bloat)
    _fails(path.parent, "exercises.yaml", "exercises.0", "one message")


def test_a_typo_in_a_key_is_refused(edit: Edit) -> None:
    def typo(data: Any) -> None:
        data["risk_factors"][0]["advise"] = data["risk_factors"][0].pop("advice")

    path = edit("prevention.yaml", typo)
    _fails(path.parent, "prevention.yaml", "risk_factors.0")


def test_unknown_source_on_the_warm_up_itself_names_the_field(edit: Edit) -> None:
    def cite_nobody(data: Any) -> None:
        data["sources"] = ["nobody2099"]

    path = edit("warmup.yaml", cite_nobody)
    message = _fails(path.parent, "warmup.yaml: sources:", "nobody2099")
    assert "top level" not in message
