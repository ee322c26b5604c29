"""Building blocks shared by every content model."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Ids are what callback data and cross-references carry: short, ASCII, stable.
ContentId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,32}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class ContentModel(BaseModel):
    """Strict and immutable: a typo in a YAML key is an error, not a silently ignored field."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(ContentModel):
    """An entry that makes a clinical statement and so must cite where it comes from."""

    sources: tuple[ContentId, ...] = Field(min_length=1)


class Source(ContentModel):
    id: ContentId
    cite: Text
