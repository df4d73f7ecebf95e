"""Search as a reader meets it, in real Chromium: the site's search worker asked directly, as
Material's search box does, and the box itself typed into."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import offline_page, static_server

ASK = """async ([prefix, queries]) => {
  const config = await (await fetch("/" + prefix + "search/search_index.json")).json()
  const worker = new Worker("/javascripts/search-worker.js")
  const next = () => new Promise(resolve => worker.addEventListener("message", e => resolve(e.data), { once: true }))
  let reply = next(); worker.postMessage({ type: 0, data: config }); await reply
  const found = {}
  for (const query of queries) {
    reply = next(); worker.postMessage({ type: 2, data: query })
    found[query] = (await reply).data.items.map(group => [group[0].location, group[0].title])
  }
  worker.terminate()
  return found
}"""


def ask_served(browser, base: str, prefix: str, queries: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Each query's result pages, (path from the site root, title as HTML), from the search worker of
    the site served at `base` (a static server, or `mkdocs serve`)."""
    page = offline_page(browser)
    try:
        page.goto(base + prefix)
        return {query: [tuple(pair) for pair in pairs]
                for query, pairs in page.evaluate(ASK, [prefix, queries]).items()}
    finally:
        page.context.close()


def ask(browser, site: Path, prefix: str, queries: list[str]) -> dict[str, list[str]]:
    """Each query's result pages (paths from the site root) on the built `site`."""
    with static_server(site) as base:
        found = ask_served(browser, base, prefix, queries)
    return {query: [location for location, _ in results] for query, results in found.items()}


def result_titles(browser, site: Path, prefix: str, query: str) -> dict[str, str]:
    """The page results of one query with the titles (HTML) the worker hands Material's box."""
    with static_server(site) as base:
        return dict(ask_served(browser, base, prefix, [query])[query])


def typed(page, query: str) -> list[str]:
    """Type `query` into Material's open search box as a reader does, again until it answers (the
    worker starts in the background); the paths of the result pages."""
    box = page.locator("input.md-search__input")
    for _ in range(50):
        box.fill(query)
        box.press("End")  # Material searches on key events; an IME commits CJK text with one too
        page.wait_for_timeout(200)
        if re.search(r"\d|没有|No match", page.locator(".md-search-result__meta").inner_text()):
            break
    return page.locator(".md-search-result__item > .md-search-result__link:first-child").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)")


def search(page, url: str, query: str) -> list[str]:
    """Type a query into the site's search box as a reader does; the paths of the results."""
    page.goto(url)
    page.locator("input.md-search__input").click()
    return typed(page, query)
