"""Interface strings the generator writes into pages, per language ('' is the default, Chinese)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "": {
        "slides_only": "本章以幻灯片和视频授课，暂无文字稿。课件与视频见下方大纲。",
        "upcoming": "即将推出",
        "too_large": "本页超出网站对单页大小或标题数量的限制，暂未生成。",
        "open_module": "进入模块",
        "module": "模块",
        "chapters": "章节",
        "articles": "文章",
        "generated_intro": "本页由课程目录自动生成。",
        "untranslated_title": "本页尚未翻译",
        "search_fallback": "（原文，尚未翻译）",
        "untranslated": "本页还没有译文，下面是原文。",
        "help_translate": '欢迎<a href="{url}">参与翻译</a>。',
        "deck": "课件",
        "deck_meta": "{pages} 页 · {size}",
        "deck_download": "下载 PDF",
        "deck_page": "第 {n} 页",
        "transcript": "讲课字幕",
        "outline_part": "大纲",
        "outline_lesson": "小节",
        "outline_links": "内容",
        "outline_article": "文章",
        "outline_deck": "课件",
        "outline_video": "视频",
        "outline_transcript": "字幕",
        "outline_unpublished": "课件未发布",
        "video_bilibili": "播放讲课视频（哔哩哔哩）",
        "video_youtube": "播放讲课视频（YouTube）",
    },
    "en": {
        "slides_only": "This chapter is taught with slides and videos; it has no written articles yet. "
        "Find the decks and videos in the outline below.",
        "upcoming": "Coming soon",
        "too_large": "This page is over the site's limit on the size or the number of headings of one page; "
        "it is not built.",
        "open_module": "Open the module",
        "module": "Module",
        "chapters": "Chapters",
        "articles": "Articles",
        "generated_intro": "This page is generated from the course folders.",
        "untranslated_title": "Not translated yet",
        "search_fallback": " (in Chinese, not translated yet)",
        "untranslated": "This page has no English translation yet; it is shown in Chinese below. "
        '<a href="{original}" hreflang="zh">Read the Chinese original</a>.',
        "help_translate": '<a href="{url}">Help translate it</a>.',
        "deck": "Slides",
        "deck_meta": "{pages} pages · {size}",
        "deck_download": "Download the PDF",
        "deck_page": "Slide {n}",
        "transcript": "Lecture transcript (Chinese)",
        "outline_part": "Part",
        "outline_lesson": "Lesson",
        "outline_links": "Materials",
        "outline_article": "Article",
        "outline_deck": "Slides",
        "outline_video": "Video",
        "outline_transcript": "Transcript",
        "outline_unpublished": "slides not yet published",
        "video_bilibili": "Play the lecture video (Bilibili)",
        "video_youtube": "Play the lecture video (YouTube)",
    },
}


def label(language: str | None, key: str) -> str:
    """The string for `key` in `language`, falling back to the default language."""
    return LABELS.get(language or "", LABELS[""]).get(key) or LABELS[""][key]
