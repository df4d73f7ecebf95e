"""When each file last changed, from one pass over the git history.

Asking git once per page (what date plugins do) costs a process per page on every rebuild; one
`git log` over the whole history gives every file's date in a single process, and the result is
kept until HEAD moves.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitDates:
    """Last commit time (Unix seconds) of every path in the repository, cached per HEAD."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._head: str | None = None
        self._dates: dict[str, int] = {}

    def _git(self, *args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-c", "core.quotepath=off", *args],
                cwd=self.root, capture_output=True, text=True, encoding="utf-8", errors="replace", check=True,
            )
        except (OSError, subprocess.CalledProcessError):
            return None
        return done.stdout

    def refresh(self) -> None:
        """Re-read the history if HEAD moved since the last call (once per build, not per page)."""
        head = self._git("rev-parse", "HEAD")
        if head == self._head:
            return
        self._head = head
        self._dates = {}
        log = self._git("log", "--format=%x1e%ct", "--name-only", "-z", "--no-renames", "HEAD") if head else None
        for record in (log or "").split("\x1e"):
            if not record.strip("\x00\n"):
                continue
            # "<time>\0\n<path>\0<path>\0": the time, then NUL-separated paths.
            fields = [f.strip("\n") for f in record.split("\x00")]
            stamp, names = int(fields[0]), fields[1:]
            for name in names:
                if name and name not in self._dates:
                    self._dates[name] = stamp

    def last_changed(self, path: str) -> int | None:
        """Unix time of the last commit touching `path` (repository-relative), or None if uncommitted."""
        return self._dates.get(path)
