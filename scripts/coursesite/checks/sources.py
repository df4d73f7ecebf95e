"""Each page's source as a file (encoding, front matter, size) and the raw HTML it carries;
the encoding of every subtitle file.

A page's body keeps the raw HTML Markdown allows (the course uses `<img>`, `<div>`, `<iframe>`),
so a contributor could write script into it: such HTML is reported with its line for a
reviewer to see. Links to `javascript:` and the like are judged with every other link (`linking`)
and never shipped live.
"""

from __future__ import annotations

import re

from ..course.discover import Discoverer
from ..course.model import Course
from ..course.text import read_source
from ..lessons.subtitles import SUBTITLE_FOLDERS
from ..problems import Problem
from .links import page_sources

_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
_HANDLER = re.compile(r"<[a-z][^>]*?[\s\"'/]on[a-z]+\s*=", re.IGNORECASE)
UNSAFE_FIX = "remove it: pages may not run script of their own (the site's scripts come from the theme)"


def check(course: Course, discoverer: Discoverer) -> list[Problem]:
    problems: list[Problem] = []
    for path in page_sources(course):
        document = discoverer.reader.read(path)
        problems.extend(document.problems)
        for number, line in enumerate(document.masked, start=1):
            if _SCRIPT.search(line):
                problems.append(Problem(path, number, "a <script> element in the page's HTML", UNSAFE_FIX,
                                        code="unsafe-html"))
            if _HANDLER.search(line):
                problems.append(Problem(path, number, "an inline event handler (on...=) in the page's HTML",
                                        UNSAFE_FIX, code="unsafe-html"))
    for module in course.modules:
        for chapter in module.chapters:
            for folder in SUBTITLE_FOLDERS:
                for srt_file in sorted((course.root / chapter.path / folder).glob("*.srt")):
                    source = read_source(course.root, srt_file.relative_to(course.root).as_posix())
                    if source.problem is not None:
                        problems.append(source.problem)
    return problems
