"""Write the site's search: a Pagefind bundle per language, the word lists the browser cuts queries
with, and the small bootstrap Material's search box reads in place of its whole-site index."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..i18n import FALLBACK_CLASS
from .pagefind import UNSEGMENTED, write_bundle
from .segment import Segmenter, words_by_shard

BUNDLE = "pagefind"
"""Folder of a language's bundle, under the language's site root (`pagefind/`, `en/pagefind/`)."""

WORDS = "words"
"""Folder, inside a bundle, of the word lists by shard (`words/07.json`)."""

_TAG = re.compile(r"(<[^>]*>)")
_ARTICLE = 'class="md-content__inner'


@dataclass(frozen=True)
class SearchLanguage:
    """One language of the site as search sees it."""

    prefix: str
    """Its folder in the site: '' for the default language, 'en/' for English."""
    index_language: str
    """Pagefind's language for its bundle: a stemming language, or `UNSEGMENTED` for Chinese."""
    fallback_label: str
    """Shown beside a result that is a page in another language (a page not translated yet)."""
    separator: str
    """Where Material's highlighter splits the query's words to mark them on the target page."""


def write_search(site: Path, languages: list[SearchLanguage], work: Path, segmenter: Segmenter) -> dict[str, int]:
    """Index every built article of every language; pages per language prefix."""
    counts = {}
    others = [language.prefix for language in languages if language.prefix]
    for language in languages:
        root = site / language.prefix
        pages = work / (language.prefix.strip("/") or "default")
        shutil.rmtree(pages, ignore_errors=True)
        count, words = 0, set()
        for page in sorted(root.rglob("*.html")):
            relative = page.relative_to(site).as_posix()
            if _not_indexed(relative, language.prefix, others):
                continue
            article = _article(page.read_text(encoding="utf-8"))
            if article is None:
                continue  # redirect pages and the like
            target = pages / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_segmented(article, segmenter, words, language.index_language), encoding="utf-8")
            count += 1
        counts[language.prefix] = count
        if count == 0:
            continue
        bundle = root / BUNDLE
        write_bundle(pages, bundle, language.index_language)
        _write_words(bundle / WORDS, words)
        _write_bootstrap(root, language)
    return counts


def _not_indexed(relative: str, prefix: str, others: list[str]) -> bool:
    if relative.endswith("404.html") or f"{BUNDLE}/" in relative:
        return True
    return not prefix and any(relative.startswith(other) for other in others)


def _article(html: str) -> str | None:
    """The page's article element: all that is indexed (the navigation is the same on every page)."""
    start = html.find("<article " + _ARTICLE)
    end = html.find("</article>", start)
    return html[start:end + len("</article>")] if start >= 0 and end >= 0 else None


def _segmented(article: str, segmenter: Segmenter, words: set[str], language: str) -> str:
    """The page Pagefind indexes: the article with its Han text cut into words (tags and attributes
    left as they are), marked for the search worker when it is a page shown in another language."""
    if FALLBACK_CLASS in article:
        article = article.replace(_ARTICLE, f'data-pagefind-meta="fallback:1" {_ARTICLE}', 1)
    body = "".join(part if part.startswith("<") else segmenter.spaced(part, words) for part in _TAG.split(article))
    return f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"></head><body>{body}</body></html>'


def _write_words(folder: Path, words: set[str]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for key, group in words_by_shard(words).items():
        (folder / f"{key:02d}.json").write_text(json.dumps(group, ensure_ascii=False, separators=(",", ":")),
                                                  encoding="utf-8")


def _write_bootstrap(root: Path, language: SearchLanguage) -> None:
    """Material's search box fetches `search/search_index.json` on every page: give it the settings it
    reads (the highlighter's separator) and no documents, and tell the search worker where this
    language's bundle is."""
    index_file = root / "search" / "search_index.json"
    config: dict = {"separator": language.separator}
    config["pagefind"] = {"bundle": f"{language.prefix}{BUNDLE}/", "words": WORDS + "/",
                          "unsegmented": language.index_language == UNSEGMENTED,
                          "fallback": language.fallback_label}
    index_file.parent.mkdir(parents=True, exist_ok=True)
    index_file.write_text(json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
