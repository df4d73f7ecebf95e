"""Draw the course's own figures (PNG, 2,400 px wide) into the module images/ folders.

Usage (from the repository root):

    .venv/bin/python scripts/figures/draw.py            # regenerate every figure
    .venv/bin/python scripts/figures/draw.py roofline   # only figures whose name contains "roofline"

Every figure is one function below; FIGURES maps each output path (relative to the
repository root) to its function. Output is deterministic. Numbers drawn into a figure are
the same ones the article cites next to it (A100 datasheet values, format definitions).
Chinese labels need Noto Sans CJK (apt-get install -y fonts-noto-cjk).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figlib import (  # noqa: E402
    BG, BLUE, BLUE_L, GRAY, GRAY_L, GREEN, GREEN_L, GRID, INK, MUTED, ORANGE, ORANGE_L,
    PINK, PINK_L, PURPLE, PURPLE_L, RED, RED_L, REPO, TEAL, TEAL_L, WHITE, YELLOW, YELLOW_L,
    Axes, Canvas,
)

W = 2400  # every figure is 2,400 px wide

# A100 numbers (NVIDIA A100 Tensor Core GPU datasheet): dense peaks and the 40 GB model's HBM2.
A100_FP16_TC = 312.0  # TFLOP/s, FP16/BF16 Tensor Core, dense
A100_FP32 = 19.5  # TFLOP/s, FP32 (non-Tensor-Core)
A100_TF32_TC = 156.0  # TFLOP/s, TF32 Tensor Core, dense
A100_INT8_TC = 624.0  # TOP/s, INT8 Tensor Core, dense
A100_HBM = 1.555  # TB/s, A100 40 GB


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


# ====================================================================== the full stack
STACK = [
    # key, zh, en, parts, modules
    ("agents", "智能体与新模型", "Agents & new models",
     ["混合专家 MoE", "多模态 Multimodal", "智能体 Agents"], "06 · 09"),
    ("train", "训练与推理", "Training & inference",
     ["并行训练 Parallelism", "推理服务 Serving", "PD 分离 Prefill/decode"], "07 · 08"),
    ("fw", "框架与编译器", "Frameworks & compilers",
     ["PyTorch", "MindSpore", "AI 编译器 Compilers"], ""),
    ("xccl", "集合通信库", "Collective communication",
     ["NCCL", "HCCL", "MPI"], "05"),
    ("net", "集群 · 网络 · 存储", "Clusters · network · storage",
     ["NVLink / PCIe", "RDMA 网络 Networks", "存储 Storage"], "02 · 03"),
    ("chip", "AI 芯片", "AI chips",
     ["GPU", "NPU", "TPU"], "01"),
]
STACK_COLORS = {
    "agents": (PINK, PINK_L), "train": (PURPLE, PURPLE_L), "fw": (TEAL, TEAL_L),
    "xccl": (ORANGE, ORANGE_L), "net": (GREEN, GREEN_L), "chip": (BLUE, BLUE_L),
}


def stack(highlight: str | None = None) -> Canvas:
    """Layered picture of the stack; with highlight, that layer is coloured and the rest grey."""
    c = Canvas(W, 1440)
    if highlight:
        zh = next(z for k, z, *_ in STACK if k == highlight)
        title(c, f"本模块在大模型系统全栈中的位置：{zh}",
              "Where this module sits in the full stack of large-model systems")
    else:
        title(c, "AIFoundation：大模型系统全栈", "The full stack of large-model systems")
    top, lh, gap = 200, 170, 30
    x0, x1 = 250, 2300
    # "supports" arrow on the left
    c.arrow(130, top + 6 * lh + 5 * gap - 10, 130, top + 10, color=MUTED, width=8, head=40)
    c.text(70, top + 3 * lh + 2.5 * gap, "自\n底\n向\n上\n支\n撑", size=34, color=MUTED)
    for i, (key, zh, en, parts, mods) in enumerate(STACK):
        y = top + i * (lh + gap)
        col, light = STACK_COLORS[key]
        on = highlight is None or highlight == key
        if not on:
            col, light = "#9ca3af", "#f3f4f6"
        c.rect(x0, y, x1 - x0, lh, fill=light, outline=col, width=6 if highlight == key else 4,
               radius=22)
        c.text(x0 + 40, y + lh / 2 - 26, zh, size=46, bold=True, color=INK if on else MUTED,
               anchor="lm")
        c.text(x0 + 40, y + lh / 2 + 34, en, size=32, color=INK if on else MUTED, anchor="lm")
        bx, bw, bg = 880, 340, 26
        for j, p in enumerate(parts):
            xx = bx + j * (bw + bg)
            c.rect(xx, y + 35, bw, lh - 70, fill=WHITE, outline=col, width=3, radius=14)
            c.text(xx + bw / 2, y + lh / 2, p, size=30 if len(p) > 12 else 34,
                   color=INK if on else MUTED)
        if mods:
            c.rect(2000, y + 45, 260, lh - 90, fill=col, outline=None, radius=38)
            c.text(2130, y + lh / 2, "模块 " + mods, size=34, bold=True, color=WHITE)
        if highlight == key:
            c.rect(x0 - 18, y - 18, x1 - x0 + 36, lh + 36, outline=col, width=5, radius=30)
    return c


def fig_aifoundation(path):
    stack().save(path)


def make_content(key):
    def f(path):
        stack(key).save(path)
    f.__name__ = f"fig_content_{key}"
    return f


# ====================================================================== 01Roofline
def fig_roofline01(path):
    """Compute intensity: bytes moved vs operations done, and the two time bars."""
    c = Canvas(W, 1400)
    title(c, "计算强度：每搬运 1 字节做多少次运算",
          "Arithmetic intensity: operations per byte moved")
    # memory -> compute
    c.box(160, 230, 560, 260, "片外存储 DRAM/HBM\n数据 Q 字节", fill=BLUE_L, outline=BLUE, size=44)
    c.box(1680, 230, 560, 260, "计算单元 峰值 P\n运算 W 次（FLOP）", fill=ORANGE_L, outline=ORANGE,
          size=44)
    c.arrow(740, 330, 1660, 330, color=BLUE, width=10, head=44)
    c.arrow(1660, 400, 740, 400, color=BLUE, width=10, head=44)
    c.text(1200, 285, "读入操作数：带宽 B（字节/秒）", size=40, color=BLUE, bold=True)
    c.text(1200, 450, "写回结果（同样占用带宽）", size=34, color=MUTED)
    c.rect(560, 540, 1280, 120, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 600, "计算强度  I = W / Q   （FLOP/字节）", size=48, bold=True)
    # timing bars
    def bars(y, label, tq, tw, verdict, vcol):
        c.text(160, y - 50, label, size=40, bold=True, anchor="lm")
        scale = 95
        c.rect(560, y, tq * scale, 70, fill=BLUE, radius=8)
        c.text(560 + tq * scale + 20, y + 35, "访存时间 Q/B", size=34, color=BLUE, anchor="lm")
        c.rect(560, y + 90, tw * scale, 70, fill=ORANGE, radius=8)
        c.text(560 + tw * scale + 20, y + 125, "计算时间 W/P", size=34, color=ORANGE, anchor="lm")
        c.text(160, y + 80, verdict, size=36, color=vcol, anchor="lm")
    bars(800, "情形一：I 小", 12, 4, "访存受限", BLUE)
    bars(1090, "情形二：I 大", 4, 12, "计算受限", ORANGE)
    c.text(2240, 1300, "两者可重叠时，总时间 ≈ max(Q/B, W/P)", size=38, color=INK, anchor="rm",
           bold=True)
    c.save(path)


def fig_roofline02(path):
    """The roofline of an A100 40 GB, with four kernels placed on it."""
    c = Canvas(W, 1500)
    title(c, "NVIDIA A100 40GB 的 Roofline（峰值取自 A100 数据手册）",
          "FP16/BF16 Tensor Core 312 TFLOP/s · FP32 19.5 TFLOP/s · HBM2 1,555 GB/s")
    ax = Axes(c, 330, 200, 1950, 1050, (1 / 16, 4096), (0.1, 1000), xlog=True, ylog=True)
    xt = [(1 / 16, "1/16"), (1 / 4, "1/4"), (1, "1"), (4, "4"), (16, "16"), (64, "64"),
          (256, "256"), (1024, "1024"), (4096, "4096")]
    yt = [(0.1, "0.1"), (1, "1"), (10, "10"), (100, "100"), (1000, "1000")]
    ax.frame(xt, yt, "计算强度 I（FLOP/字节）", "可达性能（TFLOP/s）")
    ridge = A100_FP16_TC / A100_HBM
    ridge32 = A100_FP32 / A100_HBM
    x_start = 0.1 / A100_HBM
    # memory roof
    ax.curve(lambda x: A100_HBM * x, x_start, ridge, BLUE, width=8, n=2)
    # compute roofs
    ax.curve(lambda x: A100_FP16_TC, ridge, 4096, ORANGE, width=8, n=2)
    ax.curve(lambda x: A100_FP32, ridge32, 4096, GRAY, width=6, n=2, dash=(26, 16))
    px, py = ax.px(ridge, A100_FP16_TC)
    c.line([(px, py), ax.px(ridge, 0.1)], ORANGE, 3, dash=(16, 12))
    c.circle(px, py, 16, fill=ORANGE)
    c.text(px - 30, py - 50, "脊点 I ≈ 201", size=36, color=ORANGE, bold=True, anchor="rm")
    qx, qy = ax.px(ridge32, A100_FP32)
    c.circle(qx, qy, 12, fill=GRAY)
    c.text(qx + 30, qy + 45, "FP32 脊点 I ≈ 12.5", size=32, color=GRAY, anchor="lm")
    lx, ly = ax.px(0.5, A100_HBM * 0.5)
    c.text(lx - 10, ly - 110, "斜线：带宽 × I\n1.555 TB/s", size=34, color=BLUE, bold=True,
           anchor="mm")
    c.text(ax.px(1500, 312)[0], ax.px(1500, 312)[1] - 45, "FP16/BF16 Tensor Core 312",
           size=34, color=ORANGE, bold=True)
    c.text(ax.px(1500, 19.5)[0], ax.px(1500, 19.5)[1] - 40, "FP32 19.5", size=32, color=GRAY)
    pts = [
        (1 / 6, "FP16 向量加法\nI ≈ 0.17", -30, -60, "rm"),
        (1.0, "FP16 矩阵-向量乘\nI ≈ 1", 30, 70, "lm"),
        (256 / 3, "FP16 GEMM N=256\nI ≈ 85", -30, -60, "rm"),
        (4096 / 3, "FP16 GEMM N=4096\nI ≈ 1365", -110, 90, "lm"),
    ]
    for x, lab, dx, dy, anc in pts:
        y = min(A100_HBM * x, A100_FP16_TC)
        X, Y = ax.px(x, y)
        c.circle(X, Y, 15, fill=GREEN, outline=WHITE, width=3)
        c.text(X + dx, Y + dy, lab, size=32, color=GREEN, anchor=anc)
    c.text(ax.px(0.3, 100)[0], ax.px(0.3, 100)[1], "访存受限区", size=44, color=BLUE, bold=True)
    c.text(ax.px(1000, 60)[0], ax.px(1000, 60)[1], "计算受限区", size=44, color=ORANGE,
           bold=True)
    c.save(path)


def fig_roofline03(path):
    """Three ways to move a kernel on its roofline (schematic, no numbers)."""
    c = Canvas(W, 1400)
    title(c, "优化方向：向右、向上、贴近屋顶（示意）", "Moving right, raising the roof, closing the gap")
    ax = Axes(c, 330, 200, 1950, 1000, (1, 1000), (1, 1000), xlog=True, ylog=True)
    ax.frame([], [], "计算强度 I（对数坐标）", "性能（对数坐标）", grid=False)
    bw, peak, peak2 = 2.0, 120.0, 480.0
    ax.curve(lambda x: bw * x, 1, peak / bw, BLUE, width=8, n=2)
    ax.curve(lambda x: peak, peak / bw, 1000, ORANGE, width=8, n=2)
    ax.curve(lambda x: bw * x, peak / bw, peak2 / bw, BLUE, width=5, n=2, dash=(22, 14))
    ax.curve(lambda x: peak2, peak2 / bw, 1000, PURPLE, width=6, n=2, dash=(22, 14))
    # kernel A below the slope
    ax_x, ax_y = 6.0, 4.0
    A = ax.px(ax_x, ax_y)
    c.circle(*A, 18, fill=GREEN)
    c.text(A[0] - 30, A[1] + 50, "内核 A", size=38, color=GREEN, bold=True, anchor="rm")
    # up to the roof
    up = ax.px(ax_x, bw * ax_x)
    c.arrow(A[0], A[1] - 22, up[0], up[1] + 14, color=GREEN, width=7, head=32)
    c.text(up[0] + 40, A[1] + 10, "① 贴近屋顶\n合并访存、提高带宽利用率", size=34,
           color=GREEN, anchor="lm")
    # right along the slope
    r = ax.px(40, bw * 40)
    c.arrow(up[0] + 20, up[1] - 10, r[0] - 20, r[1] + 10, color=RED, width=7, head=32)
    c.text(r[0] + 40, r[1] + 70, "② 向右：提高计算强度\n算子融合、分块复用、增大批量", size=34,
           color=RED, anchor="lm")
    # raise the roof
    h = ax.px(500, peak)
    h2 = ax.px(500, peak2)
    c.arrow(h[0], h[1] - 14, h2[0], h2[1] + 14, color=PURPLE, width=7, head=32)
    c.text(h[0] - 30, (h[1] + h2[1]) / 2, "③ 抬高屋顶\n专用矩阵单元、更低精度", size=34,
           color=PURPLE, anchor="rm")
    c.text(ax.px(600, peak)[0], ax.px(600, peak)[1] + 50, "原屋顶", size=32, color=ORANGE)
    c.text(ax.px(600, peak2)[0], ax.px(600, peak2)[1] - 45, "更高的算力屋顶", size=32,
           color=PURPLE)
    c.save(path)


# ====================================================================== 02MatMul
def fig_matmul01(path):
    """C = A x B with one output element and its row/column highlighted."""
    c = Canvas(W, 1400)
    title(c, "矩阵乘法 C = A × B 的运算量", "FLOPs of a GEMM: 2·M·N·K")
    # A: M x K at left, B: K x N on top, C: M x N
    ax_, ay, aw, ah = 300, 620, 420, 560     # A (M rows, K cols)
    bx, by, bw, bh = 820, 270, 700, 300      # B (K rows, N cols)
    cx, cy = bx, ay                          # C (M x N)
    c.rect(ax_, ay, aw, ah, fill=BLUE_L, outline=BLUE, width=5, radius=0)
    c.rect(bx, by, bw, bh, fill=GREEN_L, outline=GREEN, width=5, radius=0)
    c.rect(cx, cy, bw, ah, fill=ORANGE_L, outline=ORANGE, width=5, radius=0)
    i_y = ay + 230
    j_x = bx + 430
    c.rect(ax_, i_y, aw, 50, fill=BLUE, radius=0)
    c.rect(j_x, by, 50, bh, fill=GREEN, radius=0)
    c.rect(j_x, i_y, 50, 50, fill=ORANGE, radius=0)
    c.text(ax_ + aw / 2, ay + ah + 50, "A：M × K", size=44, bold=True, color=BLUE)
    c.text(bx - 30, by + bh / 2, "B：K × N", size=44, bold=True, color=GREEN, anchor="rm")
    c.text(cx + bw / 2, ay + ah + 50, "C：M × N", size=44, bold=True, color=ORANGE)
    c.text(ax_ - 30, i_y + 25, "第 i 行", size=36, color=BLUE, anchor="rm")
    c.text(j_x + 25, by - 35, "第 j 列", size=36, color=GREEN)
    c.arrow(j_x + 25, i_y - 80, j_x + 25, i_y - 8, color=INK, width=4, head=20)
    c.text(j_x + 60, i_y - 100, "C_{ij}", size=40, bold=True, anchor="lm")
    tx = 1640
    c.rect(tx, 620, 680, 560, fill=GRAY_L, outline=GRAY, width=3)
    c.text(tx + 340, 700, "一个输出元素", size=42, bold=True)
    c.text(tx + 340, 790, "C_{ij} = Σ_{k} A_{ik}·B_{kj}", size=40)
    c.text(tx + 340, 880, "K 次乘法 + K 次加法 ≈ 2K", size=36)
    c.line([(tx + 60, 950), (tx + 620, 950)], GRAY, 3)
    c.text(tx + 340, 1020, "M × N 个输出元素", size=42, bold=True)
    c.text(tx + 340, 1110, "总运算量 = 2·M·N·K", size=44, bold=True, color=RED)
    c.save(path)


def fig_matmul02(path):
    """Intensity of a square GEMM against the A100 ridge points."""
    c = Canvas(W, 1500)
    title(c, "方阵 GEMM 的计算强度随规模增长（最少访存假设）",
          "Square GEMM, each matrix read or written once: I = N/3 (FP16), N/6 (FP32)")
    ax = Axes(c, 330, 200, 1950, 1050, (16, 16384), (0.5, 10000), xlog=True, ylog=True)
    xt = [(16, "16"), (64, "64"), (256, "256"), (1024, "1024"), (4096, "4096"),
          (16384, "16384")]
    yt = [(1, "1"), (10, "10"), (100, "100"), (1000, "1000"), (10000, "10000")]
    ax.frame(xt, yt, "矩阵边长 N（M = N = K）", "计算强度 I（FLOP/字节）")
    ridge = A100_FP16_TC / A100_HBM
    ridge32 = A100_FP32 / A100_HBM
    ax.curve(lambda n: n / 3, 16, 16384, ORANGE, width=8, n=2)
    ax.curve(lambda n: n / 6, 16, 16384, BLUE, width=8, n=2)
    ax.curve(lambda n: 1.0, 16, 16384, GREEN, width=6, n=2, dash=(24, 14))
    ax.curve(lambda n: ridge, 16, 16384, ORANGE, width=4, n=2, dash=(14, 12))
    ax.curve(lambda n: ridge32, 16, 16384, BLUE, width=4, n=2, dash=(14, 12))
    c.text(ax.px(20, ridge)[0], ax.px(20, ridge)[1] - 40,
           "A100 FP16 Tensor Core 脊点 ≈ 201", size=32, color=ORANGE, anchor="lm")
    c.text(ax.px(20, ridge32)[0], ax.px(20, ridge32)[1] - 40,
           "A100 FP32 脊点 ≈ 12.5", size=32, color=BLUE, anchor="lm")
    n16 = 3 * ridge
    n32 = 6 * ridge32
    for n, col in ((n16, ORANGE), (n32, BLUE)):
        X, Y = ax.px(n, n / (3 if col == ORANGE else 6))
        c.circle(X, Y, 16, fill=col, outline=WHITE, width=3)
        c.line([(X, Y), ax.px(n, 0.5)], col, 3, dash=(12, 10))
    c.text(ax.px(n16, 1)[0] + 20, ax.px(n16, 2.5)[1], "N ≈ 602", size=34, color=ORANGE,
           anchor="lm", bold=True)
    c.text(ax.px(n32, 1)[0] + 20, ax.px(n32, 2.5)[1], "N ≈ 75", size=34, color=BLUE,
           anchor="lm", bold=True)
    c.text(ax.px(5000, 5000 / 3)[0] - 40, ax.px(5000, 5000 / 3)[1] - 40, "FP16：I = N/3",
           size=36, color=ORANGE, bold=True, anchor="rm")
    c.text(ax.px(8000, 8000 / 6)[0] + 10, ax.px(8000, 8000 / 6)[1] + 70, "FP32：I = N/6",
           size=36, color=BLUE, bold=True, anchor="mm")
    c.text(ax.px(3000, 1)[0], ax.px(3000, 1)[1] - 40, "矩阵-向量乘（M = 1，FP16）：I ≈ 1",
           size=34, color=GREEN, bold=True)
    c.save(path)


def fig_matmul03(path):
    """Blocked GEMM: a C tile needs a row panel of A and a column panel of B."""
    c = Canvas(W, 1400)
    title(c, "分块（Tiling）：一个输出块只需要 A 的一行块和 B 的一列块",
          "Blocking: C tile (i, j) reads row panel i of A and column panel j of B")
    t = 4
    size = 150
    ax0, ay0 = 170, 610
    bx0, by0 = 820, 240
    cx0, cy0 = bx0, ay0
    for r in range(t):
        for k in range(t):
            hit = r == 1
            c.rect(ax0 + k * size, ay0 + r * size, size, size,
                   fill=BLUE if hit else BLUE_L, outline=WHITE if hit else BLUE, width=3, radius=0)
            if hit:
                c.text(ax0 + k * size + size / 2, ay0 + r * size + size / 2, f"A_{{1{k}}}",
                       size=34, color=WHITE, bold=True)
    for k in range(t):
        for j in range(t):
            hit = j == 2
            c.rect(bx0 + j * size, by0 + k * (size * 0.55), size, size * 0.55,
                   fill=GREEN if hit else GREEN_L, outline=WHITE if hit else GREEN, width=3,
                   radius=0)
            if hit:
                c.text(bx0 + j * size + size / 2, by0 + k * size * 0.55 + size * 0.275,
                       f"B_{{{k}2}}", size=30, color=WHITE, bold=True)
    for r in range(t):
        for j in range(t):
            hit = (r, j) == (1, 2)
            c.rect(cx0 + j * size, cy0 + r * size, size, size,
                   fill=ORANGE if hit else ORANGE_L, outline=WHITE if hit else ORANGE, width=3,
                   radius=0)
    c.text(cx0 + 2 * size + size / 2, cy0 + size + size / 2, "C_{12}", size=36, color=WHITE,
           bold=True)
    c.text(ax0 + 2 * size, ay0 + t * size + 50, "A（按行分块）", size=38, color=BLUE, bold=True)
    c.text(bx0 - 30, by0 + 2 * size * 0.55, "B（按列分块）", size=38, color=GREEN, bold=True,
           anchor="rm")
    c.text(cx0 + 2 * size, cy0 + t * size + 50, "C", size=38, color=ORANGE, bold=True)
    # on-chip memory
    ox = 1560
    c.rect(ox, 300, 760, 880, fill=GRAY_L, outline=GRAY, width=4)
    c.text(ox + 380, 360, "片上存储（共享内存 / 寄存器）", size=38, bold=True)
    c.box(ox + 60, 430, 280, 150, "A 块\nb_{m} × b_{k}", fill=BLUE_L, outline=BLUE, size=34)
    c.box(ox + 420, 430, 280, 150, "B 块\nb_{k} × b_{n}", fill=GREEN_L, outline=GREEN, size=34)
    c.box(ox + 200, 650, 360, 150, "C 累加块\nb_{m} × b_{n}", fill=ORANGE_L, outline=ORANGE,
          size=34)
    c.arrow(ox + 200, 585, ox + 300, 645, color=INK, width=4, head=20)
    c.arrow(ox + 560, 585, ox + 460, 645, color=INK, width=4, head=20)
    c.text(ox + 380, 880, "沿 k 方向循环：每步读入一对 A、B 块", size=32)
    c.text(ox + 380, 960, "块内计算强度", size=34, bold=True)
    c.text(ox + 380, 1040, "I = 2·b_{m}·b_{n} / ((b_{m} + b_{n})·s)", size=36, color=RED,
           bold=True)
    c.text(ox + 380, 1115, "s 为每个元素的字节数", size=30, color=MUTED)
    c.save(path)


def fig_matmul04(path):
    """A Transformer layer drawn as its GEMMs (coloured) and element-wise ops (grey)."""
    c = Canvas(W, 1400)
    title(c, "一个 Transformer 层里的矩阵乘法（前向，b 批量，s 序列长度，h 隐藏维度）",
          "GEMMs (coloured) dominate; element-wise ops (grey) are cheap in FLOPs")
    def op(x, y, w, label, flops, gemm=True):
        fill, outline = (ORANGE_L, ORANGE) if gemm else (GRAY_L, GRAY)
        c.rect(x, y, w, 250, fill=fill, outline=outline, width=4)
        c.text(x + w / 2, y + 95, label, size=34, bold=True)
        c.text(x + w / 2, y + 185, flops, size=32, color=RED if gemm else MUTED)
    y1, y2 = 260, 720
    c.text(120, y1 - 40, "注意力子层", size=38, bold=True, color=PURPLE, anchor="lm")
    xs = [120, 560, 1000, 1440, 1880]
    ws = [400, 400, 400, 400, 400]
    labels = [("Q、K、V 投影\n(bs×h)·(h×3h)", "6·b·s·h^{2}", True),
              ("注意力分数 QK^{T}\n按头批量 GEMM", "2·b·s^{2}·h", True),
              ("softmax\n缩放、掩码", "≈ b·s^{2}·头数", False),
              ("加权求和 PV\n按头批量 GEMM", "2·b·s^{2}·h", True),
              ("输出投影\n(bs×h)·(h×h)", "2·b·s·h^{2}", True)]
    for x, w, (lab, fl, g) in zip(xs, ws, labels):
        op(x, y1, w, lab, fl, g)
    for a, b in zip(xs, xs[1:]):
        c.arrow(a + 400, y1 + 125, b, y1 + 125, color=INK, width=5, head=24)
    c.text(120, y2 - 40, "前馈子层（FFN，中间维度 4h）", size=38, bold=True, color=PURPLE,
           anchor="lm")
    xs2 = [120, 670, 1220, 1770]
    labels2 = [("层归一化 + 残差\n逐元素", "≈ 数倍 b·s·h", False),
               ("升维\n(bs×h)·(h×4h)", "8·b·s·h^{2}", True),
               ("激活函数\n逐元素", "≈ 数倍 b·s·h", False),
               ("降维\n(bs×4h)·(4h×h)", "8·b·s·h^{2}", True)]
    for x, (lab, fl, g) in zip(xs2, labels2):
        op(x, y2, 510, lab, fl, g)
    for a, b in zip(xs2, xs2[1:]):
        c.arrow(a + 510, y2 + 125, b, y2 + 125, color=INK, width=5, head=24)
    c.arrow(2080, y1 + 255, 2080, y2 - 70, color=MUTED, width=4, head=22)
    c.rect(300, 1080, 1800, 210, fill=RED_L, outline=RED, width=4)
    c.text(1200, 1140, "矩阵乘合计：24·b·s·h^{2} + 4·b·s^{2}·h", size=46, bold=True, color=RED)
    c.text(1200, 1225, "逐元素运算与 b·s·h 或 b·s^{2}·头数 成正比，比矩阵乘少一个 h（或单头维度）的因子",
           size=34, color=INK)
    c.save(path)


# ====================================================================== 03BitWidth
FORMATS = [
    # name, sign, exponent, mantissa, note
    ("FP32", 1, 8, 23, "IEEE 754 binary32"),
    ("TF32", 1, 8, 10, "A100 Tensor Core 计算格式"),
    ("FP16", 1, 5, 10, "IEEE 754 binary16"),
    ("BF16", 1, 8, 7, "bfloat16"),
    ("FP8 E5M2", 1, 5, 2, "FP8（梯度）"),
    ("FP8 E4M3", 1, 4, 3, "FP8（权重、激活）"),
    ("INT8", 0, 0, 0, "8 位二进制补码整数"),
]


def fig_bitwidth01(path):
    c = Canvas(W, 1400)
    title(c, "常见数值格式的位布局", "Bit layouts: sign · exponent · mantissa (fraction)")
    x0, bit, rowh, y0 = 430, 48, 130, 220
    for i, (name, s, e, m, note) in enumerate(FORMATS):
        y = y0 + i * (rowh + 14)
        c.text(x0 - 30, y + 40, name, size=42, bold=True, anchor="rm")
        cells = []
        if name == "INT8":
            cells = [(RED, RED_L)] * 8
        else:
            cells = [(PURPLE, PURPLE_L)] * s + [(BLUE, BLUE_L)] * e + [(GREEN, GREEN_L)] * m
        for k, (col, light) in enumerate(cells):
            c.rect(x0 + k * bit, y + 10, bit - 4, 62, fill=col, radius=4)
        total = len(cells)
        if name == "INT8":
            desc = "8 位"
        else:
            desc = f"{s} + {e} + {m} = {s + e + m} 位"
        c.text(x0 + total * bit + 30, y + 40, desc, size=36, anchor="lm")
        c.text(x0, y + 105, note, size=28, color=MUTED, anchor="lm")
    # legend
    ly = 1260
    for k, (col, lab) in enumerate([(PURPLE, "符号 sign"), (BLUE, "指数 exponent"),
                                   (GREEN, "尾数 mantissa"), (RED, "整数位 integer")]):
        lx = 430 + k * 470
        c.rect(lx, ly - 25, 50, 50, fill=col, radius=4)
        c.text(lx + 70, ly, lab, size=36, anchor="lm")
    c.save(path)


RANGES = [
    # name, min subnormal, min normal, max, epsilon label, colour
    ("FP32", 2.0 ** -149, 2.0 ** -126, (2 - 2 ** -23) * 2.0 ** 127, "2^{-23} ≈ 1.2×10^{-7}", BLUE),
    ("TF32", None, 2.0 ** -126, (2 - 2 ** -10) * 2.0 ** 127, "2^{-10} ≈ 9.8×10^{-4}", TEAL),
    ("BF16", 2.0 ** -133, 2.0 ** -126, (2 - 2 ** -7) * 2.0 ** 127, "2^{-7} ≈ 7.8×10^{-3}", GREEN),
    ("FP16", 2.0 ** -24, 2.0 ** -14, 65504.0, "2^{-10} ≈ 9.8×10^{-4}", ORANGE),
    ("FP8 E5M2", 2.0 ** -16, 2.0 ** -14, 57344.0, "2^{-2} = 0.25", PURPLE),
    ("FP8 E4M3", 2.0 ** -9, 2.0 ** -6, 448.0, "2^{-3} = 0.125", PINK),
    ("INT8", None, 1.0, 127.0, "步长 1（整数）", RED),
]


def fig_bitwidth02(path):
    c = Canvas(W, 1450)
    title(c, "动态范围与精度：指数位定范围，尾数位定精度",
          "Range of positive finite values (log scale) and machine epsilon")
    ax = Axes(c, 380, 190, 1500, 1000, (1e-46, 1e40), (0, 7), xlog=True)
    xt = [(10.0 ** k, f"10^{{{k}}}") for k in range(-45, 41, 15)]
    ax.frame(xt, [], "可表示的正数（对数坐标）", "", grid=True)
    c.text(2130, 205, "机器精度 ε", size=38, bold=True)
    for i, (name, sub, norm, mx, eps, col) in enumerate(RANGES):
        yc = 190 + (i + 0.5) * (1000 / 7)
        c.text(360, yc, name, size=38, bold=True, anchor="rm")
        if sub:
            x1, _ = ax.px(sub, 0)
            x2, _ = ax.px(norm, 0)
            c.rect(x1, yc - 26, x2 - x1, 52, fill=GRAY_L, outline=col, width=2, radius=6)
        x1, _ = ax.px(norm, 0)
        x2, _ = ax.px(mx, 0)
        c.rect(x1, yc - 26, max(x2 - x1, 6), 52, fill=col, radius=6)
        c.text(2130, yc, eps, size=32)
    c.rect(390, 1370, 50, 40, fill=GRAY_L, outline=GRAY, width=2, radius=6)
    c.text(460, 1390, "次正规数（subnormal）", size=32, anchor="lm")
    c.rect(900, 1370, 50, 40, fill=BLUE, radius=6)
    c.text(970, 1390, "正规数：从最小正规数到最大有限值", size=32, anchor="lm")
    c.save(path)


def fig_bitwidth03(path):
    c = Canvas(W, 1350)
    title(c, "位宽越窄，吞吐越高、字节越少（A100 数据手册，稠密峰值）",
          "A100 dense Tensor Core peaks and bytes per element")
    data = [("FP32（非 Tensor Core）", A100_FP32, GRAY), ("TF32 Tensor Core", A100_TF32_TC, TEAL),
            ("FP16 Tensor Core", A100_FP16_TC, ORANGE), ("BF16 Tensor Core", A100_FP16_TC, GREEN),
            ("INT8 Tensor Core", A100_INT8_TC, RED)]
    x0, y0, maxw = 560, 250, 800
    c.text(x0 + 400, 200, "峰值（TFLOP/s，INT8 为 TOP/s）", size=36, bold=True)
    for i, (lab, v, col) in enumerate(data):
        y = y0 + 60 + i * 190
        c.text(x0 - 25, y + 40, lab, size=34, anchor="rm")
        w = v / 624 * maxw
        c.rect(x0, y, w, 80, fill=col, radius=8)
        c.text(x0 + w + 20, y + 40, f"{v:g}", size=38, bold=True, anchor="lm")
    bx = 1660
    c.text(bx + 320, 200, "每个元素的字节数", size=36, bold=True)
    bytes_ = [("FP32", 4, GRAY), ("TF32（按 FP32 存储）", 4, TEAL), ("FP16 / BF16", 2, ORANGE),
              ("FP8", 1, PURPLE), ("INT8", 1, RED)]
    for i, (lab, b, col) in enumerate(bytes_):
        y = y0 + 60 + i * 190
        for k in range(b):
            c.rect(bx + k * 130, y, 116, 80, fill=col, radius=8)
        c.text(bx, y + 115, f"{lab}：{b} 字节", size=30, anchor="lm")
    c.save(path)


# ====================================================================== 01AlphaBeta
def fig_alphabeta01(path):
    c = Canvas(W, 1400)
    title(c, "α–β 模型：传输时间 T(n) = α + n/β", "Latency plus size over bandwidth")
    ax = Axes(c, 330, 200, 1900, 1000, (0, 10), (0, 10))
    ax.frame([], [], "消息大小 n（字节）", "时间 T", grid=False)
    alpha, inv_beta = 2.0, 0.6
    ax.curve(lambda n: alpha + inv_beta * n, 0, 10, BLUE, width=9, n=2)
    ax.curve(lambda n: alpha, 0, 10, ORANGE, width=5, n=2, dash=(22, 14))
    ax.curve(lambda n: inv_beta * n, 0, 10, GREEN, width=5, n=2, dash=(22, 14))
    nh = alpha / inv_beta
    X, Y = ax.px(nh, 2 * alpha)
    c.circle(X, Y, 16, fill=INK)
    c.line([(X, Y), ax.px(nh, 0)], INK, 3, dash=(12, 10))
    c.text(X, ax.px(nh, 0)[1] + 45, "n_{1/2} = α·β", size=38, bold=True)
    c.text(X + 30, Y - 20, "此处 T = 2α：两项相等", size=34, anchor="lm")
    c.text(ax.px(0, alpha)[0] - 20, ax.px(0, alpha)[1], "α", size=48, bold=True, color=ORANGE,
           anchor="rm")
    c.text(ax.px(8.6, alpha)[0], ax.px(8.6, alpha)[1] + 45, "固定开销 α（延迟）", size=34,
           color=ORANGE)
    c.text(ax.px(9.0, inv_beta * 9)[0] + 10, ax.px(9.0, inv_beta * 9)[1] + 60,
           "n/β：斜率 1/β", size=34, color=GREEN, anchor="lm")
    c.text(ax.px(7.0, alpha + inv_beta * 7)[0] - 20, ax.px(7.0, alpha + inv_beta * 7)[1] - 60,
           "T(n) = α + n/β", size=42, color=BLUE, bold=True, anchor="rm")
    c.text(ax.px(1.2, 9)[0], ax.px(1.2, 9)[1], "小消息：\n延迟主导", size=40, color=ORANGE,
           bold=True)
    c.text(ax.px(6.0, 9)[0], ax.px(6.0, 9)[1], "大消息：\n带宽主导", size=40, color=GREEN,
           bold=True)
    c.save(path)


def fig_alphabeta02(path):
    c = Canvas(W, 1400)
    title(c, "有效带宽随消息大小上升，在 n = α·β 处只有一半",
          "Effective bandwidth n/T(n), normalised by β; x axis normalised by α·β")
    ax = Axes(c, 330, 200, 1900, 1000, (0.01, 1000), (0, 1.1), xlog=True)
    xt = [(0.01, "0.01"), (0.1, "0.1"), (1, "1"), (10, "10"), (100, "100"), (1000, "1000")]
    yt = [(0, "0"), (0.25, "0.25"), (0.5, "0.5"), (0.75, "0.75"), (1.0, "1")]
    ax.frame(xt, yt, "n / (α·β)", "有效带宽 / β")
    ax.curve(lambda x: x / (1 + x), 0.01, 1000, BLUE, width=9)
    ax.curve(lambda x: 1.0, 0.01, 1000, GRAY, width=4, dash=(20, 12))
    for x, lab in ((1, "n = α·β：50%"), (9, "n = 9·α·β：90%"), (99, "n = 99·α·β：99%")):
        X, Y = ax.px(x, x / (1 + x))
        c.circle(X, Y, 15, fill=ORANGE, outline=WHITE, width=3)
        c.text(X + 30, Y + 45, lab, size=34, color=ORANGE, bold=True, anchor="lm")
    c.text(ax.px(0.02, 1.0)[0], ax.px(0.02, 1.0)[1] - 35, "链路带宽 β（上限）", size=34,
           color=GRAY, anchor="lm")
    c.save(path)


def fig_alphabeta03(path):
    c = Canvas(W, 1400)
    title(c, "带宽时延积：管道里“在路上”的数据量", "Bandwidth–delay product and unit conversion")
    # pipe
    c.box(120, 260, 300, 260, "发送端", fill=BLUE_L, outline=BLUE, size=44, bold=True)
    c.box(1980, 260, 300, 260, "接收端", fill=GREEN_L, outline=GREEN, size=44, bold=True)
    c.rect(440, 300, 1520, 180, fill=GRAY_L, outline=GRAY, width=5, radius=90)
    for k in range(11):
        c.rect(500 + k * 130, 345, 96, 90, fill=ORANGE, radius=10)
    c.arrow(440, 560, 1960, 560, color=INK, width=4, head=24, both=True)
    c.text(1200, 610, "管道长度 = 时延（单程，或往返 RTT）", size=36)
    c.arrow(2000 - 40, 300, 2000 - 40, 480, color=INK, width=4, head=20, both=True)
    c.text(1200, 250, "管道粗细 = 带宽 β", size=36)
    c.rect(430, 680, 1540, 110, fill=ORANGE_L, outline=ORANGE, width=4)
    c.text(1200, 735, "在途数据量 = β × RTT（带宽时延积 BDP）", size=44, bold=True, color=ORANGE)
    # units
    y = 900
    c.text(1200, y, "单位换算", size=44, bold=True)
    items = [("1 字节（Byte, B）= 8 比特（bit, b）", BLUE_L, BLUE),
             ("x Gb/s ÷ 8 = x/8 GB/s；例：400 Gb/s = 50 GB/s", GREEN_L, GREEN),
             ("GB = 10^{9} 字节；GiB = 2^{30} 字节 ≈ 1.074 GB", PURPLE_L, PURPLE)]
    for k, (s, fill, col) in enumerate(items):
        c.box(330, y + 60 + k * 130, 1740, 105, s, fill=fill, outline=col, size=38)
    c.save(path)


# ====================================================================== 01RingAllReduce
RANK_COLORS = [BLUE, GREEN, ORANGE, PURPLE]
RANK_LIGHT = [BLUE_L, GREEN_L, ORANGE_L, PURPLE_L]


def _rank_column(c, x, y, contents, cell=70, gap=24, labels=True):
    """contents[r] is a list of cell specs (text, fill) for rank r."""
    for r, cells in enumerate(contents):
        yy = y + r * (cell + gap)
        if labels:
            c.text(x - 20, yy + cell / 2, f"R{r}", size=30, bold=True, anchor="rm")
        c.rect(x, yy, 4 * cell + 6, cell, fill=WHITE, outline=GRID, width=2, radius=6)
        for k, spec in enumerate(cells):
            if spec is None:
                continue
            txt, fill = spec
            c.rect(x + 3 + k * cell, yy + 3, cell - 4, cell - 6, fill=fill, radius=6)
            c.text(x + 3 + k * cell + (cell - 4) / 2, yy + cell / 2, txt, size=28,
                   color=WHITE, bold=True)


def fig_ring01(path):
    c = Canvas(W, 1560)
    title(c, "五种基本集合通信原语（4 个进程 R0–R3）",
          "Broadcast, Reduce, All-Reduce, All-Gather, Reduce-Scatter")
    SUM = "#374151"
    L = "ABCD"
    one = lambda r: [(L[r], RANK_COLORS[r])]  # noqa: E731
    full = lambda r: [(f"{L[r]}{k}", RANK_COLORS[r]) for k in range(4)]  # noqa: E731
    panels = [
        ("广播 Broadcast", [[("A", BLUE)], [], [], []], [[("A", BLUE)]] * 4),
        ("归约 Reduce（到 R0）", [one(r) for r in range(4)], [[("Σ", SUM)], [], [], []]),
        ("全归约 All-Reduce", [one(r) for r in range(4)], [[("Σ", SUM)]] * 4),
        ("全收集 All-Gather", [one(r) for r in range(4)],
         [[(L[k], RANK_COLORS[k]) for k in range(4)]] * 4),
        ("归约散播 Reduce-Scatter", [full(r) for r in range(4)],
         [[None] * r + [(f"Σ{r}", SUM)] for r in range(4)]),
    ]
    pos = [(60, 190), (840, 190), (1620, 190), (250, 840), (1250, 840)]
    for (name, before, after), (px, py) in zip(panels, pos):
        c.rect(px, py, 740 if px != 250 and px != 1250 else 900, 600, fill=WHITE, outline=GRID,
               width=3, radius=20)
        pw = 740 if px not in (250, 1250) else 900
        c.text(px + pw / 2, py + 50, name, size=38, bold=True)
        cell = 56 if pw == 740 else 66
        lx = px + 80
        rx = px + pw - 4 * cell - 40
        c.text(lx + 2 * cell, py + 110, "之前", size=28, color=MUTED)
        c.text(rx + 2 * cell, py + 110, "之后", size=28, color=MUTED)
        _rank_column(c, lx, py + 150, before, cell=cell, gap=44)
        _rank_column(c, rx, py + 150, after, cell=cell, gap=44, labels=False)
        mid = (lx + 4 * cell + rx) / 2
        c.arrow(mid - 40, py + 350, mid + 40, py + 350, color=INK, width=6, head=28)
    c.text(1200, 1515, "A、B、C、D 为各进程的数据；Σ 表示所有进程对应数据的归约结果（如求和）；"
           "Σk 表示第 k 块的归约结果", size=30, color=MUTED)
    c.save(path)


def _ring_states(p=4):
    """Yield (step, contributors[r][k], last_received set) for ring reduce-scatter + all-gather."""
    st = [[{r} for _k in range(p)] for r in range(p)]
    final = [[False] * p for _ in range(p)]
    states = [("初始", [[set(x) for x in row] for row in st], set(), [row[:] for row in final])]
    for s in range(p - 1):
        recv = set()
        new = [[set(x) for x in row] for row in st]
        for r in range(p):
            k = (r - s) % p
            dst = (r + 1) % p
            new[dst][k] = st[dst][k] | st[r][k]
            recv.add((dst, k))
        st = new
        states.append((f"归约散播 第 {s + 1} 步", [[set(x) for x in row] for row in st], recv,
                       [row[:] for row in final]))
    for r in range(p):
        final[r][(r + 1) % p] = True
    ag = []
    for s in range(p - 1):
        recv = set()
        newf = [row[:] for row in final]
        new = [[set(x) for x in row] for row in st]
        for r in range(p):
            k = (r + 1 - s) % p
            dst = (r + 1) % p
            new[dst][k] = set(range(p))
            newf[dst][k] = True
            recv.add((dst, k))
        st, final = new, newf
        ag.append((f"全收集 第 {s + 1} 步", [[set(x) for x in row] for row in st], recv,
                   [row[:] for row in final]))
    return states, ag


def _cell_text(ss, p=4):
    if len(ss) == p:
        return "Σ"
    return "+".join(str(x) for x in sorted(ss))


def _ring_panel(c, x, y, name, grid, recv, final, cell=100, show_final=False):
    p = len(grid)
    c.text(x + 55 + p * cell / 2, y, name, size=34, bold=True)
    for k in range(p):
        c.text(x + 55 + k * cell + cell / 2, y + 55, f"块{k}", size=28, color=MUTED)
    for r in range(p):
        c.text(x + 45, y + 90 + r * cell + cell / 2, f"R{r}", size=30, bold=True,
               anchor="rm")
        for k in range(p):
            ss = grid[r][k]
            n = len(ss)
            shade = [None, "#cbd5e1", "#94a3b8", "#64748b", "#1f2937"][n]
            done = n == p and (final[r][k] or not show_final)
            fill = shade if done or not show_final else "#e5e7eb"
            txt_col = WHITE if n >= 3 and (done or not show_final) else INK
            cx, cy = x + 55 + k * cell, y + 90 + r * cell
            c.rect(cx + 4, cy + 4, cell - 8, cell - 8, fill=fill, radius=8)
            c.text(cx + cell / 2, cy + cell / 2, _cell_text(ss, p) if fill != "#e5e7eb" else "旧",
                   size=26 if n < 4 else 32, color=txt_col if fill != "#e5e7eb" else MUTED,
                   bold=n == p)
            if (r, k) in recv:
                c.rect(cx + 1, cy + 1, cell - 2, cell - 2, outline=RED, width=6, radius=10)


def _ring_diagram(c, cx, cy, rad=125):
    p = 4
    pts = []
    for r in range(p):
        ang = -math.pi / 2 + r * 2 * math.pi / p
        pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    for r in range(p):
        (x1, y1), (x2, y2) = pts[r], pts[(r + 1) % p]
        d = math.hypot(x2 - x1, y2 - y1)
        ux, uy = (x2 - x1) / d, (y2 - y1) / d
        c.arrow(x1 + ux * 62, y1 + uy * 62, x2 - ux * 62, y2 - uy * 62, color=RED, width=6,
                head=26)
    for r, (x, y) in enumerate(pts):
        c.circle(x, y, 55, fill=RANK_COLORS[r])
        c.text(x, y, f"R{r}", size=36, bold=True, color=WHITE)


def fig_ring02(path):
    states, _ = _ring_states()
    c = Canvas(W, 1000)
    title(c, "环形全归约 · 阶段一：归约散播（p = 4，共 p−1 = 3 步）",
          "Each step every rank sends one chunk to its right neighbour, which adds it in")
    _ring_diagram(c, 210, 540)
    c.text(210, 790, "每步：Ri → R(i+1)", size=30, color=RED)
    for i, (name, grid, recv, final) in enumerate(states):
        _ring_panel(c, 410 + i * 495, 200, name, grid, recv, final)
    c.text(1400, 900, "格中数字：该块已累加了哪些进程的数据；Σ：已含全部 4 个进程；"
           "红框：本步刚收到并累加的块", size=30, color=MUTED)
    c.save(path)


def fig_ring03(path):
    states, ag = _ring_states()
    c = Canvas(W, 1000)
    title(c, "环形全归约 · 阶段二：全收集（再走 p−1 = 3 步）",
          "Each rank forwards a finished chunk; after 3 steps every rank holds every Σ chunk")
    _ring_diagram(c, 210, 540)
    c.text(210, 790, "每步：Ri → R(i+1)", size=30, color=RED)
    last = states[-1]
    first = ("归约散播结束", last[1], set(), [[len(s) == 4 for s in row] for row in last[1]])
    for i, (name, grid, recv, final) in enumerate([first] + ag):
        _ring_panel(c, 410 + i * 495, 200, name, grid, recv, final, show_final=True)
    c.text(1400, 900, "深色 Σ：已完成的块；“旧”：阶段一留下的部分和，将被覆盖；"
           "红框：本步收到的完整块", size=30, color=MUTED)
    c.save(path)


def fig_ring04(path):
    c = Canvas(W, 1350)
    title(c, "代价随进程数 p 的变化（α–β 代价式）",
          "Ring: 2(p−1)α + 2·(p−1)/p·n/β;  recursive halving/doubling: 2·log_{2}p·α + same n term")
    # left: bandwidth factor
    ax = Axes(c, 300, 260, 800, 850, (2, 64), (0, 2.2), xlog=True)
    xt = [(2, "2"), (4, "4"), (8, "8"), (16, "16"), (32, "32"), (64, "64")]
    yt = [(0, "0"), (0.5, "0.5"), (1, "1"), (1.5, "1.5"), (2, "2")]
    ax.frame(xt, yt, "进程数 p", "带宽项系数（× n/β）", size=32)
    ax.curve(lambda p: 2 * (p - 1) / p, 2, 64, BLUE, width=8)
    ax.curve(lambda p: 2.0, 2, 64, GRAY, width=4, dash=(18, 12))
    for p in (2, 4, 8, 16, 32, 64):
        X, Y = ax.px(p, 2 * (p - 1) / p)
        c.circle(X, Y, 12, fill=BLUE)
    c.text(700, 200, "带宽项：2·(p−1)/p，趋近 2", size=36, bold=True, color=BLUE)
    # right: latency steps
    ax2 = Axes(c, 1420, 260, 850, 850, (2, 64), (0, 130))
    yt2 = [(0, "0"), (32, "32"), (64, "64"), (96, "96"), (128, "128")]
    xt2 = [(2, "2"), (16, "16"), (32, "32"), (48, "48"), (64, "64")]
    ax2.frame(xt2, yt2, "进程数 p", "延迟项：α 的个数", size=32)
    ax2.curve(lambda p: 2 * (p - 1), 2, 64, ORANGE, width=8)
    ax2.curve(lambda p: 2 * math.log2(p), 2, 64, GREEN, width=8)
    c.text(1845, 200, "延迟项随 p 的增长", size=36, bold=True)
    c.text(ax2.px(40, 78)[0] - 30, ax2.px(40, 78)[1] - 30, "环：2(p−1)", size=34,
           color=ORANGE, bold=True, anchor="rm")
    c.text(ax2.px(40, 11)[0], ax2.px(40, 11)[1] - 60, "递归减半/倍增：2·log_{2}p", size=34,
           color=GREEN, bold=True)
    c.save(path)


# ====================================================================== 09Newsletters/01MoE
def fig_moe01(path):
    c = Canvas(W, 1400)
    title(c, "稀疏门控混合专家层：每个 token 只激活 top-k 个专家（示意，k = 2，8 个专家）",
          "Sparsely-gated MoE layer: a router picks k of N experts per token")
    c.box(80, 560, 260, 200, "token\n表示 x", fill=BLUE_L, outline=BLUE, size=40, bold=True)
    c.box(440, 500, 400, 320, "门控网络\n（路由器）\nG(x)", fill=YELLOW_L, outline=YELLOW, size=40,
          bold=True)
    c.arrow(345, 660, 435, 660, color=INK, width=6, head=28)
    scores = [0.05, 0.41, 0.03, 0.08, 0.02, 0.30, 0.06, 0.05]
    top = sorted(range(8), key=lambda i: -scores[i])[:2]
    sx, sy = 980, 260
    c.text(sx + 180, sy - 40, "门控分数（示意）", size=32, color=MUTED)
    for i, s in enumerate(scores):
        y = sy + i * 105
        col = YELLOW if i in top else "#d1d5db"
        c.rect(sx, y, s * 700, 70, fill=col, radius=6)
        c.text(sx - 15, y + 35, f"E{i + 1}", size=30, anchor="rm")
    c.arrow(845, 660, 960, 660, color=INK, width=6, head=28)
    ex = 1420
    for i in range(8):
        y = sy + i * 105
        on = i in top
        c.rect(ex, y - 5, 300, 80, fill=ORANGE_L if on else GRAY_L, outline=ORANGE if on else GRID,
               width=4 if on else 2, radius=10)
        c.text(ex + 150, y + 35, f"专家 E{i + 1}（FFN）" if on else f"E{i + 1} 不计算",
               size=30, bold=on, color=INK if on else MUTED)
        if on:
            c.arrow(sx + scores[i] * 700 + 20, y + 35, ex - 10, y + 35, color=ORANGE, width=5,
                    head=24)
    c.box(1860, 540, 460, 240, "加权求和\ny = Σ_{i∈top-k} G(x)_{i}·E_{i}(x)", fill=GREEN_L,
          outline=GREEN, size=34, bold=True)
    for i in top:
        y = sy + i * 105 + 35
        c.arrow(ex + 305, y, 1855, 660, color=GREEN, width=5, head=24)
    c.rect(300, 1140, 1800, 170, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1190, "G(x) = Softmax(KeepTopK(H(x), k))，未入选的专家门控值为 0，不必计算",
           size=36)
    c.text(1200, 1260, "参数量随专家数 N 增长，每个 token 的计算量只随 k 增长", size=36,
           bold=True, color=RED)
    c.save(path)


def fig_moe02(path):
    c = Canvas(W, 1350)
    title(c, "负载不均衡与辅助损失（示意）", "Why MoE training adds a load-balancing term")
    for panel, (name, counts, col, note) in enumerate([
        ("不加约束：少数专家被“偏爱”", [46, 30, 9, 5, 4, 3, 2, 1], RED,
         "被选得多的专家训练得更快，\n更容易再被选中：自我强化"),
        ("加入负载均衡损失后", [14, 13, 13, 12, 12, 12, 12, 12], GREEN,
         "各专家分到的 token 接近 1/N，\n设备之间的计算也更均匀"),
    ]):
        x0 = 150 + panel * 1140
        c.text(x0 + 500, 220, name, size=40, bold=True, color=col)
        base = 900
        for i, v in enumerate(counts):
            h = v * 13
            c.rect(x0 + 60 + i * 115, base - h, 90, h, fill=col, radius=6)
            c.text(x0 + 105 + i * 115, base + 35, f"E{i + 1}", size=28)
        c.line([(x0 + 40, base), (x0 + 980, base)], INK, 3)
        c.line([(x0 + 40, base - 12.5 * 13), (x0 + 980, base - 12.5 * 13)], INK, 3,
               dash=(16, 10))
        c.text(x0 + 990, base - 12.5 * 13, "均匀", size=28, color=MUTED, anchor="lm")
        c.text(x0 + 500, 1020, note, size=32, color=INK)
    c.text(1200, 1230, "纵轴：每个专家分到的 token 数（示意数据，不是实验结果）", size=30,
           color=MUTED)
    c.save(path)


def fig_switch01(path):
    c = Canvas(W, 1400)
    title(c, "专家容量与容量因子（示意：16 个 token，4 个专家，top-1 路由）",
          "expert capacity = tokens per batch / number of experts × capacity factor")
    routed = [7, 3, 4, 2]
    for panel, cf in enumerate((1.0, 1.5)):
        cap = int(16 / 4 * cf)
        x0 = 120 + panel * 1150
        c.text(x0 + 540, 220, f"容量因子 {cf:g}：每个专家 {cap} 个槽位", size=40, bold=True)
        dropped = 0
        for e, n in enumerate(routed):
            y = 300 + e * 200
            c.text(x0 + 90, y + 60, f"专家 {e + 1}", size=34, bold=True, anchor="rm")
            for s in range(cap):
                filled = s < n
                c.rect(x0 + 120 + s * 115, y + 15, 100, 90,
                       fill=RANK_COLORS[e] if filled else WHITE,
                       outline=RANK_COLORS[e], width=3, radius=8)
            extra = max(0, n - cap)
            dropped += extra
            for s in range(extra):
                xx = x0 + 120 + (cap + s) * 115 + 30
                c.rect(xx, y + 15, 100, 90, fill=RED_L, outline=RED, width=3, radius=8)
                c.text(xx + 50, y + 60, "溢出", size=26, color=RED, bold=True)
        empty = sum(max(0, cap - n) for n in routed)
        c.text(x0 + 540, 1140, f"溢出（丢弃）{dropped} 个 token；空槽 {empty} 个", size=36,
               bold=True, color=RED if dropped else INK)
    c.text(1200, 1260, "溢出的 token 不经过专家计算，沿残差连接直接进入下一层；"
           "空槽是为静态形状付出的填充", size=32, color=MUTED)
    c.save(path)


def fig_switch02(path):
    c = Canvas(W, 1400)
    title(c, "专家并行：两次 all-to-all（示意：4 台设备，每台放 1 个专家）",
          "Dispatch all-to-all → local expert FFN → combine all-to-all")
    # each device holds 4 tokens; the number is the expert the router chose
    dest = [[0, 2, 1, 3], [1, 1, 0, 2], [3, 0, 2, 2], [1, 3, 3, 0]]
    c.text(420, 220, "① 本地路由", size=36, bold=True)
    c.text(900, 220, "② all-to-all 分发", size=36, bold=True, color=RED)
    c.text(1385, 220, "③ 专家计算", size=36, bold=True)
    c.text(2110, 220, "④ all-to-all 合并", size=36, bold=True, color=RED)
    for a in range(4):
        for b in range(4):
            c.line([(660, 385 + a * 250), (1140, 385 + b * 250)], "#fca5a5", 3)
            c.line([(1630, 385 + a * 250), (1880, 385 + b * 250)], "#fca5a5", 3)
    for d in range(4):
        y = 300 + d * 250
        c.text(175, y + 85, f"设备{d}", size=30, bold=True, anchor="rm")
        c.rect(190, y, 470, 170, fill=GRAY_L, outline=GRAY, width=3)
        for t, e in enumerate(dest[d]):
            c.rect(210 + t * 110, y + 40, 96, 90, fill=RANK_COLORS[e], radius=8)
            c.text(210 + t * 110 + 48, y + 85, f"→E{e}", size=26, color=WHITE, bold=True)
        # after dispatch: the tokens for expert d, labelled with their source device
        mine = [(src, t) for src in range(4) for t, e in enumerate(dest[src]) if e == d]
        c.rect(1150, y, 480, 170, fill=RANK_LIGHT[d], outline=RANK_COLORS[d], width=4)
        c.text(1390, y + 32, f"设备{d} 上的专家 E{d}", size=28, bold=True)
        for k, (src, t) in enumerate(mine):
            c.rect(1170 + k * 112, y + 65, 96, 90, fill=RANK_COLORS[d], radius=8)
            c.text(1170 + k * 112 + 48, y + 110, f"来自{src}", size=24, color=WHITE, bold=True)
        c.rect(1890, y, 440, 170, fill=WHITE, outline=GRAY, width=3)
        c.text(2110, y + 85, f"设备{d}：按原顺序\n收回 4 个输出", size=30)
    c.text(1200, 1320, "每个 token 的隐藏向量要跨设备往返一次；"
           "路由越不均衡，最忙的那台设备拖得越久", size=32, color=MUTED)
    c.save(path)


# ====================================================================== registry
FIGURES = {
    "images/aifoundation.png": fig_aifoundation,
    "01AIChip/images/content.png": make_content("chip"),
    "02StorComm/images/content.png": make_content("net"),
    "05XCCL/images/content.png": make_content("xccl"),
    "09Newsletters/images/content.png": make_content("agents"),
    "01AIChip/01Foundation/images/01Roofline01.png": fig_roofline01,
    "01AIChip/01Foundation/images/01Roofline02.png": fig_roofline02,
    "01AIChip/01Foundation/images/01Roofline03.png": fig_roofline03,
    "01AIChip/01Foundation/images/02MatMul01.png": fig_matmul01,
    "01AIChip/01Foundation/images/02MatMul02.png": fig_matmul02,
    "01AIChip/01Foundation/images/02MatMul03.png": fig_matmul03,
    "01AIChip/01Foundation/images/02MatMul04.png": fig_matmul04,
    "01AIChip/01Foundation/images/03BitWidth01.png": fig_bitwidth01,
    "01AIChip/01Foundation/images/03BitWidth02.png": fig_bitwidth02,
    "01AIChip/01Foundation/images/03BitWidth03.png": fig_bitwidth03,
    "02StorComm/01CommBase/images/01AlphaBeta01.png": fig_alphabeta01,
    "02StorComm/01CommBase/images/01AlphaBeta02.png": fig_alphabeta02,
    "02StorComm/01CommBase/images/01AlphaBeta03.png": fig_alphabeta03,
    "05XCCL/01Primitives/images/01RingAllReduce01.png": fig_ring01,
    "05XCCL/01Primitives/images/01RingAllReduce02.png": fig_ring02,
    "05XCCL/01Primitives/images/01RingAllReduce03.png": fig_ring03,
    "05XCCL/01Primitives/images/01RingAllReduce04.png": fig_ring04,
    "09Newsletters/01MoE/images/20250110MoEBasics01.png": fig_moe01,
    "09Newsletters/01MoE/images/20250110MoEBasics02.png": fig_moe02,
    "09Newsletters/01MoE/images/20250221SwitchRouting01.png": fig_switch01,
    "09Newsletters/01MoE/images/20250221SwitchRouting02.png": fig_switch02,
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    wanted = [a.lower() for a in argv]
    from registry import figures

    for rel, fn in {**FIGURES, **figures()}.items():
        if wanted and not any(w in rel.lower() for w in wanted):
            continue
        out = REPO / rel
        fn(out)
        print(f"{rel}  {out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
