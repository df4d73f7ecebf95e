"""Figures and decks of 05XCCL/03Parallelism (并行训练中的集合通信: data, tensor, pipeline).

Every number drawn here is one the articles cite next to the figure: the ZeRO paper (Rajbhandari et
al., arXiv:1910.02054: 16 bytes of model state per parameter, the 7.5B-parameter / 64-GPU example,
2Ψ and 3Ψ communication), the Megatron-LM papers (arXiv:1909.08053, arXiv:2104.04473,
arXiv:2205.05198), GPipe (arXiv:1811.06965), the NVIDIA A100 datasheet and whitepaper (312 TFLOP/s
FP16 dense, NVLink 300 GB/s per direction), and the outputs of the small scripts shown in the
articles. Values marked 假设 are assumed, and diagrams marked 示意 are schematic.
"""

from __future__ import annotations

from ..shapes import dashed, disc
from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Picture, Plot, T, Text, text_in
from ..style import strong
from .xccl_helpers import RANKS, axes_at, draw_items, mathtext

IMAGES = "05XCCL/03Parallelism/images/"
GRID = "#e5e7eb"
Label = T | str

PSI, ND = 7.5e9, 64
"""The ZeRO paper's Figure 1 example: Ψ = 7.5e9 parameters, N_d = 64, mixed-precision Adam."""

# ====================================================================== 01DataParallel
UPDATE = T("更新", "update")


def _bar(t0: float, t1: float, y: float, label: Label | None, colour: str, fill: str = "light") -> Box:
    """One stretch of work on the data-parallel timeline (0.62 grid units per time unit)."""
    return Box(5.6 + t0 * 0.62, y, (t1 - t0) * 0.62 - 0.04, 0.64, label, color=colour, fill=fill, size=13,
               stroke=1.5, radius=5)


def _dp_steps() -> list[Item]:
    items: list[Item] = []
    for r in range(4):
        x, colour = 1.7 + r * 5.4, RANKS[r]
        items += [Box(x, 0.1, 4.6, 2.3, color=colour, stroke=2, radius=2),
                  Text(x + 2.3, 0.5, f"GPU {r}", color=colour, bold=True, size=18),
                  Box(x + 0.3, 0.9, 4.0, 0.6, T("完整模型副本 Full replica", "Full replica"), color=colour,
                      fill="white", size=14, radius=4),
                  Box(x + 0.3, 1.65, 4.0, 0.6, T(f"第 {r} 份数据 Data shard {r}", f"Data shard {r}"), color=colour,
                      fill="white", size=14, radius=4)]
    items.append(Box(1.7, 2.65, 20.8, 0.7, T("梯度全归约 All-Reduce：Ψ 个元素，环形算法每卡收发约 2(p−1)/p · Ψ 个元素",
                                             "Gradient All-Reduce: Ψ elements; the ring sends and receives about "
                                             "2(p−1)/p · Ψ per GPU"), color="red", bold=True, size=16, radius=5))
    labels = (T("① 反向结束后再同步\nNo overlap", "① sync after\nbackward"),
              T("② 分桶，边反向边同步\nBucketed overlap", "② buckets: sync\nduring backward"),
              T("③ 梯度累积：只在最后\n一个微批次同步", "③ accumulate: sync\nin the last micro-batch"))
    for y, label in zip((4.4, 7.0, 9.6), labels, strict=True):
        items.append(Text(5.3, y + 0.7, label, bold=True, size=15, anchor="end"))
    forward = T("前向 Fwd", "forward")
    items += [_bar(0, 6, 4.4, forward, "blue"), _bar(6, 18, 4.4, T("反向 Bwd（产生全部梯度）", "backward (all gradients)"),
                                                     "green"),
              _bar(18, 25, 5.2, T("全归约 All-Reduce", "All-Reduce"), "red", "solid"), _bar(25, 27, 4.4, UPDATE, "yellow"),
              _bar(0, 6, 7.0, forward, "blue")]
    for k in range(4):
        items += [_bar(6 + 3 * k, 9 + 3 * k, 7.0, T(f"反向·桶{k}", f"bucket {k}"), "green"),
                  _bar(9 + 3 * k, 10.75 + 3 * k, 7.8, None, "red", "solid")]
    items += [Text(5.6 + 9 * 0.62 + 0.1, 8.8, T("桶 k 的梯度全部就绪即发起异步全归约（通信流）",
                                                "Once bucket k's gradients are all ready, its All-Reduce starts "
                                                "asynchronously (comm stream)"), color="red", size=13, anchor="start"),
              _bar(19.75, 21.75, 7.0, UPDATE, "yellow")]
    for mb in range(3):
        items += [_bar(6 * mb, 6 * mb + 2, 9.6, f"F{mb}", "blue"), _bar(6 * mb + 2, 6 * mb + 6, 9.6, f"B{mb}", "green")]
    items += [_bar(14 + k, 15 + k, 10.4, None, "red", "solid") for k in range(4)]
    items += [_bar(18.2, 20.2, 9.6, UPDATE, "yellow"),
              Text(5.6, 11.4, T("前两个微批次只在本地累加梯度（PyTorch DDP 的 no_sync）；通信次数降为 1/3",
                                "The first two micro-batches only add up gradients locally (PyTorch DDP's no_sync): "
                                "a third of the communication"), color="red", size=13, anchor="start"),
              Text(12.0, 12.4, T("横轴为时间（示意，不按比例）；红色为通信，其余为计算",
                                 "Time runs to the right (schematic, not to scale); red is communication, the rest "
                                 "compute"), color="gray", size=15)]
    return items


DP01 = Figure(
    IMAGES + "01DataParallel01",
    T("数据并行的一步：梯度全归约放在哪里（示意）", "One data-parallel step: where the gradient All-Reduce goes (schematic)"),
    T("每个优化器步骤对全部梯度做一次全归约；何时开始是设计上的选择",
      "One all-reduce of all gradients per optimizer step; when it starts is the design choice"),
    rows=13, items=tuple(_dp_steps()),
)

MEMORY = (
    (T("数据并行\nBaseline DP", "Baseline DP"), (2 * PSI + 2 * PSI + 12 * PSI) / 1e9, "gray"),
    ("ZeRO-1\nP_{os}", (2 * PSI + 2 * PSI + 12 * PSI / ND) / 1e9, "blue"),
    ("ZeRO-2\nP_{os+g}", (2 * PSI + (2 * PSI + 12 * PSI) / ND) / 1e9, "green"),
    ("ZeRO-3\nP_{os+g+p}", (16 * PSI / ND) / 1e9, "orange"),
)
"""Per-GPU model-state memory (GB) for DP and the three ZeRO stages."""
RS, AG = T("RS 梯度", "RS grads"), T("AG 参数", "AG params")
TRAFFIC = (
    (T("数据并行\n全归约", "DP\nAll-Reduce"), (("RS", "red"), ("AG", "pink"))),
    ("ZeRO-1", ((RS, "red"), (AG, "teal"))),
    ("ZeRO-2", ((RS, "red"), (AG, "teal"))),
    ("ZeRO-3", ((T("AG 前向", "AG fwd"), "teal"), (T("AG 反向", "AG bwd"), "teal"), (RS, "red"))),
)
"""Elements each GPU sends per step, in units of Ψ, segment by segment."""


def _bars(axes, labels: list[str]) -> None:
    axes.set_xlim(-0.5, 3.5)
    axes.set_xticks(range(4), labels, fontsize=14)
    axes.tick_params(axis="x", length=0)
    axes.grid(axis="y", color=GRID)
    axes.set_axisbelow(True)


def _zero(axes, language: str) -> None:
    for i, (_, value, colour) in enumerate(MEMORY):
        axes.bar(i, value, width=0.64, color=strong(colour))
        axes.text(i, value + 2, f"{value:.1f} GB", ha="center", fontsize=16, fontweight="bold", color=strong(colour))
    _bars(axes, [mathtext(label, language) for label, *_ in MEMORY])
    axes.set_ylim(0, 130)
    axes.set_yticks([0, 30, 60, 90, 120], ["0", "30", "60", "90", "120"], fontsize=14)
    axes.set_ylabel(text_in(T("每卡模型状态显存（GB）", "model-state memory per GPU (GB)"), language), fontsize=16)
    right = axes_at(axes, 12, (14.4, 0.6, 8.6, 8.8))
    for i, (_, segments) in enumerate(TRAFFIC):
        for base, (name, colour) in enumerate(segments):
            right.bar(i, 0.94, bottom=base + 0.03, width=0.64, color=strong(colour))
            right.text(i, base + 0.5, text_in(name, language), ha="center", va="center", fontsize=13,
                       fontweight="bold", color="white")
        right.text(i, len(segments) + 0.06, f"{len(segments)}Ψ", ha="center", fontsize=16, fontweight="bold")
    _bars(right, [text_in(label, language) for label, _ in TRAFFIC])
    right.set_ylim(0, 3.4)
    right.set_yticks([0, 1, 2, 3], ["0", "1Ψ", "2Ψ", "3Ψ"], fontsize=14)
    right.set_title(text_in(T("每卡每步发送的元素数（p 很大时）", "Elements sent per GPU per step (large p)"), language),
                    fontsize=15, fontweight="bold", pad=14)
    draw_items(axes, 12, (Text(6.9, 11.2, T("由 (2 + 2 + 12)Ψ 字节按阶段切分算得", "from (2 + 2 + 12)Ψ bytes split by stage"),
                               color="gray", size=14),
                          Text(18.7, 11.2, T("RS = 归约散播 Reduce-Scatter · AG = 全收集 All-Gather",
                                             "RS = Reduce-Scatter · AG = All-Gather"), color="gray", size=14)), language)


DP02 = Plot(
    IMAGES + "01DataParallel02",
    T("ZeRO 的三个阶段：省下的显存与多付的通信", "The three ZeRO stages: memory saved and communication paid"),
    mathtext("Left: Ψ = 7.5B, N_{d} = 64, Adam mixed precision (ZeRO paper's example). Right: elements sent per GPU "
             "per step", "en"),
    rows=12, draw=_zero, area=(2.6, 0.6, 8.6, 8.8),
)


def _zero3() -> list[Item]:
    def at(t: float) -> float:
        return 3.8 + t * 0.68

    def block(t: float, span: float, y: float, label: str, colour: str, size: float = 13) -> Box:
        return Box(at(t), y, span * 0.68 - 0.06, 0.8, label, color=colour, bold=True, size=size, stroke=1.5, radius=5)

    items: list[Item] = [Text(3.5, 1.7, T("计算流\nCompute", "compute\nstream"), bold=True, size=16, anchor="end"),
                         Text(3.5, 3.6, T("通信流\nComm", "comm\nstream"), bold=True, size=16, anchor="end")]
    for i in range(4):
        items += [block(i * 2.2, 2.0, 3.2, f"AG W{i + 1}", "teal"), block(i * 2.2 + 2.0, 2.0, 1.3, f"F{i + 1}", "blue", 15)]
    forward_end = 3 * 2.2 + 4.0
    start = forward_end + 2.0
    for j, i in enumerate((4, 3, 2, 1)):
        t = start + j * 3.0
        items += [block(t - 2.0, 2.0, 3.2, f"AG W{i}", "teal"), block(t, 3.0, 1.3, f"B{i}", "green", 15),
                  block(t + 3.0, 1.8, 4.2, f"RS G{i}", "red")]
    items += [*dashed((at(forward_end) + 0.02, 0.9), (at(forward_end) + 0.02, 5.2), "#9ca3af", 1.5),
              Text(at(forward_end / 2), 0.7, T("前向 Forward", "forward"), color="blue", bold=True, size=16),
              Text(at(start + 6), 0.7, T("反向 Backward", "backward"), color="green", bold=True, size=16),
              Box(1.2, 6.0, 21.6, 4.2, color="gray", stroke=1.5, radius=9),
              Text(12.0, 6.5, T("每卡常驻的只有自己那 1/N_{d}：参数片、梯度片、优化器状态片",
                                "Each GPU keeps only its own 1/N_{d}: parameter, gradient and optimizer-state shards"),
                   bold=True, size=18)]
    for k, (colour, head, body) in enumerate((
        ("teal", T("全收集 AG Wi", "All-Gather AG Wi"),
         T("把第 i 层参数的 N_{d} 片拼成完整权重；\n用完即释放。前向、反向各一次 → 2Ψ",
           "joins layer i's N_{d} shards into full weights,\nfreed after use; once forward, once backward → 2Ψ")),
        ("red", T("归约散播 RS Gi", "Reduce-Scatter RS Gi"),
         T("第 i 层梯度求和后按片分给各卡；\n每卡只更新自己那片 → Ψ", "sums layer i's gradients, one shard per GPU;\n"
                                                            "each GPU updates its own shard → Ψ")),
        ("gray", T("合计 3Ψ", "3Ψ in all"), T("比数据并行的 2Ψ 多 50%（ZeRO 论文）；\n换来每卡模型状态降到 16Ψ/N_{d} 字节",
                                            "50% more than data parallel's 2Ψ (ZeRO paper),\nfor 16Ψ/N_{d} bytes of "
                                            "model state per GPU")),
    )):
        x = 1.7 + k * 7.1
        items += [Box(x, 7.05, 6.5, 2.8, color=colour, fill="white", stroke=2, radius=7),
                  Text(x + 3.25, 7.55, head, color=colour, bold=True, size=17),
                  Text(x + 3.25, 8.75, body, size=13)]
    return items


DP03 = Figure(
    IMAGES + "01DataParallel03",
    T("ZeRO-3：参数按层临时收集，梯度按片归约（示意，4 层）",
      "ZeRO-3: parameters gathered per layer, gradients reduced per shard (schematic)"),
    T("每层的完整权重只在该层计算时存在；通信流比计算流提前一层",
      "Each layer's full weights exist only while that layer runs; comm stream runs one layer ahead"),
    rows=11, items=tuple(_zero3()),
)

# ====================================================================== 02TensorParallel


def _mlp(r: int) -> list[Item]:
    y, colour, n = 0.5 + r * 5.6, RANKS[r], r + 1
    return [Box(6.9, y - 0.3, 12.0, 4.4, color=colour, fill="white", stroke=2, radius=10),
            Text(7.2, y, f"GPU {r}", color=colour, bold=True, size=17, anchor="start"),
            Arrow((6.0, 4.9), (7.25, y + 1.75), color="ink", width=2),
            Box(7.3, y + 0.6, 2.5, 2.3, T(f"A_{{{n}}}\nh × 4h/t\n列切 column", f"A_{{{n}}}\nh × 4h/t\ncolumns"),
                color=colour, size=15),
            Arrow((9.85, y + 1.75), (10.5, y + 1.75), color="ink", width=2),
            Box(10.55, y + 0.95, 2.3, 1.6, f"GeLU\n→ Y_{{{n}}}", color=colour, fill="white", size=16),
            Arrow((12.9, y + 1.75), (13.55, y + 1.75), color="ink", width=2),
            Box(13.6, y + 0.6, 2.5, 2.3, T(f"B_{{{n}}}\n4h/t × h\n行切 row", f"B_{{{n}}}\n4h/t × h\nrows"), color=colour,
                size=15),
            Arrow((16.15, y + 1.75), (16.8, y + 1.75), color="ink", width=2),
            Box(16.85, y + 0.95, 1.8, 1.6, T(f"Z_{{{n}}}\n部分和", f"Z_{{{n}}}\npartial"), color=colour, size=15),
            Arrow((18.7, y + 1.75), (19.45, 4.9), color="ink", width=2)]


TP01 = Figure(
    IMAGES + "02TensorParallel01",
    T("列并行 + 行并行：MLP 前向只需一次全归约（t = 2）", "Column then row parallel: one All-Reduce in the MLP's forward (t = 2)"),
    T("Y_{i} = GeLU(X·A_{i}) 无需通信；Z = Σ Y_{i}·B_{i} 需要一次全归约",
      "Y_{i} = GeLU(X·A_{i}) needs no communication; Z = Σ Y_{i}·B_{i} needs one all-reduce"),
    rows=12,
    items=(
        Box(1.1, 3.6, 2.6, 2.6, "X\nb·s × h", color="gray", size=19, bold=True),
        Box(4.3, 4.0, 1.7, 1.8, "f", color="yellow", size=28, bold=True),
        Text(5.15, 6.4, T("前向：恒等\n反向：全归约", "forward: identity\nbackward: All-Reduce"), color="yellow", size=13),
        *_mlp(0), *_mlp(1),
        Box(19.5, 3.8, 1.7, 2.2, "g", color="red", size=28, bold=True),
        Text(20.35, 6.5, T("前向：全归约\n反向：恒等", "forward: All-Reduce\nbackward: identity"), color="red", size=13),
        Arrow((21.25, 4.9), (21.9, 4.9), color="ink", width=2.5),
        Box(21.95, 4.0, 1.7, 1.8, "Z\nb·s×h", color="gray", size=15, bold=True),
        Text(12.0, 11.0, T("GeLU 是逐元素运算，列切后各卡可各自计算；行切的两个部分和 Z_{1} + Z_{2} 才是完整结果",
                           "GeLU works element by element, so each GPU applies it to its columns; only the two "
                           "partial sums Z_{1} + Z_{2} make the result"), color="gray", size=15),
    ),
)

LAYER = (
    ("LN", "gray", 1.4), ("f", "yellow", 1.1),
    (T("自注意力\n按头切分\nQKV 列切 · 输出投影行切", "Self-attention\nsplit by heads\nQKV by columns,\noutput by rows"), "blue",
     4.3),
    ("g", "red", 1.1), (T("Dropout\n+ 残差", "Dropout\n+ residual"), "gray", 2.0),
    ("LN", "gray", 1.4), ("f", "yellow", 1.1),
    (T("MLP\nA 列切 · B 行切", "MLP\nA by columns,\nB by rows"), "green", 3.8),
    ("g", "red", 1.1), (T("Dropout\n+ 残差", "Dropout\n+ residual"), "gray", 2.0),
)
TP_ROWS = (
    (T("每次全归约的张量", "Tensor per All-Reduce"),
     T("b · s · h 个元素（微批次 b、序列长 s、隐藏维 h）", "b · s · h elements (micro-batch b, sequence s, hidden h)")),
    (T("每层每个微批次", "Per layer and micro-batch"), T("前向 2 次 + 反向 2 次 = 4 次全归约", "2 forward + 2 backward = 4 All-Reduces")),
    (T("环形算法每卡发送", "Ring, sent per GPU"), T("4 × 2(t−1)/t × b·s·h = 8·b·s·h·(t−1)/t 个元素（Narayanan 等 2021）",
                                               "4 × 2(t−1)/t × b·s·h = 8·b·s·h·(t−1)/t elements (Narayanan et al. 2021)")),
    (T("能否与计算重叠", "Overlap with compute?"), T("朴素实现中，后续计算直接依赖全归约结果，只能等待",
                                                 "Not in the plain version: the next computation needs the result")),
)


def _layer() -> list[Item]:
    items: list[Item] = [Arrow((1.0, 0.8), (22.8, 0.8), width=2),
                         Text(11.9, 0.45, T("前向方向 Forward →（反向时数据自右向左流动）", "Forward → (backward flows right to left)"),
                              color="gray", size=15)]
    x = 1.0
    for label, colour, w in LAYER:
        op = label in ("f", "g")
        items.append(Box(x, 1.3, w, 2.3, label, color=colour, size=22 if op or label == "LN" else 15, bold=op))
        if op:
            ink, forward = ("red", True) if label == "g" else ("yellow", False)
            cx = x + w / 2
            start, end = ((cx, 4.6), (cx, 3.7)) if forward else ((cx, 3.7), (cx, 4.6))
            items += [Arrow(start, end, color=ink, width=3),
                      Text(cx, 5.0, T("前向全归约", "fwd All-Reduce") if forward else T("反向全归约", "bwd All-Reduce"),
                           color=ink, bold=True, size=14)]
        x += w + 0.28
    items.append(Box(1.5, 6.3, 21.0, 4.6, color="gray", fill="white", stroke=1.5, radius=9))
    for k, (head, body) in enumerate(TP_ROWS):
        y = 6.9 + k * 1.05
        items += [Text(2.0, y, head, bold=True, size=16, anchor="start"), Text(7.2, y, body, size=16, anchor="start")]
        if k < len(TP_ROWS) - 1:
            items.append(Arrow((1.9, y + 0.52), (22.1, y + 0.52), color=GRID, width=1, head=False))
    return items


TP02 = Figure(
    IMAGES + "02TensorParallel02",
    T("一个 Transformer 层的张量并行通信：前向 2 次、反向 2 次全归约",
      "Tensor parallelism in a Transformer layer: 2 All-Reduces forward, 2 backward"),
    T("自注意力按头切分，MLP 按列/行切分（Shoeybi 等，arXiv:1909.08053）",
      "Self-attention split by heads, MLP split by columns/rows (Shoeybi et al., arXiv:1909.08053)"),
    rows=11.5, items=tuple(_layer()),
)


def tp_example() -> tuple[float, float, float]:
    """The article's worked example (assumed b = 1, s = 2048, h = 12288, t = 8, FP16): per-layer forward
    compute at the A100's FP16 peak, and the two All-Reduces' bandwidth term on NVLink and on a 25 GB/s NIC."""
    b, s, h, t = 1, 2048, 12288, 8
    flops = 24 * b * s * h * h + 4 * b * s * s * h
    per_ar = 2 * (t - 1) / t * b * s * h * 2
    return flops / t / 312e12, 2 * per_ar / 300e9, 2 * per_ar / 25e9


def _placement() -> list[Item]:
    items: list[Item] = []
    scale = 15 / 8  # grid units per ms
    for k, ((label, colour), value) in enumerate(zip((
            (T("计算（每卡 1/8）\n按峰值 312 TFLOP/s", "compute (1/8 per GPU)\nat the 312 TFLOP/s peak"), "blue"),
            (T("2 次全归约\nNVLink 300 GB/s", "2 All-Reduces\nNVLink 300 GB/s"), "green"),
            (T("2 次全归约\n网卡 25 GB/s（假设）", "2 All-Reduces\n25 GB/s NIC (assumed)"), "red")), tp_example(), strict=True)):
        y = 1.0 + k * 2.3
        items += [Text(5.9, y + 0.6, label, bold=True, size=16, anchor="end"),
                  Box(6.2, y, value * 1e3 * scale, 1.2, color=colour, fill="solid", radius=5),
                  Text(6.45 + value * 1e3 * scale, y + 0.6, f"{value * 1e3:.2f} ms", color=colour, bold=True, size=19,
                       anchor="start")]
    items.append(Arrow((6.2, 7.9), (6.2 + 8 * scale, 7.9), color="ink", width=1.5, head=False))
    for ms in range(9):
        items += [Arrow((6.2 + ms * scale, 7.9), (6.2 + ms * scale, 8.05), color="ink", width=1.5, head=False),
                  Text(6.2 + ms * scale, 8.4, str(ms), size=14)]
    items.append(Text(6.2 + 4 * scale, 9.0, T("时间（ms）；只算带宽项，未计延迟 α 与实际带宽折损",
                                              "time (ms); bandwidth term only, no latency α or real-world losses"),
                      color="gray", size=15))
    return items


TP03 = Figure(
    IMAGES + "02TensorParallel03",
    T("为什么张量并行留在服务器内：一层前向的计算与通信（t = 8）",
      "Why tensor parallelism stays inside a server: one layer's forward (t = 8)"),
    "b = 1, s = 2048, h = 12288 (assumed), FP16; compute at A100 peak 312 TFLOP/s; bandwidth term only",
    rows=10, items=tuple(_placement()),
)


def _band(x: float, y: float, label: Label, halves: bool, colour: str = "gray") -> list[Item]:
    """A tensor as a tall box; `halves` splits it along the sequence between the two GPUs."""
    items: list[Item] = [Text(x + 1.25, y - 0.35, label, bold=True, size=14)]
    if halves:
        items += [Box(x, y + 1.4 * g, 2.5, 1.3, f"GPU{g}: s/2", color=RANKS[g], bold=True, size=13, stroke=1.5, radius=3)
                  for g in range(2)]
    else:
        items.append(Box(x, y, 2.5, 2.7, T("每卡完整 s", "full s per GPU"), color=colour, bold=True, size=13, stroke=1.5,
                         radius=3))
    return items


def _sequence_row(y: float, title: T, split: bool, gather: T | None, reduce: T, note: T) -> list[Item]:
    items: list[Item] = [Text(1.2, y - 1.0, title, bold=True, size=18, anchor="start"),
                         *_band(1.2, y, "LN / Dropout", split),
                         Arrow((3.8, y + 1.35), (4.5, y + 1.35), color="teal" if gather else "gray",
                               width=4 if gather else 2),
                         *_band(4.6, y, T("列切线性层输入", "column-split input"), False, "blue"),
                         Text(8.8, y + 1.35, T("… 注意力或 MLP …", "… attention or MLP …"), color="gray", size=15),
                         *_band(11.1, y, T("行切输出：部分和", "row-split output: partial sums"), False, "orange"),
                         Arrow((13.7, y + 1.35), (16.4, y + 1.35), color="red", width=4),
                         Text(15.05, y + 0.9, reduce, color="red", bold=True, size=16),
                         *_band(16.6, y, T("Dropout + 残差", "Dropout + residual"), split),
                         Text(21.1, y + 1.35, note, color="gray", size=14)]
    if gather:
        items.append(Text(4.15, y + 3.2, gather, color="teal", bold=True, size=15))
    return items


TP04 = Figure(
    IMAGES + "02TensorParallel04",
    T("序列并行：把全归约拆成归约散播 + 全收集（t = 2，示意）",
      "Sequence parallelism: All-Reduce as Reduce-Scatter + All-Gather (t = 2, schematic)"),
    T("LayerNorm 与 dropout 在每卡只处理 s/t 个 token；线路上的字节数不变",
      "LayerNorm and dropout work on s/t tokens per GPU; the bytes on the wire stay the same"),
    rows=11,
    items=(*_sequence_row(1.6, T("仅张量并行", "Tensor parallel only"), False, None, T("全归约 AR", "All-Reduce"),
                          T("LN/Dropout 在每卡\n重复计算、重复存储", "LN/Dropout computed\nand stored on\nevery GPU")),
           *_sequence_row(7.0, T("张量并行 + 序列并行", "Tensor + sequence parallel"), True, T("全收集 AG", "All-Gather"),
                          T("归约散播 RS", "Reduce-Scatter"),
                          T("激活按序列维切开；\nAG + RS 与 AR 的\n通信量相同", "activations split by\nsequence; AG + RS\n"
                                                                       "move as much as AR"))),
)

# ====================================================================== 03PipelineParallel


def schedule(p: int, m: int, kind: str, tf: int = 1, tb: int = 2) -> dict[int, list[tuple[str, int, int, int]]]:
    """Simulate a synchronous pipeline schedule ("gpipe" or 1F1B): {stage: [(kind, micro-batch, start, end)]}."""
    order = {}
    for s in range(p):
        if kind == "gpipe":
            ops = [("F", i) for i in range(m)] + [("B", i) for i in reversed(range(m))]
        else:  # 1F1B (PipeDream-Flush style)
            warm = min(p - s - 1, m)
            ops = [("F", i) for i in range(warm)]
            nf, nb = warm, 0
            while nf < m:
                ops += [("F", nf), ("B", nb)]
                nf, nb = nf + 1, nb + 1
            ops += [("B", i) for i in range(nb, m)]
        order[s] = ops
    done: dict[tuple[str, int, int], int] = {}
    free, index, out = [0] * p, [0] * p, {s: [] for s in range(p)}
    remaining = sum(len(v) for v in order.values())
    while remaining:
        progressed = False
        for s in range(p):
            if index[s] >= len(order[s]):
                continue
            k, i = order[s][index[s]]
            need = (("F", s - 1, i) if s > 0 else None) if k == "F" else (("B", s + 1, i) if s < p - 1 else ("F", s, i))
            if need is not None and need not in done:
                continue
            start = max(free[s], done[need] if need else 0)
            end = start + (tf if k == "F" else tb)
            done[(k, s, i)], free[s] = end, end
            out[s].append((k, i, start, end))
            index[s] += 1
            remaining -= 1
            progressed = True
        if not progressed:
            raise RuntimeError("deadlock")
    return out


def _stages() -> list[Item]:
    items: list[Item] = []
    for s in range(4):
        x, colour = 1.4 + s * 5.7, RANKS[s]
        items += [Box(x, 0.6, 4.2, 4.3, color=colour, stroke=2, radius=10),
                  Text(x + 2.1, 1.05, T(f"阶段 {s}  Stage {s}", f"Stage {s}"), color=colour, bold=True, size=18),
                  Text(x + 2.1, 1.6, T(f"GPU {s}（可在不同服务器）", f"GPU {s} (any server)"), color="gray", size=13)]
        items += [Box(x + 0.4, 2.0 + layer * 0.9, 3.4, 0.72, T(f"第 {3 * s + layer + 1} 层 Layer", f"Layer {3 * s + layer + 1}"),
                      color=colour, fill="white", size=14, radius=4) for layer in range(3)]
        if s < 3:
            items += [Arrow((x + 4.3, 2.2), (x + 5.6, 2.2), color="blue", width=3.5),
                      Arrow((x + 5.6, 3.6), (x + 4.3, 3.6), color="green", width=3.5),
                      Text(x + 4.95, 1.8, "send", color="blue", bold=True, size=13),
                      Text(x + 4.95, 4.05, "send", color="green", bold=True, size=13)]
    items.append(Box(1.4, 5.6, 21.3, 4.2, color="gray", fill="white", stroke=1.5, radius=9))
    for k, (colour, line) in enumerate((
        ("blue", T("前向：阶段 k 把最后一层的输出激活发给阶段 k+1 —— b·s·h 个元素",
                   "Forward: stage k sends its last layer's output activation to stage k+1: b·s·h elements")),
        ("green", T("反向：阶段 k+1 把对这份激活的梯度发回阶段 k —— 同样 b·s·h 个元素",
                    "Backward: stage k+1 sends the gradient of that activation back to stage k: b·s·h elements too")),
        ("ink", T("只有两个进程参与的 send/recv，不是集合通信；NCCL 用 ncclSend / ncclRecv 实现",
                  "A send/recv between two processes, not a collective; NCCL does it with ncclSend / ncclRecv")),
        ("ink", T("数据量与阶段内有多少层无关：层越多，每字节通信对应的计算越多",
                  "The volume does not depend on the layers per stage: more layers, more compute per byte")),
    )):
        y = 6.3 + k * 0.92
        items += [disc(2.0, y, 0.12, color=colour), Text(2.4, y, line, size=16, anchor="start")]
    return items


PP01 = Figure(
    IMAGES + "03PipelineParallel01",
    T("流水线并行：相邻阶段之间点对点收发（p = 4，示意）", "Pipeline parallelism: point-to-point between neighbouring stages (p = 4, schematic)"),
    T("每个微批次前向发送一份 b·s·h 的激活，反向发回同样大小的梯度",
      "Send/recv of one b·s·h activation per micro-batch forward, one gradient of the same size backward"),
    rows=10.5, items=tuple(_stages()),
)


def _schedule_rows(y0: float, label: T, plan, p: int) -> list[Item]:
    x0, scale, rh = 2.5, 20.4 / 36, 0.74
    end = max(e for ops in plan.values() for *_, e in ops)
    items: list[Item] = [Text(x0, y0 - 0.4, label, bold=True, size=17, anchor="start")]
    for s in range(p):
        y = y0 + s * 0.84
        items += [Text(x0 - 0.2, y + rh / 2, T(f"阶段 {s}", f"stage {s}"), size=14, anchor="end"),
                  Box(x0, y, end * scale, rh, color=GRID, fill="#fafafa", radius=0)]
        items += [Box(x0 + st * scale + 0.02, y + 0.03, (en - st) * scale - 0.04, rh - 0.06, f"{k}{i}", color=RANKS[i % 4],
                      fill="light" if k == "F" else "solid", bold=True, size=12, stroke=1, radius=3)
                  for k, i, st, en in plan[s]]
    return items


def _schedules(p: int = 4, m: int = 8) -> list[Item]:
    x0, scale = 2.5, 20.4 / 36
    items = [*_schedule_rows(0.7, T("GPipe：先做完全部前向，再做全部反向（阶段 0 最多存 8 份激活）",
                                    "GPipe: all forwards, then all backwards (stage 0 holds up to 8 activations)"),
                             schedule(p, m, "gpipe"), p),
             *_schedule_rows(6.3, T("1F1B：预热后前向、反向交替（阶段 0 最多存 4 份激活）",
                                    "1F1B: after warm-up, forward and backward alternate (stage 0 holds up to 4)"),
                             schedule(p, m, "1f1b"), p),
             Arrow((x0, 10.0), (x0 + 36 * scale, 10.0), color="ink", width=1.5, head=False)]
    for t in range(0, 37, 3):
        items += [Arrow((x0 + t * scale, 10.0), (x0 + t * scale, 10.12), color="ink", width=1.5, head=False),
                  Text(x0 + t * scale, 10.45, str(t), size=13)]
    items += [Text(12.0, 11.0, T("时间（以一次前向为 1 个单位）：两种调度都在第 33 个单位结束 = (m + p − 1)·3",
                                 "Time (one forward = 1 unit): both schedules end at unit 33 = (m + p − 1)·3"), size=15),
              Text(12.0, 11.8, T("浅色 F = 前向，深色 B = 反向；颜色区分微批次；空白处即流水线气泡",
                                 "Light F = forward, dark B = backward; colours tell micro-batches apart; the gaps are the "
                                 "bubble"), color="gray", size=15)]
    return items


PP02 = Figure(
    IMAGES + "03PipelineParallel02",
    T("GPipe 与 1F1B 调度（p = 4，m = 8，反向耗时取前向的 2 倍）", "GPipe and 1F1B schedules (p = 4, m = 8, backward = 2 × forward)"),
    T("气泡同为 (p−1)/(m+p−1) = 3/11；1F1B 每阶段最多存 p 个微批次的激活",
      "Same bubble (p−1)/(m+p−1) = 3/11; 1F1B keeps at most p micro-batches of activations per stage"),
    rows=12.4, items=tuple(_schedules()),
)


def _bubble(axes, language: str) -> None:
    ms = [2 ** (k / 20) for k in range(161)]
    for p, colour in ((4, "blue"), (8, "green"), (16, "orange"), (64, "red")):
        axes.plot(ms, [(p - 1) / (m + p - 1) for m in ms], color=strong(colour), linewidth=3)
        axes.plot([p - 1], [0.5], "o", color=strong(colour), markersize=9)
        axes.annotate(f"p = {p}", (p - 1, 0.5), xytext=(8, 12), textcoords="offset points", fontsize=15,
                      fontweight="bold", color=strong(colour))
    axes.plot([32], [7 / 39], "o", color=strong("green"), markersize=14)
    axes.annotate(text_in(T("p = 8，m = 32：7/39 ≈ 17.9%", "p = 8, m = 32: 7/39 ≈ 17.9%"), language), (32, 7 / 39),
                  xytext=(1.15, 0.2), textcoords="data", va="center", fontsize=16, fontweight="bold",
                  color=strong("green"), arrowprops={"arrowstyle": "-", "color": strong("green"), "linestyle": "--",
                                                     "linewidth": 1.5, "shrinkB": 8})
    axes.text(1.15, 0.1, text_in(T("圆点：m = p − 1 时气泡恰占一半", "dots: at m = p − 1 the bubble is exactly half"),
                                 language), va="center", fontsize=14, color=strong("gray"))
    axes.set_xscale("log", base=2)
    ticks = [2 ** k for k in range(9)]
    axes.set_xticks(ticks, [str(v) for v in ticks], fontsize=14)
    axes.minorticks_off()
    axes.set_xlim(1, 256)
    axes.set_ylim(0, 1)
    axes.set_yticks([v / 10 for v in range(0, 11, 2)], [f"{v * 10}%" for v in range(0, 11, 2)], fontsize=14)
    axes.grid(color=GRID)
    axes.set_xlabel(text_in(T("每个批次的微批次数 m（对数坐标）", "micro-batches per batch m (log scale)"), language),
                    fontsize=16)
    axes.set_ylabel(text_in(T("气泡占总时间的比例", "bubble share of the total time"), language), fontsize=16)


PP03 = Plot(
    IMAGES + "03PipelineParallel03",
    T("流水线气泡占比 (p − 1)/(m + p − 1) 随微批次数 m 的变化", "The pipeline bubble (p − 1)/(m + p − 1) against the micro-batches m"),
    T("GPipe 与非交错的 1F1B 气泡相同；只有更多的微批次能压缩它",
      "GPipe and non-interleaved 1F1B have the same bubble; only more micro-batches shrink it"),
    rows=11, draw=_bubble, area=(3.3, 0.0, 19.0, 8.5),
)


def _three_d() -> list[Item]:
    items: list[Item] = []
    for d in range(2):
        for s in range(3):
            x, y = 1.6 + s * 7.6, 0.3 + d * 5.6
            items += [Box(x, y, 6.0, 4.0, color="gray", stroke=2, radius=10),
                      Text(x + 3.0, y + 0.38, T(f"服务器：副本 {d} · 阶段 {s}", f"Server: replica {d} · stage {s}"),
                           bold=True, size=15),
                      Box(x + 0.3, y + 0.8, 5.4, 2.0, color="green", stroke=1.5, radius=7),
                      *(Box(x + 0.5 + g * 1.3, y + 1.1, 1.1, 1.4, f"GPU\n{g}", color="green", fill="white", size=14)
                        for g in range(4)),
                      Text(x + 3.0, y + 3.2, T("NVLink/NVSwitch：张量并行全归约", "NVLink/NVSwitch: TP All-Reduce"),
                           color="green", bold=True, size=13),
                      Text(x + 3.0, y + 3.62, T("每层前向 2 次 + 反向 2 次", "2 per layer forward + 2 backward"),
                           color="green", size=12)]
            if s < 2:
                items += [Arrow((x + 6.1, y + 1.5), (x + 7.5, y + 1.5), color="blue", width=3.5),
                          Arrow((x + 7.5, y + 2.3), (x + 6.1, y + 2.3), color="blue", width=3.5)]
    items += [Arrow((1.6 + s * 7.6 + 3.0, 4.4), (1.6 + s * 7.6 + 3.0, 5.8), color="red", width=3.5, both=True)
              for s in range(3)]
    for k, (colour, name, line) in enumerate((
        ("green", T("张量并行 TP", "Tensor parallel"), T("机内 NVLink：每层、每个微批次都要全归约，量最大、最频繁",
                                                     "NVLink inside: All-Reduce every layer and micro-batch, the most "
                                                     "and most often")),
        ("blue", T("流水线并行 PP", "Pipeline parallel"), T("机间网络：相邻阶段 send/recv，每微批次 b·s·h 个元素",
                                                       "network: send/recv between stages, b·s·h elements per "
                                                       "micro-batch")),
        ("red", T("数据并行 DP", "Data parallel"), T("机间网络：每步一次梯度全归约（或 ZeRO 的 RS + AG），可与反向重叠",
                                                  "network: one gradient All-Reduce per step (or ZeRO's RS + AG), can "
                                                  "overlap backward")),
    )):
        y = 10.6 + k * 0.72
        items += [Box(1.6, y - 0.22, 0.6, 0.44, color=colour, fill="solid", radius=4),
                  Text(2.5, y, name, color=colour, bold=True, size=16, anchor="start"),
                  Text(5.6, y, line, size=15, anchor="start")]
    return items


PP04 = Figure(
    IMAGES + "03PipelineParallel04",
    T("三维并行的放置：哪种流量走哪张网（示意：t = 4，p = 3，d = 2）",
      "Placing 3D parallelism: which traffic takes which network (t = 4, p = 3, d = 2)"),
    T("张量并行在服务器内走 NVLink；流水线并行与数据并行跨服务器走网络",
      "Tensor parallel inside a server on NVLink; pipeline and data parallel across servers on the network"),
    rows=12.9, items=tuple(_three_d()),
)

FIGURES = [DP01, DP02, DP03, TP01, TP02, TP03, TP04, PP01, PP02, PP03, PP04]

# ====================================================================== decks
MODULE, CHAPTER = "通信架构", "并行训练中的集合通信"
DECKS = [
    Deck("05XCCL/03Parallelism/01DataParallel.pdf", MODULE, CHAPTER, "数据并行：每步一次梯度全归约",
         "通信量、分桶重叠与 ZeRO 的拆分", "第 01 讲", (
             Bullets("数据并行的一步", (
                 "p 块 GPU 各存完整模型，各处理 1/p 的批次",
                 "更新前需要相同的梯度：g = (1/p)·Σ g_{r}，求和即全归约",
                 "每个优化器步骤只有一类集合操作：对全部梯度做一次全归约",
                 "环形算法每卡收发 2(p−1)/p · sΨ 字节，与批次大小无关",
             )),
             Picture("全归约放在哪里", DP01, "① 反向后同步 ② 分桶重叠（PyTorch DDP）③ 梯度累积 + no_sync"),
             Bullets("算一个例子（25 GB/s 为假设值）", (
                 "Ψ = 7.5B，FP16 梯度 15 GB（ZeRO 论文的例子）",
                 "p = 8：每卡发送 26.25 GB，约 1.05 s",
                 "p = 64：每卡发送 29.53 GB，约 1.18 s，只多约 12%",
                 "DDP（Li 等，VLDB 2020）：分桶、重叠、跳过同步；256 块 GPU 接近线性扩展",
             )),
             Picture("ZeRO：显存与通信", DP02, "模型状态 16Ψ 字节；阶段 1、2 通信 2Ψ，与数据并行相同；阶段 3 为 3Ψ"),
             Picture("ZeRO-3 的通信时机", DP03, "前向、反向各全收集一次参数，梯度归约散播一次"),
             Bullets("小结", (
                 "数据并行：每步一次梯度全归约，每卡 2(p−1)/p·sΨ 字节",
                 "分桶让全归约藏进反向；梯度累积把一次同步分摊到 k 个微批次",
                 "ZeRO 用归约散播 + 全收集代替全归约：2Ψ（阶段 1、2）、3Ψ（阶段 3）",
                 "7.5B、64 卡：每卡模型状态 120 → 31.4 → 16.6 → 1.9 GB",
             ), summary=True),
         )),
    Deck("05XCCL/03Parallelism/02TensorParallel.pdf", MODULE, CHAPTER, "张量并行：层内切分与每层四次全归约",
         "Megatron-LM 的 f 与 g，以及序列并行", "第 02 讲", (
             Picture("列并行 + 行并行", TP01, "GeLU 逐元素作用在列块上，无需同步；行切后的部分和需要一次全归约"),
             Picture("一个 Transformer 层的通信", TP02, "f：前向恒等、反向全归约；g：前向全归约、反向恒等（Shoeybi 等 2019）"),
             Bullets("通信量", (
                 "每次全归约 b·s·h 个元素；每层每微批次每卡 8·b·s·h·(t−1)/t（Narayanan 等 2021）",
                 "与参数量无关，正比于激活大小；每层、每个微批次都要发生",
                 "假设 b = 1、s = 2048、h = 12288、t = 8、FP16：每次 50.3 MB，一层共 352 MB",
                 "前向每卡运算与通信之比约 6h/t：t 越大，通信占比越高",
             )),
             Picture("为什么留在服务器内", TP03, "NVLink 300 GB/s（A100 白皮书）0.59 ms；25 GB/s 网卡（假设）7.05 ms；计算 3.06 ms"),
             Picture("序列并行", TP04, "全归约 = 归约散播 + 全收集：通信量不变，层间激活显存降为 1/t（Korthikanti 等 2022）"),
             Bullets("小结", (
                 "第一层列切、第二层行切：每个块前向一次全归约",
                 "每层前向 2 次、反向 2 次，每次 b·s·h 个元素",
                 "位于关键路径上：张量并行规模一般不超过单台服务器的 GPU 数",
                 "序列并行把全归约拆成两半，通信量相同，激活显存按 t 均分",
             ), summary=True),
         )),
    Deck("05XCCL/03Parallelism/03PipelineParallel.pdf", MODULE, CHAPTER, "流水线并行与三维并行",
         "点对点通信、气泡与流量的去处", "第 03 讲", (
             Picture("阶段之间只有点对点", PP01, "每个微批次每个边界：前向、反向各 b·s·h 个元素；ncclSend / ncclRecv"),
             Bullets("气泡", (
                 "m 个微批次、p 个阶段：总时间 (m + p − 1)(t_{f} + t_{b})",
                 "气泡占比 (p − 1)/(m + p − 1)；M ≥ 4K 时可忽略（GPipe）",
                 "Narayanan 等 2021：气泡时间 / 理想时间 = (p − 1)/m",
                 "p = 8、m = 32：7/39 ≈ 17.9%",
             )),
             Picture("GPipe 与 1F1B", PP02, "气泡相同（3/11）；1F1B 每阶段最多存 p 份激活，GPipe 存 m 份"),
             Picture("气泡随 m 的变化", PP03, "只有增大 m 才能压缩气泡；交错调度再缩小为 1/v，通信变为 v 倍"),
             Picture("三维并行的放置", PP04, "张量并行在机内 NVLink；流水线与数据并行跨服务器"),
             Bullets("实测：万亿参数模型（Narayanan 等 2021）", (
                 "3072 块 A100，502 PFLOP/s，每卡达理论峰值的 52%",
                 "流水线并行通信：有效对分带宽 892 GB/s",
                 "数据并行通信：有效对分带宽 13 TB/s",
                 "经验：张量并行不超过单台服务器的 GPU 数，再用流水线跨服务器扩展",
             )),
             Bullets("小结", (
                 "流水线：点对点 send/recv，每边界每微批次 b·s·h 个元素",
                 "GPipe 与 1F1B 气泡都是 (p−1)/(m+p−1)；1F1B 节省激活显存",
                 "张量并行走 NVLink；流水线与数据并行走机间网络",
                 "数据并行量大但可重叠；流水线量小但在关键路径上",
             ), summary=True),
         )),
]
