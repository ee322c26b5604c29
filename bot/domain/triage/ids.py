"""The vocabulary shared by the triage engine, the content library and the renderers."""

from typing import Literal, get_args

Level = Literal["emergency", "urgent", "soon", "routine", "self_care"]
LEVELS: tuple[Level, ...] = get_args(Level)  # most urgent first

ConditionId = Literal[
    "mcl_sprain",
    "meniscus_tear",
    "acl_injury",
    "pes_anserine_bursitis",
    "patellofemoral_pain",
    "patellar_tendinopathy",
    "medial_plica",
    "knee_osteoarthritis",
    "bone_stress_injury",
    "fracture",
    "knee_dislocation",
    "septic_arthritis",
    "dvt",
    "referred_hip_pain",
    "femoral_stress_fracture",
    "osgood_schlatter",
    "osteochondritis_dissecans",
    "inflammatory_arthritis",
    "bakers_cyst",
    "referred_back_pain",
]
CONDITION_IDS: tuple[ConditionId, ...] = get_args(ConditionId)
