"""Builders of fixture course repositories: a tidy one, and one with the upstream course's irregularities.

Each builder writes a real repository into a folder: the project's own `mkdocs.yml` and `docs/`
copied in (exactly what a maintainer would do to build an upstream checkout), module folders,
real PNG figures, and a git commit so pages get a "last updated" date.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

from PIL import Image

PROJECT = Path(__file__).resolve().parent.parent

OVERVIEW = """\
# AIFoundation

## 课程内容大纲

| 教程内容 | 简介 | 地址 |
| --- | --- | --- |
| 01. AI 芯片原理(完结) | 芯片模块简介。 | [[Slides](./01AIChip/)] |
| 02. 通信&存储 | 通信模块简介。 | [[Slides](./02StorComm/)] |
| 03. AI 集群 | 集群模块简介。 | [[Slides]()] |
| 04. 计算架构 | | [[Slides]()] |
| 05. 通信架构 | XCCL 模块简介。 | [[Slides](./05XCCL/)] |
| 06. 大模型算法 | | [[Slides]()] |
| 07. 大模型训练 | | [[Slides]()] |
| 08. 大模型推理 | | [[Slides]()] |
| 09. 大模型热点技术剖析 | 热点模块简介。 | [[Slides](./09Newsletters/)] |
"""


def write(root: Path, path: str, text: str) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def png(root: Path, path: str, size: tuple[int, int] = (64, 40), color: str = "steelblue") -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(target)
    return target


def pdf(root: Path, path: str, pages: int = 2) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    images = [Image.new("RGB", (160, 90), c) for c in ("white", "gray", "black")[:pages]]
    images[0].save(target, save_all=True, append_images=images[1:])
    return target


def site_files(root: Path, config_overrides: str = "") -> None:
    """Copy the project's `mkdocs.yml` and `docs/` into `root`, as a maintainer would."""
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(PROJECT / "docs", root / "docs", dirs_exist_ok=True)
    if config_overrides:
        with open(root / "mkdocs.yml", "a", encoding="utf-8") as f:
            f.write("\n" + config_overrides)
    (root / "images").mkdir(parents=True, exist_ok=True)
    for name in ("aifoundation.svg", "aifoundation.en.svg"):  # the home page's figure (docs/index.md)
        shutil.copy(PROJECT / "images" / name, root / "images" / name)


def commit(root: Path) -> None:
    env_args = ["-c", "user.name=Fixture", "-c", "user.email=fixture@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(
        ["git", *env_args, "commit", "-q", "-m", "fixture", "--date", "2025-03-14T12:00:00+00:00"],
        cwd=root, check=True, env={"GIT_COMMITTER_DATE": "2025-03-14T12:00:00+00:00", "PATH": "/usr/bin:/bin"},
    )


ARTICLE_MATH = """\
# 计算强度与 Roofline

计算强度 $I = F / B$ 决定性能上限。

$$
P = \\min(\\pi, \\beta \\times I)
$$

![Roofline 示意](./images/01Roofline01.png)

## GPU 结构

见 [下一节](./02MatMul.md#矩阵乘的计算量) 与 [本节](#gpu-结构)。
"""

ARTICLE_TWO = """\
# 矩阵乘法

## 矩阵乘的计算量

$$
\\text{FLOPs} = 2MNK
$$

![矩阵分块](images/02MatMul01.png)

```python
# 这不是标题
flops = 2 * m * n * k
```
"""


def tidy_course(root: Path, git: bool = True) -> Path:
    """Four modules, each with a chapter README and outline table; two articles with figures and math."""
    root.mkdir(parents=True, exist_ok=True)
    site_files(root)
    write(root, "README.md", OVERVIEW)
    write(root, "01AIChip/README.md", "# AI 芯片原理\n\n模块介绍。\n\n- [**《AI 计算体系》**](./01Foundation/)：计算。\n")
    write(root, "01AIChip/01Foundation/README.md", """\
# AI 计算体系

## 内容大纲

| 大纲 | 小节 | 链接 |
|:--:|:--:|:--:|
| 计算体系 | 01 计算强度与 Roofline | [文章](./01Roofline.md), [PPT](./01Roofline.pdf) |
| 计算体系 | 02 矩阵乘法 | [文章](./02MatMul.md) |
""")
    write(root, "01AIChip/01Foundation/01Roofline.md", ARTICLE_MATH)
    write(root, "01AIChip/01Foundation/02MatMul.md", ARTICLE_TWO)
    png(root, "01AIChip/01Foundation/images/01Roofline01.png")
    png(root, "01AIChip/01Foundation/images/02MatMul01.png")
    pdf(root, "01AIChip/01Foundation/01Roofline.pdf")
    for module, chapter, title in (
        ("02StorComm", "01CommBase", "通信基础"),
        ("05XCCL", "01Primitives", "集合通信原语"),
        ("09Newsletters", "01MoE", "混合专家模型"),
    ):
        write(root, f"{module}/README.md", f"# 模块 {module}\n\n- [{title}](./{chapter}/)\n")
        write(root, f"{module}/{chapter}/README.md", f"""\
# {title}

| 大纲 | 小节 | 链接 |
|:--:|:--:|:--:|
| {title} | 01 第一课 | [文章](./01Lesson.md) |
""")
        write(root, f"{module}/{chapter}/01Lesson.md", f"# {title}第一课\n\n正文。\n")
    if git:
        commit(root)
    return root


IRREGULAR_ARTICLE = """\
<!--Copyright © 适用于[License](https://github.com/chenzomi12/AIFoundation)版权许可-->

# GPU 工作原理(DONE) 

<!--
```
# 注释里的代码块标题
```
-->

**GPU 很快……。**比如矩阵乘。

![大小写不同](images/01introduction01.png)

![反斜杠路径](images\\\\02Works02.PNG)

<img src="images/中文 图.png" style="width:60%">

![借来的图](../02ChipBase/images/01CPU01.png)

![缺失的图](images/missing.png)

![越界的图](../../../outside.png)

$$
\\begin{align}
y &= W x \\\\
\\text{中文} &= b
\\end{align}
$$

$$E = mc^2$$后面紧跟文字，$ x$ 和 $10^12$，单个 $ 不闭合。

见 [下一节](./02Principle.md#不存在的标题) 和 [参考文献](链接) 以及 [代码](./code/README.md)。

```cpp
# include <cstdio>
```   

# 小结与思考

- Te- nsor Core

<html>
<iframe src="https://player.bilibili.com/player.html?aid=1&bvid=BV1bm4y1m7Ki&cid=2&page=1&as_wide=1&high_quality=1&danmaku=0&t=30&autoplay=0" width="100%" height="500" scrolling="no" border="0" frameborder="no" framespacing="0" allowfullscreen="true"> </iframe>
</html>
"""

IRREGULAR_CHAPTER = """\
<!--Copyright 适用于[License](https://github.com/chenzomi12/AIFoundation)版权许可-->

# 图形处理器 GPU

大纲 | 小节 | 链接
-|--| -- | ---
| 图形处理器 GPU | 01 GPU 工作原理(完结) | [文章](./01Works.md), [PPT](./01Works.pdf), [视频](https://www.bilibili.com/video/BV1bm4y1m7Ki/) |

| 图形处理器 GPU | 02 GPU 适用于 AI | [文章](./02Principle.md), [PPT](), [视频]() |
|:--:|:--:|:--:|
| 图形处理器 GPU | 02 GPU 适用于 AI | [文章](./02Principle.md), [PPT](), [视频]() |
| 图形处理器 GPU | 04 GPU 架构回顾第一篇 | [文章](./03.data_parallel.md), [PPT](./04Fermi.pdf) |
| 图形处理器 GPU | 04 GPU 架构回顾第二篇 | [文章](./03.data_parallel.md), [PPT](./01Introduction.pdf) |
| | 05 |
"""


def irregular_course(root: Path, git: bool = True) -> Path:
    """A repository with the upstream course's irregularities (see shared/notes/course-layout.md)."""
    root.mkdir(parents=True, exist_ok=True)
    site_files(root)
    write(root, "README.md", OVERVIEW)
    # Module README linking a renamed chapter folder; figure in the module's images/.
    write(root, "01AIChip/README.md", "<!--Copyright [License](https://x.org)-->\n\n# AI 芯片 \n\n"
          "![位置](./images/content.png)\n\n- [**《GPU》**](./03GPUBase/)\n- [**《旧名》**](./03GPUOld/)\n")
    png(root, "01AIChip/images/content.png")
    (root / "01AIChip/images/mindmap.xmind").write_bytes(b"PK\x03\x04 not shipped")
    chapter = "01AIChip/03GPUBase"
    write(root, f"{chapter}/README.md", IRREGULAR_CHAPTER)
    write(root, f"{chapter}/01Works.md", IRREGULAR_ARTICLE)
    write(root, f"{chapter}/02Principle.md", "# GPU 适用于 AI\n\n## 存在的标题\n\n正文[^1]。\n\n[^1]: 脚注。\n")
    write(root, f"{chapter}/03.data_parallel.md", "# 数据并行\n\n正文。")  # no final newline
    write(root, f"{chapter}/05Turing_副本.md", "# 副本\n\n复制出来的文件。\n")
    png(root, f"{chapter}/images/01Introduction01.png")
    png(root, f"{chapter}/images/02Works02.PNG")
    png(root, f"{chapter}/images/中文 图.png")
    png(root, f"{chapter}/images/same.png")
    png(root, f"{chapter}/images/same.jpg")
    png(root, f"{chapter}/images/Case.png")
    png(root, f"{chapter}/images/case.png", color="red")
    png(root, f"{chapter}/images/resnet.pt.png")
    (root / f"{chapter}/images/sources").mkdir(parents=True)
    (root / f"{chapter}/images/sources/fig.graffle").write_bytes(b"graffle")
    png(root, f"{chapter}/cover/01.png")
    write(root, f"{chapter}/srt/01.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n")
    write(root, f"{chapter}/str/02.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n")
    pdf(root, "01AIChip/01Introduction.pdf")
    # A borrowed figure from a sibling chapter with content.
    write(root, "01AIChip/02ChipBase/01CPUBase.md", "# CPU 基础\n\n![CPU](images/01CPU01.png)\n")
    png(root, "01AIChip/02ChipBase/images/01CPU01.png")
    # A chapter with no README, and one with a trailing space and a Chinese name.
    write(root, "01AIChip/04NoReadme/01Only.md", "# 唯一的文章\n")
    write(root, "01AIChip/05中文 /01文章.md", "# 中文目录里的文章\n")
    # A slides-only chapter: outline, no article; the deck is not in the repository.
    write(root, "01AIChip/06Slides/README.md", "# 只有课件\n\n| 大纲 | 小节 | 链接 |\n|--|--|--|\n"
          "| 课件 | 01 第一讲 | [PPT](./01First.pdf), [视频](https://www.bilibili.com/video/BV1Ms4y1N7RL/) |\n")
    # A vendored third-party project under code/: never pages.
    write(root, f"{chapter}/code/README.md", "# Vendored project\n\n[api](docs/api.md)\n")
    write(root, f"{chapter}/code/docs/api.md", "# API\n")
    write(root, f"{chapter}/code/CMakeLists.txt", "project(x)\n")
    # Older module generations side by side, one with no README, one with only covers.
    write(root, "06Algo&Data/01Intro/01Basics.md", "# 算法基础\n")
    png(root, "07News/cover/01.png")
    # A second module with the `str/` spelling and a module-level article.
    write(root, "09Newsletters/README.md", "# 热点\n\n- [MoE](./01MoE/)\n")
    write(root, "09Newsletters/01MoE/README.md", "# 混合专家\n\n| 大纲 | 小节 | 链接 |\n|--|--|--|\n"
          "| MoE | 01 基本原理 | [PPT](./20250110MoE.pdf) |\n| MoE | 02 年度 | [PPT](./2024.pdf) |\n")
    pdf(root, "09Newsletters/01MoE/2024.pdf")
    # A symlink that points outside the repository.
    outside = root.parent / f"{root.name}-outside.png"
    Image.new("RGB", (8, 8)).save(outside)
    (root / f"{chapter}/images/link-out.png").symlink_to(outside)
    write(root, "01AIChip/02ChipBase/02Link.md", "# 外链\n\n![符号链接](../03GPUBase/images/link-out.png)\n")
    secret = root.parent / f"{root.name}-secret.md"
    secret.write_text("# 仓库外的秘密\n\nSECRET-OUTSIDE-TEXT\n", encoding="utf-8")
    (root / "01AIChip/02ChipBase/03Leak.md").symlink_to(secret)
    if git:
        commit(root)
    return root


def large_course(root: Path, modules: int = 6, chapters: int = 7, articles: int = 7, git: bool = False) -> Path:
    """A course the size of the upstream one (about 300 articles of ~10,000 characters, 3 figures each)."""
    root.mkdir(parents=True, exist_ok=True)
    site_files(root)
    write(root, "README.md", OVERVIEW)
    paragraph = "大模型训练依赖集合通信，带宽与延迟共同决定了通信时间。" * 12
    figure = root / "_figure.png"
    Image.new("RGB", (32, 20), "gray").save(figure)
    for m in range(1, modules + 1):
        module = f"{m:02d}Module{m}"
        links = "\n".join(f"- [第 {c} 章](./{c:02d}Chapter{c}/)" for c in range(1, chapters + 1))
        write(root, f"{module}/README.md", f"# 模块 {m}\n\n{paragraph}\n\n{links}\n")
        for c in range(1, chapters + 1):
            chapter = f"{module}/{c:02d}Chapter{c}"
            rows = "\n".join(
                f"| 第 {c} 章 | {a:02d} 第 {a} 课 | [文章](./{a:02d}Lesson{a}.md), [PPT](./{a:02d}Lesson{a}.pdf) |"
                for a in range(1, articles + 1)
            )
            write(root, f"{chapter}/README.md", f"# 第 {m}.{c} 章\n\n| 大纲 | 小节 | 链接 |\n|:--:|:--:|:--:|\n{rows}\n")
            for a in range(1, articles + 1):
                body = [f"# 第 {m}.{c}.{a} 课\n"]
                for s in range(1, 7):
                    body.append(f"## 第 {s} 节\n\n{paragraph}\n\n$$\nT = \\alpha + \\frac{{n}}{{\\beta}}\n$$\n")
                    if s <= 3:
                        name = f"{a:02d}Lesson{a}{s:02d}.png"
                        (root / chapter / "images").mkdir(parents=True, exist_ok=True)
                        shutil.copy(figure, root / chapter / "images" / name)
                        body.append(f"![图 {s}](images/{name})\n")
                write(root, f"{chapter}/{a:02d}Lesson{a}.md", "\n".join(body))
    figure.unlink()
    if git:
        commit(root)
    return root


def bilingual_course(root: Path, git: bool = True) -> Path:
    """The tidy course with part of it translated: module, chapter and one article; 02MatMul is not."""
    tidy_course(root, git=False)
    write(root, "01AIChip/README.en.md", "# AI chip principles\n\nThe module page.\n\n- [Compute](./01Foundation/)\n")
    write(root, "01AIChip/01Foundation/README.en.md", """\
# AI compute fundamentals

| Part | Lesson | Links |
|:--:|:--:|:--:|
| Compute | 01 Roofline | [Article](./01Roofline.md), [Slides](./01Roofline.pdf) |
| Compute | 02 Matrix multiplication | [Article](./02MatMul.md) |
""")
    write(root, "01AIChip/01Foundation/01Roofline.en.md", """\
# Compute intensity and the roofline (DONE)

The arithmetic intensity of a kernel decides whether the memory architecture or the compute units limit it.

![Roofline sketch](./images/01Roofline01.png)

## GPU structure

See [the next lesson](./02MatMul.md#矩阵乘的计算量).
""")
    # Chinese text with course terms that jieba would split without the course dictionary.
    write(root, "05XCCL/01Primitives/02Parallel.md", "# 并行方式\n\n张量并行把一层的矩阵切开，昇腾芯片上同样适用。\n")
    if git:
        commit(root)
    return root


COURSE_MODULES = ("01AIChip", "02StorComm", "05XCCL", "09Newsletters")


def scaled_course(root: Path, copies: int) -> Path:
    """The project's own course `copies` times over: the modules, then copies numbered 11, 12, 15, 19,
    21, ... with the same text (decks and raw figures left out, so the build costs the pages only)."""
    root.mkdir(parents=True, exist_ok=True)
    site_files(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - course:\n", "  - course:\n      images: false\n"), encoding="utf-8")
    for name in ("README.md", "README.en.md"):
        shutil.copy(PROJECT / name, root / name)
    skip = shutil.ignore_patterns("*.pdf", "*.pptx", "*.png", "*.jpg", "*.svg", "code")
    for copy in range(copies):
        for module in COURSE_MODULES:
            number = int(module[:2]) + 10 * copy
            shutil.copytree(PROJECT / module, root / f"{number:02d}{module[2:]}", ignore=skip)
    return root


HOSTILE_FRONT = {
    "05XCCL/01Primitives/03List.md": "---\n- one\n- two\n---\n\n# 列表头信息\n\n正文。\n",
    "05XCCL/01Primitives/04Twice.md": "---\ntitle: 第一个\ntitle: 第二个\n---\n\n# 重复键\n\n正文。\n",
    "05XCCL/01Primitives/05Broken.md": "---\ntitle: [unclosed\n---\n\n# 坏的头信息\n\n正文。\n",
    "05XCCL/01Primitives/06Topic.md": '---\ntitle: "<img src=x onerror=alert(1)>"\n---\n\n# 标题\n\n正文。\n',
}


def hostile_course(root: Path, git: bool = True) -> Path:
    """The tidy course with what a hostile or careless pull request brings (issue 18's table).

    Each case sits in its own file so a test can find its message by file and line.
    """
    tidy_course(root, git=False)
    chapter = "05XCCL/01Primitives"
    # Row 2: encodings.
    (root / f"{chapter}/10Gbk.md").write_bytes("# 国标编码\n\n正文。\n".encode("gbk"))
    (root / f"{chapter}/11Utf16.md").write_bytes("# 十六位\n\n正文。\n".encode("utf-16"))
    (root / f"{chapter}/12Invalid.md").write_bytes("# 坏字节\n\n第三行 ".encode() + b"\xff\xfe" + b" end\n")
    (root / f"{chapter}/13Bom.md").write_bytes(b"\xef\xbb\xbf" + "# 带 BOM\n\n正文。\n".encode())
    # Row 3: script in headings; harmless titles with < and &.
    write(root, f"{chapter}/02Script.md", "# Heading <script>alert(1)</script>\n\n正文。\n")
    write(root, "02StorComm/01CommBase/README.md",
          "# <img src=x onerror=alert(1)> 通信\n\n| 大纲 | 小节 | 链接 |\n|:--:|:--:|:--:|\n"
          "| 通信 & <b>基础</b> | 01 第一课 <i>x</i> | [文章](./01Lesson.md) |\n")
    write(root, "02StorComm/01CommBase/02Angle.md", "# A & B <C\n\n正文。\n")
    (root / f"{chapter}/srt/01.srt").parent.mkdir(parents=True, exist_ok=True)
    (root / f"{chapter}/srt/01.srt").write_bytes("1\n00:00:01,000 --> 00:00:02,000\n你好\n".encode("gbk"))
    # Rows 4 and 11: front matter.
    for path, text in HOSTILE_FRONT.items():
        write(root, path, text)
    # Row 5: script addresses and HTML.
    write(root, f"{chapter}/07Links.md", "# 链接\n\n[x](javascript:alert(1))\n\n[y]( JavaScript:alert(2))\n\n"
          '<a href="java\tscript:alert(3)">z</a>\n\n[d](data:text/html;base64,PHNjcmlwdD4=)\n\n'
          '![ok](data:image/png;base64,iVBORw0KGgo=)\n\n<p onclick="alert(4)">p</p>\n')
    # Row 6: two sources, one address.
    write(root, "05XCCL/01Primitives.md", "# 与章节同名\n\n正文。\n")
    write(root, "05XCCL/04x.md", "# 页面 04x\n")
    write(root, "05XCCL/04x/index.md", "# 索引 04x\n")
    write(root, "05XCCL/04x/README.md", "# 说明 04x\n")
    write(root, f"{chapter}/18a b.md", "# 有空格\n")
    write(root, f"{chapter}/18a%20b.md", "# 百分号空格\n")
    # Row 9: a line separator and a form feed inside a table row; a broken link after them.
    write(root, f"{chapter}/08Table.md", "# 表格\n\n| a | b |\n|--|--|\n| 1\u2028x | 2\x0cy |\r\n| 3 | 4 |\n\n"
          "[断链](./nothing.md)\n")
    # Row 12: a page whose name holds a percent sign, and a link to it.
    write(root, f"{chapter}/05Ha%23sh.md", "# 百分号\n\n正文。\n")
    write(root, f"{chapter}/09LinkHash.md", "# 链到百分号\n\n[百分号](./05Ha%23sh.md)\n")
    # Row 7: a text file named like a deck, and a ZIP that LibreOffice cannot convert, beside articles.
    write(root, f"{chapter}/14Fake.md", "# 假课件\n\n正文。\n")
    write(root, f"{chapter}/14Fake.pptx", "this is not a deck\n")
    write(root, f"{chapter}/15Zip.md", "# 坏课件\n\n正文。\n")
    with zipfile.ZipFile(root / f"{chapter}/15Zip.pptx", "w") as archive:
        archive.writestr("[Content_Types].xml", "garbage")
        archive.writestr("ppt/presentation.xml", "<not xml")
    # Row 10: limits on one page.
    write(root, f"{chapter}/16Headings.md", "# 标题太多\n\n" + "".join(f"## 第 {i} 节\n\n" for i in range(20_000)))
    write(root, f"{chapter}/17Huge.md", "# 太大\n\n" + ("很长的一段文字。" * 50 + "\n\n") * 1000)
    # Row 14: a figure with a dot in its stem, in a folder with `&`.
    write(root, "02StorComm/02Net&Store/README.md", "# 网络与存储\n\n![数据并行](images/03.data_parallel01.png)\n")
    png(root, "02StorComm/02Net&Store/images/03.data_parallel01.png", (900, 500))
    if git:
        commit(root)
    return root
