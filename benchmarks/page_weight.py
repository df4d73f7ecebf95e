"""Page weight of the course's own site as readers get it, and Lighthouse on the home page and the heaviest article.

Builds the repository's site, serves it on 127.0.0.1 and opens every Chinese page in Chromium at a
phone viewport with an empty cache: bytes transferred and requests on first view (lazy figures below
the screen are not fetched, as for a reader). Then runs Lighthouse (pinned in tools/browser,
throttled mobile profile) on the home page and the heaviest article and prints their performance
and accessibility scores. The last line is one JSON object.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import static_server  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

LIGHTHOUSE = ROOT / "tools/browser/node_modules/.bin/lighthouse"


def first_views(base: str, paths: list[str]) -> dict[str, dict]:
    weights = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for path in paths:
            context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3)
            page = context.new_page()
            sizes: list[int] = []
            page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
            page.goto(base + path, wait_until="networkidle")
            weights[path] = {"bytes": sum(sizes), "requests": len(sizes)}
            context.close()
        browser.close()
    return weights


def lighthouse(url: str) -> dict:
    if not LIGHTHOUSE.exists():
        return {"skipped": "Lighthouse is not installed (make bench installs tools/browser)"}
    done = subprocess.run(
        [str(LIGHTHOUSE), url, "--chrome-path=/usr/bin/chromium", "--only-categories=performance,accessibility",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--output=json", "--output-path=stdout",
         "--quiet"],
        capture_output=True, text=True,
    )
    if done.returncode != 0:
        return {"failed": done.stderr.strip().splitlines()[-1:] or ["no output"]}
    report = json.loads(done.stdout)
    return {name: round(category["score"] * 100) for name, category in report["categories"].items()}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=ROOT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        pages = sorted(
            p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
            if p.relative_to(site).parts[0] not in ("en", "search", "assets")
        )
        pages = ["" if p == "./" else p for p in pages]
        with static_server(site) as base:
            weights = first_views(base, pages)
            articles = {p: w for p, w in weights.items() if p.count("/") >= 3}
            heaviest = max(articles, key=lambda p: articles[p]["bytes"])
            result = {
                "pages": len(weights),
                "home": weights[""],
                "heaviest_article": {"path": heaviest, **weights[heaviest]},
                "median_article_bytes": sorted(w["bytes"] for w in articles.values())[len(articles) // 2],
                "lighthouse_mobile": {"home": lighthouse(base), "heaviest_article": lighthouse(base + heaviest)},
            }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
