"""Static stretches: offered for comfort and mobility, never as injury prevention."""

from pydantic import Field

from bot.domain.content.fields import Distinct, Label, Line, Name, OneMessage, Paragraph
from bot.domain.sourced import ContentId, ContentModel, Sourced


class Stretch(Sourced, OneMessage):
    id: ContentId
    name: Name
    muscles: tuple[Label, ...] = Field(min_length=1, max_length=4)
    steps: tuple[Line, ...] = Field(min_length=2, max_length=8)
    # ACSM: 10-30 s holds, 2-4 times, about 60 s in total per muscle.
    hold_seconds: int = Field(ge=10, le=60)
    repetitions: int = Field(ge=1, le=5)
    per_side: bool
    cues: tuple[Line, ...] = Field(min_length=1, max_length=4)
    mistakes: tuple[Line, ...] = Field(min_length=1, max_length=4)
    why: Paragraph
    cautions: tuple[Line, ...] = Field(min_length=1, max_length=4)


class StretchesFile(ContentModel):
    stretches: Distinct[Stretch] = Field(min_length=1)
