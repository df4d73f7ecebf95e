"""Formulas typeset at build time as MathML: no script, no font download, no CDN.

Readers in mainland China often cannot reach the public CDNs that MathJax and KaTeX load from, and
then see raw LaTeX. Browsers render MathML natively (Chromium since 109, Firefox, Safari), so the
site converts every formula while building and ships none of a math library. `pymdownx.arithmatex`
(generic mode) keeps formulas away from the Markdown parser and marks them; this module replaces
each marked formula with MathML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from latex2mathml.converter import convert

_MARKED = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])\s*</(?P=tag)>',
    re.DOTALL,
)


@dataclass(frozen=True)
class MathError:
    """A formula that could not be typeset; it is left as its TeX source."""

    tex: str
    reason: str


def typeset(page_html: str) -> tuple[str, list[MathError]]:
    """Replace every arithmatex formula in `page_html` with MathML; report those that fail."""
    errors: list[MathError] = []

    def replace(m: re.Match[str]) -> str:
        block = m.group("block") is not None
        tex = html.unescape(m.group("block") if block else m.group("inline")).strip()
        try:
            mathml = convert(tex, display="block" if block else "inline")
        except Exception as error:  # latex2mathml raises many exception types for bad input
            errors.append(MathError(tex, str(error) or type(error).__name__))
            return m.group(0)
        # Keep the TeX as the accessible name and for copy-paste.
        mathml = mathml.replace("<math ", f'<math alttext="{html.escape(tex, quote=True)}" ', 1)
        return f'<{m.group("tag")} class="arithmatex">{mathml}</{m.group("tag")}>'

    return _MARKED.sub(replace, page_html), errors
