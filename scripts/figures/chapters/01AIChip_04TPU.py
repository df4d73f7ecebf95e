"""Figures and decks for 01AIChip/04TPU (Google's TPU: v1, v2/v3, v4).

Every number drawn here is one the articles cite next to the figure, with its source:
- TPU v1: Jouppi et al., ISCA 2017 (arXiv:1704.04760), Tables 1-3 and Section 2.
- TPU v2/v3: Norrie et al., IEEE Micro 2021; Jouppi et al., CACM 2020; Google Cloud TPU v3 docs.
- TPU v4: Jouppi et al., ISCA 2023 (arXiv:2304.01433); Google Cloud TPU v4 docs.
Values marked "derived" are computed from those numbers, not quoted.

Run from the repository root:
    .venv/bin/python scripts/figures/draw.py 04TPU
    .venv/bin/python scripts/figures/decks.py 04TPU
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figlib import (  # noqa: E402
    BLUE, BLUE_L, GRAY, GRAY_L, GREEN, GREEN_L, GRID, INK, MUTED, ORANGE, ORANGE_L,
    PURPLE, PURPLE_L, RED, RED_L, TEAL, TEAL_L, WHITE, YELLOW, YELLOW_L,
    Axes, Canvas,
)

W = 2400
CH = "01AIChip/04TPU"

# ---------------------------------------------------------------- numbers (see module docstring)
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


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


# ====================================================================== 01TPUv1
def fig_v1_blocks(path):
    """Data path of the first TPU: where weights and activations come from, with sizes."""
    c = Canvas(W, 1400)
    title(c, "TPU v1 的数据通路：权重从片外 DDR3 来，激活留在片上",
          "TPU v1 data path (numbers from Jouppi et al., ISCA 2017)")
    # host
    c.box(80, 250, 420, 190, "主机 CPU Host\nPCIe Gen3 ×16", fill=GRAY_L, outline=GRAY, size=38)
    c.box(80, 560, 420, 170, "指令缓冲\nInstruction buffer", fill=GRAY_L, outline=GRAY, size=36)
    c.arrow(290, 445, 290, 555, color=GRAY, width=6, head=28)
    # off-chip weight memory
    c.box(640, 230, 640, 210, "片外权重存储 Weight Memory\n8 GiB DDR3 · 34 GB/s", fill=RED_L,
          outline=RED, size=38, bold=True)
    c.box(640, 520, 640, 150, "权重 FIFO（4 个权重块深）\nWeight FIFO", fill=RED_L, outline=RED,
          size=36)
    c.arrow(960, 445, 960, 515, color=RED, width=8, head=32)
    # MXU
    mx, my, mw, mh = 1420, 230, 860, 560
    c.rect(mx, my, mw, mh, fill=ORANGE_L, outline=ORANGE, width=6)
    n = 8
    cell = 46
    gx, gy = mx + 50, my + 100
    for i in range(n):
        for j in range(n):
            c.rect(gx + j * cell, gy + i * cell, cell - 8, cell - 8, fill=WHITE, outline=ORANGE,
                   width=2, radius=6)
    c.text(gx + n * cell / 2, my + 50, "示意 8×8（实际 256×256）", size=28, color=MUTED)
    c.text(mx + 650, my + 190, "矩阵乘单元\nMatrix Multiply\nUnit", size=40, bold=True)
    c.text(mx + 650, my + 400, "65,536 个 8 位 MAC\n700 MHz\n峰值 92 TOPS", size=36)
    c.arrow(1285, 595, 1410, 500, color=RED, width=8, head=32)
    c.text(1350, 640, "权重", size=32, color=RED, bold=True)
    # unified buffer
    c.box(640, 880, 640, 210, "统一缓冲区 Unified Buffer\n24 MiB SRAM（激活值）", fill=BLUE_L,
          outline=BLUE, size=38, bold=True)
    c.polyarrow([(1285, 950), (1360, 950), (1360, 720), (1415, 720)], color=BLUE, width=8, head=32)
    c.text(1200, 1125, "激活从左侧流入阵列", size=30, color=BLUE)
    # accumulators and activation
    c.box(1420, 880, 420, 210, "累加器 Accumulators\n4 MiB（32 位）", fill=PURPLE_L, outline=PURPLE,
          size=36)
    c.box(1900, 880, 380, 210, "激活单元\nReLU / Sigmoid / 池化", fill=GREEN_L, outline=GREEN,
          size=34)
    c.arrow(1630, 795, 1630, 875, color=PURPLE, width=8, head=32)
    c.arrow(1845, 985, 1895, 985, color=GREEN, width=8, head=28)
    c.polyarrow([(2090, 1095), (2090, 1200), (960, 1200), (960, 1095)], color=GREEN, width=6, head=28)
    c.text(1520, 1240, "结果写回统一缓冲区，作为下一层的输入", size=30, color=GREEN)
    # host data
    c.polyarrow([(290, 735), (290, 985), (635, 985)], color=GRAY, width=6, head=28)
    c.text(300, 1040, "输入 / 输出经 PCIe", size=30, color=MUTED, anchor="lm")
    c.text(1200, 1330, "片上 SRAM 共 28 MiB（24 + 4）；片内模块之间多为 256 字节宽的通路",
           size=34, color=INK)
    c.save(path)


def fig_v1_systolic(path):
    """Weight-stationary systolic array: one snapshot of the diagonal wavefront."""
    c = Canvas(W, 1560)
    title(c, "权重驻留的脉动阵列：激活向右流，部分和向下流（示意 4×4，第 t = 3 拍）",
          "Weight-stationary systolic array: PE(i, j) works on sample b = t − i − j")
    n, B, t = 4, 5, 3
    cell, gap = 230, 40
    x0, y0 = 720, 260
    palette = [BLUE, ORANGE, GREEN, PURPLE, RED]
    light = [BLUE_L, ORANGE_L, GREEN_L, PURPLE_L, RED_L]
    # weights preloaded from the top
    c.text(x0 + 2 * (cell + gap) - gap / 2, y0 - 50, "权重 W 预先装入，计算期间不动", size=32,
           color=MUTED)
    for i in range(n):
        for j in range(n):
            x = x0 + j * (cell + gap)
            y = y0 + i * (cell + gap)
            b = t - i - j
            active = 0 <= b < B
            c.rect(x, y, cell, cell, fill=light[b] if active else GRAY_L,
                   outline=palette[b] if active else GRID, width=5 if active else 3)
            c.text(x + cell / 2, y + 55, f"w_{{{i}{j}}}", size=38, bold=True)
            if active:
                c.text(x + cell / 2, y + 130, f"x_{{{b},{i}}}", size=36, color=palette[b])
                c.text(x + cell / 2, y + 188, f"样本 {b}", size=28, color=palette[b])
            else:
                c.text(x + cell / 2, y + 140, "空闲", size=30, color=MUTED)
            if j < n - 1:
                c.arrow(x + cell + 4, y + cell / 2, x + cell + gap - 4, y + cell / 2, color=BLUE,
                        width=4, head=16)
            if i < n - 1:
                c.arrow(x + cell / 2, y + cell + 4, x + cell / 2, y + cell + gap - 4, color=ORANGE,
                        width=4, head=16)
    # left: skewed input queues
    for i in range(n):
        y = y0 + i * (cell + gap) + cell / 2
        c.text(x0 - 40, y - 30, f"第 {i} 行", size=30, bold=True, anchor="rm")
        nxt = [bb for bb in range(B) if bb + i > t][:3]
        lab = "、".join(f"x_{{{bb},{i}}}" for bb in nxt) if nxt else "（已送完）"
        c.text(x0 - 40, y + 25, "待入：" + lab, size=28, color=BLUE, anchor="rm")
        c.arrow(x0 - 30, y + 70, x0 - 4, y + 70, color=BLUE, width=4, head=16)
    # bottom: outputs
    yb = y0 + n * (cell + gap) - gap + 60
    for j in range(n):
        x = x0 + j * (cell + gap) + cell / 2
        c.text(x, yb, f"第 {j} 列输出 y_{{b,{j}}}", size=28, color=ORANGE)
    # right: rules
    rx = 1880
    c.rect(rx, 260, 470, 900, fill=GRAY_L, outline=GRAY, width=3)
    c.text(rx + 235, 320, "每一拍每个单元", size=36, bold=True)
    c.text(rx + 235, 420, "① 从左邻收到 x", size=32, color=BLUE)
    c.text(rx + 235, 490, "② 从上邻收到部分和 p", size=32, color=ORANGE)
    c.text(rx + 235, 560, "③ 算 p + x·w", size=32)
    c.text(rx + 235, 630, "④ x 传右，p 传下", size=32)
    c.line([(rx + 40, 700), (rx + 430, 700)], GRAY, 3)
    c.text(rx + 235, 780, "第 i 行比第 0 行\n晚 i 拍送入", size=32)
    c.text(rx + 235, 920, "同一样本沿\n反对角线推进", size=32)
    c.text(rx + 235, 1060, "颜色 = 样本编号 b", size=30, color=MUTED)
    c.text(1200, 1490, "每个数从缓冲区读出一次，就在阵列内被 n 个单元复用：减少大块 SRAM 的读写",
           size=34, color=INK)
    c.save(path)


def fig_v1_bound(path):
    """Roofline bound (derived) against measured TOPS (Table 3) for the six production apps."""
    c = Canvas(W, 1450)
    title(c, "六个生产应用：Roofline 上限与实测性能（TPU v1）",
          "Bound = min(92, 2 × ops per weight byte × 34 GB/s); measured: Jouppi et al. 2017, Table 3")
    ax = Axes(c, 330, 230, 1900, 900, (0, 6), (1, 200), ylog=True)
    yt = [(1, "1"), (2, "2"), (5, "5"), (10, "10"), (20, "20"), (50, "50"), (100, "100"),
          (200, "200")]
    ax.frame([], yt, "", "性能（TOPS，对数坐标）", size=32)
    for k, (name, mpb, meas) in enumerate(V1_APPS):
        bound = v1_bound(mpb)
        mem = bound < V1_PEAK_TOPS
        col, lcol = (BLUE, BLUE_L) if mem else (ORANGE, ORANGE_L)
        cx = ax.px(k + 0.5, 1)[0]
        bw = 110
        for dx, val, fill, out in ((-bw - 8, bound, lcol, col), (8, meas, col, col)):
            _, ytop = ax.px(0, val)
            _, ybot = ax.px(0, 1)
            c.rect(cx + dx, ytop, bw, ybot - ytop, fill=fill, outline=out, width=3, radius=4)
            c.text(cx + dx + bw / 2, ytop - 28, f"{val:.1f}" if val < 90 else f"{val:.0f}",
                   size=28, color=INK)
        c.text(cx, ax.y + ax.h + 45, name, size=36, bold=True)
        c.text(cx, ax.y + ax.h + 95, f"每权重字节 {mpb} 次乘加", size=26, color=MUTED)
        c.text(cx, ax.y + ax.h + 140, "访存受限" if mem else "计算受限", size=30,
               color=col, bold=True)
    ypk = ax.px(0, V1_PEAK_TOPS)[1]
    c.line([(ax.x, ypk), (ax.x + ax.w, ypk)], RED, 3, dash=(18, 12))
    c.text(ax.x + 1180, ypk - 30, "峰值 92 TOPS", size=30, color=RED, anchor="rm", bold=True)
    # legend
    lx, ly = 420, 250
    c.rect(lx, ly, 50, 40, fill=BLUE_L, outline=BLUE, width=3, radius=4)
    c.text(lx + 70, ly + 20, "Roofline 上限（由峰值与带宽算得）", size=30, anchor="lm")
    c.rect(lx, ly + 60, 50, 40, fill=BLUE, radius=4)
    c.text(lx + 70, ly + 80, "论文实测", size=30, anchor="lm")
    c.text(1200, 1420, "脊点 ≈ 92 TOPS ÷ (2 × 34 GB/s) ≈ 1350 次乘加/权重字节；"
           "MLP 与 LSTM 都在脊点左侧", size=32, color=INK)
    c.save(path)


# ====================================================================== 02TPUv2v3
def fig_bf16(path):
    """bfloat16 keeps the FP32 exponent: it is the upper half of an FP32 word."""
    c = Canvas(W, 1280)
    title(c, "bfloat16：保留 FP32 的 8 位指数，只留 7 位尾数",
          "bf16 = the upper 16 bits of an FP32 number (sign · exponent · mantissa)")
    x0, bit = 420, 52
    rows = [("FP32", 1, 8, 23, 230), ("BF16", 1, 8, 7, 500), ("FP16", 1, 5, 10, 680)]
    for name, s, e, m, y in rows:
        c.text(x0 - 40, y + 40, name, size=46, bold=True, anchor="rm")
        cells = [(PURPLE, PURPLE_L)] * s + [(BLUE, BLUE_L)] * e + [(GREEN, GREEN_L)] * m
        for k, (col, _) in enumerate(cells):
            c.rect(x0 + k * bit, y + 8, bit - 5, 66, fill=col, radius=5)
        c.text(x0 + len(cells) * bit + 30, y + 40, f"{s}+{e}+{m}", size=36, anchor="lm")
    # fp32 -> bf16 truncation bracket
    c.rect(x0 - 8, 222, 16 * bit + 6, 98, outline=RED, width=5, radius=10)
    c.text(x0 + 8 * bit, 365, "高 16 位：直接截取（或舍入）就是 BF16", size=34, color=RED,
           bold=True)
    c.arrow(x0 + 8 * bit, 400, x0 + 8 * bit, 495, color=RED, width=6, head=28)
    c.rect(x0 + 16 * bit - 6, 222, 16 * bit + 4, 98, outline=GRAY, width=3, radius=10)
    c.text(x0 + 24 * bit, 365, "低 16 位：丢弃", size=32, color=MUTED)
    # properties table
    ty = 970
    heads = ["格式", "最大有限值", "最小正规数", "机器精度 ε"]
    xs = [420, 860, 1380, 1900]
    for x, h in zip(xs, heads):
        c.text(x, ty, h, size=34, bold=True)
    data = [("FP32", "≈ 3.4×10^{38}", "2^{-126}", "2^{-23} ≈ 1.2×10^{-7}"),
            ("BF16", "≈ 3.4×10^{38}", "2^{-126}", "2^{-7} ≈ 7.8×10^{-3}"),
            ("FP16", "65504", "2^{-14} ≈ 6.1×10^{-5}", "2^{-10} ≈ 9.8×10^{-4}")]
    for r, row in enumerate(data):
        y = ty + 75 + r * 70
        for x, v in zip(xs, row):
            c.text(x, y, v, size=32, color=GREEN if row[0] == "BF16" else INK,
                   bold=row[0] == "BF16")
    c.line([(250, ty + 35), (2150, ty + 35)], GRAY, 3)
    for k, (col, lab) in enumerate([(PURPLE, "符号"), (BLUE, "指数（定范围）"), (GREEN, "尾数（定精度）")]):
        lx = 600 + k * 420
        c.rect(lx, 840 - 20, 40, 40, fill=col, radius=4)
        c.text(lx + 55, 840, lab, size=30, anchor="lm")
    c.save(path)


def fig_v2_chip(path):
    """A TPUv2/v3 chip: two TensorCores, HBM, ICI router with four links."""
    c = Canvas(W, 1400)
    title(c, "TPUv2 / TPUv3 芯片：两个 TensorCore + HBM + 片间互连（示意）",
          "Two TensorCores per chip; v3 doubles the MXUs per core (Norrie et al. 2021; Google Cloud docs)")
    chip_x, chip_y, chip_w, chip_h = 360, 230, 1300, 1000
    c.rect(chip_x, chip_y, chip_w, chip_h, fill="#fafafa", outline=INK, width=5)
    c.text(chip_x + 30, chip_y + 40, "一颗芯片 one chip", size=32, bold=True, anchor="lm")
    for k in range(2):
        tx = chip_x + 50 + k * 620
        ty = chip_y + 90
        c.rect(tx, ty, 580, 640, fill=WHITE, outline=BLUE, width=4)
        c.text(tx + 290, ty + 40, f"TensorCore {k}", size=36, bold=True, color=BLUE)
        c.box(tx + 30, ty + 90, 250, 150, "MXU\n128×128", fill=ORANGE_L, outline=ORANGE, size=34,
              bold=True)
        bx0, by0, bx1, by1 = tx + 300, ty + 90, tx + 550, ty + 240
        c.line([(bx0, by0), (bx1, by0), (bx1, by1), (bx0, by1), (bx0, by0)], ORANGE, 4,
               dash=(14, 10))
        c.text(tx + 425, ty + 135, "MXU", size=32, bold=True, color=ORANGE)
        c.text(tx + 425, ty + 195, "仅 v3 有", size=28, color=ORANGE)
        c.box(tx + 30, ty + 270, 520, 110, "向量单元 Vector unit", fill=TEAL_L, outline=TEAL,
              size=32)
        c.box(tx + 30, ty + 400, 520, 100, "向量存储 Vector memory", fill=BLUE_L, outline=BLUE,
              size=32)
        c.box(tx + 30, ty + 520, 520, 90, "标量单元 Scalar unit", fill=GRAY_L, outline=GRAY,
              size=30)
    # HBM stacks
    c.box(chip_x + 50, chip_y + 760, 1200, 100, "HBM：v2 16 GiB · 700 GB/s；v3 32 GiB · 900 GB/s",
          fill=RED_L, outline=RED, size=32, bold=True)
    c.box(chip_x + 50, chip_y + 880, 1200, 90, "片间互连路由 ICI router", fill=GREEN_L,
          outline=GREEN, size=32)
    # ICI links
    lx = chip_x + chip_w
    for k in range(4):
        y = chip_y + 330 + k * 130
        c.arrow(lx + 10, y, lx + 260, y, color=GREEN, width=7, head=28, both=True)
        c.text(lx + 280, y, f"ICI 链路 {k + 1}", size=30, color=GREEN, anchor="lm")
    c.text(lx + 140, chip_y + 230, "4 条链路\n连到上下左右邻居", size=30, color=GREEN)
    c.arrow(chip_x - 10, chip_y + 500, chip_x - 200, chip_y + 500, color=GRAY, width=6, head=26)
    c.text(chip_x - 190, chip_y + 440, "PCIe\n到主机", size=30, color=MUTED)
    c.rect(1760, 1070, 560, 190, fill=GRAY_L, outline=GRAY, width=3)
    c.text(2040, 1115, "峰值（bf16）", size=32, bold=True)
    c.text(2040, 1170, "v2 约 46 TFLOPS", size=32)
    c.text(2040, 1222, "v3 123 TFLOPS", size=32)
    c.text(1010, 1320, "v3：每核 MXU 由 1 个增至 2 个，HBM 容量翻倍，改用液冷", size=34,
           color=INK, bold=True)
    c.save(path)


def fig_torus2d(path):
    """A 4 x 4 two-dimensional torus and the two-phase all-reduce on it."""
    c = Canvas(W, 1400)
    title(c, "二维环面（2D torus）：每个芯片直连 4 个邻居，边缘回绕",
          "4 × 4 torus shown; TPUv2 pods have 256 chips, TPUv3 pods 1,024 (CACM 2020; Google Cloud docs)")
    k = 4
    step = 230
    x0, y0 = 400, 380
    # wraparound links: dashed stubs leaving each edge; stubs with the same label are one link
    for r in range(k):
        y = y0 + r * step
        c.line([(x0 - 150, y), (x0, y)], PURPLE, 5, dash=(14, 10))
        c.line([(x0 + 3 * step, y), (x0 + 3 * step + 150, y)], PURPLE, 5, dash=(14, 10))
        c.text(x0 - 170, y, f"r{r}", size=30, color=PURPLE, bold=True, anchor="rm")
        c.text(x0 + 3 * step + 170, y, f"r{r}", size=30, color=PURPLE, bold=True, anchor="lm")
    for col in range(k):
        x = x0 + col * step
        c.line([(x, y0 - 130), (x, y0)], TEAL, 5, dash=(14, 10))
        c.line([(x, y0 + 3 * step), (x, y0 + 3 * step + 130)], TEAL, 5, dash=(14, 10))
        c.text(x, y0 - 160, f"c{col}", size=30, color=TEAL, bold=True)
        c.text(x, y0 + 3 * step + 160, f"c{col}", size=30, color=TEAL, bold=True)
    for r in range(k):
        for col in range(k):
            x, y = x0 + col * step, y0 + r * step
            if col < k - 1:
                c.line([(x, y), (x + step, y)], PURPLE, 6)
            if r < k - 1:
                c.line([(x, y), (x, y + step)], TEAL, 6)
    for r in range(k):
        for col in range(k):
            x, y = x0 + col * step, y0 + r * step
            hl = False
            c.circle(x, y, 58, fill=ORANGE if hl else BLUE_L, outline=ORANGE if hl else BLUE, width=4)
            c.text(x, y, f"{r},{col}", size=32, bold=True, color=WHITE if hl else INK)
    c.text(x0 + 1.5 * step, y0 + 3 * step + 240, "虚线为回绕链路：同名端点（如两个 r1）是同一条链路",
           size=30, color=MUTED)
    # right panel
    rx = 1450
    c.rect(rx, 250, 880, 1000, fill=GRAY_L, outline=GRAY, width=3)
    c.text(rx + 440, 310, "为什么用环面", size=38, bold=True)
    c.text(rx + 440, 400, "芯片自带路由，不需要外部交换机", size=31)
    c.text(rx + 440, 460, "每行、每列各是一个环", size=31)
    c.line([(rx + 60, 520), (rx + 820, 520)], GRAY, 3)
    c.text(rx + 440, 580, "k × k 环面的直径（最远两点的跳数）", size=31, bold=True)
    c.text(rx + 440, 650, "k 为偶数时 D = k/2 + k/2 = k", size=40, color=RED, bold=True)
    c.text(rx + 440, 720, "16×16（256 片）：D = 16；32×32（1024 片）：D = 32", size=28)
    c.line([(rx + 60, 790), (rx + 820, 790)], GRAY, 3)
    c.text(rx + 440, 850, "两阶段全归约（示意）", size=31, bold=True)
    c.text(rx + 440, 920, "① 沿每一行（紫色环）做环形归约", size=30, color=PURPLE)
    c.text(rx + 440, 980, "② 再沿每一列（青色环）继续", size=30, color=TEAL)
    c.text(rx + 440, 1060, "各行、各列的环同时工作，\n所有链路一起分担流量", size=30)
    c.save(path)


# ====================================================================== 03TPUv4
def _iso(x, y, z, ox, oy, s):
    """Isometric projection of a point of the 4x4x4 cube."""
    px = ox + (x - y) * s * 0.87
    py = oy + (x + y) * s * 0.5 - z * s
    return px, py


def fig_v4_cube(path):
    """A 4x4x4 block: 64 chips, electrical links inside, 16 optical links on each of 6 faces."""
    c = Canvas(W, 1450)
    title(c, "TPU v4 的积木：4×4×4 = 64 芯片的立方体（一个机柜）",
          "Inside: electrical ICI links; each of the 6 faces: 16 optical links to the OCSes")
    ox, oy, s = 760, 820, 132
    n = 4
    # faces (back to front): draw the three visible faces as light planes
    top = [_iso(0, 0, n - 1, ox, oy, s), _iso(n - 1, 0, n - 1, ox, oy, s),
           _iso(n - 1, n - 1, n - 1, ox, oy, s), _iso(0, n - 1, n - 1, ox, oy, s)]
    c.polygon(top, fill="#eef2ff")
    right = [_iso(n - 1, 0, 0, ox, oy, s), _iso(n - 1, n - 1, 0, ox, oy, s),
             _iso(n - 1, n - 1, n - 1, ox, oy, s), _iso(n - 1, 0, n - 1, ox, oy, s)]
    c.polygon(right, fill="#ecfdf5")
    left = [_iso(0, n - 1, 0, ox, oy, s), _iso(n - 1, n - 1, 0, ox, oy, s),
            _iso(n - 1, n - 1, n - 1, ox, oy, s), _iso(0, n - 1, n - 1, ox, oy, s)]
    c.polygon(left, fill="#fff7ed")
    m = n - 1

    def visible(p):
        return p[0] == m or p[1] == m or p[2] == m

    def same_face(p, q):
        return any(p[a] == m and q[a] == m for a in range(3))

    pts = [(x, y, z) for z in range(n) for y in range(n) for x in range(n) if visible((x, y, z))]
    # links between neighbouring chips, drawn on the three visible faces only
    for p in pts:
        for d in ((1, 0, 0), (0, 1, 0), (0, 0, 1)):
            q = (p[0] + d[0], p[1] + d[1], p[2] + d[2])
            if max(q) < n and visible(q) and same_face(p, q):
                c.line([_iso(*p, ox, oy, s), _iso(*q, ox, oy, s)], "#9ca3af", 4)
    # optical stubs on visible faces
    for x, y, z in pts:
        p = _iso(x, y, z, ox, oy, s)
        if z == n - 1:
            c.line([p, (p[0], p[1] - 50)], BLUE, 4)
        if x == n - 1:
            q = _iso(x + 0.45, y, z, ox, oy, s)
            c.line([p, q], GREEN, 4)
        if y == n - 1:
            q = _iso(x, y + 0.45, z, ox, oy, s)
            c.line([p, q], ORANGE, 4)
    for x, y, z in sorted(pts, key=lambda t: (t[0] + t[1], t[2])):
        p = _iso(x, y, z, ox, oy, s)
        c.circle(p[0], p[1], 17, fill=INK)
    c.text(ox, oy - 4 * s - 60, "上 / 下两面：z 方向光链路", size=30, color=BLUE, bold=True)
    c.text(ox + 3.2 * s * 0.87 + 160, oy + 3.5 * s * 0.5 + 40, "x 方向光链路", size=30, color=GREEN,
           bold=True, anchor="lm")
    c.text(ox - 3.5 * s * 0.87 - 40, oy + 3.5 * s * 0.5 + 40, "y 方向光链路", size=30,
           color=ORANGE, bold=True, anchor="rm")
    # right panel
    rx = 1500
    c.rect(rx, 230, 860, 1060, fill=GRAY_L, outline=GRAY, width=3)
    c.text(rx + 430, 290, "数一数链路（由几何推得）", size=36, bold=True)
    lines = [
        ("每个芯片 6 条 ICI 链路：±x、±y、±z", INK),
        ("立方体内部相邻芯片：电连接", MUTED),
        ("每个面 4 × 4 = 16 个芯片各伸出 1 条", INK),
        ("6 个面 × 16 = 96 条光链路 / 立方体", BLUE),
        ("64 个立方体 × 96 = 6144 条光链路", BLUE),
        ("论文：整机共用 48 台光路交换机（OCS）", RED),
        ("3 个方向 × 每面 16 个位置 = 48", RED),
        ("每台 OCS：64 个立方体 × 2 个面 = 128 个端口", RED),
    ]
    for k, (txt, col) in enumerate(lines):
        c.text(rx + 430, 380 + k * 110, txt, size=30, color=col, bold=col in (BLUE, RED))
    c.text(760, 1360, "4096 = 64 个立方体 × 64 芯片（Jouppi 等，ISCA 2023）", size=34, bold=True)
    c.save(path)


def fig_v4_ocs(path):
    """How optical circuit switches stitch blocks into slices and route around a failed block."""
    c = Canvas(W, 1450)
    title(c, "光路交换机（OCS）：用“接线”把立方体拼成需要的环面",
          "Schematic: one dimension only; each OCS joins a +x face port of one block to a −x face port of another")
    def panel(x0, name, order, failed=None, spare=None):
        c.text(x0 + 520, 250, name, size=38, bold=True)
        blocks = ["A", "B", "C", "D", "E"]
        pos = {}
        for k, b in enumerate(blocks):
            bx = x0 + 40 + k * 205
            by = 330
            bad = b == failed
            idle = b not in order and not bad
            fill = RED_L if bad else (GRAY_L if idle else BLUE_L)
            out = RED if bad else (GRAY if idle else BLUE)
            c.box(bx, by, 170, 170, f"立方体\n{b}", fill=fill, outline=out, size=32, bold=True)
            if bad:
                c.line([(bx + 15, by + 15), (bx + 155, by + 155)], RED, 6)
                c.line([(bx + 155, by + 15), (bx + 15, by + 155)], RED, 6)
            pos[b] = bx + 85
        # the OCS: the mapping between its ports is drawn inside the box
        oy, oh = 620, 480
        c.rect(x0 + 20, oy, 1020, oh, fill=YELLOW_L, outline=YELLOW, width=4)
        c.text(x0 + 530, oy + oh - 45, "OCS 内部：MEMS 反射镜把一个端口的光直接导向另一个端口",
               size=28, bold=True)
        for b, x in pos.items():
            c.line([(x - 30, 505), (x - 30, oy)], GREEN, 5)
            c.line([(x + 30, 505), (x + 30, oy)], ORANGE, 5)
        c.text(x0 + 530, oy + oh - 110, "绿线：+x 面端口    橙线：−x 面端口    红线：OCS 建立的光路", size=28, color=MUTED)
        # ring: connect +x of order[k] to -x of order[k+1] (circular)
        for k in range(len(order)):
            a, b = order[k], order[(k + 1) % len(order)]
            xa, xb = pos[a] - 30, pos[b] + 30
            depth = oy + 60 + k * 70
            c.line([(xa, oy), (xa, depth), (xb, depth), (xb, oy)], RED, 5)
        c.text(x0 + 530, 1175, " → ".join(order) + " → " + order[0] + "：x 方向连成一个环",
               size=32, color=RED, bold=True)
        if spare:
            c.text(x0 + 530, 1250, f"{failed} 故障：改动几条光路，把 {spare} 接进来", size=32, color=INK)
        else:
            c.text(x0 + 530, 1250, "E 空闲，可分给别的作业", size=32, color=INK)
    panel(100, "配置一：A、B、C、D 组成一个切片", ["A", "B", "C", "D"])
    panel(1260, "配置二：C 故障，换入 E", ["A", "B", "E", "D"], failed="C", spare="E")
    c.line([(1200, 240), (1200, 1300)], GRID, 4)
    c.text(1200, 1370, "重新配置只改变 OCS 内反射镜的对应关系，不需要重新布线", size=34, color=INK)
    c.save(path)


def fig_v4_scale(path):
    """Pod size and peak compute per pod across generations (log scale)."""
    c = Canvas(W, 1450)
    title(c, "三代训练超级计算机的规模（对数坐标）",
          "Chips per pod and peak bf16 per pod; v2: CACM 2020 (peak derived); v3, v4: Google Cloud TPU docs")
    gens = [("TPUv2", 256, 256 * 46 / 1000, "2D 环面", GRAY),
            ("TPUv3", 1024, 126.0, "2D 环面", BLUE),
            ("TPU v4", 4096, 1100.0, "3D 环面 + OCS", ORANGE)]
    ax = Axes(c, 300, 250, 850, 850, (0, 3), (100, 10000), ylog=True)
    ax.frame([], [(100, "100"), (1000, "1000"), (10000, "10000")], "", "每个 Pod 的芯片数", size=32)
    ax2 = Axes(c, 1450, 250, 850, 850, (0, 3), (10, 2000), ylog=True)
    ax2.frame([], [(10, "10"), (100, "100"), (1000, "1000")], "", "每个 Pod 的峰值（PFLOPS）", size=32)
    for k, (name, chips, pf, topo, col) in enumerate(gens):
        pf_lab = "约 1100" if pf >= 1000 else ("约 " if k == 0 else "") + f"{pf:.0f}"
        for a, v, lab in ((ax, chips, f"{chips}"), (ax2, pf, pf_lab)):
            cx = a.px(k + 0.5, v)[0]
            _, yt = a.px(0, v)
            _, yb = a.px(0, a.ylim[0])
            c.rect(cx - 90, yt, 180, yb - yt, fill=col, radius=6)
            c.text(cx, yt - 32, lab, size=32, bold=True)
            c.text(cx, a.y + a.h + 45, name, size=34, bold=True)
            c.text(cx, a.y + a.h + 95, topo, size=28, color=MUTED)
    c.text(1875, 1290, "v2 的约 12 PFLOPS 由 256 × 约 46 TFLOPS 算得", size=28, color=MUTED)
    c.text(1200, 1380, "Pod 二分带宽（Google Cloud 文档）：v3 6.4 TB/s → v4 24 TB/s", size=34,
           bold=True, color=INK)
    c.save(path)


FIGURES = {
    f"{CH}/images/01TPUv101.png": fig_v1_blocks,
    f"{CH}/images/01TPUv102.png": fig_v1_systolic,
    f"{CH}/images/01TPUv103.png": fig_v1_bound,
    f"{CH}/images/02TPUv2v301.png": fig_bf16,
    f"{CH}/images/02TPUv2v302.png": fig_v2_chip,
    f"{CH}/images/02TPUv2v303.png": fig_torus2d,
    f"{CH}/images/03TPUv401.png": fig_v4_cube,
    f"{CH}/images/03TPUv402.png": fig_v4_ocs,
    f"{CH}/images/03TPUv403.png": fig_v4_scale,
}


# ====================================================================== decks
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


_MOD, _CHAP = "AI 芯片原理", "谷歌 TPU"

DECKS = [
    {
        "path": f"{CH}/01TPUv1.pdf",
        "module": _MOD, "chapter": _CHAP,
        "title": "TPU v1：为推理而生的脉动阵列",
        "subtitle": "Jouppi 等，In-Datacenter Performance Analysis of a TPU（ISCA 2017）",
        "tag": "第 01 讲",
        "slides": [
            ("bullets", "为什么要自己做芯片", [
                "2013 年的估算：语音搜索若普及，数据中心算力需翻倍",
                "目标：推理的性价比比 GPU 高 10 倍；15 个月完成设计到部署",
                "2015 年起部署在数据中心，是挂在 PCIe 上的协处理器",
                "主机发送 CISC 指令，TPU 自己不取指",
            ]),
            ("figure", "数据通路", _img("01TPUv1", 1),
             "8 GiB DDR3 权重存储 34 GB/s；24 MiB 统一缓冲区；4 MiB 累加器"),
            ("bullets", "峰值从哪里来", [
                "256 × 256 = 65,536 个 8 位乘加单元（MAC）",
                "峰值 = 65,536 × 2 × 700 MHz ≈ 92 TOPS",
                "8 位乘积累加到 32 位累加器；16 位输入时降为半速或四分之一速",
                "一块权重 256 × 256 × 1 字节 = 64 KiB，移入阵列需 256 拍，用双缓冲隐藏",
            ]),
            ("figure", "脉动阵列", _img("01TPUv1", 2), "权重驻留；激活向右、部分和向下逐拍传递"),
            ("figure", "Roofline：多数应用受访存限制", _img("01TPUv1", 3),
             "论文：六个应用中 MLP 与 LSTM 共四个受限于内存带宽"),
            ("summary", "小结", [
                "TPU v1 把面积给了矩阵单元与片上存储，控制逻辑只占约 2%",
                "全连接层的计算强度约等于批量大小：延迟上限限制了批量",
                "脊点约 1350 次乘加/权重字节，远在大多数应用右侧",
                "论文估算：换成 GDDR5 级别带宽，性能可提升约 3 倍",
            ]),
        ],
    },
    {
        "path": f"{CH}/02TPUv2v3.pdf",
        "module": _MOD, "chapter": _CHAP,
        "title": "TPUv2 与 TPUv3：从推理芯片到训练超级计算机",
        "subtitle": "Norrie 等（IEEE Micro 2021）；Jouppi 等（CACM 2020）",
        "tag": "第 02 讲",
        "slides": [
            ("bullets", "训练比推理难在哪里", [
                "反向传播：要保存激活值，内存需求大得多",
                "梯度的动态范围大：需要浮点数",
                "单芯片训练太慢：必须把很多芯片连成一台机器",
                "算子种类多：需要可编程的向量单元，而不是固定的激活流水线",
            ]),
            ("figure", "bfloat16", _img("02TPUv2v3", 1), "8 位指数与 FP32 相同；MXU 以 bf16 相乘、FP32 累加"),
            ("figure", "芯片结构", _img("02TPUv2v3", 2), "每芯片两个 TensorCore；HBM 取代 DDR3"),
            ("bullets", "v2 → v3：同一架构的升级", [
                "每核 MXU：1 个 → 2 个（128 × 128）",
                "峰值：约 46 → 123 TFLOPS（bf16）",
                "HBM：16 GiB、700 GB/s → 32 GiB、900 GB/s",
                "Pod：256 → 1024 芯片；v3 改用液冷",
            ]),
            ("figure", "二维环面互连", _img("02TPUv2v3", 3), "ICI 直连邻居芯片，每行每列都是一个环"),
            ("summary", "小结", [
                "HBM 把带宽从 v1 的 34 GB/s 提到 700 GB/s 以上",
                "脊点：v2 ≈ 66，v3 ≈ 137 FLOP/字节（由峰值与带宽算得）",
                "128 × 128 阵列比 256 × 256 更容易填满",
                "芯片、互连、编译器一起设计：训练机器是一台超级计算机",
            ]),
        ],
    },
    {
        "path": f"{CH}/03TPUv4.pdf",
        "module": _MOD, "chapter": _CHAP,
        "title": "TPU v4：光路交换与 4096 芯片的超级计算机",
        "subtitle": "Jouppi 等，ISCA 2023（arXiv:2304.01433）",
        "tag": "第 03 讲",
        "slides": [
            ("bullets", "TPU v4 概览", [
                "每芯片 2 个 TensorCore，每核 4 个 MXU；峰值 275 TFLOPS（bf16）",
                "HBM2 32 GiB、1200 GB/s；脊点 ≈ 229 FLOP/字节（推算）",
                "4096 芯片组成一台机器，3D 环面，由光路交换机重构",
                "论文：性能为 v3 的 2.1 倍，性能功耗比为 2.7 倍",
            ]),
            ("figure", "4×4×4 立方体", _img("03TPUv4", 1), "内部电连接；每面 16 条光链路，共 96 条"),
            ("figure", "光路交换机", _img("03TPUv4", 2), "改变反射镜的对应关系，就改变了拓扑"),
            ("bullets", "OCS 带来什么", [
                "切片：按作业需要拼出 4×4×8、4×8×8 等形状",
                "可用性：故障立方体被绕开，不必等整台机器修好",
                "可选扭曲环面（twisted torus）",
                "论文：OCS 及光器件不到系统成本的 5%、功耗的 3%",
            ]),
            ("figure", "规模的变化", _img("03TPUv4", 3), "256 → 1024 → 4096 芯片"),
            ("bullets", "SparseCore 与大模型", [
                "SparseCore：为嵌入查表设计的数据流处理器，提速 5–7 倍，只占 5% 面积与功耗",
                "3D 环面：4096 芯片直径 24 跳，2D 64×64 为 64 跳（按环面公式计算）",
                "PaLM 540B：6144 颗 TPU v4，两个 Pod 之间做数据并行",
            ]),
            ("summary", "小结", [
                "v4 的核心变化在系统层：3D 环面 + 光路交换",
                "立方体是调度和故障隔离的单位",
                "大模型训练把并行维度映射到环面的各个方向",
            ]),
        ],
    },
]
