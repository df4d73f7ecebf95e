"""A content-security policy on every page: the site's own scripts run, script a page brings does not.

The site is static (GitHub Pages sends no headers of ours), so the policy is a `<meta>` element.
Scripts come from the site's own files, plus the theme's few inline scripts, allowed by their
hashes; inline scripts inside a page's body are not hashed, and inline event handlers and
`javascript:` addresses are never allowed, so raw HTML a contributor slips into an article is
inert even where the check's warning was overlooked. Players load only from the two video hosts.
"""

from __future__ import annotations

import base64
import hashlib
import re

from .lessons.videos import PLAYER_ORIGINS

_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_ANCHOR = re.compile(r"<meta charset=[^>]*>|<head\b[^>]*>", re.IGNORECASE)


def _inline_scripts(html: str) -> list[str]:
    return [m.group(2) for m in _INLINE_SCRIPT.finditer(html)
            if "src=" not in m.group(1).lower() and "application/json" not in m.group(1).lower()]


def policy(page_html: str, body_html: str) -> str:
    """The policy for one page: `page_html` is the whole page, `body_html` its own content."""
    own = set(_inline_scripts(body_html))
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _inline_scripts(page_html) if script not in own
    })
    return "; ".join((
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *hashes]),
        "style-src 'self' 'unsafe-inline'",  # the course's figures carry style="width:60%"
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src " + " ".join(PLAYER_ORIGINS),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ))


def with_policy(page_html: str, body_html: str) -> str:
    """`page_html` with its policy right after `<meta charset>` (before any script)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page_html, body_html)}">'
    return _ANCHOR.sub(lambda m: m.group(0) + meta, page_html, count=1)
