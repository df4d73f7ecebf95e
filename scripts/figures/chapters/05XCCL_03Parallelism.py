"""Figures and slide decks of 05XCCL/03Parallelism (并行训练中的集合通信: data, tensor, pipeline).

Loaded by registry.py, which puts scripts/figures on sys.path first. Every number drawn here is one
the articles cite next to the figure: the ZeRO paper (Rajbhandari et al., arXiv:1910.02054: 16 bytes
of model state per parameter, the 7.5B-parameter / 64-GPU example, 2Ψ and 3Ψ communication), the
Megatron-LM papers (arXiv:1909.08053, arXiv:2104.04473, arXiv:2205.05198), GPipe (arXiv:1811.06965),
the NVIDIA A100 datasheet and whitepaper (312 TFLOP/s FP16 dense, NVLink 300 GB/s per direction),
and the outputs of the small scripts shown in the articles. Values marked 假设 are assumed, and
diagrams marked 示意 are schematic.
"""

from __future__ import annotations

from figlib import (
    BLUE, BLUE_L, GRAY, GRAY_L, GREEN, GREEN_L, INK, MUTED, ORANGE, ORANGE_L,
    PINK, PINK_L, PURPLE, PURPLE_L, RED, RED_L, TEAL, TEAL_L, WHITE, YELLOW, YELLOW_L,
    Axes, Canvas,
)

W = 2400  # every figure is 2,400 px wide
BASE = "05XCCL/03Parallelism/images/"

RANK_COLORS = [BLUE, GREEN, ORANGE, PURPLE]
RANK_LIGHT = [BLUE_L, GREEN_L, ORANGE_L, PURPLE_L]


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


# ---------------------------------------------------------------- shared numbers
# ZeRO paper, Figure 1 example: Ψ = 7.5e9 parameters, K = 12, N_d = 64, mixed-precision Adam.
PSI = 7.5e9
ND = 64


def zero_memory_gb():
    """Per-GPU model-state memory (GB, 1e9 bytes) for DP and the three ZeRO stages."""
    return [
        ("数据并行\nBaseline DP", (2 * PSI + 2 * PSI + 12 * PSI) / 1e9),
        ("ZeRO-1\nP_{os}", (2 * PSI + 2 * PSI + 12 * PSI / ND) / 1e9),
        ("ZeRO-2\nP_{os+g}", (2 * PSI + (2 * PSI + 12 * PSI) / ND) / 1e9),
        ("ZeRO-3\nP_{os+g+p}", (16 * PSI / ND) / 1e9),
    ]


# ====================================================================== 01DataParallel
def fig_dp01(path):
    """One data-parallel step: where the gradient all-reduce goes, three ways (schematic)."""
    c = Canvas(W, 1500)
    title(c, "数据并行的一步：梯度全归约放在哪里（示意）",
          "One all-reduce of all gradients per optimizer step; when it starts is the design choice")
    # top: 4 replicas
    for r in range(4):
        x = 170 + r * 540
        c.rect(x, 210, 460, 230, fill=RANK_LIGHT[r], outline=RANK_COLORS[r], width=4)
        c.text(x + 230, 250, f"GPU {r}", size=36, bold=True, color=RANK_COLORS[r])
        c.box(x + 30, 290, 400, 60, "完整模型副本 Full replica", fill=WHITE, outline=RANK_COLORS[r],
              size=28, radius=8)
        c.box(x + 30, 365, 400, 60, f"第 {r} 份数据 Data shard {r}", fill=WHITE,
              outline=RANK_COLORS[r], size=28, radius=8)
    c.rect(170, 465, 2080, 70, fill=RED_L, outline=RED, width=3, radius=10)
    c.text(1210, 500, "梯度全归约 All-Reduce：Ψ 个元素，环形算法每卡收发约 2(p−1)/p · Ψ 个元素",
           size=32, bold=True, color=RED)

    x0, sc = 560, 62.0  # 1 time unit = sc px

    def X(t):
        return x0 + t * sc

    def bar(t0, t1, y, label, fill, outline, color=INK, h=64):
        c.rect(X(t0), y, (t1 - t0) * sc - 4, h, fill=fill, outline=outline, width=3, radius=8)
        if label:
            c.text((X(t0) + X(t1)) / 2, y + h / 2, label, size=26, color=color)

    rows_y = [640, 900, 1160]
    labels = ["① 反向结束后再同步\nNo overlap", "② 分桶，边反向边同步\nBucketed overlap",
              "③ 梯度累积：只在最后\n一个微批次同步"]
    for y, lab in zip(rows_y, labels):
        c.text(x0 - 30, y + 70, lab, size=30, bold=True, anchor="rm")
        c.text(x0 - 30 + 0, y + 70, "", size=10)
    # row 1
    y = rows_y[0]
    bar(0, 6, y, "前向 Fwd", BLUE_L, BLUE)
    bar(6, 18, y, "反向 Bwd（产生全部梯度）", GREEN_L, GREEN)
    bar(18, 25, y + 80, "全归约 All-Reduce", RED, RED, WHITE)
    bar(25, 27, y, "更新", YELLOW_L, YELLOW)
    # row 2: four buckets, the last layers' gradients are ready first
    y = rows_y[1]
    bar(0, 6, y, "前向 Fwd", BLUE_L, BLUE)
    for k in range(4):
        bar(6 + 3 * k, 9 + 3 * k, y, f"反向·桶{k}", GREEN_L, GREEN)
        bar(9 + 3 * k, 9 + 3 * k + 1.75, y + 80, "", RED, RED)
    c.text(X(9) + 10, y + 180, "桶 k 的梯度全部就绪即发起异步全归约（通信流）", size=26, color=RED,
           anchor="lm")
    bar(19.75, 21.75, y, "更新", YELLOW_L, YELLOW)
    # row 3: accumulation over 3 micro-batches, sync only in the last backward
    y = rows_y[2]
    t = 0.0
    for mb in range(3):
        bar(t, t + 2, y, f"F{mb}", BLUE_L, BLUE)
        bar(t + 2, t + 6, y, f"B{mb}", GREEN_L, GREEN)
        t += 6
    for k in range(4):
        bar(14 + k, 15 + k, y + 80, "", RED, RED)
    bar(18.2, 20.2, y, "更新", YELLOW_L, YELLOW)
    c.text(X(0), y + 180, "前两个微批次只在本地累加梯度（PyTorch DDP 的 no_sync）；通信次数降为 1/3",
           size=26, color=RED, anchor="lm")
    c.text(1200, 1440, "横轴为时间（示意，不按比例）；红色为通信，其余为计算", size=30, color=MUTED)
    c.save(path)


def fig_dp02(path):
    """ZeRO: per-GPU memory (paper's 7.5B / 64-GPU example) and per-GPU communication."""
    c = Canvas(W, 1400)
    title(c, "ZeRO 的三个阶段：省下的显存与多付的通信",
          "Left: Ψ = 7.5B, N_{d} = 64, Adam mixed precision (ZeRO paper's example). "
          "Right: elements sent per GPU per step")
    # left panel: memory
    mem = zero_memory_gb()
    ax = Axes(c, 260, 260, 860, 880, (0, 4), (0, 130))
    ax.frame([], [(0, "0"), (30, "30"), (60, "60"), (90, "90"), (120, "120")],
             "", "每卡模型状态显存（GB）", size=30)
    cols = [GRAY, BLUE, GREEN, ORANGE]
    for i, (lab, v) in enumerate(mem):
        x0, _ = ax.px(i + 0.18, 0)
        x1, _ = ax.px(i + 0.82, 0)
        _, yt = ax.px(0, v)
        _, yb = ax.px(0, 0)
        c.rect(x0, yt, x1 - x0, yb - yt, fill=cols[i], radius=6)
        c.text((x0 + x1) / 2, yt - 32, f"{v:.1f} GB", size=32, bold=True, color=cols[i])
        c.text((x0 + x1) / 2, yb + 65, lab, size=26)
    c.text(690, 1290, "由 (2 + 2 + 12)Ψ 字节按阶段切分算得", size=28, color=MUTED)
    # right panel: communication, stacked segments in units of Ψ
    ax2 = Axes(c, 1440, 260, 860, 880, (0, 4), (0, 3.4))
    ax2.frame([], [(0, "0"), (1, "1Ψ"), (2, "2Ψ"), (3, "3Ψ")], "", "", size=30)
    c.text(1870, 225, "每卡每步发送的元素数（p 很大时）", size=30, bold=True)
    stacks = [
        ("数据并行\n全归约", [("RS", 1, RED), ("AG", 1, PINK)]),
        ("ZeRO-1", [("RS 梯度", 1, RED), ("AG 参数", 1, TEAL)]),
        ("ZeRO-2", [("RS 梯度", 1, RED), ("AG 参数", 1, TEAL)]),
        ("ZeRO-3", [("AG 前向", 1, TEAL), ("AG 反向", 1, TEAL), ("RS 梯度", 1, RED)]),
    ]
    for i, (lab, segs) in enumerate(stacks):
        x0, _ = ax2.px(i + 0.18, 0)
        x1, _ = ax2.px(i + 0.82, 0)
        base = 0
        for name, v, col in segs:
            _, yt = ax2.px(0, base + v)
            _, yb = ax2.px(0, base)
            c.rect(x0, yt + 3, x1 - x0, yb - yt - 6, fill=col, radius=6)
            c.text((x0 + x1) / 2, (yt + yb) / 2, name, size=26, color=WHITE, bold=True)
            base += v
        _, yt = ax2.px(0, base)
        c.text((x0 + x1) / 2, yt - 32, f"{base:g}Ψ", size=32, bold=True)
        _, yb = ax2.px(0, 0)
        c.text((x0 + x1) / 2, yb + 65, lab, size=26)
    c.text(1870, 1290, "RS = 归约散播 Reduce-Scatter · AG = 全收集 All-Gather", size=28,
           color=MUTED)
    c.save(path)


def fig_dp03(path):
    """ZeRO-3 / FSDP timeline: gather parameters layer by layer, reduce-scatter gradients."""
    c = Canvas(W, 1300)
    title(c, "ZeRO-3：参数按层临时收集，梯度按片归约（示意，4 层）",
          "Each layer's full weights exist only while that layer runs; comm stream runs one layer ahead")
    x0, sc = 380, 68.0

    def X(t):
        return x0 + t * sc

    yc, ym = 330, 520
    c.text(x0 - 30, yc + 40, "计算流\nCompute", size=32, bold=True, anchor="rm")
    c.text(x0 - 30, ym + 40, "通信流\nComm", size=32, bold=True, anchor="rm")
    # forward: AG(W_i) then F_i; the gather of the next layer overlaps the current layer
    for i in range(4):
        c.rect(X(i * 2.2), ym, 2.0 * sc - 6, 80, fill=TEAL_L, outline=TEAL, width=3, radius=8)
        c.text(X(i * 2.2) + sc, ym + 40, f"AG W{i + 1}", size=26, color=TEAL, bold=True)
        c.rect(X(i * 2.2 + 2.0), yc, 2.0 * sc - 6, 80, fill=BLUE_L, outline=BLUE, width=3, radius=8)
        c.text(X(i * 2.2 + 2.0) + sc, yc + 40, f"F{i + 1}", size=30, color=BLUE, bold=True)
    f_end = 3 * 2.2 + 4.0
    t = f_end + 2.0
    # backward: gather W_i again, compute B_i, then reduce-scatter the gradient of layer i
    for j, i in enumerate([4, 3, 2, 1]):
        ts = t + j * 3.0
        c.rect(X(ts - 2.0), ym, 2.0 * sc - 6, 80, fill=TEAL_L, outline=TEAL, width=3, radius=8)
        c.text(X(ts - 2.0) + sc, ym + 40, f"AG W{i}", size=26, color=TEAL, bold=True)
        c.rect(X(ts), yc, 3.0 * sc - 6, 80, fill=GREEN_L, outline=GREEN, width=3, radius=8)
        c.text(X(ts) + 1.5 * sc, yc + 40, f"B{i}", size=30, color=GREEN, bold=True)
        c.rect(X(ts + 3.0), ym + 100, 1.8 * sc - 6, 80, fill=RED_L, outline=RED, width=3, radius=8)
        c.text(X(ts + 3.0) + 0.9 * sc, ym + 140, f"RS G{i}", size=26, color=RED, bold=True)
    c.line([(X(f_end) + 2, 290), (X(f_end) + 2, 720)], "#9ca3af", 3, dash=(12, 10))
    c.text(X(f_end / 2), 270, "前向 Forward", size=32, bold=True, color=BLUE)
    c.text(X(t + 6), 270, "反向 Backward", size=32, bold=True, color=GREEN)
    # bottom: what each rank holds
    c.rect(120, 800, 2160, 420, fill=GRAY_L, outline=GRAY, width=3, radius=18)
    c.text(1200, 850, "每卡常驻的只有自己那 1/N_{d}：参数片、梯度片、优化器状态片", size=36, bold=True)
    items = [
        (TEAL, "全收集 AG Wi", "把第 i 层参数的 N_{d} 片拼成完整权重；\n用完即释放。前向、反向各一次 → 2Ψ"),
        (RED, "归约散播 RS Gi", "第 i 层梯度求和后按片分给各卡；\n每卡只更新自己那片 → Ψ"),
        (GRAY, "合计 3Ψ", "比数据并行的 2Ψ 多 50%（ZeRO 论文）；\n换来每卡模型状态降到 16Ψ/N_{d} 字节"),
    ]
    for k, (col, head, body) in enumerate(items):
        x = 170 + k * 710
        c.rect(x, 905, 650, 280, fill=WHITE, outline=col, width=4, radius=14)
        c.text(x + 325, 955, head, size=34, bold=True, color=col)
        c.text(x + 325, 1075, body, size=27)
    c.save(path)


# ====================================================================== 02TensorParallel
def fig_tp01(path):
    """Column- then row-parallel MLP on 2 GPUs: one all-reduce at the end (forward)."""
    c = Canvas(W, 1400)
    title(c, "列并行 + 行并行：MLP 前向只需一次全归约（t = 2）",
          "Y_{i} = GeLU(X·A_{i}) needs no communication; Z = Σ Y_{i}·B_{i} needs one all-reduce")
    # input X
    c.box(110, 560, 260, 260, "X\nb·s × h", fill=GRAY_L, outline=GRAY, size=38, bold=True)
    c.box(430, 600, 170, 180, "f", fill=YELLOW_L, outline=YELLOW, size=56, bold=True)
    c.text(515, 830, "前向：恒等\n反向：全归约", size=26, color=YELLOW)
    for r in range(2):
        y = 250 + r * 560
        col, light = RANK_COLORS[r], RANK_LIGHT[r]
        c.rect(690, y - 30, 1200, 440, fill=WHITE, outline=col, width=4, radius=20)
        c.text(720, y, f"GPU {r}", size=34, bold=True, color=col, anchor="lm")
        c.arrow(600, 690, 700, y + 180, color=INK, width=4, head=22)
        c.box(730, y + 60, 250, 230, f"A_{{{r + 1}}}\nh × 4h/t\n列切 column", fill=light, outline=col,
              size=30)
        c.arrow(985, y + 175, 1050, y + 175, color=INK, width=4, head=20)
        c.box(1055, y + 95, 230, 160, f"GeLU\n→ Y_{{{r + 1}}}", fill=WHITE, outline=col, size=32)
        c.arrow(1290, y + 175, 1355, y + 175, color=INK, width=4, head=20)
        c.box(1360, y + 60, 250, 230, f"B_{{{r + 1}}}\n4h/t × h\n行切 row", fill=light, outline=col,
              size=30)
        c.arrow(1615, y + 175, 1680, y + 175, color=INK, width=4, head=20)
        c.box(1685, y + 95, 180, 160, f"Z_{{{r + 1}}}\n部分和", fill=light, outline=col, size=30)
        c.arrow(1870, y + 175, 1945, 690, color=INK, width=4, head=22)
    c.box(1950, 580, 170, 220, "g", fill=RED_L, outline=RED, size=56, bold=True)
    c.text(2035, 850, "前向：全归约\n反向：恒等", size=26, color=RED)
    c.arrow(2125, 690, 2190, 690, color=INK, width=5, head=22)
    c.box(2195, 600, 170, 180, "Z\nb·s×h", fill=GRAY_L, outline=GRAY, size=30, bold=True)
    c.text(1200, 1300, "GeLU 是逐元素运算，列切后各卡可各自计算；行切的两个部分和 Z_{1} + Z_{2} "
           "才是完整结果", size=30, color=MUTED)
    c.save(path)


def fig_tp02(path):
    """A Megatron transformer layer: where f and g sit; 2 all-reduces forward, 2 backward."""
    c = Canvas(W, 1400)
    title(c, "一个 Transformer 层的张量并行通信：前向 2 次、反向 2 次全归约",
          "Self-attention split by heads, MLP split by columns/rows (Shoeybi et al., arXiv:1909.08053)")
    y = 330
    blocks = [
        ("LN", GRAY_L, GRAY, 140), ("f", YELLOW_L, YELLOW, 110),
        ("自注意力\n按头切分\nQKV 列切 · 输出投影行切", BLUE_L, BLUE, 430),
        ("g", RED_L, RED, 110), ("Dropout\n+ 残差", GRAY_L, GRAY, 200),
        ("LN", GRAY_L, GRAY, 140), ("f", YELLOW_L, YELLOW, 110),
        ("MLP\nA 列切 · B 行切", GREEN_L, GREEN, 380),
        ("g", RED_L, RED, 110), ("Dropout\n+ 残差", GRAY_L, GRAY, 200),
    ]
    x = 100
    centers = []
    for lab, fill, out, w in blocks:
        c.box(x, y, w, 230, lab, fill=fill, outline=out, size=30 if len(lab) > 3 else 44,
              bold=lab in ("f", "g"))
        centers.append((x + w / 2, lab))
        x += w + 28
    for (cx, lab) in centers:
        if lab == "g":
            c.arrow(cx, y + 330, cx, y + 240, color=RED, width=6, head=28)
            c.text(cx, y + 370, "前向全归约", size=28, color=RED, bold=True)
        if lab == "f":
            c.arrow(cx, y + 240, cx, y + 330, color=YELLOW, width=6, head=28)
            c.text(cx, y + 370, "反向全归约", size=28, color=YELLOW, bold=True)
    c.arrow(100, y - 50, 2280, y - 50, color=MUTED, width=4, head=24)
    c.text(1190, y - 85, "前向方向 Forward →（反向时数据自右向左流动）", size=30, color=MUTED)
    # table
    ty = 830
    c.rect(150, ty, 2100, 460, fill=WHITE, outline=GRAY, width=3, radius=18)
    rows = [
        ("每次全归约的张量", "b · s · h 个元素（微批次 b、序列长 s、隐藏维 h）"),
        ("每层每个微批次", "前向 2 次 + 反向 2 次 = 4 次全归约"),
        ("环形算法每卡发送", "4 × 2(t−1)/t × b·s·h = 8·b·s·h·(t−1)/t 个元素（Narayanan 等 2021）"),
        ("能否与计算重叠", "朴素实现中，后续计算直接依赖全归约结果，只能等待"),
    ]
    for k, (a, b) in enumerate(rows):
        yy = ty + 60 + k * 105
        c.text(200, yy, a, size=32, bold=True, anchor="lm")
        c.text(720, yy, b, size=32, anchor="lm")
        if k < 3:
            c.line([(190, yy + 52), (2210, yy + 52)], "#e5e7eb", 2)
    c.save(path)


# worked example of the article (assumed b, s, h): per-layer forward compute vs communication
TP_EX = {
    "b": 1, "s": 2048, "h": 12288, "t": 8,
}


def tp_example():
    b, s, h, t = TP_EX["b"], TP_EX["s"], TP_EX["h"], TP_EX["t"]
    flops = 24 * b * s * h * h + 4 * b * s * s * h          # per layer forward (Narayanan et al.)
    t_comp = flops / t / 312e12                              # A100 FP16 dense peak (datasheet)
    msg = b * s * h * 2                                      # bytes, FP16
    per_ar = 2 * (t - 1) / t * msg                           # ring, bytes sent per GPU
    return t_comp, 2 * per_ar / 300e9, 2 * per_ar / 25e9


def fig_tp03(path):
    """Per-layer forward: compute at peak vs the two all-reduces on NVLink and on a 25 GB/s NIC."""
    c = Canvas(W, 1200)
    t_comp, t_nvl, t_ib = tp_example()
    title(c, "为什么张量并行留在服务器内：一层前向的计算与通信（t = 8）",
          "b = 1, s = 2048, h = 12288 (assumed), FP16; compute at A100 peak 312 TFLOP/s; bandwidth term only")
    rows = [
        ("计算（每卡 1/8）\n按峰值 312 TFLOP/s", t_comp, BLUE, BLUE_L),
        ("2 次全归约\nNVLink 300 GB/s", t_nvl, GREEN, GREEN_L),
        ("2 次全归约\n网卡 25 GB/s（假设）", t_ib, RED, RED_L),
    ]
    x0, sc = 620, 1500 / 8.0  # px per ms
    for k, (lab, v, col, light) in enumerate(rows):
        y = 300 + k * 230
        c.text(x0 - 30, y + 60, lab, size=32, bold=True, anchor="rm")
        c.rect(x0, y, v * 1e3 * sc, 120, fill=col, radius=10)
        c.text(x0 + v * 1e3 * sc + 25, y + 60, f"{v * 1e3:.2f} ms", size=38, bold=True, color=col,
               anchor="lm")
    for ms in range(0, 9):
        xx = x0 + ms * sc
        c.line([(xx, 990), (xx, 1005)], INK, 3)
        c.text(xx, 1040, str(ms), size=28)
    c.line([(x0, 990), (x0 + 8 * sc, 990)], INK, 3)
    c.text(x0 + 4 * sc, 1100, "时间（ms）；只算带宽项，未计延迟 α 与实际带宽折损", size=30, color=MUTED)
    c.save(path)


def fig_tp04(path):
    """Sequence parallelism: all-reduce becomes reduce-scatter + all-gather (t = 2, schematic)."""
    c = Canvas(W, 1400)
    title(c, "序列并行：把全归约拆成归约散播 + 全收集（t = 2，示意）",
          "LayerNorm and dropout work on s/t tokens per GPU; the bytes on the wire stay the same")

    def band(x, y, label, halves, col=GRAY, light=GRAY_L, w=250):
        """A tensor drawn as a tall box; halves=True splits it along the sequence dimension."""
        if halves:
            c.rect(x, y, w, 130, fill=RANK_LIGHT[0], outline=RANK_COLORS[0], width=3, radius=6)
            c.rect(x, y + 140, w, 130, fill=RANK_LIGHT[1], outline=RANK_COLORS[1], width=3, radius=6)
            c.text(x + w / 2, y + 65, "GPU0: s/2", size=26, color=RANK_COLORS[0], bold=True)
            c.text(x + w / 2, y + 205, "GPU1: s/2", size=26, color=RANK_COLORS[1], bold=True)
        else:
            c.rect(x, y, w, 270, fill=light, outline=col, width=3, radius=6)
            c.text(x + w / 2, y + 135, "每卡完整 s", size=26, color=col, bold=True)
        c.text(x + w / 2, y - 35, label, size=28, bold=True)

    # top row: tensor parallel only
    c.text(120, 260, "仅张量并行", size=36, bold=True, anchor="lm", color=INK)
    y = 360
    band(120, y, "LN / Dropout", False)
    c.arrow(380, y + 135, 450, y + 135, width=4, head=20)
    band(460, y, "列切线性层输入", False, BLUE, BLUE_L)
    c.text(880, y + 135, "… 注意力或 MLP …", size=30, color=MUTED)
    band(1110, y, "行切输出：部分和", False, ORANGE, ORANGE_L)
    c.arrow(1370, y + 135, 1640, y + 135, color=RED, width=8, head=30)
    c.text(1505, y + 90, "全归约 AR", size=32, bold=True, color=RED)
    band(1660, y, "Dropout + 残差", False)
    c.text(2050, y + 135, "LN/Dropout 在每卡\n重复计算、重复存储", size=28, color=MUTED)
    # bottom row: with sequence parallelism
    c.text(120, 800, "张量并行 + 序列并行", size=36, bold=True, anchor="lm", color=INK)
    y = 900
    band(120, y, "LN / Dropout", True)
    c.arrow(380, y + 135, 450, y + 135, color=TEAL, width=8, head=30)
    c.text(415, y + 320, "全收集 AG", size=30, bold=True, color=TEAL)
    band(460, y, "列切线性层输入", False, BLUE, BLUE_L)
    c.text(880, y + 135, "… 注意力或 MLP …", size=30, color=MUTED)
    band(1110, y, "行切输出：部分和", False, ORANGE, ORANGE_L)
    c.arrow(1370, y + 135, 1640, y + 135, color=RED, width=8, head=30)
    c.text(1505, y + 90, "归约散播 RS", size=32, bold=True, color=RED)
    band(1660, y, "Dropout + 残差", True)
    c.text(2050, y + 135, "激活按序列维切开；\nAG + RS 与 AR 的\n通信量相同", size=28, color=MUTED)
    c.save(path)


# ====================================================================== 03PipelineParallel
def schedule(p, m, kind, tf=1, tb=2):
    """Simulate a synchronous pipeline schedule. Returns {stage: [(kind, mb, start, end)]}."""
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
                nf += 1
                nb += 1
            ops += [("B", i) for i in range(nb, m)]
        order[s] = ops
    done = {}
    free = [0] * p
    out = {s: [] for s in range(p)}
    idx = [0] * p
    remaining = sum(len(v) for v in order.values())
    while remaining:
        progressed = False
        for s in range(p):
            if idx[s] >= len(order[s]):
                continue
            k, i = order[s][idx[s]]
            if k == "F":
                dep = done.get(("F", s - 1, i), 0) if s > 0 else 0
                ready = s == 0 or ("F", s - 1, i) in done
            else:
                dep = done.get(("B", s + 1, i), 0) if s < p - 1 else done.get(("F", s, i), 0)
                ready = (("B", s + 1, i) in done) if s < p - 1 else (("F", s, i) in done)
            if not ready:
                continue
            st = max(free[s], dep)
            en = st + (tf if k == "F" else tb)
            done[(k, s, i)] = en
            free[s] = en
            out[s].append((k, i, st, en))
            idx[s] += 1
            remaining -= 1
            progressed = True
        if not progressed:
            raise RuntimeError("deadlock")
    return out


def fig_pp01(path):
    """Pipeline stages exchange activations and gradients point to point (schematic, p = 4)."""
    c = Canvas(W, 1250)
    title(c, "流水线并行：相邻阶段之间点对点收发（p = 4，示意）",
          "Send/recv of one b·s·h activation per micro-batch forward, one gradient of the same size backward")
    for s in range(4):
        x = 140 + s * 570
        c.rect(x, 260, 420, 430, fill=RANK_LIGHT[s], outline=RANK_COLORS[s], width=4, radius=20)
        c.text(x + 210, 305, f"阶段 {s}  Stage {s}", size=36, bold=True, color=RANK_COLORS[s])
        c.text(x + 210, 360, f"GPU {s}（可在不同服务器）", size=26, color=MUTED)
        for l in range(3):
            c.box(x + 40, 400 + l * 90, 340, 72, f"第 {3 * s + l + 1} 层 Layer", fill=WHITE,
                  outline=RANK_COLORS[s], size=28, radius=8)
        if s < 3:
            c.arrow(x + 430, 420, x + 560, 420, color=BLUE, width=7, head=30)
            c.arrow(x + 560, 560, x + 430, 560, color=GREEN, width=7, head=30)
            c.text(x + 495, 380, "send", size=26, color=BLUE, bold=True)
            c.text(x + 495, 605, "send", size=26, color=GREEN, bold=True)
    c.rect(140, 760, 2130, 420, fill=WHITE, outline=GRAY, width=3, radius=18)
    lines = [
        (BLUE, "前向：阶段 k 把最后一层的输出激活发给阶段 k+1 —— b·s·h 个元素"),
        (GREEN, "反向：阶段 k+1 把对这份激活的梯度发回阶段 k —— 同样 b·s·h 个元素"),
        (INK, "只有两个进程参与的 send/recv，不是集合通信；NCCL 用 ncclSend / ncclRecv 实现"),
        (INK, "数据量与阶段内有多少层无关：层越多，每字节通信对应的计算越多"),
    ]
    for k, (col, s) in enumerate(lines):
        y = 830 + k * 92
        c.circle(200, y, 12, fill=col)
        c.text(240, y, s, size=32, anchor="lm", color=INK)
    c.save(path)


def _draw_schedule(c, y0, label, sched, p, m, sc, x0):
    c.text(x0, y0 - 40, label, size=34, bold=True, anchor="lm")
    rh = 74
    end = max(e for ops in sched.values() for *_, e in ops)
    for s in range(p):
        y = y0 + s * (rh + 10)
        c.text(x0 - 20, y + rh / 2, f"阶段 {s}", size=28, anchor="rm")
        c.rect(x0, y, end * sc, rh, fill="#fafafa", outline="#e5e7eb", width=2, radius=0)
        for k, i, st, en in sched[s]:
            col = RANK_COLORS[i % 4]
            fill = RANK_LIGHT[i % 4] if k == "F" else col
            c.rect(x0 + st * sc + 2, y + 3, (en - st) * sc - 4, rh - 6, fill=fill, outline=col,
                   width=2, radius=6)
            c.text(x0 + (st + en) / 2 * sc, y + rh / 2, f"{k}{i}", size=24,
                   color=col if k == "F" else WHITE, bold=True)
    return end


def fig_pp02(path):
    """GPipe vs 1F1B for p = 4, m = 8 (backward = 2 x forward), computed by the article's simulator."""
    p, m = 4, 8
    c = Canvas(W, 1500)
    title(c, "GPipe 与 1F1B 调度（p = 4，m = 8，反向耗时取前向的 2 倍）",
          "Same bubble (p−1)/(m+p−1) = 3/11; 1F1B keeps at most p micro-batches of activations per stage")
    sc, x0 = 2040 / 36.0, 250
    g = schedule(p, m, "gpipe")
    o = schedule(p, m, "1f1b")
    _draw_schedule(c, 270, "GPipe：先做完全部前向，再做全部反向（阶段 0 最多存 8 份激活）", g, p, m, sc, x0)
    _draw_schedule(c, 830, "1F1B：预热后前向、反向交替（阶段 0 最多存 4 份激活）", o, p, m, sc, x0)
    for t in range(0, 37, 3):
        xx = x0 + t * sc
        c.line([(xx, 1200), (xx, 1212)], INK, 3)
        c.text(xx, 1245, str(t), size=26)
    c.line([(x0, 1200), (x0 + 36 * sc, 1200)], INK, 3)
    c.text(1200, 1300, "时间（以一次前向为 1 个单位）：两种调度都在第 33 个单位结束 = (m + p − 1)·3",
           size=30)
    c.text(1200, 1380, "浅色 F = 前向，深色 B = 反向；颜色区分微批次；空白处即流水线气泡", size=30,
           color=MUTED)
    c.save(path)


def fig_pp03(path):
    """Bubble fraction (p-1)/(m+p-1) against the number of micro-batches."""
    c = Canvas(W, 1300)
    title(c, "流水线气泡占比 (p − 1)/(m + p − 1) 随微批次数 m 的变化",
          "GPipe and non-interleaved 1F1B have the same bubble; only more micro-batches shrink it")
    ax = Axes(c, 330, 200, 1900, 850, (1, 256), (0, 1), xlog=True)
    xt = [(v, str(v)) for v in (1, 2, 4, 8, 16, 32, 64, 128, 256)]
    yt = [(v / 10, f"{v * 10}%") for v in range(0, 11, 2)]
    ax.frame(xt, yt, "每个批次的微批次数 m（对数坐标）", "气泡占总时间的比例", size=30)
    for p, col in ((4, BLUE), (8, GREEN), (16, ORANGE), (64, RED)):
        ax.curve(lambda mm, p=p: (p - 1) / (mm + p - 1), 1, 256, col, width=6)
        X, Y = ax.px(p - 1, 0.5)
        c.circle(X, Y, 9, fill=col)
        c.text(X + 15, Y - 38, f"p = {p}", size=30, color=col, bold=True, anchor="lm")
    X, Y = ax.px(32, 7 / 39)
    c.circle(X, Y, 14, fill=GREEN)
    tx, ty = ax.px(1.15, 0.2)
    c.line([(tx + 560, ty), (X - 16, Y)], GREEN, 3, dash=(12, 8))
    c.text(tx, ty, "p = 8，m = 32：7/39 ≈ 17.9%", size=32, color=GREEN, bold=True, anchor="lm")
    c.text(ax.px(1.15, 0.1)[0], ax.px(1.15, 0.1)[1], "圆点：m = p − 1 时气泡恰占一半", size=28,
           color=MUTED, anchor="lm")
    c.save(path)


def fig_pp04(path):
    """3D parallelism on servers: which network carries which traffic (schematic)."""
    c = Canvas(W, 1500)
    title(c, "三维并行的放置：哪种流量走哪张网（示意：t = 4，p = 3，d = 2）",
          "Tensor parallel inside a server on NVLink; pipeline and data parallel across servers on the network")
    sw, sh = 600, 400
    for d in range(2):
        for s in range(3):
            x = 160 + s * 760
            y = 230 + d * 560
            c.rect(x, y, sw, sh, fill=GRAY_L, outline=GRAY, width=4, radius=20)
            c.text(x + sw / 2, y + 38, f"服务器：副本 {d} · 阶段 {s}", size=30, bold=True)
            c.rect(x + 30, y + 80, sw - 60, 200, fill=GREEN_L, outline=GREEN, width=3, radius=14)
            for g in range(4):
                c.box(x + 50 + g * 130, y + 110, 110, 140, f"GPU\n{g}", fill=WHITE, outline=GREEN,
                      size=28)
            c.text(x + sw / 2, y + 320, "NVLink/NVSwitch：张量并行全归约", size=26, color=GREEN, bold=True)
            c.text(x + sw / 2, y + 362, "每层前向 2 次 + 反向 2 次", size=24, color=GREEN)
            if s < 2:
                c.arrow(x + sw + 10, y + 150, x + 750, y + 150, color=BLUE, width=7, head=28)
                c.arrow(x + 750, y + 230, x + sw + 10, y + 230, color=BLUE, width=7, head=28)
    for s in range(3):
        x = 160 + s * 760 + sw / 2
        c.arrow(x, 230 + sh + 10, x, 790 - 10, color=RED, width=7, head=28, both=True)
    c.text(1210, 1250, "", size=10)
    leg = [
        (GREEN, "张量并行 TP", "机内 NVLink：每层、每个微批次都要全归约，量最大、最频繁"),
        (BLUE, "流水线并行 PP", "机间网络：相邻阶段 send/recv，每微批次 b·s·h 个元素"),
        (RED, "数据并行 DP", "机间网络：每步一次梯度全归约（或 ZeRO 的 RS + AG），可与反向重叠"),
    ]
    for k, (col, a, b) in enumerate(leg):
        y = 1260 + k * 72
        c.rect(160, y - 22, 60, 44, fill=col, radius=8)
        c.text(250, y, a, size=32, bold=True, anchor="lm", color=col)
        c.text(560, y, b, size=30, anchor="lm")
    c.save(path)


FIGURES = {
    BASE + "01DataParallel01.png": fig_dp01,
    BASE + "01DataParallel02.png": fig_dp02,
    BASE + "01DataParallel03.png": fig_dp03,
    BASE + "02TensorParallel01.png": fig_tp01,
    BASE + "02TensorParallel02.png": fig_tp02,
    BASE + "02TensorParallel03.png": fig_tp03,
    BASE + "02TensorParallel04.png": fig_tp04,
    BASE + "03PipelineParallel01.png": fig_pp01,
    BASE + "03PipelineParallel02.png": fig_pp02,
    BASE + "03PipelineParallel03.png": fig_pp03,
    BASE + "03PipelineParallel04.png": fig_pp04,
}


# ====================================================================== decks
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


DECKS: list[dict] = [
    {
        "path": "05XCCL/03Parallelism/01DataParallel.pdf",
        "module": "通信架构", "chapter": "并行训练中的集合通信",
        "title": "数据并行：每步一次梯度全归约",
        "subtitle": "通信量、分桶重叠与 ZeRO 的拆分",
        "tag": "第 01 讲",
        "slides": [
            ("bullets", "数据并行的一步", [
                "p 块 GPU 各存完整模型，各处理 1/p 的批次",
                "更新前需要相同的梯度：g = (1/p)·Σ g_{r}，求和即全归约",
                "每个优化器步骤只有一类集合操作：对全部梯度做一次全归约",
                "环形算法每卡收发 2(p−1)/p · sΨ 字节，与批次大小无关",
            ]),
            ("figure", "全归约放在哪里", _img("01DataParallel", 1),
             "① 反向后同步 ② 分桶重叠（PyTorch DDP）③ 梯度累积 + no_sync"),
            ("bullets", "算一个例子（25 GB/s 为假设值）", [
                "Ψ = 7.5B，FP16 梯度 15 GB（ZeRO 论文的例子）",
                "p = 8：每卡发送 26.25 GB，约 1.05 s",
                "p = 64：每卡发送 29.53 GB，约 1.18 s，只多约 12%",
                "DDP（Li 等，VLDB 2020）：分桶、重叠、跳过同步；256 块 GPU 接近线性扩展",
            ]),
            ("figure", "ZeRO：显存与通信", _img("01DataParallel", 2),
             "模型状态 16Ψ 字节；阶段 1、2 通信 2Ψ，与数据并行相同；阶段 3 为 3Ψ"),
            ("figure", "ZeRO-3 的通信时机", _img("01DataParallel", 3),
             "前向、反向各全收集一次参数，梯度归约散播一次"),
            ("summary", "小结", [
                "数据并行：每步一次梯度全归约，每卡 2(p−1)/p·sΨ 字节",
                "分桶让全归约藏进反向；梯度累积把一次同步分摊到 k 个微批次",
                "ZeRO 用归约散播 + 全收集代替全归约：2Ψ（阶段 1、2）、3Ψ（阶段 3）",
                "7.5B、64 卡：每卡模型状态 120 → 31.4 → 16.6 → 1.9 GB",
            ]),
        ],
    },
    {
        "path": "05XCCL/03Parallelism/02TensorParallel.pdf",
        "module": "通信架构", "chapter": "并行训练中的集合通信",
        "title": "张量并行：层内切分与每层四次全归约",
        "subtitle": "Megatron-LM 的 f 与 g，以及序列并行",
        "tag": "第 02 讲",
        "slides": [
            ("figure", "列并行 + 行并行", _img("02TensorParallel", 1),
             "GeLU 逐元素作用在列块上，无需同步；行切后的部分和需要一次全归约"),
            ("figure", "一个 Transformer 层的通信", _img("02TensorParallel", 2),
             "f：前向恒等、反向全归约；g：前向全归约、反向恒等（Shoeybi 等 2019）"),
            ("bullets", "通信量", [
                "每次全归约 b·s·h 个元素；每层每微批次每卡 8·b·s·h·(t−1)/t（Narayanan 等 2021）",
                "与参数量无关，正比于激活大小；每层、每个微批次都要发生",
                "假设 b = 1、s = 2048、h = 12288、t = 8、FP16：每次 50.3 MB，一层共 352 MB",
                "前向每卡运算与通信之比约 6h/t：t 越大，通信占比越高",
            ]),
            ("figure", "为什么留在服务器内", _img("02TensorParallel", 3),
             "NVLink 300 GB/s（A100 白皮书）0.59 ms；25 GB/s 网卡（假设）7.05 ms；计算 3.06 ms"),
            ("figure", "序列并行", _img("02TensorParallel", 4),
             "全归约 = 归约散播 + 全收集：通信量不变，层间激活显存降为 1/t（Korthikanti 等 2022）"),
            ("summary", "小结", [
                "第一层列切、第二层行切：每个块前向一次全归约",
                "每层前向 2 次、反向 2 次，每次 b·s·h 个元素",
                "位于关键路径上：张量并行规模一般不超过单台服务器的 GPU 数",
                "序列并行把全归约拆成两半，通信量相同，激活显存按 t 均分",
            ]),
        ],
    },
    {
        "path": "05XCCL/03Parallelism/03PipelineParallel.pdf",
        "module": "通信架构", "chapter": "并行训练中的集合通信",
        "title": "流水线并行与三维并行",
        "subtitle": "点对点通信、气泡与流量的去处",
        "tag": "第 03 讲",
        "slides": [
            ("figure", "阶段之间只有点对点", _img("03PipelineParallel", 1),
             "每个微批次每个边界：前向、反向各 b·s·h 个元素；ncclSend / ncclRecv"),
            ("bullets", "气泡", [
                "m 个微批次、p 个阶段：总时间 (m + p − 1)(t_{f} + t_{b})",
                "气泡占比 (p − 1)/(m + p − 1)；M ≥ 4K 时可忽略（GPipe）",
                "Narayanan 等 2021：气泡时间 / 理想时间 = (p − 1)/m",
                "p = 8、m = 32：7/39 ≈ 17.9%",
            ]),
            ("figure", "GPipe 与 1F1B", _img("03PipelineParallel", 2),
             "气泡相同（3/11）；1F1B 每阶段最多存 p 份激活，GPipe 存 m 份"),
            ("figure", "气泡随 m 的变化", _img("03PipelineParallel", 3),
             "只有增大 m 才能压缩气泡；交错调度再缩小为 1/v，通信变为 v 倍"),
            ("figure", "三维并行的放置", _img("03PipelineParallel", 4),
             "张量并行在机内 NVLink；流水线与数据并行跨服务器"),
            ("bullets", "实测：万亿参数模型（Narayanan 等 2021）", [
                "3072 块 A100，502 PFLOP/s，每卡达理论峰值的 52%",
                "流水线并行通信：有效对分带宽 892 GB/s",
                "数据并行通信：有效对分带宽 13 TB/s",
                "经验：张量并行不超过单台服务器的 GPU 数，再用流水线跨服务器扩展",
            ]),
            ("summary", "小结", [
                "流水线：点对点 send/recv，每边界每微批次 b·s·h 个元素",
                "GPipe 与 1F1B 气泡都是 (p−1)/(m+p−1)；1F1B 节省激活显存",
                "张量并行走 NVLink；流水线与数据并行走机间网络",
                "数据并行量大但可重叠；流水线量小但在关键路径上",
            ]),
        ],
    },
]
