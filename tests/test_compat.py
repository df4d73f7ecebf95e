"""The adapter's borrowed hooks (coursesite.mkdocs.compat), on MkDocs' real configuration objects."""

import types

import pytest
from builders import PROJECT
from coursesite.mkdocs.compat import keep_search_box_only
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError


def test_material_search_keeps_its_box_but_not_its_indexing(monkeypatch):
    monkeypatch.chdir(PROJECT)
    config = load_config(str(PROJECT / "mkdocs.yml"))
    search = config.plugins["material/search"]
    owners = lambda name: {getattr(h, "__self__", None) for h in config.plugins.events[name]}
    assert search in owners("page_context") and search in owners("post_build")
    keep_search_box_only(config, search)
    assert search not in owners("page_context") and search not in owners("post_build")
    assert search in owners("config")  # mkdocs-static-i18n reads the index it creates
    assert config.plugins["course"] in owners("post_build")


def test_a_moved_hook_fails_loudly_with_the_version():
    config = types.SimpleNamespace(plugins=types.SimpleNamespace())
    with pytest.raises(PluginError, match=r"MkDocs \d+\.\d+.*compat\.keep_search_box_only"):
        keep_search_box_only(config, object())
