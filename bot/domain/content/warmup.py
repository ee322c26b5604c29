"""The pre-run warm-up: one ordered list of dynamic moves and a short version drawn from it."""

from pydantic import Field, ValidationInfo, field_validator

from bot.domain.content.fields import Distinct, Line, Name, OneMessage, Paragraph
from bot.domain.sourced import ContentId, ContentModel, Sourced


class WarmupMove(Sourced):
    id: ContentId
    name: Name
    how: Line
    # Every move has a duration, even a counted one, so a routine's length can be added up.
    seconds: int = Field(ge=10, le=300)
    reps: int | None = Field(default=None, ge=1, le=30)
    per_side: bool = False


class WarmupVersion(ContentModel):
    name: Name
    moves: tuple[WarmupMove, ...]

    @property
    def seconds(self) -> int:
        return sum(move.seconds for move in self.moves)


class Warmup(Sourced, OneMessage):
    name: Name
    intro: Paragraph
    moves: Distinct[WarmupMove] = Field(min_length=3, max_length=12)
    short_name: Name
    short: Distinct[ContentId] = Field(min_length=2)

    @field_validator("short")
    @classmethod
    def _short_names_moves(
        cls, short: tuple[ContentId, ...], info: ValidationInfo
    ) -> tuple[ContentId, ...]:
        # `moves` is validated first (field order); if it failed, its own error is reported.
        known = {move.id for move in info.data.get("moves", ())}
        if unknown := [move_id for move_id in short if move_id not in known]:
            raise ValueError(f"unknown move(s) {unknown}")
        return short

    @property
    def full(self) -> WarmupVersion:
        return WarmupVersion(name=self.name, moves=self.moves)

    @property
    def quick(self) -> WarmupVersion:
        """The short version, in the order it lists its moves."""
        by_id = {move.id: move for move in self.moves}
        return WarmupVersion(name=self.short_name, moves=tuple(by_id[i] for i in self.short))
