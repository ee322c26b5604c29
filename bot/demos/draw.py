"""One frame of a demonstration as an RGB image: props, floor, then the figure far to near."""

from dataclasses import dataclass

from PIL import Image, ImageDraw

from bot.domain.figure.demo import Animation, Projected, Props, lowest_height
from bot.domain.figure.skeleton import HEAD_RADIUS, radius

WIDTH, HEIGHT = 640, 480
SUPERSAMPLE = 3  # drawn larger, then scaled down: smooth edges without an antialiasing library
# A limb's rim (of body height), along the middle of its length: where it passes in front of
# another part, a thin gap shows the scenery behind, and which is in front.
LIMB_RIM = 0.006
RIM_SPAN = (0.2, 0.8)
MAX_SCALE = 330.0  # pixels per body height: most demonstrations share this size
MARGIN = 0.07
TOP_VIEW = 60  # camera elevation from which the floor is the whole background, no far edge
FACING_CAMERA = 0.25  # the chest's share towards the camera from which the back is hidden

BACKGROUND = (246, 243, 236)
FLOOR = (170, 160, 142)
PROP = (222, 212, 194)
PROP_EDGE = (168, 154, 130)
FLOOR_FILL = (232, 227, 216)
MAT = (150, 182, 170)
MAT_THICKNESS = 0.012  # of body height: about 2 cm, drawn as a strip from a level camera
STRAP = (196, 72, 60)
TOWEL = (252, 252, 250)
WEIGHT = (64, 64, 68)
TOWEL_RADIUS = 0.035  # of body height: a hand towel rolled up, about 6 cm thick
POST_WIDTH, POST_ABOVE = 0.05, 0.25  # of body height: a sturdy post the strap is tied to
WEIGHT_RADIUS = 0.042  # a cuff round the ankle, a little thicker than the ankle drawn
NEAR = (47, 74, 109)
FAR = (138, 156, 181)
TINT_NEAR = (226, 102, 43)
TINT_FAR = (240, 170, 128)
EYE = (246, 243, 236)

Color = tuple[int, int, int]
XY = tuple[float, float]

# Limb segments: (name, from point, to point) per side.
_LIMBS = (
    ("thigh", "hip", "knee"),
    ("shank", "knee", "ankle"),
    ("foot", "heel", "ball"),  # two capsules, so toes bent at the ball show
    ("toes", "ball", "toe"),
    ("upper_arm", "shoulder", "elbow"),
    ("forearm", "elbow", "hand"),
)
# The foot's two parts are placed among the limbs, and coloured near or far, as one foot: seen
# from the front, the toes of a far foot are nearer than its heel but belong to it.
_DEPTH_FROM = {"foot": ("heel", "toe"), "toes": ("heel", "toe")}


@dataclass(frozen=True)
class Viewport:
    """Maps body-height units (x right, height up) to pixels; the same for every frame."""

    scale: float
    left: float  # x at the image's left edge
    floor: float  # pixel row of height 0

    def px(self, x: float, y: float) -> XY:
        return ((x - self.left) * self.scale, self.floor - y * self.scale)


def viewport(animation: Animation, frames: list[Projected]) -> Viewport:
    xs = [p[0] for f in frames for p in f.points.values()]
    ys = [p[1] for f in frames for p in f.points.values()]
    props = animation.demo.props
    for box in (props.step, props.chair):
        if box is not None:
            xs += [box.x0, box.x1]
            ys.append(box.height + (0.45 if box is props.chair else 0))
    if props.wall is not None:
        xs.append(props.wall)
    left, right = min(xs) - 0.12, max(xs) + 0.12
    bottom = min(0.0, *(lowest_height(f) for f in frames))
    if props.mat:  # seen from above, the mat reaches beyond the figure
        ys += [y for _, y in animation.mat]
        bottom = min(bottom, *ys)
    top = max(ys) + HEAD_RADIUS + 0.05
    usable_w, usable_h = WIDTH * (1 - 2 * MARGIN), HEIGHT * (1 - 2 * MARGIN)
    most = MAX_SCALE * animation.demo.zoom
    scale = min(most, usable_w / (right - left), usable_h / (top - bottom))
    centre = (left + right) / 2
    floor = HEIGHT * (1 - MARGIN) + bottom * scale
    return Viewport(scale, centre - WIDTH / 2 / scale, floor)


class _Canvas:
    def __init__(self, view: Viewport) -> None:
        self.view = Viewport(view.scale * SUPERSAMPLE, view.left, view.floor * SUPERSAMPLE)
        self.image = Image.new("RGB", (WIDTH * SUPERSAMPLE, HEIGHT * SUPERSAMPLE), BACKGROUND)
        self.scenery, self.scenery_at = self.image, (0, 0)
        self.draw = ImageDraw.Draw(self.image)

    def px(self, x: float, y: float) -> XY:
        return self.view.px(x, y)

    def length(self, units: float) -> float:
        return units * self.view.scale

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: Color, edge: Color) -> None:
        (a, b), (c, d) = self.px(x0, y1), self.px(x1, y0)
        self.draw.rectangle((a, b, c, d), fill=fill, outline=edge, width=SUPERSAMPLE * 2)

    def disc(self, centre: XY, r: float, fill: Color) -> None:
        x, y = centre
        self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def capsule(self, a: XY, b: XY, ra: float, rb: float, fill: Color) -> None:
        """A limb: two discs joined by the tangent band between them."""
        self.disc(a, ra, fill)
        self.disc(b, rb, fill)
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = (dx * dx + dy * dy) ** 0.5
        if length < 1e-6:
            return
        nx, ny = -dy / length, dx / length
        band = [
            (a[0] + nx * ra, a[1] + ny * ra),
            (b[0] + nx * rb, b[1] + ny * rb),
            (b[0] - nx * rb, b[1] - ny * rb),
            (a[0] - nx * ra, a[1] - ny * ra),
        ]
        self.draw.polygon(band, fill=fill)

    def limb(self, a: XY, b: XY, ra: float, rb: float, fill: Color) -> None:
        """A capsule with a rim of background along its middle, so a limb in front of another
        part stands apart from it; the ends are left whole, so the joints stay joined."""
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = (dx * dx + dy * dy) ** 0.5
        if length > 1e-6:
            nx, ny = -dy / length, dx / length
            rim = self.length(LIMB_RIM)
            sides = []
            for share in RIM_SPAN:
                x, y = a[0] + dx * share, a[1] + dy * share
                r = ra + (rb - ra) * share + rim
                sides.append(((x + nx * r, y + ny * r), (x - nx * r, y - ny * r)))
            (a_left, a_right), (b_left, b_right) = sides
            self._uncover([a_left, b_left, b_right, a_right])
        self.capsule(a, b, ra, rb, fill)

    def keep_scenery(self, frame: Projected) -> None:
        """What is drawn so far (floor, mat, props) around the figure is what a limb's rim lets
        show through."""
        xs, ys = zip(*(self.px(x, y) for x, y, _ in frame.points.values()), strict=True)
        pad = self.length(HEAD_RADIUS * 2)
        box = (int(min(xs) - pad), int(min(ys) - pad), int(max(xs) + pad), int(max(ys) + pad))
        self.scenery, self.scenery_at = self.image.crop(box), box[:2]

    def _uncover(self, polygon: list[XY]) -> None:
        """The scenery again inside `polygon`, over whatever of the figure is drawn there."""
        left, top = self.scenery_at
        inside = [(x - left, y - top) for x, y in polygon]
        xs, ys = [x for x, _ in inside], [y for _, y in inside]
        box = (int(min(xs)), int(min(ys)), int(max(xs)) + 2, int(max(ys)) + 2)
        mask = Image.new("L", (box[2] - box[0], box[3] - box[1]), 0)
        ImageDraw.Draw(mask).polygon([(x - box[0], y - box[1]) for x, y in inside], fill=255)
        self.image.paste(self.scenery.crop(box), (box[0] + left, box[1] + top), mask)

    def trunk_part(
        self,
        start: XY,
        end: XY,
        widths: tuple[float, float],
        rounded: tuple[bool, bool],
        fill: Color,
    ) -> None:
        """A trapezoid from `start` to `end`, half as wide as `widths` at each end, its corners
        rounded where `rounded` says (a capsule's round ends would rise above the shoulders
        when the trunk is seen from the front; the waist's ends are square and joined): two
        crossed quads and a disc in each rounded corner."""
        dx, dy = end[0] - start[0], end[1] - start[1]
        length = (dx * dx + dy * dy) ** 0.5 or 1.0
        ax, ay = dx / length, dy / length  # along the part, towards `end`
        nx, ny = -ay, ax
        ws, we = widths
        rs = min(ws, self.length(0.04)) if rounded[0] else 0.0
        re = min(we, self.length(0.04)) if rounded[1] else 0.0

        def at(point: XY, across: float, along: float) -> XY:
            return (point[0] + nx * across + ax * along, point[1] + ny * across + ay * along)

        self.draw.polygon(
            [at(start, ws, rs), at(end, we, -re), at(end, -we, -re), at(start, -ws, rs)], fill=fill
        )
        self.draw.polygon(
            [
                at(start, ws - rs, 0),
                at(end, we - re, 0),
                at(end, re - we, 0),
                at(start, rs - ws, 0),
            ],
            fill=fill,
        )
        for side in (1.0, -1.0):
            if rs:
                self.disc(at(start, side * (ws - rs), rs), rs, fill)
            if re:
                self.disc(at(end, side * (we - re), -re), re, fill)

    def result(self) -> Image.Image:
        return self.image.reduce(SUPERSAMPLE)  # a box average: fast, and smooth enough


def _props_behind(canvas: _Canvas, props: Props, frame: Projected) -> None:
    if props.wall is not None:
        x = props.wall
        away = 3.0 if x > frame.points["pelvis"][0] else -3.0  # the wall's body, beyond its face
        canvas.rect(min(x, x + away), 0, max(x, x + away), 3, PROP, PROP_EDGE)
    if props.step is not None:
        s = props.step
        canvas.rect(s.x0, 0, s.x1, s.height, PROP, PROP_EDGE)
    for end in props.strap or ():
        if not isinstance(end, str):  # a fixed end: the post the strap is looped round
            x, y = end
            canvas.rect(x, 0, x + POST_WIDTH, y + POST_ABOVE, PROP, PROP_EDGE)
    if props.chair is not None:
        c = props.chair
        leg = 0.025
        canvas.rect(c.x0, 0, c.x0 + leg, c.height, PROP_EDGE, PROP_EDGE)
        canvas.rect(c.x1 - leg, 0, c.x1, c.height, PROP_EDGE, PROP_EDGE)
        canvas.rect(c.x0, c.height, c.x0 + leg * 1.5, c.height + 0.45, PROP, PROP_EDGE)
        canvas.rect(c.x0, c.height - 0.04, c.x1, c.height, PROP, PROP_EDGE)


def _floor(canvas: _Canvas, animation: Animation) -> None:
    """The floor up to its far edge (seen from high above, it is the whole background), and a
    mat on it: a strip seen edge-on from a level camera, its outline seen from above."""
    demo = animation.demo
    if demo.elevation < TOP_VIEW:
        y = canvas.px(0, animation.floor_edge)[1]
        canvas.draw.rectangle((0, y, WIDTH * SUPERSAMPLE, HEIGHT * SUPERSAMPLE), fill=FLOOR_FILL)
        canvas.draw.line((0, y, WIDTH * SUPERSAMPLE, y), fill=FLOOR, width=SUPERSAMPLE * 3)
    if not demo.props.mat:
        return
    corners = [canvas.px(*corner) for corner in animation.mat]
    if demo.elevation == 0:
        xs = [x for x, _ in corners]
        top, bottom = canvas.px(0, MAT_THICKNESS)[1], canvas.px(0, -MAT_THICKNESS / 2)[1]
        box = (min(xs), top, max(xs), bottom)
        canvas.draw.rounded_rectangle(box, radius=SUPERSAMPLE * 4, fill=MAT)
    else:
        canvas.draw.polygon(corners, fill=MAT)


def _strap(canvas: _Canvas, props: Props, frame: Projected) -> None:
    if props.strap is None:
        return
    ends = [
        canvas.px(*frame.points[end][:2]) if isinstance(end, str) else canvas.px(*end)
        for end in props.strap
    ]
    canvas.draw.line((*ends[0], *ends[1]), fill=STRAP, width=int(canvas.length(0.012)))


def _towel(canvas: _Canvas, props: Props, frame: Projected) -> None:
    """Under the figure: the knee rests on it."""
    if props.towel is not None:
        x = frame.points[props.towel][0]
        centre, r = canvas.px(x, TOWEL_RADIUS), canvas.length(TOWEL_RADIUS)
        box = (centre[0] - r, centre[1] - r, centre[0] + r, centre[1] + r)
        canvas.draw.ellipse(box, fill=TOWEL, outline=PROP_EDGE, width=SUPERSAMPLE * 2)


def _weight(canvas: _Canvas, props: Props, frame: Projected) -> None:
    """Over the figure: the cuff is strapped round the ankle it loads."""
    if props.weight is not None:
        point = canvas.px(*frame.points[props.weight][:2])
        canvas.disc(point, canvas.length(WEIGHT_RADIUS), WEIGHT)


def _figure(canvas: _Canvas, frame: Projected, tint: tuple[str, ...], side_on: bool) -> None:
    """`side_on`: the floor is seen edge-on, as a line the figure rests on."""
    points = frame.points
    pelvis_depth = points["pelvis"][2]
    parts: list[tuple[float, str, str, str]] = []  # (depth, segment, from, to)
    for side in ("l", "r"):
        for name, a, b in _LIMBS:
            start, end = f"{side}_{a}", f"{side}_{b}"
            depth = sum(points[f"{side}_{p}"][2] for p in _DEPTH_FROM.get(name, (a, b))) / 2
            parts.append((depth, f"{side}_{name}", start, end))
    parts.append((pelvis_depth, "trunk", "pelvis", "neck"))  # both parts, the head and neck
    # The buttock goes over the trunk and both thighs, under the shins, feet and arms nearer the
    # camera (a crossed ankle or a hugging arm stays in sight). Seen from the front it is behind
    # the body, so it goes first and shows only where it sticks out behind the hips.
    hips_left, glutes_drawn = {"trunk", "l_thigh", "r_thigh"}, "pelvis" not in tint
    if not glutes_drawn and frame.facing[2] > FACING_CAMERA:
        _glutes(canvas, frame, side_on)
        glutes_drawn = True
    for depth, segment, start, end in sorted(parts, key=lambda part: part[0]):
        far = depth < pelvis_depth - 0.02
        color = (TINT_FAR if far else TINT_NEAR) if segment in tint else (FAR if far else NEAR)
        if segment == "trunk":
            lower = color if "lower_trunk" not in tint else (TINT_FAR if far else TINT_NEAR)
            _trunk(canvas, frame, lower, color)
        else:
            a_xy, b_xy = canvas.px(*points[start][:2]), canvas.px(*points[end][:2])
            ra, rb = canvas.length(radius(start)), canvas.length(radius(end))
            canvas.limb(a_xy, b_xy, ra, rb, color)
        hips_left.discard(segment)
        if not hips_left and not glutes_drawn:
            _glutes(canvas, frame, side_on)
            glutes_drawn = True


def _glutes(canvas: _Canvas, frame: Projected, side_on: bool) -> None:
    """The buttock, over the hips and set back from the hip joint; lying on the back it rests
    on the floor instead of sinking through it."""
    pelvis = canvas.px(*frame.points["pelvis"][:2])
    hips = canvas.length(frame.lower_width[0] / 2)
    fx, fy = frame.facing[0], -frame.facing[1]  # the pelvis's direction on screen
    r = hips * 0.8
    y = pelvis[1] - fy * hips * 0.5
    if side_on:
        y = min(y, canvas.px(0, 0)[1] - r)
    canvas.disc((pelvis[0] - fx * hips * 0.5, y), r, TINT_NEAR)


def _trunk(canvas: _Canvas, frame: Projected, lower: Color, upper: Color) -> None:
    """The lower trunk (pelvis to waist) and the upper (waist to shoulders), so a bend or a twist
    shows; then the neck and the head on the upper part."""
    points = frame.points
    pelvis, waist, neck = (canvas.px(*points[name][:2]) for name in ("pelvis", "waist", "neck"))
    hips, lower_waist = (canvas.length(w / 2) for w in frame.lower_width)
    upper_waist, shoulders = (canvas.length(w / 2) for w in frame.upper_width)
    canvas.trunk_part(pelvis, waist, (hips, lower_waist), (True, False), lower)
    # The outside of a bend: the gap between the two parts' waist ends, filled (a disc would
    # swell into a ball where the waist is wide, seen from the front).
    below = _either_side(pelvis, waist, waist, lower_waist)
    above = _either_side(waist, neck, waist, upper_waist)
    canvas.draw.polygon([below[0], below[1], above[1], above[0]], fill=lower)
    canvas.trunk_part(waist, neck, (upper_waist, shoulders), (False, True), upper)
    chin, head = canvas.px(*points["chin"][:2]), canvas.px(*points["head"][:2])
    canvas.capsule(neck, chin, canvas.length(0.03), canvas.length(0.03), NEAR)
    r = canvas.length(HEAD_RADIUS)
    canvas.disc(head, r, NEAR)
    facing = frame.chest_facing  # the head turns with the chest
    if abs(facing[0]) > 0.3:  # seen from the side: one eye shows which way the figure looks
        eye = (head[0] + facing[0] * r * 0.55, head[1] - r * 0.15)
        canvas.disc(eye, r * 0.13, EYE)


def _either_side(start: XY, end: XY, at: XY, half: float) -> tuple[XY, XY]:
    """The two points `half` either side of `at`, across the line from `start` to `end`."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    nx, ny = -dy / length * half, dx / length * half
    return ((at[0] + nx, at[1] + ny), (at[0] - nx, at[1] - ny))


def render(animation: Animation, frame: Projected, view: Viewport) -> Image.Image:
    canvas = _Canvas(view)
    props = animation.demo.props
    _props_behind(canvas, props, frame)
    _floor(canvas, animation)
    _towel(canvas, props, frame)
    canvas.keep_scenery(frame)
    _figure(canvas, frame, animation.demo.tint, animation.demo.elevation == 0)
    _weight(canvas, props, frame)
    _strap(canvas, props, frame)
    return canvas.result()
