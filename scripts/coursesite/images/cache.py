"""The content-addressed store of processed figures, outside the site folder.

An entry is a folder named by the source's content hash and the settings' key, holding the
variants and a `meta.json`. It is written under a temporary name and renamed into place in one
step, so a killed build leaves at worst a temporary folder (removed by the next build), never a
half-written entry, and two builds writing the same entry cannot corrupt it. A stat index (path,
size, mtime -> content hash) lets a rebuild skip reading unchanged sources at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path

from .encode import Processed, Variant


class ImageCache:
    """Entries under `root/entries/`, temporary folders under `root/tmp/`."""

    def __init__(self, root: Path, settings_key: str) -> None:
        self.root = root
        self.settings_key = settings_key
        self.entries = root / "entries"
        self.tmp = root / "tmp"
        self._index_file = root / f"stat-index-{settings_key}.json"
        self._index: dict[str, list] = {}
        self._index_dirty = False

    # -- the fast path: which content hash a path has, without reading it ---------------------------

    def load_index(self) -> None:
        try:
            self._index = json.loads(self._index_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._index = {}
        self._index_dirty = False

    def content_hash(self, path: Path) -> str:
        """sha256 of the file, from the stat index when size and mtime are unchanged."""
        st = path.stat()
        known = self._index.get(str(path))
        if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            return known[2]
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        self._index[str(path)] = [st.st_size, st.st_mtime_ns, digest.hexdigest()]
        self._index_dirty = True
        return digest.hexdigest()

    def save_index(self) -> None:
        if not self._index_dirty:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".index-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(self._index, f)
        os.replace(tmp, self._index_file)
        self._index_dirty = False

    # -- entries --------------------------------------------------------------------------------------

    def key(self, content_hash: str) -> str:
        return f"{content_hash[:32]}-{self.settings_key}"

    def entry_dir(self, key: str) -> Path:
        return self.entries / key[:2] / key

    def get(self, key: str) -> Processed | None:
        """The stored result for `key`, or None (absent, or unreadable: then it is rebuilt)."""
        try:
            meta = json.loads((self.entry_dir(key) / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        meta["variants"] = [Variant(**v) for v in meta["variants"]]
        return Processed(**meta)

    def new_tmp(self) -> Path:
        """A private folder for a worker to write variants into."""
        self.tmp.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=self.tmp, prefix=f"{os.getpid()}-"))

    def commit(self, key: str, tmp: Path, result: Processed) -> None:
        """Move a finished temporary folder into place as the entry for `key`, atomically."""
        (tmp / "meta.json").write_text(json.dumps(asdict(result)), encoding="utf-8")
        target = self.entry_dir(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(tmp, target)
        except OSError:
            # Another build stored the same content first: its entry is identical, keep it.
            shutil.rmtree(tmp, ignore_errors=True)

    def discard(self, tmp: Path) -> None:
        shutil.rmtree(tmp, ignore_errors=True)

    def remove_stale_tmp(self) -> None:
        """Temporary folders of builds that are no longer running (killed mid-build)."""
        if not self.tmp.is_dir():
            return
        for folder in self.tmp.iterdir():
            pid = folder.name.split("-", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)

    def record_used(self, keys: set[str]) -> None:
        """Remember which entries the last build used, for a later prune."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".used-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(sorted(keys), f)
        os.replace(tmp, self.root / "used.json")

    def last_used(self) -> set[str] | None:
        try:
            return set(json.loads((self.root / "used.json").read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None

    def prune(self, keep: set[str]) -> tuple[int, int]:
        """Delete every entry whose key is not in `keep`; returns (entries, bytes) removed."""
        removed = freed = 0
        if not self.entries.is_dir():
            return 0, 0
        for bucket in self.entries.iterdir():
            for entry in bucket.iterdir():
                if entry.name not in keep:
                    freed += sum(f.stat().st_size for f in entry.iterdir())
                    shutil.rmtree(entry, ignore_errors=True)
                    removed += 1
        return removed, freed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
