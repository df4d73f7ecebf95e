"""Figures and slide decks of chapter 01AIChip/03GPUArch (GPU architecture and Tensor Cores).

Loaded by registry.py; draw.py and decks.py merge FIGURES and DECKS with their own.
Every number drawn here is one the articles cite next to the figure, with the same source:
NVIDIA V100 (2017), A100 (2020) and H100 (2022) architecture whitepapers, the NVIDIA HGX
A100 / HGX H100 technical blog posts, and values computed from them (marked as such).
Schematic figures say so in their titles.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figlib import (  # noqa: E402
    BLUE, BLUE_L, GRAY, GRAY_L, GREEN, GREEN_L, GRID, INK, MUTED, ORANGE, ORANGE_L,
    PURPLE, PURPLE_L, RED, TEAL, TEAL_L, WHITE, YELLOW, YELLOW_L,
    Axes, Canvas,
)

W = 2400  # every figure is 2,400 px wide
BASE = "01AIChip/03GPUArch"

# ---------------------------------------------------------------- numbers (with sources)
A100_SMS = 108            # A100 whitepaper
A100_REGS_KB = 256        # register file per SM, A100 whitepaper
A100_L1_KB = 192          # combined L1 data cache / shared memory per SM, A100 whitepaper
A100_SMEM_MAX_KB = 164    # shared memory configurable up to, A100 whitepaper
A100_L2_MB = 40           # A100 whitepaper
A100_HBM_GBS = 1555       # 40 GB HBM2, A100 whitepaper
A100_FP16_TC = 312.0      # TFLOP/s dense, A100 whitepaper
A100_RIDGE = A100_FP16_TC * 1e12 / (A100_HBM_GBS * 1e9)   # ~201 FLOP/byte, computed

# per-SM dense FMA per clock: V100 8 TC x 64 (V100 WP); A100 4 TC x 256 (A100 WP);
# H100 = 2x A100 for the same type and 4x A100 FP16 with FP8 (H100 WP, clock for clock)
PER_SM_FMA = [("V100\nFP16", 512, BLUE), ("A100\nFP16 / BF16", 1024, GREEN),
              ("H100\nFP16 / BF16", 2048, ORANGE), ("H100\nFP8", 4096, RED)]

# per-direction bandwidth in GB/s: PCIe x16 from the A100 (Gen3, Gen4) and H100 (Gen5)
# whitepapers; NVLink totals 300 / 600 / 900 GB/s (V100 / A100 / H100 whitepapers) halved.
LINKS = [("PCIe 3.0 x16", 15.75, GRAY, "A100 白皮书"), ("PCIe 4.0 x16", 31.5, GRAY, "A100 白皮书"),
         ("PCIe 5.0 x16", 64.0, GRAY, "H100 白皮书"),
         ("NVLink 2（V100，6 条）", 150.0, BLUE, "总计 300 GB/s，V100 白皮书"),
         ("NVLink 3（A100，12 条）", 300.0, GREEN, "总计 600 GB/s，A100 白皮书"),
         ("NVLink 4（H100，18 条）", 450.0, ORANGE, "总计 900 GB/s，H100 白皮书")]


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


def fp16(x: float) -> float:
    """Round to the nearest IEEE binary16 value."""
    return struct.unpack("e", struct.pack("e", x))[0]


def fp32(x: float) -> float:
    """Round to the nearest IEEE binary32 value."""
    return struct.unpack("f", struct.pack("f", x))[0]


def running_sums(k_total=4096, value=0.1):
    """Running dot-product sums of fp16(value) * 1.0 with FP16 and FP32 accumulators."""
    a = fp16(value)
    s16 = s32 = 0.0
    out16, out32 = [0.0], [0.0]
    for _ in range(k_total):
        s16 = fp16(s16 + a)
        s32 = fp32(s32 + a)
        out16.append(s16)
        out32.append(s32)
    return out16, out32


# ====================================================================== 01SMArch
def fig_smarch01(path):
    """A100 chip overview (schematic): GPCs of SMs, the split L2, HBM2 stacks, I/O."""
    c = Canvas(W, 1500)
    title(c, "A100 芯片总览（示意；数字取自 A100 白皮书）",
          "GA100 in full: 8 GPCs × 8 TPCs × 2 SMs = 128 SMs · the A100 product enables 108 SMs")
    x0, x1 = 420, 1980
    # HBM stacks on both sides
    for side, hx in (("l", 110), ("r", 2050)):
        for k in range(3):
            c.box(hx, 250 + k * 330, 240, 270, "HBM2\n堆栈", fill=PURPLE_L, outline=PURPLE,
                  size=38)
    c.text(230, 1290, "显存控制器", size=30, color=PURPLE)
    c.text(2170, 1290, "显存控制器", size=30, color=PURPLE)
    # GPCs: two rows of four
    gw, gh, gap = 365, 430, 33
    for row, gy in enumerate((230, 830)):
        for col in range(4):
            gx = x0 + col * (gw + gap)
            c.rect(gx, gy, gw, gh, fill=BLUE_L, outline=BLUE, width=4, radius=16)
            c.text(gx + gw / 2, gy + 38, f"GPC {row * 4 + col}", size=32, bold=True, color=BLUE)
            # 16 SMs as 8 TPC rows x 2
            sw, sh = 150, 36
            for t in range(8):
                for s in range(2):
                    sx = gx + 25 + s * (sw + 15)
                    sy = gy + 78 + t * (sh + 7)
                    c.rect(sx, sy, sw, sh, fill=WHITE, outline=BLUE, width=2, radius=6)
                    c.text(sx + sw / 2, sy + sh / 2, "SM", size=22, color=BLUE)
    # L2 band between the rows
    c.rect(x0, 690, x1 - x0, 110, fill=ORANGE_L, outline=ORANGE, width=4, radius=16)
    c.line([(1200, 698), (1200, 792)], ORANGE, 4, dash=(12, 8))
    c.text(800, 745, "L2 缓存 分区 0", size=36, bold=True, color=ORANGE)
    c.text(1600, 745, "L2 缓存 分区 1", size=36, bold=True, color=ORANGE)
    # I/O bar
    c.box(x0, 1300, 740, 90, "PCIe 4.0 主机接口", fill=GRAY_L, outline=GRAY, size=34)
    c.box(x0 + 820, 1300, 740, 90, "NVLink × 12（合计 600 GB/s）", fill=GREEN_L, outline=GREEN,
          size=34)
    c.text(1200, 1445, "A100：108 个 SM · 40 MB L2 · 5 个 HBM2 堆栈共 40 GB、1,555 GB/s"
           "（完整 GA100 为 6 个堆栈）", size=32, color=INK)
    c.save(path)


def fig_smarch02(path):
    """One A100 SM: four partitions and the shared L1/shared-memory block."""
    c = Canvas(W, 1480)
    title(c, "A100 的一个 SM：四个分区共享一块 L1 / 共享内存（A100 白皮书）",
          "One SM = 4 partitions, each with its own warp scheduler, registers and Tensor Core")
    c.box(120, 190, 2160, 80, "L1 指令缓存", fill=GRAY_L, outline=GRAY, size=34)
    pw, gap = 510, 40
    for p in range(4):
        px = 120 + p * (pw + gap)
        py = 300
        c.rect(px, py, pw, 810, fill=WHITE, outline=BLUE, width=4, radius=16)
        c.text(px + pw / 2, py + 35, f"分区 {p}", size=32, bold=True, color=BLUE)
        c.box(px + 20, py + 70, pw - 40, 70, "L0 指令缓存", fill=GRAY_L, outline=GRAY, size=28)
        c.box(px + 20, py + 155, pw - 40, 110, "线程束调度器 + 分派单元\n每时钟 32 线程",
              fill=BLUE_L, outline=BLUE, size=28)
        c.box(px + 20, py + 280, pw - 40, 110, "寄存器文件 64 KB\n16,384 × 32 位",
              fill=YELLOW_L, outline=YELLOW, size=28)
        uw = (pw - 60) / 2
        c.box(px + 20, py + 405, uw, 95, "INT32 × 16", fill=TEAL_L, outline=TEAL, size=28)
        c.box(px + 40 + uw, py + 405, uw, 95, "FP32 × 16", fill=TEAL_L, outline=TEAL, size=28)
        c.box(px + 20, py + 515, uw, 95, "FP64 × 8", fill=TEAL_L, outline=TEAL, size=28)
        c.box(px + 40 + uw, py + 515, uw, 95, "LD/ST · SFU", fill=GRAY_L, outline=GRAY, size=28)
        c.box(px + 20, py + 625, pw - 40, 150, "Tensor Core × 1\n（第三代）", fill=ORANGE_L,
              outline=ORANGE, size=32, bold=True)
    c.box(120, 1150, 2160, 130, "L1 数据缓存 / 共享内存  合计 192 KB（其中共享内存最多 164 KB）",
          fill=GREEN_L, outline=GREEN, size=38, bold=True)
    c.text(1200, 1350, "每 SM：64 个 FP32 单元 · 4 个 Tensor Core · 256 KB 寄存器 · "
           "最多 2,048 个驻留线程", size=32)
    c.text(1200, 1420, "LD/ST：访存单元；SFU：特殊函数单元（正弦、倒数平方根等）",
           size=28, color=MUTED)
    c.save(path)


def fig_smarch03(path):
    """The A100 memory hierarchy, from registers to HBM2."""
    c = Canvas(W, 1400)
    title(c, "A100 的存储层次（容量取自 A100 白皮书，全芯片合计为推算）",
          "Registers → L1 / shared memory → L2 → HBM2: larger but farther from the math units")
    levels = [
        ("寄存器 Registers", "每 SM 256 KB（108 个 SM 合计约 27 MB）", "线程私有 · 编译器分配",
         YELLOW, YELLOW_L),
        ("L1 / 共享内存 Shared memory", "每 SM 192 KB（合计约 20 MB）",
         "共享内存：同一线程块内共享 · 程序员管理", GREEN, GREEN_L),
        ("L2 缓存", "全芯片 40 MB（两个分区）", "所有 SM 共享 · 硬件管理", ORANGE, ORANGE_L),
        ("HBM2 显存", "40 GB · 1,555 GB/s", "全部 SM 可见 · 与主机、其他 GPU 交换数据",
         PURPLE, PURPLE_L),
    ]
    cx = 1150
    top, lh, gap = 210, 230, 30
    for i, (name, cap, scope, col, light) in enumerate(levels):
        w = 900 + i * 330
        y = top + i * (lh + gap)
        c.rect(cx - w / 2, y, w, lh, fill=light, outline=col, width=5, radius=18)
        c.text(cx, y + 55, name, size=42, bold=True, color=INK)
        c.text(cx, y + 125, cap, size=36, color=col, bold=True)
        c.text(cx, y + 185, scope, size=30, color=INK)
    # side arrows
    c.arrow(130, 260, 130, 1230, color=MUTED, width=7, head=34)
    c.text(70, 745, "容\n量\n更\n大", size=34, color=MUTED)
    c.arrow(2200, 1230, 2200, 260, color=MUTED, width=7, head=34)
    c.text(2270, 745, "更\n近\n更\n快", size=34, color=MUTED)
    c.save(path)


def fig_smarch04(path):
    """Staging tiles in shared memory, and what it does to arithmetic intensity."""
    c = Canvas(W, 1560)
    title(c, "共享内存分块：一次搬入，多次使用",
          "A thread block stages tiles of A and B in shared memory; every element is reused")
    # flow: HBM/L2 -> shared memory -> registers / Tensor Cores
    c.box(100, 210, 560, 330, "HBM2 / L2\n矩阵 A、B", fill=PURPLE_L, outline=PURPLE, size=40)
    c.rect(860, 200, 760, 350, fill=GREEN_L, outline=GREEN, width=5, radius=18)
    c.text(1240, 245, "共享内存（一个线程块）", size=36, bold=True, color=GREEN)
    c.box(900, 300, 320, 200, "A 块\nb_{m} × b_{k}", fill=WHITE, outline=BLUE, size=36)
    c.box(1260, 300, 320, 200, "B 块\nb_{k} × b_{n}", fill=WHITE, outline=GREEN, size=36)
    c.box(1820, 210, 480, 330, "寄存器 / Tensor Core\nC 块 b_{m} × b_{n}\n累加", fill=ORANGE_L,
          outline=ORANGE, size=36)
    c.arrow(670, 375, 850, 375, color=INK, width=8, head=34)
    c.text(760, 330, "读 1 次", size=30, color=INK)
    c.arrow(1630, 375, 1810, 375, color=INK, width=8, head=34)
    c.text(1720, 330, "反复使用", size=30, color=INK)
    c.text(1200, 610, "块内计算强度  I = 2·b_{m}·b_{n} / ((b_{m} + b_{n})·s)，"
           "s 为每个元素的字节数", size=36, bold=True, color=RED)
    # chart: intensity of several schemes (FP16), log scale, vs the A100 ridge
    ax = Axes(c, 560, 720, 1600, 640, (0.25, 400), (0, 5))
    ax.xlog = True
    rows = [("朴素：每次乘加都读显存", 0.5, GRAY), ("32 × 32 分块", 16.0, BLUE),
            ("64 × 64 分块", 32.0, BLUE), ("128 × 128 分块", 64.0, GREEN),
            ("256 × 128 分块", 2 * 256 * 128 / (384 * 2), GREEN)]
    xt = [(0.25, "0.25"), (1, "1"), (4, "4"), (16, "16"), (64, "64"), (256, "256")]
    for xv, lab in xt:
        px, _ = ax.px(xv, 0)
        c.line([(px, 720), (px, 1360)], GRID, 2)
        c.text(px, 1400, lab, size=30)
    c.text(1360, 1470, "计算强度 I（FLOP/字节，FP16，对数坐标）", size=34)
    for i, (lab, v, col) in enumerate(rows):
        y = 740 + i * 124
        c.text(540, y + 40, lab, size=32, anchor="rm")
        x_end, _ = ax.px(v, 0)
        c.rect(560, y, x_end - 560, 80, fill=col, radius=8)
        c.text(x_end + 16, y + 40, f"{v:.3g}", size=32, bold=True, anchor="lm")
    rx, _ = ax.px(A100_RIDGE, 0)
    c.line([(rx, 720), (rx, 1360)], ORANGE, 5, dash=(20, 12))
    c.text(rx - 16, 760, "A100 FP16 脊点 ≈ 201", size=32, color=ORANGE, bold=True, anchor="rm")
    c.text(rx - 16, 815, "（312 TFLOP/s ÷ 1,555 GB/s）", size=28, color=ORANGE, anchor="rm")
    c.line([(560, 720), (560, 1360)], INK, 4)
    c.save(path)


# ====================================================================== 02TensorCore
def _matrix(c, x, y, cell, fill, outline, label, sub, hl_row=None, hl_col=None, hl_cell=None):
    for r in range(4):
        for k in range(4):
            hit = (hl_row == r) or (hl_col == k) or (hl_cell == (r, k))
            c.rect(x + k * cell, y + r * cell, cell, cell, fill=outline if hit else fill,
                   outline=WHITE if hit else outline, width=3, radius=0)
    c.text(x + 2 * cell, y - 45, label, size=44, bold=True, color=outline)
    c.text(x + 2 * cell, y + 4 * cell + 45, sub, size=30, color=INK)


def fig_tensorcore01(path):
    """One Volta Tensor Core operation: D = A x B + C on 4 x 4 matrices."""
    c = Canvas(W, 1300)
    title(c, "Tensor Core 的基本操作：D = A × B + C（4 × 4 × 4）",
          "Volta: one 4×4×4 matrix multiply-accumulate = 64 FMA per Tensor Core per clock "
          "(V100 whitepaper)")
    cell = 95
    y = 330
    xs = [150, 700, 1250, 1800]
    _matrix(c, xs[0], y, cell, BLUE_L, BLUE, "A", "FP16", hl_row=1)
    c.text(xs[0] + 4 * cell + 70, y + 2 * cell, "×", size=70, bold=True)
    _matrix(c, xs[1], y, cell, GREEN_L, GREEN, "B", "FP16", hl_col=2)
    c.text(xs[1] + 4 * cell + 70, y + 2 * cell, "+", size=70, bold=True)
    _matrix(c, xs[2], y, cell, GRAY_L, GRAY, "C", "FP16 或 FP32", hl_cell=(1, 2))
    c.text(xs[2] + 4 * cell + 70, y + 2 * cell, "=", size=70, bold=True)
    _matrix(c, xs[3], y, cell, ORANGE_L, ORANGE, "D", "FP16 或 FP32", hl_cell=(1, 2))
    c.rect(200, 900, 2000, 320, fill=GRAY_L, outline=GRAY, width=3, radius=18)
    c.text(1200, 960, "D_{12} = A_{10}·B_{02} + A_{11}·B_{12} + A_{12}·B_{22} + A_{13}·B_{32} + C_{12}",
           size=40, bold=True)
    c.text(1200, 1045, "16 个输出元素 × 每个 4 次乘加 = 64 次 FMA，在一个时钟内完成", size=36)
    c.text(1200, 1130, "读入 A、B 共 32 个数，做 64 次乘法；n × n × n 的块读 2n^{2} 个数、"
           "做 n^{3} 次乘法：块越大，复用越多", size=32, color=MUTED)
    c.save(path)


def fig_tensorcore03(path):
    """Dense Tensor Core throughput per SM per clock across three generations."""
    c = Canvas(W, 1500)
    title(c, "三代 Tensor Core：每个 SM 每时钟的稠密乘加次数",
          "Dense FMA per SM per clock, derived from the V100, A100 and H100 whitepapers")
    x0, y0, bw, gap, hmax = 230, 1200, 200, 90, 900
    c.line([(x0 - 30, y0), (x0 + 4 * (bw + gap), y0)], INK, 4)
    for i, (lab, v, col) in enumerate(PER_SM_FMA):
        x = x0 + i * (bw + gap)
        h = v / 4096 * hmax
        c.rect(x, y0 - h, bw, h, fill=col, radius=8)
        c.text(x + bw / 2, y0 - h - 40, f"{v:,}", size=40, bold=True, color=col)
        c.text(x + bw / 2, y0 + 70, lab, size=30)
    c.text(x0 + 2 * (bw + gap) - gap / 2, y0 + 190,
           "V100：8 个 × 64；A100：4 个 × 256；H100：同类型为 A100 的 2 倍，FP8 为 A100 FP16 的 4 倍",
           size=26, color=MUTED)
    # generation cards
    cards = [
        ("Volta · V100（2017）", "第一代 Tensor Core", "80 SM × 8 = 640 个",
         "FP16 输入，FP16 或 FP32 累加", "混合精度峰值 125 TFLOPS", BLUE, BLUE_L),
        ("Ampere · A100（2020）", "第三代 Tensor Core", "108 SM × 4 = 432 个",
         "新增 TF32、BF16 与 FP64 的 Tensor Core 运算", "FP16 稠密 312 TFLOPS；2:4 稀疏翻倍", GREEN, GREEN_L),
        ("Hopper · H100 SXM5（2022）", "第四代 Tensor Core", "132 SM × 4 = 528 个",
         "新增 FP8（E4M3 / E5M2）", "Transformer Engine：FP8 / 16 位自动切换与缩放", ORANGE, ORANGE_L),
    ]
    cx, cw = 1430, 880
    for i, (head, gen, count, types, peak, col, light) in enumerate(cards):
        y = 200 + i * 410
        c.rect(cx, y, cw, 370, fill=light, outline=col, width=4, radius=18)
        c.text(cx + 40, y + 55, head, size=40, bold=True, color=col, anchor="lm")
        for k, s in enumerate((gen, count, types, peak)):
            c.text(cx + 40, y + 130 + k * 65, s, size=32, anchor="lm")
    c.save(path)


def fig_tensorcore02(path):
    """2:4 structured sparsity: prune, compress, and select matching activations."""
    c = Canvas(W, 1400)
    title(c, "2:4 结构化稀疏（示意）：每 4 个权重至多 2 个非零",
          "Ampere sparse Tensor Cores: compressed values + 2-bit indices, half the multiplications")
    dense = [0.8, -0.1, 0.05, -1.2, 0.3, 0.9, -0.02, 0.4]
    keep = [0, 3, 5, 7]   # the two largest magnitudes in each group of four (illustrative)
    cell = 150
    x0 = 330
    c.text(x0 - 40, 300, "稠密权重", size=36, bold=True, anchor="rm")
    for k, v in enumerate(dense):
        c.rect(x0 + k * cell, 250, cell - 10, 100, fill=BLUE_L, outline=BLUE, width=3, radius=8)
        c.text(x0 + k * cell + (cell - 10) / 2, 300, f"{v:g}", size=34)
    for g in range(2):
        c.rect(x0 + g * 4 * cell - 8, 238, 4 * cell - 4, 124, outline=INK, width=3, radius=12)
        c.text(x0 + g * 4 * cell + 2 * cell, 215, f"第 {g} 组（4 个）", size=28, color=MUTED)
    c.arrow(x0 + 4 * cell, 380, x0 + 4 * cell, 450, color=INK, width=5, head=24)
    c.text(x0 + 4 * cell + 30, 415, "每组保留绝对值最大的 2 个，其余置 0", size=30, anchor="lm")
    c.text(x0 - 40, 530, "2:4 稀疏权重", size=36, bold=True, anchor="rm")
    for k, v in enumerate(dense):
        on = k in keep
        c.rect(x0 + k * cell, 480, cell - 10, 100, fill=BLUE if on else GRAY_L,
               outline=BLUE if on else GRAY, width=3, radius=8)
        c.text(x0 + k * cell + (cell - 10) / 2, 530, f"{v:g}" if on else "0", size=34,
               color=WHITE if on else MUTED, bold=on)
    # compressed form
    c.text(x0 - 40, 760, "压缩存储", size=36, bold=True, anchor="rm")
    for k, idx in enumerate(keep):
        c.rect(x0 + k * cell, 700, cell - 10, 100, fill=BLUE, radius=8)
        c.text(x0 + k * cell + (cell - 10) / 2, 750, f"{dense[idx]:g}", size=34, color=WHITE,
               bold=True)
        c.rect(x0 + k * cell, 815, cell - 10, 70, fill=YELLOW_L, outline=YELLOW, width=3,
               radius=8)
        c.text(x0 + k * cell + (cell - 10) / 2, 850, f"{idx % 4}", size=30)
    c.text(x0 + 4 * cell + 20, 750, "非零值：一半的存储", size=30, anchor="lm")
    c.text(x0 + 4 * cell + 20, 850, "每个值配 2 位索引（组内位置 0–3）", size=30, anchor="lm",
           color=YELLOW)
    # activation selection
    c.rect(1800, 230, 480, 660, fill=ORANGE_L, outline=ORANGE, width=4, radius=18)
    c.text(2040, 280, "激活（稠密）", size=34, bold=True, color=ORANGE)
    for k in range(8):
        on = k in keep
        c.rect(1900, 320 + k * 68, 280, 58, fill=ORANGE if on else WHITE, outline=ORANGE,
               width=3, radius=6)
        c.text(2040, 349 + k * 68, f"x{k}" + ("  ← 选中" if on else ""), size=28,
               color=WHITE if on else MUTED, bold=on)
    c.rect(300, 960, 1980, 330, fill=GRAY_L, outline=GRAY, width=3, radius=18)
    c.text(1290, 1030, "硬件按索引只取出对应的激活，跳过与 0 相乘的那一半", size=38, bold=True)
    c.text(1290, 1110, "A100 白皮书：稀疏 Tensor Core 的数学吞吐为稠密的 2 倍"
           "（FP16 稠密 312 → 稀疏 624 TFLOPS）", size=34)
    c.text(1290, 1185, "图中数值仅为示意；训练流程（先稠密训练、再按 2:4 剪枝、再微调）"
           "见 Mishra 等 2021", size=30, color=MUTED)
    c.save(path)


def fig_tensorcore04(path):
    """Mixed precision: data flow, and FP16 vs FP32 accumulation of 4,096 products."""
    c = Canvas(W, 1500)
    title(c, "混合精度：低精度输入、FP32 累加",
          "FP16 inputs, exact products, FP32 accumulator · right: running sum of 4,096 products")
    # left: data flow
    c.box(80, 230, 300, 130, "A：FP16", fill=BLUE_L, outline=BLUE, size=38)
    c.box(440, 230, 300, 130, "B：FP16", fill=GREEN_L, outline=GREEN, size=38)
    c.arrow(230, 370, 380, 470, color=INK, width=5, head=26)
    c.arrow(590, 370, 440, 470, color=INK, width=5, head=26)
    c.box(140, 480, 540, 170, "乘积（精确）\n11 位 × 11 位 ≤ 22 位有效位", fill=WHITE,
          outline=INK, size=32)
    c.arrow(410, 660, 410, 760, color=INK, width=5, head=26)
    c.box(140, 770, 540, 150, "FP32 累加器\n（24 位有效位）", fill=ORANGE_L, outline=ORANGE,
          size=34, bold=True)
    c.box(760, 800, 200, 90, "C：FP32", fill=GRAY_L, outline=GRAY, size=32)
    c.arrow(755, 845, 690, 845, color=INK, width=5, head=22)
    c.arrow(410, 930, 410, 1030, color=INK, width=5, head=26)
    c.box(140, 1040, 540, 130, "D：FP32", fill=ORANGE_L, outline=ORANGE, size=36)
    c.arrow(410, 1180, 410, 1260, color=INK, width=5, head=26)
    c.box(140, 1270, 540, 110, "需要时再转为 FP16 / BF16 存储", fill=GRAY_L, outline=GRAY, size=28)
    # right: running sums
    s16, s32 = running_sums()
    ax = Axes(c, 1180, 230, 1100, 1000, (0, 4096), (0, 450))
    xt = [(0, "0"), (1024, "1024"), (2048, "2048"), (3072, "3072"), (4096, "4096")]
    yt = [(0, "0"), (128, "128"), (256, "256"), (384, "384")]
    ax.frame(xt, yt, "已累加的乘积个数 k", "部分和", size=30)
    step = 16
    pts32 = [ax.px(k, s32[k]) for k in range(0, 4097, step)]
    pts16 = [ax.px(k, s16[k]) for k in range(0, 4097, step)]
    c.line(pts32, BLUE, 7)
    c.line(pts16, RED, 7)
    X, Y = ax.px(4096, s32[4096])
    c.circle(X, Y, 13, fill=BLUE)
    c.text(X - 20, Y - 45, f"FP32 累加：{s32[4096]:.1f}", size=32, color=BLUE, bold=True,
           anchor="rm")
    X, Y = ax.px(4096, s16[4096])
    c.circle(X, Y, 13, fill=RED)
    c.text(X - 20, Y + 50, f"FP16 累加：停在 {s16[4096]:g}", size=32, color=RED, bold=True,
           anchor="rm")
    c.text(1730, 1400, "每项 = fp16(0.1) × 1 = 0.0999755859375；FP16 中 256 附近的间距为 0.25",
           size=28, color=MUTED)
    c.save(path)


# ====================================================================== 03NVLink
def fig_nvlink01(path):
    """Per-GPU, per-direction bandwidth: PCIe x16 generations vs NVLink generations."""
    c = Canvas(W, 1400)
    title(c, "每块 GPU 的单方向互连带宽（GB/s）",
          "Per-GPU bandwidth in one direction: PCIe x16 vs NVLink (totals halved)")
    x0, maxw, vmax = 760, 1250, 450.0
    for i, (lab, v, col, src) in enumerate(LINKS):
        y = 230 + i * 180
        c.text(x0 - 30, y + 45, lab, size=36, anchor="rm", bold=col != GRAY)
        w = v / vmax * maxw
        c.rect(x0, y, max(w, 8), 90, fill=col, radius=8)
        c.text(x0 + w + 20, y + 30, f"{v:g}", size=38, bold=True, anchor="lm")
        c.text(x0 + w + 20, y + 75, src, size=26, color=MUTED, anchor="lm")
    c.line([(x0, 210), (x0, 1300)], INK, 4)
    c.text(1200, 1350, "规格书中 NVLink 常写两个方向之和（300 / 600 / 900 GB/s），"
           "这里统一除以 2 与 PCIe 单方向值比较", size=30, color=MUTED)
    c.save(path)


def _gpu(c, x, y, label, col=BLUE, light=BLUE_L, w=170, h=100):
    c.box(x - w / 2, y - h / 2, w, h, label, fill=light, outline=col, size=32, bold=True)


def fig_nvlink02(path):
    """Direct links (cube-mesh style, schematic) vs NVSwitch full connection (HGX A100)."""
    c = Canvas(W, 1500)
    title(c, "两种机内拓扑：GPU 直连 与 经 NVSwitch 全互连",
          "Left: direct links, not every pair connected (schematic) · right: HGX A100 8-GPU")
    # left panel: two fully connected quads + links between them (cube-mesh shape)
    c.rect(60, 200, 1000, 1180, fill=WHITE, outline=GRID, width=3, radius=20)
    c.text(560, 250, "直连（示意）", size=40, bold=True)
    front = [(230, 520), (650, 520), (650, 950), (230, 950)]
    back = [(470, 360), (890, 360), (890, 790), (470, 790)]
    edges = []
    for quad in (front, back):
        for a in range(4):
            for b in range(a + 1, 4):
                edges.append((quad[a], quad[b]))
    for a in range(4):
        edges.append((front[a], back[a]))
    for (p, q) in edges:
        c.line([p, q], BLUE, 5)
    for k, (x, y) in enumerate(front):
        _gpu(c, x, y, f"GPU{k}")
    for k, (x, y) in enumerate(back):
        _gpu(c, x, y, f"GPU{k + 4}")
    c.text(560, 1090, "每块 GPU 的链路数有限，只能直连少数几块", size=32)
    c.text(560, 1145, "例如图中 GPU0 与 GPU6 之间没有直连链路；", size=32)
    c.text(560, 1200, "两块 GPU 之间的带宽取决于它们共有几条链路", size=32)
    c.text(560, 1300, "V100：每块 6 条 NVLink", size=30, color=MUTED)
    # right panel: HGX A100, 8 GPUs + 6 NVSwitches
    c.rect(1120, 200, 1220, 1180, fill=WHITE, outline=GRID, width=3, radius=20)
    c.text(1730, 250, "经 NVSwitch 全互连（HGX A100 8-GPU）", size=40, bold=True)
    gx = [1230 + k * 166 for k in range(4)]
    top = [(x + 85, 400) for x in gx]
    bot = [(x + 85, 1060) for x in gx]
    sw = [(1270 + k * 180, 730) for k in range(6)]
    for g in top + bot:
        for s in sw:
            c.line([g, s], GREEN, 2)
    for k, (x, y) in enumerate(sw):
        c.box(x - 75, y - 55, 150, 110, "NVSwitch", fill=ORANGE_L, outline=ORANGE, size=24,
              bold=True)
    for k, (x, y) in enumerate(top):
        _gpu(c, x, y, f"GPU{k}", GREEN, GREEN_L, w=150)
    for k, (x, y) in enumerate(bot):
        _gpu(c, x, y, f"GPU{k + 4}", GREEN, GREEN_L, w=150)
    c.text(1730, 1180, "每块 A100 的 12 条 NVLink 连到全部 6 个 NVSwitch", size=32)
    c.text(1730, 1235, "任意两块 GPU 之间都以 600 GB/s（双向合计）通信", size=32)
    c.text(1730, 1310, "HGX H100 8-GPU：4 个第三代 NVSwitch，900 GB/s", size=30, color=MUTED)
    c.save(path)


def fig_nvlink03(path):
    """Tensor-parallel MLP block on two GPUs (Megatron-LM style): one All-Reduce forward."""
    c = Canvas(W, 1400)
    title(c, "张量并行的 MLP（2 块 GPU）：前向只需一次全归约",
          "Split A by columns and B by rows; the partial outputs are summed by an All-Reduce")
    c.box(80, 560, 230, 180, "X\n（每块 GPU\n各有一份）", fill=GRAY_L, outline=GRAY, size=30)
    rows = [(330, "GPU0", "A_{1}", "B_{1}", "Z_{1}", "Y_{1}", BLUE, BLUE_L),
            (830, "GPU1", "A_{2}", "B_{2}", "Z_{2}", "Y_{2}", GREEN, GREEN_L)]
    for y, g, a, b, z, yy, col, light in rows:
        c.rect(400, y - 120, 1330, 260, fill=WHITE, outline=col, width=3, radius=18)
        c.text(440, y - 85, g, size=32, bold=True, color=col, anchor="lm")
        c.box(450, y - 50, 330, 130, f"X · {a}\n（A 按列切）", fill=light, outline=col, size=30)
        c.box(850, y - 50, 230, 130, "GeLU\n（逐元素）", fill=light, outline=col, size=30)
        c.box(1150, y - 50, 330, 130, f"{yy} · {b}\n（B 按行切）", fill=light, outline=col,
              size=30)
        c.box(1540, y - 50, 160, 130, z, fill=col, outline=col, size=36, color=WHITE, bold=True)
        c.arrow(780, y + 15, 845, y + 15, color=INK, width=4, head=20)
        c.arrow(1080, y + 15, 1145, y + 15, color=INK, width=4, head=20)
        c.arrow(1480, y + 15, 1535, y + 15, color=INK, width=4, head=20)
        c.arrow(310, 650, 445, y + 15, color=INK, width=4, head=20)
    c.box(1800, 500, 260, 300, "全归约\nAll-Reduce\nZ = Z_{1} + Z_{2}", fill=ORANGE_L,
          outline=ORANGE, size=32, bold=True)
    c.arrow(1705, 345, 1795, 560, color=ORANGE, width=5, head=24)
    c.arrow(1705, 845, 1795, 740, color=ORANGE, width=5, head=24)
    c.box(2120, 580, 200, 140, "Z\n（每块一份）", fill=GRAY_L, outline=GRAY, size=30)
    c.arrow(2065, 650, 2115, 650, color=INK, width=4, head=20)
    c.rect(80, 1080, 2240, 250, fill=GRAY_L, outline=GRAY, width=3, radius=18)
    c.text(1200, 1140, "中间的 GeLU 不需要通信；注意力子层按头切分，同样只需一次全归约",
           size=34, bold=True)
    c.text(1200, 1215, "每个 Transformer 层：前向 2 次、反向 2 次全归约（Shoeybi 等 2019）",
           size=34)
    c.text(1200, 1280, "每次全归约的数据量 = b·s·h 个激活值，位于计算的关键路径上", size=30,
           color=MUTED)
    c.save(path)


def fig_nvlink04(path):
    """Per-layer forward time lower bounds: compute vs two All-Reduces, NVLink vs PCIe."""
    c = Canvas(W, 1250)
    title(c, "一层前向的时间下限估算（8 块 A100 张量并行，h = 8192，b·s = 4096，FP16）",
          "Compute at peak vs two ring All-Reduces at full bandwidth; no latency, no overlap")
    compute = 24 * 4096 * 8192 ** 2 / 8 / (A100_FP16_TC * 1e12) * 1e3
    nbytes = 4096 * 8192 * 2
    sent = 2 * 7 / 8 * nbytes
    rows = [("NVLink 3（300 GB/s 单方向）", 2 * sent / 300e9 * 1e3, GREEN),
            ("PCIe 4.0 x16（31.5 GB/s 单方向）", 2 * sent / 31.5e9 * 1e3, GRAY)]
    x0, scale = 700, 150
    for i, (lab, comm, col) in enumerate(rows):
        y = 260 + i * 300
        c.text(x0 - 30, y + 60, lab, size=34, bold=True, anchor="rm")
        wc = compute * scale
        c.rect(x0, y, wc, 120, fill=BLUE, radius=6)
        c.text(x0 + wc / 2, y + 60, f"计算 {compute:.2f} ms", size=32, color=WHITE, bold=True)
        wm = comm * scale
        c.rect(x0 + wc, y, wm, 120, fill=col, radius=6)
        if wm > 300:
            c.text(x0 + wc + wm / 2, y + 60, f"2 次全归约 {comm:.2f} ms", size=32, color=WHITE,
                   bold=True)
        else:
            c.text(x0 + wc + wm + 20, y + 60, f"2 次全归约 {comm:.2f} ms", size=32, color=col,
                   bold=True, anchor="lm")
        c.text(x0, y + 170, f"通信 / 计算 ≈ {comm / compute:.1f}", size=30, anchor="lm",
               color=INK)
    c.rect(120, 900, 2160, 290, fill=GRAY_L, outline=GRAY, width=3, radius=18)
    c.text(1200, 960, "计算：24·b·s·h^{2}（略去注意力的 4·b·s^{2}·h 项）÷ 8 块 ÷ 312 TFLOP/s（A100 FP16 稠密峰值）",
           size=32)
    c.text(1200, 1030, "通信：每次全归约 b·s·h × 2 字节 ≈ 67.1 MB，环形算法每块发送 "
           "2·(p−1)/p 倍，即约 117.4 MB", size=32)
    c.text(1200, 1100, "均为理想下限：忽略延迟 α、假设带宽用满、计算与通信不重叠",
           size=30, color=MUTED)
    c.save(path)


# ====================================================================== registry
FIGURES = {
    f"{BASE}/images/01SMArch01.png": fig_smarch01,
    f"{BASE}/images/01SMArch02.png": fig_smarch02,
    f"{BASE}/images/01SMArch03.png": fig_smarch03,
    f"{BASE}/images/01SMArch04.png": fig_smarch04,
    f"{BASE}/images/02TensorCore01.png": fig_tensorcore01,
    f"{BASE}/images/02TensorCore02.png": fig_tensorcore02,
    f"{BASE}/images/02TensorCore03.png": fig_tensorcore03,
    f"{BASE}/images/02TensorCore04.png": fig_tensorcore04,
    f"{BASE}/images/03NVLink01.png": fig_nvlink01,
    f"{BASE}/images/03NVLink02.png": fig_nvlink02,
    f"{BASE}/images/03NVLink03.png": fig_nvlink03,
    f"{BASE}/images/03NVLink04.png": fig_nvlink04,
}


# ====================================================================== decks
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


_MODULE, _CHAPTER = "AI 芯片原理", "GPU 架构与 Tensor Core"

DECKS = [
    {
        "path": f"{BASE}/01SMArch.pdf",
        "module": _MODULE, "chapter": _CHAPTER,
        "title": "GPU 的内部结构：SM 与存储层次",
        "subtitle": "从 108 个 SM 到每个线程的寄存器",
        "tag": "第 01 讲",
        "slides": [
            ("figure", "A100 芯片总览（示意）", _img("01SMArch", 1),
             "A100 白皮书：108 个 SM，40 MB L2，40 GB HBM2，1,555 GB/s"),
            ("bullets", "SM：GPU 的基本计算单位", [
                "A100 每个 SM 分为 4 个分区，每个分区有自己的线程束调度器",
                "每个分区：FP32 × 16、INT32 × 16、FP64 × 8、Tensor Core × 1、寄存器 64 KB",
                "线程束（warp）= 32 个线程，同一条指令一起执行（SIMT）",
                "每 SM 最多驻留 64 个线程束（2,048 个线程），等数据时换一个执行",
            ]),
            ("figure", "一个 SM 的四个分区", _img("01SMArch", 2),
             "四个分区共享 192 KB 的 L1 数据缓存 / 共享内存"),
            ("bullets", "寄存器决定能驻留多少线程", [
                "每 SM 65,536 个 32 位寄存器（256 KB）",
                "驻留线程数 ≤ min(2048, 65536 / r)，r 为每线程寄存器数",
                "r = 32 时可驻留 2,048 个线程；r = 64 时只剩 1,024 个",
                "线程越少，用来掩盖访存延迟的并发越少",
            ]),
            ("figure", "存储层次：越大越远", _img("01SMArch", 3),
             "寄存器 → L1/共享内存 → L2 → HBM2"),
            ("figure", "共享内存分块：一次搬入，多次使用", _img("01SMArch", 4),
             "128 × 128 的 FP16 分块：每读 1 字节做 64 次运算"),
            ("summary", "小结", [
                "GPU 由许多 SM 组成；SM 靠大量驻留线程束掩盖访存延迟",
                "寄存器、共享内存、L2、HBM 容量逐级增大、距离逐级变远",
                "共享内存分块把计算强度从 0.5 提到数十 FLOP/字节，L2 再挡住一部分重复读取",
                "A100 的异步拷贝让下一块数据的搬运与当前块的计算重叠",
            ]),
        ],
    },
    {
        "path": f"{BASE}/02TensorCore.pdf",
        "module": _MODULE, "chapter": _CHAPTER,
        "title": "Tensor Core：从 Volta 到 Hopper",
        "subtitle": "专用矩阵单元与混合精度",
        "tag": "第 02 讲",
        "slides": [
            ("figure", "Tensor Core 的基本操作", _img("02TensorCore", 1),
             "V100 白皮书：每个 Tensor Core 每时钟 64 次 FMA"),
            ("bullets", "为什么要专用矩阵单元", [
                "标量 FMA 单元：每条指令一次乘加，取数、译码的开销摊不开",
                "矩阵单元：一次操作 n^{3} 次乘加，只需 2n^{2} 个输入",
                "V100：640 个 Tensor Core，125 TFLOPS（V100 白皮书）",
                "校核：640 × 64 × 2 × 1.53 GHz ≈ 125 TFLOPS",
            ]),
            ("figure", "2:4 结构化稀疏", _img("02TensorCore", 2),
             "A100 白皮书：稀疏吞吐为稠密的 2 倍"),
            ("figure", "三代 Tensor Core", _img("02TensorCore", 3),
             "每 SM 每时钟稠密 FMA：512 → 1,024 → 2,048（FP8 为 4,096）"),
            ("bullets", "混合精度如何工作", [
                "FP16 乘积最多 22 位有效位，放得进 FP32 的 24 位：乘法不丢精度",
                "误差只来自累加：FP32 累加器让长内积保持准确",
                "例：4,096 个 fp16(0.1) 相加，FP32 得 409.5，FP16 停在 256",
                "训练还需 FP32 主权重与损失缩放（Micikevicius 等 2018）",
            ]),
            ("figure", "FP16 累加与 FP32 累加", _img("02TensorCore", 4),
             "FP16 中 256 附近的间距为 0.25，加 0.1 被舍入掉"),
            ("summary", "小结", [
                "Tensor Core 用一次矩阵乘加替代许多次标量乘加",
                "Volta 引入、Ampere 加入 TF32/BF16 与 2:4 稀疏、Hopper 加入 FP8",
                "低精度输入 + FP32 累加：速度来自窄格式，准确来自宽累加器",
                "屋顶抬高，脊点右移：A100 FP16 脊点约 201 FLOP/字节",
            ]),
        ],
    },
    {
        "path": f"{BASE}/03NVLink.pdf",
        "module": _MODULE, "chapter": _CHAPTER,
        "title": "NVLink 与 NVSwitch：走出单块 GPU",
        "subtitle": "机内互连与张量并行",
        "tag": "第 03 讲",
        "slides": [
            ("bullets", "PCIe 与 NVLink", [
                "PCIe x16 单方向：3.0 为 15.75 GB/s，4.0 为 31.5 GB/s（A100 白皮书）",
                "NVLink 总带宽：V100 300 GB/s、A100 600 GB/s、H100 900 GB/s（各代白皮书）",
                "规格书常写两个方向之和：A100 单方向 300 GB/s",
                "A100：每对信号线 50 Gbit/s，链路数从 6 条增加到 12 条",
            ]),
            ("figure", "单方向带宽对比", _img("03NVLink", 1), "NVLink 数值为白皮书总带宽的一半"),
            ("figure", "直连与 NVSwitch", _img("03NVLink", 2),
             "HGX A100：6 个 NVSwitch；HGX H100：4 个第三代 NVSwitch"),
            ("figure", "张量并行的 MLP", _img("03NVLink", 3),
             "每层前向 2 次、反向 2 次全归约（Shoeybi 等 2019）"),
            ("figure", "一层前向的时间下限", _img("03NVLink", 4),
             "NVLink：通信约为计算的 0.3 倍；PCIe：约 2.8 倍"),
            ("summary", "小结", [
                "张量并行的全归约在关键路径上，带宽直接决定扩展效率",
                "NVSwitch 让机内任意两块 GPU 都以全带宽通信",
                "张量并行一般限制在一台服务器内，跨服务器用流水线并行（Narayanan 等 2021）",
                "通信代价的分析方法见“通信&存储”“通信架构”两个模块",
            ]),
        ],
    },
]
