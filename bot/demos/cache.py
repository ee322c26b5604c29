"""Where each demonstration's file lives, and rendering the ones that are missing.

A file is named after its item and a hash of its keyframes plus RENDERER_VERSION, so a content
change (or a change to how figures are drawn: bump the version) renders only what changed.
"""

import os
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from bot.demos.draw import render, viewport
from bot.demos.encode import encode
from bot.domain.figure.demo import Animation, Demo, DemosFile, fingerprint

RENDERER_VERSION = "9"


@dataclass(frozen=True)
class Demos:
    """The library's demonstrations and the directory their files are cached in."""

    content: DemosFile
    directory: Path

    def key(self, item_id: str) -> str:
        """What a file (and its upload) is known by: it changes whenever the drawing does."""
        return (
            f"{item_id}-{fingerprint(self._demo(item_id), self.content.poses)}-r{RENDERER_VERSION}"
        )

    def path(self, item_id: str) -> Path:
        return self.directory / f"{self.key(item_id)}.mp4"

    def has(self, item_id: str) -> bool:
        return item_id in self.content.by_id()

    def missing(self) -> list[str]:
        return [demo.id for demo in self.content.demos if not self.path(demo.id).exists()]

    def ensure(self, item_id: str) -> Path:
        """The item's file, rendered now if it is not there yet (slow: call it off the loop)."""
        path = self.path(item_id)
        if not path.exists():
            render_file(self._demo(item_id), self.content.poses, path)
        return path

    def build(self, items: Iterable[str], progress: Callable[[int, int], None]) -> None:
        """Renders `items` in parallel, one process per core, reporting (done, total)."""
        todo = list(items)
        progress(0, len(todo))
        if not todo:
            return
        workers = max(1, min(len(todo), os.cpu_count() or 1))
        with ProcessPoolExecutor(workers) as pool:
            futures = [
                pool.submit(render_file, self._demo(item), self.content.poses, self.path(item))
                for item in todo
            ]
            for done, future in enumerate(as_completed(futures), start=1):
                future.result()
                progress(done, len(todo))

    def _demo(self, item_id: str) -> Demo:
        return self.content.by_id()[item_id]


def render_file(demo: Demo, poses: dict[str, dict[str, float]], path: Path) -> None:
    """Renders to a temporary name first: a half-written file is never taken for a finished one."""
    animation = Animation.of(demo, poses)
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = [animation.frame(n) for n in range(animation.frame_count)]
    view = viewport(animation, frames)
    partial = path.with_name(f"{path.stem}.{uuid.uuid4().hex}.partial.mp4")
    encode((render(animation, frame, view) for frame in frames), partial)
    partial.replace(path)
