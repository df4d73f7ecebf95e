"""The painter: a Figure (spec.py) in one language as an SVG document with real `<text>`.

Output is plain SVG 1.1 that the site's sanitiser accepts and that browsers, rsvg and CairoSVG
draw alike: presentation attributes rather than CSS, arrow heads as polygons rather than markers,
baselines placed by arithmetic rather than `dominant-baseline`. It is deterministic: the same
spec gives the same bytes.
"""

from __future__ import annotations

import math
import re
from xml.sax.saxutils import escape, quoteattr

from . import style
from .spec import Arrow, Box, Figure, Label, Legend, Point, Text, text_in

_SCRIPT = re.compile(r"([_^])\{([^}]*)\}")


def num(value: float) -> str:
    """A coordinate as short, stable text."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _rich(line: str, size: float) -> str:
    """One line of a label, with `_{..}`/`^{..}` as smaller lowered or raised tspans."""
    out, pos = [], 0
    for match in _SCRIPT.finditer(line):
        out.append(escape(line[pos:match.start()]))
        shift = 0.3 * size if match.group(1) == "_" else -0.4 * size
        out.append(f'<tspan font-size="{num(size * 0.7)}" dy="{num(shift)}">{escape(match.group(2))}</tspan>'
                   f'<tspan dy="{num(-shift)}">\u200b</tspan>')
        pos = match.end()
    out.append(escape(line[pos:]))
    return "".join(out)


def text(x: float, y: float, label: str, *, size: float = style.TEXT_SIZE, color: str = style.INK,
         bold: bool = False, anchor: str = "middle", middle: bool = True) -> str:
    """`<text>` for possibly several lines; (x, y) is the vertical middle of the block when
    `middle`, else the baseline of its first line."""
    lines = label.split("\n")
    step = size * 1.3
    first = y - (len(lines) - 1) * step / 2 + 0.36 * size if middle else y
    weight = ' font-weight="bold"' if bold else ""
    # leading spaces indent by half an em each (renderers collapse or drop them)
    spans = "".join(f'<tspan x="{num(x + (len(line) - len(line.lstrip(" "))) * size / 2)}" '
                    f'y="{num(first + i * step)}">{_rich(line.lstrip(" "), size)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<text font-size="{num(size)}" fill="{color}" text-anchor="{anchor}"{weight}>{spans}</text>')


def rect(x: float, y: float, w: float, h: float, *, fill: str, stroke: str | None = None,
         width: float = style.STROKE, radius: float = style.RADIUS) -> str:
    outline = f' stroke="{stroke}" stroke-width="{num(width)}"' if stroke else ""
    return (f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" rx="{num(radius)}" '
            f'fill="{fill}"{outline}/>')


def _head(tip: Point, back: Point, color: str, width: float) -> str:
    """A filled triangular head at `tip`, pointing away from `back`."""
    angle = math.atan2(tip[1] - back[1], tip[0] - back[0])
    length = style.HEAD + 1.5 * width
    half = 0.45 * length
    bx, by = tip[0] - length * math.cos(angle), tip[1] - length * math.sin(angle)
    dx, dy = half * math.sin(angle), -half * math.cos(angle)
    points = " ".join(f"{num(px)},{num(py)}" for px, py in ((tip[0], tip[1]), (bx + dx, by + dy), (bx - dx, by - dy)))
    return f'<polygon points="{points}" fill="{color}"/>'


def _toward(tip: Point, back: Point, by: float) -> Point:
    """`tip` moved `by` pixels toward `back` (so a thick line ends inside its head)."""
    length = math.dist(tip, back) or 1.0
    return tip[0] + (back[0] - tip[0]) * by / length, tip[1] + (back[1] - tip[1]) * by / length


class Painter:
    """Draws one Figure in one language; grid units are converted to pixels here only."""

    def __init__(self, figure: Figure, language: str):
        self.figure, self.language = figure, language
        self.top = style.TITLE_BAND * style.UNIT
        self.boxes = {item.id: item for item in figure.items if isinstance(item, Box) and item.id}

    def px(self, x: float, y: float) -> Point:
        return x * style.UNIT, self.top + y * style.UNIT

    def label(self, value: Label | None) -> str:
        return text_in(value, self.language)

    def document(self) -> str:
        width = style.COLUMNS * style.UNIT
        height = self.top + self.figure.rows * style.UNIT
        body = [rect(0, 0, width, height, fill=style.PLATE, radius=0)]
        body += title_band(width, self.label(self.figure.title), self.label(self.figure.subtitle))
        for item in self.figure.items:
            body.append(self.item(item))
        return svg_document(width, height, "\n".join(body), self.label(self.figure.title))

    def item(self, item: Box | Text | Arrow | Legend) -> str:
        if isinstance(item, Box):
            return self.box(item)
        if isinstance(item, Text):
            x, y = self.px(item.x, item.y)
            return text(x, y, self.label(item.text), size=item.size or style.TEXT_SIZE,
                        color=style.strong(item.color), bold=item.bold, anchor=item.anchor)
        if isinstance(item, Arrow):
            return self.arrow(item)
        return self.legend(item)

    def box(self, box: Box) -> str:
        x, y = self.px(box.x, box.y)
        w, h = box.w * style.UNIT, box.h * style.UNIT
        strong = style.strong(box.color)
        fill = {"light": style.light(box.color), "solid": strong, "white": style.WHITE}.get(box.fill, box.fill)
        ink = style.WHITE if box.fill == "solid" else style.INK
        parts = [rect(x, y, w, h, fill=fill, stroke=None if box.fill == "solid" else strong,
                      width=box.stroke or style.STROKE, radius=style.RADIUS if box.radius is None else box.radius)]
        size = box.size or style.TEXT_SIZE
        if box.title is not None:
            parts.append(text(x + w / 2, y + 0.45 * style.UNIT, self.label(box.title), size=size + 2, color=strong,
                              bold=True))
        if box.text is not None:
            cx = x + w / 2 if box.align == "middle" else x + 0.3 * style.UNIT
            parts.append(text(cx, y + h / 2, self.label(box.text), size=size, color=ink, bold=box.bold,
                              anchor=box.align))
        return "".join(parts)

    def _end(self, end: str | Point, toward: Point) -> Point:
        """A point, or where the line from a box's centre toward `toward` leaves the box."""
        if not isinstance(end, str):
            return self.px(*end)
        box = self.boxes[end]
        cx, cy = self.px(box.x + box.w / 2, box.y + box.h / 2)
        dx, dy = toward[0] - cx, toward[1] - cy
        half_w, half_h = box.w * style.UNIT / 2 + 3, box.h * style.UNIT / 2 + 3
        scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
        return cx + dx * scale, cy + dy * scale

    def _centre(self, end: str | Point) -> Point:
        if isinstance(end, str):
            box = self.boxes[end]
            return self.px(box.x + box.w / 2, box.y + box.h / 2)
        return self.px(*end)

    def arrow(self, arrow: Arrow) -> str:
        bends = [self.px(*p) for p in arrow.via]
        start = self._end(arrow.start, bends[0] if bends else self._centre(arrow.end))
        end = self._end(arrow.end, bends[-1] if bends else self._centre(arrow.start))
        points = [start, *bends, end]
        color = style.strong(arrow.color)
        parts = []
        line = list(points)
        if arrow.head:
            inset = style.HEAD * 0.6
            parts.append(_head(points[-1], points[-2], color, arrow.width))
            line[-1] = _toward(points[-1], points[-2], inset)
            if arrow.both:
                parts.append(_head(points[0], points[1], color, arrow.width))
                line[0] = _toward(points[0], points[1], inset)
        coords = " ".join(f"{num(px)},{num(py)}" for px, py in line)
        parts.insert(0, f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="{num(arrow.width)}" '
                        'stroke-linejoin="round"/>')
        if arrow.label is not None:
            mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
            parts.append(text(mx, my - 14, self.label(arrow.label), size=style.TEXT_SIZE - 2, color=color, bold=True))
        return "".join(parts)

    def legend(self, legend: Legend) -> str:
        parts = []
        for i, (color, label) in enumerate(legend.entries):
            x, y = self.px(legend.x + i * legend.step, legend.y)
            parts.append(rect(x, y - 11, 22, 22, fill=style.strong(color), radius=4))
            parts.append(text(x + 30, y, self.label(label), size=style.TEXT_SIZE - 1, anchor="start"))
        return "".join(parts)


def title_band(width: float, title: str, subtitle: str) -> list[str]:
    """The title and subtitle centred in the band above the grid."""
    parts = [text(width / 2, 0.62 * style.UNIT, title, size=style.TITLE_SIZE, bold=True)]
    if subtitle:
        parts.append(text(width / 2, 1.4 * style.UNIT, subtitle, size=style.SUBTITLE_SIZE, color=style.MUTED))
    return parts


def svg_document(width: float, height: float, body: str, title: str = "") -> str:
    """A standalone SVG with the shared font stack; `title` is the accessible name inside the file."""
    heading = f"<title>{escape(title)}</title>\n" if title else ""
    return (f'<?xml version="1.0" encoding="utf-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width)}" height="{num(height)}" '
            f'viewBox="0 0 {num(width)} {num(height)}" font-family={quoteattr(style.FONT_STACK)}>\n'
            f"{heading}{body}\n</svg>\n")


def paint(figure: Figure, language: str) -> str:
    """The figure as an SVG document in `language`."""
    return Painter(figure, language).document()
