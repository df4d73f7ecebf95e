"""Small drawing toolkit shared by draw.py (course figures) and decks.py (slide decks).

Everything is drawn with Pillow only. A figure is drawn on a canvas that is SS times larger
than its logical size and scaled down once at the end (cheap anti-aliasing for lines and
shapes), then reduced to a 256-colour palette so the flat diagrams stay small as PNG.
The output is deterministic: no timestamps, no randomness, no system-dependent layout
beyond the font file, which is located by find_cjk_font().

Rich text: labels may contain ^{...} (superscript) and _{...} (subscript), e.g. "2^{-126}".
"""

from __future__ import annotations

import math
import os
import re
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[2]

SS = 2  # supersampling factor

# ---------------------------------------------------------------- colours
INK = "#1f2937"
MUTED = "#6b7280"
GRID = "#e5e7eb"
WHITE = "#ffffff"
BG = "#ffffff"

BLUE, BLUE_L = "#2563eb", "#dbeafe"
GREEN, GREEN_L = "#059669", "#d1fae5"
ORANGE, ORANGE_L = "#ea580c", "#ffedd5"
PURPLE, PURPLE_L = "#7c3aed", "#ede9fe"
RED, RED_L = "#dc2626", "#fee2e2"
GRAY, GRAY_L = "#6b7280", "#f3f4f6"
YELLOW, YELLOW_L = "#ca8a04", "#fef9c3"
TEAL, TEAL_L = "#0d9488", "#ccfbf1"
PINK, PINK_L = "#db2777", "#fce7f3"

# ---------------------------------------------------------------- fonts
_FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-{w}.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-{w}.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-{w}.ttc",
    "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-{w}.ttc",
]


def _fc_list_font(weight: str) -> str | None:
    """Ask fontconfig for a Noto Sans CJK file of the given weight."""
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file", "family", "style"],
            capture_output=True, text=True, check=False, timeout=20,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted({line.split(":")[0] for line in out.splitlines()
                    if "Noto Sans CJK" in line and weight in line})
    return files[0] if files else None


@lru_cache(maxsize=None)
def find_cjk_font(weight: str = "Regular") -> tuple[str, int]:
    """Return (path, face index) of Noto Sans CJK SC in the given weight ("Regular" or "Bold").

    Raises SystemExit with an explanation when no CJK font is installed.
    """
    env = os.environ.get("AIF_CJK_FONT" if weight == "Regular" else "AIF_CJK_FONT_BOLD")
    paths = [env] if env else []
    paths += [p.format(w=weight) for p in _FONT_CANDIDATES]
    found = next((p for p in paths if p and os.path.isfile(p)), None) or _fc_list_font(weight)
    if not found:
        raise SystemExit(
            "No CJK font found (Noto Sans CJK SC, weight %s).\n"
            "Install it with:  apt-get install -y fonts-noto-cjk\n"
            "or point AIF_CJK_FONT / AIF_CJK_FONT_BOLD at a .ttc/.otf file." % weight
        )
    # pick the Simplified Chinese face inside a collection
    for idx in range(10):
        try:
            f = ImageFont.truetype(found, 20, index=idx)
        except OSError:
            break
        if f.getname()[0].endswith(" SC"):
            return found, idx
    return found, 0


@lru_cache(maxsize=None)
def font(size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    path, idx = find_cjk_font("Bold" if bold else "Regular")
    return ImageFont.truetype(path, max(1, int(round(size))), index=idx)


# Characters that the CJK font draws full-width; a Latin font draws them narrow.
_NARROW = "·"
_LATIN_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans{b}.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans{b}.ttf",
]


@lru_cache(maxsize=None)
def _latin_font(size: int, bold: bool):
    for p in _LATIN_CANDIDATES:
        path = p.format(b="-Bold" if bold else "")
        if os.path.isfile(path):
            return ImageFont.truetype(path, size)
    return None


def _runs(seg: str, size: float, bold: bool):
    """Split a text segment into (text, font) runs, narrow punctuation in a Latin font."""
    cjk = font(size, bold)
    out = []
    for part in re.split("([%s])" % re.escape(_NARROW), seg):
        if not part:
            continue
        lat = _latin_font(max(1, int(round(size))), bold) if part in _NARROW else None
        out.append((part, lat or cjk))
    return out


# ---------------------------------------------------------------- rich text
_RICH = re.compile(r"(\^\{[^}]*\}|_\{[^}]*\})")


def _segments(s: str):
    """Split "a^{b}c_{d}" into (text, kind) with kind in {"n", "sup", "sub"}."""
    out = []
    for part in _RICH.split(s):
        if not part:
            continue
        if part.startswith("^{"):
            out.append((part[2:-1], "sup"))
        elif part.startswith("_{"):
            out.append((part[2:-1], "sub"))
        else:
            out.append((part, "n"))
    return out


class Canvas:
    """A drawing surface in logical pixels (the final PNG size); drawn SS times larger."""

    def __init__(self, w: int, h: int, bg: str = BG, ss: int = SS):
        self.w, self.h, self.ss = w, h, ss
        self.img = Image.new("RGB", (w * ss, h * ss), bg)
        self.d = ImageDraw.Draw(self.img)

    # -- coordinates
    def _p(self, v):
        return v * self.ss

    def _pts(self, pts):
        return [(x * self.ss, y * self.ss) for x, y in pts]

    # -- shapes
    def rect(self, x, y, w, h, fill=None, outline=None, width=3, radius=14):
        box = [self._p(x), self._p(y), self._p(x + w), self._p(y + h)]
        if radius:
            self.d.rounded_rectangle(box, radius=self._p(radius), fill=fill,
                                     outline=outline, width=self._p(width) if outline else 0)
        else:
            self.d.rectangle(box, fill=fill, outline=outline,
                             width=self._p(width) if outline else 0)

    def circle(self, cx, cy, r, fill=None, outline=None, width=3):
        box = [self._p(cx - r), self._p(cy - r), self._p(cx + r), self._p(cy + r)]
        self.d.ellipse(box, fill=fill, outline=outline, width=self._p(width) if outline else 0)

    def polygon(self, pts, fill=None, outline=None, width=3):
        self.d.polygon(self._pts(pts), fill=fill, outline=outline,
                       width=self._p(width) if outline else 0)

    def line(self, pts, color=INK, width=3, dash=None):
        if dash:
            for a, b in zip(pts, pts[1:]):
                self._dashed(a, b, color, width, dash)
            return
        self.d.line(self._pts(pts), fill=color, width=self._p(width), joint="curve")

    def _dashed(self, a, b, color, width, dash):
        (x1, y1), (x2, y2) = a, b
        length = math.hypot(x2 - x1, y2 - y1)
        if length == 0:
            return
        on, off = dash
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        t = 0.0
        while t < length:
            t2 = min(t + on, length)
            self.d.line(self._pts([(x1 + ux * t, y1 + uy * t), (x1 + ux * t2, y1 + uy * t2)]),
                        fill=color, width=self._p(width))
            t = t2 + off

    def arrow(self, x1, y1, x2, y2, color=INK, width=4, head=22, dash=None, both=False):
        ang = math.atan2(y2 - y1, x2 - x1)
        # stop the shaft where the head starts
        sx2, sy2 = x2 - math.cos(ang) * head * 0.8, y2 - math.sin(ang) * head * 0.8
        sx1, sy1 = x1, y1
        if both:
            sx1, sy1 = x1 + math.cos(ang) * head * 0.8, y1 + math.sin(ang) * head * 0.8
        self.line([(sx1, sy1), (sx2, sy2)], color, width, dash)
        self._head(x2, y2, ang, color, head)
        if both:
            self._head(x1, y1, ang + math.pi, color, head)

    def _head(self, x, y, ang, color, head):
        a1, a2 = ang + math.radians(155), ang - math.radians(155)
        pts = [(x, y), (x + math.cos(a1) * head, y + math.sin(a1) * head),
               (x + math.cos(a2) * head, y + math.sin(a2) * head)]
        self.polygon(pts, fill=color)

    def polyarrow(self, pts, color=INK, width=4, head=22):
        """A polyline that ends in an arrow head."""
        if len(pts) > 2:
            self.line(pts[:-1], color, width)
        self.arrow(*pts[-2], *pts[-1], color=color, width=width, head=head)

    # -- text
    def text_size(self, s: str, size=40, bold=False):
        """Width and height (logical px) of one rich-text line."""
        w = 0.0
        for seg, kind in _segments(s):
            for run, f in _runs(seg, self._p(size * (0.68 if kind != "n" else 1.0)), bold):
                w += f.getlength(run) / self.ss
        return w, size * 1.2

    def text(self, x, y, s: str, size=40, color=INK, anchor="mm", bold=False, line_gap=1.3):
        """Draw (multi-line, rich) text. anchor: two letters, horizontal l/m/r, vertical t/m/b."""
        lines = str(s).split("\n")
        lh = size * line_gap
        total_h = lh * (len(lines) - 1)
        ha, va = anchor[0], anchor[1]
        if va == "t":
            y0 = y + size * 0.55
        elif va == "b":
            y0 = y - total_h - size * 0.55
        else:
            y0 = y - total_h / 2
        for i, ln in enumerate(lines):
            self._rich_line(x, y0 + i * lh, ln, size, color, ha, bold)

    def _rich_line(self, x, ymid, s, size, color, ha, bold):
        w, _ = self.text_size(s, size, bold)
        if ha == "m":
            cx = x - w / 2
        elif ha == "r":
            cx = x - w
        else:
            cx = x
        for seg, kind in _segments(s):
            sz = size * (0.68 if kind != "n" else 1.0)
            dy = -size * 0.38 if kind == "sup" else (size * 0.25 if kind == "sub" else 0)
            for run, f in _runs(seg, self._p(sz), bold):
                self.d.text((self._p(cx), self._p(ymid + dy)), run, font=f, fill=color,
                            anchor="lm")
                cx += f.getlength(run) / self.ss

    def box(self, x, y, w, h, label="", fill=BLUE_L, outline=BLUE, size=40, color=INK,
            bold=False, width=3, radius=14):
        """A rounded box with a centred label."""
        self.rect(x, y, w, h, fill=fill, outline=outline, width=width, radius=radius)
        if label:
            self.text(x + w / 2, y + h / 2, label, size=size, color=color, bold=bold)

    # -- output
    def image(self) -> Image.Image:
        return self.img.resize((self.w, self.h), Image.Resampling.LANCZOS)

    def save(self, path: Path, colors: int = 256) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        small = self.image()
        pal = small.quantize(colors=colors, method=Image.Quantize.MEDIANCUT,
                             dither=Image.Dither.NONE)
        pal.save(path, format="PNG", optimize=True)
        return path


class Axes:
    """Data-to-pixel mapping for simple charts, linear or log10 on each axis."""

    def __init__(self, c: Canvas, x, y, w, h, xlim, ylim, xlog=False, ylog=False):
        self.c, self.x, self.y, self.w, self.h = c, x, y, w, h
        self.xlim, self.ylim, self.xlog, self.ylog = xlim, ylim, xlog, ylog

    def _t(self, v, lim, log):
        a, b = lim
        if log:
            return (math.log10(v) - math.log10(a)) / (math.log10(b) - math.log10(a))
        return (v - a) / (b - a)

    def px(self, xv, yv):
        return (self.x + self._t(xv, self.xlim, self.xlog) * self.w,
                self.y + self.h - self._t(yv, self.ylim, self.ylog) * self.h)

    def frame(self, xticks, yticks, xlabel="", ylabel="", size=34, grid=True):
        c = self.c
        for xv, lab in xticks:
            px, _ = self.px(xv, self.ylim[0])
            if grid:
                c.line([(px, self.y), (px, self.y + self.h)], GRID, 2)
            c.line([(px, self.y + self.h), (px, self.y + self.h + 12)], INK, 3)
            c.text(px, self.y + self.h + 40, lab, size=size, color=INK)
        for yv, lab in yticks:
            _, py = self.px(self.xlim[0], yv)
            if grid:
                c.line([(self.x, py), (self.x + self.w, py)], GRID, 2)
            c.line([(self.x - 12, py), (self.x, py)], INK, 3)
            c.text(self.x - 22, py, lab, size=size, color=INK, anchor="rm")
        c.line([(self.x, self.y), (self.x, self.y + self.h), (self.x + self.w, self.y + self.h)],
               INK, 4)
        if xlabel:
            c.text(self.x + self.w / 2, self.y + self.h + 100, xlabel, size=size + 4, color=INK)
        if ylabel:
            # vertical label: draw on a temporary image and rotate
            self._vlabel(ylabel, size + 4)

    def _vlabel(self, s, size):
        c = self.c
        w, _ = c.text_size(s, size)
        tmp = Canvas(int(w) + 20, int(size * 1.8), bg=WHITE, ss=c.ss)
        tmp.text(tmp.w / 2, tmp.h / 2, s, size=size)
        rot = tmp.img.rotate(90, expand=True)
        px = int(c._p(self.x - 190))
        py = int(c._p(self.y + self.h / 2) - rot.height / 2)
        c.img.paste(rot, (px, py))

    def curve(self, f, x0, x1, color, width=5, n=400, dash=None):
        pts = []
        for i in range(n + 1):
            t = i / n
            if self.xlog:
                xv = 10 ** (math.log10(x0) + t * (math.log10(x1) - math.log10(x0)))
            else:
                xv = x0 + t * (x1 - x0)
            pts.append(self.px(xv, f(xv)))
        self.c.line(pts, color, width, dash)
