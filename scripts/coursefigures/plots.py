"""Charts with matplotlib, as deterministic SVG with text kept as text.

`svg.hashsalt` fixes the ids matplotlib generates, `metadata={"Date": None}` drops the date,
`svg.fonttype: none` writes `<text>` with our font stack instead of glyph outlines. The DOCTYPE
line is removed because the site's sanitiser refuses documents with a DTD.
"""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt

from . import style
from .spec import Plot, text_in

RC = {
    "svg.hashsalt": "coursefigures",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": style.MATPLOTLIB_FONTS,
    "font.size": 13,
    "axes.edgecolor": style.MUTED,
    "axes.labelcolor": style.INK,
    "xtick.color": style.INK,
    "ytick.color": style.INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.facecolor": style.PLATE,
    "axes.facecolor": style.PLATE,
    "savefig.facecolor": style.PLATE,
}


def paint_plot(plot: Plot, language: str) -> str:
    """The chart as an SVG document in `language`, the same width as a Figure."""
    width = style.COLUMNS * style.UNIT
    band = style.TITLE_BAND * style.UNIT
    height = band + plot.rows * style.UNIT
    with plt.rc_context(RC):
        fig = plt.figure(figsize=(width / 72, height / 72), dpi=72)
        fig.text(0.5, 1 - 0.62 * style.UNIT / height, text_in(plot.title, language), ha="center", va="center",
                 fontsize=style.TITLE_SIZE, fontweight="bold", color=style.INK)
        if plot.subtitle is not None:
            fig.text(0.5, 1 - 1.4 * style.UNIT / height, text_in(plot.subtitle, language), ha="center",
                     va="center", fontsize=style.SUBTITLE_SIZE, color=style.MUTED)
        x, y, w, h = (v * style.UNIT for v in plot.area)
        axes = fig.add_axes((x / width, 1 - (band + y + h) / height, w / width, h / height))
        plot.draw(axes, language)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
        plt.close(fig)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", buffer.getvalue(), count=1)
    # points to pixels: the figure is `width` px wide, like every Figure
    return re.sub(r'(width|height)="([\d.]+)pt"', r'\1="\2"', svg, count=2)
