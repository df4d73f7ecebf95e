"""Small drawing helpers shared by the 05XCCL spec files (no figures of its own).

They belong in the framework (spec.py / plots.py) and are kept here only until the lead moves
them: a dashed line and a circle as ordinary items, a second matplotlib panel beside a Plot's
axes, and the painter's items (Box, Text, Arrow) drawn into matplotlib, for the figures that put a
diagram and a chart side by side.
"""

from __future__ import annotations

import itertools
import math
import re

from matplotlib.patches import Circle, FancyBboxPatch

from .. import style
from ..shapes import disc
from ..spec import Arrow, Box, Item, Label, Text, text_in

RANKS = ("blue", "green", "orange", "purple", "teal", "red", "yellow", "#475569")
"""One colour per rank R0..R7, the same in every figure of the module."""


def ring(cx: float, cy: float, radius: float, p: int, node: float, prefix: str = "") -> list[Item]:
    """p ranks on a circle, rank 0 on top, each with a red arrow to its clockwise (right) neighbour."""
    spots = [(cx + radius * math.cos(-math.pi / 2 + r * 2 * math.pi / p),
              cy + radius * math.sin(-math.pi / 2 + r * 2 * math.pi / p)) for r in range(p)]
    items: list[Item] = []
    for r in range(p):
        (x0, y0), (x1, y1) = spots[r], spots[(r + 1) % p]
        length = math.dist(spots[r], spots[(r + 1) % p])
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        gap = node + 0.07
        items.append(Arrow((x0 + ux * gap, y0 + uy * gap), (x1 - ux * gap, y1 - uy * gap), color="red", width=3))
    items += [disc(x, y, node, f"{prefix}{r}", RANKS[r], size=18) for r, (x, y) in enumerate(spots)]
    return items


def axes_at(axes, rows: float, area: tuple[float, float, float, float]):
    """A further matplotlib panel in the Plot that `axes` belongs to, placed like a Box (grid units)."""
    figure = axes.figure
    width = style.COLUMNS * style.UNIT
    height = (style.TITLE_BAND + rows) * style.UNIT
    x, y, w, h = (v * style.UNIT for v in area)
    band = style.TITLE_BAND * style.UNIT
    return figure.add_axes((x / width, 1 - (band + y + h) / height, w / width, h / height))


_SCRIPT = re.compile(r"([_^])\{([^}]*)\}")


def mathtext(label: Label | None, language: str) -> str:
    """A label for matplotlib: the painter's `_{..}`/`^{..}` become mathtext sub- and superscripts."""
    return _SCRIPT.sub(lambda m: f"${m.group(1)}{{\\mathregular{{{m.group(2)}}}}}$", text_in(label, language))


def draw_items(axes, rows: float, items: tuple[Item, ...], language: str) -> None:
    """The painter's Box, Text and Arrow items drawn by matplotlib onto the Plot's body, in grid units
    (one unit is 50 px = 50 pt here, as plots are drawn at 72 dpi), for a diagram beside a chart."""
    overlay = axes_at(axes, rows, (0, 0, style.COLUMNS, rows))
    overlay.set_xlim(0, style.COLUMNS)
    overlay.set_ylim(rows, 0)
    overlay.axis("off")
    overlay.set_zorder(-1)
    for item in items:
        if isinstance(item, Box):
            solid = item.fill == "solid"
            fill = {"light": style.light(item.color), "solid": style.strong(item.color),
                    "white": style.WHITE}.get(item.fill, item.fill)
            pad = min(item.radius if item.radius is not None else style.RADIUS, 0.5 * item.w * style.UNIT,
                      0.5 * item.h * style.UNIT) / style.UNIT
            outline = {"facecolor": fill, "edgecolor": "none" if solid else style.strong(item.color),
                       "linewidth": item.stroke or style.STROKE}
            if item.w == item.h and pad * 2 >= item.w:  # a disc drawn by disc()
                overlay.add_patch(Circle((item.x + pad, item.y + pad), pad, **outline))
            else:
                overlay.add_patch(FancyBboxPatch((item.x + pad, item.y + pad), item.w - 2 * pad, item.h - 2 * pad,
                                                 boxstyle=f"round,pad={pad:.3f}", **outline))
            if item.title is not None:
                overlay.text(item.x + item.w / 2, item.y + 0.45, mathtext(item.title, language), ha="center",
                             va="center", fontsize=(item.size or style.TEXT_SIZE) + 2, fontweight="bold",
                             color=style.strong(item.color))
            if item.text is not None:
                overlay.text(item.x + item.w / 2, item.y + item.h / 2, mathtext(item.text, language), ha="center",
                             va="center", fontsize=item.size or style.TEXT_SIZE, linespacing=1.3,
                             fontweight="bold" if item.bold else "normal",
                             color=style.WHITE if solid else style.INK)
        elif isinstance(item, Text):
            overlay.text(item.x, item.y, mathtext(item.text, language), ha={"start": "left", "end": "right"}.get(
                item.anchor, "center"), va="center", fontsize=item.size or style.TEXT_SIZE, linespacing=1.3,
                fontweight="bold" if item.bold else "normal", color=style.strong(item.color))
        elif isinstance(item, Arrow):
            points = [item.start, *item.via, item.end]
            assert all(not isinstance(p, str) for p in points), "draw_items joins points, not box ids"
            color = style.strong(item.color)
            for (x0, y0), (x1, y1) in itertools.pairwise(points):
                overlay.plot([x0, x1], [y0, y1], color=color, linewidth=item.width, solid_capstyle="butt")
            if item.head:
                (x0, y0), (x1, y1) = points[-2], points[-1]
                overlay.annotate("", (x1, y1), (x0 + (x1 - x0) * 0.9, y0 + (y1 - y0) * 0.9),
                                 arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": item.width,
                                             "mutation_scale": 12 + 2 * item.width})


def frame(axes, xticks, yticks, xlabel: Label, ylabel: Label | None, title: Label, language: str, *, xlog: bool = True,
           ylog: bool = True, base: float = 10, title_size: float = 17) -> None:
    """Axes with the given (value, label) ticks, log scales unless told otherwise, labels and a title."""
    if xlog:
        axes.set_xscale("log", base=base)
    if ylog:
        axes.set_yscale("log")
    axes.set_xticks([v for v, _ in xticks], [s for _, s in xticks], fontsize=14)
    axes.set_yticks([v for v, _ in yticks], [s for _, s in yticks], fontsize=14)
    axes.minorticks_off()
    axes.set_xlim(xticks[0][0], xticks[-1][0])
    axes.set_ylim(yticks[0][0], yticks[-1][0])
    axes.grid(color=style.RULE)
    axes.set_xlabel(text_in(xlabel, language), fontsize=16)
    if ylabel is not None:
        axes.set_ylabel(text_in(ylabel, language), fontsize=16)
    axes.set_title(text_in(title, language), fontsize=title_size, fontweight="bold", pad=14)
