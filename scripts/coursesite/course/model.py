"""The course as data: modules, chapters, lessons and the Markdown pages behind them.

Paths are repository-relative POSIX strings throughout, because they are what an author sees, what
an edit link needs and what a Problem names; the staging tree mirrors them one to one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Page:
    """One Markdown source that becomes a page of the site (an article or a README)."""

    path: str
    """Source path of the default-language file, e.g. `01AIChip/01Foundation/02ArchSlim.md`."""
    title: str
    """Cleaned H1 of the default-language file (or a fallback when it has none)."""
    number: int | None = None
    translations: dict[str, str] = field(default_factory=dict)
    """Language -> source path of its translation, e.g. {"en": ".../02ArchSlim.en.md"}."""
    translated_titles: dict[str, str] = field(default_factory=dict)
    generated: bool = False
    """True for a page the generator writes: a module or chapter page for a folder with no README,
    or the page of a lesson taught with slides and video only."""
    lesson: Lesson | None = None
    """For a generated lesson page: the outline row it presents."""

    def title_in(self, language: str | None) -> str:
        """The title a reader of `language` sees: the translation's H1 where there is one."""
        return self.translated_titles.get(language or "", self.title)


@dataclass
class Lesson:
    """One row of a chapter's outline table: a numbered lesson with its article, deck and video."""

    title: str
    line: int
    """Line of the row in the chapter README."""
    number: int | None = None
    part: str = ""
    """The outline's first column (大纲): the part of the chapter this lesson belongs to."""
    article: str | None = None
    """Link target as written, e.g. `./02ArchSlim.md`."""
    deck: str | None = None
    video: str | None = None
    empty_links: list[str] = field(default_factory=list)
    """Labels of links written with an empty target, e.g. `PPT` for `[PPT]()`."""


@dataclass
class Chapter:
    """A numbered folder inside a module: a README, its articles and its lesson outline."""

    path: str
    name: str
    number: int | None
    index: Page
    articles: list[Page] = field(default_factory=list)
    lessons: list[Lesson] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.index.title

    @property
    def slides_only(self) -> bool:
        """A chapter taught with decks and videos only: lessons in its outline, no article written."""
        return bool(self.lessons) and all(article.generated for article in self.articles)


@dataclass
class Module:
    """A top-level numbered folder of the course, e.g. `01AIChip`."""

    path: str
    number: int | None
    index: Page
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Page] = field(default_factory=list)
    """Articles directly in the module folder (some modules have no chapters)."""

    @property
    def title(self) -> str:
        return self.index.title

    def pages(self) -> list[Page]:
        """Every page of the module in reading order."""
        out = [self.index, *self.articles]
        for chapter in self.chapters:
            out.extend([chapter.index, *chapter.articles])
        return out


@dataclass
class AnnouncedModule:
    """A module the course overview announces, whether or not it has content yet."""

    number: int | None
    title: str
    summary: str
    folder: str | None
    """The module folder the overview links to, or None for an announced, unpublished module."""


@dataclass
class Course:
    """The whole course as discovered from the repository."""

    root: Path
    modules: list[Module] = field(default_factory=list)
    announced: dict[str, list[AnnouncedModule]] = field(default_factory=dict)
    """Per language, the modules the overview table announces, in its order."""
    refused: list[str] = field(default_factory=list)
    """Symlinks in the course folders that lead outside the repository: never read, never published."""
    collisions: list[tuple[str, str]] = field(default_factory=list)
    """(source not built, source built) for two sources that would be published at one address."""

    def pages(self) -> list[Page]:
        return [page for module in self.modules for page in module.pages()]

    def module_for(self, folder: str) -> Module | None:
        return next((m for m in self.modules if m.path == folder), None)
