"""Forward kinematics: joint angles -> 3D points of a figure 1.0 tall.

Segment lengths are fractions of body height from Winter's anthropometric table (D. A. Winter,
Biomechanics and Motor Control of Human Movement, 4th ed., 2009, fig. 4.1). Axes: x forward,
y up, z to the figure's right (right-handed). Angles are degrees.

The trunk bends at the waist (the thoracolumbar junction, T12/L1): a lower part from the pelvis
and an upper part, carrying the neck, head and arms. Winter's table has no T12 landmark, so the
waist is a stated approximation: 40% of the way from the hip joints (0.530 H) to the shoulders
(0.818 H), at 0.645 H, where the rib cage ends. The spine's limits are conservative shares of
the thoracolumbar ranges of the American Academy of Orthopaedic Surgeons (Joint Motion: Method
of Measuring and Recording, AAOS 1965; tabulated in Norkin & White, Measurement of Joint Motion:
A Guide to Goniometry): flexion 80°, extension 20-30°, lateral flexion 35°, rotation 45°.

The foot bends at the ball (the metatarsophalangeal joints), so a heel can rise while the toes
stay flat. The ball sits at 0.73 of the foot's length from the heel: a stated approximation
within the 70-79% measured for the first MTP joint in 453 women's feet ("Flexion location of
the first metatarsophalangeal joint and the location of forefoot bend in general-purpose women's
footwear", a 3D foot-scan study). The toes' limits stay within the first MTP joint's normal
range, 70° extension and 45° flexion (American Academy of Orthopaedic Surgeons, as tabulated in
C. C. Norkin and D. J. White, Measurement of Joint Motion: A Guide to Goniometry, 5th ed., 2016):
up to 70° extension, and only 30° flexion.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # rows

# Winter 2009, fig. 4.1 (fractions of height H).
TRUNK = 0.818 - 0.530  # greater trochanter to shoulder (glenohumeral joint)
WAIST = 0.4 * TRUNK  # hip joints to the thoracolumbar junction (see above)
NECK = 0.052  # shoulder to chin level
HEAD_RADIUS = 0.065  # chin 0.870 to top of head 1.000
HIP_WIDTH = 0.191
SHOULDER_WIDTH = 0.259
THIGH = 0.245
SHANK = 0.246
ANKLE_HEIGHT = 0.039
FOOT = 0.152
UPPER_ARM = 0.186
FOREARM = 0.146
HAND = 0.108
HEEL_BACK = 0.25  # share of the foot behind the ankle
BALL = 0.73  # share of the foot from the heel to the ball (see above)

SIDES = ("l", "r")
SIDE_JOINTS = (
    "hip_flex",  # thigh forward (+) or back (-)
    "hip_abd",  # thigh out to the side (+) or across (-)
    "hip_rot",  # external (+) or internal (-) rotation of the thigh about its own axis
    "knee",  # flexion, 0 = straight
    "ankle",  # dorsiflexion (+), plantarflexion (-)
    "toe",  # the toes bent up at the ball (extension +) or curled down (flexion -)
    "shoulder_flex",
    "shoulder_abd",
    "elbow",
)
BODY_JOINTS = (
    "body_pitch",
    "body_roll",
    "body_yaw",
    "spine_flex",  # the upper trunk bends forward (+) or back (-) at the waist
    "spine_side",  # bends towards the figure's right (+) or left (-)
    "spine_rot",  # turns left (+) or right (-) over the pelvis
    "neck",
)
JOINTS = BODY_JOINTS + tuple(f"{side}_{joint}" for side in SIDES for joint in SIDE_JOINTS)

# (lowest, highest) in degrees: what a healthy adult can do, so a typo cannot draw an injury.
LIMITS: dict[str, tuple[float, float]] = {
    "body_pitch": (-180, 180),
    "body_roll": (-180, 180),
    "body_yaw": (-180, 180),
    "spine_flex": (-20, 70),  # AAOS: extension 20-30°, flexion 80°
    "spine_side": (-30, 30),  # AAOS: 35° each way
    "spine_rot": (-40, 40),  # AAOS: 45° each way
    "neck": (-40, 60),
    "hip_flex": (-35, 145),
    "hip_abd": (-35, 75),
    "hip_rot": (-45, 65),
    "knee": (0, 155),
    "ankle": (-50, 35),
    "toe": (-30, 70),
    "shoulder_flex": (-60, 180),
    "shoulder_abd": (-40, 180),
    "elbow": (0, 150),
}

Angles = Mapping[str, float]


def limits_of(joint: str) -> tuple[float, float]:
    return LIMITS[joint.split("_", 1)[1] if joint[:2] in ("l_", "r_") else joint]


def _rx(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1, 0, 0), (0, c, -s), (0, s, c))


def _ry(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0, s), (0, 1, 0), (-s, 0, c))


def _rz(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0), (s, c, 0), (0, 0, 1))


def _mul(a: Mat, b: Mat) -> Mat:
    cols = tuple(zip(*b, strict=True))
    return tuple(
        tuple(sum(x * y for x, y in zip(row, col, strict=True)) for col in cols) for row in a
    )  # type: ignore[return-value]


def _apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def _add(a: Vec, b: Vec, scale: float = 1.0) -> Vec:
    return (a[0] + b[0] * scale, a[1] + b[1] * scale, a[2] + b[2] * scale)


DOWN: Vec = (0.0, -1.0, 0.0)
UP: Vec = (0.0, 1.0, 0.0)
FORWARD: Vec = (1.0, 0.0, 0.0)
RIGHT: Vec = (0.0, 0.0, 1.0)


@dataclass(frozen=True)
class Figure:
    """Joint positions (pelvis at the origin) and the axes of the pelvis and of the chest (the
    upper trunk), for drawing."""

    points: dict[str, Vec]
    trunk_forward: Vec
    trunk_right: Vec
    chest_forward: Vec
    chest_right: Vec


def pose(angles: Angles) -> Figure:
    a = {joint: float(angles.get(joint, 0.0)) for joint in JOINTS}
    # Roll, then pitch (lean forward +), then yaw (turn left +) in the world.
    root = _mul(_ry(a["body_yaw"]), _mul(_rz(-a["body_pitch"]), _rx(a["body_roll"])))
    # The upper trunk: forward, then sideways, then the turn about its own axis.
    chest = _mul(root, _mul(_rz(-a["spine_flex"]), _mul(_rx(a["spine_side"]), _ry(a["spine_rot"]))))
    pelvis: Vec = (0.0, 0.0, 0.0)
    waist = _apply(root, (0.0, WAIST, 0.0))
    neck = _add(waist, _apply(chest, UP), TRUNK - WAIST)
    head_dir = _apply(_mul(chest, _rz(-a["neck"])), UP)
    points: dict[str, Vec] = {
        "pelvis": pelvis,
        "waist": waist,
        "neck": neck,
        "chin": _add(neck, head_dir, NECK),
        "head": _add(neck, head_dir, NECK + HEAD_RADIUS),
    }
    for side in SIDES:
        sign = 1.0 if side == "r" else -1.0
        j = {name: a[f"{side}_{name}"] for name in SIDE_JOINTS}
        hip = _apply(root, (0.0, 0.0, sign * HIP_WIDTH / 2))
        # Out to the side first, then forward, then the twist about the thigh's own axis.
        thigh = _mul(
            root,
            _mul(_rz(j["hip_flex"]), _mul(_rx(-sign * j["hip_abd"]), _ry(-sign * j["hip_rot"]))),
        )
        knee = _add(hip, _apply(thigh, DOWN), THIGH)
        shank = _mul(thigh, _rz(-j["knee"]))
        ankle = _add(knee, _apply(shank, DOWN), SHANK - ANKLE_HEIGHT)
        foot = _mul(shank, _rz(j["ankle"]))
        sole = _add(ankle, _apply(foot, DOWN), ANKLE_HEIGHT)
        heel = _add(sole, _apply(foot, FORWARD), -HEEL_BACK * FOOT)
        ball = _add(heel, _apply(foot, FORWARD), BALL * FOOT)
        toes = _mul(foot, _rz(j["toe"]))
        shoulder = _add(neck, _apply(chest, RIGHT), sign * SHOULDER_WIDTH / 2)
        arm = _mul(chest, _mul(_rz(j["shoulder_flex"]), _rx(-sign * j["shoulder_abd"])))
        elbow = _add(shoulder, _apply(arm, DOWN), UPPER_ARM)
        forearm = _mul(arm, _rz(j["elbow"]))
        wrist = _add(elbow, _apply(forearm, DOWN), FOREARM)
        points |= {
            f"{side}_hip": hip,
            f"{side}_knee": knee,
            f"{side}_ankle": ankle,
            f"{side}_heel": heel,
            f"{side}_ball": ball,
            f"{side}_toe": _add(ball, _apply(toes, FORWARD), (1 - BALL) * FOOT),
            f"{side}_shoulder": shoulder,
            f"{side}_elbow": elbow,
            f"{side}_wrist": wrist,
            f"{side}_hand": _add(wrist, _apply(forearm, DOWN), HAND * 0.8),
        }
    return Figure(
        points,
        _apply(root, FORWARD),
        _apply(root, RIGHT),
        _apply(chest, FORWARD),
        _apply(chest, RIGHT),
    )


# How thick the figure is around each point (half the width of the limb drawn through it).
RADIUS: dict[str, float] = {
    "pelvis": 0.07,
    "waist": 0.06,
    "neck": 0.055,
    "chin": 0.03,
    "head": HEAD_RADIUS,
    "hip": 0.06,
    "knee": 0.04,
    "ankle": 0.026,
    "heel": 0.02,
    "ball": 0.02 + (0.016 - 0.02) * BALL,  # on the line from heel to toe: a straight foot as before
    "toe": 0.016,
    "shoulder": 0.04,
    "elbow": 0.03,
    "wrist": 0.022,
    "hand": 0.022,
}


def radius(point: str) -> float:
    return RADIUS[point.split("_", 1)[1] if point[:2] in ("l_", "r_") else point]


def lowest(figure: Figure) -> float:
    """The height of the figure's underside: the lowest point less the thickness drawn there."""
    return min(y - radius(name) for name, (_, y, _) in figure.points.items())
