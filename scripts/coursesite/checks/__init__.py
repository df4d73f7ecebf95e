"""Every content rule, as functions that return Problems.

The same checks run in the CLI's `check` (seconds, no site build) and inside `mkdocs build`, so a
contributor sees the same messages in both places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..anchors import DEFAULT_SLUGIFY, Slugify
from ..course.discover import Discoverer
from ..course.model import Course

if TYPE_CHECKING:
    from ..linking import Outcome
from ..problems import Problem
from ..references import RepoFiles


@dataclass(frozen=True)
class CheckSettings:
    """What the checks need to know about the site's configuration."""

    languages: tuple[str, ...] = ("en",)
    decks_url: str | None = None
    """Where decks that are not in the repository are published; missing decks are then only info."""
    slugify: Slugify = DEFAULT_SLUGIFY
    repo_blob_url: str | None = None
    """e.g. `https://github.com/org/repo/blob/main/`: where repository files that are not pages
    (a vendored project's README) are linked."""
    site_pages: tuple[str, ...] = ()
    """The site-wide pages of `docs/` as staged (`index.md`, `CONTRIBUTING.md`): published addresses too."""
    redirects: dict[str, str] = field(default_factory=dict)
    """Old source path -> new source path, for addresses that moved."""


def run_checks(
    course: Course,
    discoverer: Discoverer,
    files: RepoFiles,
    settings: CheckSettings,
    outcomes: dict[str, list[Outcome]] | None = None,
) -> list[Problem]:
    """All problems of the course, each once, sorted by file and line.

    `outcomes` are the Linker's verdicts per page when the caller has them already (the build
    does, for its rewrite), so no reference is judged twice.
    """
    from ..urls import check_urls, read_manifest
    from . import decks, links, names, outline, sources, videos

    if outcomes is None:
        outcomes = links.assess_all(course, discoverer, files, settings)
    problems: set[Problem] = {o.problem for found in outcomes.values() for o in found if o.problem is not None}
    problems.update(outline.check(course))
    problems.update(sources.check(course, discoverer))
    problems.update(decks.check(course, files))
    problems.update(videos.check(course, discoverer))
    problems.update(check_urls(course, list(settings.site_pages), read_manifest(course.root), settings.redirects,
                              settings.languages))
    problems.update(names.check(course, files, settings))
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
