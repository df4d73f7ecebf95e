"""How every source file is read and cut into lines: Markdown pages, READMEs and subtitles alike.

One rule for all of them, so the scanner, the rewrite and the page MkDocs renders agree on what
line 12 is. Text is UTF-8; a byte-order mark is accepted and dropped (Windows editors write one).
Anything else is reported with the line and column of the first bad byte and read with
replacement characters, so the rest of the build goes on.

Lines end at `\\n`, `\\r\\n` or `\\r`, as in Python-Markdown, and nowhere else. Python's
`str.splitlines` also breaks at U+2028, U+2029, U+0085, form feed, vertical tab and U+001C-U+001E,
which Markdown treats as ordinary characters; code that splits with it (ours did, and
mkdocs-static-i18n still does) turned a table row holding one into three rows and put every later
line number off. So those characters are read as a space: no splitter can disagree any more.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem

BOM = "\ufeff"
SAVE_AS_UTF8 = "save the file as UTF-8 (in most editors: Save with Encoding > UTF-8)"


@dataclass(frozen=True)
class SourceText:
    """A file's text, and the Problem of its encoding when it was not clean UTF-8."""

    text: str
    problem: Problem | None = None


_NOT_LINE_ENDS = str.maketrans({c: " " for c in "\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and a lone `\\r` become `\\n` (what Python-Markdown does before it reads a
    line); the characters only `str.splitlines` takes for line ends become spaces."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_NOT_LINE_ENDS)


def split_lines(text: str) -> list[str]:
    """The lines of `text` by the one rule: like `splitlines()`, but only at line ends."""
    lines = normalise_newlines(text).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def decode(data: bytes, path: str) -> SourceText:
    """`data` as text; a BOM dropped; anything not UTF-8 reported at its line and column.

    `path` is the file relative to the repository, for the Problem.
    """
    if data.startswith(BOM.encode()):
        data = data[3:]
    try:
        return SourceText(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", errors="replace")
        lines = split_lines(before + "x")
        line, column = len(lines), len(lines[-1])
        what = _encoding_guess(data)
        problem = Problem(
            path, line,
            f"the file is not UTF-8{what}: byte 0x{data[error.start]:02x} at line {line}, column {column} "
            "cannot be read; the text is shown with replacement characters",
            SAVE_AS_UTF8, code="not-utf8",
        )
        return SourceText(data.decode("utf-8", errors="replace"), problem)


def read_source(root: Path, path: str) -> SourceText:
    """The text of the repository file `path`, read by the one rule."""
    return decode((root / path).read_bytes(), path)


def _encoding_guess(data: bytes) -> str:
    """A hint for the author: what the file probably is (a UTF-16 mark is certain; else none)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return " (it is UTF-16)"
    return ""
