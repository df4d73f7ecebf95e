"""The hot-topics module as a catalogue of talks: dated, newest first, filterable by topic, with a feed.

`09Newsletters` is not a blog: one chapter per topic, each listing talks. A talk's date comes from
its file name (`20250110Name`, `20250110_Name`) or, for year-named decks, the year (`2024.pdf`).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass

from ..course.model import Module

_DATED = re.compile(r"^(?P<date>(?:19|20)\d{2}(?:\d{4})?)(?!\d)[_\-]?(?P<rest>.*)$")


@dataclass(frozen=True)
class Talk:
    date: dt.date
    precise: bool
    """False when only the year is known."""
    title: str
    titles: tuple[tuple[str, str], ...]
    """(language, title) of the translations."""
    topic: str
    topics: tuple[tuple[str, str], ...]
    page: str | None
    """Source path of the talk's written summary, if there is one."""

    def title_in(self, language: str | None) -> str:
        return dict(self.titles).get(language or "", self.title)

    def topic_in(self, language: str | None) -> str:
        return dict(self.topics).get(language or "", self.topic)


def talk_date(name: str) -> tuple[dt.date, bool] | None:
    """The date in a talk's file name, and whether it is a full date (or only a year)."""
    m = _DATED.match(name)
    if not m:
        return None
    digits = m.group("date")
    try:
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])), True
        return dt.date(int(digits), 1, 1), False
    except ValueError:
        return None


def talks(module: Module) -> list[Talk]:
    """Every dated talk of the module, newest first: its articles, and dated decks without an article."""
    found: list[Talk] = []
    for chapter in module.chapters:
        topics = tuple(chapter.index.translated_titles.items())
        seen_stems = set()
        for page in chapter.articles:
            stem = posixpath.basename(page.path)[:-3]
            dated = talk_date(stem)
            if dated is None:
                continue
            seen_stems.add(stem)
            found.append(Talk(dated[0], dated[1], page.title, tuple(page.translated_titles.items()),
                              chapter.title, topics, page.path))
        for lesson in chapter.lessons:
            if not lesson.deck:
                continue
            stem = posixpath.basename(lesson.deck).rsplit(".", 1)[0]
            dated = talk_date(stem)
            if dated is None or stem in seen_stems:
                continue
            seen_stems.add(stem)
            found.append(Talk(dated[0], dated[1], lesson.title or stem, (), chapter.title, topics, None))
    return sorted(found, key=lambda t: (t.date, t.title), reverse=True)


def catalogue_html(items: list[Talk], links: dict[str, str], language: str | None, feed: str | None) -> str:
    """The catalogue section: topic filter buttons and the talks, newest first. `links` maps a
    talk's page source path to its URL relative to the catalogue page."""
    zh = not language
    topics = sorted({t.topic_in(language) for t in items})
    buttons = "".join(f'<button type="button" data-topic="{html.escape(t)}">{html.escape(t)}</button>' for t in topics)
    everything = "全部" if zh else "All"
    rows = []
    for talk in items:
        when = talk.date.isoformat() if talk.precise else str(talk.date.year)
        title = html.escape(talk.title_in(language))
        if talk.page and talk.page in links:
            title = f'<a href="{html.escape(links[talk.page])}">{title}</a>'
        rows.append(f'<li data-topic="{html.escape(talk.topic_in(language))}"><time datetime="{when}">{when}</time> '
                    f'{title} <span class="course-talks__topic">{html.escape(talk.topic_in(language))}</span></li>')
    heading = "全部分享（按时间）" if zh else "All talks, newest first"
    subscribe = (f' · <a href="{html.escape(feed)}" type="application/atom+xml">'
                 f'{"订阅（Atom）" if zh else "Subscribe (Atom)"}</a>') if feed else ""
    return (
        f'\n\n<section class="course-talks" aria-label="{heading}">\n<h2 id="talks">{heading}</h2>\n'
        f'<p class="course-talks__filters"><button type="button" data-topic="" aria-pressed="true">{everything}</button>'
        f'{buttons}{subscribe}</p>\n<ol class="course-talks__list">\n' + "\n".join(rows) + "\n</ol>\n</section>\n"
    )


def atom_feed(items: list[Talk], site_url: str, url_of: dict[str, str], module_url: str, title: str) -> bytes:
    """An Atom feed of the talks with a written summary (absolute links from `site_url`)."""
    from feedgen.feed import FeedGenerator

    base = site_url.rstrip("/") + "/"
    feed = FeedGenerator()
    feed.id(base + module_url)
    feed.title(title)
    feed.link(href=base + module_url, rel="alternate")
    feed.link(href=base + module_url + "feed.xml", rel="self")
    feed.language("zh")
    newest = None
    for talk in items:
        if talk.page is None or talk.page not in url_of:
            continue
        when = dt.datetime(talk.date.year, talk.date.month, talk.date.day, tzinfo=dt.timezone.utc)
        newest = max(newest or when, when)
        entry = feed.add_entry(order="append")
        entry.id(base + url_of[talk.page])
        entry.title(talk.title)
        entry.link(href=base + url_of[talk.page])
        entry.published(when)
        entry.updated(when)
        entry.category(term=talk.topic)
    feed.updated(newest or dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    return feed.atom_str(pretty=True)
