"""Figures and decks of 01AIChip/01Foundation (AI 计算体系: roofline, matrix multiplication, number formats).

Every number drawn here is one the articles cite next to the figure: the NVIDIA A100 datasheet
(dense peaks, 40 GB HBM2 bandwidth), IEEE 754-2019, the A100 whitepaper (TF32, BF16) and
Micikevicius et al. 2022 (FP8). Figures marked 示意 / schematic carry no measured numbers.
"""

from __future__ import annotations

from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Legend, Picture, Plot, T, Text, text_in
from ..style import light, strong

IMAGES = "01AIChip/01Foundation/images/"

# A100 numbers (NVIDIA A100 Tensor Core GPU datasheet): dense peaks and the 40 GB model's HBM2.
A100_FP16_TC = 312.0  # TFLOP/s, FP16/BF16 Tensor Core, dense
A100_FP32 = 19.5  # TFLOP/s, FP32 (non-Tensor-Core)
A100_TF32_TC = 156.0  # TFLOP/s, TF32 Tensor Core, dense
A100_INT8_TC = 624.0  # TOP/s, INT8 Tensor Core, dense
A100_HBM = 1.555  # TB/s, A100 40 GB
RIDGE16, RIDGE32 = A100_FP16_TC / A100_HBM, A100_FP32 / A100_HBM


def _log_axes(axes, language: str, xlabel: T, ylabel: T, xticks=None, yticks=None) -> None:
    """Log-log axes with plain tick labels (1/16, 1024), a light grid and labels in one language."""
    axes.set_xscale("log", base=2 if xticks and xticks[0] < 1 else 10)
    axes.set_yscale("log")
    for ticks, setter in ((xticks, axes.set_xticks), (yticks, axes.set_yticks)):
        if ticks is not None:
            setter(ticks, [f"1/{round(1 / t)}" if t < 1 and t not in (0.1, 0.5) else f"{t:g}" for t in ticks],
                   fontsize=14)
    axes.minorticks_off()
    axes.grid(color="#e5e7eb")
    axes.set_axisbelow(True)
    axes.set_xlabel(text_in(xlabel, language), fontsize=16)
    axes.set_ylabel(text_in(ylabel, language), fontsize=16)


def _say(axes, x: float, y: float, label: T | str, language: str, colour: str = "ink", **options) -> None:
    """A label in the chart's data coordinates, in the palette's strong colour."""
    options.setdefault("fontsize", 16)
    axes.text(x, y, text_in(label, language), color=strong(colour), **options)


# ====================================================================== 01Roofline
def _time_bars(top: float, label: T, memory: float, compute: float, verdict: T, colour: str) -> list[Item]:
    """One case of the intensity figure: the memory and the compute time as two bars."""
    scale = 0.95
    return [
        Text(1.6, top - 0.5, label, bold=True, size=20, anchor="start"),
        Box(5.6, top, memory * scale, 0.7, color="blue", fill="solid", radius=4),
        Text(5.8 + memory * scale, top + 0.35, T("访存时间 Q/B", "memory time Q/B"), color="blue", size=17,
             anchor="start"),
        Box(5.6, top + 0.9, compute * scale, 0.7, color="orange", fill="solid", radius=4),
        Text(5.8 + compute * scale, top + 1.25, T("计算时间 W/P", "compute time W/P"), color="orange", size=17,
             anchor="start"),
        Text(1.6, top + 0.8, verdict, color=colour, size=18, anchor="start"),
    ]


ROOF01 = Figure(
    IMAGES + "01Roofline01",
    T("计算强度：每搬运 1 字节做多少次运算", "Arithmetic intensity: operations per byte moved"),
    T("访存时间与计算时间，哪个更长", "Which is longer: the time to move the data or the time to compute"),
    rows=12,
    items=(
        Box(1.6, 0.3, 5.6, 2.6, T("片外存储 DRAM/HBM\n数据 Q 字节", "Off-chip DRAM/HBM\nQ bytes of data"), size=22),
        Box(16.8, 0.3, 5.6, 2.6, T("计算单元 峰值 P\n运算 W 次（FLOP）", "Compute units, peak P\nW operations (FLOP)"),
            color="orange", size=22),
        Arrow((7.4, 1.3), (16.6, 1.3), color="blue", width=5),
        Arrow((16.6, 2.0), (7.4, 2.0), color="blue", width=5),
        Text(12.0, 0.85, T("读入操作数：带宽 B（字节/秒）", "Operands in: bandwidth B (bytes/s)"), color="blue",
             bold=True, size=20),
        Text(12.0, 2.5, T("写回结果（同样占用带宽）", "Results out (they use bandwidth too)"), color="gray", size=17),
        Box(5.6, 3.4, 12.8, 1.2, T("计算强度  I = W / Q   （FLOP/字节）", "Arithmetic intensity  I = W / Q   (FLOP/byte)"),
            color="gray", size=24, bold=True),
        *_time_bars(6.0, T("情形一：I 小", "Case 1: small I"), 12, 4, T("访存受限", "memory-bound"), "blue"),
        *_time_bars(8.9, T("情形二：I 大", "Case 2: large I"), 4, 12, T("计算受限", "compute-bound"), "orange"),
        Text(22.4, 11.1, T("两者可重叠时，总时间 ≈ max(Q/B, W/P)", "When the two overlap, total time ≈ max(Q/B, W/P)"),
             bold=True, size=19, anchor="end"),
    ),
)

KERNELS = [
    (1 / 6, T("FP16 向量加法\nI ≈ 0.17", "FP16 vector add\nI ≈ 0.17"), (0.22, 0.18), "left"),
    (1.0, T("FP16 矩阵-向量乘\nI ≈ 1", "FP16 matrix-vector\nI ≈ 1"), (1.4, 0.6), "left"),
    (256 / 3, T("FP16 GEMM N=256\nI ≈ 85", "FP16 GEMM N=256\nI ≈ 85"), (60, 300), "right"),
    (4096 / 3, T("FP16 GEMM N=4096\nI ≈ 1365", "FP16 GEMM N=4096\nI ≈ 1365"), (1365, 190), "center"),
]


def _roofline(axes, language: str) -> None:
    """The A100 roofline: memory slope, FP16 and FP32 roofs, four kernels on it."""
    start = 0.1 / A100_HBM
    axes.plot([start, RIDGE16], [0.1, A100_FP16_TC], color=strong("blue"), linewidth=4)
    axes.plot([RIDGE16, 4096], [A100_FP16_TC] * 2, color=strong("orange"), linewidth=4)
    axes.plot([RIDGE32, 4096], [A100_FP32] * 2, color=strong("gray"), linewidth=3, linestyle="--")
    axes.plot([RIDGE16, RIDGE16], [0.1, A100_FP16_TC], color=strong("orange"), linewidth=1.5, linestyle=":")
    axes.plot([RIDGE16], [A100_FP16_TC], "o", color=strong("orange"), markersize=10)
    axes.plot([RIDGE32], [A100_FP32], "o", color=strong("gray"), markersize=8)
    _say(axes, RIDGE16 / 1.3, A100_FP16_TC * 1.5, T("脊点 I ≈ 201", "ridge I ≈ 201"), language, "orange",
         ha="right", fontweight="bold", fontsize=17)
    _say(axes, RIDGE32 * 1.3, A100_FP32 / 1.9, T("FP32 脊点 I ≈ 12.5", "FP32 ridge I ≈ 12.5"), language, "gray")
    _say(axes, 0.3, 3.0, T("斜线：带宽 × I\n1.555 TB/s", "slope: bandwidth × I\n1.555 TB/s"), language, "blue",
         ha="center", fontweight="bold", fontsize=17)
    _say(axes, 900, 312 * 1.4, "FP16/BF16 Tensor Core 312", language, "orange", ha="center", fontweight="bold",
         fontsize=17)
    _say(axes, 1500, 19.5 * 1.4, "FP32 19.5", language, "gray", ha="center")
    for x, label, (tx, ty), side in KERNELS:
        y = min(A100_HBM * x, A100_FP16_TC)
        axes.plot([x], [y], "o", color=strong("green"), markeredgecolor="white", markersize=10)
        _say(axes, tx, ty, label, language, "green", ha=side, va="center")
    _say(axes, 0.3, 100, T("访存受限区", "memory-bound"), language, "blue", ha="center", fontweight="bold",
         fontsize=22)
    _say(axes, 600, 55, T("计算受限区", "compute-bound"), language, "orange", ha="center", fontweight="bold",
         fontsize=22)
    axes.set_xlim(1 / 16, 4096)
    axes.set_ylim(0.1, 1000)
    _log_axes(axes, language, T("计算强度 I（FLOP/字节）", "Arithmetic intensity I (FLOP/byte)"),
              T("可达性能（TFLOP/s）", "Attainable performance (TFLOP/s)"),
              [1 / 16, 1 / 4, 1, 4, 16, 64, 256, 1024, 4096], [0.1, 1, 10, 100, 1000])


ROOF02 = Plot(
    IMAGES + "01Roofline02",
    T("NVIDIA A100 40GB 的 Roofline（峰值取自 A100 数据手册）", "The roofline of an NVIDIA A100 40GB (datasheet peaks)"),
    "FP16/BF16 Tensor Core 312 TFLOP/s · FP32 19.5 TFLOP/s · HBM2 1,555 GB/s",
    rows=13,
    draw=_roofline,
    area=(3.3, 0.2, 19.5, 10.8),
)


def _moves(axes, language: str) -> None:
    """Schematic roofline with the three ways to move a kernel: no numbers on the axes."""
    bw, peak, peak2 = 2.0, 120.0, 480.0
    axes.plot([1, peak / bw, 1000], [bw, peak, peak], color=strong("orange"), linewidth=4)
    axes.plot([1, peak / bw], [bw, peak], color=strong("blue"), linewidth=4)
    axes.plot([peak / bw, peak2 / bw], [peak, peak2], color=strong("blue"), linewidth=2.5, linestyle="--")
    axes.plot([peak2 / bw, 1000], [peak2] * 2, color=strong("purple"), linewidth=3, linestyle="--")
    axes.plot([6.0], [4.0], "o", color=strong("green"), markersize=12)
    _say(axes, 5.0, 3.0, T("内核 A", "kernel A"), language, "green", ha="right", fontweight="bold", fontsize=19)
    moves = [((6.0, 4.6), (6.0, 10.5), "green"), ((7.0, 13.0), (36.0, 70.0), "red"), ((500, 130), (500, 440), "purple")]
    for start, end, colour in moves:
        axes.annotate("", xy=end, xytext=start,
                      arrowprops={"arrowstyle": "-|>", "color": strong(colour), "linewidth": 3.5,
                                  "mutation_scale": 22})
    _say(axes, 7.5, 5.5, T("① 贴近屋顶\n合并访存、提高带宽利用率", "① Close the gap to the roof\ncoalesce accesses, use the bandwidth"),
         language, "green", va="center")
    _say(axes, 48, 62, T("② 向右：提高计算强度\n算子融合、分块复用、增大批量",
                         "② Move right: raise the intensity\nfuse operators, tile, batch more"),
         language, "red", va="center")
    _say(axes, 440, 215, T("③ 抬高屋顶\n专用矩阵单元、更低精度", "③ Raise the roof\nmatrix units, lower precision"),
         language, "purple", ha="right", va="center")
    _say(axes, 600, peak / 1.45, T("原屋顶", "old roof"), language, "orange", ha="center")
    _say(axes, 600, peak2 * 1.2, T("更高的算力屋顶", "a higher compute roof"), language, "purple", ha="center")
    axes.set_xlim(1, 1000)
    axes.set_ylim(1, 1000)
    _log_axes(axes, language, T("计算强度 I（对数坐标）", "Arithmetic intensity I (log scale)"),
              T("性能（对数坐标）", "Performance (log scale)"), [], [])
    axes.grid(False)


ROOF03 = Plot(
    IMAGES + "01Roofline03",
    T("优化方向：向右、向上、贴近屋顶（示意）", "Moving right, raising the roof, closing the gap (schematic)"),
    T("一个内核在 Roofline 上的三种移动", "Three ways to move a kernel on its roofline"),
    rows=12,
    draw=_moves,
    area=(2.5, 0.2, 20.5, 10.0),
)

# ====================================================================== 02MatMul
MM01 = Figure(
    IMAGES + "02MatMul01",
    T("矩阵乘法 C = A × B 的运算量", "The operation count of a matrix multiplication C = A × B"),
    T("GEMM 的运算量：2·M·N·K", "FLOPs of a GEMM: 2·M·N·K"),
    rows=12,
    items=(
        Box(3.0, 4.2, 4.2, 5.6, radius=0, stroke=2.5),
        Box(8.2, 0.7, 7.0, 3.0, color="green", radius=0, stroke=2.5),
        Box(8.2, 4.2, 7.0, 5.6, color="orange", radius=0, stroke=2.5),
        Box(3.0, 6.5, 4.2, 0.5, fill="solid", radius=0),
        Box(12.5, 0.7, 0.5, 3.0, color="green", fill="solid", radius=0),
        Box(12.5, 6.5, 0.5, 0.5, color="orange", fill="solid", radius=0),
        Text(5.1, 10.3, T("A：M × K", "A: M × K"), color="blue", bold=True, size=22),
        Text(7.9, 2.2, T("B：K × N", "B: K × N"), color="green", bold=True, size=22, anchor="end"),
        Text(11.7, 10.3, T("C：M × N", "C: M × N"), color="orange", bold=True, size=22),
        Text(2.7, 6.75, T("第 i 行", "row i"), color="blue", size=18, anchor="end"),
        Text(12.75, 0.35, T("第 j 列", "column j"), color="green", size=18),
        Arrow((12.75, 5.7), (12.75, 6.42), color="ink", width=2),
        Text(13.1, 5.5, "C_{ij}", bold=True, size=20, anchor="start"),
        Box(16.4, 4.2, 6.8, 5.6, color="gray"),
        Text(19.8, 5.0, T("一个输出元素", "One output element"), bold=True, size=21),
        Text(19.8, 5.9, "C_{ij} = Σ_{k} A_{ik}·B_{kj}", size=20),
        Text(19.8, 6.8, T("K 次乘法 + K 次加法 ≈ 2K", "K multiplies + K adds ≈ 2K"), size=18),
        Arrow((17.0, 7.5), (22.6, 7.5), head=False),
        Text(19.8, 8.2, T("M × N 个输出元素", "M × N output elements"), bold=True, size=21),
        Text(19.8, 9.1, T("总运算量 = 2·M·N·K", "Total = 2·M·N·K"), color="red", bold=True, size=22),
    ),
)


def _intensity(axes, language: str) -> None:
    """Square-GEMM intensity N/3 and N/6 against the A100 ridge points."""
    n = [16, 16384]
    axes.plot(n, [v / 3 for v in n], color=strong("orange"), linewidth=4)
    axes.plot(n, [v / 6 for v in n], color=strong("blue"), linewidth=4)
    axes.plot(n, [1, 1], color=strong("green"), linewidth=3, linestyle="--")
    for ridge, colour, divisor, label, name in ((RIDGE16, "orange", 3, "N ≈ 602",
                                                 T("A100 FP16 Tensor Core 脊点 ≈ 201", "A100 FP16 Tensor Core ridge ≈ 201")),
                                                (RIDGE32, "blue", 6, "N ≈ 75", T("A100 FP32 脊点 ≈ 12.5", "A100 FP32 ridge ≈ 12.5"))):
        axes.plot(n, [ridge, ridge], color=strong(colour), linewidth=2, linestyle=":")
        size = divisor * ridge
        axes.plot([size], [ridge], "o", color=strong(colour), markeredgecolor="white", markersize=11)
        axes.plot([size, size], [0.5, ridge], color=strong(colour), linewidth=1.5, linestyle=":")
        _say(axes, size * 1.12, 2.3, label, language, colour, fontweight="bold", fontsize=17)
        _say(axes, 20, ridge * 1.25, name, language, colour)
    _say(axes, 4000, 5000 / 3 * 1.35, T("FP16：I = N/3", "FP16: I = N/3"), language, "orange", ha="right",
         fontweight="bold", fontsize=18)
    _say(axes, 9000, 8000 / 6 / 2.2, T("FP32：I = N/6", "FP32: I = N/6"), language, "blue", ha="center",
         fontweight="bold", fontsize=18)
    _say(axes, 3000, 1.25, T("矩阵-向量乘（M = 1，FP16）：I ≈ 1", "Matrix-vector (M = 1, FP16): I ≈ 1"), language,
         "green", ha="center", fontweight="bold", fontsize=17)
    axes.set_xlim(16, 16384)
    axes.set_ylim(0.5, 10000)
    _log_axes(axes, language, T("矩阵边长 N（M = N = K）", "Matrix size N (M = N = K)"),
              T("计算强度 I（FLOP/字节）", "Arithmetic intensity I (FLOP/byte)"),
              [16, 64, 256, 1024, 4096, 16384], [1, 10, 100, 1000, 10000])


MM02 = Plot(
    IMAGES + "02MatMul02",
    T("方阵 GEMM 的计算强度随规模增长（最少访存假设）", "The intensity of a square GEMM grows with its size (minimum traffic)"),
    T("每个矩阵只读或写一次：I = N/3（FP16），N/6（FP32）",
      "Square GEMM, each matrix read or written once: I = N/3 (FP16), N/6 (FP32)"),
    rows=13,
    draw=_intensity,
    area=(3.3, 0.2, 19.5, 10.8),
)


def _tiles() -> list[Item]:
    """A blocked by rows, B by columns, C with the tile (1, 2) that needs row panel 1 and column panel 2."""
    cell = 1.5
    items: list[Item] = []
    for r in range(4):
        for k in range(4):
            hit = r == 1
            items.append(Box(1.7 + k * cell, 4.1 + r * cell, cell, cell, f"A_{{1{k}}}" if hit else None,
                             fill="solid" if hit else "light", bold=True, size=17, radius=0))
            hit = k == 2
            items.append(Box(8.2 + k * cell, 0.4 + r * cell * 0.55, cell, cell * 0.55, f"B_{{{r}2}}" if hit else None,
                             color="green", fill="solid" if hit else "light", bold=True, size=15, radius=0))
            hit = (r, k) == (1, 2)
            items.append(Box(8.2 + k * cell, 4.1 + r * cell, cell, cell, "C_{12}" if hit else None,
                             color="orange", fill="solid" if hit else "light", bold=True, size=18, radius=0))
    return items


MM03 = Figure(
    IMAGES + "02MatMul03",
    T("分块（Tiling）：一个输出块只需要 A 的一行块和 B 的一列块",
      "Tiling: one output tile needs one row panel of A and one column panel of B"),
    T("C 的块 (i, j) 读 A 的第 i 行块与 B 的第 j 列块", "Blocking: C tile (i, j) reads row panel i of A and column panel j of B"),
    rows=12,
    items=(
        *_tiles(),
        Text(4.7, 10.6, T("A（按行分块）", "A (row panels)"), color="blue", bold=True, size=19),
        Text(7.9, 1.5, T("B（按列分块）", "B (column panels)"), color="green", bold=True, size=19, anchor="end"),
        Text(11.2, 10.6, "C", color="orange", bold=True, size=19),
        Box(15.6, 1.0, 7.6, 8.8, color="gray", size=17,
            title=T("片上存储（共享内存 / 寄存器）", "On-chip: shared memory / registers")),
        Box(16.2, 2.3, 2.8, 1.5, T("A 块\nb_{m} × b_{k}", "A tile\nb_{m} × b_{k}"), size=17, id="a"),
        Box(19.8, 2.3, 2.8, 1.5, T("B 块\nb_{k} × b_{n}", "B tile\nb_{k} × b_{n}"), color="green", size=17, id="b"),
        Box(17.6, 4.5, 3.6, 1.5, T("C 累加块\nb_{m} × b_{n}", "C accumulator\nb_{m} × b_{n}"), color="orange", size=17,
            id="c"),
        Arrow("a", "c", color="ink", width=2),
        Arrow("b", "c", color="ink", width=2),
        Text(19.4, 6.8, T("沿 k 方向循环：每步读入一对 A、B 块", "Loop over k: read an A and a B tile per step"),
             size=15),
        Text(19.4, 7.6, T("块内计算强度", "Intensity inside a tile"), bold=True, size=17),
        Text(19.4, 8.4, "I = 2·b_{m}·b_{n} / ((b_{m} + b_{n})·s)", color="red", bold=True, size=18),
        Text(19.4, 9.15, T("s 为每个元素的字节数", "s = bytes per element"), color="gray", size=15),
    ),
)


def _op(x: float, y: float, w: float, label: T, flops: T | str, gemm: bool) -> list[Item]:
    """One operator of the Transformer layer: GEMMs orange with their FLOPs in red, element-wise grey."""
    return [Box(x, y, w, 2.5, color="orange" if gemm else "gray", radius=4, stroke=2),
            Text(x + w / 2, y + 0.95, label, bold=True, size=17),
            Text(x + w / 2, y + 1.95, flops, color="red" if gemm else "gray", size=16)]


ATTENTION = [
    (T("Q、K、V 投影\n(bs×h)·(h×3h)", "Q, K, V projection\n(bs×h)·(h×3h)"), "6·b·s·h^{2}", True),
    (T("注意力分数 QK^{T}\n按头批量 GEMM", "Scores QK^{T}\nbatched, per head"), "2·b·s^{2}·h", True),
    (T("softmax\n缩放、掩码", "softmax\nscale, mask"), T("≈ b·s^{2}·头数", "≈ b·s^{2}·heads"), False),
    (T("加权求和 PV\n按头批量 GEMM", "Weighted sum PV\nbatched, per head"), "2·b·s^{2}·h", True),
    (T("输出投影\n(bs×h)·(h×h)", "Output projection\n(bs×h)·(h×h)"), "2·b·s·h^{2}", True),
]
FFN = [
    (T("层归一化 + 残差\n逐元素", "LayerNorm + residual\nelement-wise"), T("≈ 数倍 b·s·h", "≈ a few b·s·h"), False),
    (T("升维\n(bs×h)·(h×4h)", "Up projection\n(bs×h)·(h×4h)"), "8·b·s·h^{2}", True),
    (T("激活函数\n逐元素", "Activation\nelement-wise"), T("≈ 数倍 b·s·h", "≈ a few b·s·h"), False),
    (T("降维\n(bs×4h)·(4h×h)", "Down projection\n(bs×4h)·(4h×h)"), "8·b·s·h^{2}", True),
]


def _layer_row(y: float, ops: list, pitch: float, width: float) -> list[Item]:
    items: list[Item] = []
    for i, (label, flops, gemm) in enumerate(ops):
        items += _op(1.2 + i * pitch, y, width, label, flops, gemm)
        if i:
            items.append(Arrow((1.2 + i * pitch - (pitch - width), y + 1.25), (1.2 + i * pitch, y + 1.25),
                               color="ink", width=2.5))
    return items


MM04 = Figure(
    IMAGES + "02MatMul04",
    T("一个 Transformer 层里的矩阵乘法（前向，b 批量，s 序列长度，h 隐藏维度）",
      "GEMMs of a Transformer layer (forward; batch b, sequence s, hidden h)"),
    T("矩阵乘（彩色）占绝大部分运算；逐元素运算（灰色）运算量很小",
      "GEMMs (coloured) dominate; element-wise ops (grey) are cheap in FLOPs"),
    rows=12,
    items=(
        Text(1.2, 0.2, T("注意力子层", "Attention sublayer"), color="purple", bold=True, size=19, anchor="start"),
        *_layer_row(0.6, ATTENTION, 4.4, 4.0),
        Text(1.2, 4.8, T("前馈子层（FFN，中间维度 4h）", "Feed-forward sublayer (FFN, inner size 4h)"), color="purple",
             bold=True, size=19, anchor="start"),
        *_layer_row(5.2, FFN, 5.5, 5.1),
        Arrow((20.8, 3.15), (20.8, 4.5), width=2),
        Box(3.0, 8.8, 18.0, 2.1, color="red", radius=4, stroke=2),
        Text(12.0, 9.4, T("矩阵乘合计：24·b·s·h^{2} + 4·b·s^{2}·h", "All GEMMs: 24·b·s·h^{2} + 4·b·s^{2}·h"),
             color="red", bold=True, size=23),
        Text(12.0, 10.25, T("逐元素运算与 b·s·h 或 b·s^{2}·头数 成正比，比矩阵乘少一个 h（或单头维度）的因子",
                            "Element-wise ops scale with b·s·h or b·s^{2}·heads: a factor h (or the head size) below "
                            "the GEMMs"), size=16),
    ),
)

# ====================================================================== 03BitWidth
FORMATS = [
    # name, sign, exponent, mantissa, note
    ("FP32", 1, 8, 23, "IEEE 754 binary32"),
    ("TF32", 1, 8, 10, T("A100 Tensor Core 计算格式", "A100 Tensor Core compute format")),
    ("FP16", 1, 5, 10, "IEEE 754 binary16"),
    ("BF16", 1, 8, 7, "bfloat16"),
    ("FP8 E5M2", 1, 5, 2, T("FP8（梯度）", "FP8 (gradients)")),
    ("FP8 E4M3", 1, 4, 3, T("FP8（权重、激活）", "FP8 (weights, activations)")),
    ("INT8", 0, 0, 0, T("8 位二进制补码整数", "8-bit two's-complement integer")),
]
FIELDS = (("purple", T("符号", "sign")), ("blue", T("指数", "exponent")), ("green", T("尾数", "mantissa")),
          ("red", T("整数位", "integer bits")))


def _layouts() -> list[Item]:
    items: list[Item] = []
    for i, (name, s, e, m, note) in enumerate(FORMATS):
        y = 0.2 + i * 1.44
        cells = ["red"] * 8 if name == "INT8" else ["purple"] * s + ["blue"] * e + ["green"] * m
        items.append(Text(4.0, y + 0.4, name, bold=True, size=21, anchor="end"))
        items += [Box(4.3 + k * 0.48, y + 0.1, 0.44, 0.62, color=c, fill="solid", radius=2) for k, c in enumerate(cells)]
        desc = T("8 位", "8 bits") if name == "INT8" else T(f"{s} + {e} + {m} = {s + e + m} 位", f"{s} + {e} + {m} = {s + e + m} bits")
        items.append(Text(4.6 + len(cells) * 0.48, y + 0.4, desc, size=18, anchor="start"))
        items.append(Text(4.3, y + 1.05, note, color="gray", size=14, anchor="start"))
    return items


BIT01 = Figure(
    IMAGES + "03BitWidth01",
    T("常见数值格式的位布局", "Bit layouts of common number formats"),
    T("符号 · 指数 · 尾数", "Sign · exponent · mantissa (fraction)"),
    rows=12,
    items=(*_layouts(), Legend(4.3, 10.6, FIELDS, step=4.7)),
)

RANGES = [
    # name, min subnormal, min normal, max, epsilon label, colour
    ("FP32", 2.0 ** -149, 2.0 ** -126, (2 - 2 ** -23) * 2.0 ** 127, "2^{-23} ≈ 1.2×10^{-7}", "blue"),
    ("TF32", None, 2.0 ** -126, (2 - 2 ** -10) * 2.0 ** 127, "2^{-10} ≈ 9.8×10^{-4}", "teal"),
    ("BF16", 2.0 ** -133, 2.0 ** -126, (2 - 2 ** -7) * 2.0 ** 127, "2^{-7} ≈ 7.8×10^{-3}", "green"),
    ("FP16", 2.0 ** -24, 2.0 ** -14, 65504.0, "2^{-10} ≈ 9.8×10^{-4}", "orange"),
    ("FP8 E5M2", 2.0 ** -16, 2.0 ** -14, 57344.0, "2^{-2} = 0.25", "purple"),
    ("FP8 E4M3", 2.0 ** -9, 2.0 ** -6, 448.0, "2^{-3} = 0.125", "pink"),
    ("INT8", None, 1.0, 127.0, T("步长 1（整数）", "step 1 (integers)"), "red"),
]


def _mathtext(label: str) -> str:
    """`2^{-23} ≈ 1.2×10^{-7}` in matplotlib's mathtext, so the exponents are raised."""
    import re

    return re.sub(r"(\d+)\^\{([^}]*)\}", r"$\1^{\2}$", label)


def _ranges(axes, language: str) -> None:
    """Positive finite range of each format on a log axis; subnormals as a lighter bar."""
    rows = list(reversed(RANGES))
    for y, (name, sub, normal, top, eps, colour) in enumerate(rows):
        if sub:
            axes.barh(y, normal - sub, left=sub, height=0.5, color=light("gray"), edgecolor=strong(colour))
        axes.barh(y, top - normal, left=normal, height=0.5, color=strong(colour))
        axes.text(1.03, y, _mathtext(text_in(eps, language)), transform=axes.get_yaxis_transform(), fontsize=16,
                  va="center", ha="left", color=strong("ink"))
    axes.text(1.03, len(rows) - 0.3, text_in(T("机器精度 ε", "Machine epsilon ε"), language),
              transform=axes.get_yaxis_transform(), fontsize=18, fontweight="bold", va="center")
    axes.set_xscale("log")
    axes.set_xlim(1e-46, 1e40)
    axes.set_ylim(-0.6, len(rows) - 0.4)
    axes.set_yticks(range(len(rows)), [name for name, *_ in rows], fontsize=18, fontweight="bold")
    axes.tick_params(axis="y", length=0)
    axes.set_xticks([10.0 ** k for k in range(-45, 41, 15)], [f"$10^{{{k}}}$" for k in range(-45, 41, 15)],
                    fontsize=15)
    axes.minorticks_off()
    axes.grid(axis="x", color="#e5e7eb")
    axes.set_axisbelow(True)
    axes.set_xlabel(text_in(T("可表示的正数（对数坐标）", "Representable positive values (log scale)"), language),
                    fontsize=16)
    handles = [axes.barh(0, 0, color=light("gray"), edgecolor=strong("gray"),
                         label=text_in(T("次正规数（subnormal）", "subnormal numbers"), language)),
               axes.barh(0, 0, color=strong("blue"),
                         label=text_in(T("正规数：从最小正规数到最大有限值", "normal numbers: smallest normal to largest finite"),
                                       language))]
    axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False, fontsize=16)


BIT02 = Plot(
    IMAGES + "03BitWidth02",
    T("动态范围与精度：指数位定范围，尾数位定精度",
      "Range and precision: the exponent sets the range, the mantissa the precision"),
    T("可表示的正有限值范围（对数坐标）与机器精度", "Range of positive finite values (log scale) and machine epsilon"),
    rows=12.5,
    draw=_ranges,
    area=(3.6, 0.3, 14.4, 9.4),
)

PEAKS = [(T("FP32（非 Tensor Core）", "FP32 (no Tensor Core)"), A100_FP32, "gray"),
         ("TF32 Tensor Core", A100_TF32_TC, "teal"), ("FP16 Tensor Core", A100_FP16_TC, "orange"),
         ("BF16 Tensor Core", A100_FP16_TC, "green"), ("INT8 Tensor Core", A100_INT8_TC, "red")]
BYTES = [("FP32", 4, "gray"), (T("TF32（按 FP32 存储）", "TF32 (stored as FP32)"), 4, "teal"),
         ("FP16 / BF16", 2, "orange"), ("FP8", 1, "purple"), ("INT8", 1, "red")]


def _widths() -> list[Item]:
    items: list[Item] = [
        Text(9.6, 0.2, T("峰值（TFLOP/s，INT8 为 TOP/s）", "Peak (TFLOP/s; TOP/s for INT8)"), bold=True, size=18),
        Text(19.8, 0.2, T("每个元素的字节数", "Bytes per element"), bold=True, size=18),
    ]
    for i, ((label, value, colour), (name, count, tint)) in enumerate(zip(PEAKS, BYTES)):
        y = 1.1 + i * 1.9
        w = value / 624 * 8
        items += [Text(5.35, y + 0.4, label, size=17, anchor="end"),
                  Box(5.6, y, w, 0.8, color=colour, fill="solid", radius=4),
                  Text(5.8 + w, y + 0.4, f"{value:g}", bold=True, size=19, anchor="start")]
        items += [Box(16.6 + k * 1.3, y, 1.16, 0.8, color=tint, fill="solid", radius=4) for k in range(count)]
        items.append(Text(16.6, y + 1.15, T(f"{text_in(name, 'zh')}：{count} 字节", f"{text_in(name, 'en')}: {count} "
                                            f"byte{'s' if count > 1 else ''}"), size=15, anchor="start"))
    return items


BIT03 = Figure(
    IMAGES + "03BitWidth03",
    T("位宽越窄，吞吐越高、字节越少（A100 数据手册，稠密峰值）",
      "Narrower formats: more throughput, fewer bytes (A100 datasheet, dense peaks)"),
    T("A100 Tensor Core 稠密峰值与每个元素的字节数", "A100 dense Tensor Core peaks and bytes per element"),
    rows=11.5,
    items=tuple(_widths()),
)

FIGURES = [ROOF01, ROOF02, ROOF03, MM01, MM02, MM03, MM04, BIT01, BIT02, BIT03]

# ====================================================================== decks
MODULE, CHAPTER = "AI 芯片原理", "AI 计算体系"
DECKS = [
    Deck("01AIChip/01Foundation/01Roofline.pdf", MODULE, CHAPTER, "计算强度与 Roofline 模型",
         "算子慢，是算不过来，还是喂不过来？", "第 01 讲", (
             Bullets("为什么只看峰值算力不够", (
                 "执行时间下限：T ≥ max(W / P_{peak}, Q / B)",
                 "W：运算次数（FLOP）；Q：与片外存储之间搬运的字节数；B：显存带宽",
                 "运算单元在等数据时，再高的峰值也用不上",
                 "计算强度 I = W / Q（FLOP/字节），由算法与实现共同决定",
                 "FP16 向量加法 I = 1/6；FP16 方阵乘法 I = N/3（每个矩阵只读写一次）",
             )),
             Picture("计算强度：访存时间与计算时间谁更长", ROOF01, "I 小：访存受限；I 大：计算受限"),
             Bullets("Roofline：一条折线给出性能上限", (
                 "可达性能 P = min(P_{peak}, B × I)，对数坐标下是一条折线",
                 "脊点 I* = P_{peak} / B：左边访存受限，右边计算受限",
                 "A100 40GB（数据手册）：FP16/BF16 Tensor Core 312 TFLOP/s，HBM2 1,555 GB/s",
                 "由此 FP16 脊点 ≈ 201 FLOP/字节，FP32（19.5 TFLOP/s）脊点 ≈ 12.5",
                 "Williams、Waterman、Patterson，CACM 2009",
             )),
             Picture("A100 的 Roofline 与典型算子", ROOF02,
                     "向量加法上限约 0.26 TFLOP/s；N = 4096 的 FP16 GEMM 触顶 312 TFLOP/s"),
             Picture("三个优化方向", ROOF03, "贴近屋顶 · 向右移动（融合、分块） · 抬高屋顶（矩阵单元、低精度）"),
             Bullets("小结", (
                 "计算强度 I = W/Q 衡量每字节能做多少运算",
                 "P = min(P_{peak}, B × I)；脊点 I* = P_{peak}/B 分开访存受限与计算受限",
                 "A100 上逐元素算子远在脊点左侧，大矩阵乘法远在右侧",
                 "抬高屋顶会让脊点右移：低精度需要更高的计算强度才能用满",
             ), summary=True),
         )),
    Deck("01AIChip/01Foundation/02MatMul.pdf", MODULE, CHAPTER, "矩阵乘法：深度学习算力的主体",
         "运算量、数据复用与 Transformer 中的 GEMM", "第 02 讲", (
             Bullets("GEMM 的运算量与访存量", (
                 "C = AB，A 为 M×K，B 为 K×N：运算量 2·M·N·K（一次乘加记 2 次运算）",
                 "最少访存 s·(MK + KN + MN) 字节，s 为每个元素的字节数",
                 "方阵：I = 2N/(3s)，FP16 为 N/3，FP32 为 N/6",
                 "矩阵乘向量（M = 1）：FP16 下 I ≈ 1，没有任何复用",
             )),
             Picture("一个输出元素需要 2K 次运算", MM01, "总运算量 2·M·N·K"),
             Picture("计算强度随矩阵规模增长", MM02,
                     "A100 脊点（由数据手册数值算得）：FP16 ≈ 201 → N ≈ 602；FP32 ≈ 12.5 → N ≈ 75"),
             Bullets("分块：让数据在片上多用几次", (
                 "朴素三重循环：I = 1/s，FP16 仅 0.5 FLOP/字节",
                 "b_{m} × b_{n} 的输出块：I_{tile} = 2·b_{m}·b_{n} / ((b_{m} + b_{n})·s)",
                 "b_{m} = b_{n} = 128，FP16：每字节 64 次运算",
                 "A100 白皮书：每个 SM 的 L1/共享内存 192 KB，L2 缓存 40 MB",
                 "多级分块：L2 → 共享内存 → 寄存器 → 矩阵单元",
             )),
             Picture("分块矩阵乘法", MM03, "一个输出块只依赖 A 的一行块和 B 的一列块"),
             Picture("Transformer 层中的矩阵乘法", MM04,
                     "每层前向 24·b·s·h^{2} + 4·b·s^{2}·h（与 Narayanan 等 2021 的计数一致）"),
             Bullets("小结", (
                 "GEMM 运算量 2MNK；方阵计算强度随边长线性增长",
                 "小批量解码是矩阵乘向量，受显存带宽限制；批量越大，越接近算力上限",
                 "分块复用数据，块大小受片上存储容量约束",
                 "逐元素运算量小，却可能因访存受限而耗时可观：需要算子融合",
             ), summary=True),
         )),
    Deck("01AIChip/01Foundation/03BitWidth.pdf", MODULE, CHAPTER, "数值格式与位宽：从 FP32 到 FP8",
         "指数定范围，尾数定精度", "第 03 讲", (
             Bullets("浮点数的三个字段", (
                 "正规数：x = (-1)^{s} × 2^{e-bias} × 1.f，bias = 2^{E-1} − 1",
                 "指数位决定范围，尾数位决定精度：ε = 2^{-m}",
                 "指数全 0：次正规数；指数全 1：无穷大与 NaN（IEEE 754-2019）",
                 "FP16：最大 65504，最小正规数 2^{-14}，ε = 2^{-10}",
             )),
             Picture("常见格式的位布局", BIT01, "FP32/FP16：IEEE 754；TF32/BF16：A100 白皮书；FP8：Micikevicius 等 2022"),
             Picture("范围与精度", BIT02, "BF16 保留 FP32 的范围；FP16 范围窄，常需损失缩放"),
             Bullets("各格式的取舍", (
                 "BF16：8 位指数、7 位尾数，范围同 FP32，精度约 2–3 位十进制",
                 "TF32：A100 Tensor Core 读 FP32 数据、内部降精度、输出 FP32",
                 "FP8 E4M3（最大 448）用于权重和激活，E5M2（最大 57344）用于梯度",
                 "FP8 需要按张量缩放；INT8 需要量化参数 x ≈ S·(q − Z)",
             )),
             Picture("位宽越窄，吞吐越高、字节越少", BIT03,
                     "A100 数据手册稠密峰值：FP32 19.5 · TF32 156 · FP16/BF16 312 TFLOP/s · INT8 624 TOP/s"),
             Bullets("小结", (
                 "乘法器代价约随尾数位数的平方增长：窄格式能放下更多运算单元",
                 "字节减半，计算强度翻倍；显存占用与通信量同比例下降",
                 "A100 上 FP16 Tensor Core 峰值是 FP32 的 16 倍，脊点从约 12.5 右移到约 201",
                 "混合精度：低精度输入、FP32 累加、FP32 主权重",
             ), summary=True),
         )),
]
