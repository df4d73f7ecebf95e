"""Responsive `<img>` markup for processed figures.

The Markdown of a page links each figure to its largest variant (so MkDocs validates and copies it);
here every such `<img>` gets the other widths as `srcset`, `sizes`, its intrinsic `width`/`height`
(no layout shift), and lazy loading below the first figure. The largest variant stays in `src`,
which the lightbox opens.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import quote, unquote

from .pipeline import Figure

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)

SIZES = "(min-width: 76.25em) 38rem, (min-width: 60em) calc(100vw - 25rem), 100vw"
"""The width of Material's content column: fixed on wide screens, beside the sidebars on laptops,
the whole viewport on phones."""


def responsive_images(page_html: str, page_url: str, figures: dict[str, Figure]) -> str:
    """Rewrite the `<img>` tags of a rendered page whose `src` is a processed figure.

    `page_url` is the page's URL relative to the site root (`01AIChip/01Foundation/01Roofline/`);
    `figures` maps the site path of each figure's largest variant to the Figure.
    """
    seen = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal seen
        tag = match.group(0)
        src_match = _SRC.search(tag)
        if src_match is None or "srcset=" in tag:
            return tag
        src = next(g for g in src_match.groups() if g is not None)
        if "://" in src or src.startswith("data:"):
            return tag
        # The page's own address is percent-encoded in `page_url` (`Net%26Store/`), the `src` may
        # be too and is HTML-escaped (`&amp;`): compare decoded paths.
        site_path = posixpath.normpath(posixpath.join(unquote(page_url) or ".", unquote(html.unescape(src))))
        figure = figures.get(site_path)
        if figure is None or figure.largest is None:
            return tag
        folder = src.rsplit("/", 1)[0] + "/" if "/" in src else ""
        srcset = ", ".join(f"{folder}{quote(figure.name(v))} {v.width}w" for v in figure.result.variants)
        largest = figure.largest
        seen += 1
        extra = (
            f' srcset="{html.escape(srcset)}" sizes="{SIZES}" width="{largest.width}" height="{largest.height}"'
            f' decoding="async"' + (' loading="lazy"' if seen > 1 else ' fetchpriority="high"')
        )
        closing = "/>" if tag.endswith("/>") else ">"
        return tag[: -len(closing)].rstrip() + extra + " " + closing

    return _IMG.sub(replace, page_html)
