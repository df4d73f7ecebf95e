"""Chinese word segmentation for the index: jieba with the course's dictionary of terms.

Pagefind's own Chinese segmentation (and the browser's `Intl.Segmenter` on the query) splits course
terms such as 张量并行 or 脉动阵列 into their parts. Words are instead cut here, once, and written
into the indexed text with a plain space between two Han words; the reader's query is cut into the
same words in the browser by longest match against the words the index holds (`words_by_shard`).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from pathlib import Path

import jieba

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
"""A run of Han characters: a word of the list has only these."""

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
"""A run of Han characters and CJK punctuation: what jieba cuts (Latin words are split by Pagefind).
Punctuation is cut off too, so that an excerpt's words end where the reader's words end."""

SHARDS = 64
"""How many files the list of multi-character words is split into; the browser fetches the shard of
each character a query's Han words start with. The worker computes the same `shard` (CRC-32)."""


def shard(character: str) -> int:
    """The shard holding the words that start with `character` (mirrored in the search worker)."""
    return zlib.crc32(character.encode("utf-8")) % SHARDS


class Segmenter:
    """jieba with the course dictionary.

    It uses jieba's process-wide tokenizer, which Material's search plugin has already loaded with
    the same `jieba_dict_user` in its `on_config`: building a second one costs a second or more of
    every build. Loading the dictionary again only adds its few words' frequencies to jieba's total a
    second time (hundreds against tens of millions), which moves no cut.
    """

    def __init__(self, dictionary: Path | None) -> None:
        self._jieba = jieba.dt
        self._jieba.initialize()
        if dictionary is not None and dictionary.is_file():
            self._jieba.load_userdict(str(dictionary))
        self._cache: dict[str, list[str]] = {}
        """Cut of every Han run seen: kept across `mkdocs serve` rebuilds, so an edit costs its page only."""

    def spaced(self, text: str, words: set[str]) -> str:
        """`text` with a space between every two Han words (and nothing else changed); the
        multi-character words used are added to `words`."""
        def cut(match: re.Match[str]) -> str:
            run = match.group(0)
            parts = self._cache.get(run)
            if parts is None:
                parts = self._cache[run] = list(self._jieba.cut(run, HMM=True))
            words.update(part for part in parts if len(part) > 1 and HAN.fullmatch(part))
            return " ".join(parts)

        return CJK.sub(cut, text)


def words_by_shard(words: set[str]) -> dict[int, list[str]]:
    """Multi-character words by `shard` of their first character, longest first."""
    shards: dict[int, list[str]] = defaultdict(list)
    for word in words:
        shards[shard(word[0])].append(word)
    return {key: sorted(group, key=lambda w: (-len(w), w)) for key, group in shards.items()}
