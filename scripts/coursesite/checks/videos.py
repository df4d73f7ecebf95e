"""Videos: players of hosts that are not allowed, malformed player addresses, bad video links."""

from __future__ import annotations

from ..course.discover import Discoverer
from ..course.model import Course
from ..course.scan import RefKind
from ..lessons.videos import VideoProblem, parse_video
from ..problems import Problem
from .links import page_sources

FIX = "embed only Bilibili or YouTube videos, e.g. https://www.bilibili.com/video/BV1xx411c7mD/"


def check(course: Course, discoverer: Discoverer) -> list[Problem]:
    problems = []
    for path in page_sources(course):
        document = discoverer.reader.read(path)
        front_video = document.front_matter.data.get("video")
        if front_video:
            try:
                parse_video(str(front_video))
            except VideoProblem as error:
                problems.append(Problem(path, 1, f"video in the front matter not embedded: {error}", FIX,
                                        code="bad-video"))
        for ref in document.references:
            if ref.kind != RefKind.IFRAME:
                continue
            try:
                parse_video(ref.target)
            except VideoProblem as error:
                problems.append(Problem(path, ref.line, f"video player not embedded: {error}", FIX, code="bad-video"))
    for module in course.modules:
        for chapter in module.chapters:
            for lesson in chapter.lessons:
                if lesson.video:
                    try:
                        parse_video(lesson.video)
                    except VideoProblem as error:
                        problems.append(Problem(chapter.index.path, lesson.line, f"video link not usable: {error}",
                                                FIX, code="bad-video"))
    return problems
