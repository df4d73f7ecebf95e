"""The course text itself: corrected statements stay corrected in both languages, and every lesson
ends with self-check questions that the reader opens after trying.

These tests read the repository's own lessons (not fixtures): a Chinese lesson and its English
twin must say the same thing, so each correction is asserted in both files together, and the
wording it replaced must be gone from both.
"""

from __future__ import annotations

import re

import pytest
from builders import PROJECT
from coursesite.course.discover import Discoverer

# (lesson, what the Chinese lesson now says, what the English lesson now says, wording that was wrong)
CORRECTIONS = [
    (
        "01AIChip/04TPU/03TPUv4",
        ["三维网格（3D mesh）", "可以配置成三维环面的切片形状", "更小的切片是网格"],
        ["calls the v4 interconnect a 3D mesh", "torus-capable slice shapes", "smaller slices are meshes"],
        ["4096 颗芯片组成三维环面", "Its 4096 chips form a 3D torus"],
    ),
    (
        "02StorComm/03Storage/03DataPipeline",
        [
            "单台服务器上的训练加速 2 倍",
            "多台服务器上的训练加速 15 倍",
            "超参数搜索加速 5.7 倍",
            "10.14778/3446095.3446100",
        ],
        [
            "single-server training by up to 2x",
            "multi-server training by up to 15x",
            "hyperparameter search by up to 5.7x",
            "10.14778/3446095.3446100",
        ],
        ["缩短到五分之一", "up to a 5x shorter training time"],
    ),
    (
        "05XCCL/01Primitives/03AllToAll",
        [
            "对分下限 $\\frac{n}{2\\beta}$ 只有约 0.34 ms",
            "注入带宽下限 $\\frac{p-1}{p}\\cdot\\frac{n}{\\beta}$ 约 0.66 ms",
        ],
        [
            "bisection bound $\\frac{n}{2\\beta}$ is only about 0.34 ms",
            "injection bound $\\frac{p-1}{p}\\cdot\\frac{n}{\\beta}$ is about 0.66 ms",
        ],
        ["全对分网络的下限约 0.66 ms", "the bound is about 0.66 ms on the full-bisection network"],
    ),
    (
        "02StorComm/03Storage/01MemoryHierarchy",
        ["不是主机内存本身的带宽", "../01CommBase/03PCIe.md#pcie-generations"],
        ["not the bandwidth of host memory itself", "../01CommBase/03PCIe.md#pcie-generations"],
        ["03GPUArch/03NVLink.md)）", "03GPUArch/03NVLink.md))"],
    ),
    (
        "01AIChip/02ChipBase/01CPUBase",
        ["Backus 获得 1977 年的图灵奖", "1978 年发表于 Communications of the ACM"],
        ["Backus received the 1977 Turing Award", "published in Communications of the ACM in 1978"],
        ["1978 年的图灵奖演讲", "1978 Turing Award lecture"],
    ),
    (
        "01AIChip/03GPUArch/02TensorCore",
        ["第二代是 2018 年的 Turing", "INT8 和 INT4", "Blackwell", "4 位浮点（FP4）", "4、6、8 位浮点类型"],
        [
            "The second was Turing in 2018",
            "INT8 and INT4",
            "Blackwell",
            "4-bit floating point (FP4)",
            "4-, 6- and 8-bit floating-point types",
        ],
        [],
    ),
    (
        "01AIChip/04TPU/02TPUv2v3",
        ["清单之外还有一项变化：时钟也提高了", "约 700 MHz 提高到约 940 MHz"],
        ["One more change lies outside that list: the clock also rose", "from about 700 MHz on TPUv2 to about 940 MHz"],
        [],
    ),
    (
        "05XCCL/02Library/02Algorithms",
        [
            "Add tree algorithms for allreduce to improve performance at scale",
            "02TreeAllReduce.md#double-binary-tree",
            "35(12): 581–594, 2009. [https://doi.org/10.1016/j.parco.2009.09.001]",
        ],
        [
            "Add tree algorithms for allreduce to improve performance at scale",
            "02TreeAllReduce.md#double-binary-tree",
            "35(12): 581–594, 2009. [https://doi.org/10.1016/j.parco.2009.09.001]",
        ],
        ["中小消息的全归约性能", "for small and medium messages", "Parallel Computing, 35: 581"],
    ),
    (
        "02StorComm/02Topology/02Torus",
        ["谷歌云文档称为三维网格", "https://cloud.google.com/tpu/docs/v4"],
        ["calls it a 3D mesh", "https://cloud.google.com/tpu/docs/v4"],
        [],
    ),
    (
        "05XCCL/01Primitives/02TreeAllReduce",
        ["$p$ 为偶数时平移一位同样可行"],
        ["For even $p$ a shift by one works as well"],
        [],
    ),
    (
        "05XCCL/01Primitives/01RingAllReduce",
        ["以 2.24 版为准", "archives/nccl_2243/user-guide/docs/api/colls.html"],
        ["(version 2.24)", "archives/nccl_2243/user-guide/docs/api/colls.html"],
        ["nccl/user-guide/docs/api/colls.html"],
    ),
    (
        "05XCCL/03Parallelism/03PipelineParallel",
        ["$p$ 表示流水线的阶段数，而前面各节里的 $p$ 是参与集合通信的进程（rank）数"],
        ["using $p$ for the number of pipeline stages, whereas in the earlier lessons $p$ is the number of processes"],
        [],
    ),
]


def _read(path: str) -> str:
    return (PROJECT / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(("lesson", "zh", "en", "gone"), CORRECTIONS, ids=[c[0] for c in CORRECTIONS])
def test_each_correction_is_made_in_both_languages(lesson, zh, en, gone):
    chinese, english = _read(f"{lesson}.md"), _read(f"{lesson}.en.md")
    assert [s for s in zh if s not in chinese] == [], lesson + ".md"
    assert [s for s in en if s not in english] == [], lesson + ".en.md"
    assert [s for s in gone if s in chinese or s in english] == [], lesson


# One idea, one full explanation: the other lessons link to it (lesson, link it must carry in both languages).
SHARED_EXPLANATIONS = [
    ("01AIChip/04TPU/02TPUv2v3", "../01Foundation/03BitWidth.md#bf16"),
    ("01AIChip/03GPUArch/02TensorCore", "../01Foundation/03BitWidth.md#bf16"),
    ("01AIChip/04TPU/02TPUv2v3", "../../02StorComm/02Topology/02Torus.md#torus-allreduce"),
    ("01AIChip/04TPU/03TPUv4", "../../02StorComm/02Topology/02Torus.md#torus-metrics"),
    ("02StorComm/02Topology/02Torus", "../../01AIChip/04TPU/03TPUv4.md#tpu-v4-slices"),
    ("02StorComm/03Storage/01MemoryHierarchy", "../../05XCCL/03Parallelism/01DataParallel.md#zero-communication"),
    ("02StorComm/03Storage/02Checkpoint", "./01MemoryHierarchy.md#zero"),
    ("05XCCL/03Parallelism/01DataParallel", "../../02StorComm/03Storage/01MemoryHierarchy.md#zero"),
    ("05XCCL/03Parallelism/01DataParallel", "../../02StorComm/03Storage/01MemoryHierarchy.md#bytes-per-parameter"),
    ("05XCCL/03Parallelism/01DataParallel", "../02Library/03Hierarchical.md#ddp-buckets"),
    ("02StorComm/01CommBase/01AlphaBeta", "../../05XCCL/02Library/03Hierarchical.md#ddp-buckets"),
    ("05XCCL/02Library/02Algorithms", "../01Primitives/02TreeAllReduce.md#double-binary-tree"),
]


@pytest.mark.parametrize(("lesson", "link"), SHARED_EXPLANATIONS, ids=[f"{a}->{b}" for a, b in SHARED_EXPLANATIONS])
def test_repeated_ideas_link_to_their_one_full_explanation(lesson, link):
    """Both languages link the same anchor: the targets carry explicit ids ({#zero}) in both twins."""
    for path in (f"{lesson}.md", f"{lesson}.en.md"):
        assert f"]({link})" in _read(path), path


SELF_CHECK = {"zh": "## 自测题 {#self-check}", "en": "## Self-check {#self-check}"}
QUESTION = re.compile(r'^\?\?\? question "([^"\n]+)"\n\n((?:    .*\n|\n)+)', re.MULTILINE)


def self_check(text: str, language: str) -> list[tuple[str, str]]:
    """The (question, answer) pairs of a lesson's closing self-check section, in order."""
    heading = SELF_CHECK[language]
    assert text.count(heading) == 1, f"no single '{heading}' section"
    section = text.split(heading, 1)[1]
    assert not re.search(r"^#{1,2} ", section, re.MULTILINE), "the self-check section must be the last one"
    return [(q.strip(), a.strip()) for q, a in QUESTION.findall(section)]


def lessons() -> list[str]:
    course = Discoverer(PROJECT).discover()
    return [a.path for m in course.modules for c in m.chapters for a in c.articles]


def test_every_lesson_is_covered():
    paths = lessons()
    assert len(paths) >= 38
    assert all((PROJECT / p).with_suffix(".en.md").is_file() for p in paths)


@pytest.mark.parametrize("lesson", lessons())
def test_every_lesson_ends_with_self_check_questions_in_both_languages(lesson):
    chinese = self_check(_read(lesson), "zh")
    english = self_check(_read(lesson[:-3] + ".en.md"), "en")
    assert 3 <= len(chinese) <= 5, lesson
    assert len(english) == len(chinese), lesson
    for number, ((q_zh, a_zh), (q_en, a_en)) in enumerate(zip(chinese, english), start=1):
        assert q_zh.startswith(f"{number}. ") and q_en.startswith(f"{number}. "), (lesson, number)
        assert a_zh.startswith("答：") and len(a_zh) > 10, (lesson, number)
        assert a_en.startswith("Answer:") and len(a_en) > 20, (lesson, number)
