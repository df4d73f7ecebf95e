"""How long an author waits between saving an article and seeing it in the browser under `mkdocs serve`.

Synthesises a course the size of the upstream one, serves it, edits an article several times and
waits for the served page to change, and then for the search index to follow; then adds an article and waits for it to appear in another
page's navigation. Prints one JSON object; the floor is MkDocs' own file-polling interval plus its
debounce (0.5 s + 0.1 s), which no plugin can go below.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from builders import large_course
from serving import fetch, serving, wait_for

POLL_FLOOR_S = 0.5 + 0.1


def measure(root: Path, *args: str, edits: int = 5, search: bool = True) -> dict[str, float]:
    article = root / "01Module1/01Chapter1/01Lesson1.md"
    other = "01Module1/02Chapter2/01Lesson1/"
    with serving(root, *args) as base:
        url = base + "01Module1/01Chapter1/01Lesson1/"
        wait_for(url, lambda t: "第 1.1.1 课" in t, timeout=300)
        times: list[float] = []
        searched: list[float] = []
        entry = base + "pagefind/pagefind-entry.json"
        if search:
            wait_for(entry, lambda t: True, timeout=300)
        for i in range(edits):
            marker = f"edit-marker-{time.time_ns()}-{i}"
            time.sleep(0.7)  # let the previous rebuild settle
            before = fetch(entry) if search else None
            with open(article, "a", encoding="utf-8") as f:
                f.write(f"\n{marker}\n")
            times.append(wait_for(url, lambda t, m=marker: m in t, timeout=120))
            if search:  # the search index is rewritten in the background after the page is served
                searched.append(times[-1] + wait_for(entry, lambda t, b=before: t != b, timeout=120))
        time.sleep(0.7)
        (root / "01Module1/02Chapter2/09Fresh.md").write_text("# 新加的文章\n\n正文。\n", encoding="utf-8")
        new_page = wait_for(base + other, lambda t: "新加的文章" in t, timeout=300)
    return {"edit_median_s": round(statistics.median(times), 3), "edit_max_s": round(max(times), 3),
            **({"search_updated_median_s": round(statistics.median(searched), 3)} if searched else {}),
            "new_page_in_nav_s": round(new_page, 3)}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = large_course(Path(tmp) / "course", git=True)
        pages = len(list(root.rglob("*.md")))
        dirty = measure(root, "--dirty")
    with tempfile.TemporaryDirectory() as tmp:
        # The same without the site's search (Material's lunr instead): what indexing costs an edit.
        root = large_course(Path(tmp) / "course", git=True)
        config = root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "  - course:\n", "  - course:\n      search: false\n"), encoding="utf-8")
        without_search = measure(root, "--dirty", search=False)
    with tempfile.TemporaryDirectory() as tmp:
        root = large_course(Path(tmp) / "course", git=True)
        full = measure(root, edits=2)
    print(json.dumps({
        "pages": pages, "floor_s": POLL_FLOOR_S,
        "dirty": dirty, "dirty_lunr": without_search, "full": full,
        "dirty_edit_over_floor": round(dirty["edit_median_s"] / POLL_FLOOR_S, 2),
    }))


if __name__ == "__main__":
    main()
