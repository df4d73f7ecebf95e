"""Run `mkdocs serve` on a fixture repository and wait for what it serves to change."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, predicate: Callable[[str], bool], timeout: float = 60.0, step: float = 0.02) -> float:
    """Seconds until the page at `url` satisfies `predicate`; raises TimeoutError after `timeout`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        text = fetch(url)
        if text is not None and predicate(text):
            return time.perf_counter() - start
        time.sleep(step)
    raise TimeoutError(f"{url} did not change within {timeout} s")


@contextlib.contextmanager
def serving(root: Path, *args: str, log: Path | None = None) -> Iterator[str]:
    """`mkdocs serve` in `root` on a free port; yields the base URL once the first build is served."""
    port = free_port()
    out = open(log, "w") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *args],
        cwd=root, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base, lambda text: "<html" in text, timeout=300, step=0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        if log:
            out.close()
