"""Figures and slide decks of 01AIChip/02ChipBase (AI 芯片基础: CPU, GPU and NPU).

Loaded by registry.py, which puts scripts/figures on sys.path first. Every number drawn here is
one the article cites next to the figure: Horowitz (ISSCC 2014) energies, the NVIDIA A100
whitepaper, and Jouppi et al. (ISCA 2017) for the first TPU. Diagrams marked 示意 are schematic.
"""

from __future__ import annotations

from figlib import (
    BLUE, BLUE_L, GRAY, GRAY_L, GREEN, GREEN_L, INK, MUTED, ORANGE, ORANGE_L,
    PINK, PINK_L, PURPLE, PURPLE_L, RED, RED_L, TEAL, TEAL_L, WHITE, YELLOW, YELLOW_L,
    Axes, Canvas,
)

W = 2400  # every figure is 2,400 px wide
BASE = "01AIChip/02ChipBase/images/"


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


# ====================================================================== 01CPUBase
def fig_cpu01(path):
    """Von Neumann organisation: a core, its caches, one path to a memory that holds both."""
    c = Canvas(W, 1400)
    title(c, "冯·诺依曼结构与 CPU 的存储层次（示意）",
          "Von Neumann organisation: one memory for instructions and data, caches in between")
    # the chip
    c.rect(120, 220, 1140, 1060, fill=GRAY_L, outline=GRAY, width=4, radius=24)
    c.text(690, 262, "CPU 芯片 CPU chip", size=38, bold=True, color=MUTED)
    c.rect(170, 310, 1040, 390, fill=BLUE_L, outline=BLUE, width=4)
    c.text(690, 350, "处理器核心 Core", size=38, bold=True, color=BLUE)
    c.box(210, 390, 460, 150, "控制单元 Control\n取指 · 译码 · 调度", fill=WHITE, outline=BLUE,
          size=34)
    c.box(710, 390, 460, 150, "运算单元 ALU / FPU\n真正做运算的部分", fill=ORANGE_L, outline=ORANGE,
          size=34)
    c.box(210, 565, 960, 105, "寄存器堆 Register file", fill=WHITE, outline=BLUE, size=36)
    c.box(170, 735, 505, 115, "L1 指令缓存 I-cache", fill=TEAL_L, outline=TEAL, size=34)
    c.box(705, 735, 505, 115, "L1 数据缓存 D-cache", fill=TEAL_L, outline=TEAL, size=34)
    c.box(170, 880, 1040, 115, "L2 缓存 L2 cache", fill=TEAL_L, outline=TEAL, size=36)
    c.box(170, 1025, 1040, 140, "L3 缓存（多个核心共享） Shared L3", fill=TEAL_L, outline=TEAL,
          size=36)
    c.text(690, 1225, "缓存、预测、调度占去核心的大量面积与能耗", size=32, color=INK)
    # the path to memory
    c.arrow(1275, 640, 1545, 640, color=RED, width=12, head=46, both=True)
    c.text(1410, 555, "总线 / 内存控制器", size=32, bold=True, color=RED)
    c.text(1410, 725, "冯·诺依曼瓶颈\nvon Neumann\nbottleneck", size=30, color=RED)
    # main memory
    c.rect(1560, 300, 720, 700, fill=ORANGE_L, outline=ORANGE, width=4, radius=20)
    c.text(1920, 350, "主存 DRAM Main memory", size=40, bold=True, color=ORANGE)
    c.box(1620, 420, 600, 200, "程序指令 Instructions\nload · add · mul · branch …", fill=WHITE,
          outline=ORANGE, size=34)
    c.box(1620, 660, 600, 200, "数据 Data\n权重 · 激活 · 中间结果", fill=WHITE, outline=ORANGE,
          size=34)
    c.text(1920, 925, "指令与数据放在同一个存储器里（存储程序）", size=30, color=INK)
    # the gradient of the hierarchy
    c.arrow(2270, 1200, 1580, 1200, color=MUTED, width=6, head=30)
    c.text(1925, 1110, "越靠近核心：容量越小、延迟越短、\n每次访问的能耗越低", size=32, color=INK)
    c.save(path)


def fig_cpu02(path):
    """Five-stage pipeline: the ideal overlap, and a stall behind a cache miss."""
    c = Canvas(W, 1460)
    title(c, "五级指令流水线：理想重叠与访存停顿（示意）",
          "IF fetch · ID decode · EX execute · MEM memory · WB write back")
    stage_col = {"IF": (BLUE, BLUE_L), "ID": (PURPLE, PURPLE_L), "EX": (ORANGE, ORANGE_L),
                 "MEM": (TEAL, TEAL_L), "WB": (GREEN, GREEN_L), "--": (RED, RED_L)}
    x0, cw, rh = 470, 145, 70
    ncyc = 12

    def panel(y0, label, rows, note, note_col):
        c.text(120, y0 - 40, label, size=38, bold=True, anchor="lm")
        for t in range(ncyc):
            c.text(x0 + t * cw + cw / 2, y0 + 10, str(t + 1), size=28, color=MUTED)
        for i, (name, cells) in enumerate(rows):
            y = y0 + 45 + i * (rh + 12)
            c.text(x0 - 30, y + rh / 2, name, size=32, anchor="rm")
            for t, st in cells:
                col, light = stage_col[st]
                c.rect(x0 + t * cw + 4, y, cw - 8, rh, fill=light, outline=col, width=3, radius=8)
                c.text(x0 + t * cw + cw / 2, y + rh / 2, "停顿" if st == "--" else st, size=28,
                       color=col, bold=True)
        c.text(x0 + ncyc * cw - 10, y0 + 45 + len(rows) * (rh + 12) + 30, note, size=32,
               color=note_col, anchor="rm", bold=True)

    order = ["IF", "ID", "EX", "MEM", "WB"]
    ideal = [(f"I{i + 1}", [(i + s, st) for s, st in enumerate(order)]) for i in range(5)]
    panel(250, "理想情况：每个周期完成一条指令", ideal,
          "5 条指令用 9 个周期；流水线填满后 CPI = 1", GREEN)
    c.text(x0 + ncyc * cw / 2, 215, "时钟周期 Clock cycle", size=30, color=MUTED)
    stall = [
        ("I1", [(0, "IF"), (1, "ID"), (2, "EX"), (3, "MEM"), (4, "WB")]),
        ("I2 load 未命中", [(1, "IF"), (2, "ID"), (3, "EX"), (4, "MEM"), (5, "MEM"), (6, "MEM"),
                         (7, "MEM"), (8, "WB")]),
        ("I3", [(2, "IF"), (3, "ID"), (4, "EX"), (5, "--"), (6, "--"), (7, "--"), (8, "MEM"),
                (9, "WB")]),
        ("I4", [(3, "IF"), (4, "ID"), (5, "--"), (6, "--"), (7, "--"), (8, "EX"), (9, "MEM"),
                (10, "WB")]),
        ("I5", [(4, "IF"), (5, "--"), (6, "--"), (7, "--"), (8, "ID"), (9, "EX"), (10, "MEM"),
                (11, "WB")]),
    ]
    panel(830, "I2 的数据不在缓存里：后面的指令只能等待", stall,
          "同样 5 条指令用 12 个周期；真实的 DRAM 缺失代价远不止 3 个周期", RED)
    c.save(path)


# Horowitz, ISSCC 2014: energy per operation, 45 nm, 0.9 V (pJ). Memory: one 64-bit access.
HOROWITZ = [
    ("8 位整数加法 8b int add", 0.03, None, ORANGE),
    ("32 位整数加法 32b int add", 0.1, None, ORANGE),
    ("8 位整数乘法 8b int mult", 0.2, None, ORANGE),
    ("16 位浮点加法 FP16 add", 0.4, None, ORANGE),
    ("32 位浮点加法 FP32 add", 0.9, None, ORANGE),
    ("16 位浮点乘法 FP16 mult", 1.1, None, ORANGE),
    ("32 位整数乘法 32b int mult", 3.1, None, ORANGE),
    ("32 位浮点乘法 FP32 mult", 3.7, None, ORANGE),
    ("8 KB 缓存 64 位访问 cache", 10.0, None, BLUE),
    ("32 KB 缓存 64 位访问 cache", 20.0, None, BLUE),
    ("1 MB 缓存 64 位访问 cache", 100.0, None, BLUE),
    ("DRAM 64 位访问 DRAM", 1300.0, 2600.0, RED),
]


def fig_cpu03(path):
    """Energy per operation vs per memory access (Horowitz, ISSCC 2014), log scale."""
    c = Canvas(W, 1540)
    title(c, "一次运算与一次访存的能耗（Horowitz，ISSCC 2014，45 nm，0.9 V）",
          "Energy per operation and per 64-bit memory access, picojoules, log scale")
    n = len(HOROWITZ)
    ax = Axes(c, 720, 200, 1560, 1080, (0.01, 10000), (0, n), xlog=True)
    xt = [(10.0 ** k, lab) for k, lab in zip(range(-2, 5),
                                             ["0.01", "0.1", "1", "10", "100", "1000", "10000"])]
    ax.frame(xt, [], "每次操作的能耗（pJ，对数坐标）", "", grid=True)
    for i, (lab, v, v2, col) in enumerate(HOROWITZ):
        yc = 200 + (i + 0.5) * 1080 / n
        x0, _ = ax.px(0.01, 0)
        x1, _ = ax.px(v, 0)
        light = {ORANGE: ORANGE_L, BLUE: BLUE_L, RED: RED_L}[col]
        if v2:
            x2, _ = ax.px(v2, 0)
            c.rect(x1 - 8, yc - 30, x2 - x1 + 8, 60, fill=light, outline=col, width=3, radius=6)
        c.rect(x0, yc - 30, x1 - x0, 60, fill=col, radius=6)
        c.text(700, yc, lab, size=32, anchor="rm")
        val = f"{v:g}" if not v2 else "1300–2600"
        xe = ax.px(v2 or v, 0)[0]
        c.text(xe + 18, yc, val + " pJ", size=32, bold=True, color=col, anchor="lm")
    # legend
    ly = 1480
    for k, (col, lab) in enumerate([(ORANGE, "算术运算 arithmetic"), (BLUE, "片上 SRAM 缓存 on-chip"),
                                   (RED, "片外 DRAM off-chip")]):
        lx = 520 + k * 560
        c.rect(lx, ly - 22, 44, 44, fill=col, radius=6)
        c.text(lx + 62, ly, lab, size=32, anchor="lm")
    c.save(path)


# ====================================================================== 02GPUBase
def fig_gpu01(path):
    """Latency-oriented CPU vs throughput-oriented GPU (schematic, areas not to scale)."""
    c = Canvas(W, 1400)
    title(c, "CPU 与 GPU 的取舍：为延迟优化 vs 为吞吐优化（示意，面积不按实物比例）",
          "A few strong cores with large caches, or many simple cores with many threads")
    # CPU panel
    c.rect(100, 220, 1040, 1000, fill=WHITE, outline=BLUE, width=5, radius=24)
    c.text(620, 270, "CPU：少量强大的核心", size=42, bold=True, color=BLUE)
    for k in range(4):
        x = 150 + (k % 2) * 480
        y = 330 + (k // 2) * 250
        c.rect(x, y, 450, 220, fill=BLUE_L, outline=BLUE, width=3)
        c.box(x + 20, y + 20, 230, 180, "控制\n预测 · 乱序", fill=PURPLE_L, outline=PURPLE, size=30)
        c.box(x + 270, y + 20, 160, 180, "ALU\nSIMD", fill=ORANGE_L, outline=ORANGE, size=30)
    c.box(150, 840, 930, 170, "大容量多级缓存 Large caches", fill=TEAL_L, outline=TEAL, size=38)
    c.box(150, 1040, 930, 100, "DRAM", fill=GRAY_L, outline=GRAY, size=36)
    c.text(620, 1260, "让一个线程尽快完成：降低延迟", size=36, bold=True, color=BLUE)
    # GPU panel
    c.rect(1260, 220, 1040, 1000, fill=WHITE, outline=GREEN, width=5, radius=24)
    c.text(1780, 270, "GPU：大量简单的核心", size=42, bold=True, color=GREEN)
    for s in range(8):
        x = 1300 + (s % 4) * 245
        y = 330 + (s // 4) * 250
        c.rect(x, y, 225, 220, fill=GREEN_L, outline=GREEN, width=3, radius=10)
        c.rect(x + 12, y + 12, 201, 38, fill=PURPLE_L, outline=PURPLE, width=2, radius=6)
        c.text(x + 112, y + 31, "调度", size=22, color=PURPLE)
        for r in range(4):
            for q in range(6):
                c.rect(x + 14 + q * 33, y + 60 + r * 31, 27, 24, fill=ORANGE, radius=4)
        c.rect(x + 12, y + 187, 201, 22, fill=TEAL_L, outline=TEAL, width=2, radius=4)
    c.text(1780, 835, "每组核心（SM）：一个调度器带很多运算单元", size=28, color=MUTED)
    c.box(1300, 870, 960, 140, "较小的共享缓存 + 很大的寄存器堆", fill=TEAL_L, outline=TEAL, size=36)
    c.box(1300, 1040, 960, 100, "高带宽显存（如 HBM）", fill=GRAY_L, outline=GRAY, size=36)
    c.text(1780, 1260, "让成千上万个线程一起完成：提高吞吐", size=36, bold=True, color=GREEN)
    c.text(1200, 1350, "CPU 用缓存和推测隐藏延迟；GPU 用大量驻留线程轮流执行来隐藏延迟",
           size=34, color=INK)
    c.save(path)


def fig_gpu02(path):
    """One A100 SM (4 partitions) and chip-level numbers from the A100 whitepaper."""
    c = Canvas(W, 1500)
    title(c, "NVIDIA A100 的流式多处理器（SM）：数字取自 A100 白皮书",
          "One SM = 4 processing blocks sharing 192 KB of L1 data cache / shared memory")
    sx, sy, sw, sh = 100, 200, 1420, 1240
    c.rect(sx, sy, sw, sh, fill=GRAY_L, outline=GRAY, width=5, radius=24)
    c.text(sx + sw / 2, sy + 40, "一个 SM（A100 共启用 108 个）", size=38, bold=True)
    pw, ph = 655, 480
    for p in range(4):
        px = sx + 40 + (p % 2) * (pw + 30)
        py = sy + 90 + (p // 2) * (ph + 25)
        c.rect(px, py, pw, ph, fill=WHITE, outline=BLUE, width=3, radius=14)
        c.text(px + 20, py + 32, f"分区 {p}", size=28, bold=True, color=BLUE, anchor="lm")
        c.box(px + 130, py + 12, pw - 150, 44, "L0 指令缓存 · warp 调度器 · 分派单元",
              fill=PURPLE_L, outline=PURPLE, size=26, radius=8)
        c.box(px + 20, py + 70, pw - 40, 60, "寄存器堆 16,384 × 32 位（64 KB）", fill=YELLOW_L,
              outline=YELLOW, size=28, radius=8)
        # execution units
        c.box(px + 20, py + 145, 190, 150, "INT32\n× 16", fill=BLUE_L, outline=BLUE, size=30,
              radius=8)
        c.box(px + 225, py + 145, 190, 150, "FP32\n× 16", fill=ORANGE_L, outline=ORANGE, size=30,
              radius=8)
        c.box(px + 430, py + 145, 205, 150, "FP64\n× 8", fill=TEAL_L, outline=TEAL, size=30,
              radius=8)
        c.box(px + 20, py + 310, pw - 40, 80, "第三代 Tensor Core × 1", fill=RED_L, outline=RED,
              size=30, bold=True, radius=8)
        c.box(px + 20, py + 405, 300, 55, "LD/ST 访存单元", fill=GRAY_L, outline=GRAY, size=26,
              radius=8)
        c.box(px + 335, py + 405, 300, 55, "SFU 特殊函数", fill=GRAY_L, outline=GRAY, size=26,
              radius=8)
    c.box(sx + 40, sy + sh - 150, sw - 80, 110, "192 KB L1 数据缓存 / 共享内存（共享内存最多可配置 164 KB）",
          fill=TEAL_L, outline=TEAL, size=32)
    # chip-level facts
    rx = 1580
    c.rect(rx, 200, 720, 1240, fill=WHITE, outline=GREEN, width=4, radius=20)
    c.text(rx + 360, 250, "整颗 A100", size=40, bold=True, color=GREEN)
    facts = [
        ("SM 数量", "108（完整 GA100 为 128）"),
        ("FP32 核心", "108 × 64 = 6,912"),
        ("Tensor Core", "108 × 4 = 432"),
        ("L2 缓存", "40 MB"),
        ("显存", "40 GB HBM2，1,555 GB/s"),
        ("加速频率", "1,410 MHz"),
        ("每 SM 最多驻留", "64 个 warp = 2,048 线程"),
        ("每 SM 寄存器", "65,536 × 32 位 = 256 KB"),
        ("每个 Tensor Core", "每周期 256 次 FP16 乘加（FMA）"),
    ]
    for i, (k, v) in enumerate(facts):
        y = 320 + i * 122
        c.text(rx + 40, y, k, size=30, color=MUTED, anchor="lm")
        c.text(rx + 40, y + 50, v, size=34, bold=True, anchor="lm")
    c.save(path)


def _schedule(nwarps: int, ncycles: int, compute: int = 2, latency: int = 8):
    """Greedy-then-round-robin issue: the scheduler keeps issuing from the same warp while it is
    ready, otherwise takes the next ready warp. Each warp runs `compute` instructions, then a
    load whose data returns `latency` cycles later. Returns per-warp cell states and the issue row."""
    state = [["" for _ in range(ncycles)] for _ in range(nwarps)]
    issue = ["" for _ in range(ncycles)]
    ready_at = [0] * nwarps
    step = [0] * nwarps  # position in the C..C M pattern
    last = 0
    for t in range(ncycles):
        chosen = None
        for k in range(nwarps):
            w = (last + k) % nwarps
            if ready_at[w] <= t:
                chosen = w
                break
        for w in range(nwarps):
            if ready_at[w] > t:
                state[w][t] = "wait"
        if chosen is None:
            issue[t] = "idle"
            continue
        last = chosen
        if step[chosen] < compute:
            state[chosen][t] = "C"
            step[chosen] += 1
            ready_at[chosen] = t + 1
        else:
            state[chosen][t] = "M"
            step[chosen] = 0
            ready_at[chosen] = t + 1 + latency
        issue[t] = f"W{chosen}"
    return state, issue


WARP_COLS = [BLUE, GREEN, PURPLE, PINK]
WARP_LIGHT = [BLUE_L, GREEN_L, PURPLE_L, PINK_L]


def fig_gpu03(path):
    """Latency hiding: with 2 warps the issue slot idles, with 4 warps it stays busy."""
    c = Canvas(W, 1320)
    title(c, "用更多驻留的 warp 隐藏访存延迟（示意：每 2 条计算指令后 1 次访存，延迟 8 周期）",
          "One scheduler issues one instruction per cycle from any ready warp")
    ncyc = 24
    x0, cw, rh = 300, 76, 56

    def panel(y0, nw, label):
        state, issue = _schedule(nw, ncyc)
        c.text(100, y0, label, size=36, bold=True, anchor="lm")
        for w in range(nw):
            y = y0 + 40 + w * (rh + 10)
            c.text(x0 - 25, y + rh / 2, f"warp {w}", size=30, anchor="rm")
            for t in range(ncyc):
                s = state[w][t]
                X = x0 + t * cw
                if s == "C":
                    c.rect(X + 3, y, cw - 6, rh, fill=WARP_COLS[w], radius=6)
                    c.text(X + cw / 2, y + rh / 2, "算", size=26, color=WHITE, bold=True)
                elif s == "M":
                    c.rect(X + 3, y, cw - 6, rh, fill=WARP_COLS[w], radius=6)
                    c.text(X + cw / 2, y + rh / 2, "访", size=26, color=WHITE, bold=True)
                elif s == "wait":
                    c.rect(X + 3, y + 14, cw - 6, rh - 28, fill=GRAY_L, radius=4)
        y = y0 + 40 + nw * (rh + 10) + 10
        c.text(x0 - 25, y + rh / 2, "发射槽", size=30, bold=True, anchor="rm")
        busy = 0
        for t in range(ncyc):
            X = x0 + t * cw
            s = issue[t]
            if s == "idle":
                c.rect(X + 3, y, cw - 6, rh, fill=RED_L, outline=RED, width=2, radius=6)
                c.text(X + cw / 2, y + rh / 2, "空", size=26, color=RED, bold=True)
            else:
                busy += 1
                w = int(s[1:])
                c.rect(X + 3, y, cw - 6, rh, fill=WARP_LIGHT[w], outline=WARP_COLS[w], width=2,
                       radius=6)
                c.text(X + cw / 2, y + rh / 2, s, size=24, color=WARP_COLS[w], bold=True)
        c.text(x0 + ncyc * cw + 30, y + rh / 2, f"忙 {busy}/{ncyc}", size=34, bold=True,
               color=RED if busy < ncyc else GREEN, anchor="lm")
        return y + rh

    for t in range(ncyc):
        c.text(x0 + t * cw + cw / 2, 225, str(t + 1), size=24, color=MUTED)
    end = panel(280, 2, "2 个 warp：两个都在等数据时，发射槽空转")
    panel(end + 90, 4, "4 个 warp：总有一个 warp 就绪，发射槽一直有活干")
    c.text(1200, 1130, "每个 warp 一轮发射 3 条指令、再等 8 个周期：需要约 (3 + 8) / 3 ≈ 3.7 个 warp 才能填满发射槽",
           size=32, bold=True)
    ly = 1250
    c.rect(300, ly - 28, 70, 56, fill=BLUE, radius=6)
    c.text(335, ly, "算", size=26, color=WHITE, bold=True)
    c.text(385, ly, "计算指令", size=30, anchor="lm")
    c.rect(700, ly - 28, 70, 56, fill=BLUE, radius=6)
    c.text(735, ly, "访", size=26, color=WHITE, bold=True)
    c.text(785, ly, "发出访存（load）", size=30, anchor="lm")
    c.rect(1150, ly - 14, 70, 28, fill=GRAY_L, radius=4)
    c.text(1235, ly, "等待数据返回", size=30, anchor="lm")
    c.rect(1580, ly - 28, 70, 56, fill=RED_L, outline=RED, width=2, radius=6)
    c.text(1615, ly, "空", size=26, color=RED, bold=True)
    c.text(1665, ly, "没有就绪的 warp 可发射", size=30, anchor="lm")
    c.save(path)


def fig_gpu04(path):
    """SIMT branch divergence inside one warp of 32 threads."""
    c = Canvas(W, 1300)
    title(c, "SIMT 与分支发散：一个 warp 的 32 个线程共用一条指令流",
          "if (i % 4 < 2) path A else path B: both paths run one after the other, with lanes masked")
    x0, cw = 520, 48
    rows = [
        ("计算条件 i % 4 < 2", lambda i: True, BLUE, BLUE_L),
        ("路径 A：y = 2x", lambda i: i % 4 < 2, GREEN, GREEN_L),
        ("路径 B：y = x + 1", lambda i: i % 4 >= 2, ORANGE, ORANGE_L),
        ("汇合后继续", lambda i: True, BLUE, BLUE_L),
    ]
    for i in range(32):
        if i % 4 == 0:
            c.text(x0 + i * cw + cw / 2, 240, str(i), size=24, color=MUTED)
    c.text(x0 - 30, 240, "线程（lane）编号", size=28, color=MUTED, anchor="rm")
    for r, (lab, active, col, light) in enumerate(rows):
        y = 300 + r * 170
        c.text(x0 - 30, y + 45, lab, size=32, bold=True, anchor="rm")
        n_on = 0
        for i in range(32):
            on = active(i)
            n_on += on
            c.rect(x0 + i * cw + 3, y, cw - 6, 90, fill=col if on else GRAY_L,
                   outline=None if on else GRAY, width=2, radius=6)
        c.text(x0 + 32 * cw + 30, y + 45, f"{n_on}/32 活跃", size=32, bold=True,
               color=col if n_on == 32 else RED, anchor="lm")
        if r < 3:
            c.arrow(x0 - 200, y + 100, x0 - 200, y + 165, color=MUTED, width=4, head=20)
    c.rect(300, 1000, 1800, 230, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1055, "发散的两段各只有一半线程在工作：这一段的有效吞吐降到 50%", size=36,
           bold=True, color=RED)
    c.text(1200, 1125, "灰色 lane 被掩码关闭，仍占着执行槽；不同 warp 之间走不同分支则没有这种代价",
           size=32)
    c.text(1200, 1185, "矩阵乘法这类规整的计算几乎没有分支，天然适合 SIMT", size=32, color=GREEN)
    c.save(path)


# ====================================================================== 03NPUBase
def fig_npu01(path):
    """The spectrum from general-purpose to fixed-function, and the four DSA levers."""
    c = Canvas(W, 1340)
    title(c, "从通用到专用：灵活性与效率的取舍（示意）",
          "General-purpose → domain-specific → fixed-function")
    kinds = [
        ("CPU", "任意程序\n分支多、访存不规则", BLUE, BLUE_L),
        ("GPU", "大规模数据并行\n仍可编程（CUDA 等）", GREEN, GREEN_L),
        ("NPU / TPU（DSA）", "一类领域：神经网络\n矩阵单元 + 软件管理的存储", ORANGE, ORANGE_L),
        ("固定功能 ASIC", "一个算法\n如视频编解码", RED, RED_L),
    ]
    bw, gap, x0, y0 = 510, 40, 120, 230
    for i, (name, desc, col, light) in enumerate(kinds):
        x = x0 + i * (bw + gap)
        c.rect(x, y0, bw, 330, fill=light, outline=col, width=5, radius=20)
        c.text(x + bw / 2, y0 + 60, name, size=42, bold=True, color=col)
        c.text(x + bw / 2, y0 + 200, desc, size=32)
    # the two opposite arrows
    c.arrow(2260, 630, 140, 630, color=BLUE, width=10, head=40)
    c.text(1200, 685, "灵活性更高：新算法、新算子可以直接用软件实现", size=34, color=BLUE, bold=True)
    c.arrow(140, 770, 2260, 770, color=RED, width=10, head=40)
    c.text(1200, 825, "每焦耳、每平方毫米完成的运算更多：控制与数据搬运的开销更小", size=34,
           color=RED, bold=True)
    # Hennessy & Patterson's four reasons
    c.rect(120, 910, 2160, 370, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 965, "Hennessy 与 Patterson（CACM 2019）：领域专用架构更高效的四个原因", size=36,
           bold=True)
    reasons = [
        "① 更匹配的并行方式：SIMD、脉动阵列，而不是多指令流",
        "② 更好地利用存储层次：由软件管理的片上缓冲区",
        "③ 够用即可的低精度：如 8 位整数",
        "④ 领域专用语言：由编译器把程序映射到硬件",
    ]
    for i, r in enumerate(reasons):
        c.text(170 + (i % 2) * 1070, 1065 + (i // 2) * 110, r, size=32, anchor="lm")
    c.save(path)


def fig_npu02(path):
    """Weight-stationary systolic array: inputs flow right, partial sums flow down."""
    c = Canvas(W, 1450)
    title(c, "权重驻留的脉动阵列：输入向右流，部分和向下流（K = N = 4 的示意）",
          "Weight-stationary systolic array computing Y = X · W")
    K = N = 4
    gx, gy, pe, gp = 760, 370, 165, 45
    # weight loading on top
    c.box(gx, 215, N * pe + (N - 1) * gp, 70, "权重预先载入后保持不动  Weights preloaded",
          fill=PURPLE_L, outline=PURPLE, size=30)
    for k in range(K):
        for n in range(N):
            x = gx + n * (pe + gp)
            y = gy + k * (pe + gp)
            c.rect(x, y, pe, pe, fill=ORANGE_L, outline=ORANGE, width=4, radius=12)
            c.text(x + pe / 2, y + pe / 2 - 22, f"w_{{{k}{n}}}", size=38, bold=True)
            c.text(x + pe / 2, y + pe / 2 + 35, "乘加 MAC", size=24, color=MUTED)
            if n < N - 1:
                c.arrow(x + pe + 4, y + pe / 2 - 30, x + pe + gp - 4, y + pe / 2 - 30,
                        color=BLUE, width=5, head=18)
            if k < K - 1:
                c.arrow(x + pe / 2 + 40, y + pe + 4, x + pe / 2 + 40, y + pe + gp - 4,
                        color=GREEN, width=5, head=18)
    # skewed inputs on the left
    cell = 86
    for k in range(K):
        y = gy + k * (pe + gp) + pe / 2 - 30
        for m in range(3):
            x = gx - 30 - (k + m + 1) * cell
            c.rect(x, y - 32, cell - 10, 64, fill=BLUE_L, outline=BLUE, width=2, radius=8)
            c.text(x + (cell - 10) / 2, y, f"x_{{{m},{k}}}", size=26, color=BLUE, bold=True)
        c.arrow(gx - 40, y, gx - 4, y, color=BLUE, width=5, head=18)
    c.text(400, gy + K * (pe + gp) + 10, "输入按行错开一拍进入\n（第 k 行晚 k 个周期）", size=30,
           color=BLUE)
    # outputs at the bottom
    by = gy + K * (pe + gp) - gp + 40
    for n in range(N):
        x = gx + n * (pe + gp)
        c.arrow(x + pe / 2 + 40, by - 36, x + pe / 2 + 40, by + 6, color=GREEN, width=5, head=18)
        c.box(x, by + 10, pe, 70, f"y_{{·{n}}}", fill=GREEN_L, outline=GREEN, size=30)
    c.text(gx + (N * pe + (N - 1) * gp) / 2, by + 125, "完成的部分和从底部流出，进入累加器",
           size=30, color=GREEN)
    # one PE in detail
    rx = 1740
    c.rect(rx, 215, 560, 1180, fill=GRAY_L, outline=GRAY, width=3)
    c.text(rx + 280, 265, "一个处理单元 PE(k, n)", size=34, bold=True)
    c.box(rx + 150, 430, 260, 200, "w_{kn}\n乘 + 加", fill=ORANGE_L, outline=ORANGE, size=34)
    c.arrow(rx + 30, 500, rx + 146, 500, color=BLUE, width=5, head=20)
    c.text(rx + 70, 460, "x", size=32, color=BLUE, bold=True)
    c.arrow(rx + 414, 500, rx + 530, 500, color=BLUE, width=5, head=20)
    c.text(rx + 480, 460, "x", size=32, color=BLUE, bold=True)
    c.arrow(rx + 330, 320, rx + 330, 426, color=GREEN, width=5, head=20)
    c.text(rx + 350, 360, "p", size=32, color=GREEN, bold=True, anchor="lm")
    c.arrow(rx + 330, 634, rx + 330, 740, color=GREEN, width=5, head=20)
    c.text(rx + 350, 700, "p + x·w", size=32, color=GREEN, bold=True, anchor="lm")
    lines = [
        "每个周期：",
        "· 把左边来的 x 乘上 w，",
        "  加到上面来的部分和 p 上",
        "· x 传给右邻，新部分和传给下邻",
        "",
        "x_{m,k} 在第 m + k + n 个",
        "周期到达 PE(k, n)",
        "",
        "x 只读一次，被一行 N 个 PE 复用；",
        "w 只载入一次，被 M 行输入复用",
    ]
    for i, ln in enumerate(lines):
        c.text(rx + 40, 820 + i * 55, ln, size=28, anchor="lm")
    c.save(path)


def fig_npu03(path):
    """Block diagram of the first TPU, simplified, numbers from Jouppi et al. (ISCA 2017)."""
    c = Canvas(W, 1400)
    title(c, "第一代 TPU 的数据通路（简化；数字取自 Jouppi 等，ISCA 2017）",
          "Weights stream from off-chip DRAM, activations stay in a software-managed on-chip buffer")
    # host side
    c.box(100, 250, 420, 150, "主机 CPU Host\n发送指令与数据", fill=GRAY_L, outline=GRAY, size=32)
    c.box(100, 470, 420, 110, "PCIe Gen3 x16 接口", fill=GRAY_L, outline=GRAY, size=32)
    c.arrow(310, 404, 310, 466, color=GRAY, width=6, head=24, both=True)
    # unified buffer
    c.box(100, 680, 420, 330, "统一缓冲区\nUnified Buffer\n24 MiB\n（存放激活值）", fill=BLUE_L,
          outline=BLUE, size=34, bold=False)
    c.arrow(310, 584, 310, 676, color=GRAY, width=6, head=24)
    # systolic data setup
    c.box(640, 680, 300, 330, "脉动数据\n准备\nSystolic\ndata setup", fill=BLUE_L, outline=BLUE,
          size=30)
    c.arrow(524, 845, 636, 845, color=BLUE, width=8, head=30)
    # matrix unit
    mx, my, ms = 1060, 560, 560
    c.rect(mx, my, ms, ms, fill=ORANGE_L, outline=ORANGE, width=6, radius=16)
    for i in range(1, 8):
        c.line([(mx + i * ms / 8, my + 10), (mx + i * ms / 8, my + ms - 10)], "#fdba74", 2)
        c.line([(mx + 10, my + i * ms / 8), (mx + ms - 10, my + i * ms / 8)], "#fdba74", 2)
    c.rect(mx + 70, my + 150, ms - 140, 260, fill=WHITE, outline=ORANGE, width=3, radius=12)
    c.text(mx + ms / 2, my + 200, "矩阵乘单元 MXU", size=36, bold=True, color=ORANGE)
    c.text(mx + ms / 2, my + 265, "256 × 256 = 65,536", size=34, bold=True)
    c.text(mx + ms / 2, my + 315, "个 8 位乘加单元", size=32)
    c.text(mx + ms / 2, my + 365, "700 MHz", size=32)
    c.arrow(944, 845, 1056, 845, color=BLUE, width=8, head=30)
    # weights
    c.box(1060, 220, 560, 110, "片外权重存储 8 GiB DDR3", fill=PURPLE_L, outline=PURPLE, size=32)
    c.box(1060, 400, 560, 100, "权重 FIFO（每块 256×256 字节）", fill=PURPLE_L, outline=PURPLE,
          size=30)
    c.arrow(1340, 334, 1340, 396, color=PURPLE, width=8, head=28)
    c.arrow(1340, 504, 1340, 556, color=PURPLE, width=8, head=28)
    # accumulators and activation
    c.box(1740, 620, 520, 180, "累加器 Accumulators\n4 MiB，32 位", fill=GREEN_L, outline=GREEN,
          size=32)
    c.arrow(1624, 710, 1736, 710, color=GREEN, width=8, head=30)
    c.box(1740, 880, 520, 150, "激活函数 · 归一化 / 池化", fill=GREEN_L, outline=GREEN, size=32)
    c.arrow(2000, 804, 2000, 876, color=GREEN, width=8, head=28)
    c.polyarrow([(2000, 1034), (2000, 1200), (310, 1200), (310, 1014)], color=GREEN, width=8,
                head=30)
    c.text(1150, 1160, "结果写回统一缓冲区，作为下一层的输入", size=30, color=GREEN)
    # peak
    c.rect(1740, 220, 520, 320, fill=WHITE, outline=RED, width=4)
    c.text(2000, 270, "峰值算力", size=34, bold=True, color=RED)
    c.text(2000, 340, "65,536 × 2 × 700 MHz", size=32)
    c.text(2000, 400, "≈ 92 TOPS（8 位）", size=36, bold=True, color=RED)
    c.text(2000, 470, "片上存储合计 28 MiB", size=30)
    c.text(1200, 1300, "不用缓存、乱序执行、多线程等改善平均吞吐的机制，执行是确定的；论文认为这有助于解释它为何较小、功耗较低",
           size=30, color=INK)
    c.save(path)


FIGURES = {
    BASE + "01CPUBase01.png": fig_cpu01,
    BASE + "01CPUBase02.png": fig_cpu02,
    BASE + "01CPUBase03.png": fig_cpu03,
    BASE + "02GPUBase01.png": fig_gpu01,
    BASE + "02GPUBase02.png": fig_gpu02,
    BASE + "02GPUBase03.png": fig_gpu04,
    BASE + "02GPUBase04.png": fig_gpu03,
    BASE + "03NPUBase01.png": fig_npu01,
    BASE + "03NPUBase02.png": fig_npu02,
    BASE + "03NPUBase03.png": fig_npu03,
}


# ====================================================================== decks
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


DECKS: list[dict] = [
    {
        "path": "01AIChip/02ChipBase/01CPUBase.pdf",
        "module": "AI 芯片原理", "chapter": "AI 芯片基础",
        "title": "CPU 基础：面向延迟的通用处理器",
        "subtitle": "流水线、缓存、分支预测、乱序执行与内存墙",
        "tag": "第 01 讲",
        "slides": [
            ("figure", "冯·诺依曼结构", _img("01CPUBase", 1),
             "指令与数据同在一个存储器；处理器与存储器之间的通道是瓶颈（Backus 1978）"),
            ("bullets", "指令流水线", [
                "五级：取指 IF、译码 ID、执行 EX、访存 MEM、写回 WB",
                "k 级、n 条指令：T = (k + n − 1)·τ，加速比趋近 k",
                "冒险：结构冒险、数据冒险、控制冒险",
                "CPI = 1 + 停顿周期总数 / 指令条数",
            ]),
            ("figure", "访存停顿让流水线空转", _img("01CPUBase", 2),
             "理想：5 条指令 9 个周期；I2 缓存缺失后变为 12 个周期（示意）"),
            ("bullets", "隐藏延迟的机制", [
                "缓存：利用时间与空间局部性；T_{avg} = T_{hit} + m × T_{miss}",
                "假设值示例：4 + 5% × 200 = 14 个周期",
                "分支预测：预测错误使 CPI 增加 f_{br} × p × P",
                "乱序执行（Tomasulo 1967）：保留站 + 寄存器重命名，受指令窗口限制",
                "内存墙（Wulf 与 McKee 1995）：缓存只能推迟，不能消除",
            ]),
            ("figure", "运算便宜，搬运昂贵", _img("01CPUBase", 3),
             "Horowitz（ISSCC 2014）：一次 DRAM 访问 ≈ 280–570 次 FP32 乘加的能耗"),
            ("summary", "小结：对深度学习意味着什么", [
                "通用核心的能量大多花在取指、译码、控制和数据搬运上",
                "8 位整数乘法 0.2 pJ，约为 FP32 乘法 3.7 pJ 的 1/18",
                "深度学习：规整、高度并行、容忍低精度",
                "需要：一条指令驱动大量运算单元 + 片上数据复用 + 高带宽",
            ]),
        ],
    },
    {
        "path": "01AIChip/02ChipBase/02GPUBase.pdf",
        "module": "AI 芯片原理", "chapter": "AI 芯片基础",
        "title": "GPU 基础：面向吞吐的并行处理器",
        "subtitle": "SIMT、warp、延迟隐藏与占用率",
        "tag": "第 02 讲",
        "slides": [
            ("figure", "为延迟优化 vs 为吞吐优化", _img("02GPUBase", 1),
             "Little 定律 L = λW：延迟 W 缩不短，就增大在途工作量 L"),
            ("figure", "A100 的 SM", _img("02GPUBase", 2),
             "A100 白皮书：108 个 SM，每 SM 64 个 FP32 核心、4 个 Tensor Core，L2 40 MB"),
            ("bullets", "由白皮书数字复算峰值", [
                "FP32：108 × 64 × 2 × 1.41 GHz ≈ 19.5 TFLOP/s",
                "FP16 Tensor Core：108 × 4 × 256 × 2 × 1.41 GHz ≈ 312 TFLOP/s",
                "两者相差 16 倍，与数据手册一致",
                "每 SM 寄存器 256 KB，大于 192 KB 的 L1/共享内存",
            ]),
            ("figure", "SIMT 与分支发散", _img("02GPUBase", 3),
             "32 个线程组成一个 warp，同一时刻执行一条公共指令（CUDA 编程指南）"),
            ("figure", "用更多 warp 隐藏延迟", _img("02GPUBase", 4),
             "示意：2 个 warp 时发射槽忙 14/24，4 个 warp 时 24/24"),
            ("bullets", "在途数据量与占用率", [
                "在途数据 = 带宽 × 延迟：1,555 GB/s × 500 ns（假设值）≈ 778 KB",
                "每 SM 约 7.2 KB；4 字节读取需约 1,800 线程 ≈ 56 warp（上限 64）",
                "寄存器限制：65536 / (32·r) 向下取整个 warp；r = 64 时占用率 50%",
                "占用率是手段不是目标（CUDA 最佳实践指南）",
            ]),
            ("summary", "小结", [
                "GPU 用大量驻留线程隐藏延迟，切换几乎没有代价",
                "warp 内分支发散会让两条路径串行执行",
                "大矩阵乘法是理想负载；小问题喂不饱 GPU",
                "Tensor Core 说明 GPU 也在向专用矩阵单元靠拢",
            ]),
        ],
    },
    {
        "path": "01AIChip/02ChipBase/03NPUBase.pdf",
        "module": "AI 芯片原理", "chapter": "AI 芯片基础",
        "title": "NPU 基础：领域专用加速器与脉动阵列",
        "subtitle": "以第一代 TPU 为例看效率与灵活性的取舍",
        "tag": "第 03 讲",
        "slides": [
            ("figure", "为什么要专用", _img("03NPUBase", 1),
             "Hennessy 与 Patterson（CACM 2019）：DSA 更高效的四个原因"),
            ("figure", "权重驻留的脉动阵列", _img("03NPUBase", 2),
             "Kung（1982）：数据有节奏地流过相邻的处理单元，读一次、用多次"),
            ("bullets", "脉动阵列的节拍与访存", [
                "PE(k, n) 保存 w_{kn}；x_{m,k} 在第 m + k + n 个周期到达",
                "单独一块需 M + K + N − 2 个周期",
                "访存次数 / 乘加次数 = 1/N + 1/M + 1/K",
                "K = N = M = 256 时约 1.2%",
            ]),
            ("figure", "第一代 TPU", _img("03NPUBase", 3),
             "Jouppi 等（ISCA 2017）：256 × 256 个 8 位乘加单元，700 MHz，峰值 92 TOPS"),
            ("bullets", "论文的主要结论", [
                "2015 年起部署于数据中心，只做推理",
                "确定性执行：不用缓存、乱序执行、多线程",
                "相对同期 Haswell CPU 与 K80 GPU：快约 15–30 倍，TOPS/W 高约 30–80 倍",
                "六个应用中四个受限于内存带宽；权重计算强度 I = 2M 次运算/字节",
            ]),
            ("summary", "小结：效率与灵活性", [
                "形状固定：K = 256、N = 100 时只用到 39% 的列",
                "填充与排空：利用率 M / (M + K + N − 2)",
                "精度与功能固定，模型变化快于芯片迭代",
                "GPU 加入矩阵单元，NPU 加入向量与控制：两者正在靠拢",
            ]),
        ],
    },
]
