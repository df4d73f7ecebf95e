"""Shapes the painter has no item for, made of its items: a plain polyline, a dashed line, a disc.

Kept here, not in a chapter's spec, so every chapter draws them the same way.
"""

from __future__ import annotations

import math

from . import style
from .spec import Arrow, Box, Label

Point = tuple[float, float]


def line(*points: Point, color: str = "gray", width: float = 2.0) -> Arrow:
    """A plain polyline through `points` (no head)."""
    return Arrow(points[0], points[-1], color=color, width=width, via=points[1:-1], head=False)


def dashed(start: Point, end: Point, color: str = "gray", width: float = 2.0, dash: float = 0.22,
           gap: float = 0.14) -> list[Arrow]:
    """A dashed straight line as short plain segments (the painter's lines are solid)."""
    length = math.dist(start, end)
    ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    segments, at = [], 0.0
    while at < length:
        stop = min(at + dash, length)
        segments.append(Arrow((start[0] + ux * at, start[1] + uy * at), (start[0] + ux * stop, start[1] + uy * stop),
                              color=color, width=width, head=False))
        at = stop + gap
    return segments


def disc(x: float, y: float, r: float, text: Label | None = None, color: str = "blue", fill: str = "solid",
         size: float = 15, id: str | None = None) -> Box:
    """A disc of radius r centred on (x, y): a Box whose corner radius is half its side."""
    return Box(x - r, y - r, 2 * r, 2 * r, text, color=color, fill=fill, id=id, size=size, bold=True,
               radius=r * style.UNIT)
