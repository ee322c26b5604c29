"""The figure's proportions and joints behave like a body: Winter's heights when standing, knees
that bend backwards only, a spine that bends and turns at the waist over a still pelvis, eased
motion that holds and loops."""

import math

import pytest

from bot.domain.figure.motion import Key, angles_at, duration, ease
from bot.domain.figure.skeleton import BALL, FOOT, HEAD_RADIUS, lowest, pose


def height_above_floor(angles: dict[str, float], point: str) -> float:
    figure = pose(angles)
    return figure.points[point][1] - lowest(figure)


def test_standing_heights_follow_winters_table() -> None:
    standing: dict[str, float] = {}
    # Winter 2009, fig. 4.1: hip 0.530, knee 0.285, shoulder 0.818, top of head 1.000 (of height).
    assert height_above_floor(standing, "r_hip") == pytest.approx(0.530, abs=0.02)
    assert height_above_floor(standing, "r_knee") == pytest.approx(0.285, abs=0.02)
    assert height_above_floor(standing, "r_shoulder") == pytest.approx(0.818, abs=0.02)
    top = height_above_floor(standing, "head") + HEAD_RADIUS
    assert top == pytest.approx(1.0, abs=0.02)


def test_a_bent_knee_takes_the_foot_backwards_and_a_raised_thigh_goes_forwards() -> None:
    straight = pose({})
    bent = pose({"r_knee": 90})
    assert bent.points["r_ankle"][0] < straight.points["r_ankle"][0] - 0.15  # x is forwards
    raised = pose({"r_hip_flex": 90})
    assert raised.points["r_knee"][0] > 0.2
    out = pose({"r_hip_abd": 30, "l_hip_abd": 30})
    assert out.points["r_ankle"][2] > 0.1 > -0.1 > out.points["l_ankle"][2]  # z is the right


def test_lying_on_the_back_faces_up_and_on_the_side_puts_the_right_side_down() -> None:
    supine = pose({"body_pitch": -90})
    assert supine.trunk_forward[1] == pytest.approx(1.0)
    side = pose({"body_roll": 90})
    assert side.points["r_hip"][1] < side.points["l_hip"][1]


def _line_angle(figure_points: dict[str, tuple[float, float, float]], side: str) -> float:
    """The heading of the line from the left to the right hip or shoulder, seen from above."""
    (lx, _, lz), (rx, _, rz) = figure_points[f"l_{side}"], figure_points[f"r_{side}"]
    return math.degrees(math.atan2(rx - lx, rz - lz))


def test_the_waist_sits_on_the_trunk_between_hips_and_shoulders() -> None:
    standing = pose({})
    assert height_above_floor({}, "waist") == pytest.approx(0.645, abs=0.02)
    assert standing.points["waist"][0] == standing.points["waist"][2] == 0  # on the trunk's line


def test_a_side_bend_moves_the_shoulders_and_arms_while_the_hips_stay() -> None:
    straight, bent = pose({}), pose({"spine_side": -25})
    for point in ("pelvis", "waist", "l_hip", "r_hip", "l_ankle", "r_toe"):
        assert bent.points[point] == pytest.approx(straight.points[point])
    for point in ("neck", "l_shoulder", "r_shoulder", "head"):
        assert bent.points[point][2] < straight.points[point][2] - 0.05  # towards the left
    assert bent.points["neck"][1] < straight.points["neck"][1]  # a bend, not a stretch


def test_a_twist_turns_the_shoulder_line_but_not_the_hip_line() -> None:
    turned = pose({"spine_rot": -35}).points  # towards the right
    assert _line_angle(turned, "hip") == pytest.approx(0)
    assert _line_angle(turned, "shoulder") == pytest.approx(-35)  # the right shoulder goes back
    assert turned["neck"] == pytest.approx(pose({}).points["neck"])  # turned about its own axis


def test_bending_forward_at_the_waist_rounds_the_back_over_a_still_pelvis() -> None:
    hinged, rounded = pose({"body_pitch": 40}), pose({"spine_flex": 40})
    assert rounded.points["waist"] == pytest.approx(pose({}).points["waist"])
    assert rounded.points["neck"][0] > 0.1  # the chest goes forward
    # Over the hips (a hinge) the waist goes forward too; over the waist (a slump) it does not.
    assert hinged.points["waist"][0] > 0.05 > rounded.points["waist"][0]


def test_the_toes_bend_at_the_ball_and_unbent_the_foot_is_as_long_as_before() -> None:
    flat = pose({}).points
    heel, ball, toe = flat["r_heel"], flat["r_ball"], flat["r_toe"]
    assert toe[0] - heel[0] == pytest.approx(FOOT)  # Winter's foot length, heel to toe tip
    assert ball[0] - heel[0] == pytest.approx(BALL * FOOT)
    assert heel[1] == pytest.approx(ball[1]) == pytest.approx(toe[1])
    toes_up = pose({"r_toe": 40}).points
    assert (toes_up["r_heel"], toes_up["r_ball"]) == (heel, ball)
    assert toes_up["r_toe"][1] > ball[1] + 0.02
    # Up on the balls of the feet: the heel rises, the toes bend back and stay flat.
    raised = pose({"r_ankle": -35, "r_toe": 35}).points
    assert raised["r_toe"][1] == pytest.approx(raised["r_ball"][1])
    assert raised["r_heel"][1] > raised["r_ball"][1] + 0.05


def test_keyframes_ease_hold_and_loop() -> None:
    keys = [Key({"r_knee": 0.0}, 0, 0.5), Key({"r_knee": 90.0}, 1.0, 1.0), Key({}, 0.5, 0)]
    assert duration(keys) == 3.0
    assert angles_at(keys, 0.25)["r_knee"] == 0
    assert angles_at(keys, 1.0)["r_knee"] == pytest.approx(45)  # halfway through the move
    assert angles_at(keys, 0.6)["r_knee"] < 90 * 0.1 / 1.0  # eased: slow out of the start
    assert angles_at(keys, 2.0)["r_knee"] == 90  # held
    assert angles_at(keys, 3.25)["r_knee"] == angles_at(keys, 0.25)["r_knee"]  # loops
    assert ease(0) == 0 and ease(1) == 1
