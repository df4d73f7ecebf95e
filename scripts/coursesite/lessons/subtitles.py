"""Lecture subtitles as a transcript under the lesson: collapsible, timestamped, found by search.

Subtitles live in a chapter's `srt/` folder (also spelled `str/` or `src/` in the course), named by
lesson number (`srt/01.srt`) or by article (`srt/01Roofline.srt`). Parsing uses the `srt` library;
a file it cannot read is reported with its path, not shown.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import srt

from ..labels import label

SUBTITLE_FOLDERS = ("srt", "str", "src")
PARAGRAPH_SECONDS = 60
"""Cues are grouped into paragraphs of about a minute, each starting with its timestamp."""


@dataclass(frozen=True)
class Cue:
    start: float
    """Seconds from the start of the lecture."""
    text: str


class BadSubtitles(ValueError):
    """The file is not SubRip the `srt` library can read."""


def read_cues(text: str) -> list[Cue]:
    """The cues of a subtitle file's text (read by `course.text.read_source`, like every source)."""
    try:
        subtitles = list(srt.parse(text))
    except (srt.SRTParseError, ValueError) as error:
        raise BadSubtitles(str(error).splitlines()[0] if str(error) else type(error).__name__) from error
    return [Cue(s.start.total_seconds(), " ".join(s.content.split())) for s in subtitles if s.content.strip()]


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def transcript_html(cues: list[Cue], language: str | None) -> str:
    """A `<details>` block: the transcript in paragraphs of about a minute, each with its time."""
    paragraphs: list[list[Cue]] = []
    for cue in cues:
        if not paragraphs or cue.start - paragraphs[-1][0].start >= PARAGRAPH_SECONDS:
            paragraphs.append([])
        paragraphs[-1].append(cue)
    # Cues carry no final punctuation: a space keeps one cue from running into the next.
    body = "\n".join(
        f'<p><span class="course-transcript__time">{_clock(group[0].start)}</span> '
        f'{html.escape(" ".join(c.text for c in group))}</p>'
        for group in paragraphs
    )
    length = _clock(cues[-1].start) if cues else "00:00"
    return (
        f'\n\n<details class="course-transcript" id="transcript">\n<summary>{html.escape(label(language, "transcript"))} '
        f"({length})</summary>\n{body}\n</details>\n"
    )
