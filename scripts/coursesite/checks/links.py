"""Links and figures: missing files, case and backslash mismatches, dead anchors, empty links, decks.

The judgement itself lives in `coursesite.linking`, shared with the build's rewrite.
"""

from __future__ import annotations

from ..course.discover import Discoverer
from ..course.model import Course
from ..linking import Linker, Outcome
from ..references import RepoFiles
from . import CheckSettings


def assess_all(
    course: Course, discoverer: Discoverer, files: RepoFiles, settings: CheckSettings
) -> dict[str, list[Outcome]]:
    """Every reference of every page and translation, judged once by the Linker, by source path."""
    linker = page_linker(course, discoverer, files, settings)
    return {path: linker.assess(discoverer.reader.read(path)) for path in page_sources(course)}


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
