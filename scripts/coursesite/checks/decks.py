"""Slide decks that are not what their name says: a `.pptx` that is no PowerPoint file."""

from __future__ import annotations

import posixpath

from ..course.model import Course
from ..lessons.decks import presentation_problem
from ..problems import Problem
from ..references import RepoFiles

FIX = "export the deck again from PowerPoint or LibreOffice (or as PDF); pages offer no download of it"


def check(course: Course, files: RepoFiles) -> list[Problem]:
    """Every PowerPoint file in a folder that holds pages (where decks sit beside their lessons)."""
    problems = []
    for folder in sorted({posixpath.dirname(p.path) for p in course.pages()}):
        for name, is_dir in sorted((files.listing(folder) or {}).items()):
            if is_dir or not name.lower().endswith((".pptx", ".ppt")):
                continue
            path = posixpath.join(folder, name)
            wrong = presentation_problem(course.root / path)
            if wrong:
                problems.append(Problem(path, None, f"slide deck cannot be shown: {wrong}", FIX, code="bad-deck"))
    return problems
