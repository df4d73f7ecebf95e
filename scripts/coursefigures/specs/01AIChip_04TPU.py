"""Figures and decks of 01AIChip/04TPU (Google's TPU: v1, v2/v3, v4).

Every number drawn here is one the articles cite next to the figure, with its source:
- TPU v1: Jouppi et al., ISCA 2017 (arXiv:1704.04760), Tables 1-3 and Section 2.
- TPU v2/v3: Norrie et al., IEEE Micro 2021; Jouppi et al., CACM 2020; Google Cloud TPU v3 docs.
- TPU v4: Jouppi et al., ISCA 2023 (arXiv:2304.01433); Google Cloud TPU v4 docs.
Values marked "derived" are computed from those numbers, not quoted.
"""

from __future__ import annotations

from ..shapes import line
from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Legend, Picture, Plot, T, Text, text_in
from ..style import light, strong

IMAGES = "01AIChip/04TPU/images/"

V1_PEAK_TOPS = 92.0  # 256 x 256 MACs x 2 ops x 700 MHz
V1_DDR3_GBS = 34.0  # Weight Memory bandwidth, Table 2
# name, TPU ops (MACs) per weight byte (Table 1), measured TOPS (Table 3, row 9)
V1_APPS = [
    ("MLP0", 200, 12.3), ("MLP1", 168, 9.7), ("LSTM0", 64, 3.7),
    ("LSTM1", 96, 2.8), ("CNN0", 2888, 86.0), ("CNN1", 1750, 14.1),
]


def v1_bound(macs_per_byte: float) -> float:
    """Roofline bound in TOPS (2 ops per MAC), from the peak and the DDR3 bandwidth."""
    return min(V1_PEAK_TOPS, 2 * macs_per_byte * V1_DDR3_GBS / 1000)


def _line(start: tuple[float, float], end: tuple[float, float], colour: str = "gray", width: float = 2.0) -> Arrow:
    return line(start, end, color=colour, width=width)


# ====================================================================== 01TPUv1
V101 = Figure(
    IMAGES + "01TPUv101",
    T("TPU v1 的数据通路：权重从片外 DDR3 来，激活留在片上",
      "The TPU v1 data path: weights come from off-chip DDR3, activations stay on chip"),
    T("数字取自 Jouppi 等，ISCA 2017", "Numbers from Jouppi et al., ISCA 2017"),
    rows=12,
    items=(
        Box(0.8, 0.5, 4.2, 1.9, T("主机 CPU Host\nPCIe Gen3 ×16", "Host CPU\nPCIe Gen3 ×16"), color="gray", size=19, id="host"),
        Box(0.8, 3.6, 4.2, 1.7, T("指令缓冲\nInstruction buffer", "Instruction\nbuffer"), color="gray", size=18, id="ibuf"),
        Arrow("host", "ibuf", width=3),
        Box(6.4, 0.3, 6.4, 2.1, T("片外权重存储 Weight Memory\n8 GiB DDR3 · 34 GB/s", "Off-chip Weight Memory\n8 GiB DDR3 · 34 GB/s"),
            color="red", size=19, bold=True, id="wm"),
        Box(6.4, 3.2, 6.4, 1.5, T("权重 FIFO（4 个权重块深）\nWeight FIFO", "Weight FIFO\n(4 weight tiles deep)"), color="red",
            size=18, id="fifo"),
        Arrow("wm", "fifo", color="red", width=4),
        Box(14.2, 0.3, 8.6, 5.6, color="orange", stroke=3, radius=0),
        *(Box(14.7 + j * 0.46, 1.3 + i * 0.46, 0.38, 0.38, color="orange", fill="white", stroke=1, radius=3)
          for i in range(8) for j in range(8)),
        Text(16.54, 0.8, T("示意 8×8（实际 256×256）", "8×8 shown (really 256×256)"), color="gray", size=14),
        Text(20.7, 1.6, T("矩阵乘单元\nMatrix Multiply\nUnit", "Matrix\nMultiply\nUnit"), bold=True, size=20),
        Text(20.7, 3.9, T("65,536 个 8 位 MAC\n700 MHz\n峰值 92 TOPS", "65,536 8-bit MACs\n700 MHz\npeak 92 TOPS"), size=17),
        Arrow((12.85, 3.95), (14.1, 3.0), color="red", width=4),
        Text(13.5, 4.45, T("权重", "weights"), color="red", bold=True, size=16),
        Box(6.4, 6.8, 6.4, 2.1, T("统一缓冲区 Unified Buffer\n24 MiB SRAM（激活值）", "Unified Buffer\n24 MiB SRAM (activations)"),
            size=19, bold=True, id="ub"),
        Arrow((12.85, 7.5), (14.15, 5.2), color="blue", width=4, via=((13.6, 7.5), (13.6, 5.2))),
        Text(8.6, 9.3, T("激活从左侧流入阵列", "activations enter the array from the left"), color="blue", size=15),
        Box(14.2, 6.8, 4.2, 2.1, T("累加器 Accumulators\n4 MiB（32 位）", "Accumulators\n4 MiB (32-bit)"), color="purple",
            size=18, id="acc"),
        Box(19.0, 6.8, 3.8, 2.1, T("激活单元\nReLU / Sigmoid / 池化", "Activation unit\nReLU / Sigmoid / pool"), color="green",
            size=16, id="act"),
        Arrow((16.3, 5.95), (16.3, 6.75), color="purple", width=4),
        Arrow("acc", "act", color="green", width=4),
        Arrow((20.9, 8.95), (12.0, 8.95), color="green", width=3, via=((20.9, 10.0), (12.0, 10.0))),
        Text(16.4, 10.45, T("结果写回统一缓冲区，作为下一层的输入", "results return to the Unified Buffer as the next layer's input"),
             color="green", size=15),
        Arrow((2.9, 5.35), (6.35, 7.85), width=3, via=((2.9, 7.85),)),
        Text(0.8, 8.5, T("输入 / 输出经 PCIe", "inputs / outputs over PCIe"), color="gray", size=14, anchor="start"),
        Text(12.0, 11.3, T("片上 SRAM 共 28 MiB（24 + 4）；片内模块之间多为 256 字节宽的通路",
                           "28 MiB of on-chip SRAM (24 + 4); most paths between blocks are 256 bytes wide"), size=17),
    ),
)

SAMPLES = ["blue", "orange", "green", "purple", "red"]


def _systolic(n: int = 4, samples: int = 5, t: int = 3) -> list[Item]:
    """A snapshot at cycle t: PE(i, j) holds w_ij and works on sample b = t - i - j."""
    cell, pitch, x0, y0 = 2.3, 2.7, 7.2, 0.6
    items: list[Item] = []
    for i in range(n):
        for j in range(n):
            x, y, b = x0 + j * pitch, y0 + i * pitch, t - i - j
            active = 0 <= b < samples
            colour = SAMPLES[b] if active else "gray"
            items += [Box(x, y, cell, cell, color=colour, stroke=2.5 if active else 1.5, radius=0),
                      Text(x + cell / 2, y + 0.55, f"w_{{{i}{j}}}", bold=True, size=19)]
            items += ([Text(x + cell / 2, y + 1.3, f"x_{{{b},{i}}}", color=colour, size=18),
                       Text(x + cell / 2, y + 1.88, T(f"样本 {b}", f"sample {b}"), color=colour, size=14)] if active else
                      [Text(x + cell / 2, y + 1.4, T("空闲", "idle"), color="gray", size=15)])
            if j < n - 1:
                items.append(Arrow((x + cell + 0.04, y + cell / 2), (x + pitch - 0.04, y + cell / 2), color="blue", width=2))
            if i < n - 1:
                items.append(Arrow((x + cell / 2, y + cell + 0.04), (x + cell / 2, y + pitch - 0.04), color="orange", width=2))
    for i in range(n):
        y = y0 + i * pitch + cell / 2
        waiting = [f"x_{{{b},{i}}}" for b in range(samples) if b + i > t][:3]
        items += [Text(6.8, y - 0.3, T(f"第 {i} 行", f"row {i}"), bold=True, size=15, anchor="end"),
                  Text(6.8, y + 0.25, T("待入：" + "、".join(waiting), "waiting: " + ", ".join(waiting)) if waiting else
                       T("（已送完）", "(all sent)"), color="blue", size=14, anchor="end"),
                  Arrow((6.9, y + 0.7), (7.16, y + 0.7), color="blue", width=2)]
    items += [Text(x0 + j * pitch + cell / 2, 11.6, T(f"第 {j} 列输出\ny_{{b,{j}}}", f"column {j} output\ny_{{b,{j}}}"),
                   color="orange", size=14) for j in range(n)]
    return items


RULES = [
    (T("① 从左邻收到 x", "① gets x from the left"), "blue"), (T("② 从上邻收到部分和 p", "② gets the sum p from above"), "orange"),
    (T("③ 算 p + x·w", "③ computes p + x·w"), "ink"), (T("④ x 传右，p 传下", "④ passes x right, p down"), "ink"),
]

V102 = Figure(
    IMAGES + "01TPUv102",
    T("权重驻留的脉动阵列：激活向右流，部分和向下流（示意 4×4，第 t = 3 拍）",
      "A weight-stationary systolic array (4×4 shown, cycle t = 3)"),
    T("PE(i, j) 处理样本 b = t − i − j", "Activations flow right, partial sums flow down; PE(i, j) works on sample b = t − i − j"),
    rows=13.6,
    items=(
        Text(12.4, 0.1, T("权重 W 预先装入，计算期间不动", "Weights W are loaded first and stay put during the computation"),
             color="gray", size=16),
        *_systolic(),
        Box(18.8, 0.6, 4.7, 9.0, color="gray", radius=0),
        Text(21.15, 1.2, T("每一拍每个单元", "Each cycle, each cell"), bold=True, size=18),
        *(Text(21.15, 2.2 + k * 0.7, rule, color=colour, size=16) for k, (rule, colour) in enumerate(RULES)),
        _line((19.2, 5.0), (23.1, 5.0)),
        Text(21.15, 5.7, T("第 i 行比第 0 行\n晚 i 拍送入", "row i enters\ni cycles after row 0"), size=16),
        Text(21.15, 7.1, T("同一样本沿\n反对角线推进", "one sample moves\nalong an anti-diagonal"), size=16),
        Text(21.15, 8.7, T("颜色 = 样本编号 b", "colour = sample b"), color="gray", size=15),
        Text(12.0, 12.9, T("每个数从缓冲区读出一次，就在阵列内被 n 个单元复用：减少大块 SRAM 的读写",
                           "Each value is read from the buffer once and reused by n cells in the array: fewer reads and "
                           "writes of large SRAM"), size=17),
    ),
)


def _label(value: float) -> str:
    return f"{value:.1f}" if value < 90 else f"{value:.0f}"


def _v1_bound(axes, language: str) -> None:
    """Roofline bound and measured TOPS of the six applications, log scale."""
    for k, (name, per_byte, measured) in enumerate(V1_APPS):
        bound = v1_bound(per_byte)
        colour = "blue" if bound < V1_PEAK_TOPS else "orange"
        axes.bar(k - 0.2, bound - 1, bottom=1, width=0.36, color=light(colour), edgecolor=strong(colour), linewidth=1.5)
        axes.bar(k + 0.2, measured - 1, bottom=1, width=0.36, color=strong(colour))
        for dx, value in ((-0.2, bound), (0.2, measured)):
            axes.text(k + dx, value * 1.1, _label(value), ha="center", fontsize=14, color=strong("ink"))
        for dy, label, options in ((-0.09, name, {"fontsize": 18, "fontweight": "bold"}),
                                   (-0.16, T(f"每权重字节 {per_byte} 次乘加", f"{per_byte} MACs/weight byte"),
                                    {"fontsize": 12, "color": strong("gray")}),
                                   (-0.23, T("访存受限", "memory-bound") if colour == "blue" else T("计算受限", "compute-bound"),
                                    {"fontsize": 15, "fontweight": "bold", "color": strong(colour)})):
            axes.text(k, dy, text_in(label, language), transform=axes.get_xaxis_transform(), ha="center", **options)
    axes.axhline(V1_PEAK_TOPS, color=strong("red"), linewidth=1.5, linestyle="--")
    axes.text(3.6, V1_PEAK_TOPS * 1.12, text_in(T("峰值 92 TOPS", "peak 92 TOPS"), language), color=strong("red"),
              fontsize=15, fontweight="bold", ha="right")
    axes.set_yscale("log")
    axes.set_ylim(1, 200)
    axes.set_xlim(-0.6, 5.6)
    axes.set_xticks([])
    axes.set_yticks([1, 2, 5, 10, 20, 50, 100, 200], ["1", "2", "5", "10", "20", "50", "100", "200"], fontsize=14)
    axes.minorticks_off()
    axes.grid(axis="y", color="#e5e7eb")
    axes.set_axisbelow(True)
    axes.set_ylabel(text_in(T("性能（TOPS，对数坐标）", "Performance (TOPS, log scale)"), language), fontsize=16)
    handles = [axes.bar(0, 0, color=light("blue"), edgecolor=strong("blue"),
                        label=text_in(T("Roofline 上限（由峰值与带宽算得）", "Roofline bound (from peak and bandwidth)"), language)),
               axes.bar(0, 0, color=strong("blue"), label=text_in(T("论文实测", "measured in the paper"), language))]
    axes.legend(handles=handles, loc="upper left", frameon=False, fontsize=15)
    axes.text(0.5, -0.33, text_in(T("脊点 ≈ 92 TOPS ÷ (2 × 34 GB/s) ≈ 1350 次乘加/权重字节；MLP 与 LSTM 都在脊点左侧",
                                    "Ridge ≈ 92 TOPS ÷ (2 × 34 GB/s) ≈ 1350 MACs per weight byte; the MLPs and LSTMs are "
                                    "left of it"), language), transform=axes.transAxes, ha="center", fontsize=16)


V103 = Plot(
    IMAGES + "01TPUv103",
    T("六个生产应用：Roofline 上限与实测性能（TPU v1）", "Six production applications on TPU v1: roofline bound vs measured"),
    T("上限 = min(92, 2 × 每权重字节运算数 × 34 GB/s)；实测：Jouppi 等 2017，表 3",
      "Bound = min(92, 2 × ops per weight byte × 34 GB/s); measured: Jouppi et al. 2017, Table 3"),
    rows=12.5,
    draw=_v1_bound,
    area=(3.3, 0.3, 19.0, 8.6),
)

# ====================================================================== 02TPUv2v3
BF16_ROWS = [("FP32", 1, 8, 23, 0.3), ("BF16", 1, 8, 7, 3.0), ("FP16", 1, 5, 10, 4.8)]
BF16_TABLE = [("FP32", "≈ 3.4×10^{38}", "2^{-126}", "2^{-23} ≈ 1.2×10^{-7}"),
              ("BF16", "≈ 3.4×10^{38}", "2^{-126}", "2^{-7} ≈ 7.8×10^{-3}"),
              ("FP16", "65504", "2^{-14} ≈ 6.1×10^{-5}", "2^{-10} ≈ 9.8×10^{-4}")]
COLUMNS = (4.2, 8.6, 13.8, 19.0)


def _bf16() -> list[Item]:
    x0, bit = 4.2, 0.52
    items: list[Item] = []
    for name, s, e, m, y in BF16_ROWS:
        cells = ["purple"] * s + ["blue"] * e + ["green"] * m
        items.append(Text(3.8, y + 0.4, name, bold=True, size=23, anchor="end"))
        items += [Box(x0 + k * bit, y + 0.08, 0.47, 0.66, color=c, fill="solid", radius=2.5) for k, c in enumerate(cells)]
        items.append(Text(x0 + len(cells) * bit + 0.3, y + 0.4, f"{s}+{e}+{m}", size=18, anchor="start"))
    items += [
        Box(x0 - 0.08, 0.22, 16 * bit + 0.06, 0.98, color="red", fill="none", stroke=2.5, radius=5),
        Text(x0 + 8 * bit, 1.65, T("高 16 位：直接截取（或舍入）就是 BF16", "upper 16 bits: truncate (or round) to get BF16"),
             color="red", bold=True, size=17),
        Arrow((x0 + 8 * bit, 2.0), (x0 + 8 * bit, 2.95), color="red", width=3),
        Box(x0 + 16 * bit - 0.06, 0.22, 16 * bit + 0.04, 0.98, color="gray", fill="none", stroke=1.5, radius=5),
        Text(x0 + 24 * bit, 1.65, T("低 16 位：丢弃", "lower 16 bits: dropped"), color="gray", size=16),
        Legend(5.0, 6.4, (("purple", T("符号", "sign")), ("blue", T("指数（定范围）", "exponent (sets the range)")),
                          ("green", T("尾数（定精度）", "mantissa (sets the precision)"))), step=5.0),
        _line((2.5, 8.05), (21.5, 8.05)),
    ]
    heads = (T("格式", "Format"), T("最大有限值", "Largest finite"), T("最小正规数", "Smallest normal"),
             T("机器精度 ε", "Machine epsilon ε"))
    items += [Text(x, 7.7, head, bold=True, size=17) for x, head in zip(COLUMNS, heads)]
    for r, row in enumerate(BF16_TABLE):
        items += [Text(x, 8.45 + r * 0.7, value, color="green" if row[0] == "BF16" else "ink", bold=row[0] == "BF16", size=16)
                  for x, value in zip(COLUMNS, row)]
    return items


V201 = Figure(
    IMAGES + "02TPUv2v301",
    T("bfloat16：保留 FP32 的 8 位指数，只留 7 位尾数", "bfloat16: the 8-bit exponent of FP32, only 7 mantissa bits"),
    T("bf16 = FP32 数的高 16 位（符号 · 指数 · 尾数）", "bf16 = the upper 16 bits of an FP32 number (sign · exponent · mantissa)"),
    rows=10.8,
    items=tuple(_bf16()),
)


def _tensorcore(k: int) -> list[Item]:
    x, y = 4.1 + k * 6.2, 1.2
    return [
        Box(x, y, 5.8, 6.4, fill="white", stroke=2, radius=0, title=f"TensorCore {k}", size=16),
        Box(x + 0.3, y + 0.9, 2.5, 1.5, "MXU\n128×128", color="orange", size=17, bold=True),
        Box(x + 3.0, y + 0.9, 2.5, 1.5, T("MXU\n仅 v3 有", "MXU\nv3 only"), color="orange", fill="white", stroke=1.5, size=16),
        Box(x + 0.3, y + 2.7, 5.2, 1.1, T("向量单元 Vector unit", "Vector unit"), color="teal", size=16),
        Box(x + 0.3, y + 4.0, 5.2, 1.0, T("向量存储 Vector memory", "Vector memory"), size=16),
        Box(x + 0.3, y + 5.2, 5.2, 0.9, T("标量单元 Scalar unit", "Scalar unit"), color="gray", size=15),
    ]


V202 = Figure(
    IMAGES + "02TPUv2v302",
    T("TPUv2 / TPUv3 芯片：两个 TensorCore + HBM + 片间互连（示意）",
      "A TPUv2 / TPUv3 chip: two TensorCores + HBM + inter-chip links (schematic)"),
    T("每芯片两个 TensorCore；v3 每核 MXU 翻倍（Norrie 等 2021；Google Cloud 文档）",
      "Two TensorCores per chip; v3 doubles the MXUs per core (Norrie et al. 2021; Google Cloud docs)"),
    rows=12,
    items=(
        Box(3.6, 0.3, 13.0, 10.0, color="ink", fill="#fafafa", stroke=2.5, radius=0),
        Text(3.9, 0.7, T("一颗芯片", "One chip"), bold=True, size=16, anchor="start"),
        *_tensorcore(0), *_tensorcore(1),
        Box(4.1, 7.9, 12.0, 1.0, T("HBM：v2 16 GiB · 700 GB/s；v3 32 GiB · 900 GB/s", "HBM: v2 16 GiB · 700 GB/s; v3 32 GiB · 900 GB/s"),
            color="red", size=16, bold=True),
        Box(4.1, 9.1, 12.0, 0.9, T("片间互连路由 ICI router", "Inter-chip interconnect (ICI) router"), color="green", size=16),
        *(item for k in range(4) for item in (
            Arrow((16.7, 3.6 + k * 1.3), (19.2, 3.6 + k * 1.3), color="green", width=3.5, both=True),
            Text(19.4, 3.6 + k * 1.3, T(f"ICI 链路 {k + 1}", f"ICI link {k + 1}"), color="green", size=15, anchor="start"))),
        Text(19.3, 2.3, T("4 条链路\n连到上下左右邻居", "4 links to the\nneighbours on 4 sides"), color="green", size=15),
        Arrow((3.5, 5.3), (1.6, 5.3), width=3),
        Text(1.7, 4.4, T("PCIe\n到主机", "PCIe\nto host"), color="gray", size=15),
        Box(17.6, 8.7, 5.6, 1.9, color="gray", radius=0),
        Text(20.4, 9.15, T("峰值（bf16）", "Peak (bf16)"), bold=True, size=16),
        Text(20.4, 9.7, T("v2 约 46 TFLOPS", "v2 about 46 TFLOPS"), size=16),
        Text(20.4, 10.22, "v3 123 TFLOPS", size=16),
        Text(10.1, 11.2, T("v3：每核 MXU 由 1 个增至 2 个，HBM 容量翻倍，改用液冷",
                           "v3: 2 MXUs per core instead of 1, twice the HBM, liquid cooling"), bold=True, size=17),
    ),
)


def _torus(k: int = 4) -> list[Item]:
    """A k × k torus: grid links, wraparound links as labelled stubs on each edge, chips on top."""
    step, x0, y0 = 2.3, 4.0, 1.8
    last = (k - 1) * step
    items: list[Item] = []
    for r in range(k):
        y = y0 + r * step
        items += [_line((x0 - 1.5, y), (x0, y), "purple", 2.5), _line((x0 + last, y), (x0 + last + 1.5, y), "purple", 2.5),
                  Text(x0 - 1.7, y, f"r{r}", color="purple", bold=True, size=15, anchor="end"),
                  Text(x0 + last + 1.7, y, f"r{r}", color="purple", bold=True, size=15, anchor="start"),
                  _line((x0, y), (x0 + last, y), "purple", 3)]
    for c in range(k):
        x = x0 + c * step
        items += [_line((x, y0 - 1.3), (x, y0), "teal", 2.5), _line((x, y0 + last), (x, y0 + last + 1.3), "teal", 2.5),
                  Text(x, y0 - 1.6, f"c{c}", color="teal", bold=True, size=15),
                  Text(x, y0 + last + 1.6, f"c{c}", color="teal", bold=True, size=15),
                  _line((x, y0), (x, y0 + last), "teal", 3)]
    items += [Box(x0 + c * step - 0.58, y0 + r * step - 0.58, 1.16, 1.16, f"{r},{c}", stroke=2, bold=True, size=16,
                  radius=29) for r in range(k) for c in range(k)]
    return items


TORUS_NOTES = [
    (1.1, T("为什么用环面", "Why a torus"), "ink", 19, True),
    (2.0, T("芯片自带路由，不需要外部交换机", "chips route by themselves: no external switches"), "ink", 15, False),
    (2.6, T("每行、每列各是一个环", "every row and every column is a ring"), "ink", 15, False),
    (3.8, T("k × k 环面的直径（最远两点的跳数）", "diameter of a k × k torus (hops, farthest pair)"), "ink", 15, True),
    (4.5, T("k 为偶数时 D = k/2 + k/2 = k", "for even k: D = k/2 + k/2 = k"), "red", 20, True),
    (5.2, T("16×16（256 片）：D = 16；32×32（1024 片）：D = 32", "16×16 (256 chips): D = 16; 32×32 (1024): D = 32"), "ink", 14,
     False),
    (6.5, T("两阶段全归约（示意）", "Two-phase all-reduce (schematic)"), "ink", 15, True),
    (7.2, T("① 沿每一行（紫色环）做环形归约", "① ring-reduce along every row (purple rings)"), "purple", 15, False),
    (7.8, T("② 再沿每一列（青色环）继续", "② then along every column (teal rings)"), "teal", 15, False),
    (8.6, T("各行、各列的环同时工作，\n所有链路一起分担流量", "all row and column rings work at once:\nevery link carries part "
                                                  "of the traffic"), "ink", 15, False),
]

V203 = Figure(
    IMAGES + "02TPUv2v303",
    T("二维环面（2D torus）：每个芯片直连 4 个邻居，边缘回绕", "A 2D torus: every chip links to 4 neighbours, edges wrap around"),
    T("图为 4 × 4 环面；TPUv2 Pod 有 256 片，TPUv3 Pod 有 1,024 片（CACM 2020；Google Cloud 文档）",
      "4 × 4 torus shown; TPUv2 pods have 256 chips, TPUv3 pods 1,024 (CACM 2020; Google Cloud docs)"),
    rows=12,
    items=(
        *_torus(),
        Text(7.45, 11.0, T("边缘伸出的短线是回绕链路：同名端点（如两个 r1）是同一条链路",
                           "Stubs at the edges are wraparound links: two ends named alike (such as r1) are one link"),
             color="gray", size=14),
        Box(14.5, 0.5, 8.8, 10.0, color="gray", radius=0),
        *(Text(18.9, y, note, color=colour, size=size, bold=bold) for y, note, colour, size, bold in TORUS_NOTES),
        _line((15.1, 3.2), (22.7, 3.2)),
        _line((15.1, 5.9), (22.7, 5.9)),
    ),
)


# ====================================================================== 03TPUv4
def _iso(x: float, y: float, z: float) -> tuple[float, float]:
    """Isometric projection of a point of the 4×4×4 cube, in grid units."""
    ox, oy, s = 7.6, 6.2, 1.32
    return ox + (x - y) * s * 0.87, oy + (x + y) * s * 0.5 - z * s


def _cube(n: int = 4) -> list[Item]:
    """The three visible faces of the cube: links between neighbours, optical stubs, chips."""
    m = n - 1
    on_face = [(x, y, z) for z in range(n) for y in range(n) for x in range(n) if m in (x, y, z)]
    items: list[Item] = []
    for p in on_face:
        for d in ((1, 0, 0), (0, 1, 0), (0, 0, 1)):
            q = (p[0] + d[0], p[1] + d[1], p[2] + d[2])
            if max(q) < n and any(p[a] == m and q[a] == m for a in range(3)):
                items.append(_line(_iso(*p), _iso(*q), "#9ca3af", 2))
    for x, y, z in on_face:
        p = _iso(x, y, z)
        if z == m:
            items.append(_line(p, (p[0], p[1] - 0.5), "blue", 2))
        if x == m:
            items.append(_line(p, _iso(x + 0.45, y, z), "green", 2))
        if y == m:
            items.append(_line(p, _iso(x, y + 0.45, z), "orange", 2))
    items += [Box(px - 0.17, py - 0.17, 0.34, 0.34, color="ink", fill="solid", radius=8.5)
              for px, py in (_iso(*p) for p in on_face)]
    return items


CUBE_COUNTS = [
    (T("每个芯片 6 条 ICI 链路：±x、±y、±z", "6 ICI links per chip: ±x, ±y, ±z"), "ink"),
    (T("立方体内部相邻芯片：电连接", "neighbours inside the cube: electrical links"), "gray"),
    (T("每个面 4 × 4 = 16 个芯片各伸出 1 条", "each face: 4 × 4 = 16 chips, 1 link out each"), "ink"),
    (T("6 个面 × 16 = 96 条光链路 / 立方体", "6 faces × 16 = 96 optical links per cube"), "blue"),
    (T("64 个立方体 × 96 = 6144 条光链路", "64 cubes × 96 = 6144 optical links"), "blue"),
    (T("论文：整机共用 48 台光路交换机（OCS）", "paper: 48 optical circuit switches (OCSes) in all"), "red"),
    (T("3 个方向 × 每面 16 个位置 = 48", "3 directions × 16 positions per face = 48"), "red"),
    (T("每台 OCS：64 个立方体 × 2 个面 = 128 个端口", "each OCS: 64 cubes × 2 faces = 128 ports"), "red"),
]

V401 = Figure(
    IMAGES + "03TPUv401",
    T("TPU v4 的积木：4×4×4 = 64 芯片的立方体（一个机柜）", "The TPU v4 building block: a 4×4×4 cube of 64 chips (one rack)"),
    T("内部：电 ICI 链路；6 个面各有 16 条光链路连到 OCS",
      "Inside: electrical ICI links; each of the 6 faces: 16 optical links to the OCSes"),
    rows=12.5,
    items=(
        *_cube(),
        Text(7.6, 0.9, T("上 / 下两面：z 方向光链路", "top / bottom faces: optical links in z"), color="blue", bold=True, size=15),
        Text(11.8, 9.6, T("x 方向光链路", "optical links in x"), color="green", bold=True, size=15, anchor="start"),
        Text(3.4, 9.6, T("y 方向光链路", "optical links in y"), color="orange", bold=True, size=15, anchor="end"),
        Box(15.0, 0.3, 8.6, 10.6, color="gray", radius=0),
        Text(19.3, 0.9, T("数一数链路（由几何推得）", "Counting the links (from the geometry)"), bold=True, size=18),
        *(Text(19.3, 1.9 + k * 1.1, line, color=colour, bold=colour in ("blue", "red"), size=15)
          for k, (line, colour) in enumerate(CUBE_COUNTS)),
        Text(7.6, 11.6, T("4096 = 64 个立方体 × 64 芯片（Jouppi 等，ISCA 2023）", "4096 = 64 cubes × 64 chips (Jouppi et al., ISCA 2023)"),
             bold=True, size=17),
    ),
)


def _ocs_panel(x0: float, name: T, order: list[str], failed: str | None = None, spare: str | None = None) -> list[Item]:
    """One configuration: five cubes above one OCS whose light paths join them into a ring in x."""
    items: list[Item] = [Text(x0 + 5.2, 0.5, name, bold=True, size=19)]
    where = {}
    for k, cube in enumerate("ABCDE"):
        bx = x0 + 0.4 + k * 2.05
        colour = "red" if cube == failed else ("blue" if cube in order else "gray")
        items.append(Box(bx, 1.3, 1.7, 1.7, T(f"立方体\n{cube}", f"cube\n{cube}"), color=colour, bold=True, size=16))
        if cube == failed:
            items += [_line((bx + 0.15, 1.45), (bx + 1.55, 2.85), "red", 3), _line((bx + 1.55, 1.45), (bx + 0.15, 2.85), "red", 3)]
        where[cube] = bx + 0.85
        items += [_line((bx + 0.55, 3.05), (bx + 0.55, 4.2), "green", 2.5), _line((bx + 1.15, 3.05), (bx + 1.15, 4.2), "orange", 2.5)]
    items.insert(1, Box(x0 + 0.2, 4.2, 10.2, 4.8, color="yellow", stroke=2, radius=0))
    for k, cube in enumerate(order):
        xa, xb = where[cube] - 0.3, where[order[(k + 1) % len(order)]] + 0.3
        depth = 4.8 + k * 0.7
        items.append(Arrow((xa, 4.2), (xb, 4.2), color="red", width=2.5, head=False, via=((xa, depth), (xb, depth))))
    ring = " → ".join([*order, order[0]])
    items += [
        Text(x0 + 5.3, 7.9, T("绿线：+x 面端口    橙线：−x 面端口    红线：OCS 建立的光路",
                              "green: +x ports · orange: −x ports · red: OCS light paths"), color="gray", size=14),
        Text(x0 + 5.3, 8.55, T("OCS 内部：MEMS 反射镜把一个端口的光直接导向另一个端口",
                               "Inside the OCS: MEMS mirrors steer light from one port to another"), bold=True, size=14),
        Text(x0 + 5.3, 9.75, T(f"{ring}：x 方向连成一个环", f"{ring}: one ring in x"), color="red", bold=True, size=16),
        Text(x0 + 5.3, 10.5, T(f"{failed} 故障：改动几条光路，把 {spare} 接进来", f"{failed} fails: a few light paths change to bring "
                               f"in {spare}") if spare else T("E 空闲，可分给别的作业", "E is free for another job"), size=16),
    ]
    return items


V402 = Figure(
    IMAGES + "03TPUv402",
    T("光路交换机（OCS）：用“接线”把立方体拼成需要的环面", "Optical circuit switches (OCS): wiring cubes into the torus a job needs"),
    T("示意：只画一个方向；每台 OCS 把一个立方体的 +x 面端口接到另一个立方体的 −x 面端口",
      "Schematic: one dimension only; each OCS joins a +x face port of one block to a −x face port of another"),
    rows=12.5,
    items=(
        *_ocs_panel(1.0, T("配置一：A、B、C、D 组成一个切片", "Setup 1: A, B, C, D form one slice"), ["A", "B", "C", "D"]),
        *_ocs_panel(12.6, T("配置二：C 故障，换入 E", "Setup 2: C fails, E comes in"), ["A", "B", "E", "D"], failed="C",
                    spare="E"),
        _line((12.0, 0.4), (12.0, 11.0), "#e5e7eb", 2),
        Text(12.0, 11.7, T("重新配置只改变 OCS 内反射镜的对应关系，不需要重新布线",
                           "Reconfiguring only changes how the OCS mirrors pair the ports: no rewiring"), size=17),
    ),
)

GENERATIONS = [("TPUv2", 256, 256 * 46 / 1000, T("约 12", "about 12"), T("2D 环面", "2D torus"), "gray"),
               ("TPUv3", 1024, 126.0, "126", T("2D 环面", "2D torus"), "blue"),
               ("TPU v4", 4096, 1100.0, T("约 1100", "about 1100"), T("3D 环面 + OCS", "3D torus + OCS"), "orange")]


def _scale(axes, language: str) -> None:
    """Chips per pod (left) and peak PFLOPS per pod (right), both on log axes."""
    left = axes.get_position()
    right = axes.figure.add_axes((left.x0 + left.width * 0.56, left.y0, left.width * 0.44, left.height))
    axes.set_position((left.x0, left.y0, left.width * 0.44, left.height))
    panels = ((axes, 1, (100, 10000), T("每个 Pod 的芯片数", "Chips per pod")),
              (right, 2, (10, 2000), T("每个 Pod 的峰值（PFLOPS）", "Peak per pod (PFLOPS)")))
    for panel, column, limits, label in panels:
        for k, row in enumerate(GENERATIONS):
            value, colour = row[column], row[5]
            panel.bar(k, value - limits[0], bottom=limits[0], width=0.55, color=strong(colour))
            shown = f"{value}" if column == 1 else text_in(row[3], language)
            panel.text(k, value * 1.15, shown, ha="center", fontsize=16, fontweight="bold")
        panel.set_yscale("log")
        panel.set_ylim(*limits)
        panel.set_xlim(-0.6, 2.6)
        ticks = [t for t in (10, 100, 1000, 10000) if limits[0] <= t <= limits[1]]
        panel.set_yticks(ticks, [str(t) for t in ticks], fontsize=14)
        panel.set_xticks(range(3), [f"{row[0]}\n{text_in(row[4], language)}" for row in GENERATIONS], fontsize=15)
        panel.minorticks_off()
        panel.set_ylabel(text_in(label, language), fontsize=16)
        panel.grid(axis="y", color="#e5e7eb")
        panel.set_axisbelow(True)
    right.text(0.5, -0.2, text_in(T("v2 的约 12 PFLOPS 由 256 × 约 46 TFLOPS 算得", "v2's about 12 PFLOPS is 256 × about 46 TFLOPS"),
                                  language), transform=right.transAxes, ha="center", fontsize=14, color=strong("gray"))
    axes.text(1.14, -0.3, text_in(T("Pod 二分带宽（Google Cloud 文档）：v3 6.4 TB/s → v4 24 TB/s",
                                    "Pod bisection bandwidth (Google Cloud docs): v3 6.4 TB/s → v4 24 TB/s"), language),
              transform=axes.transAxes, ha="center", fontsize=17, fontweight="bold")


V403 = Plot(
    IMAGES + "03TPUv403",
    T("三代训练超级计算机的规模（对数坐标）", "Three generations of training supercomputers (log scale)"),
    T("每个 Pod 的芯片数与 bf16 峰值；v2：CACM 2020（峰值为推算）；v3、v4：Google Cloud TPU 文档",
      "Chips per pod and peak bf16 per pod; v2: CACM 2020 (peak derived); v3, v4: Google Cloud TPU docs"),
    rows=12.5,
    draw=_scale,
    area=(2.8, 0.5, 20.0, 8.6),
)

FIGURES = [V101, V102, V103, V201, V202, V203, V401, V402, V403]

# ====================================================================== decks
MODULE, CHAPTER = "AI 芯片原理", "谷歌 TPU"
DECKS = [
    Deck("01AIChip/04TPU/01TPUv1.pdf", MODULE, CHAPTER, "TPU v1：为推理而生的脉动阵列",
         "Jouppi 等，In-Datacenter Performance Analysis of a TPU（ISCA 2017）", "第 01 讲", (
             Bullets("为什么要自己做芯片", (
                 "2013 年的估算：语音搜索若普及，数据中心算力需翻倍",
                 "目标：推理的性价比比 GPU 高 10 倍；15 个月完成设计到部署",
                 "2015 年起部署在数据中心，是挂在 PCIe 上的协处理器",
                 "主机发送 CISC 指令，TPU 自己不取指",
             )),
             Picture("数据通路", V101, "8 GiB DDR3 权重存储 34 GB/s；24 MiB 统一缓冲区；4 MiB 累加器"),
             Bullets("峰值从哪里来", (
                 "256 × 256 = 65,536 个 8 位乘加单元（MAC）",
                 "峰值 = 65,536 × 2 × 700 MHz ≈ 92 TOPS",
                 "8 位乘积累加到 32 位累加器；16 位输入时降为半速或四分之一速",
                 "一块权重 256 × 256 × 1 字节 = 64 KiB，移入阵列需 256 拍，用双缓冲隐藏",
             )),
             Picture("脉动阵列", V102, "权重驻留；激活向右、部分和向下逐拍传递"),
             Picture("Roofline：多数应用受访存限制", V103, "论文：六个应用中 MLP 与 LSTM 共四个受限于内存带宽"),
             Bullets("小结", (
                 "TPU v1 把面积给了矩阵单元与片上存储，控制逻辑只占约 2%",
                 "全连接层的计算强度约等于批量大小：延迟上限限制了批量",
                 "脊点约 1350 次乘加/权重字节，远在大多数应用右侧",
                 "论文估算：换成 GDDR5 级别带宽，性能可提升约 3 倍",
             ), summary=True),
         )),
    Deck("01AIChip/04TPU/02TPUv2v3.pdf", MODULE, CHAPTER, "TPUv2 与 TPUv3：从推理芯片到训练超级计算机",
         "Norrie 等（IEEE Micro 2021）；Jouppi 等（CACM 2020）", "第 02 讲", (
             Bullets("训练比推理难在哪里", (
                 "反向传播：要保存激活值，内存需求大得多",
                 "梯度的动态范围大：需要浮点数",
                 "单芯片训练太慢：必须把很多芯片连成一台机器",
                 "算子种类多：需要可编程的向量单元，而不是固定的激活流水线",
             )),
             Picture("bfloat16", V201, "8 位指数与 FP32 相同；MXU 以 bf16 相乘、FP32 累加"),
             Picture("芯片结构", V202, "每芯片两个 TensorCore；HBM 取代 DDR3"),
             Bullets("v2 → v3：同一架构的升级", (
                 "每核 MXU：1 个 → 2 个（128 × 128）",
                 "峰值：约 46 → 123 TFLOPS（bf16）",
                 "HBM：16 GiB、700 GB/s → 32 GiB、900 GB/s",
                 "Pod：256 → 1024 芯片；v3 改用液冷",
             )),
             Picture("二维环面互连", V203, "ICI 直连邻居芯片，每行每列都是一个环"),
             Bullets("小结", (
                 "HBM 把带宽从 v1 的 34 GB/s 提到 700 GB/s 以上",
                 "脊点：v2 ≈ 66，v3 ≈ 137 FLOP/字节（由峰值与带宽算得）",
                 "128 × 128 阵列比 256 × 256 更容易填满",
                 "芯片、互连、编译器一起设计：训练机器是一台超级计算机",
             ), summary=True),
         )),
    Deck("01AIChip/04TPU/03TPUv4.pdf", MODULE, CHAPTER, "TPU v4：光路交换与 4096 芯片的超级计算机",
         "Jouppi 等，ISCA 2023（arXiv:2304.01433）", "第 03 讲", (
             Bullets("TPU v4 概览", (
                 "每芯片 2 个 TensorCore，每核 4 个 MXU；峰值 275 TFLOPS（bf16）",
                 "HBM2 32 GiB、1200 GB/s；脊点 ≈ 229 FLOP/字节（推算）",
                 "4096 芯片组成一台机器，3D 环面，由光路交换机重构",
                 "论文：性能为 v3 的 2.1 倍，性能功耗比为 2.7 倍",
             )),
             Picture("4×4×4 立方体", V401, "内部电连接；每面 16 条光链路，共 96 条"),
             Picture("光路交换机", V402, "改变反射镜的对应关系，就改变了拓扑"),
             Bullets("OCS 带来什么", (
                 "切片：按作业需要拼出 4×4×8、4×8×8 等形状",
                 "可用性：故障立方体被绕开，不必等整台机器修好",
                 "可选扭曲环面（twisted torus）",
                 "论文：OCS 及光器件不到系统成本的 5%、功耗的 3%",
             )),
             Picture("规模的变化", V403, "256 → 1024 → 4096 芯片"),
             Bullets("SparseCore 与大模型", (
                 "SparseCore：为嵌入查表设计的数据流处理器，提速 5–7 倍，只占 5% 面积与功耗",
                 "3D 环面：4096 芯片直径 24 跳，2D 64×64 为 64 跳（按环面公式计算）",
                 "PaLM 540B：6144 颗 TPU v4，两个 Pod 之间做数据并行",
             )),
             Bullets("小结", (
                 "v4 的核心变化在系统层：3D 环面 + 光路交换",
                 "立方体是调度和故障隔离的单位",
                 "大模型训练把并行维度映射到环面的各个方向",
             ), summary=True),
         )),
]
