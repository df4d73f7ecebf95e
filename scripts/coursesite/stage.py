"""The staging tree MkDocs and the i18n plugin read as their `docs_dir`.

MkDocs only builds pages that live inside `docs_dir`, and mkdocs-static-i18n re-creates every file
from `docs_dir`, so the course's module folders must appear inside it. The staging folder is made
of symlinks (MkDocs walks with `followlinks=True`): the site-wide pages of `docs/`, every course page
and translation, and only the assets a page references — never drawing sources, covers, subtitles
or vendored code. Pages the generator writes itself (a chapter with no README) are real files.

Updates are incremental and each entry is replaced atomically, so `mkdocs serve` rebuilds touch only
what changed and an interrupted build never leaves a half-written entry (a temporary entry left by
a killed build is removed by the next one). Two builds at once take turns through a lock file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class StagePlan:
    """What the staging tree must contain, by staged path (POSIX, relative to the stage root)."""

    links: dict[str, Path] = field(default_factory=dict)
    """Staged path -> the absolute path it links to."""
    generated: dict[str, str] = field(default_factory=dict)
    """Staged path -> Markdown text written by the generator."""

    def add_link(self, staged: str, target: Path) -> None:
        self.links.setdefault(staged, target)


def _existing(root: Path) -> dict[str, os.DirEntry[str]]:
    """Every leaf of the staging tree (symlink or file), not following symlinks."""
    found: dict[str, os.DirEntry[str]] = {}

    def walk(folder: Path, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = f"{prefix}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    walk(Path(entry.path), rel + "/")
                else:
                    found[rel] = entry

    if root.is_dir():
        walk(root, "")
    return found


def _replace_atomically(path: Path, make) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    make(tmp)
    os.replace(tmp, path)


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    lock = root.with_name(root.name + ".lock")
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def apply(plan: StagePlan, root: Path) -> int:
    """Make the staging tree under `root` match `plan`; return how many entries changed."""
    root.mkdir(parents=True, exist_ok=True)
    with _locked(root):
        return _apply(plan, root)


def _apply(plan: StagePlan, root: Path) -> int:
    existing = _existing(root)
    changed = 0
    for rel, entry in existing.items():
        wanted = plan.links.get(rel)
        if rel in plan.generated:
            continue
        if wanted is None or not entry.is_symlink() or os.readlink(entry.path) != str(wanted):
            os.unlink(entry.path)
            changed += 1
    for rel, target in plan.links.items():
        path = root / rel
        if path.is_symlink() and os.readlink(path) == str(target):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace_atomically(path, lambda tmp: os.symlink(target, tmp))
        changed += 1
    for rel, text in plan.generated.items():
        path = root / rel
        if path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        changed += 1
    _remove_empty_dirs(root)
    return changed


def _remove_empty_dirs(root: Path) -> None:
    for folder, dirs, files in os.walk(root, topdown=False):
        if folder != str(root) and not dirs and not files:
            try:
                os.rmdir(folder)
            except OSError:
                pass
