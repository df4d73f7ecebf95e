"""The module cards of the home page: every announced module, published or upcoming.

The home page (`docs/index.md`) holds a marker comment where the cards go; they are generated from
the overview table of the root README (the course's own list of announced modules) and from the
module folders found, so a module with content links to its page and one without is shown as
coming, never as a dead link.
"""

from __future__ import annotations

from .course.model import AnnouncedModule, Course
from .course.scan import markdown_text
from .labels import label

MARKER = "<!-- course:modules -->"


def module_cards(course: Course, language: str | None, home_folder_prefix: str = "") -> str:
    """Material grid cards in Markdown, one per announced module; links are relative to the home page."""
    announced = course.announced.get(language or "") or course.announced.get("", [])
    lines = ['<div class="grid cards course-modules" markdown>', ""]
    for item in announced:
        module = course.module_for(item.folder) if item.folder else None
        lines.extend(_card(item, module.index.title_in(language) if module else item.title,
                           _summary(item, course, language), module.index.path if module else None,
                           language, home_folder_prefix))
    lines.append("</div>")
    return "\n".join(lines) + "\n"


def _summary(item: AnnouncedModule, course: Course, language: str | None) -> str:
    if item.summary:
        return item.summary
    default = next((a for a in course.announced.get("", []) if a.number == item.number), None)
    return default.summary if default and language else ""


def _card(item: AnnouncedModule, title: str, summary: str, link: str | None, language: str | None, prefix: str) -> list[str]:
    number = f"{item.number:02d}" if item.number is not None else ""
    head = f"**{number} · {markdown_text(title)}**" if number else f"**{markdown_text(title)}**"
    if link is None:
        head += f' <span class="course-upcoming">{label(language, "upcoming")}</span>'
    out = [f"-   {head}", "", "    ---", ""]
    if summary:
        out += [f"    {summary}", ""]
    if link is not None:
        out += [f"    [:octicons-arrow-right-24: {label(language, 'open_module')}]({prefix}{link})", ""]
    return out
