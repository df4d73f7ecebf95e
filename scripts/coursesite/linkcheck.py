"""Check every internal link and anchor of a built site, in the HTML as readers get it.

MkDocs validates the links it writes from Markdown; this also covers raw HTML, the generator's own
markup (cards, notices, srcset), theme templates and both languages' trees.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRS = {"a": ("href",), "link": ("href",), "img": ("src", "srcset"), "script": ("src",),
               "source": ("src", "srcset"), "iframe": ("src",)}


@dataclass(frozen=True)
class BrokenLink:
    page: str
    """The built page, relative to the site folder."""
    target: str
    reason: str

    def format(self) -> str:
        return f"{self.page}: {self.target} ({self.reason})"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(values[key] or "")
        for attr in _LINK_ATTRS.get(tag, ()):
            value = values.get(attr)
            if not value:
                continue
            if attr == "srcset":
                self.links.extend(part.strip().split(" ")[0] for part in value.split(",") if part.strip())
            else:
                self.links.append(value)


def check_site(site: Path) -> list[BrokenLink]:
    """Every internal link of every HTML page of `site` whose file or anchor does not exist."""
    pages: dict[str, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        pages[path.relative_to(site).as_posix()] = parser
    broken = []
    for page, parser in pages.items():
        for link in parser.links:
            problem = _check(site, pages, page, link)
            if problem:
                broken.append(BrokenLink(page, link, problem))
    return broken


def _check(site: Path, pages: dict[str, _Page], page: str, link: str) -> str | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:  # another site, mailto:, data:, javascript:
        return None
    path = unquote(parts.path)
    if not path:
        target = page
    else:
        base = "" if path.startswith("/") else posixpath.dirname(page)
        target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        if target.startswith(".."):
            return "outside the site"
        if (site / target).is_dir():
            target = posixpath.join(target, "index.html") if target != "." else "index.html"
        if not (site / target).is_file():
            return "no such file"
    if parts.fragment and target.endswith(".html"):
        ids = pages[target].ids if target in pages else set()
        if unquote(parts.fragment) not in ids:
            return f"no anchor #{unquote(parts.fragment)}"
    return None
