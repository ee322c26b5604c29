"""Loading the triage content from YAML, once, with errors that name the file and the path."""

from functools import cache
from pathlib import Path

from pydantic import ValidationError

from bot.domain.triage.rules import ConditionsFile, TriageContent, TriageFile
from bot.domain.yamlfile import ContentError, read_model
from bot.paths import CONTENT_DIR

TRIAGE_FILE = "triage.yaml"
CONDITIONS_FILE = "conditions.yaml"


def load_triage(content_dir: Path) -> TriageContent:
    rules = read_model(content_dir / TRIAGE_FILE, TriageFile)
    conditions = read_model(content_dir / CONDITIONS_FILE, ConditionsFile)
    try:
        return TriageContent(
            **{name: getattr(rules, name) for name in TriageFile.model_fields},
            conditions={condition.id: condition for condition in conditions.conditions},
        )
    except ValidationError as exc:
        message = exc.errors()[0]["msg"]
        raise ContentError(f"{content_dir / CONDITIONS_FILE}: {message}") from None


@cache
def default_content() -> TriageContent:
    """The content shipped in content/, loaded on first use."""
    return load_triage(CONTENT_DIR)
