"""Stable addresses: the published URLs are recorded, and none may disappear without a redirect.

Readers' bookmarks and other sites' links broke whenever a chapter was renamed. The manifest
(`published-urls.txt`, kept in the repository) lists every page address the site has published;
the check reports each one that is no longer built and has no redirect, with the redirect line to
add. Redirect pages are written for every language, because the usual redirects plugin is not aware
of the i18n plugin's per-language builds.
"""

from __future__ import annotations

import difflib
import html
import posixpath
from pathlib import Path

from .course.model import Course
from .course.names import stem_and_language
from .problems import Problem

MANIFEST = "published-urls.txt"


def page_url(source: str) -> str:
    """The address of the page built from `source` (directory URLs): `a/b.md` -> `a/b/`, `a/README.md` -> `a/`."""
    folder, name = posixpath.split(source)
    stem = name[:-3] if name.endswith(".md") else name
    if stem in ("README", "index"):
        return f"{folder}/" if folder else ""
    return f"{folder}/{stem}/" if folder else f"{stem}/"


def current_urls(course: Course, site_pages: list[str], languages: tuple[str, ...] = ("en",)) -> dict[str, str]:
    """Address -> source path of every page the site builds in the default language (a
    translation whose original is gone, `X.en.md`, is not one of them)."""
    urls = {page_url(p.path): p.path for p in course.pages()
            if stem_and_language(posixpath.basename(p.path), languages)[1] is None}
    urls.update({page_url(p): p for p in site_pages})
    return urls


def read_manifest(root: Path) -> list[str] | None:
    path = root / MANIFEST
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip().lstrip("/") for line in lines if line.strip() and not line.startswith("#")]


def write_manifest(root: Path, urls: list[str], previous: list[str] | None) -> None:
    """Record the addresses now published, keeping the ones already recorded (they stay promised)."""
    lines = sorted(set(urls) | set(previous or []))
    header = "# Page addresses the site has published (default language; /en/ mirrors them).\n" \
             "# Regenerate with `coursesite urls --write`; never delete a line: add a redirect instead.\n"
    (root / MANIFEST).write_text(header + "".join(f"/{u}\n" for u in lines), encoding="utf-8")


def check_urls(course: Course, site_pages: list[str], manifest: list[str] | None,
               redirects: dict[str, str], languages: tuple[str, ...] = ("en",)) -> list[Problem]:
    """One warning per published address that would disappear without a redirect."""
    if manifest is None:
        return []
    current = current_urls(course, site_pages, languages)
    redirected = {page_url(old) for old in redirects}
    problems = []
    for url in manifest:
        if url in current or url in redirected:
            continue
        guess = _closest(url, list(current))
        old = url.rstrip("/") + ".md" if url else "index.md"
        new = current[guess] if guess is not None else "NEW/PAGE.md"
        problems.append(Problem(
            MANIFEST, None, f"published address /{url} is no longer built",
            f"add a redirect under the course plugin in mkdocs.yml: redirects: {{'{old}': '{new}'}}"
            + (f" (to /{guess})" if guess is not None else ""),
            code="lost-url",
        ))
    return problems


def _closest(url: str, candidates: list[str]) -> str | None:
    """The current address most like a vanished one: the same last segment first, then by similarity."""
    last = url.rstrip("/").rsplit("/", 1)[-1]
    same_name = [c for c in candidates if c.rstrip("/").rsplit("/", 1)[-1] == last]
    if same_name:
        return same_name[0]
    close = difflib.get_close_matches(url, candidates, n=1, cutoff=0.5)
    return close[0] if close else None


def redirect_html(target: str) -> str:
    """A page that sends readers and crawlers on to `target` (relative to the redirect's address)."""
    href = html.escape(target, quote=True)
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>Redirecting…</title>'
        f'<link rel="canonical" href="{href}"><meta name="robots" content="noindex">'
        f'<meta http-equiv="refresh" content="0; url={href}"></head>'
        f'<body><a href="{href}">{href}</a></body></html>'
    )


def write_redirects(site: Path, redirects: dict[str, str], prefixes: list[str]) -> int:
    """Write a redirect page for every old source path, in every language tree (`''`, `'en/'`)."""
    written = 0
    for old, new in redirects.items():
        old_url, new_url = page_url(old), page_url(new)
        for prefix in prefixes:
            folder = site / prefix / old_url
            page = folder / "index.html"
            if page.exists() and "http-equiv=\"refresh\"" not in page.read_text(encoding="utf-8", errors="replace"):
                continue  # a real page lives there now: never replace it
            target = posixpath.relpath(f"{prefix}{new_url}" or ".", f"{prefix}{old_url}" or ".") + "/"
            folder.mkdir(parents=True, exist_ok=True)
            page.write_text(redirect_html(target), encoding="utf-8")
            written += 1
    return written
