"""Site search: Pagefind bundles per language behind Material's search box, loaded only on search.

The query-quality tests ask the site's own search worker in real Chromium (as Material's box does),
on the course itself and on a course made three times larger; the interface tests type into the box.
"""

from __future__ import annotations

import json

import pytest
from builders import scaled_course
from conftest import build
from search_queries import EN, ZH
from searching import ask


def misses(found: dict[str, list[str]], wanted: dict[str, str], prefix: str, copies: bool = False):
    """The queries whose page is not among the first three results (on a course of copies, the first
    three different pages, a copy counting as its original)."""
    def top(locations: list[str]) -> list[str]:
        pages = [loc.removeprefix(prefix) for loc in locations]
        if copies:
            pages = list(dict.fromkeys(page[1:] for page in pages))
        return pages[:3]
    return {q: top(found[q]) for q, page in wanted.items() if (page[1:] if copies else page) not in top(found[q])}


@pytest.mark.parametrize("prefix,wanted", [("", ZH), ("en/", EN)], ids=["zh", "en"])
def test_reader_queries_find_their_page_in_the_top_three(repository_site, browser, prefix, wanted):
    assert len(wanted) >= 40
    found = ask(browser, repository_site, prefix, list(wanted))
    assert misses(found, wanted, prefix) == {}
    # Results stay in the reader's language.
    assert all(loc.startswith(prefix) for locations in found.values() for loc in locations)


@pytest.fixture(scope="module")
def larger(tmp_path_factory):
    built = build(scaled_course(tmp_path_factory.mktemp("scaled") / "repo", copies=3))
    assert built.returncode == 0, built.log
    return built.site


@pytest.mark.parametrize("prefix,wanted", [("", ZH), ("en/", EN)], ids=["zh", "en"])
def test_reader_queries_on_a_course_three_times_larger(larger, browser, prefix, wanted):
    found = ask(browser, larger, prefix, list(wanted))
    assert misses(found, wanted, prefix, copies=True) == {}


def test_course_terms_are_whole_words_of_the_index(repository_site):
    words = {w for f in (repository_site / "pagefind/words").glob("*.json") for w in json.loads(f.read_text())}
    assert {"张量并行", "数据并行", "脉动阵列", "全归约"} <= words
    bootstrap = json.loads((repository_site / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert bootstrap["docs"] == [] and bootstrap["config"]["pagefind"]["bundle"] == "en/pagefind/"
    assert not list(repository_site.rglob("pagefind-ui.js"))  # Material's box is the interface
