"""Build one slide deck (multi-page PDF, 16:9, 1,600 x 900 px pages) per lesson.

Usage (from the repository root):

    .venv/bin/python scripts/figures/decks.py            # rebuild every deck
    .venv/bin/python scripts/figures/decks.py Roofline   # only decks whose path contains "Roofline"

Each deck is: a title slide, key-point slides, the lesson's figures (read from the
images/ folder next to the article, so run draw.py first), and a summary slide. Pages are
rendered with Pillow and saved with Image.save(..., save_all=True) as PDF, beside the
article (01Roofline.md -> 01Roofline.pdf). Output is deterministic: the PDF carries no
creation or modification date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figlib import (  # noqa: E402
    BLUE, BLUE_L, GRAY_L, INK, MUTED, ORANGE, REPO, WHITE, Canvas,
)

PAGE_W, PAGE_H = 1600, 900
JPEG_QUALITY = 88
MAX_PDF_BYTES = 1_500_000

COURSE = "AIFoundation"


# ---------------------------------------------------------------- text layout
_TOKEN = re.compile(r"\^\{[^}]*\}|_\{[^}]*\}|[A-Za-z0-9.,:;!?%()/+\-=×·'\"<>\[\]]+ ?|\s|.")


def wrap(c: Canvas, text: str, width: float, size: int, bold: bool = False) -> list[str]:
    """Greedy line breaking that keeps Latin words and ^{..}/_{..} groups whole."""
    lines, cur = [], ""
    for tok in _TOKEN.findall(text):
        trial = cur + tok
        if cur and c.text_size(trial.rstrip(), size, bold)[0] > width:
            lines.append(cur.rstrip())
            cur = tok.lstrip()
        else:
            cur = trial
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


# ---------------------------------------------------------------- slide kinds
def _frame(c: Canvas, deck: dict, page: int, total: int):
    c.rect(0, PAGE_H - 54, PAGE_W, 54, fill=GRAY_L, radius=0)
    c.text(40, PAGE_H - 27, f"{COURSE} · {deck['module']} · {deck['chapter']}", size=22,
           color=MUTED, anchor="lm")
    c.text(PAGE_W - 40, PAGE_H - 27, f"{page} / {total}", size=22, color=MUTED, anchor="rm")


def _heading(c: Canvas, title: str, color=BLUE):
    c.rect(0, 0, 16, 120, fill=color, radius=0)
    c.text(60, 66, title, size=48, bold=True, anchor="lm")
    c.line([(60, 118), (PAGE_W - 60, 118)], "#e5e7eb", 3)


def slide_title(deck: dict, page: int, total: int) -> Image.Image:
    c = Canvas(PAGE_W, PAGE_H)
    c.rect(0, 0, PAGE_W, 330, fill=BLUE, radius=0)
    c.text(80, 120, f"{COURSE} · {deck['module']}", size=34, color=WHITE, anchor="lm")
    c.text(80, 200, deck["chapter"], size=30, color="#dbeafe", anchor="lm")
    y = 430
    for ln in wrap(c, deck["title"], PAGE_W - 160, 64, bold=True):
        c.text(80, y, ln, size=64, bold=True, anchor="lm")
        y += 90
    c.text(80, y + 10, deck["subtitle"], size=34, color=MUTED, anchor="lm")
    c.rect(80, 700, 120, 8, fill=ORANGE, radius=4)
    c.text(80, 760, deck["tag"], size=28, color=INK, anchor="lm")
    _frame(c, deck, page, total)
    return c.image()


def slide_bullets(deck: dict, page: int, total: int, title: str, items: list[str],
                  color=BLUE) -> Image.Image:
    c = Canvas(PAGE_W, PAGE_H)
    _heading(c, title, color)
    y, size, indent = 210, 40, 110
    for it in items:
        lines = wrap(c, it, PAGE_W - indent - 100, size)
        c.circle(82, y, 9, fill=color)
        for ln in lines:
            c.text(indent, y, ln, size=size, anchor="lm")
            y += size * 1.45
        y += 26
    _frame(c, deck, page, total)
    return c.image()


def slide_figure(deck: dict, page: int, total: int, title: str, fig: Path,
                 caption: str) -> Image.Image:
    c = Canvas(PAGE_W, PAGE_H)
    _heading(c, title)
    _frame(c, deck, page, total)
    if caption:
        c.text(PAGE_W / 2, PAGE_H - 92, caption, size=26, color=MUTED)
    base = c.image()
    im = Image.open(fig).convert("RGB")
    box_w, box_h = PAGE_W - 120, PAGE_H - 130 - 120
    scale = min(box_w / im.width, box_h / im.height)
    im = im.resize((round(im.width * scale), round(im.height * scale)), Image.Resampling.LANCZOS)
    base.paste(im, ((PAGE_W - im.width) // 2, 130 + (box_h - im.height) // 2))
    return base


# ---------------------------------------------------------------- deck content
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


DECKS: list[dict] = [
    {
        "path": "01AIChip/01Foundation/01Roofline.pdf",
        "module": "AI 芯片原理", "chapter": "AI 计算体系",
        "title": "计算强度与 Roofline 模型",
        "subtitle": "算子慢，是算不过来，还是喂不过来？",
        "tag": "第 01 讲",
        "slides": [
            ("bullets", "为什么只看峰值算力不够", [
                "执行时间下限：T ≥ max(W / P_{peak}, Q / B)",
                "W：运算次数（FLOP）；Q：与片外存储之间搬运的字节数；B：显存带宽",
                "运算单元在等数据时，再高的峰值也用不上",
                "计算强度 I = W / Q（FLOP/字节），由算法与实现共同决定",
                "FP16 向量加法 I = 1/6；FP16 方阵乘法 I = N/3（每个矩阵只读写一次）",
            ]),
            ("figure", "计算强度：访存时间与计算时间谁更长", _img("01Roofline", 1),
             "I 小：访存受限；I 大：计算受限"),
            ("bullets", "Roofline：一条折线给出性能上限", [
                "可达性能 P = min(P_{peak}, B × I)，对数坐标下是一条折线",
                "脊点 I* = P_{peak} / B：左边访存受限，右边计算受限",
                "A100 40GB（数据手册）：FP16/BF16 Tensor Core 312 TFLOP/s，HBM2 1,555 GB/s",
                "由此 FP16 脊点 ≈ 201 FLOP/字节，FP32（19.5 TFLOP/s）脊点 ≈ 12.5",
                "Williams、Waterman、Patterson，CACM 2009",
            ]),
            ("figure", "A100 的 Roofline 与典型算子", _img("01Roofline", 2),
             "向量加法上限约 0.26 TFLOP/s；N = 4096 的 FP16 GEMM 触顶 312 TFLOP/s"),
            ("figure", "三个优化方向", _img("01Roofline", 3),
             "贴近屋顶 · 向右移动（融合、分块） · 抬高屋顶（矩阵单元、低精度）"),
            ("summary", "小结", [
                "计算强度 I = W/Q 衡量每字节能做多少运算",
                "P = min(P_{peak}, B × I)；脊点 I* = P_{peak}/B 分开访存受限与计算受限",
                "A100 上逐元素算子远在脊点左侧，大矩阵乘法远在右侧",
                "抬高屋顶会让脊点右移：低精度需要更高的计算强度才能用满",
            ]),
        ],
    },
    {
        "path": "01AIChip/01Foundation/02MatMul.pdf",
        "module": "AI 芯片原理", "chapter": "AI 计算体系",
        "title": "矩阵乘法：深度学习算力的主体",
        "subtitle": "运算量、数据复用与 Transformer 中的 GEMM",
        "tag": "第 02 讲",
        "slides": [
            ("bullets", "GEMM 的运算量与访存量", [
                "C = AB，A 为 M×K，B 为 K×N：运算量 2·M·N·K（一次乘加记 2 次运算）",
                "最少访存 s·(MK + KN + MN) 字节，s 为每个元素的字节数",
                "方阵：I = 2N/(3s)，FP16 为 N/3，FP32 为 N/6",
                "矩阵乘向量（M = 1）：FP16 下 I ≈ 1，没有任何复用",
            ]),
            ("figure", "一个输出元素需要 2K 次运算", _img("02MatMul", 1), "总运算量 2·M·N·K"),
            ("figure", "计算强度随矩阵规模增长", _img("02MatMul", 2),
             "A100 脊点（由数据手册数值算得）：FP16 ≈ 201 → N ≈ 602；FP32 ≈ 12.5 → N ≈ 75"),
            ("bullets", "分块：让数据在片上多用几次", [
                "朴素三重循环：I = 1/s，FP16 仅 0.5 FLOP/字节",
                "b_{m} × b_{n} 的输出块：I_{tile} = 2·b_{m}·b_{n} / ((b_{m} + b_{n})·s)",
                "b_{m} = b_{n} = 128，FP16：每字节 64 次运算",
                "A100 白皮书：每个 SM 的 L1/共享内存 192 KB，L2 缓存 40 MB",
                "多级分块：L2 → 共享内存 → 寄存器 → 矩阵单元",
            ]),
            ("figure", "分块矩阵乘法", _img("02MatMul", 3), "一个输出块只依赖 A 的一行块和 B 的一列块"),
            ("figure", "Transformer 层中的矩阵乘法", _img("02MatMul", 4),
             "每层前向 24·b·s·h^{2} + 4·b·s^{2}·h（与 Narayanan 等 2021 的计数一致）"),
            ("summary", "小结", [
                "GEMM 运算量 2MNK；方阵计算强度随边长线性增长",
                "小批量解码是矩阵乘向量，受显存带宽限制；批量越大，越接近算力上限",
                "分块复用数据，块大小受片上存储容量约束",
                "逐元素运算量小，却可能因访存受限而耗时可观：需要算子融合",
            ]),
        ],
    },
    {
        "path": "01AIChip/01Foundation/03BitWidth.pdf",
        "module": "AI 芯片原理", "chapter": "AI 计算体系",
        "title": "数值格式与位宽：从 FP32 到 FP8",
        "subtitle": "指数定范围，尾数定精度",
        "tag": "第 03 讲",
        "slides": [
            ("bullets", "浮点数的三个字段", [
                "正规数：x = (-1)^{s} × 2^{e-bias} × 1.f，bias = 2^{E-1} − 1",
                "指数位决定范围，尾数位决定精度：ε = 2^{-m}",
                "指数全 0：次正规数；指数全 1：无穷大与 NaN（IEEE 754-2019）",
                "FP16：最大 65504，最小正规数 2^{-14}，ε = 2^{-10}",
            ]),
            ("figure", "常见格式的位布局", _img("03BitWidth", 1),
             "FP32/FP16：IEEE 754；TF32/BF16：A100 白皮书；FP8：Micikevicius 等 2022"),
            ("figure", "范围与精度", _img("03BitWidth", 2), "BF16 保留 FP32 的范围；FP16 范围窄，常需损失缩放"),
            ("bullets", "各格式的取舍", [
                "BF16：8 位指数、7 位尾数，范围同 FP32，精度约 2–3 位十进制",
                "TF32：A100 Tensor Core 读 FP32 数据、内部降精度、输出 FP32",
                "FP8 E4M3（最大 448）用于权重和激活，E5M2（最大 57344）用于梯度",
                "FP8 需要按张量缩放；INT8 需要量化参数 x ≈ S·(q − Z)",
            ]),
            ("figure", "位宽越窄，吞吐越高、字节越少", _img("03BitWidth", 3),
             "A100 数据手册稠密峰值：FP32 19.5 · TF32 156 · FP16/BF16 312 TFLOP/s · INT8 624 TOP/s"),
            ("summary", "小结", [
                "乘法器代价约随尾数位数的平方增长：窄格式能放下更多运算单元",
                "字节减半，计算强度翻倍；显存占用与通信量同比例下降",
                "A100 上 FP16 Tensor Core 峰值是 FP32 的 16 倍，脊点从约 12.5 右移到约 201",
                "混合精度：低精度输入、FP32 累加、FP32 主权重",
            ]),
        ],
    },
    {
        "path": "02StorComm/01CommBase/01AlphaBeta.pdf",
        "module": "通信&存储", "chapter": "通信基础",
        "title": "α–β 模型：估算一次通信要多久",
        "subtitle": "延迟、带宽、单位与带宽时延积",
        "tag": "第 01 讲",
        "slides": [
            ("bullets", "α–β 模型", [
                "T(n) = α + n/β：α 为固定开销（延迟），β 为路径上的瓶颈带宽",
                "α：软件栈、传输准备、网卡处理、传播与转发，与消息长度无关",
                "Thakur 等（2005）写作 α + nβ，其中 β 为每字节时间",
                "半带宽点 n_{1/2} = α·β：短于它延迟主导，长于它带宽主导",
            ]),
            ("figure", "传输时间随消息长度线性增长", _img("01AlphaBeta", 1), "截距 α，斜率 1/β"),
            ("figure", "有效带宽", _img("01AlphaBeta", 2), "n = α·β 时只有 50%；9·α·β 时 90%；99·α·β 时 99%"),
            ("bullets", "单位与带宽时延积", [
                "1 字节 = 8 比特：400 Gb/s = 50 GB/s",
                "GiB = 2^{30} 字节 ≈ 1.074 GB，两者相差约 7%",
                "A100 白皮书：12 条 NVLink，每条每方向 25 GB/s，合计 600 GB/s",
                "带宽时延积 BDP = β × RTT：让链路满载所需的在途数据量",
            ]),
            ("figure", "带宽时延积与单位换算", _img("01AlphaBeta", 3), "在途数据不足 BDP，链路就有空段"),
            ("bullets", "算一个例子（α = 10 μs 为假设值，β = 300 GB/s）", [
                "n_{1/2} = 10 μs × 300 GB/s = 3 MB",
                "一次发送 1 GB：约 3.34 ms，延迟可忽略",
                "拆成 10 万条 10 KB 消息：约 1.0 s，慢约 300 倍",
                "梯度分桶：PyTorch DDP 的 bucket_cap_mb 默认 25 MB，有效带宽约 89%",
            ]),
            ("summary", "小结", [
                "T(n) = α + n/β 是分析通信的起点",
                "n_{1/2} = αβ 划分延迟主导与带宽主导",
                "换算单位：比特/字节、十进制/二进制、单向/双向",
                "小消息多、并发不足，有效带宽就远低于标称值",
            ]),
        ],
    },
    {
        "path": "05XCCL/01Primitives/01RingAllReduce.pdf",
        "module": "通信架构", "chapter": "集合通信原语",
        "title": "集合通信原语与环形全归约",
        "subtitle": "归约散播 + 全收集 = 全归约",
        "tag": "第 01 讲",
        "slides": [
            ("figure", "五种基本原语", _img("01RingAllReduce", 1),
             "NCCL 文档列出的集合操作：AllReduce、Broadcast、Reduce、AllGather、ReduceScatter"),
            ("bullets", "环形全归约", [
                "朴素做法（归约到根再广播）：2(p−1)(α + n/β)，根进程成瓶颈",
                "p 个进程连成环，每个进程把数据切成 p 块，每块 n/p 字节",
                "阶段一 归约散播：p−1 步，每步发一块给右邻居并累加",
                "阶段二 全收集：p−1 步，把完整的块沿环转发一圈",
            ]),
            ("figure", "阶段一：归约散播", _img("01RingAllReduce", 2), "p−1 步后，每个进程持有一块完整结果"),
            ("figure", "阶段二：全收集", _img("01RingAllReduce", 3), "再走 p−1 步，每个进程拿到全部结果"),
            ("bullets", "代价", [
                "T_{ring} = 2(p−1)α + 2·(p−1)/p·n/β",
                "带宽项系数趋近 2，与进程数几乎无关：带宽最优（Patarasuk 与 Yuan 2009）",
                "递归减半/倍增（Thakur 等 2005）：2·log_{2}p·α + 同样的带宽项",
                "nccl-tests 总线带宽 = 算法带宽 × 2(p−1)/p",
            ]),
            ("figure", "代价随进程数的变化", _img("01RingAllReduce", 4), "大消息选环，小消息选对数步数算法"),
            ("summary", "小结", [
                "全归约 = 归约散播 + 全收集",
                "环形全归约：2(p−1) 步，每步每个进程发送 n/p 字节",
                "示例（α = 10 μs 为假设值，β = 300 GB/s，p = 8，1 GB）：约 5.97 ms，朴素做法约 46.8 ms",
                "延迟项 2(p−1)α 是环的短板，通信库按消息大小与拓扑选择算法",
            ]),
        ],
    },
    {
        "path": "09Newsletters/01MoE/20250110MoEBasics.pdf",
        "module": "大模型热点技术剖析", "chapter": "混合专家模型",
        "title": "MoE 基本原理：稀疏门控的混合专家层",
        "subtitle": "Shazeer 等，Outrageously Large Neural Networks（2017）",
        "tag": "课程分享 · 2025-01-10",
        "slides": [
            ("bullets", "参数量与计算量解耦", [
                "稠密网络：参数翻倍，每个样本的计算量也翻倍",
                "MoE 层：N 个专家（前馈网络）+ 一个门控网络",
                "y = Σ G(x)_{i}·E_{i}(x)，G(x) 只有 k 个非零分量",
                "G(x) = Softmax(KeepTopK(H(x), k))，H(x) 含可训练幅度的高斯噪声",
            ]),
            ("figure", "稀疏门控混合专家层", _img("20250110MoEBasics", 1),
             "论文摘要：MoE 层参数量最多 1370 亿，插在堆叠的 LSTM 层之间"),
            ("bullets", "负载均衡", [
                "门控网络容易总偏爱同几个专家，且会自我强化",
                "Importance(X) = Σ_{x∈X} G(x)",
                "L_{importance} = w_{importance} · CV(Importance(X))^{2}",
                "另有基于平滑估计的负载损失，直接鼓励样本数均衡",
            ]),
            ("figure", "不均衡与均衡（示意）", _img("20250110MoEBasics", 2), "示意数据，不是实验结果"),
            ("summary", "要点", [
                "参数随专家数 N 增长，每 token 计算只随 k 增长",
                "带噪声的 top-k 门控 + 重要性损失与负载损失",
                "专家并行依赖 all-to-all 通信，负载均衡决定效率",
            ]),
        ],
    },
    {
        "path": "09Newsletters/01MoE/20250221SwitchRouting.pdf",
        "module": "大模型热点技术剖析", "chapter": "混合专家模型",
        "title": "Switch Transformer：top-1 路由与专家容量",
        "subtitle": "Fedus、Zoph、Shazeer，arXiv:2101.03961",
        "tag": "课程分享 · 2025-02-21",
        "slides": [
            ("bullets", "从 top-k 到 top-1", [
                "每个 token 只送给得分最高的一个专家（Switch 层替换前馈层）",
                "好处：路由计算更少、专家批量至少减半、通信开销更低",
                "专家容量 = 每批 token 数 / 专家数 × 容量因子",
                "超出容量的 token 被丢弃，经残差连接直接进入下一层",
            ]),
            ("figure", "专家容量与容量因子（示意）", _img("20250221SwitchRouting", 1),
             "论文：丢弃比例通常低于 1%；容量因子 1.0、1.25 时表现更好"),
            ("bullets", "负载均衡损失与选择性精度", [
                "loss = α·N·Σ f_{i}·P_{i}，论文取 α = 10^{-2}",
                "f_{i}：分到专家 i 的 token 比例；P_{i}：路由概率均值",
                "路由器内部用 float32，其余 bfloat16；通信前转回 bfloat16",
                "全程 bfloat16 的对照模型发散，选择性精度则稳定",
            ]),
            ("figure", "专家并行的两次 all-to-all（示意）", _img("20250221SwitchRouting", 2),
             "分发 → 专家计算 → 合并"),
            ("summary", "要点与结果", [
                "论文摘要：相同计算资源下预训练最多加速 7 倍（相对 T5-Base/Large）",
                "预训练万亿参数级模型，比 T5-XXL 快 4 倍",
                "top-1 路由 + 专家容量 + 简化的辅助损失 + 选择性精度",
            ]),
        ],
    },
]


def render(deck: dict) -> list[Image.Image]:
    base = (REPO / deck["path"]).parent
    total = 1 + len(deck["slides"])
    pages = [slide_title(deck, 1, total)]
    for i, (kind, title, *rest) in enumerate(deck["slides"], start=2):
        if kind == "figure":
            fig, caption = rest
            path = base / fig
            if not path.is_file():
                raise SystemExit(f"missing figure {path}: run scripts/figures/draw.py first")
            pages.append(slide_figure(deck, i, total, title, path, caption))
        elif kind == "summary":
            pages.append(slide_bullets(deck, i, total, title, rest[0], color=ORANGE))
        else:
            pages.append(slide_bullets(deck, i, total, title, rest[0]))
    return pages


def save_pdf(pages: list[Image.Image], out: Path, title: str) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    first, rest = pages[0], pages[1:]
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=160.0,
               quality=JPEG_QUALITY, title=title, creationDate=None, modDate=None)
    size = out.stat().st_size
    if size > MAX_PDF_BYTES:
        raise SystemExit(f"{out} is {size} bytes, over the {MAX_PDF_BYTES} byte budget")
    return size


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    wanted = [a.lower() for a in argv]
    from registry import decks

    for deck in DECKS + decks():
        if wanted and not any(w in deck["path"].lower() for w in wanted):
            continue
        pages = render(deck)
        out = REPO / deck["path"]
        size = save_pdf(pages, out, Path(deck["path"]).stem)
        print(f"{deck['path']}  {len(pages)} pages  {size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
