"""Rules for the course's file and folder names: number prefixes, order, and language suffixes.

Names in the course are irregular (`03.data_parallel.md`, `06Algo&Data`, `_副本` copies, no number,
a trailing space), so these rules never reject a name: they order it and, where it would confuse
the site, say so through the checks.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^(\d+)[ ._\-]*(.*)$")
# The i18n plugin treats any last dotted part that looks like a locale as a language marker.
_LOCALE_LIKE = re.compile(r"^(?:[a-z]{2}(?:-[A-Za-z]{4})?(?:-[A-Z]{2})?|[a-z]{2}_[A-Z]{2})$")


def split_number(name: str) -> tuple[int | None, str]:
    """`02ArchSlim` -> (2, "ArchSlim"); `03.data_parallel` -> (3, "data_parallel"); `Intro` -> (None, "Intro")."""
    m = _NUMBER.match(name.strip())
    if not m:
        return None, name.strip()
    return int(m.group(1)), m.group(2).strip()


def sort_key(name: str) -> tuple[int, int, str]:
    """Numbered names first, by number, then the rest by name: the order a reader expects."""
    number, rest = split_number(name)
    if number is None:
        return (1, 0, name.casefold())
    return (0, number, rest.casefold())


def humanize(name: str) -> str:
    """A readable fallback title for a folder with no README: `02ChipBase` -> `Chip Base`."""
    _, rest = split_number(name)
    rest = rest.replace("_", " ").replace("-", " ")
    rest = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", rest)
    return re.sub(r"\s+", " ", rest).strip() or name.strip()


def stem_and_language(filename: str, languages: tuple[str, ...]) -> tuple[str, str | None]:
    """`02ArchSlim.en.md` -> ("02ArchSlim", "en"); `02ArchSlim.md` -> ("02ArchSlim", None).

    Only the configured non-default languages count as translations; other dotted parts stay in
    the stem (`03.data_parallel.md`).
    """
    base = filename.rsplit(".", 1)[0] if "." in filename else filename
    if "." in base:
        head, last = base.rsplit(".", 1)
        if last in languages:
            return head, last
    return base, None


def misread_language(filename: str, languages: tuple[str, ...]) -> str | None:
    """The bogus language the i18n plugin would read from this name, if any (`resnet.pt.png` -> `pt`)."""
    base = filename.rsplit(".", 1)[0] if "." in filename else filename
    if "." not in base:
        return None
    last = base.rsplit(".", 1)[1]
    if last in languages or not _LOCALE_LIKE.match(last):
        return None
    return last
