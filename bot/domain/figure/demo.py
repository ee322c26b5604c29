"""One demonstration as content: its keyframes, camera, props and tint, checked when it loads.

A keyframe starts from a named pose (or the keyframe before it) and `set`s joint angles; a joint
named without its side (`knee`) sets both. Every angle is checked against the joint's limits, a
point said to be `planted` must stay where it is through the whole loop, and a loop lasts 2-6 s,
so a typo in a keyframe stops start-up like any other content error.
"""

import hashlib
import json
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated

from pydantic import Field, model_validator

from bot.domain.figure.motion import Key, angles_at, blend, duration, ease
from bot.domain.figure.skeleton import (
    JOINTS,
    SIDES,
    TRUNK,
    WAIST,
    Figure,
    Vec,
    limits_of,
    lowest,
    pose,
    radius,
)
from bot.domain.sourced import ContentId, ContentModel

FPS = 20
MIN_SECONDS, MAX_SECONDS = 2.0, 6.0
PLANTED_TOLERANCE = 0.02  # of body height: about 3.5 cm on a 1.75 m runner
SOLVED_STEPS = 6  # a closed-chain move is solved at this many points along the way
# Of body height: a yoga mat is about 61 cm wide, 0.35 of a 1.75 m runner; it reaches a little
# beyond the figure, and the floor a little further behind it.
MAT_WIDTH, MAT_MARGIN, FLOOR_BEHIND = 0.35, 0.12, 0.5
POINTS = (
    "pelvis",
    "waist",
    "neck",
    "head",
    *(
        f"{side}_{part}"
        for side in SIDES
        for part in (
            "hip",
            "knee",
            "ankle",
            "heel",
            "ball",
            "toe",
            "shoulder",
            "elbow",
            "wrist",
            "hand",
        )
    ),
)
# What may be tinted as the working muscles: a limb segment, the trunk (both parts), its lower
# part alone (pelvis to waist: the obliques and the low back), or the glutes (pelvis).
SEGMENTS = (
    "trunk",
    "lower_trunk",
    "pelvis",
    *(
        f"{side}_{part}"
        for side in SIDES
        for part in ("thigh", "shank", "foot", "toes", "upper_arm", "forearm")
    ),
)
Seconds = Annotated[float, Field(ge=0, le=4)]
Point2 = tuple[float, float]


class Frame(ContentModel):
    pose: ContentId | None = None  # a named pose; otherwise the keyframe before this one
    set: dict[str, float] = Field(default_factory=dict)
    move: Seconds = 0.8
    hold: Seconds = 0.0
    # Joints left free to keep the `planted` points where the first frame put them (a foot on
    # the floor while the knee bends): found by search when the content loads.
    solve: tuple[str, ...] = ()


class Step(ContentModel):
    """A box or step: its top at `height`, from x0 to x1 (screen units of body height)."""

    x0: float
    x1: float
    height: float = Field(gt=0, le=0.6)


class Props(ContentModel):
    mat: bool = False
    wall: float | None = None  # x of a wall's face
    step: Step | None = None
    chair: Step | None = None  # a seat, drawn with a back and legs
    strap: tuple[str | Point2, str | Point2] | None = None  # a strap, band or belt between two ends
    towel: str | None = None  # a rolled towel on the floor under this point (a knee)
    weight: str | None = None  # an ankle weight strapped round this point


class Anchor(ContentModel):
    """Where the figure stands: `point` (or its underside, `lowest`) is placed at `at`."""

    point: str = "lowest"
    at: Point2 = (0.0, 0.0)


class Demo(ContentModel):
    id: ContentId
    view: float = Field(default=0, ge=-180, le=180)  # camera yaw: 0 from the right side, 90 front
    elevation: float = Field(default=0, ge=0, le=90)  # camera looking down by this many degrees
    # Drawn larger than the library's common size: a small pose (sitting, lying) read on a phone.
    zoom: float = Field(default=1.0, ge=1.0, le=1.6)
    props: Props = Props()
    tint: tuple[str, ...] = Field(min_length=1)
    anchor: Anchor = Anchor()
    planted: tuple[str, ...] = ()
    grounded: tuple[str, ...] = ()  # on the floor in every frame (solved for in keyframes)
    frames: tuple[Frame, ...] = Field(min_length=2)
    back: Seconds = 0.8  # easing from the last keyframe into the first again


class DemosFile(ContentModel):
    poses: dict[ContentId, dict[str, float]]
    demos: tuple[Demo, ...]

    @model_validator(mode="after")
    def _check(self) -> "DemosFile":
        for name, angles in self.poses.items():
            _expand(angles, f"pose {name!r}")
        for demo in self.demos:
            _check_demo(demo, self.poses)
        return self

    def animation(self, demo: Demo) -> "Animation":
        return Animation.of(demo, self.poses)

    def by_id(self) -> dict[str, Demo]:
        return {demo.id: demo for demo in self.demos}


def _check_demo(demo: Demo, poses: dict[str, dict[str, float]]) -> None:
    """What start-up checks (fast): names, joint limits and the loop's length. Solving the
    planted feet and checking every frame happens when a demonstration is rendered, and for
    every demonstration in the tests."""
    where = f"demo {demo.id!r}"
    for number, frame in enumerate(demo.frames, start=1):
        if frame.pose is not None and frame.pose not in poses:
            raise ValueError(f"{where}, frame {number}: unknown pose {frame.pose!r}")
        if frame.pose is None and number == 1:
            raise ValueError(f"{where}, frame 1: name a pose to start from")
        if frame.solve and not (demo.planted or demo.grounded):
            raise ValueError(f"{where}, frame {number}: nothing planted or grounded to solve")
        _expand(frame.set, f"{where}, frame {number}")
        _expand(dict.fromkeys(frame.solve, 0.0), f"{where}, frame {number}")
    seconds = demo.frames[0].hold + sum(f.move + f.hold for f in demo.frames[1:]) + demo.back
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise ValueError(f"{where}: lasts {seconds:g} s, not {MIN_SECONDS:g}-{MAX_SECONDS:g}")
    upright = (demo.props.wall, demo.props.step, demo.props.chair, demo.props.strap)
    if demo.elevation and any(prop is not None for prop in upright):
        raise ValueError(f"{where}: a wall, step, chair or strap is drawn for a level camera only")
    props = {point for point in (demo.props.towel, demo.props.weight) if point is not None}
    names = {demo.anchor.point, *demo.planted, *demo.grounded, *props} - {"lowest"}
    if unknown := sorted(names - set(POINTS)):
        raise ValueError(f"{where}: unknown point(s) {unknown}")
    if unknown := sorted(set(demo.tint) - set(SEGMENTS)):
        raise ValueError(f"{where}: unknown tint segment(s) {unknown}")


def _expand(angles: dict[str, float], where: str) -> dict[str, float]:
    """Side-less joint names set both sides; every name and angle is checked."""
    out: dict[str, float] = {}
    for joint, value in angles.items():
        names = [joint] if joint in JOINTS else [f"{side}_{joint}" for side in SIDES]
        for name in names:
            if name not in JOINTS:
                raise ValueError(f"{where}: unknown joint {joint!r}")
            low, high = limits_of(name)
            if not low <= value <= high:
                raise ValueError(f"{where}: {name} {value:g}° is outside {low:g}..{high:g}°")
            out[name] = value
    return out


@dataclass(frozen=True)
class Projected:
    """One frame as the camera sees it: (x, height, depth) per point, in units of body height;
    larger depth is nearer the camera. Seen from above, a point's height on screen is not its
    height above the floor, and from the front a foot sliding forwards does not show: `room`
    keeps where each point is in the room (x, height above the floor, z)."""

    points: dict[str, Vec]
    room: dict[str, Vec]
    lower_width: tuple[float, float]  # drawn width of the lower trunk at the hips and the waist
    upper_width: tuple[float, float]  # drawn width of the upper trunk at the waist and shoulders
    facing: Vec  # the way the pelvis faces, as the camera sees it
    chest_facing: Vec  # the way the chest faces: turned from the pelvis in a twist


@dataclass(frozen=True)
class Animation:
    demo: Demo
    keys: tuple[Key, ...]

    @classmethod
    def of(cls, demo: Demo, poses: dict[str, dict[str, float]]) -> "Animation":
        """The loop's keys, with the free joints solved and closed-chain moves (a foot that
        stays put while the knee bends) cut into solved steps so the foot does not slide."""
        where = f"demo {demo.id!r}"
        still = cls(demo, ())
        keys: list[Key] = []
        free: list[list[str]] = []
        for frame in demo.frames:
            start = _expand(poses[frame.pose], where) if frame.pose else keys[-1].angles
            angles = dict.fromkeys(JOINTS, 0.0) | start | _expand(frame.set, where)
            joints = list(_expand(dict.fromkeys(frame.solve, 0.0), where))
            if joints:
                goal = still.projected(keys[0].angles) if keys else None
                angles = still._solve(angles, joints, goal, 16.0)
            keys.append(Key(angles, frame.move, frame.hold))
            free.append(joints)
        keys.append(Key(keys[0].angles, demo.back, 0.0))
        free.append(sorted({joint for joints in free for joint in joints}))  # the way back
        goal = still.projected(keys[0].angles)
        looped = [keys[0]]
        for previous, key, joints in zip(keys, keys[1:], free[1:], strict=False):
            if joints and demo.planted and key.move > 0:
                for step in range(1, SOLVED_STEPS):
                    between = blend(previous.angles, key.angles, ease(step / SOLVED_STEPS))
                    solved = still._solve(between, joints, goal, 4.0)
                    looped.append(Key(solved, key.move / SOLVED_STEPS, 0.0, eased=False))
                key = Key(key.angles, key.move / SOLVED_STEPS, key.hold, eased=False)
            looped.append(key)
        return cls(demo, tuple(looped))

    @property
    def seconds(self) -> float:
        return duration(self.keys)

    @property
    def frame_count(self) -> int:
        return round(self.seconds * FPS)

    def check(self) -> None:
        """Planted points stay put, grounded ones touch the floor and nothing sinks into it,
        frame by frame."""
        where = f"demo {self.demo.id!r}"
        frames = [self.frame(n) for n in range(self.frame_count)]
        for point in self.demo.planted:
            spans = [
                max(axis) - min(axis) for axis in zip(*(f.room[point] for f in frames), strict=True)
            ]
            if max(spans) > PLANTED_TOLERANCE:
                raise ValueError(f"{where}: {point} should stay planted but moves")
        for point in self.demo.grounded:
            for number, frame in enumerate(frames):
                if abs(frame.room[point][1] - radius(point)) > PLANTED_TOLERANCE:
                    raise ValueError(f"{where}: {point} is off the floor in frame {number}")
        floor = min(p[1] - radius(name) for f in frames for name, p in f.room.items())
        if floor < -PLANTED_TOLERANCE:
            raise ValueError(f"{where}: the figure goes {-floor:.2f} below the floor")

    def frame(self, number: int) -> Projected:
        return self.projected(angles_at(self.keys, number / FPS))

    def projected(self, angles: dict[str, float]) -> Projected:
        figure, room = self._placed(angles)
        camera = self._camera
        seen = {name: camera(p) for name, p in room.items()}
        right, forward = camera(figure.trunk_right), camera(figure.trunk_forward)
        chest_right, chest_forward = camera(figure.chest_right), camera(figure.chest_forward)
        # The drawn width is the body's width and depth, each by how much of it faces the camera.
        lower = _axis(seen, "pelvis", "waist")
        upper = _axis(seen, "waist", "neck")
        lower_shares = (_across(lower, right), _across(lower, forward))
        upper_shares = (_across(upper, chest_right), _across(upper, chest_forward))
        return Projected(
            seen,
            room,
            (_width(lower_shares, 0.0), _width(lower_shares, WAIST / TRUNK)),
            (_width(upper_shares, WAIST / TRUNK), _width(upper_shares, 1.0)),
            forward,
            chest_forward,
        )

    def _placed(self, angles: dict[str, float]) -> tuple[Figure, dict[str, Vec]]:
        """The figure posed and placed in the room: moved along the floor across the camera's
        view, so the anchor shows where the demonstration puts it, and lifted so the floor is
        at height 0."""
        figure = pose(angles)
        anchor = self.demo.anchor
        cos_yaw, sin_yaw, _, _ = self._turns
        if anchor.point == "lowest":  # the pelvis (at the origin) stays at depth 0
            across, depth, lift = 0.0, 0.0, anchor.at[1] - lowest(figure)
        else:  # the anchor stays at depth 0: a foot that stays put while the hips move back
            x, y, z = figure.points[anchor.point]
            across, depth = x * cos_yaw - z * sin_yaw, x * sin_yaw + z * cos_yaw
            lift = anchor.at[1] - y
        shift = anchor.at[0] - across
        dx, dz = shift * cos_yaw - depth * sin_yaw, -shift * sin_yaw - depth * cos_yaw
        return figure, {
            name: (x + dx, y + lift, z + dz) for name, (x, y, z) in figure.points.items()
        }

    @cached_property
    def _turns(self) -> tuple[float, float, float, float]:
        """The camera's yaw and tilt as cosines and sines, worked out once."""
        yaw, tilt = math.radians(self.demo.view), math.radians(self.demo.elevation)
        return (math.cos(yaw), math.sin(yaw), math.cos(tilt), math.sin(tilt))

    def _camera(self, p: Vec) -> Vec:
        """A point in the room as the camera sees it: (x, height on screen, depth)."""
        cos_yaw, sin_yaw, cos_tilt, sin_tilt = self._turns
        x = p[0] * cos_yaw - p[2] * sin_yaw
        depth = p[0] * sin_yaw + p[2] * cos_yaw
        # Looking down: what is nearer the camera shows lower on screen, and what is higher
        # (the top leg of a figure lying on its side) is nearer.
        return (x, p[1] * cos_tilt - depth * sin_tilt, depth * cos_tilt + p[1] * sin_tilt)

    @cached_property
    def _room(self) -> list[Vec]:
        """Every point of every key, placed in the room: what the floor and the mat are under."""
        return [p for key in self.keys for p in self._placed(key.angles)[1].values()]

    @cached_property
    def mat(self) -> tuple[Point2, Point2, Point2, Point2]:
        """The mat's corners on screen: a rectangle on the floor under all the figure does
        (lying, sitting or kneeling on it), at least a yoga mat's width."""
        xs, zs = [p[0] for p in self._room], [p[2] for p in self._room]
        (x0, x1), (z0, z1) = _mat_span(min(xs), max(xs)), _mat_span(min(zs), max(zs))
        if x1 - x0 < z1 - z0:  # the mat runs along the body, whichever way it lies
            x0, x1 = _at_least(x0, x1, MAT_WIDTH)
        else:
            z0, z1 = _at_least(z0, z1, MAT_WIDTH)
        corners = ((x0, 0.0, z0), (x1, 0.0, z0), (x1, 0.0, z1), (x0, 0.0, z1))
        a, b, c, d = (self._camera(corner)[:2] for corner in corners)
        return (a, b, c, d)

    @cached_property
    def floor_edge(self) -> float:
        """The screen height of the floor's far edge, a little behind the figure: 0 for a level
        camera, higher the more the camera looks down on the floor."""
        # The floor under the farthest point shows highest.
        under = max(self._camera((p[0], 0.0, p[2]))[1] for p in self._room)
        return under + FLOOR_BEHIND * self._turns[3]  # the tilt's sine

    def _solve(
        self, angles: dict[str, float], free: list[str], goal: Projected | None, step: float
    ) -> dict[str, float]:
        """Coordinate descent on the free joints, within their limits: planted points towards
        where `goal` (the first keyframe) has them, grounded points onto the floor."""
        planted = [(p, goal.room[p]) for p in self.demo.planted] if goal is not None else []

        def miss(candidate: dict[str, float]) -> float:
            room = self._placed(candidate)[1]
            off_floor = sum((room[p][1] - radius(p)) ** 2 for p in self.demo.grounded)
            return off_floor + sum(math.dist(room[p], at) ** 2 for p, at in planted)

        best, error = dict(angles), miss(angles)
        while step > 0.05:
            improved = False
            for joint in free:
                low, high = limits_of(joint)
                for delta in (step, -step):
                    trial = best | {joint: min(high, max(low, best[joint] + delta))}
                    if (trial_error := miss(trial)) < error:
                        best, error, improved = trial, trial_error, True
            if not improved:
                step /= 2
        return best


def fingerprint(demo: Demo, poses: dict[str, dict[str, float]]) -> str:
    """Changes whenever anything drawn changes: the key of the rendered file's cache."""
    used = sorted({frame.pose for frame in demo.frames if frame.pose})
    data = {"demo": demo.model_dump(mode="json"), "poses": {name: poses[name] for name in used}}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def _axis(seen: dict[str, Vec], start: str, end: str) -> Point2:
    """The on-screen direction of a trunk part (a unit vector; none if seen end-on)."""
    ux, uy = seen[end][0] - seen[start][0], seen[end][1] - seen[start][1]
    norm = math.hypot(ux, uy) or 1.0
    return (ux / norm, uy / norm)


def _across(along: Point2, axis: Vec) -> float:
    """How much of a body axis shows across a trunk part on screen (0: end-on, 1: fully)."""
    return abs(axis[0] * -along[1] + axis[1] * along[0])


def _width(shares: tuple[float, float], height: float) -> float:
    """The trunk's drawn width `height` of the way from the hips (0) to the shoulders (1):
    from 0.19 wide and 0.15 deep at the hips to 0.28 wide and 0.14 deep at the shoulders."""
    across, deep = shares
    return across * (0.19 + 0.09 * height) + deep * (0.15 - 0.01 * height)


def _mat_span(low: float, high: float) -> Point2:
    return (low - MAT_MARGIN, high + MAT_MARGIN)


def _at_least(low: float, high: float, width: float) -> Point2:
    centre, half = (low + high) / 2, max(high - low, width) / 2
    return (centre - half, centre + half)


def lowest_height(frame: Projected) -> float:
    return min(p[1] - radius(name) for name, p in frame.points.items())
