"""Hypothesis strategies for Findings, built from the field specs so new fields are covered."""

from typing import Any

from hypothesis import strategies as st

from bot.domain.triage.findings import FIELDS, FieldSpec, Findings


def _values(spec: FieldSpec) -> st.SearchStrategy[Any]:
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "int":
        values = st.integers(0, 120)  # covers every age, day and minute limit in the rules
        return st.none() | values if spec.optional else values
    if spec.kind == "choice":
        return st.sampled_from(spec.values)
    return st.lists(st.sampled_from(spec.values), unique=True)


findings: st.SearchStrategy[Findings] = st.fixed_dictionaries(
    {name: _values(spec) for name, spec in FIELDS.items()}
).map(Findings.model_validate)


def with_changes(base: Findings, **changes: Any) -> Findings:
    return Findings.model_validate({**base.model_dump(), **changes})
