"""The Markdown scanner: titles, headings and references, ignoring code and comments."""

from coursesite.course.scan import RefKind, clean_title, first_h1, headings, mask, references

SOURCE = """\
<!--Copyright 适用于[License](https://github.com/x/y)版权许可-->

# GPU 原理(DONE) 

<!--
```
# 注释里的标题
```
-->

```python
# 代码里的注释
![not](a.png)
```   

正文 ![图](images\\a.png) 和 [链接](./b.md#节) `[代码](c.md)` <img src="images/d.png" style="x">

[![内嵌](e.png)](f.md)

[ref]: ./g.md

# 小结与思考
"""


def test_mask_keeps_line_numbers_and_blanks_code_and_comments():
    masked = mask(SOURCE)
    assert len(masked) == len(SOURCE.splitlines())
    assert masked[0] == ""
    assert all(line == "" for line in masked[4:15])
    assert "[代码](c.md)" not in masked[15]
    assert len(masked[15]) == len(SOURCE.splitlines()[15])


def test_title_is_first_h1_outside_code_without_status_suffix():
    masked = mask(SOURCE)
    title = first_h1(masked)
    assert title is not None and title.line == 3
    assert clean_title(title.text) == "GPU 原理"
    assert [h.text for h in headings(masked)] == ["GPU 原理(DONE)", "小结与思考"]


def test_clean_title_variants():
    assert clean_title("  Tensor  Core （完结） ") == "Tensor Core"
    assert clean_title("通信 {#comm}") == "通信"
    assert clean_title("**粗体标题**") == "粗体标题"


def test_references_found_with_lines_and_kinds():
    refs = references(mask(SOURCE))
    found = {(r.kind, r.target, r.line) for r in refs}
    assert (RefKind.IMAGE, "images\\a.png", 16) in found
    assert (RefKind.LINK, "./b.md#节", 16) in found
    assert (RefKind.HTML_IMAGE, "images/d.png", 16) in found
    assert (RefKind.LINK, "f.md", 18) in found
    assert (RefKind.IMAGE, "e.png", 18) in found
    assert (RefKind.DEFINITION, "./g.md", 20) in found
    assert not any(r.target in ("a.png", "c.md") for r in refs)
    assert not any("github.com/x/y" in r.target for r in refs)


def test_reference_columns_point_at_the_source_text():
    line = SOURCE.splitlines()[15]
    for ref in references(mask(SOURCE)):
        if ref.line == 16:
            assert line[ref.column : ref.column + len(ref.raw)] == ref.raw
