"""Create a new chapter or article in the course's layout, numbered and registered, never overwriting.

Contributors get the files where the generator expects them: the next free number, a README
outline row that links the new article, an `images/` folder, and with `--en` the English twins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .course.names import split_number

_NAME = re.compile(r"^(\d{2})?([A-Z][A-Za-z0-9]*)$")
_OUTLINE_HEADER = "| 大纲 | 小节 | 链接 |\n|:--:|:--:|:--:|\n"
_OUTLINE_HEADER_EN = "| Part | Lesson | Links |\n|:--:|:--:|:--:|\n"


class ScaffoldError(ValueError):
    """A request the scaffold refuses (bad name, missing folder, clash): nothing was written."""


@dataclass
class Created:
    """What a scaffold call wrote or changed."""

    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)


def _numbered(folder: Path, name: str, is_dir: bool) -> str:
    """`08Memory` as given, or `Memory` with the next free number in `folder`."""
    m = _NAME.match(name)
    if not m:
        raise ScaffoldError(
            f"'{name}' is not a valid name: use an optional two-digit number and a CamelCase English word, "
            "letters and digits only (e.g. 08Memory or Memory)"
        )
    if m.group(1):
        return name
    taken = [split_number(p.name)[0] for p in folder.iterdir() if p.is_dir() == is_dir]
    numbers = [n for n in taken if n is not None]
    return f"{(max(numbers) + 1) if numbers else 1:02d}{m.group(2)}"


def _refuse_clash(*paths: Path) -> None:
    for path in paths:
        if path.exists():
            raise ScaffoldError(f"{path} already exists; choose another name or number (nothing was written)")
    for path in paths:
        number, stem = split_number(path.name.split(".")[0])
        siblings = [p for p in path.parent.iterdir() if split_number(p.name.split(".")[0])[0] == number] \
            if path.parent.is_dir() else []
        if number is not None and siblings and not path.name.endswith(".en.md"):
            taken = ", ".join(sorted(p.name for p in siblings))
            raise ScaffoldError(f"number {number:02d} is already used in {path.parent} ({taken}); "
                                "omit the number to take the next free one")


def _write(path: Path, text: str, result: Created) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as f:  # "x": never overwrite
        f.write(text)
    result.created.append(path)


def new_chapter(root: Path, module: str, name: str, title: str, english: str | None) -> Created:
    """`module/NNName/` with its README (outline table ready) and `images/`."""
    module_dir = root / module
    if not module_dir.is_dir():
        raise ScaffoldError(f"no module folder {module} in {root}")
    folder = module_dir / _numbered(module_dir, name, is_dir=True)
    _refuse_clash(folder)
    result = Created()
    _write(folder / "README.md", f"# {title}\n\n本章简介（一两段）。\n\n## 内容大纲\n\n{_OUTLINE_HEADER}", result)
    if english is not None:
        _write(folder / "README.en.md",
               f"# {english}\n\nWhat this chapter covers (a paragraph or two).\n\n## Outline\n\n{_OUTLINE_HEADER_EN}", result)
    _write(folder / "images" / ".gitkeep", "", result)
    return result


def new_article(root: Path, chapter: str, name: str, title: str, english: str | None) -> Created:
    """`chapter/NNName.md` (and `.en.md`), `images/`, and a row in the chapter's outline table."""
    folder = root / chapter
    readme = folder / "README.md"
    if not readme.is_file():
        raise ScaffoldError(f"{chapter} has no README.md: create the chapter first (coursesite new chapter)")
    stem = _numbered(folder, name, is_dir=False)
    article = folder / f"{stem}.md"
    twin = folder / f"{stem}.en.md"
    _refuse_clash(article, *([twin] if english is not None else []))
    number = stem[:2]
    part = _chapter_title(readme)
    result = Created()
    _write(article, f"# {title}\n\n正文。\n\n## 参考资料\n\n1. 资料名称与链接。\n", result)
    _append_row(readme, f"| {part} | {number} {title} | [文章](./{stem}.md) |\n", _OUTLINE_HEADER, result)
    if english is not None:
        _write(twin, f"# {english}\n\nText.\n\n## References\n\n1. Source name and URL.\n", result)
        readme_en = folder / "README.en.md"
        if readme_en.is_file():
            _append_row(readme_en, f"| {_chapter_title(readme_en)} | {number} {english} | [Article](./{stem}.md) |\n",
                        _OUTLINE_HEADER_EN, result)
    (folder / "images").mkdir(exist_ok=True)
    return result


def _chapter_title(readme: Path) -> str:
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return readme.parent.name


def _append_row(readme: Path, row: str, header: str, result: Created) -> None:
    """Add a row after the last table row of the README, or a new outline table at its end."""
    lines = readme.read_text(encoding="utf-8").splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines) if line.lstrip().startswith("|")), default=None)
    if last is None:
        text = "".join(lines).rstrip("\n") + "\n\n" + header + row
    else:
        if not lines[last].endswith("\n"):
            lines[last] += "\n"
        lines.insert(last + 1, row)
        text = "".join(lines)
    readme.write_text(text, encoding="utf-8")
    result.updated.append(readme)
