"""Process every referenced figure once: from the cache when it can, in worker processes when not.

The pool is started on first use and kept for the life of the process, so every `mkdocs serve`
rebuild reuses warm workers. Each worker has an address-space limit, so one pathological image
cannot take the machine's memory; a crashed worker costs that image, not the build. Workers end
with the builder however it ends (see `_start_worker`), so no process is left behind.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ImageCache
from .encode import Processed, Variant, process
from .settings import ImageSettings


@dataclass
class Figure:
    """A processed figure: its cache entry and variants (or the error that prevents it)."""

    source: str
    """Repository path of the original."""
    key: str
    entry: Path
    result: Processed

    @property
    def largest(self) -> Variant | None:
        return self.result.variants[-1] if self.result.variants else None

    def name(self, variant: Variant) -> str:
        """The variant's file name beside the original, from the original's own name (two
        figures with the same content share a cache entry, never a name)."""
        return f"{_stem(self.source)}-{variant.width}w.{variant.format}"

    def site_path(self, variant: Variant) -> str:
        folder = self.source.rsplit("/", 1)[0] if "/" in self.source else ""
        return f"{folder}/{self.name(variant)}" if folder else self.name(variant)


@dataclass
class Summary:
    """What one run did, for the log line and the benchmark."""

    processed: int = 0
    cached: int = 0
    failed: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    formats: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def line(self) -> str:
        wins = ", ".join(f"{fmt} {count}" for fmt, count in sorted(self.formats.items())) or "none"
        ratio = f" ({self.bytes_out / self.bytes_in:.0%})" if self.bytes_in else ""
        return (
            f"images: {self.processed} processed, {self.cached} cached, {self.failed} unusable; "
            f"{_mb(self.bytes_in)} in, {_mb(self.bytes_out)} out{ratio}; variants by format: {wins}; "
            f"{self.seconds:.1f} s"
        )


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


PARENT_POLL_SECONDS = 0.5


def _start_worker(limit_bytes: int, parent: int) -> None:
    """Worker initializer: cap the address space so one huge image fails alone; leave Ctrl-C to
    the builder (it shuts the pool down); and end as soon as the builder is gone, however it
    ended (SIGTERM, SIGKILL, a crash), instead of waiting forever for work, reparented to init."""
    if limit_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


class ImagePipeline:
    """Turns repository figures into cached web variants."""

    def __init__(self, cache_dir: Path, settings: ImageSettings, workers: int | None = None,
                 worker_memory: int = 2 << 30) -> None:
        self.settings = settings
        self.cache = ImageCache(cache_dir, settings.key())
        self.workers = workers or os.cpu_count() or 1
        self.worker_memory = worker_memory
        self._pool: futures.ProcessPoolExecutor | None = None
        self.used: set[str] = set()
        """Cache keys used since `begin()` (what a prune keeps): all runs of one build."""

    def _executor(self) -> futures.ProcessPoolExecutor:
        if self._pool is None:
            self._pool = futures.ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.worker_memory, os.getpid()),
            )
        return self._pool

    def begin(self) -> None:
        """A new build starts: what it uses is recorded afresh."""
        self.used = set()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def run(self, root: Path, sources: list[str], progress: bool | None = None) -> tuple[dict[str, Figure], Summary]:
        """Process the repository paths `sources` (relative to `root`); a Figure for each."""
        started = time.perf_counter()
        summary = Summary()
        self.cache.load_index()
        self.cache.remove_stale_tmp()
        figures: dict[str, Figure] = {}
        todo: dict[str, list[str]] = {}
        for source in sources:
            path = root / source
            try:
                key = self.cache.key(self.cache.content_hash(path))
            except OSError as error:
                figures[source] = Figure(source, "", Path(), Processed(error=f"cannot be read ({error.strerror})"))
                continue
            summary.bytes_in += path.stat().st_size
            cached = self.cache.get(key)
            if cached is not None:
                figures[source] = Figure(source, key, self.cache.entry_dir(key), cached)
                summary.cached += 1
            else:
                todo.setdefault(key, []).append(source)
        self._process(root, todo, figures, summary, progress if progress is not None else sys.stderr.isatty())
        for figure in figures.values():
            if figure.result.error:
                summary.failed += 1
            for variant in figure.result.variants:
                summary.bytes_out += variant.size
                summary.formats[variant.format] += 1
        self.used |= {f.key for f in figures.values() if f.key}
        self.cache.record_used(self.used)
        self.cache.save_index()
        summary.seconds = time.perf_counter() - started
        return figures, summary

    def _process(self, root: Path, todo: dict[str, list[str]], figures: dict[str, Figure], summary: Summary,
                 progress: bool) -> None:
        if not todo:
            return
        jobs = {}
        for key, paths in todo.items():
            tmp = self.cache.new_tmp()
            args = (process, str(root / paths[0]), str(tmp), _stem(paths[0]), self.settings)
            try:
                job = self._executor().submit(*args)
            except futures.BrokenExecutor:
                # A worker died in an earlier run (e.g. past its memory limit): start a fresh pool.
                self._pool = None
                job = self._executor().submit(*args)
            jobs[job] = (key, paths, tmp)
        total, done, done_bytes = len(jobs), 0, 0
        total_bytes = sum((root / paths[0]).stat().st_size for _, paths, _ in jobs.values())
        started = time.perf_counter()
        for job in futures.as_completed(jobs):
            key, paths, tmp = jobs[job]
            try:
                result = job.result()
            except Exception as error:  # a worker died (memory limit, crash): this image only
                result = Processed(error=f"processing failed ({type(error).__name__})")
                self.cache.discard(tmp)
                if isinstance(error, futures.BrokenExecutor):
                    self._pool = None
            else:
                self.cache.commit(key, tmp, result)
            for path in paths:
                figures[path] = Figure(path, key, self.cache.entry_dir(key), result)
            summary.processed += 1
            done += 1
            done_bytes += (root / paths[0]).stat().st_size
            if progress:
                _progress(done, total, done_bytes, total_bytes, time.perf_counter() - started)
        if progress:
            sys.stderr.write("\n")


def _stem(source: str) -> str:
    """`images/01Roofline01.png` -> `01Roofline01_png`: the extension kept, so `x.png` and `x.jpg`
    never share variant names."""
    name = source.rsplit("/", 1)[-1]
    stem, _, suffix = name.rpartition(".")
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in (stem or name))
    return f"{safe}_{suffix.lower()}" if stem else safe


def _progress(done: int, total: int, done_bytes: int, total_bytes: int, elapsed: float) -> None:
    eta = elapsed / done_bytes * (total_bytes - done_bytes) if done_bytes else 0
    width = 30
    bar = "#" * int(width * done / total) + "-" * (width - int(width * done / total))
    sys.stderr.write(f"\rimages [{bar}] {done}/{total}  {_mb(done_bytes)}/{_mb(total_bytes)}  ETA {eta:4.0f} s")
    sys.stderr.flush()
