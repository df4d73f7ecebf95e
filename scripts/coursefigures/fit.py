"""Does every label fit? Measures text with the Noto Sans CJK font (Pillow) the way browsers here
draw it, so a converter learns of a label wider than its box before a reader does."""

from __future__ import annotations

import re
from functools import cache

from PIL import ImageFont

from . import style
from .fonts import font_file
from .spec import Box, Figure, Text, text_in

_SCRIPT = re.compile(r"[_^]\{([^}]*)\}")
PADDING = 4.0
"""Pixels a label keeps from each side of its box."""


@cache
def _font(bold: bool, size: float) -> ImageFont.FreeTypeFont:
    path, index = font_file(bold)
    return ImageFont.truetype(str(path), size=round(size * 4), index=index)


def width(line: str, size: float, bold: bool = False) -> float:
    """Advance of one line of a label in pixels (sub/superscripts at 70 %)."""
    plain = _SCRIPT.sub("", line)
    scripts = "".join(_SCRIPT.findall(line))
    font = _font(bold, size)
    return (font.getlength(plain) + 0.7 * font.getlength(scripts)) / 4


def overflows(figure: Figure, language: str) -> list[str]:
    """A sentence for each label that leaves its box (or, for free text, the figure)."""
    found = []
    page = style.COLUMNS * style.UNIT - 2 * PADDING
    for label, size, bold in ((figure.title, style.TITLE_SIZE, True), (figure.subtitle, style.SUBTITLE_SIZE, False)):
        w = width(text_in(label, language), size, bold)
        if w > page:
            found.append(f"the title line {text_in(label, language)!r} is {w:.0f} px wide, the figure {page:.0f} px")
    for item in figure.items:
        if isinstance(item, Box) and item.text is not None:
            size = item.size or style.TEXT_SIZE
            lines = text_in(item.text, language).split("\n")
            room = item.w * style.UNIT - 2 * PADDING
            widest = max(width(line, size, item.bold) for line in lines)
            if widest > room:
                found.append(f"{lines} is {widest:.0f} px wide, its box {room:.0f} px")
            if len(lines) * size * 1.3 > item.h * style.UNIT + 2:
                found.append(f"{lines}: {len(lines)} lines do not fit a box {item.h * style.UNIT:.0f} px high")
        elif isinstance(item, Text):
            size = item.size or style.TEXT_SIZE
            x = item.x * style.UNIT
            for line in text_in(item.text, language).split("\n"):
                w = width(line, size, item.bold)
                left = {"middle": x - w / 2, "start": x, "end": x - w}[item.anchor]
                if left < 0 or left + w > style.COLUMNS * style.UNIT:
                    found.append(f"{line!r} ({w:.0f} px) runs off the figure")
    return found
