"""The anchor ids a page will have, computed the way the site's Markdown renderer computes them.

Links to `page.md#section` are checked without building the site, so the ids must match what the
`toc` extension produces: the same slugify function (Chinese headings keep Chinese anchors with
`pymdownx.slugs`), the same de-duplication (`_1`, `_2`), explicit `{#id}` attributes honoured.
Rendering only the heading lines through Python-Markdown gives exactly those ids at little cost.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import markdown
from pymdownx.slugs import slugify as make_slugify

from .course.scan import Heading, html_ids

Slugify = Callable[[str, str], str]
DEFAULT_SLUGIFY: Slugify = make_slugify(case="lower")


def heading_ids(headings: list[Heading], masked: list[str], slugify: Slugify = DEFAULT_SLUGIFY) -> set[str]:
    """Every id a reader can link to in a page: its headings' ids and ids set by hand."""
    ids = set(_render_ids(tuple((h.level, h.text) for h in headings), slugify))
    return ids | html_ids(masked)


@lru_cache(maxsize=4096)
def _render_ids(headings: tuple[tuple[int, str], ...], slugify: Slugify) -> tuple[str, ...]:
    source = "\n\n".join(f"{'#' * level} {text}" for level, text in headings)
    md = markdown.Markdown(extensions=["toc", "attr_list"], extension_configs={"toc": {"slugify": slugify}})
    md.convert(source)
    ids: list[str] = []

    def walk(tokens: list[dict]) -> None:
        for token in tokens:
            ids.append(token["id"])
            walk(token["children"])

    walk(md.toc_tokens)  # type: ignore[attr-defined]
    return tuple(ids)
