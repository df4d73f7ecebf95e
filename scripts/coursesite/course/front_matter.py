"""The YAML front matter of a page, read by one bounded, safe loader before MkDocs sees it.

MkDocs reads front matter with PyYAML's SafeLoader and drops what it cannot use without a word; a
"billion laughs" (aliases of aliases) feeding `title` made one page take 19 GB. Here the block is
limited in size, aliases and anchors are refused, it must be a mapping without duplicate keys, and
the keys this site uses are type-checked. A page whose front matter fails is built without it
(see `strip`), and the Problem names the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..problems import Problem

MAX_FRONT_MATTER = 10_000
"""Characters: the course's front matter is a few lines; anything longer is not front matter."""
MAX_TITLE = 200
FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""MkDocs' own pattern (`mkdocs.utils.meta.YAML_RE`), so both find the same block."""
FIX = "write front matter as plain `key: value` lines (no anchors or aliases), e.g. `title: 标题`"


class _Refused(yaml.YAMLError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader without aliases and with duplicate keys an error."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused("YAML aliases (*name) are not allowed in front matter", event.start_mark.line + 1)
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _Refused("YAML anchors (&name) are not allowed in front matter", event.start_mark.line + 1)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise _Refused(f"the key '{key}' is given twice", key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _text(value: Any, key: str, limit: int) -> str | None:
    if not isinstance(value, str):
        return f"'{key}' must be text, not {type(value).__name__}"
    if "\n" in value.strip() or "\r" in value:
        return f"'{key}' must be a single line"
    if len(value) > limit:
        return f"'{key}' is {len(value)} characters long (at most {limit})"
    return None


def _url(value: Any, key: str) -> str | None:
    if not isinstance(value, str) or not re.match(r"^https?://\S+$", value.strip()):
        return f"'{key}' must be an http(s) address"
    return None


def _words(value: Any, key: str) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return f"'{key}' must be a list of words"
    return None


KNOWN_KEYS = {
    "title": lambda v: _text(v, "title", MAX_TITLE),
    "description": lambda v: _text(v, "description", 1000),
    "video": lambda v: _url(v, "video"),
    "hide": lambda v: _words(v, "hide"),
    "tags": lambda v: _words(v, "tags"),
}
"""What this site (and Material) reads from front matter, and the test each value must pass."""


@dataclass
class FrontMatter:
    """The front matter of one source, or why it was refused."""

    data: dict[str, Any] = field(default_factory=dict)
    lines: int = 0
    """How many lines the block takes (0 when there is none)."""
    problem: Problem | None = None


def read_front_matter(text: str, path: str) -> FrontMatter:
    """The front matter at the top of `text` (newlines already normalised), judged."""
    if not text.startswith("---"):
        return FrontMatter()
    m = FRONT.match(text)
    if m is None:
        return FrontMatter()
    lines = m.group(0).count("\n")

    def refused(message: str, line: int = 1) -> FrontMatter:
        return FrontMatter({}, lines, Problem(path, line, f"front matter ignored: {message}", FIX,
                                              code="bad-front-matter"))

    block = m.group(1)
    if len(block) > MAX_FRONT_MATTER:
        return refused(f"it is {len(block)} characters long (at most {MAX_FRONT_MATTER})")
    try:
        data = yaml.load(block, Loader=_BoundedLoader)
    except _Refused as error:
        return refused(str(error), error.line + 1)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return refused(f"it is not valid YAML ({reason})", (mark.line + 2) if mark else 1)
    if data is None:
        return FrontMatter({}, lines)
    if not isinstance(data, dict):
        return refused(f"it must be a mapping of `key: value` lines, not a {type(data).__name__}")
    for key, test in KNOWN_KEYS.items():
        if key in data:
            wrong = test(data[key])
            if wrong:
                return refused(wrong)
    return FrontMatter(data, lines)


def strip(text: str, front: FrontMatter) -> str:
    """`text` with a refused front matter block blanked (same line count, so lines stay true)."""
    if front.problem is None or not front.lines:
        return text
    rest = text.split("\n", front.lines)[-1] if text.count("\n") >= front.lines else ""
    return "\n" * front.lines + rest
