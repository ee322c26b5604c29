"""What the runner reports: the engine's only input, and the vocabulary the YAML predicates use."""

from dataclasses import dataclass, replace
from types import MappingProxyType, UnionType
from typing import Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field

Onset = Literal["injury", "gradual"]
Mechanism = Literal["twist", "inward_force", "direct_blow", "none"]
WeightBearing = Literal["normal", "limping", "unable"]  # unable: cannot take 4 steps
Swelling = Literal["none", "rapid", "delayed", "mild"]  # rapid: within ~2 h of an injury
PainSite = Literal[
    "joint_line",
    "below_joint_line",
    "inner_kneecap",
    "below_kneecap",
    "inner_side_ligament",
    "back_of_knee",
    "diffuse",
]
Trigger = Literal[
    "stairs",
    "sitting",
    "squatting",
    "rising",
    "start_of_run",
    "pivoting",
    "side_step",
    "hills",
    "long_runs",
]


class Findings(BaseModel):
    """Every field but age has a neutral default, so a finding is only ever added, never guessed:
    how the pain started is unknown (None) until asked, so a check that ends early never reads as
    "it came on gradually"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    age: int = Field(ge=0, le=120)
    onset: Onset | None = None
    mechanism: Mechanism = "none"
    # None: not known. A rule that needs recency never reads an unknown date as today.
    days_since_onset: int | None = Field(default=None, ge=0)
    weight_bearing: WeightBearing = "normal"
    swelling: Swelling = "none"
    very_swollen: bool = False  # the whole knee visibly swollen and tight, injury or not
    swollen_without_injury: bool = False  # a bit swollen, and no injury to explain it
    hot_red_or_fever: bool = False
    feels_very_unwell: bool = False  # shivering, confusion, very fast breathing, mottled skin
    infection_risk: bool = False  # diabetes, immune-suppressing treatment, a knee replacement,
    # or an injection or operation on the knee in the last 6 weeks
    blood_thinners: bool = False
    locked: bool = False
    catching: bool = False
    clicking: bool = False
    giving_way: bool = False
    cannot_bend_90: bool = False
    deformity_or_numb_cold_foot: bool = False
    calf_swelling: bool = False  # a swollen, painful or warm calf
    breathless_or_chest_pain: bool = False
    wound_into_joint: bool = False  # a cut or wound that goes into the knee joint
    bone_tenderness: bool = False
    pain_on_hopping: bool = False
    night_or_rest_pain: bool = False
    weight_loss_or_lump: bool = False  # losing weight without trying, or a hard lump
    groin_or_thigh_pain: bool = False
    bone_stress_risk: bool = False  # missed periods, a past stress fracture, under-eating or
    # very low body weight
    back_pain_or_tingling: bool = False  # from the back or buttock, tingling, numbness, weak leg
    # numbness between the legs or around the bottom, new trouble with urine or stools
    cauda_equina_signs: bool = False
    limits_daily_life: bool = False  # walking, stairs, work or sleep
    recent_load_increase: bool = False
    pain_site: PainSite = "diffuse"
    worse_with: list[Trigger] = Field(default_factory=list)
    morning_stiffness_minutes: int = Field(default=0, ge=0)
    weeks_without_improvement: int = Field(default=0, ge=0)


Kind = Literal["bool", "int", "choice", "choices"]


@dataclass(frozen=True)
class FieldSpec:
    kind: Kind
    values: tuple[str, ...] = ()  # the allowed values of a choice, or of each item of choices
    optional: bool = False  # None means not known


def _spec(annotation: object) -> FieldSpec:
    if annotation is bool:
        return FieldSpec("bool")
    if annotation is int:
        return FieldSpec("int")
    if get_origin(annotation) in (Union, UnionType) and type(None) in get_args(annotation):
        (known,) = (arg for arg in get_args(annotation) if arg is not type(None))
        return replace(_spec(known), optional=True)
    if get_origin(annotation) is Literal:
        return FieldSpec("choice", get_args(annotation))
    if get_origin(annotation) is list:
        return FieldSpec("choices", get_args(get_args(annotation)[0]))
    raise TypeError(f"Findings field type {annotation!r} has no predicate support")


# Derived from the model, so a new field is usable in YAML without touching the predicates.
FIELDS: MappingProxyType[str, FieldSpec] = MappingProxyType(
    {name: _spec(info.annotation) for name, info in Findings.model_fields.items()}
)


def field_spec(name: str) -> FieldSpec:
    try:
        return FIELDS[name]
    except KeyError:
        raise ValueError(f"unknown field {name!r}; known fields: {', '.join(FIELDS)}") from None


def check_scalar(name: str, value: object) -> None:
    """Raise ValueError unless `value` is a value the scalar field `name` can hold."""
    spec = field_spec(name)
    if spec.kind == "bool":
        ok = isinstance(value, bool)
    elif spec.kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif spec.kind == "choice":
        ok = value in spec.values
    else:
        raise ValueError(f"{name} is a list: test it with has/has_any")
    if not ok:
        raise ValueError(f"{name} cannot be {value!r}; {_expected(spec)}")


def check_item(name: str, value: object) -> None:
    """Raise ValueError unless `value` is an allowed item of the list field `name`."""
    spec = field_spec(name)
    if spec.kind != "choices":
        raise ValueError(f"{name} is not a list: test it with is/in")
    if value not in spec.values:
        raise ValueError(f"{name} cannot contain {value!r}; {_expected(spec)}")


def _expected(spec: FieldSpec) -> str:
    if spec.values:
        return "expected one of " + ", ".join(spec.values)
    return f"expected {spec.kind}"
