"""The whole content library, loaded once at start-up with every cross-reference checked."""

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from bot.content.base import ContentModel, Source, Sourced
from bot.content.loader import ContentError, read_model

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


class SourcesFile(ContentModel):
    sources: tuple[Source, ...]


class Library(ContentModel):
    sources: dict[str, Source]

    def cited(self) -> Iterator[Sourced]:
        """Every entry in the library that cites sources."""
        yield from _walk_sourced(self)


def _walk_sourced(node: object) -> Iterator[Sourced]:
    if isinstance(node, Sourced):
        yield node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk_sourced(getattr(node, name))
    elif isinstance(node, dict):
        for value in node.values():
            yield from _walk_sourced(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _walk_sourced(item)


def _check_sources(library: Library) -> None:
    for entry in library.cited():
        unknown = [source for source in entry.sources if source not in library.sources]
        if unknown:
            raise ContentError(f"content: unknown source id(s) {unknown} cited by {entry!r:.120}")


def load_library(content_dir: Path = DEFAULT_CONTENT_DIR) -> Library:
    sources_file = read_model(content_dir / "sources.yaml", SourcesFile)
    sources = {source.id: source for source in sources_file.sources}
    if len(sources) != len(sources_file.sources):
        raise ContentError(f"{content_dir / 'sources.yaml'}: duplicate source ids")
    library = Library(sources=sources)
    _check_sources(library)
    return library
