"""The one place that decides where a link or figure reference points.

Readers' most common complaint was figures that did not show: names whose case differs from the
file (fine on a Mac, a 404 on the server), Windows backslash paths, figures outside `images/`. The
resolver answers every reference the same way for the checks and for the build: the file it means,
whether that needed a correction the author should make, or why it cannot be resolved. Nothing
outside the repository is ever resolved, including through a symlink.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from urllib.parse import unquote

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
INDEX_NAMES = ("README.md", "index.md")


class Status(str, Enum):
    """The outcome of resolving one reference."""

    OK = "ok"
    FIXED = "fixed"
    """Resolved, but only after a correction (case, backslashes): warn and use the corrected path."""
    MISSING = "missing"
    OUTSIDE = "outside"
    """Points outside the repository (by `..` or through a symlink): refused."""
    EXTERNAL = "external"
    ANCHOR = "anchor"
    """Only a fragment (`#section`): a link within the same page."""
    EMPTY = "empty"


@dataclass(frozen=True)
class Resolution:
    """Where a reference points, and what the author should know about it."""

    status: Status
    path: str | None = None
    """Repository-relative POSIX path of the target file (for OK and FIXED)."""
    fragment: str = ""
    corrections: tuple[str, ...] = ()
    """What was corrected, in words, for FIXED."""
    suggestion: str | None = None
    """For MISSING: the nearest existing file, as a path relative to the referring file."""


class RepoFiles:
    """Case-exact, cached view of the repository's directories.

    Existence is checked against the directory listing, not `os.path.exists`, so a case mismatch
    is caught even on a case-insensitive file system, and each folder is listed once per build.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._listings: dict[str, dict[str, bool] | None] = {}
        self._symlinks: set[str] = set()

    def listing(self, folder: str) -> dict[str, bool] | None:
        """Name -> is_dir for a repository-relative folder ('' is the root), or None if absent."""
        if folder not in self._listings:
            try:
                with os.scandir(self.root / folder) as entries:
                    listing = {}
                    for e in entries:
                        listing[e.name] = e.is_dir()
                        if e.is_symlink():
                            self._symlinks.add(posixpath.join(folder, e.name) if folder else e.name)
                    self._listings[folder] = listing
            except OSError:
                self._listings[folder] = None
        return self._listings[folder]

    def kind(self, path: str) -> str | None:
        """'file', 'dir' or None for an exact, case-sensitive repository-relative path."""
        if path in ("", "."):
            return "dir"
        folder, name = posixpath.split(path)
        entries = self.listing(folder)
        if entries is None or name not in entries:
            return None
        return "dir" if entries[name] else "file"

    def inside(self, path: str) -> bool:
        """True when the real location of `path` (symlinks followed) is inside the repository.

        Only a path through a symlink can leave the repository once `..` is resolved, so the
        (costly) realpath is taken only for those.
        """
        parts = path.split("/")
        for i in range(len(parts)):
            self.listing("/".join(parts[:i]))  # records the symlinks among each ancestor's entries
        if not any("/".join(parts[: i + 1]) in self._symlinks for i in range(len(parts))):
            return True
        real = Path(os.path.realpath(self.root / path))
        return real == self.root or self.root in real.parents

    def case_insensitive(self, path: str) -> str | None:
        """The one existing path equal to `path` but for case, component by component, or None."""
        parts = [p for p in path.split("/") if p]
        current = ""
        for part in parts:
            entries = self.listing(current)
            if entries is None:
                return None
            if part in entries:
                name = part
            else:
                matches = [n for n in entries if n.casefold() == part.casefold()]
                if len(matches) != 1:
                    return None
                name = matches[0]
            current = posixpath.join(current, name) if current else name
        return current

    def nearest(self, path: str) -> str | None:
        """The closest existing file of the same kind (figure, deck, page) to a missing one.

        First a close name in the same folder, then the same name one folder up or in `images/`
        (a link one folder too deep, a figure outside `images/`).
        """
        folder, name = posixpath.split(path)
        family = _family(name)
        entries = self.listing(folder)
        if entries:
            files = {n.casefold(): n for n, is_dir in entries.items() if not is_dir and _family(n) == family}
            close = difflib.get_close_matches(name.casefold(), list(files), n=1, cutoff=0.75)
            if close:
                return posixpath.join(folder, files[close[0]]) if folder else files[close[0]]
        for candidate_folder in (posixpath.dirname(folder), posixpath.join(folder, "images")):
            listing = self.listing(candidate_folder)
            if listing and name in listing and not listing[name]:
                return posixpath.join(candidate_folder, name) if candidate_folder else name
        return None


_FAMILIES = {
    "figure": (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"),
    "deck": (".pdf", ".pptx", ".ppt"),
    "page": (".md",),
}


def _family(name: str) -> str:
    suffix = posixpath.splitext(name)[1].lower()
    return next((family for family, suffixes in _FAMILIES.items() if suffix in suffixes), suffix)


def is_external(target: str) -> bool:
    """A URL with a scheme (`https:`, `mailto:`) or a protocol-relative `//host` address."""
    return bool(_SCHEME.match(target)) or target.startswith("//")


def resolve(files: RepoFiles, source: str, target: str) -> Resolution:
    """Resolve `target` as written in the repository file `source`."""
    target = target.strip()
    if not target:
        return Resolution(Status.EMPTY)
    if is_external(target):
        return Resolution(Status.EXTERNAL)
    path_part, _, fragment = target.partition("#")
    path_part = path_part.split("?", 1)[0]
    if not path_part:
        return Resolution(Status.ANCHOR, fragment=fragment)

    corrections: list[str] = []
    written = unquote(path_part)
    if "\\" in written:
        written = written.replace("\\", "/")
        corrections.append("backslashes")
    base = "" if written.startswith("/") else posixpath.dirname(source)
    joined = posixpath.normpath(posixpath.join(base, written.lstrip("/")))
    if joined == ".":
        joined = ""
    if joined.startswith("..") or posixpath.isabs(joined):
        return Resolution(Status.OUTSIDE, fragment=fragment)

    found = joined if files.kind(joined) else None
    if found is None:
        found = files.case_insensitive(joined)
        if found is not None:
            corrections.append("letter case differs")
    if found is None:
        nearest = files.nearest(joined)
        return Resolution(
            Status.MISSING, fragment=fragment, suggestion=relative_to(nearest, source) if nearest else None
        )
    if not files.inside(found):
        return Resolution(Status.OUTSIDE, fragment=fragment)
    if files.kind(found) == "dir":
        index = next((n for n in INDEX_NAMES if files.kind(posixpath.join(found, n)) == "file"), None)
        if index is None:
            return Resolution(Status.MISSING, fragment=fragment)
        found = posixpath.join(found, index) if found else index
    status = Status.FIXED if corrections else Status.OK
    return Resolution(status, path=found, fragment=fragment, corrections=tuple(corrections))


def relative_to(path: str, source: str) -> str:
    """`path` written relative to the folder of `source`, both repository-relative."""
    return posixpath.relpath(path, posixpath.dirname(source) or ".")
