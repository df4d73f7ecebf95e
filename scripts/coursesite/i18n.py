"""The second language: translation coverage and staleness, fallback notices, per-language search.

Chinese is the course's language; English pages are `x.en.md` twins. A page without a twin is shown
on the English site in Chinese under an English notice, so nothing is lost, and the translation
report tells authors what is missing and what went stale (the Chinese source changed after the
translation was last committed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from .course.model import Course, Page
from .labels import label

FALLBACK_CLASS = "course-fallback"
"""Class of the notice on a page shown in another language: search marks such results."""


class Status(str, Enum):
    TRANSLATED = "translated"
    STALE = "stale"
    MISSING = "missing"


@dataclass
class Entry:
    """One page's translation state in one language."""

    source: str
    title: str
    status: Status
    translation: str | None = None


@dataclass
class Section:
    """A module or a chapter, with the translation state of its pages."""

    path: str
    title: str
    entries: list[Entry] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(e.status == status for e in self.entries)

    @property
    def coverage(self) -> float:
        """Share of pages with a translation (stale ones included: they exist, they need work)."""
        return (len(self.entries) - self.count(Status.MISSING)) / len(self.entries) if self.entries else 1.0


def translation_report(course: Course, language: str, last_changed: Callable[[str], int | None]) -> list[Section]:
    """Per module and per chapter, each page's state in `language`.

    A translation is stale when its Chinese source was committed after it; with no history for a
    file (not committed yet) nothing is called stale.
    """

    def entry(page: Page) -> Entry:
        translation = page.translations.get(language)
        if translation is None:
            return Entry(page.path, page.title, Status.MISSING)
        source_time, translation_time = last_changed(page.path), last_changed(translation)
        stale = source_time is not None and translation_time is not None and source_time > translation_time
        return Entry(page.path, page.title, Status.STALE if stale else Status.TRANSLATED, translation)

    sections = []
    for module in course.modules:
        sections.append(Section(module.path, module.title, [entry(p) for p in [module.index, *module.articles]
                                                            if not p.generated]))
        for chapter in module.chapters:
            pages = [p for p in [chapter.index, *chapter.articles] if not p.generated]
            sections.append(Section(chapter.path, chapter.title, [entry(p) for p in pages]))
    return sections


def format_report(sections: list[Section], language: str) -> str:
    lines = []
    for section in sections:
        depth = section.path.count("/")
        lines.append(
            f"{'  ' * depth}{section.path}  {section.coverage:.0%} ({_pages(len(section.entries))}, "
            f"{section.count(Status.MISSING)} missing, {section.count(Status.STALE)} stale)"
        )
        for e in section.entries:
            if e.status != Status.TRANSLATED:
                lines.append(f"{'  ' * (depth + 1)}{e.status.value:8} {e.source}")
    total = [e for s in sections for e in s.entries]
    done = sum(e.status != Status.MISSING for e in total)
    stale = sum(e.status == Status.STALE for e in total)
    lines.append(f"{language}: {done}/{len(total)} pages translated ({done / len(total):.0%}), {stale} stale"
                 if total else f"{language}: no pages")
    return "\n".join(lines)


def fallback_notice(language: str, original_url: str, help_url: str | None) -> str:
    """The notice at the top of a page shown in Chinese on the site of another language.

    Its links are raw HTML: they point at built pages, not at sources MkDocs could check.
    """
    text = label(language, "untranslated").format(original=original_url)
    if help_url:
        text += " " + label(language, "help_translate").format(url=help_url)
    return f'!!! note {FALLBACK_CLASS} "{label(language, "untranslated_title")}"\n\n    {text}\n'


def _pages(n: int) -> str:
    return f"{n} page" if n == 1 else f"{n} pages"
