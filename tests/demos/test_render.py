"""What a runner sees: one golden frame per pose type (within a tolerance, so a moved limb, a
lost prop or a changed style fails), and files Telegram plays as a looping animation on a phone:
H.264 MP4, 480-640 pixels, 2-6 seconds, well under 1 MB. Regenerate the goldens after a
deliberate change with UPDATE_GOLDEN=1 (and look at them)."""

import os
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image

from bot.demos import draw
from bot.demos.cache import Demos
from bot.demos.draw import (
    BACKGROUND,
    FAR,
    FLOOR_FILL,
    HEIGHT,
    MAT,
    NEAR,
    PROP,
    TINT_FAR,
    TINT_NEAR,
    TOWEL,
    WEIGHT,
    WIDTH,
    render,
    viewport,
)
from bot.domain.content.library import Library
from bot.domain.figure.demo import FPS, Animation, Demo
from bot.telegram_local.media import animation_info
from tests.conftest import RENDERED_DEMOS

GOLDEN = Path(__file__).parent / "golden"
POSE_TYPES = RENDERED_DEMOS[:9]  # one demonstration per pose type
SPINE = ["standing_itb", "seated_itb", "side_plank", "figure_four"]  # a bend, a twist, a line
BLOCK = 8  # compared as 8x8-pixel block means, so antialiasing noise averages out


def key_frame(library: Library, item_id: str) -> Image.Image:
    """The middle of the longest hold: the pose the demonstration is about."""
    return _key_frame_of(library, library.demos.by_id()[item_id])


def _key_frame_of(library: Library, demo: Demo) -> Image.Image:
    animation = library.demos.animation(demo)
    frames = [animation.frame(n) for n in range(animation.frame_count)]
    return render(animation, frames[round(_key_time(animation) * FPS)], viewport(animation, frames))


def _key_time(animation: Animation) -> float:
    starts, clock = [], animation.keys[0].hold
    for key in animation.keys[1:]:
        clock += key.move
        starts.append((key.hold, clock + key.hold / 2))
        clock += key.hold
    _, middle = max(starts)
    return middle


def _blocks(image: Image.Image) -> NDArray[np.float64]:
    pixels = np.asarray(image.convert("L"), dtype=np.float64) / 255
    height, width = pixels.shape  # 640 x 480: whole blocks
    blocks = pixels.reshape(height // BLOCK, BLOCK, width // BLOCK, BLOCK)
    means: NDArray[np.float64] = blocks.mean(axis=(1, 3))
    return means


@pytest.mark.parametrize("item_id", [*POSE_TYPES, *SPINE])
def test_each_pose_type_looks_like_its_golden_frame(library: Library, item_id: str) -> None:
    frame = key_frame(library, item_id)
    path = GOLDEN / f"{item_id}.png"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        frame.save(path)
    difference = np.abs(_blocks(Image.open(path)) - _blocks(frame))
    assert difference.mean() < 0.01, difference.mean()
    assert difference.max() < 0.2, difference.max()


def test_a_different_pose_does_not_pass_for_the_golden(library: Library) -> None:
    """The tolerance is tight enough to tell two demonstrations apart."""
    difference = np.abs(
        _blocks(Image.open(GOLDEN / "wall_sit.png")) - _blocks(key_frame(library, "step_down"))
    )
    assert difference.max() >= 0.2


@pytest.mark.parametrize("item_id", RENDERED_DEMOS)
def test_files_are_small_phone_sized_loops(rendered_demos: Demos, item_id: str) -> None:
    data = rendered_demos.path(item_id).read_bytes()
    assert len(data) < 1_000_000
    info = animation_info(data)
    assert info is not None, "an MP4 Telegram can read"
    width, height, seconds = info
    assert 480 <= max(width, height) <= 640
    assert 2 <= seconds <= 6
    assert b"avc1" in data and b"mp4a" not in data  # H.264, no sound


def test_rendering_again_keeps_the_cached_file(rendered_demos: Demos) -> None:
    path = rendered_demos.path("clamshell")
    before = path.stat().st_mtime_ns
    assert rendered_demos.ensure("clamshell") == path
    assert path.stat().st_mtime_ns == before
    assert "clamshell" not in rendered_demos.missing()


@pytest.mark.parametrize(
    ("item_id", "prop", "colour"),
    [
        ("quad_set", "towel", TOWEL),
        ("leg_extension", "weight", WEIGHT),
        ("spanish_squat", "strap", PROP),  # the post the strap is looped round
    ],
)
def test_the_towel_the_ankle_weight_and_the_strap_post_are_drawn(
    library: Library, item_id: str, prop: str, colour: tuple[int, int, int]
) -> None:
    """The steps put a rolled towel under the knee, a weight on the ankle or a strap round a
    post: so does the drawing."""
    demo = library.demos.by_id()[item_id]
    bare = demo.model_copy(update={"props": demo.props.model_copy(update={prop: None})})

    def pixels(image: Image.Image) -> int:
        rgb = np.asarray(image, dtype=np.int32)
        close: NDArray[np.bool_] = np.abs(rgb - np.array(colour)).sum(axis=2) < 12
        return int(close.sum())

    with_prop = pixels(key_frame(library, item_id))
    without = pixels(_key_frame_of(library, bare))
    assert with_prop - without > 150  # at least a 12-pixel disc's worth at phone size


def test_lying_on_the_back_the_buttock_rests_on_the_floor_not_below_it(library: Library) -> None:
    """The figure-4 stretch lies on the back: nothing orange shows under the floor line."""
    demo = library.demos.by_id()["figure_four"]
    animation = library.demos.animation(demo)
    frames = [animation.frame(n) for n in range(animation.frame_count)]
    view = viewport(animation, frames)
    rgb = np.asarray(key_frame(library, "figure_four"), dtype=np.int32)
    below = rgb[round(view.floor) + 3 :]
    orange: NDArray[np.bool_] = np.abs(below - np.array(TINT_NEAR)).sum(axis=2) < 40
    assert int(orange.sum()) == 0


def test_up_on_the_balls_of_the_feet_the_toes_are_drawn_flat_on_the_floor(
    library: Library,
) -> None:
    """At the top of the calf raise the near foot's toes are a bar along the floor from the ball
    to the tip, not a rigid foot touching it with its tip."""
    demo = library.demos.by_id()["calf_raise"]
    animation = library.demos.animation(demo)
    frames = [animation.frame(n) for n in range(animation.frame_count)]
    view = viewport(animation, frames)
    image = key_frame(library, "calf_raise")
    points = frames[round(_key_time(animation) * FPS)].points
    (ball, _), (tip, row) = view.px(*points["r_ball"][:2]), view.px(*points["r_toe"][:2])
    assert view.px(*points["r_heel"][:2])[1] < row - 20  # the heel is well up
    columns = range(round(ball + 2), round(tip - 1))
    assert len(columns) >= 8
    assert [image.getpixel((column, round(row))) for column in columns] == [NEAR] * len(columns)


@pytest.mark.parametrize("item_id", ["sit_to_stand", "side_steps"])
def test_seen_from_the_front_the_far_foot_is_one_colour_to_its_toes(
    library: Library, item_id: str
) -> None:
    """The toes point at the camera, nearer than the heel, yet they are the far foot's."""
    demo = library.demos.by_id()[item_id]
    animation = library.demos.animation(demo)
    frames = [animation.frame(n) for n in range(animation.frame_count)]
    view = viewport(animation, frames)
    image = key_frame(library, item_id)
    points = frames[round(_key_time(animation) * FPS)].points
    far = min("lr", key=lambda side: points[f"{side}_ankle"][2])

    def colour_between(a: str, b: str) -> object:
        (ax, ay), (bx, by) = view.px(*points[f"{far}_{a}"][:2]), view.px(*points[f"{far}_{b}"][:2])
        return image.getpixel((round((ax + bx) / 2), round((ay + by) / 2)))

    assert colour_between("heel", "ball") == colour_between("ball", "toe") == FAR


@pytest.mark.parametrize("item_id", ["sit_to_stand", "side_steps"])
def test_seen_from_the_front_the_buttock_is_behind_the_body(library: Library, item_id: str) -> None:
    """A three-quarter or front view shows the trunk at the hips, not a disc painted over it."""
    demo = library.demos.by_id()[item_id]
    assert "pelvis" in demo.tint
    animation = library.demos.animation(demo)
    frames = [animation.frame(n) for n in range(animation.frame_count)]
    view = viewport(animation, frames)
    image = key_frame(library, item_id)
    points = frames[round(_key_time(animation) * FPS)].points
    pelvis, neck = points["pelvis"], points["neck"]
    x = pelvis[0] + (neck[0] - pelvis[0]) * 0.15
    y = pelvis[1] + (neck[1] - pelvis[1]) * 0.15
    column, row = view.px(x, y)
    assert image.getpixel((round(column), round(row))) == NEAR


def _share_of_figure(image: Image.Image, colours: list[tuple[int, int, int]]) -> float:
    rgb = np.asarray(image, dtype=np.int32)

    def close(colour: tuple[int, int, int]) -> NDArray[np.bool_]:
        near: NDArray[np.bool_] = np.abs(rgb - np.array(colour)).sum(axis=2) < 40
        return near

    figure = close(NEAR) | close(FAR) | close(TINT_NEAR) | close(TINT_FAR)
    return float(sum(int(close(c).sum()) for c in colours) / int(figure.sum()))


def test_the_side_plank_tints_the_waist_not_the_whole_figure(library: Library) -> None:
    """The working side of the trunk shows as a band at the waist: the figure stays a figure,
    not an orange block (the whole trunk and buttock were a third of it)."""
    share = _share_of_figure(key_frame(library, "side_plank"), [TINT_NEAR, TINT_FAR])
    assert 0.03 < share < 0.15


def test_a_twist_shows_as_a_chest_turned_towards_the_camera(library: Library) -> None:
    """Seated IT-band stretch, seen from the right: the legs and pelvis in profile, the chest
    turned to face us, so it is drawn wider at the shoulders than the same pose untwisted."""
    demo = library.demos.by_id()["seated_itb"]
    animation = library.demos.animation(demo)
    held = max(animation.keys, key=lambda key: key.hold).angles
    twisted = animation.projected(held)
    square = animation.projected(held | {"spine_rot": 0.0})
    assert twisted.upper_width[1] > 1.3 * square.upper_width[1]
    assert twisted.lower_width == pytest.approx(square.lower_width)  # the hips do not turn


def test_an_arm_in_front_of_the_trunk_stands_apart_from_it(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wall sit's near arm hangs in front of the trunk, both dark blue: a thin gap of
    background along the arm shows where the arm ends and the trunk begins."""
    animation = library.demos.animation(library.demos.by_id()["wall_sit"])
    frames = [animation.frame(n) for n in range(animation.frame_count)]
    view = viewport(animation, frames)
    points = frames[round(_key_time(animation) * FPS)].points
    (left, top), (right, bottom) = (
        view.px(min(points[p][0] for p in TRUNK_BOX), max(points[p][1] for p in TRUNK_BOX)),
        view.px(max(points[p][0] for p in TRUNK_BOX), min(points[p][1] for p in TRUNK_BOX)),
    )

    def gaps() -> int:
        rgb = np.asarray(key_frame(library, "wall_sit"), dtype=np.int32)
        inside = rgb[round(top) : round(bottom), round(left) : round(right)]
        background: NDArray[np.bool_] = np.abs(inside - np.array(BACKGROUND)).sum(axis=2) < 40
        return int(background.sum())

    with_rim = gaps()
    monkeypatch.setattr(draw, "LIMB_RIM", 0.0)
    assert with_rim > 40 and gaps() == 0  # a line some 2 px wide down a good part of the arm


TRUNK_BOX = ("l_shoulder", "r_shoulder", "pelvis")


def _close_to(image: Image.Image, colour: tuple[int, int, int]) -> NDArray[np.bool_]:
    rgb = np.asarray(image, dtype=np.int32)
    close: NDArray[np.bool_] = np.abs(rgb - np.array(colour)).sum(axis=2) < 12
    return close


def test_seen_from_above_the_mat_lies_under_the_figure_with_the_room_around_it(
    library: Library,
) -> None:
    """The side-lying quad stretch is seen from straight above: a mat around the runner, the
    rest of the frame the room (the mat used to fill the whole frame), and no pale lines on the
    mat where a limb's rim crosses it."""
    animation = library.demos.animation(library.demos.by_id()["lying_quad"])
    frames = [animation.frame(n) for n in range(animation.frame_count)]
    view = viewport(animation, frames)
    image = key_frame(library, "lying_quad")
    mat = _close_to(image, MAT)
    assert 0.2 < mat.mean() < 0.6
    corners = [image.getpixel(xy) for xy in [(2, 2), (WIDTH - 3, 2), (2, HEIGHT - 3)]]
    assert corners == [BACKGROUND] * 3
    xs, ys = zip(*(view.px(*corner) for corner in animation.mat), strict=True)
    inside = _close_to(image, BACKGROUND)[
        round(min(ys)) + 3 : round(max(ys)) - 3, round(min(xs)) + 3 : round(max(xs)) - 3
    ]
    assert int(inside.sum()) == 0


def test_seen_a_little_from_above_the_floor_reaches_behind_both_feet(library: Library) -> None:
    """Side steps, seen from 10° above: the far foot shows higher on screen than the near one,
    yet both stand on the floor, which is drawn back beyond them (not as a line under the near
    foot, with the far foot floating above it)."""
    demo = library.demos.by_id()["side_steps"]
    animation = library.demos.animation(demo)
    frames = [animation.frame(n) for n in range(animation.frame_count)]
    view = viewport(animation, frames)
    first = frames[0]
    soles = {side: view.px(*first.points[f"{side}_heel"][:2])[1] for side in "lr"}
    assert abs(soles["l"] - soles["r"]) > 4
    image = render(animation, first, view)
    column = [image.getpixel((3, row)) for row in range(HEIGHT)]
    edge = next(row for row, colour in enumerate(column) if colour != BACKGROUND)
    assert edge < min(soles.values()) - 10
    assert column[round(min(soles.values()))] == FLOOR_FILL
