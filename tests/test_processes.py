"""No process left behind (issue 18, row 8): however `mkdocs build` or `mkdocs serve` ends while the
image pool is working, every process of its group is gone a few seconds later.

Each run starts in its own process group with a cold image cache and figures big enough to keep
the pool busy; the signal goes to the builder alone (as from a process manager, or `kill -9`), so
the workers have to notice by themselves.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import tidy_course, write
from PIL import Image
from serving import free_port

FIGURES = 6


@pytest.fixture(scope="module")
def busy_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tidy_course(tmp_path_factory.mktemp("busy") / "repo", git=False)
    lines = ["# 很多大图", ""]
    for i in range(FIGURES):
        # Noise does not compress: each figure takes the encoder a while.
        Image.frombytes("RGB", (2000, 1400), os.urandom(2000 * 1400 * 3)).save(
            root / f"01AIChip/01Foundation/images/noise{i}.png", compress_level=1)
        lines.append(f"![噪声 {i}](images/noise{i}.png)\n")
    write(root, "01AIChip/01Foundation/03Noise.md", "\n".join(lines))
    return root


def _group(pgid: int) -> list[tuple[int, str]]:
    """Live (not zombie) processes of the group: (pid, command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            state, group = fields[0], int(fields[3])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue
        if group == pgid and state != "Z":
            found.append((int(entry.name), command))
    return found


def _workers(pgid: int) -> list[int]:
    return [pid for pid, command in _group(pgid) if "multiprocessing" in command and "resource_tracker" not in command]


@pytest.mark.parametrize(("command", "sig"), [
    ("build", signal.SIGTERM),
    ("build", signal.SIGKILL),
    ("serve", signal.SIGTERM),
    ("serve", signal.SIGINT),
])
def test_builder_ending_while_the_pool_works_leaves_no_process(busy_course, command, sig):
    shutil.rmtree(busy_course / ".cache", ignore_errors=True)  # a cold image cache
    args = ["--dev-addr", f"127.0.0.1:{free_port()}"] if command == "serve" else []
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", command, *args], cwd=busy_course,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    pgid = process.pid
    try:
        deadline = time.monotonic() + 120
        while not _workers(pgid):
            assert process.poll() is None, "the builder ended before its image pool started"
            assert time.monotonic() < deadline, "the image pool never started"
            time.sleep(0.05)
        time.sleep(0.5)  # the workers are encoding
        assert _workers(pgid) and process.poll() is None
        os.kill(process.pid, sig)
        process.wait(timeout=60)
        deadline = time.monotonic() + 5
        while _group(pgid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _group(pgid) == []
    finally:
        with_processes = _group(pgid)
        if with_processes:
            os.killpg(pgid, signal.SIGKILL)
        process.wait(timeout=30)
