"""A lesson's slide deck: each slide drawn as SVG by the painter, the pages joined into one PDF
by rsvg-convert (librsvg, Debian's `librsvg2-bin`), which keeps text as text (embedded font
subsets with a ToUnicode map, so it can be selected and searched) and figures as vectors.

rsvg-convert was chosen by measurement against CairoSVG (see README.md): smaller files, the same
rendering as the browser's for our SVGs, and byte-identical output when SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from fontTools import subset

from . import style
from .fonts import font_file
from .paint import num, rect, svg_document, text
from .spec import Bullets, Deck, Drawing, Picture

PAGE_W, PAGE_H = 1600, 900
COURSE = "AIFoundation"
BLUE = style.strong("blue")


def _width(line: str, size: float) -> float:
    """Estimated advance of a line: 1 em for CJK and full-width signs, 0.56 em otherwise. An
    estimate rather than font metrics, so the layout does not depend on the fonts installed."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.56 for ch in line)


def wrap(line: str, width: float, size: float) -> list[str]:
    """Greedy line breaking that keeps Latin words whole."""
    lines, current = [], ""
    for token in re.findall(r"[A-Za-z0-9.,:;!?%()/+\-=×·'\"<>\[\]_{}^]+ ?|\s|.", line):
        if current and _width(current + token, size) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    return [*lines, current.rstrip()] if current.strip() else lines


def _frame(deck: Deck, page: int, total: int) -> list[str]:
    return [rect(0, PAGE_H - 54, PAGE_W, 54, fill=style.light("gray"), radius=0),
            text(40, PAGE_H - 27, f"{COURSE} · {deck.module} · {deck.chapter}", size=22, color=style.MUTED,
                 anchor="start"),
            text(PAGE_W - 40, PAGE_H - 27, f"{page} / {total}", size=22, color=style.MUTED, anchor="end")]


def _heading(title: str, color: str = BLUE) -> list[str]:
    return [rect(0, 0, 16, 120, fill=color, radius=0), text(60, 66, title, size=48, bold=True, anchor="start"),
            f'<line x1="60" y1="118" x2="{PAGE_W - 60}" y2="118" stroke="{style.RULE}" stroke-width="3"/>']


def _title_slide(deck: Deck) -> list[str]:
    parts = [rect(0, 0, PAGE_W, 330, fill=BLUE, radius=0),
             text(80, 120, f"{COURSE} · {deck.module}", size=34, color=style.WHITE, anchor="start"),
             text(80, 200, deck.chapter, size=30, color="#dbeafe", anchor="start")]
    y = 430
    for line in wrap(deck.title, PAGE_W - 160, 64):
        parts.append(text(80, y, line, size=64, bold=True, anchor="start"))
        y += 90
    parts += [text(80, y + 10, deck.subtitle, size=34, color=style.MUTED, anchor="start"),
              rect(80, 700, 120, 8, fill=style.strong("orange"), radius=4),
              text(80, 760, deck.tag, size=28, anchor="start")]
    return parts


def _bullets(slide: Bullets) -> list[str]:
    color = style.strong("green") if slide.summary else BLUE
    parts = _heading(slide.title, color)
    y = 210
    for point in slide.points:
        parts.append(f'<circle cx="86" cy="{y}" r="9" fill="{color}"/>')
        for line in wrap(point, PAGE_W - 240, 36):
            parts.append(text(120, y, line, size=36, anchor="start"))
            y += 52
        y += 30
    return parts


def _nested(drawing: Drawing, x: float, y: float, w: float, h: float) -> str:
    """The drawing's Chinese SVG scaled into the box (x, y, w, h), keeping its proportions."""
    from .build import render  # the build knows how to draw either kind of drawing

    document = render(drawing, "zh")
    document = re.sub(r"<\?xml[^>]*\?>\s*", "", document, count=1)
    return re.sub(r'<svg\b([^>]*?) width="[\d.]+" height="[\d.]+"',
                  rf'<svg\1 x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}"', document, count=1)


def _picture(slide: Picture) -> list[str]:
    parts = _heading(slide.title)
    bottom = PAGE_H - 54 - (70 if slide.caption else 20)
    parts.append(_nested(slide.drawing, 60, 135, PAGE_W - 120, bottom - 135))
    if slide.caption:
        parts.append(text(PAGE_W / 2, PAGE_H - 54 - 36, slide.caption, size=28, color=style.MUTED))
    return parts


def slides(deck: Deck) -> list[str]:
    """Every page of the deck as an SVG document."""
    bodies = [_title_slide(deck)]
    for slide in deck.slides:
        bodies.append(_picture(slide) if isinstance(slide, Picture) else _bullets(slide))
    total = len(bodies)
    pages = []
    for number, body in enumerate(bodies, start=1):
        plate = [rect(0, 0, PAGE_W, PAGE_H, fill=style.WHITE, radius=0)]
        footer = _frame(deck, number, total) if number > 1 else []
        pages.append(svg_document(PAGE_W, PAGE_H, "\n".join(plate + body + footer)))
    return pages


def _subset_fonts(pages: list[str], folder: Path) -> Path:
    """A fontconfig setup that offers only subsets of the deck's font holding the characters used.

    cairo embeds a CID-keyed CFF font such as Noto Sans CJK with all its subroutines (about 500 KB
    per weight); subsetting first with fontTools keeps a deck to a few hundred KB."""
    used = "".join(sorted(set("".join(html.unescape(re.sub(r"<[^>]+>", " ", page)) for page in pages))))
    fonts = folder / "fonts"
    fonts.mkdir()
    for bold in (False, True):
        path, index = font_file(bold)
        options = subset.Options()
        options.font_number = index
        options.name_IDs = ["*"]
        options.drop_tables += ["GSUB", "GPOS"]
        face = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=used)
        subsetter.subset(face)
        subset.save_font(face, str(fonts / f"{'Bold' if bold else 'Regular'}.otf"), options)
    config = folder / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{escape(str(fonts))}</dir>'
                      f"<cachedir>{escape(str(folder / 'cache'))}</cachedir></fontconfig>\n", encoding="utf-8")
    return config


def write_pdf(pages: list[str], target: Path) -> None:
    """The pages as one PDF; no dates in it (SOURCE_DATE_EPOCH=0), so equal input gives equal bytes."""
    with tempfile.TemporaryDirectory(prefix="deck-") as name:
        folder = Path(name)
        config = _subset_fonts(pages, folder)
        files = []
        for number, page in enumerate(pages, start=1):
            path = folder / f"{number:03d}.svg"
            path.write_text(page, encoding="utf-8")
            files.append(str(path))
        env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "FONTCONFIG_FILE": str(config)}
        subprocess.run(["rsvg-convert", "--format=pdf", "--output", str(target), *files],
                       check=True, env=env, capture_output=True, timeout=300)


