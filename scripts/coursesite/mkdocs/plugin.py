"""MkDocs events for the course site: a thin adapter over `coursesite.site.CourseSite`.

Order matters with mkdocs-static-i18n (priority -100 on every event, and every build event runs
once per language): `on_config` runs before it (priority 0) so the staging tree is its `docs_dir`
and the generated `nav` is in place for each language.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from ..checks import CheckSettings
from ..repository import blob_url, branch
from ..course.discover import ASSET_FOLDERS
from ..problems import Severity
from ..site import CourseSite, SiteSettings
from .config import CourseConfig

log = get_plugin_logger(__name__)


class CoursePlugin(BasePlugin[CourseConfig]):
    """Builds the site from the module folders. Defining `on_startup` keeps one instance (and its
    warm course model) across all rebuilds of `mkdocs serve`."""

    def __init__(self) -> None:
        self.site: CourseSite | None = None
        self.docs_dir: Path | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Nothing to start; its presence alone makes MkDocs keep this instance between rebuilds."""

    # -- configuration: stage the course, generate the navigation ---------------------------------

    @event_priority(0)
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
        if self.site is None or self.site.root != root.resolve():
            self.site = CourseSite(self._settings(root, stage, config, i18n))
        if not (i18n is not None and getattr(i18n, "building", False)):
            # Once per build, not once per language: discover, check, restage.
            for problem in self.site.refresh():
                (log.warning if problem.severity == Severity.WARNING else log.info)(problem.format())
        config.docs_dir = str(stage)
        config.nav = self.site.nav(language)
        return config

    def _settings(self, root: Path, stage: Path, config: MkDocsConfig, i18n) -> SiteSettings:
        languages = tuple(
            lang.locale for lang in (i18n.config.languages if i18n else []) if not lang.default
        ) or ("en",)
        slugify = config.mdx_configs.get("toc", {}).get("slugify")
        checks = CheckSettings(
            languages=languages,
            decks_url=self.config.decks_url,
            repo_blob_url=blob_url(config.repo_url, config.edit_uri),
            **({"slugify": slugify} if callable(slugify) else {}),
        )
        assert self.docs_dir is not None
        return SiteSettings(root=root, docs_dir=self.docs_dir, stage_dir=stage, checks=checks)

    # -- pages: corrected Markdown, edit link to the real source, date from git -------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files) -> str | None:
        if not self.config.enabled or self.site is None:
            return None
        file = page.file
        is_index = file.name in ("index", "README")
        prefix = "../" if config.use_directory_urls and not is_index else ""
        language = _language(config.plugins.get("i18n"))
        source = self.site.source_path(file.abs_src_path or "")
        page.edit_url = _edit_url(config, source) if source and (self.site.root / source).is_file() else None
        if source:
            changed = self.site.last_changed(source)
            if changed is not None:
                page.meta["revision_date"] = dt.datetime.fromtimestamp(changed, dt.timezone.utc).date().isoformat()
        return self.site.page_markdown(file.src_uri, markdown, language, prefix)

    # -- serving: watch the Markdown, not the staging tree or gigabytes of figures ----------------

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        if not self.config.enabled or self.site is None:
            return server
        server.unwatch(config.docs_dir)
        assert self.docs_dir is not None
        server.watch(str(self.docs_dir))
        root = self.site.root
        server.watch(str(root), recursive=False)
        for module in self.site.course.modules:
            module_dir = root / module.path
            if self.config.serve_watch_depth == "all":
                server.watch(str(module_dir))
                continue
            server.watch(str(module_dir), recursive=False)
            for entry in os.scandir(module_dir):
                if entry.is_dir() and entry.name not in ASSET_FOLDERS and not entry.name.startswith("."):
                    server.watch(entry.path, recursive=False)
        return server


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
