"""Ask a built site's search worker in real Chromium, as Material's search box does."""

from __future__ import annotations

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
    found[query] = (await reply).data.items.map(group => group[0].location)
  }
  worker.terminate()
  return found
}"""


def ask(browser, site: Path, prefix: str, queries: list[str]) -> dict[str, list[str]]:
    """Each query's result pages (paths from the site root), from the site's search worker."""
    with static_server(site) as base:
        return ask_served(browser, base, prefix, queries)


def ask_served(browser, base: str, prefix: str, queries: list[str]) -> dict[str, list[str]]:
    """`ask`, of a site served at `base` (for example by `mkdocs serve`)."""
    page = offline_page(browser)
    try:
        page.goto(base + prefix)
        return page.evaluate(ASK, [prefix, queries])
    finally:
        page.context.close()


TITLES = """async ([prefix, query]) => {
  const config = await (await fetch("/" + prefix + "search/search_index.json")).json()
  const worker = new Worker("/javascripts/search-worker.js")
  const next = () => new Promise(resolve => worker.addEventListener("message", e => resolve(e.data), { once: true }))
  let reply = next(); worker.postMessage({ type: 0, data: config }); await reply
  reply = next(); worker.postMessage({ type: 2, data: query })
  const items = (await reply).data.items
  worker.terminate()
  return Object.fromEntries(items.map(group => [group[0].location, group[0].title]))
}"""


def result_titles(browser, site: Path, prefix: str, query: str) -> dict[str, str]:
    """The page results of one query with the titles (HTML) the worker hands Material's box."""
    page = offline_page(browser)
    with static_server(site) as base:
        try:
            page.goto(base + prefix)
            return page.evaluate(TITLES, [prefix, query])
        finally:
            page.context.close()
