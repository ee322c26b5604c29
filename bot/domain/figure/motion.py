"""A demonstration over time: keyframes of joint angles, eased between, each held a while.

The keys form a closed loop: the last one repeats the first, so the clip loops seamlessly.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.figure.skeleton import JOINTS, Angles


@dataclass(frozen=True)
class Key:
    angles: dict[str, float]
    move: float  # seconds to reach this pose from the one before
    hold: float  # seconds held once there
    eased: bool = True  # False: a step inside a longer eased move, taken at constant speed


def ease(t: float) -> float:
    """Smooth start and stop (cosine ease-in-out) for t in [0, 1]."""
    return 0.5 - 0.5 * math.cos(math.pi * min(1.0, max(0.0, t)))


def duration(keys: Sequence[Key]) -> float:
    return keys[0].hold + sum(key.move + key.hold for key in keys[1:])


def blend(a: Angles, b: Angles, t: float) -> dict[str, float]:
    return {j: a.get(j, 0.0) + (b.get(j, 0.0) - a.get(j, 0.0)) * t for j in JOINTS}


def angles_at(keys: Sequence[Key], seconds: float) -> dict[str, float]:
    """The pose `seconds` into the loop (wrapping around)."""
    t = seconds % duration(keys)
    previous = keys[0]
    if t < previous.hold:
        return dict(previous.angles)
    t -= previous.hold
    for key in keys[1:]:
        if t < key.move:
            share = t / key.move
            return blend(previous.angles, key.angles, ease(share) if key.eased else share)
        t -= key.move
        if t < key.hold:
            return dict(key.angles)
        t -= key.hold
        previous = key
    return dict(keys[-1].angles)
