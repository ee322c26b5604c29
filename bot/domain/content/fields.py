"""Field types and checks shared by the stretch, warm-up, exercise and prevention models."""

from collections import Counter
from typing import Annotated, Any, Self, TypeVar

from pydantic import AfterValidator, BaseModel, StringConstraints, model_validator

from bot.domain.sourced import ContentModel

# Button labels: Telegram cuts longer labels off on narrow phones.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
# A muscle or body part, shown inline.
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
# One bullet: a step, a cue, a mistake, a caution, a piece of advice.
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=240)]
# A short paragraph: why something helps, how strong the evidence is.
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]

# Telegram allows 4096 characters a message. An entry's own text stays under this, leaving room
# for headings, bullets, the dose line and the citations the renderer adds.
MESSAGE_BUDGET = 3000
_PER_STRING = 3  # a bullet, a space and a line break around every printed string


def text_chars(node: object) -> int:
    """The characters a renderer prints for `node`: every string in it, with a little framing."""
    if isinstance(node, str):
        return len(node) + _PER_STRING
    if isinstance(node, BaseModel):
        return sum(text_chars(getattr(node, name)) for name in type(node).model_fields)
    if isinstance(node, list | tuple):
        return sum(text_chars(item) for item in node)
    return 0


class OneMessage(ContentModel):
    """An entry the bot shows as one Telegram message."""

    @model_validator(mode="after")
    def _fits_one_message(self) -> Self:
        size = text_chars(self)
        if size > MESSAGE_BUDGET:
            raise ValueError(
                f"{size} characters of text; one message leaves room for {MESSAGE_BUDGET}"
            )
        return self


def _each_once(items: tuple[Any, ...]) -> tuple[Any, ...]:
    keys = [getattr(item, "id", item) for item in items]
    if repeated := sorted(key for key, count in Counter(keys).items() if count > 1):
        raise ValueError(f"duplicate {repeated}")
    return items


Item = TypeVar("Item")
# A list in which each entry, or each entry's id where entries have one, stands once.
Distinct = Annotated[tuple[Item, ...], AfterValidator(_each_once)]
