"""Discover the course from its folders: no hand-kept list of modules, chapters or articles.

A module is a top-level folder whose name starts with a number and that holds Markdown; a chapter
is a sub-folder holding Markdown; an article is any other Markdown file beside a chapter README.
Folders that are assets rather than content (figures, covers, subtitles, drawing sources and the
vendored third-party projects under `code/`) are never walked for pages.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ..problems import Problem
from .front_matter import FrontMatter, read_front_matter
from .model import AnnouncedModule, Chapter, Course, Lesson, Module, Page
from .names import humanize, sort_key, split_number, stem_and_language
from .outline import LINK, is_delimiter, parse_outline, split_cells, table_blocks
from .scan import Heading, Reference, first_h1, headings, mask, plain_title, references
from .text import normalise_newlines, read_source

ASSET_FOLDERS = frozenset(
    {"images", "image", "img", "code", "cover", "covers", "srt", "str", "src", "sources", "assets"}
)
"""Folder names that hold assets, never pages. `code/` may hold a whole vendored project."""
INDEX_FILES = ("README", "index")
"""Names of a folder's own page, the preferred one first."""
MAX_PAGE_BYTES = 1_000_000
"""One page's source, at most: the course's longest is about 20 KB. A larger one is not built."""
MAX_HEADINGS = 1_000
"""Headings per page, at most (the course's pages have up to 20): each costs the table of
contents, the search index and the anchor checks time; 20,000 took a minute and 440 MB."""


@dataclass
class Document:
    """What the generator needs from one Markdown file, read once and reused until it changes."""

    path: str
    masked: list[str]
    title: Heading | None
    references: list[Reference]
    headings: list[Heading]
    lessons: list[Lesson]
    stamp: tuple[int, int]
    text: str = ""
    """The file's text as the site reads it (newlines normalised, replacement characters where
    it was not UTF-8); a refused front matter block or a page over a limit is not in it."""
    front_matter: FrontMatter = field(default_factory=FrontMatter)
    problems: list[Problem] = field(default_factory=list)
    """What is wrong with the file as a file: encoding, front matter, size."""
    too_large: bool = False
    """Over a limit: the site shows a notice instead of the page."""


class SourceReader:
    """Reads and scans Markdown files, keeping each result until the file's size or mtime changes.

    `mkdocs serve` rebuilds after every edit; re-reading only the edited file keeps discovery of the
    whole course to a few milliseconds.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._documents: dict[str, Document] = {}

    def read(self, path: str) -> Document:
        full = self.root / path
        st = full.stat()
        stamp = (st.st_mtime_ns, st.st_size)
        cached = self._documents.get(path)
        if cached is not None and cached.stamp == stamp:
            return cached
        problems: list[Problem] = []
        if st.st_size > MAX_PAGE_BYTES:
            problems.append(Problem(path, None, f"the file is {st.st_size / 1e6:.1f} MB, over the limit of "
                                    f"{MAX_PAGE_BYTES / 1e6:.0f} MB for one page; it is not built",
                                    "split it into several articles", code="page-too-large"))
            document = Document(path, [], None, [], [], [], stamp, problems=problems, too_large=True)
            self._documents[path] = document
            return document
        source = read_source(self.root, path)
        if source.problem is not None:
            problems.append(source.problem)
        text = normalise_newlines(source.text)
        front = read_front_matter(text, path)
        if front.problem is not None:
            problems.append(front.problem)
        # The scanners never see front matter: a `# comment` in YAML is no title.
        body = "\n" * front.lines + text.split("\n", front.lines)[-1] if front.lines else text
        masked = mask(body)
        found = headings(masked)
        too_large = len(found) > MAX_HEADINGS
        if too_large:
            problems.append(Problem(path, found[MAX_HEADINGS].line, f"the page has {len(found)} headings, over the "
                                    f"limit of {MAX_HEADINGS} for one page; it is not built",
                                    "split it into several articles", code="page-too-large"))
            found = found[:MAX_HEADINGS]
        document = Document(
            path=path,
            masked=masked,
            title=first_h1(masked),
            references=references(masked),
            headings=found,
            lessons=parse_outline(masked) if full.name.startswith(INDEX_FILES) else [],
            stamp=stamp,
            text=body if front.problem is not None else text,
            front_matter=front,
            problems=problems,
            too_large=too_large,
        )
        self._documents[path] = document
        return document


def _sorted_entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: sort_key(e.name))
    except OSError:
        return []


class Discoverer:
    """Builds the Course model; keep one per process so unchanged files are not re-read."""

    def __init__(self, root: Path, languages: tuple[str, ...] = ("en",), overview: str = "README.md") -> None:
        self.root = root.resolve()
        self.languages = languages
        """Languages other than the default one: a file `x.<lang>.md` is a translation of `x.md`."""
        self.overview = overview
        self.reader = SourceReader(self.root)

    def discover(self) -> Course:
        self._refused: set[str] = set()
        self._collisions: list[tuple[str, str]] = []
        course = Course(root=self.root)
        for entry in self._listdir(self.root, lambda name: split_number(name)[0] is not None):
            name = entry.name
            if not entry.is_dir():
                continue
            if self._has_markdown(Path(entry.path)):
                course.modules.append(self._module(name))
        course.announced = self._announced(course)
        course.refused = sorted(self._refused)
        course.collisions = self._collisions
        return course

    def _listdir(self, folder: Path, wanted=lambda name: True) -> list[os.DirEntry[str]]:
        """A folder's `wanted` entries in course order, without hidden ones (`.git`, `.venv`) and
        without symlinks that lead out of the repository (those are remembered, to be reported:
        nothing outside the repository is published)."""
        kept = []
        for entry in _sorted_entries(folder):
            if entry.name.startswith(".") or not wanted(entry.name):
                continue
            if entry.is_symlink():
                real = Path(os.path.realpath(entry.path))
                if real != self.root and self.root not in real.parents:
                    self._refused.add(Path(entry.path).relative_to(self.root).as_posix())
                    continue
            kept.append(entry)
        return kept

    def _markdown_files(self, folder: Path) -> list[str]:
        return [e.name for e in self._listdir(folder) if e.is_file() and e.name.lower().endswith(".md")]

    def _has_markdown(self, folder: Path) -> bool:
        """True when the folder or one of its non-asset sub-folders holds Markdown."""
        entries = self._listdir(folder)
        if any(e.is_file() and e.name.lower().endswith(".md") for e in entries):
            return True
        return any(
            e.is_dir() and e.name not in ASSET_FOLDERS and not e.name.startswith(".")
            and self._markdown_files(Path(e.path))
            for e in entries
        )

    def _pages(self, folder: str) -> tuple[Page | None, list[Page]]:
        """The index page and the articles of a folder, translations attached to their originals."""
        groups: dict[str, dict[str | None, str]] = {}
        for filename in self._markdown_files(self.root / folder):
            stem, language = stem_and_language(filename, self.languages)
            groups.setdefault(stem, {})[language] = f"{folder}/{filename}" if folder else filename
        index: Page | None = None
        articles: list[Page] = []
        published: dict[str, str] = {}
        """Address (the folder's own, or a page's name with percent-escapes decoded) -> source."""
        stems = sorted(groups, key=lambda s: (s not in INDEX_FILES, INDEX_FILES.index(s) if s in INDEX_FILES else 0,
                                              sort_key(s)))
        for stem in stems:
            variants = groups[stem]
            address = "" if stem in INDEX_FILES else unquote(stem)
            first = variants.get(None) or next(iter(variants.values()))
            if address in published:
                self._collisions.append((first, published[address]))
                continue
            published[address] = first
            original = variants.get(None)
            if original is None:
                # A translation without its original: show it, under its own name.
                language, original = next(iter(variants.items()))
                variants = {None: original}
            page = Page(path=original, title=self._title(original, stem), number=split_number(stem)[0])
            for language, path in variants.items():
                if language is not None:
                    page.translations[language] = path
                    page.translated_titles[language] = self._title(path, stem)
            if stem in INDEX_FILES:
                index = page
            else:
                articles.append(page)
        return index, articles

    def _title(self, path: str, fallback: str) -> str:
        document = self.reader.read(path)
        front = document.front_matter.data.get("title")
        if isinstance(front, str) and front.strip():
            return " ".join(front.split())  # already text: shown as written, escaped where written
        heading = document.title
        return plain_title(heading.text) if heading else humanize(fallback)

    def _module(self, name: str) -> Module:
        index, articles = self._pages(name)
        module = Module(path=name, number=split_number(name)[0], index=index or self._generated(name), articles=articles)
        for entry in self._listdir(self.root / name):
            if not entry.is_dir() or entry.name in ASSET_FOLDERS or entry.name.startswith("."):
                continue
            chapter_path = f"{name}/{entry.name}"
            chapter_index, chapter_articles = self._pages(chapter_path)
            if chapter_index is None and not chapter_articles:
                continue
            if chapter_index is None:
                chapter_index = self._generated(chapter_path)
            lessons = [] if chapter_index.generated else self.reader.read(chapter_index.path).lessons
            module.chapters.append(
                Chapter(
                    path=chapter_path,
                    name=entry.name,
                    number=split_number(entry.name)[0],
                    index=chapter_index,
                    articles=sorted(chapter_articles + _lesson_pages(chapter_path, lessons, chapter_articles),
                                    key=lambda page: sort_key(page.path.rsplit("/", 1)[-1])),
                    lessons=lessons,
                )
            )
        # A page beside a chapter folder of the same name would take the chapter's address.
        chapters = {unquote(c.name): c.index.path for c in module.chapters}
        for article in list(module.articles):
            chapter = chapters.get(unquote(article.path.rsplit("/", 1)[-1][:-3]))
            if chapter is not None:
                module.articles.remove(article)
                self._collisions.append((article.path, chapter))
        return module

    @staticmethod
    def _generated(folder: str) -> Page:
        name = folder.rsplit("/", 1)[-1]
        return Page(path=f"{folder}/README.md", title=humanize(name), number=split_number(name)[0], generated=True)

    def _announced(self, course: Course) -> dict[str, list[AnnouncedModule]]:
        """The modules the overview table announces, per language (`README.md`, `README.en.md`)."""
        announced: dict[str, list[AnnouncedModule]] = {}
        stem = self.overview.rsplit(".", 1)[0]
        for language in (None, *self.languages):
            name = self.overview if language is None else f"{stem}.{language}.md"
            if not (self.root / name).is_file():
                continue
            rows = _overview_rows(self.reader.read(name).masked)
            if rows:
                announced[language or ""] = rows
        if "" not in announced:
            announced[""] = [
                AnnouncedModule(m.number, m.title, "", m.path) for m in course.modules
            ]
        return announced


def _lesson_pages(chapter: str, lessons: list[Lesson], articles: list[Page]) -> list[Page]:
    """A generated page for each lesson taught with slides or video only (no article link), named
    after its deck (`01First.pdf` -> `01First.md`) or its number (`01Lesson.md`)."""
    taken = {page.path for page in articles}
    pages = []
    for lesson in lessons:
        if lesson.article or not (lesson.deck or lesson.video):
            continue
        stem = lesson.deck.rsplit("/", 1)[-1].rsplit(".", 1)[0] if lesson.deck else f"{lesson.number or 0:02d}Lesson"
        path = f"{chapter}/{stem}.md"
        if path in taken or not stem:
            continue
        taken.add(path)
        title = lesson.title or stem
        pages.append(Page(path=path, title=title, number=lesson.number, generated=True, lesson=lesson))
    return pages


def _overview_rows(masked: list[str]) -> list[AnnouncedModule]:
    """Rows of the course overview table: `| 01. AI 芯片原理(完结) | 简介 | [[Slides](./01AIChip/)] |`."""
    for block in table_blocks(masked):
        rows = [split_cells(line) for _, line in block]
        body = [cells for cells in rows[1:] if not is_delimiter(cells) and any(cells)]
        modules = []
        for cells in body:
            number, title = split_number(re.sub(r"^[.\s]+", "", cells[0]))
            if number is None:
                continue
            title = plain_title(title.lstrip(". "))
            summary = cells[1].strip() if len(cells) > 2 else ""
            folder = None
            for _, target in LINK.findall(" ".join(cells[1:])):
                target = target.strip().strip("./").strip("/")
                if target and "://" not in target:
                    folder = target.split("/")[0]
            modules.append(AnnouncedModule(number, title, summary, folder))
        if modules:
            return modules
    return []
