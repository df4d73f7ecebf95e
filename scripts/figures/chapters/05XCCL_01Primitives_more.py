"""Figures and slide decks of 05XCCL/01Primitives, lessons 02TreeAllReduce and 03AllToAll.

Loaded by registry.py, which puts scripts/figures on sys.path first. Lesson 01RingAllReduce is drawn
by draw.py and decks.py; this file only adds the two later lessons, so run draw.py/decks.py with the
article stem (02TreeAllReduce, 03AllToAll) as the filter.

Every cost drawn here is one the article states next to the figure: binomial-tree and Bruck costs from
Thakur, Rabenseifner and Gropp (2005), the ring from lesson 01, and the article's own simplified
pipeline model for the double binary tree. The parameters (alpha = 10 us, beta = 300 GB/s or 50 GB/s,
message sizes, token counts) are the articles' assumed demonstration values. Diagrams marked 示意 are
schematic; the traffic matrix of figure 03AllToAll02 is made-up illustrative data.
"""

from __future__ import annotations

import math

from figlib import (
    BLUE, BLUE_L, GRAY, GRAY_L, GREEN, GREEN_L, GRID, INK, MUTED, ORANGE, ORANGE_L,
    PURPLE, RED, RED_L, TEAL, WHITE, YELLOW, YELLOW_L,
    Axes, Canvas,
)

W = 2400  # every figure is 2,400 px wide
BASE = "05XCCL/01Primitives/images/"

RANK8 = [BLUE, GREEN, ORANGE, PURPLE, TEAL, RED, YELLOW, "#475569"]
SEG = [BLUE, GREEN, ORANGE, PURPLE]


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


# ====================================================================== trees used by the figures
def tree_parents(p: int) -> list[int]:
    """In-order binary tree on positions 0..p-1 (the lowest set bit gives the level); root = -1."""
    par = [-1] * p
    for i in range(1, p):
        b = i & -i
        up = i + b if (i // b) % 4 == 1 else i - b
        par[i] = up if up < p else i - b
    return par


def double_tree(p: int) -> tuple[list[int], list[int]]:
    """Parents by rank in tree A and tree B (B mirrors A for even p, shifts it by one for odd p)."""
    pos_par = tree_parents(p)
    pos_of = [(p - 1 - r) if p % 2 == 0 else (r - 1) % p for r in range(p)]
    rank_at = {pos: r for r, pos in enumerate(pos_of)}
    b = [-1 if pos_par[pos_of[r]] < 0 else rank_at[pos_par[pos_of[r]]] for r in range(p)]
    return pos_par[:], b


def depths(par: list[int]) -> list[int]:
    out = []
    for r in range(len(par)):
        d, q = 0, r
        while par[q] >= 0:
            q, d = par[q], d + 1
        out.append(d)
    return out


def children(par: list[int], r: int) -> list[int]:
    return [c for c in range(len(par)) if par[c] == r]


# ====================================================================== 02TreeAllReduce
def _binomial_steps(p=8):
    """Binomial broadcast from R0: list of steps, each a list of (src, dst)."""
    steps, mask = [], 1
    while mask < p:
        mask <<= 1
    mask >>= 1
    while mask:
        steps.append([(r, r + mask) for r in range(0, p, 2 * mask) if r + mask < p])
        mask >>= 1
    return steps


def _rank_grid(c, x0, y0, states, arrows, dx=250, dy=96, cw=170, ch=66, col_names=None):
    """states[s][r] = (label, fill, text colour) or None; arrows[s] = [(src, dst)] into column s."""
    p = len(states[0])
    for s, name in enumerate(col_names or []):
        c.text(x0 + s * dx + cw / 2, y0 - 50, name, size=30, color=MUTED, bold=True)
    for r in range(p):
        c.text(x0 - 24, y0 + r * dy + ch / 2, f"R{r}", size=32, bold=True, anchor="rm")
    for s, col in enumerate(states):
        for r, spec in enumerate(col):
            x, y = x0 + s * dx, y0 + r * dy
            if spec is None:
                c.rect(x, y, cw, ch, fill=GRAY_L, outline=GRID, width=2, radius=10)
                continue
            lab, fill, tcol = spec
            c.rect(x, y, cw, ch, fill=fill, radius=10)
            c.text(x + cw / 2, y + ch / 2, lab, size=30, color=tcol, bold=True)
    for s, pairs in enumerate(arrows):
        if s == 0:
            continue
        for a, b in pairs:
            xa, ya = x0 + (s - 1) * dx + cw + 6, y0 + a * dy + ch / 2
            xb, yb = x0 + s * dx - 6, y0 + b * dy + ch / 2
            c.arrow(xa, ya, xb, yb, color=RED, width=5, head=22)


def fig_tree01(path):
    """Binomial broadcast and binomial reduce on 8 ranks, drawn as rank x step grids."""
    c = Canvas(W, 1400)
    title(c, "二项树广播与归约（p = 8，共 log_{2}8 = 3 步）",
          "Binomial tree: the set of ranks holding data doubles (broadcast) or halves (reduce) each step")
    p = 8
    steps = _binomial_steps(p)
    # broadcast: who holds the data after each step
    have = {0}
    b_states = [[("A", BLUE, WHITE) if r in have else None for r in range(p)]]
    b_arrows = [[]]
    for st in steps:
        for a, b in st:
            have.add(b)
        b_states.append([("A", BLUE, WHITE) if r in have else None for r in range(p)])
        b_arrows.append(st)
    c.text(610, 225, "广播 Broadcast（根 R0）", size=40, bold=True, color=BLUE)
    _rank_grid(c, 170, 330, b_states, b_arrows, dx=250,
               col_names=["开始", "第 1 步", "第 2 步", "第 3 步"])
    # reduce: the reverse order; label = range of ranks already summed
    have_sum = {r: (r, r) for r in range(p)}
    alive = set(range(p))
    r_states = [[(f"{r}", "#cbd5e1", INK) for r in range(p)]]
    r_arrows = [[]]
    for st in reversed(steps):
        moved = []
        for a, b in st:  # in reduce, data flows b -> a
            lo, hi = have_sum[a][0], have_sum[b][1]
            have_sum[a] = (lo, hi)
            alive.discard(b)
            moved.append((b, a))
        col = []
        for r in range(p):
            if r not in alive:
                col.append(("已交出", GRAY_L, MUTED))
                continue
            lo, hi = have_sum[r]
            n = hi - lo + 1
            if n == p:
                col.append(("Σ", "#1f2937", WHITE))
            else:
                shade = {1: "#cbd5e1", 2: "#94a3b8", 4: "#64748b"}[n]
                col.append((f"{lo}–{hi}" if n > 1 else f"{lo}", shade, WHITE if n >= 4 else INK))
        r_states.append(col)
        r_arrows.append(moved)
    c.text(1810, 225, "归约 Reduce（到 R0）", size=40, bold=True, color=ORANGE)
    _rank_grid(c, 1370, 330, r_states, r_arrows, dx=250,
               col_names=["开始", "第 1 步", "第 2 步", "第 3 步"])
    c.rect(150, 1130, 2100, 200, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1185, "每一步都发送整条 n 字节消息：T_{bcast} = log_{2}p·(α + n/β)，"
           "T_{reduce} = log_{2}p·(α + n/β + nγ)（p 为 2 的幂）", size=36, bold=True)
    c.text(1200, 1265, "红色箭头：本步的发送；归约格中 “0–3” 表示已累加 R0…R3 的数据，"
           "Σ 为全部 8 个进程之和（Thakur 等 2005 的代价式，换成本课程记号）", size=30, color=MUTED)
    c.save(path)


def _pipeline_schedule(par, k):
    """One-port pipelined broadcast down one tree: every rank forwards each segment to its
    children in order, one send per slot. Returns {(rank, slot): (segment, child)}."""
    p = len(par)
    kids = {r: children(par, r) for r in range(p)}
    root = par.index(-1)
    got = {root: {s: 0 for s in range(k)}}
    tasks = {r: [(s, ch) for s in range(k) for ch in kids[r]] for r in range(p)}
    sched, t = {}, 0
    while any(tasks.values()):
        t += 1
        sent = []
        for r in range(p):
            if tasks[r]:
                s, ch = tasks[r][0]
                if r in got and s in got[r] and got[r][s] < t:
                    sched[(r, t)] = (s, ch)
                    sent.append((ch, s))
                    tasks[r].pop(0)
        for ch, s in sent:
            got.setdefault(ch, {})[s] = t
    return sched, t


def _draw_tree(c, par, cx, top, width, dy, r_node=40, fill=BLUE, light=BLUE_L, down=True):
    """Draw a tree whose ranks sit at x = rank order inside [cx - width/2, cx + width/2]."""
    p = len(par)
    dep = depths(par)
    xs = {r: cx - width / 2 + (r + 0.5) * width / p for r in range(p)}
    ys = {r: top + (dep[r] * dy if down else -dep[r] * dy) for r in range(p)}
    for r in range(p):
        if par[r] >= 0:
            c.line([(xs[par[r]], ys[par[r]]), (xs[r], ys[r])], fill, 5)
    for r in range(p):
        interior = bool(children(par, r))
        c.circle(xs[r], ys[r], r_node, fill=fill if interior else WHITE, outline=fill, width=5)
        c.text(xs[r], ys[r], f"R{r}", size=28, bold=True, color=WHITE if interior else fill)
    return xs, ys


def fig_tree02(path):
    """Pipelined broadcast down one binary tree: send ports of interior ranks, idle leaves."""
    c = Canvas(W, 1400)
    title(c, "单棵二叉树上的分段流水广播（p = 8，消息切成 k = 4 段，示意）",
          "Each interior rank must send every segment twice; leaves never send")
    par = tree_parents(8)
    c.text(330, 230, "所用的二叉树", size=36, bold=True)
    _draw_tree(c, par, 330, 330, 560, 150, r_node=36)
    c.text(330, 900, "实心：内部节点（要转发）\n空心：叶子（只接收）", size=30, color=MUTED)
    sched, T = _pipeline_schedule(par, 4)
    rows = [0, 4, 2, 6, 1, 3, 5, 7]
    x0, y0, cw, rh = 830, 300, 118, 88
    c.text(x0 + T * cw / 2, 230, "各进程发送端口的占用（格中：段号 → 目标进程）", size=34, bold=True)
    for t in range(1, T + 1):
        c.text(x0 + (t - 0.5) * cw, y0 - 25, f"{t}", size=28, color=MUTED)
    c.text(x0 - 30, y0 - 25, "时间步", size=28, color=MUTED, anchor="rm")
    for i, r in enumerate(rows):
        y = y0 + 15 + i * rh
        leaf = not children(par, r)
        c.text(x0 - 30, y + rh / 2 - 6, f"R{r} 发送", size=30, bold=True, anchor="rm",
               color=MUTED if leaf else INK)
        c.rect(x0, y, T * cw, rh - 12, fill=GRAY_L if leaf else WHITE, outline=GRID, width=2,
               radius=8)
        for t in range(1, T + 1):
            if (r, t) in sched:
                s, ch = sched[(r, t)]
                c.rect(x0 + (t - 1) * cw + 4, y + 4, cw - 8, rh - 20, fill=SEG[s], radius=8)
                c.text(x0 + (t - 0.5) * cw, y + rh / 2 - 6, f"{s + 1}→R{ch}", size=26,
                       color=WHITE, bold=True)
        if leaf:
            c.text(x0 + T * cw / 2, y + rh / 2 - 6, "叶子：发送端口始终空闲", size=28, color=MUTED)
    c.text(x0 + T * cw / 2, y0 + 15 + 8 * rh + 40,
           f"共 {T} 步；每个内部节点每段要发两次，稳态下每 2 步才送完一段", size=32, bold=True,
           color=RED)
    c.rect(150, 1195, 2100, 150, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1240, "k 很大时，单棵二叉树的带宽项约为 2n/β，是广播下限 n/β 的两倍", size=36,
           bold=True)
    c.text(1200, 1305, "颜色：段 1–4；调度规则：每个进程每步最多发出一段，先左孩子后右孩子",
           size=30, color=MUTED)
    c.save(path)


def _times_n(v: float) -> str:
    return "0" if v == 0 else ("n" if v == 1 else f"{v:g}n")


def fig_tree03(path):
    """Double binary tree for p = 8: tree A above, tree B below, and per-rank send volume."""
    c = Canvas(W, 1450)
    title(c, "双二叉树（p = 8）：一棵树的内部节点正好是另一棵树的叶子",
          "Tree A carries the first half of the data, tree B (its mirror image) the second half")
    p = 8
    a, b = double_tree(p)
    left, width = 120, 1320
    cx = left + width / 2
    c.text(left + 10, 215, "树 A（前一半数据）", size=36, bold=True, color=BLUE, anchor="lm")
    _draw_tree(c, a, cx, 270, width, 120, fill=BLUE, light=BLUE_L, down=True)
    mid = 270 + 3 * 120 + 95
    for r in range(p):
        x = cx - width / 2 + (r + 0.5) * width / p
        c.line([(x, 270 + 3 * 120 + 45), (x, mid + 145 - 45)], GRID, 3, dash=(10, 8))
    c.rect(left, mid - 10, width, 160, fill=GRAY_L, radius=16)
    for r in range(p):
        x = cx - width / 2 + (r + 0.5) * width / p
        ia, ib = bool(children(a, r)), bool(children(b, r))
        c.text(x, mid + 30, f"R{r}", size=34, bold=True)
        c.text(x, mid + 80, "A 内部" if ia else "A 叶子", size=26, color=BLUE if ia else MUTED)
        c.text(x, mid + 118, "B 内部" if ib else "B 叶子", size=26, color=ORANGE if ib else MUTED)
    c.text(left + 10, 1380, "树 B（后一半数据）", size=36, bold=True, color=ORANGE, anchor="lm")
    _draw_tree(c, b, cx, mid + 150 + 3 * 120 + 60, width, 120, fill=ORANGE, light=ORANGE_L,
               down=False)
    # right: data each rank sends in a broadcast of n bytes
    x0, y0, bw = 1620, 280, 640
    c.text(x0 + bw / 2 + 40, 215, "广播 n 字节时每个进程发出的数据", size=34, bold=True)
    single = [len(children(a, r)) * 1.0 for r in range(p)]
    double = [(len(children(a, r)) + len(children(b, r))) * 0.5 for r in range(p)]
    scale = bw / 2.0
    for r in range(p):
        y = y0 + 40 + r * 125
        c.text(x0 + 40, y + 40, f"R{r}", size=30, bold=True, anchor="rm")
        c.rect(x0 + 60, y, max(4, single[r] * scale), 36, fill=GRAY, radius=6)
        c.rect(x0 + 60, y + 44, max(4, double[r] * scale), 36, fill=GREEN, radius=6)
        c.text(x0 + 70 + single[r] * scale, y + 18, _times_n(single[r]), size=24, color=GRAY,
               anchor="lm")
        c.text(x0 + 70 + double[r] * scale, y + 62, _times_n(double[r]), size=24, color=GREEN,
               anchor="lm", bold=True)
    c.line([(x0 + 60 + scale, y0 + 20), (x0 + 60 + scale, y0 + 40 + 8 * 125)], RED, 3,
           dash=(12, 8))
    c.text(x0 + 60 + scale, y0 + 60 + 8 * 125, "n", size=30, color=RED, bold=True)
    c.rect(x0 - 10, y0 + 1110, 36, 30, fill=GRAY, radius=4)
    c.text(x0 + 40, y0 + 1125, "只用树 A", size=28, anchor="lm")
    c.rect(x0 + 260, y0 + 1110, 36, 30, fill=GREEN, radius=4)
    c.text(x0 + 310, y0 + 1125, "双二叉树", size=28, anchor="lm")
    c.save(path)


# cost model of the article (alpha assumed 10 us; beta 300 GB/s as in lesson 01)
ALPHA, BETA = 10e-6, 300e9


def _lg(p):
    return math.ceil(math.log2(p))


def t_ring(n, p):
    return 2 * (p - 1) * ALPHA + 2 * (p - 1) / p * n / BETA


def t_binom(n, p):
    return 2 * _lg(p) * (ALPHA + n / BETA)


def t_rhd(n, p):
    return 2 * _lg(p) * ALPHA + 2 * (p - 1) / p * n / BETA


def t_dbt(n, p):
    d, bt = 2 * _lg(p), 2 * n / BETA
    k = max(1.0, math.sqrt((d - 1) * bt / ALPHA))
    return (d - 1 + k) * (ALPHA + bt / k)


def fig_tree04(path):
    """Modelled All-Reduce time: against message size at p = 1024, and against p at 1 GB."""
    c = Canvas(W, 1450)
    title(c, "全归约耗时对比（α = 10 μs 为假设值，β = 300 GB/s）",
          "Ring vs binomial tree vs double binary tree (this lesson's pipeline model)")
    curves = [
        ("环 Ring", t_ring, ORANGE, 7),
        ("二项树归约 + 广播", t_binom, PURPLE, 7),
        ("双二叉树（流水模型）", t_dbt, GREEN, 7),
        ("递归减半/倍增（第 01 讲）", t_rhd, GRAY, 4),
    ]
    # left: against message size, p = 1024
    ax = Axes(c, 300, 280, 840, 820, (1e3, 4e9), (1e-5, 1.0), xlog=True, ylog=True)
    xt = [(1e3, "1 KB"), (1e5, "100 KB"), (1e7, "10 MB"), (1e9, "1 GB")]
    yt = [(1e-5, "10 μs"), (1e-4, "100 μs"), (1e-3, "1 ms"), (1e-2, "10 ms"), (1e-1, "100 ms"),
          (1.0, "1 s")]
    ax.frame(xt, yt, "消息大小 n（p = 1024）", "耗时（对数坐标）", size=30)
    for name, f, col, wd in curves:
        ax.curve(lambda n, f=f: f(n, 1024), 1e3, 4e9, col, width=wd)
    c.text(720, 230, "p = 1024：随消息大小变化", size=36, bold=True)
    # right: against p (powers of two), n = 1 GB
    ax2 = Axes(c, 1460, 280, 840, 820, (2, 4096), (1e-3, 0.1), xlog=True, ylog=True)
    xt2 = [(2, "2"), (8, "8"), (64, "64"), (512, "512"), (4096, "4096")]
    yt2 = [(1e-3, "1 ms"), (1e-2, "10 ms"), (1e-1, "100 ms")]
    ax2.frame(xt2, yt2, "进程数 p（n = 1 GB）", "", size=30)
    ps = [2 ** i for i in range(1, 13)]
    for name, f, col, wd in curves:
        pts = [ax2.px(pv, f(1e9, pv)) for pv in ps]
        c.line(pts, col, wd)
        for X, Y in pts:
            c.circle(X, Y, 9 if wd > 4 else 6, fill=col)
    c.text(1880, 230, "n = 1 GB：随进程数变化", size=36, bold=True)
    # legend
    lx, ly = 300, 1290
    for i, (name, f, col, wd) in enumerate(curves):
        x = lx + i * 520
        c.line([(x, ly), (x + 70, ly)], col, 8 if wd > 4 else 5)
        c.text(x + 85, ly, name, size=30, anchor="lm", color=col, bold=True)
    c.text(1200, 1380, "双二叉树为本讲的简化模型：T(k) = (D + k − 1)(α + 2n/(kβ))，"
           "D = 2·log_{2}p（向上取整），k 取最优；模型不含拓扑与链路争用", size=28, color=MUTED)
    c.save(path)


# ====================================================================== 03AllToAll
def fig_a2a01(path):
    """All-to-all as a block transpose, contrasted with all-gather."""
    c = Canvas(W, 1350)
    title(c, "全交换 All-to-All：每个进程给每个进程一块不同的数据（p = 4）",
          "Block (i→j) starts on rank i and ends on rank j: a transpose of the block matrix")
    p, cell, gap = 4, 150, 18
    cols = [BLUE, GREEN, ORANGE, PURPLE]

    def grid(x0, y0, label, after):
        c.text(x0 + p * cell / 2, y0 - 60, label, size=36, bold=True)
        for r in range(p):
            c.text(x0 - 20, y0 + r * (cell * 0.62 + gap) + cell * 0.31, f"R{r}", size=32,
                   bold=True, anchor="rm")
            for k in range(p):
                src, dst = (k, r) if after else (r, k)
                x, y = x0 + k * cell, y0 + r * (cell * 0.62 + gap)
                c.rect(x + 4, y, cell - 8, cell * 0.62, fill=cols[src], radius=10)
                c.text(x + cell / 2, y + cell * 0.31, f"{src}→{dst}", size=32, color=WHITE,
                       bold=True)
        c.text(x0 + p * cell / 2, y0 + p * (cell * 0.62 + gap) + 20,
               "第 k 列 = 发往 R_{k} 的块" if not after else "第 k 列 = 来自 R_{k} 的块",
               size=28, color=MUTED)

    grid(250, 300, "之前：R_{i} 的发送缓冲区", False)
    c.arrow(940, 520, 1130, 520, color=RED, width=10, head=40)
    c.text(1035, 440, "all-to-all", size=34, bold=True, color=RED)
    grid(1360, 300, "之后：R_{j} 的接收缓冲区", True)
    # contrast with all-gather
    c.rect(150, 930, 2100, 330, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 985, "与全收集 All-Gather 的区别", size=38, bold=True)
    c.text(1200, 1060, "全收集：每个进程拿出同一块数据，所有进程收到的是同样的 p 块", size=32)
    c.text(1200, 1120, "全交换：R_{i} 发给 R_{j} 的块只有 R_{j} 需要，p 个进程一共有 p(p−1) 块不同的数据要跨进程移动",
           size=32)
    c.text(1200, 1190, "每个进程发送和接收的数据量都是 (p−1)/p · n（n 为一个进程发送缓冲区的大小）",
           size=32, bold=True, color=RED)
    c.save(path)


# made-up routing counts (tokens sent from device i to the expert(s) on device j): 示意数据
TRAFFIC = [
    [70, 52, 48, 61, 96, 55, 62, 68],
    [58, 66, 49, 57, 104, 60, 63, 55],
    [62, 55, 71, 44, 99, 58, 59, 64],
    [60, 49, 52, 69, 108, 57, 54, 63],
    [54, 61, 50, 58, 112, 62, 57, 58],
    [66, 57, 46, 60, 101, 72, 51, 59],
    [59, 62, 53, 55, 97, 60, 67, 59],
    [61, 58, 47, 62, 103, 56, 60, 65],
]


def fig_a2a02(path):
    """Where the two all-to-alls sit in an expert-parallel MoE layer, and an uneven traffic matrix."""
    c = Canvas(W, 1500)
    title(c, "专家并行中的 all-to-all：分发与合并（示意）",
          "Dispatch and combine are all-to-alls whose block sizes follow the router")
    steps = [
        ("注意力等\n（各设备本地）", GRAY_L, GRAY),
        ("路由器\n为每个 token 选专家", YELLOW_L, YELLOW),
        ("all-to-all\n分发 dispatch", RED_L, RED),
        ("本设备上的\n专家 FFN", ORANGE_L, ORANGE),
        ("all-to-all\n合并 combine", RED_L, RED),
        ("按门控加权\n残差相加", GREEN_L, GREEN),
    ]
    bx, by, bwid, bh, bg = 80, 220, 330, 170, 52
    for i, (lab, fill, col) in enumerate(steps):
        x = bx + i * (bwid + bg)
        c.box(x, by, bwid, bh, lab, fill=fill, outline=col, size=32, bold=True, width=4)
        if i:
            c.arrow(x - bg + 4, by + bh / 2, x - 6, by + bh / 2, color=INK, width=5, head=22)
    c.text(1200, by + bh + 50, "前向每层两次 all-to-all；反向传播时梯度沿相反方向再走两次",
           size=32, color=MUTED)
    # traffic matrix
    p = len(TRAFFIC)
    x0, y0, cs = 520, 660, 86
    c.text(x0 + p * cs / 2, y0 - 110, "发送矩阵：设备 i 发往设备 j 的 token 数（示意数据）", size=34,
           bold=True)
    for j in range(p):
        c.text(x0 + j * cs + cs / 2, y0 - 35, f"→{j}", size=28, color=MUTED)
    mx = max(max(r) for r in TRAFFIC)
    for i, row in enumerate(TRAFFIC):
        c.text(x0 - 20, y0 + i * cs + cs / 2, f"设备{i}", size=28, bold=True, anchor="rm")
        for j, v in enumerate(row):
            t = v / mx
            shade = (int(255 - t * (255 - 37)), int(255 - t * (255 - 99)), int(255 - t * (255 - 235)))
            col = "#%02x%02x%02x" % shade
            c.rect(x0 + j * cs + 3, y0 + i * cs + 3, cs - 6, cs - 6, fill=col, radius=6)
            c.text(x0 + j * cs + cs / 2, y0 + i * cs + cs / 2, str(v), size=26,
                   color=WHITE if t > 0.6 else INK)
    # column sums = tokens each expert device must process
    sums = [sum(TRAFFIC[i][j] for i in range(p)) for j in range(p)]
    top = max(sums)
    by2 = y0 + p * cs + 20
    c.text(x0 - 20, by2 + 40, "接收合计", size=28, bold=True, anchor="rm")
    for j, s in enumerate(sums):
        c.rect(x0 + j * cs + 3, by2, cs - 6, 80, fill=RED_L if s == top else GRAY_L,
               outline=RED if s == top else GRID, width=3, radius=6)
        c.text(x0 + j * cs + cs / 2, by2 + 40, str(s), size=26, bold=s == top,
               color=RED if s == top else INK)
    rows = [sum(r) for r in TRAFFIC]
    c.text(x0 + p * cs + 30, y0 - 35, "发送合计", size=28, color=MUTED, anchor="lm")
    for i, s in enumerate(rows):
        c.text(x0 + p * cs + 30, y0 + i * cs + cs / 2, str(s), size=26, anchor="lm")
    nx = 1420
    c.rect(nx, 660, 900, 640, fill=GRAY_L, outline=GRAY, width=3)
    c.text(nx + 450, 720, "读这张表", size=36, bold=True)
    c.text(nx + 40, 950,
           "· 每行之和相同：每台设备发出\n   同样多的 token\n"
           "· 对角线上的 token 留在本地，\n   不占网络\n"
           "· 列和不均：设备 4 上的专家\n   收到最多，它算完之前\n   合并无法结束",
           size=32, anchor="lm")
    c.text(nx + 450, 1240, "块大小不一：MPI 称为 Alltoallv", size=30, color=RED, bold=True)
    c.save(path)


def fig_a2a03(path):
    """Pairwise exchange (p - 1 steps) against Bruck's algorithm (log2 p steps), p = 8."""
    c = Canvas(W, 1320)
    title(c, "两种全交换算法（p = 8）：逐对交换与 Bruck 算法",
          "Pairwise exchange: p−1 steps of one block each; Bruck: log_{2}p steps of p/2 blocks each")
    p = 8
    # left: XOR schedule
    x0, y0, cw, rh = 230, 330, 120, 78
    c.text(x0 + 7 * cw / 2, 230, "逐对交换：第 s 步与 R(r XOR s) 互换一块", size=34, bold=True,
           color=BLUE)
    for s in range(1, p):
        c.text(x0 + (s - 0.5) * cw, y0 - 35, f"第{s}步", size=26, color=MUTED)
    for r in range(p):
        c.text(x0 - 20, y0 + r * rh + rh / 2, f"R{r}", size=30, bold=True, anchor="rm")
        for s in range(1, p):
            q = r ^ s
            c.rect(x0 + (s - 1) * cw + 4, y0 + r * rh + 4, cw - 8, rh - 8, fill=RANK8[q],
                   radius=8)
            c.text(x0 + (s - 0.5) * cw, y0 + r * rh + rh / 2, f"R{q}", size=28, color=WHITE,
                   bold=True)
    c.text(x0 + 7 * cw / 2, y0 + p * rh + 45, "每步是一组两两配对，每块只走一次", size=30,
           color=MUTED)
    c.text(x0 + 7 * cw / 2, y0 + p * rh + 110, "T = (p−1)·(α + n/(pβ))", size=36, bold=True,
           color=BLUE)
    # right: Bruck
    bx, by, bc = 1340, 330, 104
    c.text(bx + 4 * bc, 230, "Bruck：第 k 轮发给 R(r+2^{k})，送出位置编号第 k 位为 1 的块", size=34,
           bold=True, color=GREEN)
    c.text(bx - 20, by - 35, "块位置", size=26, color=MUTED, anchor="rm")
    for i in range(p):
        c.text(bx + i * bc + bc / 2, by - 35, f"{i}", size=28, color=MUTED)
    for k in range(3):
        y = by + k * 150
        c.text(bx - 20, y + 45, f"k = {k}\n→R(r+{2 ** k})", size=28, bold=True, anchor="rm")
        for i in range(p):
            on = bool(i & (1 << k))
            c.rect(bx + i * bc + 4, y, bc - 8, 90, fill=GREEN if on else WHITE,
                   outline=GREEN if on else GRID, width=3, radius=8)
            c.text(bx + i * bc + bc / 2, y + 45, format(i, "03b"), size=28,
                   color=WHITE if on else MUTED, bold=on)
    c.text(bx + 4 * bc, by + 470,
           "先把第 j 块旋转到位置 (j − r) mod p；位置 i 的块要向前移动 i 个进程，\n"
           "按 i 的二进制拆成 1、2、4 的跳跃；最后按来源重排",
           size=28, color=MUTED)
    c.text(bx + 4 * bc, by + 610, "T = log_{2}p·(α + n/(2β))（p 为 2 的幂）", size=36,
           bold=True, color=GREEN)
    c.text(bx + 4 * bc, by + 680, "每步约 n/2 字节：一块可能被转发多次", size=30, color=MUTED)
    c.rect(150, 1150, 2100, 120, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1210, "小消息：步数少的 Bruck 更快；大消息：每块只传一次的逐对交换更快"
           "（代价式见 Thakur 等 2005，n 为每个进程发送缓冲区的总大小）", size=30, bold=True)
    c.save(path)


A2A_ALPHA, A2A_BETA = 10e-6, 50e9   # assumed values of the article's example
A2A_N = 32 * 2 ** 20               # assumed: 4096 tokens x 4096 hidden x 2 bytes per device


def fig_a2a04(path):
    """Bisection: the traffic every all-to-all pushes across a cut, and the resulting lower bounds."""
    c = Canvas(W, 1450)
    title(c, "全交换为什么考验对分带宽",
          "Uniform all-to-all pushes p·n/4 bytes each way across any cut into two equal halves")
    # left: two halves
    c.rect(100, 240, 420, 520, fill=BLUE_L, outline=BLUE, width=4, radius=24)
    c.rect(760, 240, 420, 520, fill=ORANGE_L, outline=ORANGE, width=4, radius=24)
    c.text(310, 290, "一半：p/2 个进程", size=32, bold=True, color=BLUE)
    c.text(970, 290, "另一半：p/2 个进程", size=32, bold=True, color=ORANGE)
    for i in range(4):
        c.circle(220 + (i % 2) * 180, 420 + (i // 2) * 180, 50, fill=BLUE)
        c.circle(880 + (i % 2) * 180, 420 + (i // 2) * 180, 50, fill=ORANGE)
    c.line([(640, 220), (640, 790)], RED, 6, dash=(22, 14))
    c.arrow(560, 460, 720, 460, color=RED, width=8, head=32)
    c.arrow(720, 560, 560, 560, color=RED, width=8, head=32)
    c.text(640, 840, "每个进程把 n/2 发到对面：每个方向共 (p/2)·(n/2) = p·n/4 字节", size=30,
           bold=True, color=RED)
    c.text(640, 910, "T ≥ p·n / (4·B_{bis})，B_{bis} 为单方向对分带宽", size=32, bold=True)
    # small topologies
    c.text(300, 1010, "环：切口 2 条链路", size=30, bold=True)
    for i in range(8):
        ang = -math.pi / 2 + math.pi / 8 + i * 2 * math.pi / 8
        x, y = 300 + 140 * math.cos(ang), 1200 + 140 * math.sin(ang)
        c.circle(x, y, 26, fill=INK)
    c.circle(300, 1200, 140, outline=INK, width=4)
    c.line([(300, 1030), (300, 1370)], RED, 5, dash=(14, 10))
    c.text(930, 1010, "4×4 环面：切口 2k = 8 条链路", size=30, bold=True)
    for i in range(4):
        for j in range(4):
            c.circle(810 + j * 80, 1080 + i * 80, 20, fill=INK)
        c.line([(790, 1080 + i * 80), (1070, 1080 + i * 80)], INK, 3)
        c.line([(810 + i * 80, 1060), (810 + i * 80, 1340)], INK, 3)
    c.line([(930, 1040), (930, 1380)], RED, 5, dash=(14, 10))
    c.text(1170, 1210, "每行还有一条\n回绕链路\n（未画出）", size=26, color=MUTED)
    # right: lower bounds against p
    ax = Axes(c, 1520, 300, 760, 820, (8, 1024), (1e-4, 0.1), xlog=True, ylog=True)
    ax.frame([(8, "8"), (32, "32"), (128, "128"), (512, "512")],
             [(1e-4, "0.1 ms"), (1e-3, "1 ms"), (1e-2, "10 ms"), (1e-1, "100 ms")],
             "进程数 p", "耗时下限", size=30)
    n, beta = A2A_N, A2A_BETA
    ax.curve(lambda p: p * n / (8 * beta), 8, 1024, RED, width=7)
    ax.curve(lambda p: math.sqrt(p) * n / (8 * beta), 8, 1024, PURPLE, width=7)
    ax.curve(lambda p: (p - 1) / p * n / beta, 8, 1024, GREEN, width=7)
    c.text(1900, 240, "下限随 p 的变化（n = 32 MiB，β = 50 GB/s，均为假设值）", size=30, bold=True)
    X, Y = ax.px(300, 300 * n / (8 * beta))
    c.text(X - 20, Y - 30, "环：p·n/(8β)", size=30, bold=True, color=RED, anchor="rm")
    X, Y = ax.px(300, math.sqrt(300) * n / (8 * beta))
    c.text(X - 20, Y - 40, "二维环面：√p·n/(8β)", size=30, bold=True, color=PURPLE, anchor="rm")
    X, Y = ax.px(120, 119 / 120 * n / beta)
    c.text(X + 60, Y + 95, "全对分网络：受注入带宽限制\n(p−1)/p·n/β", size=28, bold=True,
           color=GREEN)
    c.text(1900, 1330, "β 为单条链路单方向带宽；全对分网络按每个进程一条链路计", size=26,
           color=MUTED)
    c.save(path)


FIGURES = {
    BASE + "02TreeAllReduce01.png": fig_tree01,
    BASE + "02TreeAllReduce02.png": fig_tree02,
    BASE + "02TreeAllReduce03.png": fig_tree03,
    BASE + "02TreeAllReduce04.png": fig_tree04,
    BASE + "03AllToAll01.png": fig_a2a01,
    BASE + "03AllToAll02.png": fig_a2a02,
    BASE + "03AllToAll03.png": fig_a2a03,
    BASE + "03AllToAll04.png": fig_a2a04,
}


# ====================================================================== decks
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


DECKS: list[dict] = [
    {
        "path": "05XCCL/01Primitives/02TreeAllReduce.pdf",
        "module": "通信架构", "chapter": "集合通信原语",
        "title": "树形算法与双二叉树全归约",
        "subtitle": "对数级延迟，也要满带宽",
        "tag": "第 02 讲",
        "slides": [
            ("figure", "二项树广播与归约", _img("02TreeAllReduce", 1),
             "log_{2}p 步（p 为 2 的幂），每步整条消息：小消息快，大消息的带宽项是 log_{2}p·n/β"),
            ("bullets", "大消息：切段流水", [
                "把 n 字节切成 k 段，前一段往下走时后一段跟上",
                "链式流水：带宽项趋近 n/β，但要走 p−1 跳",
                "分散 + 全收集广播（Thakur 等 2005）：(log_{2}p + p − 1)α + 2·(p−1)/p·n/β",
                "单棵二叉树流水：内部节点每段发两次，叶子从不发送",
            ]),
            ("figure", "单棵二叉树：只有一半带宽", _img("02TreeAllReduce", 2),
             "k 很大时带宽项约 2n/β，是广播下限 n/β 的两倍"),
            ("figure", "双二叉树", _img("02TreeAllReduce", 3),
             "Sanders、Speck、Träff（Parallel Computing 2009）；NCCL 2.4 起用于全归约"),
            ("bullets", "本讲的简化模型", [
                "T(k) ≈ (D + k − 1)·(α + 2n/(kβ))，D = 2·log_{2}p（向上取整）",
                "最优 k：T* = (√((D−1)α) + √(2n/β))^{2}",
                "带宽项 2n/β，与环的 2(p−1)/p·n/β 同阶；延迟项 O(log p)",
                "α = 10 μs（假设值）、β = 300 GB/s、p = 1024、1 GB：环 ≈ 27.1 ms，双二叉树 ≈ 9.1 ms",
            ]),
            ("figure", "与环对比", _img("02TreeAllReduce", 4),
             "p = 8、1 GB 时环更快（5.97 vs 7.87 ms）；64 KB、p = 1024 时树约快 98 倍"),
            ("summary", "小结", [
                "二项树广播：log_{2}p·(α + n/β)，适合小消息",
                "流水让树也能用满带宽；单棵二叉树受限于内部节点的两次发送",
                "双二叉树让每个进程在一棵树里当内部节点、在另一棵里当叶子",
                "NCCL 博客：2.4 版引入，在 Summit 上测到 24,576 块 GPU，延迟最多改善 180 倍",
            ]),
        ],
    },
    {
        "path": "05XCCL/01Primitives/03AllToAll.pdf",
        "module": "通信架构", "chapter": "集合通信原语",
        "title": "全交换 All-to-All",
        "subtitle": "专家并行的通信核心，也是对网络最苛刻的原语",
        "tag": "第 03 讲",
        "slides": [
            ("figure", "定义：按块转置", _img("03AllToAll", 1),
             "每个进程发送、接收各 (p−1)/p·n 字节，且每块只有一个接收者"),
            ("figure", "专家并行中的两次 all-to-all", _img("03AllToAll", 2),
             "GShard（arXiv:2006.16668）、Switch Transformer（arXiv:2101.03961）；示意数据"),
            ("figure", "逐对交换与 Bruck 算法", _img("03AllToAll", 3),
             "Bruck 等（IEEE TPDS 1997）；代价式见 Thakur 等（2005）"),
            ("bullets", "算一个例子（α = 10 μs、β = 50 GB/s、n = 32 MiB 均为假设值）", [
                "p = 64，逐对交换：63 × (10 μs + 512 KiB/β) ≈ 1.29 ms",
                "Bruck：6 × (10 μs + 16 MiB/β) ≈ 2.07 ms",
                "n = 64 KB 时：逐对交换 ≈ 631 μs，Bruck ≈ 64 μs",
                "p = 64 时两者在 n ≈ 14 MB 处交叉",
            ]),
            ("figure", "对分带宽", _img("03AllToAll", 4),
             "均匀全交换每个方向有 p·n/4 字节要穿过对分切口"),
            ("summary", "小结", [
                "all-to-all = 分布式的块转置；MoE 每层前向两次、反向两次",
                "逐对交换 (p−1)(α + n/(pβ))；Bruck log_{2}p·(α + n/(2β))（p 为 2 的幂）",
                "下限 p·n/(4·B_{bis})：环随 p 线性增长，全对分网络不增长",
                "负载不均时最忙的专家设备决定整层耗时",
            ]),
        ],
    },
]
