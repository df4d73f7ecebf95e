"""The course as a site: discover, check, stage, and prepare each page — with no MkDocs import.

One `CourseSite` lives as long as the process (all of `mkdocs serve`), so every rebuild after an
edit re-reads only the changed files and restages only the changed entries.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .checks import CheckSettings, run_checks
from .checks.links import assess_all
from .course.discover import Discoverer
from .course.model import Chapter, Course, Lesson, Page
from .course.names import split_number
from .course.scan import markdown_text, mask, references
from .course.text import read_source, split_lines
from .gitdates import GitDates
from .home import MARKER, module_cards
from .i18n import fallback_notice
from .images.pipeline import Figure, ImagePipeline, Summary
from .images.settings import ImageSettings, is_raster
from .images.svg import UnsafeSvg, sanitise
from .labels import label
from .lessons.decks import Deck, DeckRenderer, presentation_problem
from .lessons.outline_table import lesson_table, outline_line_range
from .lessons.subtitles import SUBTITLE_FOLDERS, BadSubtitles, Cue, read_cues, transcript_html
from .lessons.talks import Talk, atom_feed, catalogue_html, talks
from .lessons.videos import Video, player_html, usable_video
from .lessons.viewer import deck_viewer
from .linking import DECK_SUFFIXES, Outcome, encode_path
from .navigation import NavItem, build_nav
from .problems import Problem, Severity
from .references import RepoFiles, Resolution, Status, relative_to, resolve
from .rewrite import rewrite_markdown
from .stage import StagePlan, apply
from .urls import page_url

SITE_FOLDERS_NOT_STAGED = frozenset({"overrides"})
"""Folders of `docs/` that are not pages: the theme's `custom_dir`."""


@dataclass(frozen=True)
class SiteSettings:
    """Where things are, and what the checks need to know."""

    root: Path
    """The course repository (the folder of `mkdocs.yml`)."""
    docs_dir: Path
    """Site-wide pages: the home page, styles, theme overrides."""
    stage_dir: Path
    checks: CheckSettings = CheckSettings()
    images: ImageSettings | None = None
    """How figures are processed; None ships them unprocessed."""
    image_cache: Path | None = None
    deck_size_limit: int = 20_000_000
    """Decks larger than this (bytes) are not copied into the site: they link to `decks_url`."""
    talks_module: str | None = None
    """The module whose page is a catalogue of dated talks (`09Newsletters`)."""


_IFRAME = re.compile(r"""<iframe\b[^>]*?\bsrc\s*=\s*["']([^"']*)["'][^>]*>\s*(?:</iframe>)?""", re.IGNORECASE)


def _embed_iframes(text: str, masked: list[str], offset: int, language: str | None) -> tuple[str, set[Video]]:
    """Raw players in the Markdown become click-to-load players; others are removed (and reported
    by the checks). Lines are those of the source file, `offset` lines down."""
    lines = text.split("\n")
    embedded: set[Video] = set()
    for number, line in enumerate(lines[offset:], start=offset):
        source = masked[number] if number < len(masked) else ""
        if "<iframe" not in source.lower():
            continue

        def replace(m: re.Match[str]) -> str:
            video = usable_video(m.group(1))
            if video is None:
                return ""
            embedded.add(video)
            return player_html(video, language).strip()

        lines[number] = _IFRAME.sub(replace, line)
    return "\n".join(lines), embedded


def site_pages(docs: Path) -> tuple[str, ...]:
    """The pages of `docs/` in the default language, as staged (`index.md`, `CONTRIBUTING.md`)."""
    return tuple(sorted(p.name for p in docs.glob("*.md") if "." not in p.stem))


class CourseSite:
    """Everything the site engine asks of the course, kept warm between rebuilds."""

    def __init__(self, settings: SiteSettings) -> None:
        self.settings = settings
        self.root = settings.root.resolve()
        self.discoverer = Discoverer(self.root, settings.checks.languages)
        self.git = GitDates(self.root)
        self.course: Course = Course(root=self.root)
        self.problems: list[Problem] = []
        self._files = RepoFiles(self.root)
        self._chapters: dict[str, Chapter] = {}
        self._pages: dict[str, Page] = {}
        self._outcomes: dict[str, list[Outcome]] = {}
        self._assets: set[str] = set()
        """Every repository file a page references and the site must ship (figures, decks, ...)."""
        self.pipeline = (
            ImagePipeline(settings.image_cache, settings.images)
            if settings.images is not None and settings.image_cache is not None
            else None
        )
        self.figures: dict[str, Figure] = {}
        """Repository path of each processed figure -> its variants."""
        self.figures_by_url: dict[str, Figure] = {}
        """Site path of each figure's largest variant -> the figure (for the `<img>` markup)."""
        self.image_summary: Summary | None = None
        self.svgs: dict[str, Path | None] = {}
        """Repository path of each SVG figure -> its sanitised copy in the cache (None if unusable)."""
        self.decks = (
            DeckRenderer(settings.image_cache.parent / "decks") if self.pipeline is not None and settings.image_cache
            else None
        )
        self.article_decks: dict[str, str] = {}
        """Article source path -> the deck shown on its page."""
        self.deck_pages: dict[str, tuple[Deck, list[Figure]]] = {}
        """Deck path -> the rendered deck and its page pictures as processed figures."""
        self.transcripts: dict[str, list[Cue]] = {}
        """Article source path -> the cues of its lecture's subtitles."""
        self.videos: dict[str, Video] = {}
        """Article source path -> the lecture video its outline row links to."""
        self.talks: list[Talk] = []

    # -- the whole course, once per build ------------------------------------------------------

    def refresh(self) -> list[Problem]:
        """Re-discover the course, run every check and bring the staging tree up to date."""
        self._files = RepoFiles(self.root)
        self.git.refresh()
        self.course = self.discoverer.discover()
        self._chapters = {c.index.path: c for m in self.course.modules for c in m.chapters}
        self._pages = {}
        for page in self.course.pages():
            self._pages[page.path] = page
            for path in page.translations.values():
                self._pages[path] = page
        self._outcomes = assess_all(self.course, self.discoverer, self._files, self.settings.checks)
        self.problems = run_checks(self.course, self.discoverer, self._files, self.settings.checks, self._outcomes)
        self._assets = self._referenced_assets()
        if self.pipeline is not None:
            self.pipeline.begin()
        self._process_figures()
        self._render_decks()
        self._read_transcripts()
        self._find_videos()
        talks_module = self.course.module_for(self.settings.talks_module or "")
        self.talks = talks(talks_module) if talks_module is not None else []
        apply(self._plan(), self.settings.stage_dir)
        return self.problems

    def _referenced_assets(self) -> set[str]:
        """The files the course pages and the site-wide pages reference."""
        assets = {o.staged for found in self._outcomes.values() for o in found if o.staged}
        assets |= set(self._site_page_assets(self.settings.docs_dir.resolve()))
        return assets | self._localised_svgs(assets)

    def _localised_svgs(self, assets: set[str]) -> set[str]:
        """`x.en.svg` beside a referenced `x.svg`: the i18n plugin serves it to English pages in its
        place (suffix structure), so pages of every language reference `x.svg`."""
        found = set()
        for path in assets:
            if path.lower().endswith(".svg"):
                for language in self.settings.checks.languages:
                    sibling = f"{path[:-4]}.{language}.svg"
                    if (self.root / sibling).is_file():
                        found.add(sibling)
        return found

    def _process_figures(self) -> None:
        """Every raster figure a page references, through the image pipeline (cached)."""
        if self.pipeline is None:
            return
        sources = sorted(path for path in self._assets if is_raster(path))
        self.figures, self.image_summary = self.pipeline.run(self.root, sources)
        self._sanitise_svgs()
        self.figures_by_url = {
            figure.site_path(figure.largest): figure for figure in self.figures.values() if figure.largest is not None
        }
        for path, figure in sorted(self.figures.items()):
            if figure.result.error:
                self.problems.append(Problem(path, None, f"unusable figure: {figure.result.error}",
                                             "replace it with a valid PNG or JPEG; pages show a placeholder",
                                             code="bad-figure"))
            elif figure.result.note:
                self.problems.append(Problem(path, None, figure.result.note,
                                             "rename it to the extension of its format", code="misnamed-figure"))

    def _render_decks(self) -> None:
        """The deck of every lesson with an article (from the outline, or a PDF beside it), rendered."""
        if self.decks is None or self.pipeline is None:
            return
        self.article_decks = {}
        for chapter, lesson, article in self._lesson_articles():
            deck = resolve(self._files, chapter.index.path, lesson.deck) if lesson.deck else None
            if deck is not None and deck.path and deck.path.lower().endswith(DECK_SUFFIXES):
                self.article_decks.setdefault(article, deck.path)
        for module in self.course.modules:
            for chapter in module.chapters:
                for page in chapter.articles:
                    if page.lesson is not None and page.lesson.deck:
                        deck = resolve(self._files, chapter.index.path, page.lesson.deck)
                        if deck.path and deck.path.lower().endswith(DECK_SUFFIXES):
                            self.article_decks.setdefault(page.path, deck.path)
                    for suffix in (".pdf", ".pptx"):  # a PDF beside the article, else the PPTX
                        beside = page.path[:-3] + suffix
                        if self._files.kind(beside) == "file":
                            self.article_decks.setdefault(page.path, beside)
                            break
        # A deck that is no deck at all is reported by the checks (`checks.decks`), neither shown nor offered.
        self.article_decks = {article: deck for article, deck in self.article_decks.items()
                              if not (deck.lower().endswith((".pptx", ".ppt")) and presentation_problem(self.root / deck))}
        self.decks.begin()
        rendered = {path: self.decks.render(self.root, path) for path in sorted(set(self.article_decks.values()))}
        self.decks.finish()
        cache_root = self.decks.cache.root
        sources = [p.relative_to(cache_root).as_posix() for d in rendered.values() for p in d.pages]
        figures, _ = self.pipeline.run(cache_root, sources)
        self.deck_pages = {}
        for path, deck in rendered.items():
            if deck.error:
                self.problems.append(Problem(path, None, f"slide deck cannot be shown: {deck.error}",
                                             "export the deck to PDF again", code="bad-deck",
                                             severity=Severity.INFO if path.lower().endswith((".pptx", ".ppt"))
                                             and not deck.unconvertible else Severity.WARNING))
                self._assets.add(path)  # still offered as a download
                continue
            pages = [figures[p.relative_to(cache_root).as_posix()] for p in deck.pages]
            self.deck_pages[path] = (deck, [f for f in pages if f.largest is not None])
            self._assets.add(path)  # the PDF itself, for the download link (unless too large)

    def _read_transcripts(self) -> None:
        """Subtitles matched to articles by lesson number (`srt/01.srt`) or by name (`srt/01Roofline.srt`)."""
        self.transcripts = {}
        for module in self.course.modules:
            for chapter in module.chapters:
                by_number = {a.number: a.path for a in chapter.articles if a.number is not None}
                for _, lesson, article in self._lesson_articles(chapter):
                    if lesson.number is not None:
                        by_number.setdefault(lesson.number, article)
                by_stem = {posixpath.basename(a.path)[:-3]: a.path for a in chapter.articles}
                for folder in SUBTITLE_FOLDERS:
                    for srt_file in sorted((self.root / chapter.path / folder).glob("*.srt")):
                        stem = srt_file.stem
                        article = by_stem.get(stem) or by_number.get(split_number(stem)[0])
                        if article is None or article in self.transcripts:
                            continue
                        path = srt_file.relative_to(self.root).as_posix()
                        source = read_source(self.root, path)  # its encoding is judged by `checks.sources`
                        try:
                            self.transcripts[article] = read_cues(source.text)
                        except BadSubtitles as error:
                            self.problems.append(Problem(path, None, f"subtitles cannot be read: {error}",
                                                         "save them as SubRip (.srt) in UTF-8", code="bad-subtitles"))

    def _find_videos(self) -> None:
        """The video of each lesson whose outline row links both an article and a usable video."""
        self.videos = {}
        lesson_pages = [(None, p.lesson, p.path) for p in self.course.pages() if p.lesson is not None]
        for _, lesson, article in [*self._lesson_articles(), *lesson_pages]:
            video = usable_video(lesson.video)
            if video is not None:
                self.videos.setdefault(article, video)

    def _lesson_articles(self, only: Chapter | None = None) -> Iterator[tuple[Chapter, Lesson, str]]:
        """Each outline lesson whose article link leads to a page of the course, with that page's path."""
        chapters = [only] if only else [c for m in self.course.modules for c in m.chapters]
        for chapter in chapters:
            for lesson in chapter.lessons:
                if lesson.article:
                    article = resolve(self._files, chapter.index.path, lesson.article)
                    if article.path in self._pages:
                        yield chapter, lesson, article.path

    def _deck_folder(self, deck: str) -> str:
        """Where a deck's page pictures are published: `01Roofline.pdf` -> `01Roofline-slides/`."""
        folder, name = posixpath.split(deck)
        return posixpath.join(folder, name.rsplit(".", 1)[0] + "-slides")

    def _large_deck(self, path: str) -> bool:
        return path.lower().endswith(DECK_SUFFIXES) and (self.root / path).stat().st_size > self.settings.deck_size_limit

    def _sanitise_svgs(self) -> None:
        """Every referenced SVG, without scripts, from a content-addressed copy in the cache."""
        assert self.settings.image_cache is not None
        self.svgs = {}
        for path in sorted(p for p in self._assets if p.lower().endswith(".svg")):
            data = (self.root / path).read_bytes()
            try:
                clean, removed = sanitise(data)
            except UnsafeSvg as error:
                self.svgs[path] = None
                self.problems.append(Problem(path, None, f"unusable SVG figure: {error}",
                                             "export the drawing again as plain SVG; pages show a placeholder",
                                             code="bad-figure"))
                continue
            if removed:
                self.problems.append(Problem(path, None, f"{removed} script element(s) or event attribute(s) removed",
                                             "remove scripts and event handlers from the SVG", code="svg-script"))
            target = self.settings.image_cache / "svg" / f"{hashlib.sha256(clean).hexdigest()[:32]}.svg"
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                tmp.write_bytes(clean)
                os.replace(tmp, target)
            self.svgs[path] = target

    def _stage_asset(self, plan: StagePlan, path: str) -> None:
        """A figure is staged as its variants (never the original), an SVG as its sanitised copy,
        any other asset as itself."""
        if path in self.svgs:
            if self.svgs[path] is not None:
                plan.add_link(path, self.svgs[path])
            return
        if self._large_deck(path):
            return  # linked to the published decks instead
        if path in self.deck_pages:
            folder = self._deck_folder(path)
            for page in self.deck_pages[path][1]:
                for variant in page.result.variants:
                    plan.add_link(posixpath.join(folder, page.name(variant)), page.entry / variant.file)
        figure = self.figures.get(path)
        if figure is None:
            plan.add_link(path, self.root / path)
            return
        for variant in figure.result.variants:
            plan.add_link(figure.site_path(variant), figure.entry / variant.file)

    def _retarget_assets(self, outcomes: list[Outcome], source: str) -> list[Outcome]:
        """Point references to processed figures at their largest variant (or a placeholder), and
        to decks too large to publish at the published decks."""
        out = []
        for outcome in outcomes:
            figure = self.figures.get(outcome.staged or "")
            if figure is not None and figure.largest is not None:
                largest = figure.site_path(figure.largest)
                outcome = replace(outcome, target=encode_path(relative_to(largest, source)))
            elif figure is not None or (outcome.staged in self.svgs and self.svgs[outcome.staged] is None):
                outcome = replace(outcome, target=None, unlink=True)
            elif outcome.staged and self._large_deck(outcome.staged):
                url = self.settings.checks.decks_url
                outcome = replace(outcome, target=url, unlink=url is None)
            out.append(outcome)
        return out

    def _plan(self) -> StagePlan:
        plan = StagePlan()
        docs = self.settings.docs_dir.resolve()
        for entry in sorted(docs.iterdir()):
            if entry.name not in SITE_FOLDERS_NOT_STAGED and not entry.name.startswith("."):
                plan.add_link(entry.name, entry)
        for path in self._outcomes:
            plan.add_link(path, self.root / path)
        for path in sorted(self._assets):
            self._stage_asset(plan, path)
        for page in self.course.pages():
            if page.generated:
                plan.generated[page.path] = self._generated_page(page)
        return plan

    def _site_page_assets(self, docs: Path) -> list[str]:
        """Repository files (e.g. the course-wide `images/`) referenced by the site-wide pages.

        A page of `docs/` is staged at the root, beside the module folders, so its relative
        references are resolved as if it sat at the repository root.
        """
        found = []
        for md in sorted(docs.glob("*.md")):
            document = self.discoverer.reader.read(md.relative_to(self.root).as_posix())
            for ref in document.references:
                staged = posixpath.normpath(ref.target.split("#")[0]) if ref.target else ""
                if (
                    staged
                    and not staged.startswith("..")
                    and "://" not in ref.target
                    and self._files.kind(staged) == "file"
                    and not (docs / staged).exists()
                ):
                    found.append(staged)
        return found

    def _generated_page(self, page: Page) -> str:
        """A module or chapter page for a folder without README: its title and what is inside. (A
        lesson page's body is written per language when it is rendered.)"""
        if page.lesson is not None:
            return f"# {markdown_text(page.title)}\n"
        folder = posixpath.dirname(page.path)
        module = next((m for m in self.course.modules if m.index is page), None)
        chapter = next((c for c in self._chapters.values() if c.index is page), None)
        lines = [f"# {markdown_text(page.title)}", "", label(None, "generated_intro"), ""]
        children: list[Page] = []
        if module is not None:
            children = [*module.articles, *(c.index for c in module.chapters)]
        elif chapter is not None:
            children = chapter.articles
        for child in children:
            lines.append(f"- [{markdown_text(child.title)}]({posixpath.relpath(child.path, folder)})")
        return "\n".join(lines) + "\n"

    # -- per build and language ----------------------------------------------------------------

    def nav(self, language: str | None) -> list[NavItem]:
        """The navigation for one language (None is the default language)."""
        docs = self.settings.docs_dir
        extra = sorted(
            p.name
            for p in docs.glob("*.md")
            if p.name != "index.md" and "." not in p.stem
        )
        return build_nav(self.course, language, "index.md", extra)

    def _lesson_page(self, page: Page, staged: str, language: str | None, html_prefix: str) -> str:
        """A lesson taught with slides and video only: its title, the player, the deck, the transcript."""
        parts = [f"# {markdown_text(page.title_in(language))}\n"]
        if page.path in self.videos:
            parts.append(player_html(self.videos[page.path], language))
        deck = self.deck_pages.get(self.article_decks.get(page.path, ""))
        if deck is not None:
            parts.append(self._viewer(page.path, staged, deck, language, html_prefix))
        elif page.path in self.article_decks and not self._large_deck(self.article_decks[page.path]):
            # A deck that cannot be shown (a PPTX without LibreOffice) is still a download.
            download = html_prefix + encode_path(posixpath.relpath(self.article_decks[page.path],
                                                                  posixpath.dirname(staged)))
            parts.append(f'\n<p><a href="{download}" download>{label(language, "outline_deck")}</a></p>\n')
        elif page.lesson is not None and page.lesson.deck:
            url = self.settings.checks.decks_url
            parts.append(f"\n[{label(language, 'outline_deck')}]({url})\n" if url
                         else f"\n{label(language, 'outline_unpublished')}\n")
        if page.path in self.transcripts:
            parts.append(transcript_html(self.transcripts[page.path], language))
        return "\n".join(parts)

    def _normalised_outline(self, text: str, masked: list[str], chapter: Chapter, language: str | None) -> str:
        """The chapter README's outline tables replaced by one clean lesson table."""
        span = outline_line_range(masked, chapter.lessons)
        if span is None:
            return text
        readme = chapter.index.path
        lesson_pages = {id(p.lesson): p.path for p in chapter.articles if p.lesson is not None}
        rows = []
        for lesson in chapter.lessons:
            article = resolve(self._files, readme, lesson.article) if lesson.article else None
            article_path = article.path if article is not None and article.path in self._pages else None
            article_path = article_path or lesson_pages.get(id(lesson))
            article_link = encode_path(relative_to(article_path, readme)) if article_path else None
            rows.append((lesson, article_link, self._deck_link(readme, lesson.deck),
                         lesson.video if usable_video(lesson.video) else None,
                         f"{article_link}#transcript" if article_path in self.transcripts else None))
        lines = text.split("\n")
        start, end = span
        lines[start - 1 : end] = lesson_table(rows, language).rstrip("\n").split("\n")
        return "\n".join(lines)

    def _catalogue(self, staged: str, language: str | None, html_prefix: str) -> str:
        # Page links stay in the reader's language tree (relative to this page's own address); the
        # feed is published once, beside the default-language pages (`html_prefix`).
        here = page_url(staged.replace(".en.md", ".md")) or "."
        links = {t.page: encode_path(posixpath.relpath(page_url(t.page), here)) + "/" for t in self.talks if t.page}
        return catalogue_html(self.talks, links, language, html_prefix + "feed.xml")

    def talk_feed(self, site_url: str, title: str) -> bytes | None:
        """The Atom feed of the talk catalogue, or None when there is no catalogue."""
        if not self.talks or not self.settings.talks_module:
            return None
        urls = {t.page: page_url(t.page) for t in self.talks if t.page}
        return atom_feed(self.talks, site_url, urls, f"{self.settings.talks_module}/", title)

    def _deck_link(self, readme: str, deck: str | None) -> str | None:
        """Where a lesson's deck can be had: the PDF on the site, else the published decks."""
        if not deck:
            return None
        found = resolve(self._files, readme, deck)
        if found.path and not self._large_deck(found.path):
            return encode_path(relative_to(found.path, readme))
        return self.settings.checks.decks_url

    def _viewer(self, article: str, staged: str, deck_and_pages: tuple[Deck, list[Figure]], language: str | None,
                html_prefix: str) -> str:
        deck, pages = deck_and_pages
        folder = self._deck_folder(deck.source)
        source_dir = posixpath.dirname(staged)

        def url(site_path: str) -> str:
            return html_prefix + encode_path(posixpath.relpath(site_path, source_dir))

        items = []
        for page in pages:
            small, large = page.result.variants[0], page.result.variants[-1]
            items.append((url(posixpath.join(folder, page.name(small))), url(posixpath.join(folder, page.name(large))),
                          small.width, small.height))
        download = (self.settings.checks.decks_url or "") if self._large_deck(deck.source) else url(deck.source)
        return deck_viewer(items, download, deck.size, language, gallery=posixpath.basename(folder))

    def _site_page_markdown(self, staged: str, markdown: str, language: str | None) -> str:
        """A page of `docs/`: the module cards on the home page, figures pointed at their variants."""
        if MARKER in markdown:
            markdown = markdown.replace(MARKER, module_cards(self.course, language))
        if not self.figures:
            return markdown
        masked = mask(markdown)
        outcomes = []
        for ref in references(masked):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(staged), ref.target.split("#")[0]))
            if ref.is_image and path in self.figures:
                outcomes.append(Outcome(ref, Resolution(Status.OK, path=path), staged=path))
        return rewrite_markdown(markdown, masked, None, self._retarget_assets(outcomes, staged), "")

    def page_source(self, staged: str, language: str | None) -> str | None:
        """The Markdown MkDocs should read for a course page (None for a page of `docs/`): the
        file as the checks read it, so both agree on its text and lines. A refused front matter
        block is blanked (the page is built without it); a page over a limit becomes a notice.
        Generated pages are read from the staging tree as MkDocs would."""
        page = self._pages.get(staged)
        if page is None or (page.generated and staged == page.path):
            return None
        document = self.discoverer.reader.read(staged)
        if document.too_large:
            title = page.title if staged == page.path else next(
                (page.translated_titles[lang] for lang, path in page.translations.items() if path == staged), page.title)
            return f"# {markdown_text(title)}\n\n!!! warning \"\"\n\n    {label(language, 'too_large')}\n"
        return document.text

    def page_title(self, staged: str, language: str | None) -> str | None:
        """The plain-text title of a course page in `language` (None for a page of `docs/`)."""
        page = self._pages.get(staged)
        return page.title_in(language) if page is not None else None

    def source_path(self, staged_abs: str) -> str | None:
        """The repository file behind a staged file, for edit links; None for generated pages."""
        real = Path(staged_abs).resolve()
        stage = self.settings.stage_dir.resolve()
        if real == stage or stage in real.parents:
            return None
        try:
            return real.relative_to(self.root).as_posix()
        except ValueError:
            return None

    def last_changed(self, source: str) -> int | None:
        return self.git.last_changed(source)

    def is_fallback(self, staged: str, language: str | None) -> bool:
        """True when `staged` is shown on the `language` site for want of a translation."""
        page = self._pages.get(staged)
        return (bool(language) and page is not None and not page.generated and staged == page.path
                and language not in page.translations)

    def page_markdown(
        self,
        staged: str,
        markdown: str,
        language: str | None,
        html_prefix: str,
        original_url: str = "",
        help_url: str | None = None,
        front_video: str | None = None,
    ) -> str:
        """The Markdown of one page as the renderer should see it (the source file is untouched).

        On the site of another language, a page without translation gets a notice linking to
        `original_url` (the Chinese page) and `help_url` (where to start the translation).
        `front_video` is a `video:` address from the page's front matter.
        """
        page = self._pages.get(staged)
        if page is None:
            return self._site_page_markdown(staged, markdown, language)
        if page.lesson is not None:
            return self._lesson_page(page, staged, language, html_prefix)
        if page.generated:
            return markdown
        document = self.discoverer.reader.read(staged)
        if document.too_large:
            return markdown  # the notice of `page_source`
        # MkDocs hands over the text without front matter; pad it so line numbers match the file.
        offset = max(len(document.masked) - len(split_lines(markdown)), 0)
        text = rewrite_markdown(
            "\n" * offset + markdown,
            document.masked,
            document.title,
            self._retarget_assets(self._outcomes[staged], staged),
            html_prefix,
        )
        deck = self.deck_pages.get(self.article_decks.get(page.path, ""))
        if deck is not None:
            text = text.rstrip("\n") + self._viewer(page.path, staged, deck, language, html_prefix)
        if page.path in self.transcripts:
            text = text.rstrip("\n") + transcript_html(self.transcripts[page.path], language)
        chapter = self._chapters.get(staged)
        if chapter is not None and chapter.lessons:
            text = self._normalised_outline(text, document.masked, chapter, language)
        text, embedded = _embed_iframes(text, document.masked, offset, language)
        video = usable_video(front_video) or self.videos.get(page.path)
        if self.talks and page.path == f"{self.settings.talks_module}/README.md":
            text = text.rstrip("\n") + self._catalogue(staged, language, html_prefix)
        notices = []
        if video is not None and video not in embedded:
            notices.append(player_html(video, language).strip() + "\n")
        if language and self.is_fallback(staged, language):
            notices.append(fallback_notice(language, original_url, help_url))
        chapter = self._chapters.get(page.path)
        if chapter is not None and chapter.slides_only:
            notices.append(f'!!! info ""\n\n    {label(language, "slides_only")}\n')
        if notices:
            # Under the title (or at the top of a page without one), before the padding is removed.
            lines = text.split("\n")
            lines.insert(document.title.line if document.title else offset, "\n" + "\n".join(notices))
            text = "\n".join(lines)
        return text.split("\n", offset)[-1] if offset else text
