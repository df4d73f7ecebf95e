"""Links and figures: missing files, case and backslash mismatches, dead anchors, empty links, decks."""

from __future__ import annotations

from ..course.discover import Discoverer
from ..course.model import Course
from ..linking import Linker
from ..problems import Problem
from ..references import RepoFiles
from . import CheckSettings


def check(course: Course, discoverer: Discoverer, files: RepoFiles, settings: CheckSettings) -> list[Problem]:
    """Every reference of every page and translation, judged once by the Linker."""
    linker = page_linker(course, discoverer, files, settings)
    problems = []
    for path in page_sources(course):
        for outcome in linker.assess(discoverer.reader.read(path)):
            if outcome.problem is not None:
                problems.append(outcome.problem)
    return problems


def page_sources(course: Course) -> list[str]:
    """Every Markdown source that becomes a page: originals and translations, generated ones excluded."""
    paths = []
    for page in course.pages():
        if not page.generated:
            paths.append(page.path)
        paths.extend(page.translations.values())
    return paths


def page_linker(course: Course, discoverer: Discoverer, files: RepoFiles, settings: CheckSettings) -> Linker:
    return Linker(files, discoverer.reader, set(page_sources(course)), settings)
