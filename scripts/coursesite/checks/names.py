"""File names the site would misread: fake language suffixes, names differing only in case."""

from __future__ import annotations

import posixpath

from ..course.model import Course
from ..course.names import misread_language
from ..problems import Problem
from ..references import RepoFiles
from ..urls import page_url
from . import CheckSettings


def check(course: Course, files: RepoFiles, settings: CheckSettings) -> list[Problem]:
    """Names in every folder that holds a page, and in its `images/` folder."""
    problems: list[Problem] = [
        Problem(path, None, "this symlink leads outside the repository; it is not published",
                "replace it with the file itself", code="outside-repository")
        for path in course.refused
    ]
    for dropped, kept in course.collisions:
        problems.append(Problem(
            dropped, None, f"{dropped} and {kept} would both be published at /{page_url(kept)}; only {kept} is built",
            "rename or delete one of them", code="same-address"))
    spaced = {
        "/".join(parts[: i + 1])
        for page in course.pages()
        if not page.generated
        for parts in [page.path.split("/")]
        for i, part in enumerate(parts)
        if part != part.strip()
    }
    for path in sorted(spaced):
        problems.append(
            Problem(path, None, "the name begins or ends with a space, which becomes %20 in the page's address",
                    "rename it without the space", code="spaced-name")
        )
    languages = ("zh", *settings.languages)
    folders = {posixpath.dirname(p.path) for p in course.pages()}
    folders |= {posixpath.join(f, "images") for f in folders}
    for folder in sorted(folders):
        entries = files.listing(folder) or {}
        by_case: dict[str, list[str]] = {}
        for name, is_dir in sorted(entries.items()):
            if is_dir:
                continue
            by_case.setdefault(name.casefold(), []).append(name)
            awkward = sorted(set(name) & set("%#?"))
            if awkward:
                problems.append(Problem(
                    posixpath.join(folder, name), None,
                    f"the name holds {' and '.join(repr(c) for c in awkward)}, which a web address reads as "
                    "an escape, a fragment or a query", "rename it with letters, digits, '-' and '_' only",
                    code="url-unsafe-name"))
            bogus = misread_language(name, languages)
            if bogus:
                stem, ext = name.rsplit(".", 1)
                problems.append(
                    Problem(
                        posixpath.join(folder, name), None,
                        f"the name ends in '.{bogus}.{ext}', which the language plugin reads as language '{bogus}'",
                        f"rename it, e.g. to {stem.replace('.', '_')}.{ext}", code="language-like-name",
                    )
                )
        for names in by_case.values():
            if len(names) > 1:
                problems.append(
                    Problem(
                        posixpath.join(folder, names[0]), None,
                        f"{' and '.join(names)} differ only in letter case and collide on Windows and macOS",
                        "delete or rename one of them", code="case-collision",
                    )
                )
    return problems
