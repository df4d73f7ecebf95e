"""What the adapter borrows from other packages' internals, each behind one named function that
fails loudly, naming the package and its version, when an upgrade took the hook away."""

from __future__ import annotations

from importlib.metadata import version

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

_INDEXING_EVENTS = ("page_context", "post_build")
"""Material's search plugin events that index every page and write its whole-site lunr index. Its
`on_config` stays: mkdocs-static-i18n reads the (then empty) index it creates after every language."""


def keep_search_box_only(config: MkDocsConfig, search: BasePlugin) -> None:
    """Take Material's search plugin out of the build but for its search box.

    The header shows the search box only while the plugin is configured, but its index is not used
    (the course's search is Pagefind): indexing every page with jieba costs about a fifth of a build.
    The handlers are removed from MkDocs' event lists (`PluginCollection.events`, MkDocs 1.x).
    """
    events = getattr(config.plugins, "events", None)
    if not isinstance(events, dict) or not all(isinstance(events.get(name), list) for name in _INDEXING_EVENTS):
        raise PluginError(
            f"course: MkDocs {version('mkdocs')} keeps plugin events elsewhere than PluginCollection.events; "
            "coursesite.mkdocs.compat.keep_search_box_only must be ported (or set `search: false` for the "
            "course plugin to use Material's own search)"
        )
    for name in _INDEXING_EVENTS:
        events[name] = [handler for handler in events[name] if getattr(handler, "__self__", None) is not search]
