"""Figures and slide decks of 02StorComm/03Storage (大模型存储 / Storage for large models).

Loaded by registry.py, which puts scripts/figures on sys.path first. Sources of the numbers drawn
here (each is cited in the article next to the figure):
- Bytes per parameter and the ZeRO stage formulas: Rajbhandari et al., SC 2020 (arXiv:1910.02054).
- Activation memory per layer sbh(34 + 5as/h): Korthikanti et al., MLSys 2023 (arXiv:2205.05198).
- HBM bandwidth of the A100 40GB (1,555 GB/s): NVIDIA A100 datasheet; PCIe 4.0 x16, 31.5 GB/s per
  direction: NVIDIA A100 whitepaper.
- Optimal checkpoint interval sqrt(2CM): Young, CACM 1974 (doi:10.1145/361147.361115).
Everything else is an example with assumed values (Ψ = 7e9 parameters, a 32-layer shape, storage
bandwidths, MTBF), labelled 示例/假设 in the figures, or a schematic labelled 示意.

Run from the repository root:
    .venv/bin/python scripts/figures/draw.py 03Storage
    .venv/bin/python scripts/figures/decks.py 03Storage
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figlib import (  # noqa: E402
    BLUE, BLUE_L, GRAY, GRAY_L, GREEN, GREEN_L, GRID, INK, MUTED, ORANGE, ORANGE_L,
    PINK, PINK_L, PURPLE, PURPLE_L, RED, RED_L, TEAL, TEAL_L, WHITE, YELLOW, YELLOW_L,
    Axes, Canvas,
)

W = 2400  # every figure is 2,400 px wide
CH = "02StorComm/03Storage"
BASE = CH + "/images/"

# ---------------------------------------------------------------- the worked example
PSI = 7e9  # parameters (example, not a specific model)
K = 12  # optimizer bytes per parameter for mixed-precision Adam (ZeRO paper)
ND = 8  # data-parallel ranks in the example
S_LEN, MB, HID, HEADS, LAYERS = 4096, 1, 4096, 32, 32  # example shape (assumed)
A100_HBM_GBS = 1555  # A100 40GB datasheet
PCIE4_GBS = 31.5  # PCIe 4.0 x16, one direction, A100 whitepaper
MTBF_S = 24 * 3600  # job MTBF, assumed 24 h


def gb(x: float) -> float:
    return x / 1e9


def act_linear() -> float:
    """34·s·b·h·L bytes: the part of Korthikanti et al.'s formula linear in s."""
    return 34 * S_LEN * MB * HID * LAYERS


def act_quadratic() -> float:
    """5·a·s²·b·L bytes: the attention part, quadratic in s."""
    return 5 * HEADS * S_LEN * S_LEN * MB * LAYERS


def act_full_recompute() -> float:
    """2·s·b·h·L bytes: only each layer's input is kept."""
    return 2 * S_LEN * MB * HID * LAYERS


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


# ====================================================================== 01MemoryHierarchy
SEGMENTS = [  # label, English, bytes per parameter, colour, light colour
    ("FP16 参数", "fp16 params", 2, BLUE, BLUE_L),
    ("FP16 梯度", "fp16 grads", 2, GREEN, GREEN_L),
    ("FP32 主权重", "fp32 master", 4, ORANGE, ORANGE_L),
    ("FP32 一阶矩 m", "momentum", 4, PURPLE, PURPLE_L),
    ("FP32 二阶矩 v", "variance", 4, PINK, PINK_L),
]


def fig_mh01(path):
    """The 16 bytes per parameter of mixed-precision Adam, and the example totals."""
    c = Canvas(W, 1400)
    title(c, "混合精度 Adam：每个参数 16 字节（ZeRO 论文，K = 12）",
          "Model states per parameter: 2Ψ + 2Ψ + KΨ bytes")
    x0, x1 = 200, 2200
    unit = (x1 - x0) / 16
    y = 250
    c.text(x0, y - 30, "每个参数 per parameter（字节 bytes）", size=32, color=MUTED, anchor="lm")
    x = x0
    for name, en, nb, col, light in SEGMENTS:
        w = nb * unit
        c.rect(x + 3, y, w - 6, 220, fill=light, outline=col, width=5, radius=10)
        c.text(x + w / 2, y + 60, name, size=34, bold=True, color=col)
        c.text(x + w / 2, y + 115, en, size=30, color=INK)
        c.text(x + w / 2, y + 175, f"{nb} B", size=40, bold=True)
        x += w
    # braces (drawn as brackets)
    yb = y + 250
    for a, b, lab, col in ((0, 4, "前向与反向使用：2Ψ + 2Ψ\nused in forward/backward", BLUE),
                           (4, 16, "优化器状态 KΨ = 12Ψ：只在更新步使用\noptimizer states, used in the update step",
                            ORANGE)):
        xa, xb = x0 + a * unit + 8, x0 + b * unit - 8
        c.line([(xa, yb), (xa, yb + 25), (xb, yb + 25), (xb, yb)], col, 5)
        c.line([((xa + xb) / 2, yb + 25), ((xa + xb) / 2, yb + 50)], col, 5)
        c.text((xa + xb) / 2, yb + 115, lab, size=32, color=col, bold=True)
    # example bar in GB
    y2 = 860
    total = 16 * PSI
    scale = (x1 - x0) / gb(total)
    c.text(x0, y2 - 40, "示例 Example：Ψ = 7×10^{9} 个参数（假设） → 模型状态共 112 GB",
           size=36, bold=True, anchor="lm")
    x = x0
    for name, en, nb, col, light in SEGMENTS:
        w = gb(nb * PSI) * scale
        c.rect(x + 3, y2, w - 6, 110, fill=col, radius=8)
        x += w
    for cap, lab in ((40, "40 GB"), (80, "80 GB")):
        xc = x0 + cap * scale
        c.line([(xc, y2 - 15), (xc, y2 + 190)], RED, 5, dash=(18, 10))
        c.text(xc, y2 + 225, f"A100 显存 {lab}", size=30, color=RED, bold=True)
    x = x0
    for name, en, nb, col, light in SEGMENTS:
        w = gb(nb * PSI) * scale
        c.rect(x + w / 2 - 75, y2 + 30, 150, 50, fill=col, radius=6)
        c.text(x + w / 2, y2 + 55, f"{gb(nb * PSI):.0f} GB", size=36, bold=True, color=WHITE)
        x += w
    c.text(1200, 1200, "一块 A100 的显存（数据手册：40 GB 或 80 GB）装不下示例模型的模型状态，"
           "更不用说激活", size=32, color=INK)
    c.text(1200, 1265, "残余状态 residual states：激活、临时缓冲区、内存碎片，另计", size=32,
           color=MUTED)
    c.save(path)


def fig_mh02(path):
    """Activation memory of the example shape under three recomputation choices."""
    c = Canvas(W, 1320)
    title(c, "激活显存：示例配置下的三种做法",
          "Korthikanti et al.: sbh(34 + 5as/h) bytes per layer; example s = 4096, b = 1, h = 4096, a = 32, L = 32")
    lin, quad, full = gb(act_linear()), gb(act_quadratic()), gb(act_full_recompute())
    x0, x1 = 700, 2250
    vmax = 110.0
    scale = (x1 - x0) / vmax
    rows = [
        ("不重计算\nno recomputation", [(lin, BLUE, "34sbh·L"), (quad, ORANGE, "5as^{2}b·L")],
         lin + quad),
        ("选择性重计算\nselective", [(lin, BLUE, "34sbh·L")], lin),
        ("全部重计算\nfull recomputation", [(full, GREEN, "")], full),
    ]
    # grid
    for v in range(0, 111, 20):
        xv = x0 + v * scale
        c.line([(xv, 250), (xv, 1000)], GRID, 2)
        c.text(xv, 1040, f"{v}", size=30)
    c.text((x0 + x1) / 2, 1100, "整个模型的激活（GB，示例 b = 1、s = 4096）", size=34)
    for cap in (40, 80):
        xc = x0 + cap * scale
        c.line([(xc, 250), (xc, 1000)], RED, 4, dash=(18, 10))
        c.text(xc, 230, f"{cap} GB", size=30, color=RED, bold=True)
    for lx, col, lab in ((60, BLUE, "34sbh·L：与 s 成正比的部分"),
                         (640, ORANGE, "5as^{2}b·L：softmax 与 dropout 的张量，与 s^{2} 成正比"),
                         (1560, GREEN, "2sbh·L：只保存每层输入")):
        c.rect(lx, 1150, 44, 44, fill=col, radius=6)
        c.text(lx + 60, 1172, lab, size=28, anchor="lm")
    for i, (name, parts, tot) in enumerate(rows):
        yc = 360 + i * 240
        c.text(x0 - 30, yc, name, size=34, anchor="rm", bold=True)
        x = x0
        for v, col, lab in parts:
            w = v * scale
            c.rect(x, yc - 60, max(w, 6), 120, fill=col, radius=8)
            if lab and w > 300:
                c.text(x + w / 2, yc, f"{lab} ≈ {v:.1f} GB", size=32, color=WHITE, bold=True)
            x += w
        c.text(x + 20, yc, f"{tot:.1f} GB" if tot > 2 else f"{tot:.2f} GB", size=36, bold=True,
               anchor="lm")
    c.text(1200, 1250, "注意力项 5as/h 在 s = 4096 时是 160，远大于 34：序列越长，它越占主导"
           "（全部重计算时，反向还需临时重算一层的激活）", size=30, color=MUTED)
    c.save(path)


def fig_mh03(path):
    """Which model states each rank keeps under DP and ZeRO stages 1/2/3 (schematic, N_d = 4)."""
    c = Canvas(W, 1480)
    title(c, "ZeRO 的三个阶段：每个数据并行 rank 保存什么（示意 N_{d} = 4，宽度不按比例）",
          "Colour = kept on this rank; grey = not kept (another rank owns it)")
    stages = [
        ("数据并行 DP", "(2 + 2 + K)Ψ", (False, False, False), "2Ψ"),
        ("ZeRO-1  P_{os}", "4Ψ + KΨ / N_{d}", (False, False, True), "2Ψ"),
        ("ZeRO-2  P_{os+g}", "2Ψ + (2 + K)Ψ / N_{d}", (False, True, True), "2Ψ"),
        ("ZeRO-3  P_{os+g+p}", "(2 + 2 + K)Ψ / N_{d}", (True, True, True), "3Ψ"),
    ]
    parts = [("参数 2Ψ", BLUE, BLUE_L), ("梯度 2Ψ", GREEN, GREEN_L), ("优化器 12Ψ", ORANGE, ORANGE_L)]
    rx0, rw = 470, 360
    seg_w, gap = 105, 10
    for r in range(4):
        c.text(rx0 + r * rw + (3 * seg_w + 2 * gap) / 2, 230, f"rank {r}", size=34, bold=True)
    c.text(2070, 215, "每卡模型状态\n示例 Ψ = 7×10^{9}\nN_{d} = 8", size=28, bold=True)
    c.text(2290, 215, "每步\n通信量", size=28, bold=True)
    examples = [16 * PSI, 4 * PSI + K * PSI / ND, 2 * PSI + (2 + K) * PSI / ND, 16 * PSI / ND]
    for i, (name, formula, split, comm) in enumerate(stages):
        y = 320 + i * 270
        c.rect(40, y - 20, 2330, 240, fill=GRAY_L if i % 2 == 0 else WHITE, radius=16)
        c.text(60, y + 55, name, size=36, bold=True, anchor="lm")
        c.text(60, y + 135, formula, size=32, color=MUTED, anchor="lm")
        for r in range(4):
            x = rx0 + r * rw
            c.rect(x - 12, y - 18, 3 * seg_w + 2 * gap + 24, 215, fill=WHITE, outline=GRID,
                   width=3, radius=12)
            for k, (lab, col, light) in enumerate(parts):
                sx = x + k * (seg_w + gap)
                c.text(sx + seg_w / 2, y + 5, lab, size=22, color=col)
                for q in range(4):
                    keep = (not split[k]) or q == r
                    c.rect(sx + q * seg_w / 4 + 2, y + 30, seg_w / 4 - 4, 150,
                           fill=col if keep else "#e5e7eb", radius=5)
                    if split[k] and q == r:
                        c.text(sx + q * seg_w / 4 + seg_w / 8, y + 105, f"{r}", size=24,
                               color=WHITE, bold=True)
        val = f"{gb(examples[i]):.2f}".rstrip("0").rstrip(".")
        c.text(2070, y + 95, f"{val} GB", size=40, bold=True, color=RED if i == 0 else INK)
        c.text(2290, y + 95, comm, size=36, bold=True, color=BLUE)
    c.text(1200, 1410, "K = 12（混合精度 Adam）；通信量为每步每个 rank 的数据量，"
           "DP 的全归约记为 2Ψ（ZeRO 论文）", size=30, color=MUTED)
    c.save(path)


def fig_mh04(path):
    """HBM → host DRAM → NVMe, and where ZeRO-3, ZeRO-Offload and ZeRO-Infinity keep the states."""
    c = Canvas(W, 1500)
    title(c, "沿存储层次向下：显存、主机内存与 NVMe，以及卸载把什么放在哪里",
          "Bandwidths: A100 40GB datasheet (HBM) and A100 whitepaper (PCIe 4.0 ×16, per direction)")
    tiers = [
        ("HBM 显存", "A100 40GB：\n1,555 GB/s", "容量最小", BLUE, BLUE_L, 260),
        ("主机 DRAM", "经 PCIe 4.0 ×16：\n31.5 GB/s（单向）", "容量更大", GREEN, GREEN_L, 640),
        ("NVMe 固态盘", "也挂在 PCIe 上：\n带宽随盘数与型号而异", "容量最大", ORANGE, ORANGE_L, 1020),
    ]
    # left column: wider box = larger capacity
    for k, (name, bw, cap, col, light, y) in enumerate(tiers):
        w = 300 + k * 90
        x = 290 - w / 2
        c.rect(x, y, w, 300, fill=light, outline=col, width=5, radius=18)
        c.text(290, y + 110, name, size=40, bold=True, color=col)
        c.text(290, y + 190, cap, size=32)
        c.text(560, y + 150, bw, size=30, color=col, bold=True, anchor="lm")
    for k in range(2):
        ya = tiers[k][5] + 300
        c.arrow(290, ya + 8, 290, ya + 72, color=INK, width=6, head=26, both=True)
    # strategy columns
    cols = [
        ("ZeRO-3（全在显存）", [
            "参数、梯度、\n优化器状态\n各 1/N_{d} 分片\n+ 激活", "—", "—"]),
        ("ZeRO-Offload", [
            "FP16 参数 2Ψ\n+ 激活\n前向与反向\n在 GPU 上",
            "FP16 梯度 2Ψ\n+ 优化器状态 12Ψ\nAdam 更新\n在 CPU 上执行",
            "—"]),
        ("ZeRO-Infinity", [
            "正在计算的层：\n临时全收集的参数\n+ 激活工作集",
            "模型状态的分片\n（参数、梯度、\n优化器状态）",
            "模型状态的分片\n也可放到 NVMe"]),
    ]
    cx0, cw = 1060, 440
    for j, (name, cells) in enumerate(cols):
        x = cx0 + j * cw
        c.text(x + (cw - 30) / 2, 215, name, size=34, bold=True)
        for k, txt in enumerate(cells):
            y = tiers[k][5]
            col, light = tiers[k][3], tiers[k][4]
            if txt == "—":
                c.rect(x, y, cw - 30, 300, fill=WHITE, outline=GRID, width=3, radius=14)
                c.text(x + (cw - 30) / 2, y + 150, "—", size=40, color=MUTED)
            else:
                c.rect(x, y, cw - 30, 300, fill=light, outline=col, width=3, radius=14)
                c.text(x + (cw - 30) / 2, y + 150, txt, size=30)
    xo = cx0 + cw
    c.arrow(xo + 110, 566, xo + 110, 636, color=RED, width=7, head=26)
    c.text(xo + 95, 601, "梯度 2Ψ", size=28, color=RED, bold=True, anchor="rm")
    c.arrow(xo + 300, 636, xo + 300, 566, color=RED, width=7, head=26)
    c.text(xo + 315, 601, "参数 2Ψ", size=28, color=RED, bold=True, anchor="lm")
    c.text(1200, 1400, "越往下容量越大、带宽越低：HBM 与 PCIe 单向带宽之比约为 1,555 / 31.5 ≈ 49",
           size=32, color=INK)
    c.save(path)


# ====================================================================== 02Checkpoint
def fig_ck01(path):
    """What a checkpoint holds (left) and sharded parallel writing (right)."""
    c = Canvas(W, 1390)
    title(c, "检查点里装了什么，以及由谁来写",
          "Training checkpoint ≈ 12Ψ bytes; each rank writes its own shard in parallel")
    # left: the state, kept or not
    items = [
        ("FP32 主权重", "4Ψ", ORANGE, True), ("Adam 一阶矩 m", "4Ψ", PURPLE, True),
        ("Adam 二阶矩 v", "4Ψ", PINK, True),
        ("步数 · 学习率调度 · 随机数状态 · 数据读取位置", "KB–MB", TEAL, True),
        ("FP16 参数（可由主权重转换得到）", "2Ψ", BLUE, None),
        ("梯度（更新后即可丢弃）", "2Ψ", GREEN, False), ("激活", "—", GRAY, False),
    ]
    c.text(560, 230, "训练状态 → 是否写入检查点", size=36, bold=True)
    for i, (name, size, col, keep) in enumerate(items):
        y = 290 + i * 118
        fill = {True: col, None: WHITE, False: "#e5e7eb"}[keep]
        txtc = WHITE if keep else (col if keep is None else MUTED)
        c.rect(90, y, 800, 96, fill=fill, outline=col, width=4, radius=12)
        c.text(120, y + 48, name, size=30, bold=True, color=txtc, anchor="lm")
        c.text(870, y + 48, size, size=32, bold=True, color=txtc, anchor="rm")
        mark = {True: "写入", None: "可选", False: "不写"}[keep]
        c.text(960, y + 48, mark, size=30, bold=True, color={True: GREEN, None: ORANGE,
                                                               False: MUTED}[keep], anchor="lm")
    c.rect(90, 1140, 980, 200, fill=GRAY_L, outline=GRAY, width=3)
    c.text(580, 1190, "示例 Ψ = 7×10^{9}：训练检查点 12Ψ = 84 GB", size=32, bold=True)
    c.text(580, 1245, "另存 FP16 参数：14Ψ = 98 GB", size=30)
    c.text(580, 1295, "只发布推理权重（16 位）：2Ψ = 14 GB", size=30)
    # right: parallel writers and the storage cap
    x0 = 1250
    c.text(1760, 230, "分片并行写入（示意）", size=36, bold=True)
    for r in range(4):
        y = 300 + r * 150
        c.box(x0, y, 300, 110, f"rank {r}\n分片 12Ψ/N", fill=BLUE_L, outline=BLUE, size=28)
        c.arrow(x0 + 305, y + 55, x0 + 560, 700, color=BLUE, width=5, head=24)
        mx, my = x0 + 305 + 0.35 * 255, y + 55 + 0.35 * (645 - y)
        c.text(mx, my - 30, "b_{w}", size=28, color=BLUE, bold=True)
    c.box(x0 + 570, 560, 480, 280, "共享存储\n聚合带宽上限 B_{fs}", fill=ORANGE_L, outline=ORANGE,
          size=34, bold=True)
    c.rect(x0, 930, 1050, 400, fill=WHITE, outline=INK, width=3)
    c.text(x0 + 525, 990, "同步保存的停顿时间", size=34, bold=True)
    c.text(x0 + 525, 1070, "T_{save} ≈ α_{ckpt} + S / min(N_{w}·b_{w}, B_{fs})", size=36,
           bold=True, color=BLUE)
    c.text(x0 + 525, 1160, "示例（假设值）：S = 84 GB", size=30)
    c.text(x0 + 525, 1215, "一个写入者 b_{w} = 2 GB/s → 42 s", size=30)
    c.text(x0 + 525, 1270, "16 个写入者，但 B_{fs} = 20 GB/s → 4.2 s", size=30)
    c.save(path)


def _bar(c, x, y, w, h, label, fill, color=WHITE, size=28):
    c.rect(x, y, w, h, fill=fill, radius=8)
    if label:
        c.text(x + w / 2, y + h / 2, label, size=size, color=color, bold=True)


def fig_ck_timeline(path):
    """Timeline: a synchronous save stalls training; two-phase hides the persist phase."""
    c = Canvas(W, 1400)
    title(c, "同步保存与两阶段保存的时间线（示意）",
          "Synchronous save vs snapshot() + background persist() (CheckFreq, FAST 2021)")
    x0, unit = 330, 150  # one training iteration = unit px
    y_a, y_b, y_p = 300, 700, 830

    def iters(y, starts, n_label=True):
        for k, s in enumerate(starts):
            _bar(c, s, y, unit - 10, 90, f"迭代 {k + 1}" if n_label else "", BLUE, size=26)

    c.text(80, y_a - 60, "同步保存 Synchronous", size=36, bold=True, anchor="lm")
    starts = [x0 + i * unit for i in range(3)]
    iters(y_a, starts)
    save_x = x0 + 3 * unit
    _bar(c, save_x, y_a, 5 * unit - 10, 90, "写入存储：训练停顿 C = S / B", RED, size=30)
    iters(y_a, [save_x + 5 * unit + i * unit for i in range(4)], n_label=False)
    for i in range(4):
        c.text(save_x + 5 * unit + i * unit + (unit - 10) / 2, y_a + 45, f"迭代 {4 + i}", size=26,
               color=WHITE, bold=True)
    c.text(save_x + 2.5 * unit, y_a + 150, "所有加速器空等", size=30, color=RED, bold=True)

    c.text(80, y_b - 60, "两阶段 Two-phase", size=36, bold=True, anchor="lm")
    c.text(80, y_b + 45, "训练", size=30, color=MUTED, anchor="lm")
    c.text(80, y_p + 45, "后台", size=30, color=MUTED, anchor="lm")
    iters(y_b, starts)
    snap_x = x0 + 3 * unit
    _bar(c, snap_x, y_b, 0.8 * unit - 10, 90, "快照", ORANGE, size=26)
    nxt = snap_x + 0.8 * unit
    for i in range(8):
        _bar(c, nxt + i * unit, y_b, unit - 10, 90, f"迭代 {4 + i}", BLUE, size=26)
    _bar(c, nxt, y_p, 5 * unit - 10, 90, "persist()：写入存储，与计算重叠", GREEN, size=30)
    c.line([(snap_x, y_b - 20), (snap_x, y_p + 130)], INK, 3, dash=(12, 8))
    c.line([(nxt, y_b - 20), (nxt, y_p + 130)], INK, 3, dash=(12, 8))
    c.text(snap_x + 0.4 * unit, y_p + 170, "snapshot()：复制到内存\n最多只停这一小段", size=28,
           color=ORANGE, bold=True)
    c.text(nxt + 5 * unit + 30, y_p + 45, "写完之前不能开始下一次检查点", size=28, color=GREEN,
           anchor="lm", bold=True)
    # time axis
    c.arrow(x0, 1130, 2300, 1130, color=INK, width=4, head=24)
    c.text(2300, 1180, "时间", size=30, anchor="rm")
    c.rect(200, 1230, 2000, 120, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1265, "快照可与下一迭代的前向、反向重叠，但必须在下一次参数更新之前完成", size=30)
    c.text(1200, 1320, "代价：快照缓冲区占用主机内存或空闲显存", size=30, color=MUTED)
    c.save(path)


def _waste(tau, C, M=MTBF_S):
    return C / tau + tau / (2 * M)


def fig_ck_young(path):
    """Wasted fraction vs checkpoint interval for three blocking times, M = 24 h (assumed)."""
    c = Canvas(W, 1400)
    title(c, "检查点间隔与浪费的时间比例：Young 近似（假设作业 MTBF M = 24 小时）",
          "W(τ) ≈ C/τ + τ/(2M);  optimum τ* = (2CM)^{1/2},  W(τ*) ≈ (2C/M)^{1/2}")
    ax = Axes(c, 330, 220, 1900, 950, (1, 600), (0, 0.10), xlog=True)
    xt = [(1, "1"), (3, "3"), (10, "10"), (30, "30"), (100, "100"), (300, "300"), (600, "600")]
    yt = [(0, "0"), (0.02, "2%"), (0.04, "4%"), (0.06, "6%"), (0.08, "8%"), (0.10, "10%")]
    ax.frame(xt, yt, "检查点间隔 τ（分钟，对数坐标）", "浪费的时间比例 W")
    cases = [(42, RED, "C = 42 s（同步，单写入者）"), (4.2, ORANGE, "C = 4.2 s（同步，16 写入者）"),
             (0.33, GREEN, "C = 0.33 s（两阶段，只停快照）")]
    for C, col, lab in cases:
        pts = []
        n = 500
        for i in range(n + 1):
            tmin = 10 ** (math.log10(1) + i / n * (math.log10(600) - math.log10(1)))
            w = _waste(tmin * 60, C)
            if w <= 0.10:
                pts.append(ax.px(tmin, w))
            elif pts:
                break
        # start from where the curve enters the plotting range
        c.line(pts, col, 8)
        t_opt = math.sqrt(2 * C * MTBF_S)
        X, Y = ax.px(t_opt / 60, _waste(t_opt, C))
        c.circle(X, Y, 15, fill=col, outline=WHITE, width=3)
        dy = -130 if C > 10 else -45
        c.text(X, Y + dy, f"τ* ≈ {t_opt / 60:.1f} min，W ≈ {_waste(t_opt, C):.2%}", size=30,
               color=col, bold=True)
    for k, (C, col, lab) in enumerate(cases):
        c.rect(1500, 260 + k * 60, 50, 14, fill=col, radius=4)
        c.text(1570, 267 + k * 60, lab, size=30, anchor="lm")
    c.text(1200, 1330, "左侧：保存太频繁，C/τ 大；右侧：间隔太长，故障时丢失的工作 τ/(2M) 大",
           size=30, color=MUTED)
    c.save(path)


# ====================================================================== 03DataPipeline
def fig_dp01(path):
    """The stages of an input pipeline, from storage to the accelerator."""
    c = Canvas(W, 1300)
    title(c, "输入管道：从存储到加速器的几个阶段（示意）",
          "read → decode → transform → shuffle → batch → prefetch → copy to device")
    # zones
    c.rect(40, 230, 380, 820, fill=ORANGE_L, outline=ORANGE, width=4, radius=20)
    c.text(230, 275, "存储 Storage", size=34, bold=True, color=ORANGE)
    c.rect(450, 230, 1500, 820, fill=GRAY_L, outline=GRAY, width=4, radius=20)
    c.text(1200, 275, "主机 CPU：n_{w} 个工作进程并行 worker processes", size=34, bold=True,
           color=INK)
    c.rect(1980, 230, 380, 820, fill=GREEN_L, outline=GREEN, width=4, radius=20)
    c.text(2170, 275, "加速器 Device", size=34, bold=True, color=GREEN)
    c.box(80, 340, 300, 190, "并行文件系统\nParallel FS", fill=WHITE, outline=ORANGE, size=30)
    c.box(80, 570, 300, 190, "对象存储\nObject store", fill=WHITE, outline=ORANGE, size=30)
    c.box(80, 800, 300, 190, "本地 NVMe /\n页缓存 cache", fill=WHITE, outline=ORANGE, size=30)
    stages = [("读取\nRead", "按分片顺序读\n大块连续 I/O"), ("解码\nDecode", "解压、解析\nJPEG / 文本"),
              ("变换\nTransform", "分词、拼接\n或数据增强"), ("打乱\nShuffle", "打乱缓冲区\nk 个样本"),
              ("组批\nBatch", "collate\n拼成张量")]
    sx, sw, bw = 480, 255, 180
    for i, (name, note) in enumerate(stages):
        x = sx + i * sw
        for k in range(3):  # stacked copies = parallel workers
            c.rect(x + 18 - k * 9, 371 - k * 9, bw, 230, fill=WHITE, outline=BLUE, width=2)
        c.box(x - 9, 353, bw, 230, name, fill=BLUE_L, outline=BLUE, size=32, bold=True)
        c.text(x - 9 + bw / 2 + 9, 700, note, size=27, color=INK)
        if i < len(stages) - 1:
            c.arrow(x + bw + 22, 468, x + sw - 12, 468, color=INK, width=5, head=18)
    c.arrow(385, 468, 478, 468, color=ORANGE, width=7, head=26)
    # prefetch queue (vertical)
    qx = 1760
    c.text(qx + 80, 320, "预取队列", size=30, bold=True, color=PURPLE)
    for k in range(4):
        c.rect(qx, 360 + k * 62, 160, 52, fill=PURPLE_L, outline=PURPLE, width=3, radius=8)
    c.text(qx + 80, 640, "锁页内存\npinned", size=26, color=PURPLE)
    c.arrow(sx + 4 * sw + bw + 22, 468, qx - 8, 468, color=INK, width=5, head=18)
    c.arrow(qx + 166, 468, 2035, 468, color=GREEN, width=7, head=26)
    c.text(1985, 415, "H2D", size=26, color=GREEN, bold=True)
    c.box(2040, 340, 260, 260, "前向\n反向\n更新", fill=WHITE, outline=GREEN, size=34, bold=True)
    c.text(2170, 700, "每步消耗\n一个批次", size=28, color=GREEN)
    # framework knobs
    c.rect(490, 820, 1440, 190, fill=WHITE, outline=GRID, width=3, radius=14)
    c.text(1210, 870, "PyTorch DataLoader：num_workers · prefetch_factor · pin_memory", size=30)
    c.text(1210, 950, "tf.data：map(num_parallel_calls) · interleave · shuffle · prefetch · cache",
           size=30)
    # bottleneck notes
    notes = [(230, "带宽、元数据、\n请求延迟"), (1200, "CPU 解码与变换的开销"), (2170, "喂不上就空等")]
    for x, t in notes:
        c.text(x, 1130, t, size=30, color=RED, bold=True)
    c.text(1200, 1240, "三处都可能成为瓶颈：整条管道的吞吐量由最慢的一段决定", size=32, color=INK)
    c.save(path)


def _schedule_loader(td, tc, depth, n, overlap):
    """Start/end times of reads and computes for n batches.

    Without overlap the loader and the accelerator alternate. With overlap the loader reads
    batch k as soon as the queue (depth batches) has room, the accelerator computes batch k
    once batch k is read and batch k-1 is done."""
    reads, comps = [], []
    for k in range(n):
        if not overlap:
            r0 = comps[-1][1] if comps else 0
            reads.append((r0, r0 + td))
            comps.append((r0 + td, r0 + td + tc))
            continue
        r0 = reads[-1][1] if reads else 0
        if k >= depth:
            r0 = max(r0, comps[k - depth][0])
        reads.append((r0, r0 + td))
        c0 = max(reads[k][1], comps[-1][1] if comps else 0)
        comps.append((c0, c0 + tc))
    return reads, comps


def fig_dp02(path):
    """Serial loading, prefetching that hides loading, and a pipeline that is still too slow."""
    c = Canvas(W, 1350)
    title(c, "预取把读数据与计算重叠起来（示意，时间单位任意）",
          "Step time ≈ T_{data} + T_{compute} without overlap, ≈ max(T_{data}, T_{compute}) with it")
    x0, H = 470, 32
    unit = 1780 / H
    rows = [
        ("不预取\nno prefetch", 3, 5, False),
        ("预取（队列深 2）\nT_{data} < T_{compute}", 3, 5, True),
        ("预取，但数据更慢\nT_{data} > T_{compute}", 7, 5, True),
    ]
    for r, (name, td, tc, overlap) in enumerate(rows):
        y = 250 + r * 310
        c.text(x0 - 30, y + 105, name, size=32, bold=True, anchor="rm")
        reads, comps = _schedule_loader(td, tc, 2, 12, overlap)
        prev_end = 0.0
        for k, ((r0, r1), (c0, c1)) in enumerate(zip(reads, comps)):
            if r0 < H:
                w = (min(r1, H) - r0) * unit
                _bar(c, x0 + r0 * unit + 2, y + 120, w - 4, 80, "读" if w > 60 else "", ORANGE)
            if c0 < H:
                if c0 > prev_end + 1e-9:
                    gx = x0 + prev_end * unit + 2
                    gw = (min(c0, H) - prev_end) * unit - 4
                    c.rect(gx, y + 20, gw, 80, fill=RED_L, outline=RED, width=3, radius=8)
                    c.text(gx + gw / 2, y + 60, "空等", size=26, color=RED, bold=True)
                w = (min(c1, H) - c0) * unit
                _bar(c, x0 + c0 * unit + 2, y + 20, w - 4, 80,
                     f"计算 {k + 1}" if w > 130 else "", BLUE, size=26)
                prev_end = c1
        # step time annotation
        step = comps[3][0] - comps[2][0]
        c.text(x0 + H * unit + 20, y + 60, "加速器", size=26, color=BLUE, anchor="lm")
        c.text(x0 + H * unit + 20, y + 160, "读取", size=26, color=ORANGE, anchor="lm")
        c.text(x0, y + 250, f"读 {td}、算 {tc}：稳定后每步 {step:g} 个单位", size=28, color=INK,
               anchor="lm", bold=True)
    c.text(1200, 1290, "预取只能把读取藏到计算后面；读取慢于计算时，只能加并行度（更多工作进程）"
           "或减少每批的读取与解码量", size=28, color=MUTED)
    c.save(path)


def fig_dp_shards(path):
    """Sharded storage: assignment of shards to ranks, shard shuffle, interleave and buffer."""
    c = Canvas(W, 1400)
    title(c, "分片格式与两级打乱（示意：12 个分片，3 个 rank）",
          "Shuffle the shard order, interleave several shards, then mix in a shuffle buffer")
    # left: small files vs shards
    c.text(330, 230, "大量小文件 vs 打包成分片", size=34, bold=True)
    for i in range(40):
        c.rect(80 + (i % 10) * 50, 280 + (i // 10) * 50, 40, 40, fill=GRAY_L, outline=GRAY, width=2,
               radius=4)
    c.text(330, 520, "每个样本一次打开/查找：元数据操作多", size=27, color=RED)
    for i in range(4):
        c.rect(80 + i * 125, 580, 110, 200, fill=TEAL_L, outline=TEAL, width=3, radius=8)
        for j in range(8):
            c.line([(90 + i * 125, 600 + j * 22), (180 + i * 125, 600 + j * 22)], TEAL, 2)
        c.text(135 + i * 125, 810, f"shard {i}", size=24, color=TEAL)
    c.text(330, 870, "一个分片内连续读：请求少、块大", size=27, color=GREEN)
    c.text(330, 940, "位置 = (分片号, 偏移)\n便于断点续读", size=27, color=INK)
    # right: pipeline per rank
    cols = [BLUE, GREEN, ORANGE, PURPLE, PINK, TEAL, RED, YELLOW, "#0891b2", "#65a30d",
            "#475569", "#92400e"]  # one colour per shard
    order = [7, 2, 10, 4, 0, 9, 5, 11, 1, 3, 8, 6]  # a shuffled shard order (illustrative)
    c.text(1490, 230, "① 每个 epoch 打乱分片顺序，② 按 i mod N 分给各 rank", size=32, bold=True)
    for i, s in enumerate(order):
        c.rect(700 + i * 135, 280, 115, 80, fill=cols[s], radius=8)
        c.text(757 + i * 135, 320, f"s{s}", size=28, color=WHITE, bold=True)
    for r in range(3):
        y = 470 + r * 290
        c.text(720, y + 60, f"rank {r}", size=32, bold=True, anchor="lm")
        mine = order[r::3]
        for k, s in enumerate(mine):
            c.rect(870 + k * 120, y + 20, 100, 80, fill=cols[s], radius=8)
            c.text(920 + k * 120, y + 60, f"s{s}", size=26, color=WHITE, bold=True)
        c.arrow(1360, y + 60, 1440, y + 60, color=INK, width=5, head=20)
        c.text(1400, y + 140, "③ 交错读取 2 个分片", size=24, color=MUTED)
        # interleaved stream
        a, b = mine[0], mine[1]
        for k in range(6):
            s = a if k % 2 == 0 else b
            c.rect(1450 + k * 45, y + 35, 38, 50, fill=cols[s], radius=5)
        c.arrow(1730, y + 60, 1800, y + 60, color=INK, width=5, head=20)
        c.rect(1810, y - 10, 290, 150, fill=WHITE, outline=INK, width=3, radius=14)
        rng = random.Random(r)
        for k in range(10):
            s = rng.choice([a, b, mine[2] if len(mine) > 2 else a])
            c.rect(1830 + (k % 5) * 52, y + 5 + (k // 5) * 62, 44, 52, fill=cols[s], radius=5)
        c.text(1955, y + 170, "④ 打乱缓冲区 k", size=24, color=MUTED)
        c.arrow(2110, y + 60, 2180, y + 60, color=INK, width=5, head=20)
        c.text(2290, y + 60, "批次", size=30, bold=True)
    c.text(1200, 1340, "分片打乱决定全局顺序；交错与缓冲区决定一个批次里混进多少个分片的样本",
           size=30, color=INK)
    c.save(path)


def fig_dp_storage(path):
    """Parallel file system vs object storage (schematic)."""
    c = Canvas(W, 1350)
    title(c, "两类共享存储：并行文件系统与对象存储（示意）",
          "Parallel file system (e.g. Lustre) vs object storage (e.g. Amazon S3)")
    # left: PFS
    c.rect(60, 220, 1120, 980, fill=GRAY_L, outline=BLUE, width=5, radius=24)
    c.text(620, 270, "并行文件系统 Parallel FS", size=38, bold=True, color=BLUE)
    for k in range(3):
        c.box(120 + k * 360, 340, 300, 110, f"客户端 {k}\nPOSIX", fill=WHITE, outline=BLUE, size=28)
    c.box(120, 600, 300, 200, "元数据服务\nMDS / MDT\n目录、文件布局", fill=YELLOW_L, outline=YELLOW,
          size=28)
    for k in range(4):
        c.box(500 + k * 160, 600, 140, 200, f"OST {k}", fill=BLUE_L, outline=BLUE, size=28)
    c.arrow(270, 455, 270, 595, color=YELLOW, width=5, head=20)
    c.text(290, 520, "①", size=30, color=YELLOW, anchor="lm", bold=True)
    for k in range(4):
        c.arrow(630 + (k % 2) * 360, 455, 570 + k * 160, 595, color=BLUE, width=4, head=18)
    c.text(1130, 520, "②", size=30, color=BLUE, bold=True)
    for k in range(4):
        c.rect(500 + k * 160 + 15, 830, 110, 50, fill=[BLUE, GREEN, ORANGE, PURPLE][k], radius=6)
    c.text(820, 920, "一个文件按条带（stripe）分布在多个 OST 上", size=28)
    c.text(620, 990, "① 打开文件：向元数据服务查布局；② 读写：直接与多个 OST 传数据", size=28)
    c.text(620, 1080, "优点：POSIX 语义，大文件聚合带宽高", size=30, color=GREEN, bold=True)
    c.text(620, 1140, "难点：海量小文件时元数据服务成为瓶颈", size=30, color=RED, bold=True)
    # right: object store
    c.rect(1220, 220, 1120, 980, fill=GRAY_L, outline=ORANGE, width=5, radius=24)
    c.text(1780, 270, "对象存储 Object storage", size=38, bold=True, color=ORANGE)
    for k in range(3):
        c.box(1280 + k * 360, 340, 300, 110, f"客户端 {k}\nHTTP GET/PUT", fill=WHITE, outline=ORANGE,
              size=28)
    c.box(1330, 600, 900, 200, "扁平命名空间：桶 bucket / 键 key → 对象 object\n"
          "GET 可以带字节范围（Range）", fill=ORANGE_L, outline=ORANGE, size=30)
    for k in range(3):
        c.arrow(1430 + k * 360, 455, 1430 + k * 360 + (1 - k) * 60, 595, color=ORANGE, width=4,
                head=18)
    c.text(1780, 880, "对象一般整体写入（PUT），不能像文件那样原地改写一段", size=28)
    c.text(1780, 990, "没有真正的目录树，按键直接寻址", size=28)
    c.text(1780, 1080, "优点：容量与并发请求易扩展", size=30, color=GREEN, bold=True)
    c.text(1780, 1140, "难点：单次请求延迟较高，要靠并发与大对象", size=30, color=RED, bold=True)
    c.text(1200, 1290, "两者都偏爱“少而大”的读取：把样本打包成分片，并行发出多路请求",
           size=32, color=INK)
    c.save(path)


FIGURES = {
    BASE + "01MemoryHierarchy01.png": fig_mh01,
    BASE + "01MemoryHierarchy02.png": fig_mh02,
    BASE + "01MemoryHierarchy03.png": fig_mh03,
    BASE + "01MemoryHierarchy04.png": fig_mh04,
    BASE + "02Checkpoint01.png": fig_ck01,
    BASE + "02Checkpoint02.png": fig_ck_young,
    BASE + "02Checkpoint03.png": fig_ck_timeline,
    BASE + "03DataPipeline01.png": fig_dp01,
    BASE + "03DataPipeline02.png": fig_dp02,
    BASE + "03DataPipeline03.png": fig_dp_storage,
    BASE + "03DataPipeline04.png": fig_dp_shards,
}


# ====================================================================== decks
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


DECKS: list[dict] = [
    {
        "path": CH + "/01MemoryHierarchy.pdf",
        "module": "通信&存储", "chapter": "大模型存储",
        "title": "训练中的存储层次：字节都放在哪里",
        "subtitle": "模型状态、激活、ZeRO 与卸载",
        "tag": "第 01 讲",
        "slides": [
            ("bullets", "显存里装着什么", [
                "模型状态：参数、梯度、优化器状态（ZeRO 论文，SC 2020）",
                "残余状态：激活、临时缓冲区、显存碎片",
                "混合精度 Adam：2Ψ + 2Ψ + KΨ，K = 12，每个参数 16 字节",
                "论文示例：15 亿参数的 GPT-2，16 位权重 3 GB，模型状态至少 24 GB",
            ]),
            ("figure", "每个参数 16 字节", _img("01MemoryHierarchy", 1),
             "示例 Ψ = 7×10^{9}（假设）：模型状态 112 GB，超过 A100 的 40 GB / 80 GB"),
            ("figure", "激活：与 s 和 s^{2} 成正比的两部分", _img("01MemoryHierarchy", 2),
             "Korthikanti 等：每层 sbh(34 + 5as/h) 字节；全部重计算只留 2sbh"),
            ("figure", "ZeRO 的三个阶段", _img("01MemoryHierarchy", 3),
             "论文示例 Ψ = 7.5×10^{9}，N_{d} = 64：120 → 31.4 → 16.6 → 1.9 GB"),
            ("bullets", "沿存储层次向下：卸载", [
                "HBM（A100 40GB 1,555 GB/s）→ 主机 DRAM（PCIe 4.0 ×16 每方向 31.5 GB/s）→ NVMe",
                "ZeRO-Offload：GPU 留 16 位参数，梯度与优化器状态在 CPU，Adam 在 CPU 上更新",
                "每步跨 PCIe：下行梯度 2Ψ + 上行参数 2Ψ；示例每方向 14 GB，约 0.44 s",
                "ZeRO-Infinity：模型状态分片放到 CPU 内存或 NVMe，按层取回再全收集",
            ]),
            ("figure", "三种方案的数据放置", _img("01MemoryHierarchy", 4),
             "ZeRO-Offload：单卡可训练超过 130 亿参数（论文摘要）"),
            ("summary", "小结", [
                "模型状态至少 16Ψ 字节，其中 12Ψ 是优化器状态",
                "激活随序列长度平方增长，可用重计算换显存",
                "ZeRO-1/2 通信量不变，ZeRO-3 约 1.5 倍",
                "越往下容量越大、带宽越低：卸载要看每步搬运量与计算量之比",
            ]),
        ],
    },
    {
        "path": CH + "/02Checkpoint.pdf",
        "module": "通信&存储", "chapter": "大模型存储",
        "title": "大模型检查点：大小、代价与频率",
        "subtitle": "12Ψ 字节、停顿时间、Young 近似与两阶段保存",
        "tag": "第 02 讲",
        "slides": [
            ("bullets", "检查点里装什么", [
                "FP32 主权重 + Adam 的 m 与 v：S ≈ 12Ψ 字节",
                "步数、学习率调度、随机数状态、数据读取位置（KB–MB）",
                "不存：梯度、激活；16 位参数可由主权重转换得到",
                "示例 Ψ = 7×10^{9}：训练检查点 84 GB，推理权重只需 14 GB",
            ]),
            ("figure", "内容与分片并行写入", _img("02Checkpoint", 1),
             "PyTorch 分布式检查点：每个 rank 写自己的分片，加载时可重新分片"),
            ("bullets", "同步保存的停顿", [
                "C ≈ α_{ckpt} + S / min(N_{w}·b_{w}, B_{fs})",
                "示例（假设值）：单写入者 2 GB/s → 42 s",
                "16 个写入者，但存储聚合上限 20 GB/s → 4.2 s",
                "恢复时同样要读回 S，所有进程同时读",
            ]),
            ("figure", "多久保存一次：Young 近似", _img("02Checkpoint", 2),
             "W(τ) ≈ C/τ + τ/(2M)；τ* = (2CM)^{1/2}（Young，CACM 1974）"),
            ("figure", "两阶段检查点", _img("02Checkpoint", 3),
             "CheckFreq（FAST 2021）：恢复时间从数小时降到数秒，开销不超过 3.5%"),
            ("bullets", "两阶段的代价", [
                "训练只等快照：每卡 10.5 GB 经 PCIe 4.0 ×16（31.5 GB/s）约 0.33 s",
                "后台写盘仍需 84 GB / 2 GB/s = 42 s：间隔不能短于它",
                "需要与快照同样大的主机内存缓冲区",
                "写到新位置，确认完整后再替换旧检查点",
            ]),
            ("summary", "小结", [
                "检查点以优化器状态为主，约 12Ψ 字节",
                "并行写入受共享存储聚合带宽限制",
                "τ* = (2CM)^{1/2}，最优浪费约 (2C/M)^{1/2}；规模越大 M 越小",
                "两阶段保存把停顿从写盘缩短为内存复制",
            ]),
        ],
    },
    {
        "path": CH + "/03DataPipeline.pdf",
        "module": "通信&存储", "chapter": "大模型存储",
        "title": "数据管道：把数据喂给加速器",
        "subtitle": "吞吐量公式、共享存储、分片与打乱",
        "tag": "第 03 讲",
        "slides": [
            ("figure", "输入管道的几个阶段", _img("03DataPipeline", 1),
             "读取 → 解码 → 变换 → 打乱 → 组批 → 预取 → 拷贝；最慢的一段决定吞吐量"),
            ("bullets", "需要多快", [
                "R = (B / T_{step}) × 每样本字节数",
                "语言模型：r_{tok} ≈ N·P·U / (6Ψ)，每 token 计算量约 6Ψ（Kaplan 等）",
                "示例：1024 × 312 TFLOP/s × 40%（假设）/ (6 × 7×10^{9}) ≈ 3.04×10^{6} token/s",
                "每 token 2 字节 → 约 6.1 MB/s；图像示例（假设 100 KB、2000 张/s）每卡 200 MB/s",
            ]),
            ("figure", "预取让读取与计算重叠", _img("03DataPipeline", 2),
             "T_{step} ≈ max(T_{compute}, T_{data})；需要 n_{w} ≥ t_{batch} / T_{compute}"),
            ("figure", "并行文件系统与对象存储", _img("03DataPipeline", 3),
             "Lustre：MDS 管元数据，文件按条带分布在多个 OST；S3：扁平命名空间，GET 可带 Range"),
            ("figure", "分片与两级打乱", _img("03DataPipeline", 4),
             "分片打乱定全局顺序；交错与缓冲区定局部混合"),
            ("bullets", "打乱实验（10 万样本，100 个分片，缓冲区 1000）", [
                "只用缓冲区：每批约 7.9 个分片，位移 0.007",
                "分片打乱 + 缓冲区：位移 0.342，每批仍约 7.9 个分片",
                "再交错 16 个分片：每批 20 个分片",
                "完全随机排列：每批 100 个分片，位移 0.332",
            ]),
            ("summary", "小结", [
                "先用公式算所需吞吐量，再决定优化哪一段",
                "预先分词的文本带宽很小，难点在元数据、随机访问与打乱",
                "把样本打包成分片，按分片分配、按分片打乱",
                "读取位置写进检查点，断点续训才能回到原处",
            ]),
        ],
    },
]
