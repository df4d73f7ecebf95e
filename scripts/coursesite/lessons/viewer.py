"""The deck viewer markup: a grid of page thumbnails that open, in order, in the lightbox."""

from __future__ import annotations

import html

from ..labels import label


def deck_viewer(pages: list[tuple[str, str, int, int]], download: str, size: int, language: str | None,
                gallery: str) -> str:
    """HTML for a deck: `pages` are (thumbnail URL, large URL, width, height) in page order."""
    meta = label(language, "deck_meta").format(pages=len(pages), size=f"{size / 1e6:.1f} MB")
    items = "\n".join(
        f'<a class="glightbox course-deck__page" data-gallery="{html.escape(gallery)}" href="{html.escape(large)}">'
        f'<img src="{html.escape(thumb)}" width="{width}" height="{height}" loading="lazy" decoding="async" '
        f'alt="{html.escape(label(language, "deck_page").format(n=n))}"></a>'
        for n, (thumb, large, width, height) in enumerate(pages, start=1)
    )
    return (
        f'\n\n<section class="course-deck" aria-label="{html.escape(label(language, "deck"))}">\n'
        f'<p class="course-deck__meta"><strong>{html.escape(label(language, "deck"))}</strong> · {meta} · '
        f'<a href="{html.escape(download)}" download>{html.escape(label(language, "deck_download"))}</a></p>\n'
        f'<div class="course-deck__pages">\n{items}\n</div>\n</section>\n'
    )
