"""The one record every check yields, and the one way to print it.

A contributor should get every defect at once, each naming the file, the line where there is one,
what is wrong and what to do, whether it comes from the CLI's `check` or from `mkdocs build`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is: warnings fail `--strict`, infos never do."""

    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in the course content."""

    file: str
    """Path relative to the repository root, with forward slashes."""
    line: int | None
    """1-based line number, or None when the problem concerns the whole file."""
    message: str
    """What is wrong, in one sentence."""
    fix: str = ""
    """What the author should do about it."""
    severity: Severity = Severity.WARNING
    code: str = ""
    """A short stable identifier (e.g. `missing-figure`) so tests and filters need not parse prose."""

    def format(self) -> str:
        """`file:line: message; fix` — the shape editors and CI annotate from."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        if self.fix:
            text += f"; {self.fix}"
        return text


def format_report(problems: Iterable[Problem]) -> str:
    """Group problems by file for a human reader, worst first within each file."""
    by_file: dict[str, list[Problem]] = {}
    for problem in sorted(set(problems)):
        by_file.setdefault(problem.file, []).append(problem)
    lines: list[str] = []
    for file, items in by_file.items():
        lines.append(file)
        for p in items:
            where = f"  line {p.line}" if p.line else "  (file)"
            text = f"{where}: [{p.severity.value}] {p.message}"
            if p.fix:
                text += f"; {p.fix}"
            lines.append(text)
    return "\n".join(lines)
