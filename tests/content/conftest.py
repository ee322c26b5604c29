"""Fixtures for the content suite: a private copy of content/ that a test may break."""

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"

Edit = Callable[[str, Callable[[Any], None]], Path]


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.fixture
def edit(content_copy: Path) -> Edit:
    """Rewrites one YAML file of the copy through `change(data)`; returns the file's path."""

    def apply(name: str, change: Callable[[Any], None]) -> Path:
        path = content_copy / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path

    return apply
