"""Build-time typesetting of formulas as MathML."""

from coursesite.math import typeset


def test_inline_and_block_become_mathml_with_tex_kept():
    html, errors = typeset(
        '<p>见 <span class="arithmatex">\\(a &lt; b\\)</span></p>'
        '<div class="arithmatex">\\[\n\\begin{align} y &amp;= Wx \\\\ \\text{偏置} &amp;= b \\end{align}\n\\]</div>'
    )
    assert errors == []
    assert '<math alttext="a &lt; b"' in html and 'display="inline"' in html
    assert 'display="block"' in html and "<mtable" in html and "<mtext>偏置</mtext>" in html


def test_bad_formula_is_left_as_tex_and_reported():
    source = '<span class="arithmatex">\\(\\left( x\\)</span>'
    html, errors = typeset(source)
    assert html == source
    assert [e.tex for e in errors] == ["\\left( x"]
