"""The whole content library, loaded once at start-up with every cross-reference checked."""

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from bot.domain.content.comeback import Comeback
from bot.domain.content.exercises import Exercise, ExercisesFile
from bot.domain.content.prevention import Prevention
from bot.domain.content.stretches import Stretch, StretchesFile
from bot.domain.content.warmup import Warmup
from bot.domain.sourced import ContentModel, Source, Sourced
from bot.domain.triage.load import CONDITIONS_FILE, TRIAGE_FILE, load_triage
from bot.domain.triage.rules import TriageContent
from bot.domain.yamlfile import ContentError, read_model
from bot.paths import CONTENT_DIR

ModelT = TypeVar("ModelT", bound=BaseModel)
CitedT = TypeVar("CitedT")


class SourcesFile(ContentModel):
    sources: tuple[Source, ...]


class Library(ContentModel):
    sources: dict[str, Source]
    stretches: tuple[Stretch, ...]
    warmup: Warmup
    exercises: tuple[Exercise, ...]
    prevention: Prevention
    triage: TriageContent
    comeback: Comeback

    def cited(self) -> Iterator[Sourced]:
        """Every entry in the library that cites sources."""
        for _, entry in _walk_sourced(self, ()):
            yield entry


Location = tuple[int | str, ...]


def _walk_sourced(node: object, loc: Location) -> Iterator[tuple[Location, Sourced]]:
    """Every Sourced entry under `node`, with its path from `node` (as read_model reports paths)."""
    if isinstance(node, Sourced):
        yield loc, node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk_sourced(getattr(node, name), (*loc, name))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _walk_sourced(value, (*loc, key))
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from _walk_sourced(item, (*loc, index))


def _read_cited(path: Path, model: type[ModelT], sources: dict[str, Source]) -> ModelT:
    """Reads one content file and checks that everything it cites is in sources.yaml."""
    return _check_cited(path, read_model(path, model), sources)


def _check_cited(path: Path, content: CitedT, sources: dict[str, Source]) -> CitedT:
    for loc, entry in _walk_sourced(content, ()):
        if unknown := [source for source in entry.sources if source not in sources]:
            where = ".".join(str(part) for part in (*loc, "sources"))
            raise ContentError(f"{path}: {where}: unknown source id(s) {unknown}")
    return content


def _check_shared_ids(
    path: Path, stretches: tuple[Stretch, ...], exercises: tuple[Exercise, ...]
) -> None:
    # Stretches and exercises share one id space, so a bare id always names one routine item.
    stretch_ids = {stretch.id for stretch in stretches}
    for index, exercise in enumerate(exercises):
        if exercise.id in stretch_ids:
            raise ContentError(
                f"{path}: exercises.{index}.id: {exercise.id!r} is already a stretch id"
            )


def _check_not_for(path: Path, comeback: Comeback, triage: TriageContent) -> None:
    # The plan must exclude the same conditions the triage never offers pain monitoring for.
    for index, condition in enumerate(comeback.not_for.conditions):
        if triage.conditions[condition].pain_monitoring != "never":
            raise ContentError(
                f"{path}: not_for.conditions.{index}: {condition!r} is not 'never' for pain "
                "monitoring in conditions.yaml"
            )


def _check_signs(path: Path, prevention: Prevention, triage: TriageContent) -> None:
    for index, sign in enumerate(prevention.see_a_doctor.signs):
        if sign not in triage.safety_net:
            raise ContentError(
                f"{path}: see_a_doctor.signs.{index}: {sign!r} is no safety_net sign in triage.yaml"
            )


def load_library(content_dir: Path = CONTENT_DIR) -> Library:
    sources_file = read_model(content_dir / "sources.yaml", SourcesFile)
    sources = {source.id: source for source in sources_file.sources}
    if len(sources) != len(sources_file.sources):
        raise ContentError(f"{content_dir / 'sources.yaml'}: duplicate source ids")
    stretches = _read_cited(content_dir / "stretches.yaml", StretchesFile, sources).stretches
    warmup = _read_cited(content_dir / "warmup.yaml", Warmup, sources)
    exercises_path = content_dir / "exercises.yaml"
    exercises = _read_cited(exercises_path, ExercisesFile, sources).exercises
    _check_shared_ids(exercises_path, stretches, exercises)
    prevention = _read_cited(content_dir / "prevention.yaml", Prevention, sources)
    triage = load_triage(content_dir)
    _check_signs(content_dir / "prevention.yaml", prevention, triage)
    _check_cited(content_dir / TRIAGE_FILE, triage.model_copy(update={"conditions": {}}), sources)
    _check_cited(content_dir / CONDITIONS_FILE, {"conditions": triage.conditions}, sources)
    comeback_path = content_dir / "comeback.yaml"
    comeback = _read_cited(comeback_path, Comeback, sources)
    _check_not_for(comeback_path, comeback, triage)
    return Library(
        triage=triage,
        sources=sources,
        stretches=stretches,
        warmup=warmup,
        exercises=exercises,
        prevention=prevention,
        comeback=comeback,
    )
