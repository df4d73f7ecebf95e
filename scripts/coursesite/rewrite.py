"""Rewrite a page's Markdown in memory so the site shows what the author meant.

The source file is never touched: the corrected text exists only for the renderer. Corrections:
the title H1 without its `(DONE)` suffix, every link and figure the Linker re-targeted, dead links
turned into plain text, and raw `<img src>` made relative to the page's URL (MkDocs rewrites
Markdown images for directory URLs, but not raw HTML).
"""

from __future__ import annotations

import html
import re

from .course.scan import Heading, RefKind, clean_title
from .course.text import split_lines
from .linking import Outcome

_SRC = re.compile(r"""(\b(?:src|href)\s*=\s*)(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
# `**……。**比如`: CommonMark does not close emphasis whose closing run follows punctuation and
# precedes a letter (and CJK characters count as letters), so Chinese prose shows the asterisks.
_STRONG = re.compile(r"(?<!\*)\*\*(?=\S)([^*\n]*?\S)\*\*(?!\*)")
_PUNCTUATION = re.compile(r"[\W_]", re.UNICODE)


def rewrite_markdown(
    text: str, masked: list[str], title: Heading | None, outcomes: list[Outcome], html_prefix: str
) -> str:
    """The page's Markdown with every correction applied.

    `masked` is the scanner's view of the same text (code and comments blanked), so corrections
    never land inside code. `html_prefix` is what to put before a source-relative path in raw HTML
    so that it resolves from the page's URL (`"../"` for `02ArchSlim.md` served at `02ArchSlim/`,
    `""` for a README); raw links to pages are written as directory URLs.
    """
    lines = split_lines(text)
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for outcome in outcomes:
        edit = _edit(outcome, html_prefix)
        if edit is not None:
            edits.setdefault(outcome.ref.line, []).append(edit)
    for number, line in enumerate(masked, start=1):
        for m in _STRONG.finditer(line):
            if _needs_html_strong(line, m):
                inner = lines[number - 1][m.start(1) : m.end(1)]
                edits.setdefault(number, []).append((m.start(), m.end(), f"<strong>{inner}</strong>"))
    for number, line_edits in edits.items():
        line = lines[number - 1]
        # Right to left, so earlier columns stay valid; an edit overlapping a later one is skipped.
        limit = len(line) + 1
        for start, end, replacement in sorted(line_edits, reverse=True):
            if end > limit:
                continue
            line = line[:start] + replacement + line[end:]
            limit = start
        lines[number - 1] = line
    if title is not None:
        cleaned = clean_title(title.text)
        if cleaned != title.text:
            lines[title.line - 1] = f"# {cleaned}"
    return "\n".join(lines) + "\n"


def _needs_html_strong(line: str, m: re.Match[str]) -> bool:
    """True where CommonMark would leave `**` unclosed: punctuation inside, a letter outside."""
    inner_last, after = m.group(1)[-1], line[m.end() : m.end() + 1]
    inner_first, before = m.group(1)[0], line[m.start() - 1 : m.start()] if m.start() else ""
    closing_fails = bool(_PUNCTUATION.match(inner_last)) and bool(after) and not _PUNCTUATION.match(after) and not after.isspace()
    opening_fails = bool(_PUNCTUATION.match(inner_first)) and bool(before) and not _PUNCTUATION.match(before) and not before.isspace()
    return closing_fails or opening_fails


def _page_url(target: str) -> str:
    """A link to a page's source written as the page's directory URL (`x/README.md` -> `x/`)."""
    path, _, fragment = target.partition("#")
    if path.endswith(".md"):
        folder, name = path.rsplit("/", 1) if "/" in path else ("", path)
        stem = name[:-3]
        path = f"{folder}/" if stem in ("README", "index") else f"{folder + '/' if folder else ''}{stem}/"
        path = path if path != "/" else "./"
    return path + (f"#{fragment}" if fragment else "")


def _edit(outcome: Outcome, html_prefix: str) -> tuple[int, int, str] | None:
    ref = outcome.ref
    start, end = ref.column, ref.column + len(ref.raw)
    if outcome.unlink:
        if ref.kind in (RefKind.IMAGE, RefKind.HTML_IMAGE):
            label = html.escape(ref.text.strip() or ref.target)
            return start, end, f'<span class="course-missing-figure" title="{html.escape(ref.target)}">{label}</span>'
        if ref.kind in (RefKind.LINK, RefKind.HTML_LINK):
            return start, end, ref.text if ref.kind == RefKind.LINK else ""
        return None
    if outcome.target is None:
        return None
    if ref.kind in (RefKind.IMAGE, RefKind.LINK):
        # Replace only the destination, so the link text (which may hold a figure) is kept.
        open_paren = ref.raw.rindex("](") + 1
        return start + open_paren, end, f"(<{outcome.target}>)"
    if ref.kind in (RefKind.HTML_IMAGE, RefKind.HTML_LINK):
        target = outcome.target if "://" in outcome.target else html_prefix + _page_url(outcome.target)
        new = _SRC.sub(lambda m: f'{m.group(1)}"{html.escape(target, quote=True)}"', ref.raw, count=1)
        return start, end, new
    if ref.kind == RefKind.DEFINITION:
        return start, end, f"[{ref.text}]: <{outcome.target}>"
    return None
