"""Search at 1x, 4x and 10x the course: Pagefind (the site's search) beside Material's lunr index.

For each size, the course is built twice from `tests/builders.scaled_course` (the project's own
modules copied, figures and decks left out): once as the site ships (Pagefind), once with the course
plugin's `search: false` (Material's whole-site lunr index). Printed per size, side by side:

- build time of each, and the time of the Pagefind step alone (from the build log);
- what search costs on disk (the Pagefind bundles, or the lunr index);
- first view of an article on a phone with an empty cache (every byte Chromium fetched until the
  network is idle; for lunr, with the Chinese half of the index, as the per-language split shipped);
- bytes one query fetches (Pagefind: typed into the search box in a fresh context; lunr: nothing
  more, it was all fetched on the first view), median and largest over the Chinese queries;
- query quality: wanted page in the top three, over the queries of tests/search_queries.py (lunr
  in Chinese only, through Material's own box, results outside the Chinese site dropped).

Sizes: SEARCH_SIZES=1,4,10 (default). The last line is one JSON object.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from builders import scaled_course
from conftest import offline_page, static_server
from playwright.sync_api import sync_playwright
from search_queries import EN, ZH
from searching import ask, typed

ARTICLE = "05XCCL/03Parallelism/02TensorParallel/"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3}


def build(root: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    return time.perf_counter() - started, done.stdout + done.stderr


def tree_bytes(*folders: Path) -> int:
    return sum(f.stat().st_size for folder in folders for f in folder.rglob("*") if f.is_file())


def first_view(browser, url: str) -> int:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    sizes: list[int] = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(url, wait_until="networkidle")
    context.close()
    return sum(sizes)


def search_box(page, query: str) -> list[str]:
    """Open Material's box with its shortcut (on a phone too) and type; the result pages' paths."""
    page.keyboard.press("/")
    return [path[1:] for path in typed(page, query)]


def query_bytes(browser, base: str, queries: list[str]) -> list[int]:
    """Bytes fetched by each query after the article's first view, each in an empty cache."""
    fetched = []
    for query in queries:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.goto(base + ARTICLE, wait_until="networkidle")
        sizes: list[int] = []
        page.on("requestfinished", lambda request, sizes=sizes: sizes.append(request.sizes()["responseBodySize"]))
        search_box(page, query)
        page.wait_for_load_state("networkidle")
        fetched.append(sum(sizes))
        context.close()
    return fetched


def top3(found: dict[str, list[str]], wanted: dict[str, str], prefix: str) -> int:
    """Queries whose page (or a copy of it in another module copy) is among the first three pages."""
    hits = 0
    for query, page in wanted.items():
        pages = list(dict.fromkeys(loc.removeprefix(prefix)[1:] for loc in found.get(query, [])))[:3]
        hits += page[1:] in pages
    return hits


def lunr_quality(browser, base: str) -> int:
    page = offline_page(browser)
    found = {}
    for query in ZH:
        page.goto(base + ARTICLE)
        found[query] = [p for p in search_box(page, query) if not p.startswith("en/")]
    page.context.close()
    return top3(found, ZH, "")


def measure(size: int, work: Path, browser) -> dict:
    course = scaled_course(work / f"x{size}", copies=size)
    lunr = work / f"x{size}-lunr"
    shutil.copytree(course, lunr)
    config = lunr / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - course:\n", "  - course:\n      search: false\n"), encoding="utf-8")
    pagefind_s, log = build(course)
    lunr_s, _ = build(lunr)
    index_s = float(re.search(r"search: .* indexed in ([\d.]+) s", log).group(1))
    site, lunr_site = course / "site", lunr / "site"
    pages = sum(1 for _ in site.rglob("index.html"))
    index = json.loads((lunr_site / "search/search_index.json").read_bytes())
    combined = (lunr_site / "search/search_index.json").stat().st_size
    zh_docs = [d for d in index["docs"] if not d["location"].startswith("en/")]
    zh_index = len(json.dumps({**index, "docs": zh_docs}, ensure_ascii=False, separators=(",", ":")).encode())
    with static_server(site) as base:
        pf_view = first_view(browser, base + ARTICLE)
        per_query = query_bytes(browser, base, list(ZH)[:12])
        quality = {"zh": top3(ask(browser, site, "", list(ZH)), ZH, ""),
                   "en": top3(ask(browser, site, "en/", list(EN)), EN, "en/")}
    with static_server(lunr_site) as base:
        lunr_view = first_view(browser, base + ARTICLE) - combined + zh_index
        lunr_hits = lunr_quality(browser, base)
    result = {
        "size": size, "pages_built": pages,
        "pagefind": {"build_s": round(pagefind_s, 1), "index_s": index_s,
                     "bundle_bytes": tree_bytes(site / "pagefind", site / "en/pagefind"),
                     "first_view_bytes": pf_view, "query_bytes_median": int(statistics.median(per_query)),
                     "query_bytes_max": max(per_query), "top3": quality},
        "lunr": {"build_s": round(lunr_s, 1), "index_bytes_zh": zh_index, "index_bytes_both": combined,
                 "first_view_bytes": lunr_view, "query_bytes_median": 0, "top3": {"zh": lunr_hits}},
    }
    print(f"{size:>3}x {pages:>5} pages | Pagefind: build {pagefind_s:6.1f} s (index {index_s:5.2f} s), "
          f"bundle {result['pagefind']['bundle_bytes'] / 1e6:5.2f} MB, first view {pf_view / 1e3:6.0f} KB, "
          f"query {result['pagefind']['query_bytes_median'] / 1e3:4.0f}-{max(per_query) / 1e3:4.0f} KB, "
          f"top-3 {quality['zh']}/{len(ZH)} zh {quality['en']}/{len(EN)} en | "
          f"lunr: build {lunr_s:6.1f} s, index {zh_index / 1e6:5.2f} MB zh, first view {lunr_view / 1e3:6.0f} KB, "
          f"top-3 {lunr_hits}/{len(ZH)} zh", flush=True)
    shutil.rmtree(course)
    shutil.rmtree(lunr)
    return result


def main() -> None:
    sizes = [int(s) for s in os.environ.get("SEARCH_SIZES", "1,4,10").split(",")]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        results = [measure(size, Path(tmp), browser) for size in sizes]
        browser.close()
    base = results[0]["pagefind"]["first_view_bytes"]
    summary = {"sizes": results,
               "first_view_growth": round(results[-1]["pagefind"]["first_view_bytes"] / base, 3)}
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
