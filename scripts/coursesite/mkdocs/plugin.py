"""MkDocs events for the course site: a thin adapter over `coursesite.site.CourseSite`.

Order matters with mkdocs-static-i18n (priority -100 on every event, and every build event runs
once per language): `on_config` runs before it (priority 0) so the staging tree is its `docs_dir`
and the generated `nav` is in place for each language.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import os
import posixpath
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import jinja2
import jinja2.bccache
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from ..checks import CheckSettings
from ..course.discover import ASSET_FOLDERS
from ..course.names import split_number
from ..csp import with_policy
from ..images.markup import responsive_images
from ..images.settings import ImageSettings
from ..labels import label
from ..math import typeset
from ..problems import Severity
from ..repository import blob_url, branch, new_file_url
from ..search.index import SearchLanguage, write_search
from ..search.pagefind import UNSEGMENTED, PagefindError
from ..search.segment import Segmenter
from ..site import CourseSite, SiteSettings, site_pages
from ..urls import write_redirects
from .compat import keep_search_box_only
from .config import CourseConfig

log = get_plugin_logger(__name__)

SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；]+"
"""Where Material's search highlighter splits the words it marks on the target page (its default for
Chinese), unless the search plugin sets `separator`."""


class CoursePlugin(BasePlugin[CourseConfig]):
    """Builds the site from the module folders. Defining `on_startup` keeps one instance (and its
    warm course model) across all rebuilds of `mkdocs serve`."""

    def __init__(self) -> None:
        self.site: CourseSite | None = None
        self.docs_dir: Path | None = None
        self.dirty = False
        self.serving = False
        self._templates = _MemoryBytecodeCache()
        self._structure: object = None
        self._structure_changed = False
        self._server: LiveReloadServer | None = None
        self._default_404: bytes | None = None
        self._watched: set[Path] = set()
        self._segmenter: Segmenter | None = None
        self._search_runner = _LatestOnly()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Its presence makes MkDocs keep this instance (and the warm course model) between rebuilds."""
        self.dirty = dirty
        self.serving = command == "serve"

    # -- configuration: stage the course, generate the navigation ---------------------------------

    @event_priority(10)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(os.path.abspath(config.config_file_path)).parent
        stage = (root / self.config.cache_dir / "stage").resolve()
        if Path(config.docs_dir).resolve() != stage:
            # A fresh config (first pass, or a `mkdocs serve` rebuild): remember the real docs/.
            self.docs_dir = Path(config.docs_dir).resolve()
        assert self.docs_dir is not None
        _check_folders(root, stage, Path(config.site_dir).resolve())

        i18n = config.plugins.get("i18n")
        language = _language(i18n)
        search = config.plugins.get("material/search")
        if search is not None:
            _resolve_jieba_dictionary(search.config, root)
        if search is not None and self.config.search:
            keep_search_box_only(config, search)
        elif search is not None and self.serving:
            # Material merges each serve rebuild's search entries into the previous index; with
            # the i18n plugin re-adding every language's entries, the index (and the rebuild time)
            # grows with every edit. Start each rebuild's index afresh.
            search.search_index_prev = None
        if self.site is None or self.site.root != root.resolve():
            self.site = CourseSite(self._settings(root, stage, config, i18n))
        _warn_once.attach(first_pass=not (i18n is not None and getattr(i18n, "building", False)))
        if not (i18n is not None and getattr(i18n, "building", False)):
            # Once per build, not once per language: discover, check, restage.
            for problem in self.site.refresh():
                (log.warning if problem.severity == Severity.WARNING else log.info)(problem.format())
            if self.site.image_summary is not None:
                log.info(self.site.image_summary.line())
            structure = self.site.nav(None)
            self._structure_changed = self._structure is not None and structure != self._structure
            self._structure = structure
            self._watch_course()
        config.docs_dir = str(stage)
        config.nav = self.site.nav(language)
        return config

    def _settings(self, root: Path, stage: Path, config: MkDocsConfig, i18n) -> SiteSettings:
        languages = tuple(
            lang.locale for lang in (i18n.config.languages if i18n else []) if not lang.default
        ) or ("en",)
        slugify = config.mdx_configs.get("toc", {}).get("slugify")
        assert self.docs_dir is not None
        checks = CheckSettings(
            languages=languages,
            decks_url=self.config.decks_url,
            repo_blob_url=blob_url(config.repo_url, config.edit_uri),
            site_pages=site_pages(self.docs_dir),
            redirects=dict(self.config.redirects),
            **({"slugify": slugify} if callable(slugify) else {}),
        )
        assert self.docs_dir is not None
        images = ImageSettings(
            widths=tuple(sorted(self.config.image_widths)),
            webp_quality=self.config.webp_quality,
            webp_method=self.config.webp_method,
        ) if self.config.images else None
        return SiteSettings(root=root, docs_dir=self.docs_dir, stage_dir=stage, checks=checks, images=images,
                            image_cache=(root / self.config.cache_dir / "images").resolve(),
                            deck_size_limit=self.config.deck_size_limit_mb * 1_000_000,
                            talks_module=self.config.talks_module or None)

    @event_priority(-200)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """In a dirty rebuild (`mkdocs serve --dirty`) MkDocs rebuilds only edited pages; when the
        navigation changed (a page added, a title edited), every page must be rebuilt to show it,
        so their stale outputs in the site folder are removed. Figure variants are hard-linked
        from the cache into the site rather than copied (this runs after the i18n plugin has
        re-created every File)."""
        if self.dirty and self._structure_changed:
            for file in files.documentation_pages():
                if os.path.isfile(file.abs_dest_path):
                    os.remove(file.abs_dest_path)
        cache = self.site.settings.image_cache if self.site else None
        if cache is not None:
            for file in files.media_files():
                if file.abs_src_path and Path(os.path.realpath(file.abs_src_path)).is_relative_to(cache):
                    file.copy_file = functools.partial(_link_file, file)  # type: ignore[method-assign]
        return files

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """MkDocs makes a new template environment for every build and compiles Material's ~100
        templates again (about half a second); while serving, keep their bytecode across rebuilds."""
        if self.serving:
            env.bytecode_cache = self._templates
        return env

    # -- pages: corrected Markdown, edit link to the real source, date from git -------------------

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Course pages are read by the library's one reader (UTF-8 or a reported Problem, front
        matter judged by the bounded loader, limits on size), never by MkDocs' own."""
        if not self.config.enabled or self.site is None:
            return None
        return self.site.page_source(page.file.src_uri, _language(config.plugins.get("i18n")))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files) -> str | None:
        if not self.config.enabled or self.site is None:
            return None
        file = page.file
        # Raw HTML is not rewritten by MkDocs: from the page's URL (`en/a/b/page/`) to its source
        # folder (`a/b`), where the assets shared by every language are published.
        source_dir = posixpath.dirname(file.src_uri) or "."
        prefix = posixpath.relpath(source_dir, page.url.rstrip("/") or ".") + "/"
        language = _language(config.plugins.get("i18n"))
        source = self.site.source_path(file.abs_src_path or "")
        page.edit_url = _edit_url(config, source) if source and (self.site.root / source).is_file() else None
        if source:
            changed = self.site.last_changed(source)
            if changed is not None:
                page.meta["revision_date"] = dt.datetime.fromtimestamp(changed, dt.UTC).date().isoformat()
        original_url, help_url = "", None
        if self.site.is_fallback(file.src_uri, language):
            # From /en/x/y/ back to /x/y/: one "../" per level of the page's URL, then its default-language URL.
            assert language is not None
            original_url = "../" * page.url.count("/") + page.url.removeprefix(f"{language}/")
            folder, name = file.src_uri.rsplit("/", 1) if "/" in file.src_uri else ("", file.src_uri)
            help_url = new_file_url(config.repo_url, config.edit_uri, folder, name[:-3] + f".{language}.md")
        front_video = page.meta.get("video")
        # Titles are text: Material writes `page.meta.title` and `page.title` into the header, the
        # <title> and the search index as they are.
        title = self.site.page_title(file.src_uri, language)
        if title is not None:
            page.title = page.meta["title"] = escape(title)  # Markup: `| e` in templates keeps it as it is
        return self.site.page_markdown(file.src_uri, markdown, language, prefix, original_url, help_url,
                                       str(front_video) if front_video else None)

    @event_priority(10)  # before the lightbox plugin wraps each <img> in a link to its `src`
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.site is None:
            return None
        if self.site.figures_by_url:
            html = responsive_images(html, page.url, self.site.figures_by_url)
        if not self.config.math:
            return html
        typeset_html, errors = typeset(html)
        for error in errors:
            log.warning(
                f"{self._source_name(page)}: formula could not be typeset ({error.reason}): {error.tex[:80]}; "
                "check the TeX (unbalanced $ or braces, an unsupported command)"
            )
        return typeset_html

    @event_priority(-200)  # after every other plugin has added its scripts
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        return with_policy(output, page.content or "")

    def _source_name(self, page: Page) -> str:
        source = self.site.source_path(page.file.abs_src_path or "") if self.site else None
        return source or page.file.src_uri

    # -- after all languages: one search index and one 404 page per language ----------------------

    @event_priority(0)
    def _keep_default_404(self, *, config: MkDocsConfig) -> None:
        """Keep the default language's 404 page: the i18n plugin builds the other languages next,
        into the same folder, and the last one built would otherwise own `404.html`."""
        i18n = config.plugins.get("i18n")
        if self.config.enabled and i18n is not None and not i18n.building and _language(i18n) is None:
            page = Path(config.site_dir) / "404.html"
            self._default_404 = page.read_bytes() if page.is_file() else None

    @event_priority(-200)
    def _split_per_language(self, *, config: MkDocsConfig) -> None:
        """After every language is built (i18n builds them inside its own post_build): move the
        last language's 404 page to its folder, restore the default one, and give each language a
        search index of its own pages."""
        i18n = config.plugins.get("i18n")
        if not self.config.enabled or i18n is None or i18n.building:
            return
        site = Path(config.site_dir)
        others = [lang.locale for lang in i18n.config.languages if not lang.default and lang.build]
        write_redirects(site, dict(self.config.redirects), ["", *(f"{language}/" for language in others)])
        page = site / "404.html"
        if self._default_404 is not None and page.is_file() and others:
            (site / others[-1] / "404.html").write_bytes(page.read_bytes())
            page.write_bytes(self._default_404)
        self._write_search(site, config, others)
        self._report_size(site)

    def _write_search(self, site: Path, config: MkDocsConfig, others: list[str]) -> None:
        """Index the built pages of every language (after all of them are built). While serving,
        in the background: the edited page reloads at once, and search follows a second later."""
        if not self.config.search or self.site is None:
            return
        search = config.plugins.get("material/search")
        if self._segmenter is None:
            dictionary = search.config.get("jieba_dict_user") if search is not None else None
            self._segmenter = Segmenter(self.site.root / dictionary if dictionary else None)
        separator = (search.config.get("separator") if search is not None else None) or SEPARATOR
        languages = [SearchLanguage("", UNSEGMENTED, "", separator)] + [
            SearchLanguage(f"{language}/", language, label(language, "search_fallback"), separator)
            for language in others
        ]
        cache, segmenter = self.site.settings.stage_dir.parent, self._segmenter

        def index() -> None:
            started = time.perf_counter()
            try:
                with tempfile.TemporaryDirectory(prefix="search-", dir=cache) as work:
                    counts = write_search(site, languages, Path(work), segmenter)
            except PagefindError as error:
                if not self.serving:
                    raise PluginError(f"course: the search index could not be written: {error}") from error
                log.warning(f"course: the search index could not be written: {error}")
                return
            pages = ", ".join(f"{count} pages ({prefix or 'default'})" for prefix, count in counts.items())
            log.info(f"search: {pages} indexed in {time.perf_counter() - started:.2f} s")

        if self.serving:
            self._search_runner.submit(index)
        else:
            index()

    @event_priority(0)
    def _write_talk_feed(self, *, config: MkDocsConfig) -> None:
        """The Atom feed of talks, once, from the default language's build (absolute links need site_url)."""
        i18n = config.plugins.get("i18n")
        if not self.config.enabled or self.site is None or not config.site_url or _language(i18n) is not None:
            return
        module = self.site.course.module_for(self.config.talks_module)
        feed = self.site.talk_feed(config.site_url, f"{config.site_name} · {module.title if module else ''}")
        if feed is not None:
            target = Path(config.site_dir) / self.config.talks_module / "feed.xml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(feed)

    @event_priority(-200)
    def _size_without_i18n(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and config.plugins.get("i18n") is None:
            write_redirects(Path(config.site_dir), dict(self.config.redirects), [""])
            self._report_size(Path(config.site_dir))

    def _report_size(self, site: Path) -> None:
        total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
        budget = self.config.size_budget_mb * 1_000_000
        message = f"site size: {total / 1e6:.1f} MB (budget {self.config.size_budget_mb} MB)"
        if total > budget:
            log.warning(f"{message}; the site is over its size budget: ship fewer or smaller files, "
                        "or raise size_budget_mb in mkdocs.yml")
        else:
            log.info(message)

    on_post_build = CombinedEvent(_keep_default_404, _write_talk_feed, _split_per_language, _size_without_i18n)

    def on_shutdown(self) -> None:
        self._search_runner.close()
        if self.site is not None and self.site.pipeline is not None:
            self.site.pipeline.close()

    # -- serving: watch the Markdown, not the staging tree or gigabytes of figures ----------------

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        if not self.config.enabled or self.site is None:
            return server
        server.unwatch(config.docs_dir)
        assert self.docs_dir is not None
        server.watch(str(self.docs_dir))
        server.watch(str(self.site.root), recursive=False)
        self._server = server
        self._watch_course()
        # MkDocs ignores folder events, so a chapter folder created while serving (README and all)
        # would go unseen: watch the module folders' new sub-folders and ask for a rebuild.
        for module in self.site.course.modules:
            server.observer.schedule(_NewFolders(self, at_root=False), str(self.site.root / module.path), recursive=False)
        server.observer.schedule(_NewFolders(self, at_root=True), str(self.site.root), recursive=False)
        return server

    def _watch_course(self) -> None:
        """Watch every module and chapter folder (again after each rebuild, so a folder added while
        serving is watched too). Asset sub-folders are left out unless `serve_watch_depth: all`."""
        if self._server is None or self.site is None:
            return
        recursive = self.config.serve_watch_depth == "all"
        folders = [self.site.root / module.path for module in self.site.course.modules]
        if not recursive:
            folders += [self.site.root / c.path for m in self.site.course.modules for c in m.chapters]
        for folder in folders:
            if folder not in self._watched and folder.is_dir():
                self._server.watch(str(folder), recursive=recursive)
                self._watched.add(folder)


def _link_file(file: File, dirty: bool = False) -> None:
    """Put a cached figure variant into the site as a hard link (a copy across file systems)."""
    if dirty and not file.is_modified():
        return
    source = os.path.realpath(file.abs_src_path or "")
    target = file.abs_dest_path
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


class _LatestOnly:
    """Runs submitted jobs one at a time in a background thread, skipping all but the latest of those
    that queued up meanwhile (a serve rebuild's search index supersedes the previous one's)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._next: Callable[[], None] | None = None
        self._thread: threading.Thread | None = None
        self._closed = False

    def submit(self, job: Callable[[], None]) -> None:
        with self._condition:
            self._next = job
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="coursesite-search", daemon=True)
                self._thread.start()
            self._condition.notify()

    def _run(self) -> None:
        while True:
            with self._condition:
                while self._next is None and not self._closed:
                    self._condition.wait()
                if self._closed:
                    return
                job, self._next = self._next, None
            job()

    def close(self) -> None:
        """Finish the job that runs (its Pagefind process is waited for) and drop any queued one."""
        with self._condition:
            self._closed = True
            self._next = None
            self._condition.notify()
        if self._thread is not None:
            self._thread.join()


class _NewFolders(FileSystemEventHandler):
    """Starts watching a module or chapter folder created while serving, and triggers a rebuild."""

    def __init__(self, plugin: CoursePlugin, at_root: bool) -> None:
        self.plugin = plugin
        self.at_root = at_root

    def on_created(self, event: FileSystemEvent) -> None:
        path = Path(str(event.src_path))
        server = self.plugin._server
        if not event.is_directory or server is None or path.name.startswith(".") or path.name in ASSET_FOLDERS:
            return
        if self.at_root and split_number(path.name)[0] is None:
            return  # not a module (e.g. `site/` written by a build)
        if path not in self.plugin._watched:
            server.watch(str(path), recursive=self.plugin.config.serve_watch_depth == "all")
            self.plugin._watched.add(path)
            if self.at_root:
                server.observer.schedule(_NewFolders(self.plugin, at_root=False), str(path), recursive=False)
        # The rebuild request of MkDocs' own watcher callback (mkdocs.livereload, pinned 1.6.x).
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()


class _WarnOnce(logging.Filter):
    """Each warning printed and counted once per build, however many languages log it.

    mkdocs-static-i18n builds every other language by calling MkDocs' `build()` again inside the
    first build: the same warnings are logged once per language, and each inner build counts (and
    aborts `--strict` on) its own. Here the first build's counter counts every distinct warning of
    all languages, the inner builds' counters none, and a repeated warning is not printed again.
    """

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()
        self.counter: logging.Handler | None = None

    def attach(self, first_pass: bool) -> None:
        logger = logging.getLogger("mkdocs")
        counters = [h for h in logger.handlers if isinstance(h, CountHandler)]
        if first_pass:
            self.seen = set()
            self.counter = counters[-1] if counters else None
        for handler in logger.handlers:
            if self not in handler.filters:
                handler.addFilter(self)
        for handler in counters:
            if handler is not self.counter and _count_nothing not in handler.filters:
                handler.addFilter(_count_nothing)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        key = f"{record.name}:{record.getMessage()}"
        if getattr(record, "_course_seen", None) is None:
            # The first handler to see a record decides for all of them.
            record._course_seen = key in self.seen  # type: ignore[attr-defined]
            self.seen.add(key)
        return not record._course_seen  # type: ignore[attr-defined]


def _count_nothing(record: logging.LogRecord) -> bool:
    return False


_warn_once = _WarnOnce()


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of `mkdocs serve` (keyed by name and source)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


def _resolve_jieba_dictionary(search_config, root: Path) -> None:
    """Material reads `jieba_dict_user` relative to the working directory; read it relative to
    mkdocs.yml, so `mkdocs build -f path/to/mkdocs.yml` works from anywhere."""
    user = search_config.get("jieba_dict_user")
    if user and not os.path.isabs(user) and not os.path.exists(user) and (root / user).is_file():
        search_config["jieba_dict_user"] = str(root / user)


def _language(i18n) -> str | None:
    """The language being built, None for the default one (also i18n's first, unset, pass)."""
    if i18n is None or i18n.current_language in (None, i18n.default_language):
        return None
    return i18n.current_language


def _edit_url(config: MkDocsConfig, source: str) -> str | None:
    if not config.repo_url:
        return None
    edit_uri = config.edit_uri or f"edit/{branch(config.edit_uri)}/"
    return f"{config.repo_url.rstrip('/')}/{edit_uri.strip('/')}/{quote(source)}"


def _check_folders(root: Path, stage: Path, site_dir: Path) -> None:
    """What MkDocs checks only at config load, checked again because this plugin moves docs_dir."""
    if stage == root:
        raise PluginError("course: cache_dir must not be the folder of mkdocs.yml")
    if site_dir == stage or stage in site_dir.parents or site_dir in stage.parents:
        raise PluginError(
            f"course: the staging folder {stage} and site_dir {site_dir} must not contain each other; "
            "set the plugin's cache_dir outside site_dir"
        )
