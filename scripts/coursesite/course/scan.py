"""Read what the site needs out of one Markdown source, tolerating the course's irregularities.

The course's articles put `# ` lines inside code fences and inside HTML comments, wrap whole fenced
blocks in multi-line comments, and leave trailing spaces after fences. Every scanner here therefore
works on a *masked* copy of the text: same line count, with fenced code, HTML comments and inline
code blanked out, so line numbers stay true and nothing inside code is mistaken for a title or link.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from enum import Enum

from .text import split_lines

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
# An inline link or image: `[text](target)` with one level of nested brackets in the text, so that
# `[![alt](a.png)](b.md)` is seen as a link whose text holds an image.
_INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_REF_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?([^\s>]*)>?")
_HTML_ATTR_TAG = re.compile(r"<(img|a|iframe)\b([^>]*)>", re.IGNORECASE)
_HTML_ATTR = re.compile(r"""\b(src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TITLE_SUFFIX = re.compile(
    r"\s*[(（]\s*(?:DONE|done|Done|完结|已完结|待更新|更新中|TODO|todo|WIP)\s*[)）]\s*$"
)
_ATTR_LIST = re.compile(r"\s*\{[^{}]*\}\s*$")


def mask(text: str) -> list[str]:
    """Return the lines of `text` with fenced code, HTML comments and inline code blanked.

    A comment that opens inside a fence is code, and a fence that opens inside a comment is
    comment: the scanner follows whichever began first, which is how a Markdown renderer reads it.
    """
    lines = split_lines(text)
    out: list[str] = []
    fence: str | None = None
    in_comment = False
    for line in lines:
        if fence is not None:
            out.append("")
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) <= set(fence[0]):
                fence = None
            continue
        if not in_comment:
            m = _FENCE.match(line)
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                fence = m.group(1)
                out.append("")
                continue
        # Blank comments character for character, so columns stay true for in-memory rewrites.
        kept = []
        rest = line
        while rest:
            if in_comment:
                end = rest.find("-->")
                cut = len(rest) if end < 0 else end + 3
                kept.append(" " * cut)
                in_comment = end < 0
                rest = rest[cut:]
            else:
                start = rest.find("<!--")
                if start < 0:
                    kept.append(rest)
                    rest = ""
                else:
                    kept.append(rest[:start] + "    ")
                    in_comment = True
                    rest = rest[start + 4 :]
        masked = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), "".join(kept))
        out.append(masked if masked.strip() else "")
    return out


def clean_title(raw: str) -> str:
    """A heading's text as a title: no `(DONE)`-style status suffix, no attribute list, no stray spaces."""
    title = _ATTR_LIST.sub("", raw)
    title = _TITLE_SUFFIX.sub("", title)
    title = re.sub(r"\s+", " ", title).strip()
    return title.strip("*_").strip()


_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def plain_title(raw: str) -> str:
    """A heading, outline cell or front-matter title as plain text, for every place the site shows
    a title outside the page's own body (navigation, header, breadcrumbs, lesson lists, search,
    feeds). HTML tags are dropped, links keep their text, entities are decoded: the result is
    text, to be escaped wherever it is written into HTML or Markdown (`markdown_text`)."""
    text = _MD_LINK.sub(lambda m: m.group(1), raw)
    text = _TAG.sub("", text)
    text = re.sub(r"(`+)(.*?)\1", lambda m: m.group(2), text)
    return clean_title(html.unescape(text))


def markdown_text(title: str) -> str:
    """A plain title written into generated Markdown so that it shows as exactly that text."""
    escaped = html.escape(title, quote=False)
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", escaped)


@dataclass(frozen=True)
class Heading:
    """An ATX heading found outside code and comments."""

    level: int
    text: str
    line: int
    """1-based line number."""


def headings(masked: list[str]) -> list[Heading]:
    """Every ATX heading, in order. Setext headings do not occur in the course."""
    found = []
    for number, line in enumerate(masked, start=1):
        m = _ATX_HEADING.match(line)
        if m:
            found.append(Heading(len(m.group(1)), (m.group(2) or "").strip(), number))
    return found


def first_h1(masked: list[str]) -> Heading | None:
    """The title heading: the first H1 (a second, closing H1 such as 小结与思考 is only a section)."""
    return next((h for h in headings(masked) if h.level == 1 and h.text), None)


class RefKind(str, Enum):
    """What kind of reference a target was written as; it decides how a broken one is reported."""

    IMAGE = "image"
    LINK = "link"
    HTML_IMAGE = "html-image"
    HTML_LINK = "html-link"
    IFRAME = "iframe"
    DEFINITION = "definition"


@dataclass(frozen=True)
class Reference:
    """One link or figure reference as written in a source file."""

    kind: RefKind
    target: str
    """The target exactly as written (without a Markdown title)."""
    text: str
    """The link text or alt text."""
    line: int
    column: int
    """0-based offset of the match in the line."""
    raw: str = field(default="", compare=False)
    """The whole matched source text, so a rewrite can replace exactly it."""

    @property
    def is_image(self) -> bool:
        return self.kind in (RefKind.IMAGE, RefKind.HTML_IMAGE)


def _split_target(inner: str) -> str:
    """The destination of `(dest "title")`: angle-bracketed, or everything before a quoted title."""
    inner = inner.strip()
    if inner.startswith("<") and ">" in inner:
        return inner[1 : inner.index(">")]
    m = re.match(r"^(.*?)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?$", inner, re.DOTALL)
    return (m.group(1) if m else inner).strip()


def references(masked: list[str]) -> list[Reference]:
    """Every link, figure, raw `<img>`/`<a>`/`<iframe>` and link definition, with its line."""
    found: list[Reference] = []
    for number, line in enumerate(masked, start=1):
        if not line:
            continue
        definition = _REF_DEFINITION.match(line)
        if definition and not line.lstrip().startswith("[^"):
            found.append(
                Reference(RefKind.DEFINITION, definition.group(2), definition.group(1), number, 0, line)
            )
            continue
        _inline(line, number, 0, found)
        for tag in _HTML_ATTR_TAG.finditer(line):
            name = tag.group(1).lower()
            for attr in _HTML_ATTR.finditer(tag.group(2)):
                value = next(v for v in attr.group(2, 3, 4) if v is not None)
                if name == "img" and attr.group(1).lower() == "src":
                    alt = _HTML_ALT.search(tag.group(2))
                    text = next((v for v in alt.groups() if v is not None), "") if alt else ""
                    kind = RefKind.HTML_IMAGE
                elif name == "a" and attr.group(1).lower() == "href":
                    text, kind = "", RefKind.HTML_LINK
                elif name == "iframe" and attr.group(1).lower() == "src":
                    text, kind = "", RefKind.IFRAME
                else:
                    continue
                found.append(Reference(kind, value, text, number, tag.start(), tag.group(0)))
    return found


def _inline(line: str, number: int, offset: int, found: list[Reference]) -> None:
    for m in _INLINE_LINK.finditer(line):
        kind = RefKind.IMAGE if m.group(1) else RefKind.LINK
        found.append(
            Reference(kind, _split_target(m.group(3)), m.group(2), number, offset + m.start(), m.group(0))
        )
        if "](" in m.group(2):
            # An image inside a link's text, e.g. a clickable figure.
            _inline(m.group(2), number, offset + m.start(2), found)


def html_ids(masked: list[str]) -> set[str]:
    """Anchors set by hand: `<a id=...>`, `<a name=...>` and `{#id}` attribute lists."""
    ids: set[str] = set()
    for line in masked:
        ids.update(re.findall(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""", line))
        ids.update(re.findall(r"\{[^{}]*#([\w\-]+)[^{}]*\}", line))
    return ids
