"""Lessons beyond the article: slide decks (and, next, videos, subtitles and the talk catalogue)."""
