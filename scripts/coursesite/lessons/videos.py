"""Lecture videos: one responsive player per video, loaded only when the reader asks for it.

Only allow-listed hosts are embedded (Bilibili, where the course's lectures are, and YouTube);
anything else is reported, not rendered. The page ships a still button; the player's iframe is
created on click, so a page view makes no request to a video site (often slow or blocked) and
nothing shifts while the page loads.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from ..labels import label

_BVID = re.compile(r"^BV[0-9A-Za-z]{10}$")
_YOUTUBE_ID = re.compile(r"^[0-9A-Za-z_-]{11}$")

PLAYER_ORIGINS = ("https://player.bilibili.com", "https://www.youtube-nocookie.com")
"""Where embedded players load from (the pages' content-security policy allows only these)."""


@dataclass(frozen=True)
class Video:
    host: str
    """`bilibili` or `youtube`."""
    id: str
    page: int = 1

    @property
    def embed_url(self) -> str:
        if self.host == "bilibili":
            key = "bvid" if self.id.startswith("BV") else "aid"
            return f"{PLAYER_ORIGINS[0]}/player.html?{key}={self.id}&page={self.page}&autoplay=0"
        return f"{PLAYER_ORIGINS[1]}/embed/{self.id}"


class VideoProblem(ValueError):
    """Why an address cannot be embedded."""


def parse_video(url: str) -> Video:
    """The video behind a watch page or player address; VideoProblem if it is not allowed or malformed."""
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    segments = [s for s in parts.path.split("/") if s]
    if host == "bilibili.com" and len(segments) >= 2 and segments[0] == "video":
        if not _BVID.match(segments[1]):
            raise VideoProblem(f"'{segments[1]}' is not a Bilibili video id (BV + 10 characters)")
        return Video("bilibili", segments[1], _page(query.get("p")))
    if host == "player.bilibili.com":
        if _BVID.match(query.get("bvid", "")):
            return Video("bilibili", query["bvid"], _page(query.get("page") or query.get("p")))
        if query.get("aid", "").isdigit():
            return Video("bilibili", query["aid"], _page(query.get("page") or query.get("p")))
        raise VideoProblem("the Bilibili player address has neither a valid bvid nor an aid")
    if host in ("youtube.com", "youtube-nocookie.com", "youtu.be"):
        candidate = query.get("v", "") if segments[:1] == ["watch"] else (segments[-1] if segments else "")
        if _YOUTUBE_ID.match(candidate):
            return Video("youtube", candidate)
        raise VideoProblem("the YouTube address has no valid video id")
    raise VideoProblem(f"{parts.netloc or url} is not an allowed video host (Bilibili, YouTube)")


def usable_video(url: str | None) -> Video | None:
    """The video behind `url`, or None when there is none or it cannot be embedded (the checks
    report those; rendering just leaves them out)."""
    if not url:
        return None
    try:
        return parse_video(url)
    except VideoProblem:
        return None


def _page(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


def player_html(video: Video, language: str | None) -> str:
    """The placeholder a reader clicks to load the player (see docs/javascripts/video.js)."""
    name = label(language, f"video_{video.host}")
    return (
        f'\n\n<div class="course-video" data-embed="{html.escape(video.embed_url)}">'
        f'<button type="button" class="course-video__play">▶ {html.escape(name)}</button></div>\n\n'
    )
