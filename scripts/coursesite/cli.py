"""`coursesite`: the command line over the library, for contributors and CI.

`coursesite check` runs every content check of the build in seconds, without building the site, and
prints the problems grouped by file. It reads the plugin's settings from `mkdocs.yml` so that it
judges the course exactly as `mkdocs build --strict` will.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from .checks import CheckSettings, run_checks
from .course.discover import Discoverer
from .gitdates import GitDates
from .i18n import Status, translation_report
from .i18n import format_report as format_translations
from .images.cache import ImageCache
from .linkcheck import check_site
from .problems import Severity, format_report
from .references import RepoFiles
from .repository import blob_url
from .scaffold import ScaffoldError, new_article, new_chapter
from .site import site_pages
from .urls import MANIFEST, current_urls, read_manifest, write_manifest


class _ConfigLoader(yaml.SafeLoader):
    """Reads `mkdocs.yml` without importing the Python objects its tags name (they are not needed here)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _plugin_settings(config: dict[str, Any], name: str) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
        if entry == name:
            return {}
    return {}


def settings_from_config(config_file: Path) -> CheckSettings:
    """The check settings `mkdocs build` would use, read from `mkdocs.yml` (defaults if absent)."""
    if not config_file.is_file():
        return CheckSettings()
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    course = _plugin_settings(config, "course")
    i18n = _plugin_settings(config, "i18n")
    languages = tuple(
        lang["locale"] for lang in i18n.get("languages") or [] if isinstance(lang, dict) and not lang.get("default")
    ) or ("en",)
    docs = config_file.parent / (config.get("docs_dir") or "docs")
    return CheckSettings(
        languages=languages,
        decks_url=course.get("decks_url"),
        repo_blob_url=blob_url(config.get("repo_url"), config.get("edit_uri")),
        site_pages=site_pages(docs),
        redirects=course.get("redirects") or {},
    )


def check(root: Path, config_file: Path) -> int:
    """Print every problem; exit status 1 when any is a warning (what `--strict` would fail on)."""
    started = time.perf_counter()
    settings = settings_from_config(config_file)
    discoverer = Discoverer(root, settings.languages)
    course = discoverer.discover()
    problems = run_checks(course, discoverer, RepoFiles(root), settings)
    warnings = sum(p.severity == Severity.WARNING for p in problems)
    if problems:
        print(format_report(problems))
    pages = len(course.pages())
    print(
        f"checked {len(course.modules)} modules, {pages} pages in {time.perf_counter() - started:.2f} s: "
        f"{warnings} warnings, {len(problems) - warnings} notes"
    )
    return 1 if warnings else 0


def translations(root: Path, config_file: Path, require: list[str]) -> int:
    """Print translation coverage and staleness per module and chapter, for every second language.

    Exit status 1 when a module named in `require` is not fully and freshly translated.
    """
    settings = settings_from_config(config_file)
    course = Discoverer(root, settings.languages).discover()
    git = GitDates(root)
    git.refresh()
    failed = False
    for language in settings.languages:
        sections = translation_report(course, language, git.last_changed)
        print(format_translations(sections, language))
        for section in sections:
            if section.path.split("/")[0] in require and any(e.status != Status.TRANSLATED for e in section.entries):
                print(f"{section.path}: not fully translated to {language}; translate or update the pages listed above")
                failed = True
    unknown = set(require) - {m.path for m in course.modules}
    for module in sorted(unknown):
        print(f"{module}: no such module")
    return 1 if failed or unknown else 0


def prune_images(root: Path, config_file: Path) -> int:
    """Delete cached figure variants that the last build did not use."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) if config_file.is_file() else {}
    cache_dir = root / (_plugin_settings(config or {}, "course").get("cache_dir") or ".cache/coursesite") / "images"
    cache = ImageCache(cache_dir, "")
    keep = cache.last_used()
    if keep is None:
        print(f"{cache_dir}: no record of a build; build the site first (nothing was deleted)")
        return 1
    removed, freed = cache.prune(keep)
    print(f"removed {removed} unused entries ({freed / 1e6:.1f} MB); kept {len(keep)}")
    return 0


def new(root: Path, kind: str, where: str, name: str, title: str, english: str | None) -> int:
    """Scaffold a chapter or an article; print what was written, or why nothing was."""
    try:
        made = (new_chapter if kind == "chapter" else new_article)(root, where, name, title, english)
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in made.created:
        print(f"created {path.relative_to(root)}")
    for path in made.updated:
        print(f"updated {path.relative_to(root)}")
    return 0


def linkcheck(site: Path) -> int:
    """Check the internal links and anchors of a built site; exit status 1 if any is broken."""
    if not (site / "index.html").is_file():
        print(f"{site}: no built site here (run mkdocs build first)", file=sys.stderr)
        return 2
    broken = check_site(site)
    for link in broken:
        print(link.format())
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"checked {pages} pages: {len(broken)} broken internal links")
    return 1 if broken else 0


def urls(root: Path, config_file: Path, write: bool) -> int:
    """List the addresses the site publishes; with `write`, record them in the manifest."""
    settings = settings_from_config(config_file)
    course = Discoverer(root, settings.languages).discover()
    current = sorted(current_urls(course, list(settings.site_pages), settings.languages))
    previous = read_manifest(root)
    if write:
        write_manifest(root, current, previous)
        print(f"recorded {len(set(current) | set(previous or []))} addresses in {MANIFEST}")
    else:
        for url in current:
            print(f"/{url}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coursesite", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="check the course content without building the site")
    check_cmd.add_argument("root", nargs="?", default=".", type=Path, help="the course repository (default: .)")
    check_cmd.add_argument("-f", "--config-file", type=Path, help="mkdocs.yml (default: ROOT/mkdocs.yml)")
    report_cmd = commands.add_parser("translations", help="translation coverage and stale translations")
    report_cmd.add_argument("root", nargs="?", default=".", type=Path, help="the course repository (default: .)")
    report_cmd.add_argument("-f", "--config-file", type=Path, help="mkdocs.yml (default: ROOT/mkdocs.yml)")
    report_cmd.add_argument(
        "--strict", metavar="MODULE", action="append", default=[],
        help="fail unless this module (e.g. 01AIChip) is fully and freshly translated; repeatable",
    )
    prune_cmd = commands.add_parser("prune-images", help="delete cached figure variants the last build did not use")
    prune_cmd.add_argument("root", nargs="?", default=".", type=Path, help="the course repository (default: .)")
    prune_cmd.add_argument("-f", "--config-file", type=Path, help="mkdocs.yml (default: ROOT/mkdocs.yml)")
    new_cmd = commands.add_parser("new", help="create a chapter or an article with the right numbering")
    new_cmd.add_argument("kind", choices=("chapter", "article"))
    new_cmd.add_argument("where", help="the module (01AIChip) for a chapter, the chapter (01AIChip/01Foundation) for an article")
    new_cmd.add_argument("name", help="CamelCase English name, with or without a two-digit number (08Memory or Memory)")
    new_cmd.add_argument("--title", required=True, help="the Chinese title (the page's H1)")
    new_cmd.add_argument("--en", metavar="TITLE", help="also create the English twin, with this title")
    new_cmd.add_argument("--root", type=Path, default=Path("."), help="the course repository (default: .)")
    urls_cmd = commands.add_parser("urls", help="the page addresses the site publishes")
    urls_cmd.add_argument("root", nargs="?", default=".", type=Path, help="the course repository (default: .)")
    urls_cmd.add_argument("-f", "--config-file", type=Path, help="mkdocs.yml (default: ROOT/mkdocs.yml)")
    urls_cmd.add_argument("--write", action="store_true", help=f"record them in {MANIFEST} (keeps older entries)")
    link_cmd = commands.add_parser("linkcheck", help="check internal links and anchors of a built site")
    link_cmd.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site)")
    args = parser.parse_args(argv)
    if args.command == "linkcheck":
        return linkcheck(args.site.resolve())
    root = args.root.resolve()
    if args.command == "new":
        return new(root, args.kind, args.where, args.name, args.title, args.en)
    config_file = args.config_file or root / "mkdocs.yml"
    if args.command == "check":
        return check(root, config_file)
    if args.command == "prune-images":
        return prune_images(root, config_file)
    if args.command == "urls":
        return urls(root, config_file, args.write)
    return translations(root, config_file, args.strict)


if __name__ == "__main__":
    sys.exit(main())
