"""The one place for how the course's figures and decks look: palette, fonts, sizes, title band.

Figures are published as `<img>` SVGs, which cannot load the page's fonts and must not load any
from another host, so text names a stack of fonts that readers already have: Noto Sans CJK SC /
Source Han Sans SC (Android, most Linux, and Debian's `fonts-noto-cjk` that Chromium and the PDF
converter use here), PingFang SC and Hiragino Sans GB (iOS, macOS), Microsoft YaHei (Windows).
"""

from __future__ import annotations

FONT_STACK = ("'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', "
              "'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif")
MATPLOTLIB_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "DejaVu Sans"]

INK = "#1f2937"
MUTED = "#6b7280"
RULE = "#e5e7eb"
WHITE = "#ffffff"
PLATE = "#ffffff"
"""Every figure sits on an opaque light plate, so it reads the same on the light and the dark palette."""

PALETTE: dict[str, tuple[str, str]] = {
    # name: (strong colour for outlines, arrows and text; light fill)
    "blue": ("#2563eb", "#dbeafe"),
    "green": ("#059669", "#d1fae5"),
    "orange": ("#ea580c", "#ffedd5"),
    "purple": ("#7c3aed", "#ede9fe"),
    "red": ("#dc2626", "#fee2e2"),
    "gray": ("#6b7280", "#f3f4f6"),
    "yellow": ("#ca8a04", "#fef9c3"),
    "teal": ("#0d9488", "#ccfbf1"),
    "pink": ("#db2777", "#fce7f3"),
    "ink": (INK, WHITE),
}

UNIT = 50
"""One grid unit in SVG pixels: figures are 24 units (1,200 px) wide; rows are as many units as needed."""
COLUMNS = 24

TITLE_SIZE = 28
SUBTITLE_SIZE = 18
TITLE_BAND = 2.0
"""Height of the title band in grid units; the figure's own grid starts below it (row 0)."""
TEXT_SIZE = 17
STROKE = 2.0
RADIUS = 8.0
HEAD = 11.0
"""Arrow head length in pixels (its half-width is 0.45 of that)."""


def strong(color: str) -> str:
    """A palette name's strong colour, or the colour itself when it is a literal ('#...')."""
    return PALETTE[color][0] if color in PALETTE else color


def light(color: str) -> str:
    """A palette name's light fill, or the colour itself when it is a literal ('#...')."""
    return PALETTE[color][1] if color in PALETTE else color
