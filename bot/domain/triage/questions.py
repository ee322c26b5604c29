"""The questionnaire's content: questions whose button options each set Findings fields."""

from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from bot.domain.sourced import ContentModel, Text
from bot.domain.triage.findings import check_item, check_scalar, field_spec
from bot.domain.triage.predicates import Predicate

# Both ids travel in callback data (64 bytes at most), so they stay short.
QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,16}$")]
OptionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,12}$")]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
SetValue = bool | int | str | tuple[str, ...]
# A multi-select answer travels as a bit mask in two characters of a 62-letter alphabet.
MAX_MULTI_OPTIONS = 11


class Option(ContentModel):
    id: OptionId
    label: Label
    sets: dict[str, SetValue] = Field(default_factory=dict)  # list fields: items are added
    show_if: Predicate | None = None  # over the findings of the earlier answers
    # Added under the question while the option shows: what a word on its button means.
    hint: Text | None = None

    @model_validator(mode="after")
    def _values_fit_findings(self) -> Self:
        for name, value in self.sets.items():
            if isinstance(value, tuple):
                for item in value:
                    check_item(name, item)
            elif field_spec(name).kind == "choices":
                raise ValueError(f"{name} is a list: give it a list of items")
            else:
                check_scalar(name, value)
        return self


class Question(ContentModel):
    id: QuestionId
    text: Text
    ask_if: Predicate | None = None  # over the findings of the answers so far
    # multi: "tap all that apply, then Done"; the answer is every option tapped (maybe none).
    multi: bool = False
    options: tuple[Option, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_options(self) -> Self:
        ids = [option.id for option in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate option ids in question {self.id!r}")
        if self.multi and len(self.options) > MAX_MULTI_OPTIONS:
            raise ValueError(f"question {self.id!r}: at most {MAX_MULTI_OPTIONS} options")
        return self

    def reads_fields(self) -> frozenset[str]:
        """The fields whose answers decide whether this question, or one of its options, shows."""
        tests = [self.ask_if, *(option.show_if for option in self.options)]
        return frozenset().union(*(test.fields() for test in tests if test is not None))

    def option(self, option_id: str) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)

    def sets_fields(self) -> frozenset[str]:
        return frozenset(name for option in self.options for name in option.sets)
