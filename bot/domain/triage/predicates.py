"""Declarative conditions over Findings, written in YAML and checked against Findings at load time.

{field: onset, is: injury}          {field: pain_site, in: [joint_line, diffuse]}
{field: worse_with, has: stairs}    {field: worse_with, has_any: [stairs, rising]}
{field: age, gte: 55}               {field: days_since_onset, lte: 7}   (gte and lte may pair)
{all: [...]}    {any: [...]}    {not: {...}}
"""

from typing import Annotated, Any, ClassVar, Self

from pydantic import Discriminator, Field, StrictInt, Tag, model_validator

from bot.domain.sourced import ContentModel
from bot.domain.triage.findings import Findings, check_item, check_scalar, field_spec

Scalar = bool | int | str

# Which operators each kind of field accepts.
_OPERATORS = {
    "bool": {"is"},
    "int": {"is", "in", "gte", "lte"},
    "choice": {"is", "in"},
    "choices": {"has", "has_any"},
}


class FieldTest(ContentModel):
    field: str
    is_: Scalar | None = Field(default=None, alias="is")
    in_: tuple[Scalar, ...] | None = Field(default=None, alias="in", min_length=1)
    has: str | None = None
    has_any: tuple[str, ...] | None = Field(default=None, min_length=1)
    gte: StrictInt | None = None
    lte: StrictInt | None = None

    @model_validator(mode="after")
    def _fits_the_field(self) -> Self:
        spec = field_spec(self.field)
        given = {op for op in ("is", "in", "has", "has_any", "gte", "lte") if self._operand(op)}
        if not given:
            raise ValueError(f"no operator for {self.field!r}")
        if len(given) > 1 and given != {"gte", "lte"}:
            raise ValueError(f"one operator per test, got {sorted(given)}")
        wrong = given - _OPERATORS[spec.kind]
        if wrong:
            allowed = sorted(_OPERATORS[spec.kind])
            raise ValueError(f"{self.field} ({spec.kind}) takes {allowed}, not {sorted(wrong)}")
        for value in (self.is_, *(self.in_ or ())):
            if value is not None:
                check_scalar(self.field, value)
        for item in (self.has, *(self.has_any or ())):
            if item is not None:
                check_item(self.field, item)
        return self

    def _operand(self, op: str) -> bool:
        return getattr(self, {"is": "is_", "in": "in_"}.get(op, op)) is not None

    def holds(self, findings: Findings) -> bool:
        value = getattr(findings, self.field)
        if self.is_ is not None:
            return bool(value == self.is_)
        if self.in_ is not None:
            return value in self.in_
        if self.has is not None:
            return self.has in value
        if self.has_any is not None:
            return any(item in value for item in self.has_any)
        if value is None:  # not known: a bound on it never holds
            return False
        return (self.gte is None or value >= self.gte) and (self.lte is None or value <= self.lte)

    def fields(self) -> frozenset[str]:
        return frozenset({self.field})


class _Joined(ContentModel):
    """Several predicates: all of them hold (AllOf), or at least one (AnyOf)."""

    needs_all: ClassVar[bool]
    parts: tuple["Predicate", ...]

    def holds(self, findings: Findings) -> bool:
        results = (part.holds(findings) for part in self.parts)
        return all(results) if self.needs_all else any(results)

    def fields(self) -> frozenset[str]:
        return frozenset().union(*(part.fields() for part in self.parts))


class AllOf(_Joined):
    needs_all = True
    parts: tuple["Predicate", ...] = Field(alias="all", min_length=1)


class AnyOf(_Joined):
    needs_all = False
    parts: tuple["Predicate", ...] = Field(alias="any", min_length=1)


class NotOf(ContentModel):
    not_: "Predicate" = Field(alias="not")

    def holds(self, findings: Findings) -> bool:
        return not self.not_.holds(findings)

    def fields(self) -> frozenset[str]:
        return self.not_.fields()


def _kind(value: Any) -> str:
    """Pick the model from the keys, so an error points into the intended shape only."""
    if isinstance(value, dict):
        return next((key for key in ("all", "any", "not") if key in value), "field")
    if isinstance(value, AllOf):
        return "all"
    if isinstance(value, AnyOf):
        return "any"
    return "not" if isinstance(value, NotOf) else "field"


Predicate = Annotated[
    Annotated[FieldTest, Tag("field")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")],
    Discriminator(_kind),
]

for _model in (AllOf, AnyOf, NotOf):
    _model.model_rebuild()
