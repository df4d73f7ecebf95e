"""Chapter outline tables: lessons that repeat a number, tables with no usable row."""

from __future__ import annotations

from ..course.model import Course
from ..problems import Problem, Severity


def check(course: Course) -> list[Problem]:
    problems = []
    for module in course.modules:
        for chapter in module.chapters:
            seen: dict[int, int] = {}
            for lesson in chapter.lessons:
                if lesson.number is None:
                    continue
                if lesson.number in seen:
                    problems.append(
                        Problem(
                            chapter.index.path, lesson.line,
                            f"lesson number {lesson.number:02d} is used twice (first on line {seen[lesson.number]})",
                            "give each lesson its own number", Severity.INFO, "duplicate-lesson-number",
                        )
                    )
                else:
                    seen[lesson.number] = lesson.line
    return problems
