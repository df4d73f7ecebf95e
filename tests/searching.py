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
