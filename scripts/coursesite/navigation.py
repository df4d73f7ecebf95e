"""The site navigation, generated from the course model: no `nav:` is ever written by hand.

The result is MkDocs' `nav` structure (lists of `{title: path}`) using the default-language source
paths; the i18n plugin maps each path to its translation, and titles come from the translated H1s,
so the English site gets English titles without a `nav_translations` table to keep up to date.
Titles are plain text (`plain_title`), escaped here as `Markup`: Material writes nav titles into
HTML as they are in some places and through `| e` in others, which leaves `Markup` alone.
"""

from __future__ import annotations

from markupsafe import escape

from .course.model import Course, Module, Page

NavItem = str | dict[str, "str | list[NavItem]"]


def build_nav(course: Course, language: str | None, home: str, extra_pages: list[str]) -> list[NavItem]:
    """Home, then every module in order, then the other site-wide pages (e.g. contributing)."""
    nav: list[NavItem] = [home]
    nav.extend(_module(module, language) for module in course.modules)
    nav.extend(extra_pages)
    return nav


def _page(page: Page, language: str | None) -> NavItem:
    return {escape(page.title_in(language)): page.path}


def _module(module: Module, language: str | None) -> NavItem:
    children: list[NavItem] = [module.index.path]
    children.extend(_page(article, language) for article in module.articles)
    for chapter in module.chapters:
        if chapter.articles:
            chapter_items: list[NavItem] = [chapter.index.path]
            chapter_items.extend(_page(article, language) for article in chapter.articles)
            children.append({escape(chapter.index.title_in(language)): chapter_items})
        else:
            children.append(_page(chapter.index, language))
    return {escape(module.index.title_in(language)): children}
