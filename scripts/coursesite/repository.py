"""Addresses in the hosted repository, derived from `repo_url` and `edit_uri` in one place."""

from __future__ import annotations

from urllib.parse import quote


def branch(edit_uri: str | None) -> str:
    """The branch named in `edit_uri` (`edit/main/` -> `main`), so edit and blob links agree."""
    parts = [p for p in (edit_uri or "").split("/") if p]
    return parts[1] if len(parts) >= 2 and parts[0] in ("edit", "blob", "tree") else "main"


def blob_url(repo_url: str | None, edit_uri: str | None) -> str | None:
    """Where a repository file is shown, e.g. `https://github.com/org/repo/blob/main/`."""
    if not repo_url:
        return None
    return f"{repo_url.rstrip('/')}/blob/{branch(edit_uri)}/"


def new_file_url(repo_url: str | None, edit_uri: str | None, folder: str, filename: str) -> str | None:
    """The hosting site's page for creating `folder/filename`, e.g. a translation of a page."""
    if not repo_url:
        return None
    return f"{repo_url.rstrip('/')}/new/{branch(edit_uri)}/{quote(folder)}?filename={quote(filename)}"
