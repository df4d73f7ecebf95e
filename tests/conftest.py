"""Session fixtures: fixture repositories built once, their sites built once, shared by the tests."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from builders import irregular_course, tidy_course


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a repository (outside the site and cache folders) with its content."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes() if not p.is_symlink() else b"->" + str(p.readlink()).encode()
        for p in sorted(root.rglob("*"))
        if (p.is_file() or p.is_symlink()) and p.relative_to(root).parts[0] not in ("site", ".cache", ".git")
    }


@dataclass
class Built:
    """A fixture repository and the result of `mkdocs build` on it."""

    root: Path
    site: Path
    returncode: int
    log: str
    before: dict[str, bytes] | None = None
    """The repository's files before the build."""

    def html(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / path).read_text(encoding="utf-8"), "html.parser")

    def warnings(self) -> list[str]:
        return [line for line in self.log.splitlines() if line.startswith("WARNING")]


def mkdocs_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args], cwd=root, capture_output=True, text=True, env=env
    )


def build(root: Path, *args: str) -> Built:
    before = snapshot(root)
    done = mkdocs_build(root, *args)
    return Built(root, root / "site", done.returncode, done.stdout + done.stderr, before)


@pytest.fixture(scope="session")
def repository_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course repository itself built with --strict, once for the whole session."""
    from builders import PROJECT

    out = tmp_path_factory.mktemp("repository") / "site"
    done = mkdocs_build(PROJECT, "--strict", "--site-dir", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def tidy(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tidy_course(tmp_path_factory.mktemp("tidy") / "repo")
    return build(root, "--strict")


@pytest.fixture(scope="session")
def irregular(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = irregular_course(tmp_path_factory.mktemp("irregular") / "repo")
    return build(root)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (its own browser download does not work here)."""
    from playwright.sync_api import sync_playwright

    executable = "/usr/bin/chromium"
    assert Path(executable).exists(), "Chromium is missing: apt-get install chromium (.ci/run does it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@contextlib.contextmanager
def static_server(site: Path):
    """The built site on 127.0.0.1, as a static host serves it."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def offline_page(browser):
    """A browser page on which every request to another host fails, as it would behind a firewall."""
    context = browser.new_context()
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    return context.new_page()
