"""The one door to Pagefind: run its pinned binary (from the `pagefind[bin]` wheel) over a folder.

Pagefind is used through its command line, not its Python service: one process per bundle, waited
for with a time limit, so a build never leaves it behind.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

TIMEOUT_S = 600
"""Far above what a course of ten times the real size takes (a few seconds); a hung binary fails."""

ROOT_SELECTOR = "article.md-content__inner"
"""Only the article is indexed: not the navigation, header or footer of every page."""

EXCLUDED = (
    ".headerlink",  # the ¶ after every heading
    ".md-content__button",  # edit link
    ".md-source-file",  # "last updated"
    ".arithmatex",  # MathML: symbols, not words
    ".course-deck",  # slide thumbnails
    ".course-fallback",  # "not translated yet" notice
)

UNSEGMENTED = "x-course"
"""Index language of bundles whose Han text is already cut into words (`segment.py`). Pagefind cuts
the query with `Intl.Segmenter` for zh/ja/th indexes; a private-use tag, which `Intl` rejects, makes
it take the query's words as they are, as the search worker has cut them."""


class PagefindError(RuntimeError):
    """Pagefind failed; the message carries what it printed."""


def write_bundle(pages: Path, output: Path, language: str) -> None:
    """Index the HTML under `pages` as one language and write the bundle to `output` (replaced whole).

    Pagefind's own user interfaces are removed: Material's search box is the interface."""
    staging = output.with_name(output.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    command = [
        sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(staging),
        "--root-selector", ROOT_SELECTOR, "--exclude-selectors", ", ".join(EXCLUDED),
        "--force-language", language,
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as error:
        raise PagefindError(f"Pagefind did not finish in {TIMEOUT_S} s") from error
    if done.returncode != 0 or not (staging / "pagefind.js").is_file():
        raise PagefindError((done.stdout + done.stderr).strip()[-2000:] or f"exit status {done.returncode}")
    for unused in staging.glob("pagefind-*ui*"):
        unused.unlink()
    (staging / "pagefind-highlight.js").unlink(missing_ok=True)
    shutil.rmtree(output, ignore_errors=True)
    staging.rename(output)
