"""Judge every reference of a page once, for both the checks and the in-memory rewrite.

For each link or figure this decides two things together, so they can never disagree: the Problem
a contributor is told about (if any), and what the built page links to instead (the corrected
path, the deck download location, the file in the repository, or plain text for a dead link: a
reader is better served by text than by a link to a 404).
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote

from .anchors import heading_ids
from .checks import CheckSettings
from .course.discover import Document, SourceReader
from .course.scan import Reference, RefKind
from .problems import Problem, Severity
from .references import RepoFiles, Resolution, Status, relative_to, resolve

DECK_SUFFIXES = (".pdf", ".pptx", ".ppt")


@dataclass(frozen=True)
class Outcome:
    """The verdict on one reference."""

    ref: Reference
    resolution: Resolution
    problem: Problem | None = None
    target: str | None = None
    """What the built page should link to; None keeps the reference as written."""
    unlink: bool = False
    """Render the link text (or the figure's alt text) instead of a dead link."""
    staged: str | None = None
    """Repository path of a file the site must ship because this reference needs it."""


class Linker:
    """Knows which repository files are pages, so it can tell a page link from an asset."""

    def __init__(
        self,
        files: RepoFiles,
        reader: SourceReader,
        page_paths: set[str],
        settings: CheckSettings,
    ) -> None:
        self.files = files
        self.reader = reader
        self.page_paths = page_paths
        self.settings = settings
        self._ids: dict[str, set[str]] = {}

    def ids(self, path: str) -> set[str]:
        if path not in self._ids:
            doc = self.reader.read(path)
            self._ids[path] = heading_ids(doc.headings, doc.masked, self.settings.slugify)
        return self._ids[path]

    def assess(self, document: Document) -> list[Outcome]:
        return [self._one(document.path, ref) for ref in document.references if ref.kind != RefKind.IFRAME]

    def _problem(self, source: str, ref: Reference, code: str, message: str, fix: str, severity=Severity.WARNING) -> Problem:
        return Problem(source, ref.line, message, fix, severity, code)

    def _one(self, source: str, ref: Reference) -> Outcome:
        res = resolve(self.files, source, ref.target)
        what = "figure" if ref.is_image else "link"
        scheme = unsafe_scheme(ref.target, ref.is_image)
        if scheme:
            return Outcome(
                ref, res, self._problem(source, ref, "unsafe-html", f"a {scheme}: address runs in the reader's browser",
                                        f"link to a page or an https:// address; the {what} is shown as text"),
                unlink=True,
            )
        if res.status == Status.EXTERNAL:
            return Outcome(ref, res)
        if res.status == Status.EMPTY:
            label = ref.text.strip() or what
            return Outcome(
                ref, res, self._problem(source, ref, "empty-link", f"empty {what} target for '{label}'",
                                        "add the target or remove the link"), unlink=True,
            )
        if res.status == Status.ANCHOR:
            return self._anchor(source, ref, res, source, own_page=True)
        if res.status == Status.OUTSIDE:
            return Outcome(
                ref, res, self._problem(source, ref, "outside-repository",
                                        f"{ref.target} points outside the repository and is not published",
                                        "copy the file into the repository and link to the copy"), unlink=True,
            )
        if res.status == Status.MISSING:
            return self._missing(source, ref, res, what)

        assert res.path is not None
        problem = None
        relative = relative_to(res.path, source)
        if res.status == Status.FIXED:
            problem = self._problem(
                source, ref, "fixed-reference",
                f"{ref.target} resolved to {relative} ({'; '.join(res.corrections)})",
                f"write {relative}",
            )
        # Rewrite whenever the site would not find the target as written: a corrected name, or a
        # folder link that means the folder's README.
        written = posixpath.normpath(posixpath.join(posixpath.dirname(source), ref.target.split("#")[0]))
        # Raw HTML is always re-targeted: MkDocs does not adjust it to the page's URL.
        html_ref = ref.kind in (RefKind.HTML_IMAGE, RefKind.HTML_LINK)
        rewrite = encode_path(relative) if problem or html_ref or written != res.path else None
        if res.path.endswith(".md"):
            if res.path not in self.page_paths:
                return self._repository_file(source, ref, res, problem)
            if res.fragment:
                anchored = self._anchor(source, ref, res, res.path, own_page=False)
                if anchored.problem is not None:
                    return Outcome(ref, res, anchored.problem, target=encode_path(relative))
            if rewrite and res.fragment:
                rewrite += f"#{res.fragment}"
            return Outcome(ref, res, problem, target=rewrite)
        return Outcome(ref, res, problem, target=rewrite, staged=res.path)

    def _anchor(self, source: str, ref: Reference, res: Resolution, page: str, own_page: bool) -> Outcome:
        if res.fragment in self.ids(page):
            return Outcome(ref, res)
        candidates = sorted(self.ids(page))
        close = difflib.get_close_matches(res.fragment, candidates, n=1, cutoff=0.5)
        where = "this page" if own_page else relative_to(page, source)
        fix = f"did you mean #{close[0]}?" if close else f"link to a heading that exists in {where}"
        return Outcome(
            ref, res,
            self._problem(source, ref, "broken-anchor", f"anchor #{res.fragment} not found in {where}", fix),
            unlink=own_page,
        )

    def _missing(self, source: str, ref: Reference, res: Resolution, what: str) -> Outcome:
        written = ref.target.split("#")[0]
        if written.lower().endswith(DECK_SUFFIXES) and not ref.is_image:
            if self.settings.decks_url and not res.suggestion:
                return Outcome(
                    ref, res,
                    self._problem(source, ref, "deck-not-in-repository",
                                  f"slide deck {written} is not in the repository; linked to the published decks",
                                  f"decks are downloaded from {self.settings.decks_url}", Severity.INFO),
                    target=self.settings.decks_url,
                )
            return Outcome(
                ref, res,
                self._problem(source, ref, "missing-deck", f"slide deck {written} not found",
                              _did_you_mean(res) or "add the PDF beside the article or set decks_url in mkdocs.yml"),
                unlink=True,
            )
        return Outcome(
            ref, res,
            self._problem(source, ref, "missing-figure" if ref.is_image else "broken-link",
                          f"{what} {written} not found",
                          _did_you_mean(res) or ("add the file or fix the path" if ref.is_image else "fix the link or remove it")),
            unlink=True,
        )

    def _repository_file(self, source: str, ref: Reference, res: Resolution, problem: Problem | None) -> Outcome:
        """A Markdown file that is not a course page (e.g. inside a vendored `code/` project)."""
        if self.settings.repo_blob_url:
            return Outcome(ref, res, problem, target=self.settings.repo_blob_url + quote(res.path or ""))
        return Outcome(
            ref, res,
            problem or self._problem(source, ref, "not-a-page", f"{ref.target} is not a page of the site",
                                     "set repo_url in mkdocs.yml so it links to the repository", Severity.INFO),
            unlink=True,
        )


_CONTROL = re.compile(r"[\x00-\x20]+")


def unsafe_scheme(target: str, is_image: bool) -> str | None:
    """`javascript`, `vbscript` or `data` (but a figure's `data:image/...`) when `target` would
    run or show content of its own, as a browser reads it: entities decoded, case, spaces and
    control characters ignored."""
    compact = _CONTROL.sub("", html.unescape(target)).lower()
    scheme = compact.split(":", 1)[0] if ":" in compact else ""
    if scheme in ("javascript", "vbscript"):
        return scheme
    if scheme == "data" and not (is_image and compact.startswith("data:image/")):
        return scheme
    return None


def _did_you_mean(res: Resolution) -> str | None:
    # A link is an address: a `%` in a file name is written `%25` in it.
    return f"did you mean {res.suggestion.replace('%', '%25')}?" if res.suggestion else None


def encode_path(path: str) -> str:
    """A relative path as a URL: spaces and other specials escaped, slashes kept."""
    return quote(path, safe="/#&+,;=@!$'()*-._~")
