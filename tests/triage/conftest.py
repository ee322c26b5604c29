"""Fixtures for the triage suite: the shipped content, and a copy of it that a test may break."""

import shutil
from pathlib import Path

import pytest

from bot.domain.triage import TriageContent, default_content
from bot.paths import CONTENT_DIR


@pytest.fixture(scope="session")
def content() -> TriageContent:
    return default_content()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of content/ for tests that break a file on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target
