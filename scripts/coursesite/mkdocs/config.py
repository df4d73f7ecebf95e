"""What the `course` plugin lets a site set in `mkdocs.yml`, grouped by feature."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CourseConfig(Config):
    """Settings of the `course` plugin."""

    enabled = opt.Type(bool, default=True)
    """Switch the whole plugin off, e.g. to build only `docs/`."""

    # Where things are
    cache_dir = opt.Type(str, default=".cache/coursesite")
    """Build cache and staging tree, relative to the folder of `mkdocs.yml`; never inside `site_dir`."""
    overview = opt.Type(str, default="README.md")
    """The course overview whose module table lists the announced modules (home page cards)."""

    # Talks
    talks_module = opt.Type(str, default="09Newsletters")
    """The module that is a catalogue of dated talks: its page lists them newest first with topic
    filters, and an Atom feed is published beside it (needs `site_url`)."""

    # Stable addresses
    redirects = opt.Type(dict, default={})
    """Old source path -> new source path (`'01AIChip/01Foundation/02ArchSlim.md': '...'`): a redirect
    page is written at the old address in every language. `coursesite check` asks for one whenever
    an address recorded in `published-urls.txt` is no longer built."""

    # Search
    search = opt.Type(bool, default=True)
    """Index the built pages with Pagefind (one bundle per language, Chinese cut by jieba with the
    search plugin's `jieba_dict_user`) and answer Material's search box from it, so a reader fetches
    nothing of the index until they search. Needs Material's `search` plugin for the box."""

    # Formulas
    math = opt.Type(bool, default=True)
    """Typeset `pymdownx.arithmatex` (generic) formulas as MathML at build time, so pages need no
    math script from a CDN."""

    # Figures
    images = opt.Type(bool, default=True)
    """Ship web variants of every raster figure (responsive widths, WebP or palette PNG) instead
    of the originals."""
    image_widths = opt.ListOfItems(opt.Type(int), default=[800, 1280, 1920])
    webp_quality = opt.Type(int, default=70)
    webp_method = opt.Type(int, default=2)
    """libwebp effort, 0 (fast) to 6 (small)."""
    image_workers = opt.Optional(opt.Type(int))
    """Worker processes for figures; default: one per core."""
    size_budget_mb = opt.Type(int, default=1000)
    """The build reports the size of the site and warns (failing `--strict`) above this; GitHub
    Pages refuses sites over 1 GB."""

    # Slide decks
    decks_url = opt.Optional(opt.Type(str))
    """Where decks absent from the repository are published (e.g. the releases page). When set, a
    missing deck links there and is reported as information; when not, it is a warning."""
    deck_size_limit_mb = opt.Type(int, default=20)
    """Decks larger than this are not copied into the site (their pages are still shown): the
    download link goes to `decks_url`."""

    # Serving
    serve_watch_depth = opt.Choice(("markdown", "all"), default="markdown")
    """`markdown` watches module and chapter folders without their asset sub-folders, so gigabytes
    of figures are not polled; `all` watches everything."""
