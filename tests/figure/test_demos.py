"""Every stretch, warm-up move and exercise has a demonstration whose keyframes are valid: joint
limits and names when the content loads, planted feet and the floor for every frame; broken
keyframes stop start-up with a message that names the item. The stretches that need a spine use
it: a side-bend over the hips, a twist over a square pelvis, a long back in the hamstring hinge."""

import math
import shutil
from pathlib import Path

import pytest
import yaml

from bot.domain.content.library import Library, load_library
from bot.domain.figure.demo import (
    MAX_SECONDS,
    MIN_SECONDS,
    PLANTED_TOLERANCE,
    Demo,
    fingerprint,
)
from bot.domain.figure.skeleton import Vec, pose, radius
from bot.domain.yamlfile import ContentError
from tests.conftest import ROOT

ITEM_IDS = [
    *(s.id for s in load_library(ROOT / "content").stretches),
    *(m.id for m in load_library(ROOT / "content").warmup.moves),
    *(e.id for e in load_library(ROOT / "content").exercises),
]


def test_every_item_has_exactly_one_demonstration(library: Library) -> None:
    assert sorted(demo.id for demo in library.demos.demos) == sorted(ITEM_IDS)
    assert len(ITEM_IDS) == 41


@pytest.mark.parametrize("item_id", ITEM_IDS)
def test_each_demonstration_keeps_its_feet_and_stays_above_the_floor(
    library: Library, item_id: str
) -> None:
    demo = library.demos.by_id()[item_id]
    animation = library.demos.animation(demo)
    animation.check()  # planted points stay within tolerance, grounded ones touch the floor
    assert MIN_SECONDS <= animation.seconds <= MAX_SECONDS
    frames = [animation.frame(n) for n in range(animation.frame_count)]
    for point in demo.planted:
        heights = [frame.points[point][1] for frame in frames]
        assert max(heights) - min(heights) <= PLANTED_TOLERANCE
    first, wrapped = animation.frame(0).points, animation.frame(animation.frame_count).points
    assert [wrapped[p] for p in first] == [pytest.approx(first[p]) for p in first]  # it loops


def _content_with(tmp_path: Path, change: str, to: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "demos.yaml"
    text = path.read_text()
    assert change in text
    path.write_text(text.replace(change, to, 1))
    return content


@pytest.mark.parametrize(
    ("change", "to", "message"),
    [
        ("r_knee: 140,", "r_knee: -10,", "demo 'standing_quad', frame 3: r_knee -10° is outside"),
        ("r_knee: 140,", "r_kneee: 140,", "unknown joint 'r_kneee'"),
        ("tint: [r_thigh]", "tint: [r_calf]", "unknown tint segment(s) ['r_calf']"),
        ("back: 0.4", "back: 3.5", "demo 'standing_quad': lasts"),
        ("- id: butterfly", "- id: butterfly_stretch", "no demonstration for ['butterfly']"),
        ("towel: r_knee", "towel: r_kne", "demo 'quad_set': unknown point(s) ['r_kne']"),
        ("zoom: 1.4", "zoom: 3", "zoom: Input should be less than or equal to 1.6"),
        ("spine_side: -30", "spine_side: 80", "demo 'standing_itb', frame 3: spine_side 80°"),
        (
            "zoom: 1.3\n    props: {mat: true}",
            "zoom: 1.3\n    props: {mat: true, wall: 0.5}",
            "demo 'side_lying_abduction': a wall, step, chair or strap is drawn for a level",
        ),
        (
            "ankle: -35, toe: 35}",
            "ankle: -35, toe: 120}",
            "demo 'calf_raise', frame 2: l_toe 120° is outside -30..70°",
        ),
    ],
)
def test_a_broken_keyframe_stops_loading_and_names_the_demo(
    tmp_path: Path, change: str, to: str, message: str
) -> None:
    with pytest.raises(ContentError) as error:
        load_library(_content_with(tmp_path, change, to))
    assert "demos.yaml" in str(error.value) and message in str(error.value)


def _above_the_floor_where_highest(library: Library, item_id: str, point: str) -> dict[str, float]:
    """How far each point's underside is above the floor, in the keyframe where `point` is
    highest (the top of a calf raise, the bottom of a lunge for the back heel)."""
    animation = library.demos.animation(library.demos.by_id()[item_id])
    keys = [animation.projected(key.angles).points for key in animation.keys]
    top = max(keys, key=lambda points: points[point][1])
    return {name: y - radius(name) for name, (_, y, _) in top.items()}


@pytest.mark.parametrize(
    ("item_id", "side"),
    [
        ("calf_raise", "r"),
        ("calf_raise", "l"),
        ("kneeling_hip_flexor", "r"),  # the back foot's toes tucked under
        ("walking_lunges", "l"),  # the back foot
        ("split_squat", "l"),
    ],
)
def test_a_raised_heel_stands_on_the_ball_with_the_toes_flat(
    library: Library, item_id: str, side: str
) -> None:
    """Not on the tips of rigid feet: the ball and the toe tip on the floor, the heel well up."""
    height = _above_the_floor_where_highest(library, item_id, f"{side}_heel")
    assert height[f"{side}_ball"] == pytest.approx(0, abs=0.005)  # within a centimetre
    assert height[f"{side}_toe"] == pytest.approx(0, abs=0.005)
    assert height[f"{side}_heel"] > 0.05  # about 9 cm on a 1.75 m runner


def test_kneeling_the_back_knee_rests_on_the_mat_beside_its_tucked_toes(library: Library) -> None:
    height = _above_the_floor_where_highest(library, "kneeling_hip_flexor", "r_heel")
    assert height["r_knee"] == pytest.approx(0, abs=0.005)


def test_a_foot_that_slides_is_caught_when_the_demonstration_is_checked(library: Library) -> None:
    raw = library.demos.model_dump(mode="json")
    wall_sit = next(d for d in raw["demos"] if d["id"] == "wall_sit")
    for frame in wall_sit["frames"]:
        frame["solve"] = []
    wall_sit["frames"][1]["set"]["knee"] = 60  # bent less than the hips: the feet are dragged
    broken = type(library.demos).model_validate(yaml.safe_load(yaml.safe_dump(raw)))
    with pytest.raises(ValueError, match=r"wall_sit.*should stay planted"):
        broken.animation(broken.by_id()["wall_sit"]).check()


def test_a_calf_raise_whose_toes_do_not_bend_is_caught_frame_by_frame(library: Library) -> None:
    """Heels up with unbent toes would stand the figure on its toe tips again."""
    raw = library.demos.model_dump(mode="json")
    calf_raise = next(d for d in raw["demos"] if d["id"] == "calf_raise")
    del calf_raise["frames"][1]["set"]["toe"]
    calf_raise["planted"] = ["r_hand"]  # only grounded: the ball may roll, the toes must lie flat
    broken = type(library.demos).model_validate(raw)
    with pytest.raises(ValueError, match=r"calf_raise': r_toe is off the floor in frame \d+"):
        broken.animation(broken.by_id()["calf_raise"]).check()


def test_the_cache_key_changes_with_the_drawing_only(library: Library) -> None:
    demos = library.demos
    demo = demos.by_id()["clamshell"]
    changed = demo.model_copy(update={"back": demo.back + 0.1})
    assert fingerprint(changed, demos.poses) != fingerprint(demo, demos.poses)
    assert fingerprint(demo.model_copy(), demos.poses) == fingerprint(demo, demos.poses)


def test_the_wall_sit_holds_right_angles_with_its_back_on_the_wall(library: Library) -> None:
    """Thighs level, shins upright, the back against the wall: a wall sit, not a half squat."""
    demo = library.demos.by_id()["wall_sit"]
    held = max(library.demos.animation(demo).keys, key=lambda key: key.hold)
    figure = pose(held.angles)

    def degrees_from_level(a: str, b: str) -> float:
        (ax, ay, _), (bx, by, _) = figure.points[a], figure.points[b]
        return math.degrees(math.atan2(abs(ay - by), math.hypot(ax - bx, 0.0) or 1e-9))

    for side in ("l", "r"):
        assert degrees_from_level(f"{side}_hip", f"{side}_knee") < 10  # the thigh level
        assert degrees_from_level(f"{side}_knee", f"{side}_ankle") > 80  # the shin upright
    assert figure.points["neck"][0] == pytest.approx(figure.points["pelvis"][0], abs=0.02)


def _held(library: Library, item_id: str) -> dict[str, Vec]:
    """The points of the pose held longest (the stretch itself), the pelvis at the origin."""
    keys = library.demos.animation(library.demos.by_id()[item_id]).keys
    return pose(max(keys, key=lambda key: key.hold).angles).points


def _sideways(a: Vec, b: Vec) -> float:
    """The angle of the line a -> b from the vertical, towards the figure's right (+)."""
    return math.degrees(math.atan2(b[2] - a[2], b[1] - a[1]))


def _heading(points: dict[str, Vec], joint: str) -> float:
    """Which way the line from the left to the right hip or shoulder points, seen from above."""
    (lx, _, lz), (rx, _, rz) = points[f"l_{joint}"], points[f"r_{joint}"]
    return math.degrees(math.atan2(rx - lx, rz - lz))


def test_the_standing_itb_stretch_bends_at_the_waist_over_hips_pushed_to_the_wall(
    library: Library,
) -> None:
    """The wall is on the right: the hips go towards it over the feet, and the upper body bends
    away from it at the waist, not as one leaning plank, the hands together over the head (not
    spread in a V); both feet stay on the floor."""
    points = _held(library, "standing_itb")
    floor = min(y - radius(name) for name, (_, y, _) in points.items())
    for foot in ("l_heel", "l_toe", "r_toe"):
        assert points[foot][1] - radius(foot) - floor < PLANTED_TOLERANCE
    assert points["pelvis"][2] - points["l_ankle"][2] > 0.15  # hips over towards the wall
    lower = _sideways(points["pelvis"], points["waist"])
    upper = _sideways(points["waist"], points["neck"])
    assert lower > 5 and upper < -15  # a curve: the low back towards the wall, the chest away
    assert lower - upper >= 25
    assert math.dist(points["l_hand"], points["r_hand"]) < 0.06  # about 10 cm
    assert min(points["l_hand"][1], points["r_hand"][1]) > points["head"][1]


def test_the_seated_itb_stretch_turns_the_shoulders_over_square_hips(library: Library) -> None:
    """The upper body turns right, towards the bent knee; the pelvis stays square to the legs;
    the left elbow is at the outside of the right knee and the right foot flat on the floor."""
    points = _held(library, "seated_itb")
    assert abs(_heading(points, "hip")) < 5
    assert _heading(points, "shoulder") < -30
    elbow, knee = points["l_elbow"], points["r_knee"]
    assert math.dist(elbow, knee) < 0.08 and elbow[2] > knee[2]  # against its outer side
    animation = library.demos.animation(library.demos.by_id()["seated_itb"])
    seen = animation.projected(max(animation.keys, key=lambda key: key.hold).angles).points
    for point in ("r_heel", "r_toe"):  # seen from the side, level: the height above the floor
        assert abs(seen[point][1] - radius(point)) < PLANTED_TOLERANCE


@pytest.mark.parametrize("item_id", ["standing_hamstring", "seated_hamstring"])
def test_the_hamstring_stretches_hinge_at_the_hips_with_a_long_back(
    library: Library, item_id: str
) -> None:
    """Leaning forward from the hips, the low back and the chest stay in one line (a slump would
    bend at the waist instead)."""
    points = _held(library, item_id)
    lower, upper = (
        (points[b][0] - points[a][0], points[b][1] - points[a][1])
        for a, b in (("pelvis", "waist"), ("waist", "neck"))
    )
    lean = math.degrees(math.atan2(upper[0], upper[1]))
    bend = math.degrees(math.atan2(upper[0], upper[1]) - math.atan2(lower[0], lower[1]))
    assert lean > 25 and abs(bend) < 5


def test_seen_from_above_the_floor_is_the_room_s_not_the_screen_s(library: Library) -> None:
    """Side steps are seen from 10° above: the far foot shows higher on screen, yet both feet
    stand on the floor, and the standing foot is checked on it in every frame."""
    animation = library.demos.animation(library.demos.by_id()["side_steps"])
    first = animation.frame(0)
    on_screen = {side: first.points[f"{side}_heel"][1] for side in "lr"}
    assert abs(on_screen["l"] - on_screen["r"]) > 0.01
    assert [first.room[f"{side}_heel"][1] for side in "lr"] == [
        pytest.approx(radius("l_heel"), abs=0.005)
    ] * 2
    animation.check()  # the left foot is grounded


def test_a_lifted_foot_said_to_be_grounded_is_caught_from_an_elevated_camera(
    library: Library,
) -> None:
    demo = library.demos.by_id()["side_steps"]
    lifted = demo.model_copy(update={"grounded": ("r_toe",)})  # the stepping foot
    with pytest.raises(ValueError, match="r_toe is off the floor"):
        library.demos.animation(lifted).check()


def test_the_top_view_mat_holds_the_whole_figure_in_every_frame(library: Library) -> None:
    animation = library.demos.animation(library.demos.by_id()["lying_quad"])
    (x0, y0), _, (x1, y1), _ = animation.mat
    for number in range(animation.frame_count):
        for x, y, _ in animation.frame(number).points.values():
            assert min(x0, x1) < x < max(x0, x1) and min(y0, y1) < y < max(y0, y1)


def test_the_side_lunge_bends_one_knee_over_its_toes_with_both_feet_flat(
    library: Library,
) -> None:
    """Seen from the front: the hips lower towards the right foot, whose knee stays over its
    toes (not caving in), the left leg straight, both feet flat where they stood."""
    animation = library.demos.animation(library.demos.by_id()["side_lunge_adductor"])
    held = max(animation.keys, key=lambda key: key.hold).angles
    start, lunge = animation.projected(animation.keys[0].angles), animation.projected(held)
    assert start.room["pelvis"][1] - lunge.room["pelvis"][1] > 0.07  # about 12 cm lower
    knee, heel, toe = (lunge.points[f"r_{p}"][0] for p in ("knee", "heel", "toe"))
    assert min(heel, toe) - 0.01 < knee < max(heel, toe) + 0.01
    assert held["r_knee"] >= 75 and held["l_knee"] == 0
    for point in ("r_heel", "r_toe", "l_heel", "l_toe"):
        assert lunge.room[point] == pytest.approx(start.room[point], abs=PLANTED_TOLERANCE)
        assert lunge.room[point][1] == pytest.approx(radius(point), abs=0.005)


def test_a_foot_sliding_towards_the_camera_is_caught_though_it_does_not_show(
    library: Library,
) -> None:
    """From the front, a foot that slides 12 cm forwards (the leg swinging 15° from the hip)
    stays in the same place on screen; planted feet are checked in the room, so it is caught."""
    sliding = Demo.model_validate(
        {
            "id": "sliding",
            "view": 90,
            "tint": ["l_thigh"],
            "anchor": {"point": "r_heel", "at": [0.0, 0.02]},
            "planted": ["l_heel"],
            "frames": [
                {"pose": "stand", "hold": 0.5},
                {"set": {"l_hip_flex": 15, "l_ankle": -15}, "move": 1.0, "hold": 1.0},
            ],
        }
    )
    animation = library.demos.animation(sliding)
    start, end = animation.frame(0), animation.projected(animation.keys[1].angles)
    assert end.points["l_heel"][:2] == pytest.approx(start.points["l_heel"][:2], abs=0.02)
    assert end.room["l_heel"][0] - start.room["l_heel"][0] > 0.06
    with pytest.raises(ValueError, match="l_heel should stay planted but moves"):
        animation.check()


@pytest.mark.parametrize("item_id", ["leg_swings_front", "leg_swings_side", "hip_circles"])
def test_a_swinging_foot_clears_the_floor_all_the_way(library: Library, item_id: str) -> None:
    """The right leg swings or circles while the left stands: its foot never scrapes or sinks
    into the floor at the bottom of the swing."""
    animation = library.demos.animation(library.demos.by_id()[item_id])
    for number in range(animation.frame_count):
        room = animation.frame(number).room
        for point in ("r_heel", "r_ball", "r_toe"):
            assert room[point][1] - radius(point) > 0.002, (number, point)


def test_on_the_chair_the_hand_rests_on_the_crossed_knee(library: Library) -> None:
    """Not hanging below the seat: the right hand is on the right knee, the one crossed over."""
    points = _held(library, "chair_figure_four")
    assert math.dist(points["r_hand"], points["r_knee"]) < 0.06  # about 10 cm, a hand's width
