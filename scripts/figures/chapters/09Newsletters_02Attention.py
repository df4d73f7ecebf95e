"""Figures and slide decks of 09Newsletters/02Attention (注意力机制的工程优化 / Engineering attention).

Loaded by registry.py, which puts scripts/figures on sys.path first. Three talks: FlashAttention
(Dao et al., arXiv:2205.14135), the KV cache with MQA/GQA (Shazeer, arXiv:1911.02150; Ainslie et al.,
arXiv:2305.13245) and PagedAttention (Kwon et al., SOSP 2023, arXiv:2309.06180). Every diagram is
schematic (示意); the only numbers drawn are ones the articles cite next to the figure (the papers'
own figures, or worked examples whose inputs are marked as assumptions).
"""

from __future__ import annotations

from figlib import (
    BLUE, BLUE_L, GRAY, GRAY_L, GREEN, GREEN_L, GRID, INK, MUTED, ORANGE, ORANGE_L,
    PURPLE, PURPLE_L, RED, RED_L, TEAL, TEAL_L, WHITE, YELLOW, YELLOW_L, Canvas,
)

W = 2400  # every figure is 2,400 px wide
BASE = "09Newsletters/02Attention/images/"


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


# ====================================================================== 20250314FlashAttention
def fig_flash01(path):
    """Standard attention writes S and P (N x N) to HBM; FlashAttention keeps tiles on chip."""
    c = Canvas(W, 1390)
    title(c, "标准注意力与 FlashAttention：谁在 HBM 和 SRAM 之间来回搬（示意）",
          "Standard attention round-trips two N×N matrices through HBM; FlashAttention keeps them on chip")

    def panel(x0, name, col):
        c.rect(x0, 200, 1100, 1030, fill=WHITE, outline=col, width=4, radius=22)
        c.text(x0 + 550, 245, name, size=40, bold=True, color=col)
        # on-chip area
        c.rect(x0 + 40, 300, 1020, 300, fill=TEAL_L, outline=TEAL, width=3, radius=16)
        c.text(x0 + 60, 330, "片上 SRAM + 计算单元  on-chip SRAM", size=30, color=TEAL, bold=True,
               anchor="lm")
        # off-chip area
        c.rect(x0 + 40, 760, 1020, 400, fill=ORANGE_L, outline=ORANGE, width=3, radius=16)
        c.text(x0 + 60, 1120, "HBM（显存：容量大，带宽远低于 SRAM）  off-chip HBM", size=30,
               color=ORANGE, bold=True, anchor="lm")

    # ---- left: standard attention
    x0 = 60
    panel(x0, "标准实现：三个内核，N×N 矩阵落地两次", RED)
    steps = [("①", "S = QK^{T}"), ("②", "P = softmax(S)"), ("③", "O = PV")]
    for i, (num, op) in enumerate(steps):
        bx = x0 + 70 + i * 335
        c.box(bx, 380, 300, 110, f"{num} {op}", fill=WHITE, outline=TEAL, size=32, bold=True)
    for lab, bx, bw, fill, out in [("Q", 80, 80, BLUE_L, BLUE), ("K", 175, 80, BLUE_L, BLUE),
                                   ("S\nN×N", 280, 240, RED_L, RED), ("P\nN×N", 545, 240, RED_L, RED),
                                   ("V", 810, 80, BLUE_L, BLUE), ("O", 915, 110, GREEN_L, GREEN)]:
        big = "N" in lab
        c.box(x0 + bx, 790 if big else 810, bw, 230 if big else 190, lab, fill=fill, outline=out,
              size=36 if big else 34, bold=True)
    arrows = [  # (x1, y1, x2, y2, colour, label)
        (120, 800, 140, 500, BLUE, ""), (215, 800, 240, 500, BLUE, "读"),
        (330, 500, 380, 780, RED, "写 S"), (470, 780, 480, 500, RED, "读 S"),
        (620, 500, 640, 780, RED, "写 P"), (730, 780, 790, 500, RED, "读 P"),
        (850, 800, 860, 500, BLUE, "读"), (980, 500, 975, 800, GREEN, "写"),
    ]
    for x1, y1, x2, y2, col, lab in arrows:
        c.arrow(x0 + x1, y1, x0 + x2, y2, color=col, width=6 if col == RED else 5, head=24)
        if lab:
            c.text(x0 + (x1 + x2) / 2 + 14, (y1 + y2) / 2, lab, size=28, color=col, bold=True,
                   anchor="lm")
    c.text(x0 + 550, 1190, "红色：N×N 的 S、P 写出又读回，读写量随 N^{2} 增长", size=30, color=RED,
           bold=True)

    # ---- right: FlashAttention
    x0 = 1240
    panel(x0, "FlashAttention：分块，融合成一个内核", GREEN)
    tiles = [("Q_{i}", BLUE_L, BLUE), ("K_{j}", BLUE_L, BLUE), ("V_{j}", BLUE_L, BLUE),
             ("S_{ij}  B_{r}×B_{c}", YELLOW_L, YELLOW), ("m_{i}, ℓ_{i}, O_{i}", GREEN_L, GREEN)]
    xs = [x0 + 70, x0 + 190, x0 + 310, x0 + 440, x0 + 760]
    ws = [100, 100, 100, 290, 270]
    for (lab, fill, out), bx, bw in zip(tiles, xs, ws):
        c.box(bx, 390, bw, 110, lab, fill=fill, outline=out, size=30, bold=True)
    c.text(x0 + 585, 545, "小块的大小按 SRAM 容量 M 选取", size=28, color=INK)
    for lab, bx in [("Q", x0 + 80), ("K", x0 + 175), ("V", x0 + 270)]:
        c.box(bx, 810, 80, 190, lab, fill=BLUE_L, outline=BLUE, size=34, bold=True)
    c.box(x0 + 400, 810, 360, 190, "没有 N×N 矩阵\nno S, no P in HBM", fill=WHITE, outline=GRAY,
          size=30, color=MUTED)
    c.box(x0 + 800, 810, 90, 190, "O", fill=GREEN_L, outline=GREEN, size=34, bold=True)
    c.box(x0 + 915, 810, 120, 190, "m, ℓ\n(N)", fill=GREEN_L, outline=GREEN, size=28, bold=True)
    c.arrow(x0 + 120, 800, x0 + 120, 510, color=BLUE, width=5, head=22)
    c.arrow(x0 + 215, 800, x0 + 240, 510, color=BLUE, width=5, head=22)
    c.arrow(x0 + 310, 800, x0 + 360, 510, color=BLUE, width=5, head=22)
    c.text(x0 + 365, 650, "逐块读入", size=28, color=BLUE, bold=True, anchor="lm")
    c.arrow(x0 + 890, 510, x0 + 850, 800, color=GREEN, width=5, head=22, both=True)
    c.arrow(x0 + 960, 510, x0 + 975, 800, color=GREEN, width=5, head=22, both=True)
    c.text(x0 + 855, 650, "读写 O_{i}, m_{i}, ℓ_{i}", size=28, color=GREEN, bold=True, anchor="rm")
    c.text(x0 + 550, 1190, "HBM 中只有 N×d 与 N 大小的数据：Q、K、V、O 和每行统计量 (m, ℓ)", size=30,
           color=GREEN, bold=True)

    c.rect(60, 1250, 2280, 110, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1305, "HBM 访问次数（论文定理 2）：标准实现 Θ(Nd + N^{2})，FlashAttention Θ(N^{2}d^{2}/M)；"
           "N 序列长度，d 头维度，M SRAM 大小", size=32)
    c.save(path)


def fig_flash02(path):
    """Tiling of the score matrix (Algorithm 1 loop order) and the online-softmax update."""
    c = Canvas(W, 1400)
    title(c, "分块计算与在线 softmax：块逐个累积，结果仍是精确的（示意：4 × 4 个块）",
          "Algorithm 1: outer loop over K/V blocks, inner loop over Q blocks; running max m and sum ℓ")
    gx, gy, cell, n = 300, 320, 160, 4
    for j in range(n):
        c.text(gx + j * cell + cell / 2, gy - 40, f"K_{{{j + 1}}}, V_{{{j + 1}}}", size=30,
               color=BLUE, bold=True)
    c.text(gx + n * cell / 2, gy - 100, "外层循环 j：把 K_{j}、V_{j} 读入 SRAM", size=30, color=INK)
    for i in range(n):
        c.text(gx - 30, gy + i * cell + cell / 2, f"Q_{{{i + 1}}}", size=34, color=BLUE, bold=True,
               anchor="rm")
        for j in range(n):
            done = j < 2 or (j == 2 and i < 1)
            cur = j == 2 and i == 1
            fill = GREEN_L if done else (YELLOW if cur else GRAY_L)
            out = GREEN if done else (ORANGE if cur else GRID)
            c.rect(gx + j * cell + 5, gy + i * cell + 5, cell - 10, cell - 10, fill=fill,
                   outline=out, width=4 if cur else 2, radius=10)
            c.text(gx + j * cell + cell / 2, gy + i * cell + cell / 2, f"S_{{{i + 1}{j + 1}}}",
                   size=30, color=INK if (done or cur) else MUTED, bold=cur)
    c.text(80, gy + n * cell + 40, "内层循环 i：逐个行块", size=30, color=INK, anchor="lm")
    c.text(gx + n * cell / 2 + 60, gy + n * cell + 95, "S = QK^{T} 只以 B_{r}×B_{c} 小块出现在片上",
           size=30, color=INK)
    c.rect(120, gy + n * cell + 140, 60, 44, fill=GREEN_L, outline=GREEN, width=2, radius=8)
    c.text(195, gy + n * cell + 162, "已处理", size=28, anchor="lm")
    c.rect(360, gy + n * cell + 140, 60, 44, fill=YELLOW, outline=ORANGE, width=3, radius=8)
    c.text(435, gy + n * cell + 162, "当前块 (i = 2, j = 3)", size=28, anchor="lm")
    c.rect(780, gy + n * cell + 140, 60, 44, fill=GRAY_L, outline=GRID, width=2, radius=8)
    c.text(855, gy + n * cell + 162, "未处理", size=28, anchor="lm")
    c.arrow(gx + n * cell + 30, gy + 1.5 * cell, gx + n * cell + 200, gy + 1.5 * cell, color=ORANGE,
            width=6, head=26)

    bx, by = 1200, 220
    c.rect(bx, by, 1120, 800, fill=WHITE, outline=ORANGE, width=4, radius=20)
    c.text(bx + 560, by + 50, "处理块 (i, j)：每行只需三个小量 m、ℓ、O", size=36, bold=True,
           color=ORANGE)
    rules = [
        ("① 读入", "Q_{i}、O_{i}、m_{i}、ℓ_{i}（从 HBM）"),
        ("② 本块分数", "S_{ij} = Q_{i}K_{j}^{T}（只在 SRAM 中）"),
        ("③ 新最大值", "m' = max(m, rowmax(S_{ij}))，r = exp(m − m')"),
        ("④ 新分母", "ℓ' = r·ℓ + rowsum(exp(S_{ij} − m'))"),
        ("⑤ 新输出", "O' = (r·ℓ·O + exp(S_{ij} − m')·V_{j}) / ℓ'"),
        ("⑥ 写回", "O_{i}、m_{i}、ℓ_{i}（到 HBM）"),
    ]
    for k, (name, eq) in enumerate(rules):
        y = by + 145 + k * 95
        c.text(bx + 40, y, name, size=32, bold=True, color=INK, anchor="lm")
        c.text(bx + 260, y, eq, size=33, color=INK, anchor="lm")
    c.text(bx + 560, by + 715, "最大值变大时，旧的累积量先乘以 r 再合并；", size=28, color=MUTED)
    c.text(bx + 560, by + 760, "全部 j 处理完，O 与一次性 softmax 的结果完全相同", size=28, color=MUTED)
    c.rect(120, 1160, 2160, 210, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1205, "反向传播：只保存 O 和每行的 (m, ℓ)，需要 S、P 时按块在 SRAM 中重算（重计算）",
           size=32, bold=True)
    c.text(1200, 1265, "示例（假设 N = 4096、FP16）：一个头的 N×N 矩阵有 4096 × 4096 × 2 B = 32 MiB；",
           size=30)
    c.text(1200, 1320, "论文 2.1 节给出的 A100 片上 SRAM 是每个 SM 192 KB，放不下它，只能放下小块",
           size=30)
    c.save(path)


# ====================================================================== 20250411KVCache
def fig_kv01(path):
    """Prefill writes K/V rows for the whole prompt; each decode step appends one row per layer."""
    c = Canvas(W, 1340)
    title(c, "KV 缓存：预填充一次写入，解码每步追加一行（示意：一层、一个 KV 头）",
          "Prefill fills the cache for the prompt; every decode step appends one K row and one V row")
    rows_prompt, rows_dec = 6, 3
    rh, cw, y0 = 70, 360, 290

    def cache(x, name, col, light):
        c.text(x + cw / 2, y0 - 45, name, size=36, bold=True, color=col)
        for r in range(rows_prompt + rows_dec + 1):
            y = y0 + r * rh
            if r < rows_prompt:
                fill, out, lab = light, col, f"token {r + 1}（提示词）"
            elif r < rows_prompt + rows_dec:
                fill, out, lab = ORANGE_L, ORANGE, f"token {r + 1}（第 {r - rows_prompt + 1} 步生成）"
            else:
                fill, out, lab = WHITE, RED, f"token {r + 1}：本步新写入"
            c.rect(x, y, cw, rh - 10, fill=fill, outline=out, width=3 if r >= rows_prompt else 2,
                   radius=6)
            c.text(x + cw / 2, y + (rh - 10) / 2, lab, size=26,
                   color=RED if r == rows_prompt + rows_dec else INK)
        c.text(x + cw / 2, y0 + (rows_prompt + rows_dec + 1) * rh + 25, "每行 d_{head} 个数", size=26,
               color=MUTED)

    cache(150, "K 缓存", BLUE, BLUE_L)
    cache(880, "V 缓存", PURPLE, PURPLE_L)
    # brackets for the two phases
    c.line([(130, y0), (110, y0), (110, y0 + rows_prompt * rh - 10), (130, y0 + rows_prompt * rh - 10)],
           BLUE, 4)
    c.text(95, y0 + rows_prompt * rh / 2, "预\n填\n充", size=30, color=BLUE, bold=True, anchor="rm")
    yd = y0 + rows_prompt * rh
    c.line([(130, yd), (110, yd), (110, yd + (rows_dec + 1) * rh - 10), (130, yd + (rows_dec + 1) * rh - 10)],
           ORANGE, 4)
    c.text(95, yd + (rows_dec + 1) * rh / 2, "解\n码", size=30, color=ORANGE, bold=True, anchor="rm")
    # the new query in the middle
    c.box(575, 560, 240, 130, "新 token\n的查询 q_{t}", fill=YELLOW_L, outline=YELLOW, size=30, bold=True)
    c.arrow(570, 625, 520, 625, color=YELLOW, width=6, head=26)
    c.arrow(820, 625, 870, 625, color=YELLOW, width=6, head=26)
    c.text(695, 780, "每步都要读出\n全部 K、V 行", size=30, color=RED, bold=True)
    c.text(695, 900, "序列越长，\n每步读得越多", size=30, color=INK)

    bx, by = 1330, 220
    c.rect(bx, by, 990, 400, fill=GRAY_L, outline=GRAY, width=3, radius=18)
    c.text(bx + 495, by + 55, "每个 token 的 KV 缓存字节数", size=38, bold=True)
    c.text(bx + 495, by + 140, "2 × L × n_{kv} × d_{head} × s", size=46, bold=True, color=BLUE)
    c.text(bx + 495, by + 225, "2：K 和 V 各一份    L：层数", size=30)
    c.text(bx + 495, by + 280, "n_{kv}：KV 头数    d_{head}：头维度", size=30)
    c.text(bx + 495, by + 335, "s：每个数的字节数（FP16 为 2）", size=30)
    c.rect(bx, by + 440, 990, 330, fill=ORANGE_L, outline=ORANGE, width=3, radius=18)
    c.text(bx + 495, by + 490, "算例（假设值：L = 32，n_{kv} = 32，d_{head} = 128，FP16）", size=30,
           bold=True, color=ORANGE)
    c.text(bx + 495, by + 560, "2 × 32 × 32 × 128 × 2 B = 512 KiB / token", size=34, bold=True)
    c.text(bx + 495, by + 625, "4096 个 token 的序列：512 KiB × 4096 = 2 GiB", size=32)
    c.text(bx + 495, by + 685, "同时服务 16 条这样的序列：32 GiB", size=32)
    c.text(bx + 495, by + 740, "随 token 数线性增长，也随并发数线性增长", size=28, color=MUTED)
    c.rect(bx, by + 810, 990, 150, fill=WHITE, outline=GRAY, width=2, radius=14)
    c.text(bx + 495, by + 855, "论文中的实例（Kwon 等，vLLM）：OPT-13B", size=30, bold=True)
    c.text(bx + 495, by + 910, "2 × 5120 × 40 × 2 B = 819,200 B，论文记作 800 KB / token", size=30)
    c.text(1200, 1270, "预填充：提示词所有位置的 K、V 一次算出并写入；解码：每步只为新 token 算一行，"
           "却要读出此前的所有行", size=30, color=MUTED)
    c.save(path)


def fig_kv02(path):
    """MHA, GQA and MQA: how many query heads share one K/V head."""
    c = Canvas(W, 1350)
    title(c, "MHA、GQA、MQA：几个查询头共用一组 K/V（示意：8 个查询头）",
          "Multi-head, grouped-query and multi-query attention differ only in the number of K/V heads")
    panels = [
        ("多头注意力 MHA", 8, "n_{kv} = 8：每个查询头一组 K/V", 1.0, BLUE),
        ("分组查询注意力 GQA", 2, "n_{kv} = 2：每 4 个查询头共用一组", 2 / 8, GREEN),
        ("多查询注意力 MQA", 1, "n_{kv} = 1：所有查询头共用一组", 1 / 8, ORANGE),
    ]
    qcols = [BLUE, TEAL, GREEN, YELLOW, ORANGE, RED, PURPLE, GRAY]
    for p, (name, nkv, note, frac, col) in enumerate(panels):
        x0 = 80 + p * 780
        c.rect(x0, 200, 720, 820, fill=WHITE, outline=col, width=4, radius=20)
        c.text(x0 + 360, 250, name, size=40, bold=True, color=col)
        c.text(x0 + 360, 320, "查询头 Q", size=28, color=MUTED)
        qx = [x0 + 45 + i * 82 for i in range(8)]
        for i, x in enumerate(qx):
            c.rect(x, 350, 66, 90, fill=qcols[i], radius=8)
            c.text(x + 33, 395, f"q{i + 1}", size=26, color=WHITE, bold=True)
        group = 8 // nkv
        kw = min(150, (640 - (nkv - 1) * 16) / nkv)
        total = nkv * kw + (nkv - 1) * 16
        kx0 = x0 + 360 - total / 2
        for g in range(nkv):
            kx = kx0 + g * (kw + 16)
            c.rect(kx, 640, kw, 80, fill=BLUE_L, outline=BLUE, width=3, radius=8)
            c.text(kx + kw / 2, 680, "K" if kw < 100 else f"K{g + 1}", size=26, bold=True)
            c.rect(kx, 735, kw, 80, fill=PURPLE_L, outline=PURPLE, width=3, radius=8)
            c.text(kx + kw / 2, 775, "V" if kw < 100 else f"V{g + 1}", size=26, bold=True)
            for i in range(g * group, (g + 1) * group):
                c.line([(qx[i] + 33, 445), (kx + kw / 2, 635)], qcols[i], 3)
        c.text(x0 + 360, 860, note, size=28)
        # bar: KV bytes per token relative to MHA
        c.rect(x0 + 60, 920, 600, 50, fill=GRAY_L, radius=8)
        c.rect(x0 + 60, 920, 600 * frac, 50, fill=col, radius=8)
        rel = "基准" if frac == 1 else f"MHA 的 1/{round(1 / frac)}"
        c.text(x0 + 360, 995, f"每 token 的 KV 缓存：{rel}", size=28, bold=True, color=col)
    c.rect(80, 1060, 2240, 240, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1110, "沿用上一张图的假设模型（L = 32，32 个查询头，d_{head} = 128，FP16）：", size=32)
    c.text(1200, 1170, "n_{kv} = 32（MHA）→ 512 KiB/token；n_{kv} = 8（GQA）→ 128 KiB/token；"
           "n_{kv} = 1（MQA）→ 16 KiB/token", size=32, bold=True)
    c.text(1200, 1240, "查询头数不变、注意力分数的计算量基本不变；变的是要缓存、每步要读出的 K/V 字节数", size=30,
           color=MUTED)
    c.save(path)


# ====================================================================== 20250523PagedAttention
def _slot_row(c, x, y, kinds, cell=62, h=70):
    """Draw a row of KV slots; kinds is a list of 'tok', 'new', 'res', 'int', 'ext', 'free'."""
    style = {
        "tok": (BLUE_L, BLUE), "new": (GREEN_L, GREEN), "res": (YELLOW_L, YELLOW),
        "int": (RED_L, RED), "ext": (GRAY_L, GRAY), "free": (WHITE, GRID),
    }
    for k, kind in enumerate(kinds):
        fill, out = style[kind]
        c.rect(x + k * cell, y, cell - 6, h, fill=fill, outline=out, width=3, radius=6)


def fig_paged01(path):
    """Contiguous per-request reservation (three kinds of waste) vs paged KV blocks."""
    c = Canvas(W, 1500)
    title(c, "连续预分配 vs 分页：KV 缓存的三类浪费（示意）",
          "Reserved slots, internal and external fragmentation vs fixed-size blocks mapped by a block table")
    # ---- top: contiguous
    c.text(80, 230, "① 连续预分配：每个请求按最大长度占一整段显存", size=38, bold=True, anchor="lm",
           color=RED)
    a = ["tok"] * 5 + ["new"] + ["res"] * 2 + ["int"] * 8
    ext = ["ext"] * 3
    b = ["tok"] * 3 + ["new"] + ["int"] * 4
    x = 80
    _slot_row(c, x, 300, a)
    c.text(x + 8 * 62 / 2, 400, "请求 A：最大长度 16", size=28, bold=True)
    _slot_row(c, x + 16 * 62, 300, ext)
    c.text(x + 16 * 62 + 3 * 62 / 2, 400, "外部碎片", size=28, color=GRAY, bold=True)
    _slot_row(c, x + 19 * 62, 300, b)
    c.text(x + 19 * 62 + 4 * 62, 400, "请求 B：最大长度 8", size=28, bold=True)
    c.text(x + 27 * 62 + 20, 335, "… 每段都按最大长度一次占住，\n直到请求结束才释放", size=28,
           color=MUTED, anchor="lm")
    legend = [("tok", "已存的 token"), ("new", "本步新 token"), ("res", "预留：以后才会用到"),
              ("int", "内部碎片：永远用不到"), ("ext", "外部碎片")]
    for k, (kind, lab) in enumerate(legend):
        lx = 80 + k * 460
        _slot_row(c, lx, 460, [kind], cell=56, h=50)
        c.text(lx + 70, 485, lab, size=28, anchor="lm")
    c.text(1200, 580, "假设请求 A 最终只生成到 8 个 token、B 生成到 4 个：一半以上的槽位从未存过数据",
           size=30, color=MUTED)

    # ---- bottom: paged
    c.line([(60, 640), (2340, 640)], GRID, 3)
    c.text(80, 700, "② 分页（PagedAttention）：按块（本例每块 4 个 token）按需分配，块表记录映射",
           size=38, bold=True, anchor="lm", color=GREEN)
    # logical blocks of A and B
    c.text(260, 780, "请求 A 的逻辑块", size=30, bold=True)
    _slot_row(c, 100, 820, ["tok"] * 4)
    c.text(70, 855, "0", size=28, anchor="rm")
    _slot_row(c, 100, 910, ["tok", "new", "free", "free"])
    c.text(70, 945, "1", size=28, anchor="rm")
    c.text(260, 1030, "请求 B 的逻辑块", size=30, bold=True)
    _slot_row(c, 100, 1070, ["tok", "tok", "tok", "new"])
    c.text(70, 1105, "0", size=28, anchor="rm")
    # block tables
    c.rect(470, 790, 330, 200, fill=GRAY_L, outline=GRAY, width=3, radius=12)
    c.text(635, 820, "A 的块表", size=28, bold=True)
    c.text(635, 880, "逻辑 0 → 物理 7", size=28)
    c.text(635, 935, "逻辑 1 → 物理 1", size=28)
    c.rect(470, 1040, 330, 130, fill=GRAY_L, outline=GRAY, width=3, radius=12)
    c.text(635, 1070, "B 的块表", size=28, bold=True)
    c.text(635, 1125, "逻辑 0 → 物理 4", size=28)
    c.arrow(360, 855, 465, 870, color=INK, width=4, head=20)
    c.arrow(360, 945, 465, 935, color=INK, width=4, head=20)
    c.arrow(360, 1105, 465, 1115, color=INK, width=4, head=20)
    c.arrow(810, 980, 940, 980, color=INK, width=5, head=24)
    # physical blocks
    px0, py0 = 960, 770
    c.text(px0 + 680, py0 - 10, "GPU 显存中的物理块（大小相同，位置任意）", size=30, bold=True)
    content = {7: ["tok"] * 4, 1: ["tok", "new", "free", "free"], 4: ["tok", "tok", "tok", "new"]}
    owner = {7: ("A·逻辑 0", BLUE), 1: ("A·逻辑 1", BLUE), 4: ("B·逻辑 0", PURPLE)}
    for k in range(9):
        col_i, row_i = k % 3, k // 3
        bx, by = px0 + col_i * 460, py0 + 30 + row_i * 130
        c.text(bx + 10, by + 35, f"物理 {k}", size=26, anchor="lm", color=MUTED)
        kinds = content.get(k, ["free"] * 4)
        _slot_row(c, bx + 130, by, kinds, cell=70, h=70)
        if k in owner:
            lab, col = owner[k]
            c.text(bx + 130 + 140, by + 95, lab, size=24, bold=True, color=col)
    c.rect(80, 1260, 2240, 190, fill=GREEN_L, outline=GREEN, width=3)
    c.text(1200, 1310, "块大小相同 → 没有外部碎片；只在写满时才分配新块 → 每个请求的浪费不超过一个块",
           size=32, bold=True)
    c.text(1200, 1385, "论文图 2（Kwon 等）：现有系统中真正存放 token 状态的只占 20.4%–38.2%，vLLM 为 96.3%",
           size=32)
    c.save(path)


def fig_paged02(path):
    """Parallel sampling: two samples share the prompt blocks; copy-on-write on the partial block."""
    c = Canvas(W, 1300)
    title(c, "并行采样中的块共享与写时复制（示意：同一提示词生成两个样本）",
          "Shared physical blocks carry a reference count; writing into a shared block copies it first")

    def stage(x0, name, blocks, links, note):
        c.rect(x0, 200, 1110, 900, fill=WHITE, outline=GRAY, width=3, radius=20)
        c.text(x0 + 555, 250, name, size=36, bold=True)
        c.text(x0 + 150, 320, "样本 A1", size=30, bold=True, color=BLUE)
        c.text(x0 + 150, 700, "样本 A2", size=30, bold=True, color=PURPLE)
        for s, y in (("A1", 360), ("A2", 740)):
            for lb in range(2):
                c.box(x0 + 40 + lb * 150, y + lb * 110, 220 if lb == 0 else 220, 90,
                      f"逻辑块 {lb}", fill=BLUE_L if s == "A1" else PURPLE_L,
                      outline=BLUE if s == "A1" else PURPLE, size=28)
        for k, (label, ref, fill, out, y) in enumerate(blocks):
            c.box(x0 + 620, y, 460, 100, f"{label}\n引用计数 {ref}", fill=fill, outline=out, size=27,
                  bold=True)
        for (x1, y1, x2, y2, col) in links:
            c.arrow(x0 + x1, y1, x0 + x2, y2, color=col, width=4, head=20)
        c.text(x0 + 555, 1040, note, size=28, color=INK)

    blocks_before = [("物理 7：提示词 4 个 token", 2, GREEN_L, GREEN, 400),
                     ("物理 1：提示词末 3 个 token", 2, YELLOW_L, YELLOW, 620)]
    links_before = [(265, 405, 615, 440, BLUE), (415, 515, 615, 660, BLUE),
                    (265, 785, 615, 460, PURPLE), (415, 895, 615, 680, PURPLE)]
    stage(60, "写入前：两个样本共用提示词的物理块", blocks_before, links_before,
          "提示词的 KV 只存一份，两个块的引用计数都是 2")
    blocks_after = [("物理 7：提示词 4 个 token", 2, GREEN_L, GREEN, 360),
                    ("物理 1：现在只有 A2 引用", 1, PURPLE_L, PURPLE, 560),
                    ("物理 3：物理 1 的副本 + A1 新 token", 1, BLUE_L, BLUE, 760)]
    links_after = [(265, 405, 615, 410, BLUE), (415, 515, 615, 810, BLUE),
                   (265, 785, 615, 420, PURPLE), (415, 895, 615, 610, PURPLE)]
    stage(1230, "A1 先写：引用计数 > 1，先复制再写", blocks_after, links_after,
          "复制的只有一个块；A2 再写时计数已是 1，直接写")
    c.arrow(1180, 650, 1225, 650, color=RED, width=8, head=30)
    c.rect(60, 1140, 2280, 120, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1200, "论文 6.3 节（Alpaca 数据集）：共享省下的块数占比，并行采样 6.1%–9.8%，束搜索 37.6%–55.2%",
           size=32, bold=True)
    c.save(path)


# ====================================================================== registry
FIGURES = {
    BASE + "20250314FlashAttention01.png": fig_flash01,
    BASE + "20250314FlashAttention02.png": fig_flash02,
    BASE + "20250411KVCache01.png": fig_kv01,
    BASE + "20250411KVCache02.png": fig_kv02,
    BASE + "20250523PagedAttention01.png": fig_paged01,
    BASE + "20250523PagedAttention02.png": fig_paged02,
}


# ====================================================================== decks
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


_MODULE = "大模型热点技术剖析"
_CHAPTER = "注意力机制的工程优化"

DECKS: list[dict] = [
    {
        "path": "09Newsletters/02Attention/20250314FlashAttention.pdf",
        "module": _MODULE, "chapter": _CHAPTER,
        "title": "FlashAttention：按 IO 设计的精确注意力",
        "subtitle": "Dao、Fu、Ermon、Rudra、Ré，arXiv:2205.14135（NeurIPS 2022）",
        "tag": "课程分享 · 2025-03-14",
        "slides": [
            ("bullets", "注意力慢在搬运", [
                "标准实现：S = QK^{T} → P = softmax(S) → O = PV，三个内核",
                "S、P 都是 N×N，写入 HBM 再读回；逐元素操作访存受限",
                "论文 2.1 节（A100）：HBM 40–80 GB、1.5–2.0 TB/s",
                "每个 SM 192 KB SRAM，共 108 个 SM，估计带宽约 19 TB/s",
                "IO 感知：把 HBM 读写次数当作首要指标",
            ]),
            ("figure", "谁在 HBM 和 SRAM 之间来回搬", _img("20250314FlashAttention", 1),
             "定理 2：标准 Θ(Nd + N^{2})，FlashAttention Θ(N^{2}d^{2}/M)"),
            ("bullets", "分块 + 在线 softmax + 重计算", [
                "每行维护最大值 m 与指数和 ℓ，逐块更新，结果精确",
                "外层循环读入 K_{j}、V_{j}，内层循环更新 Q_{i} 对应的 O_{i}、m_{i}、ℓ_{i}",
                "所有步骤融合为一个内核，HBM 中没有 N×N 矩阵",
                "反向传播只存 O 与 (m, ℓ)，在 SRAM 中重算 S、P",
                "定理 1：O(N^{2}d) 次运算，O(N) 额外显存",
            ]),
            ("figure", "分块计算与在线 softmax", _img("20250314FlashAttention", 2),
             "最大值变大时，旧的累积量先乘以 r = exp(m − m') 再合并"),
            ("summary", "结果与要点", [
                "论文摘要：BERT-large（512）比 MLPerf 1.1 纪录快 15%",
                "GPT-2（1K）快 3 倍；long-range arena（1K–4K）快 2.4 倍",
                "Path-X（16K）61.4%、Path-256（64K）63.1%：首次超过随机水平",
                "粗估（忽略常数）：d = 128、M ≈ 98,304 个 FP16 元素时 d^{2}/M ≈ 0.17",
            ]),
        ],
    },
    {
        "path": "09Newsletters/02Attention/20250411KVCache.pdf",
        "module": _MODULE, "chapter": _CHAPTER,
        "title": "KV 缓存：每个 token 占多少显存，以及 MQA 与 GQA",
        "subtitle": "Shazeer，arXiv:1911.02150；Ainslie 等，arXiv:2305.13245",
        "tag": "课程分享 · 2025-04-11",
        "slides": [
            ("figure", "预填充一次写入，解码每步追加一行", _img("20250411KVCache", 1),
             "每 token 字节数 = 2 × L × n_{kv} × d_{head} × s"),
            ("bullets", "KV 缓存有多大", [
                "算例（假设值）：L = 32、n_{kv} = 32、d_{head} = 128、FP16 → 512 KiB/token",
                "4096 个 token 的序列 2 GiB；16 条并发 32 GiB",
                "vLLM 论文：OPT-13B 约 800 KB/token，2048 个 token 约 1.6 GB",
                "A100 40 GB 上：权重约 65%，KV 缓存等请求状态接近 30%",
            ]),
            ("bullets", "解码被带宽卡住", [
                "每步都要读出全部 K、V；MHA 下每个 K/V 元素只做一次乘加",
                "FP16 下计算强度约 1 FLOP/字节，远在脊点左侧",
                "Shazeer：逐步推理慢在反复加载大的 K、V 张量",
                "办法：减少 KV 头数，让一组 K/V 服务多个查询头",
            ]),
            ("figure", "MHA、GQA、MQA", _img("20250411KVCache", 2),
             "假设模型：n_{kv} = 32 / 8 / 1 → 512 / 128 / 16 KiB 每 token"),
            ("summary", "要点", [
                "MQA：所有查询头共享一组 K/V，解码快得多，质量轻微下降",
                "GQA：分组共享，n_{kv} 介于 1 与查询头数之间",
                "组内各头的 K、V 投影取平均，再用原预训练计算量的 5% 继续训练",
                "GQA 质量接近 MHA，速度与 MQA 相当（论文摘要）",
            ]),
        ],
    },
    {
        "path": "09Newsletters/02Attention/20250523PagedAttention.pdf",
        "module": _MODULE, "chapter": _CHAPTER,
        "title": "PagedAttention：像操作系统分页一样管理 KV 缓存",
        "subtitle": "Kwon 等，SOSP 2023，arXiv:2309.06180（vLLM）",
        "tag": "课程分享 · 2025-05-23",
        "slides": [
            ("bullets", "连续预分配的三类浪费", [
                "KV 缓存随生成增长，最终长度事先未知",
                "现有系统按最大长度为每个请求预留一整段连续显存",
                "预留、内部碎片、外部碎片",
                "论文图 2：真正存放 token 状态的只占 20.4%–38.2%",
            ]),
            ("figure", "连续预分配 vs 分页", _img("20250523PagedAttention", 1),
             "块看作页，token 看作字节，请求看作进程"),
            ("bullets", "块、块表、按需分配", [
                "固定大小的 KV 块，物理上不必连续，块表记录映射与已填位置数",
                "写满才分配新块：每个请求的浪费不超过一个块；无外部碎片",
                "vLLM 存放 token 状态的比例 96.3%；默认块大小 16 个 token",
                "代价：注意力内核延迟比 FasterTransformer 高 20%–26%",
            ]),
            ("figure", "共享与写时复制", _img("20250523PagedAttention", 2),
             "引用计数 > 1 的块先复制再写；只复制最后一个未写满的块"),
            ("summary", "结果与要点", [
                "论文摘要：相同延迟下吞吐为 FasterTransformer、Orca 的 2–4 倍",
                "序列越长、模型越大、解码算法越复杂，提升越明显",
                "共享节省（Alpaca）：并行采样 6.1%–9.8%，束搜索 37.6%–55.2%",
                "ShareGPT：并行采样 16.2%–30.5%，束搜索 44.3%–66.3%",
            ]),
        ],
    },
]
