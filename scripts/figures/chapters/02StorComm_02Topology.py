"""Figures and slide decks of 02StorComm/02Topology (集群网络拓扑: fat tree, torus, dragonfly).

Loaded by registry.py, which puts scripts/figures on sys.path first. Our own diagrams; every number
drawn here is one the articles cite next to the figure, with its source:
- Clos condition m >= 2n - 1: Clos, Bell System Technical Journal 1953.
- k-ary fat tree (k^3/4 hosts, 5k^2/4 switches, 48-port -> 27,648 hosts): Al-Fares et al., SIGCOMM 2008.
- Torus and mesh diameter / bisection / degree: derived from the geometry (the articles show the
  program that checks them by breadth-first search).
- TPU pod sizes: Jouppi et al. CACM 2020 (TPUv2, 16 x 16), Google Cloud TPU v3 docs (1,024 chips),
  Jouppi et al. ISCA 2023 (TPU v4, 4,096 chips, 3D torus).
- Dragonfly p, a, h, N = ap(ah + 1), a = 2p = 2h: Kim, Dally, Scott, Abts, ISCA 2008.
Values marked 假设 (assumed) are assumptions of a worked example, not product data.

Run from the repository root:
    .venv/bin/python scripts/figures/draw.py 02Topology
    .venv/bin/python scripts/figures/decks.py 02Topology
"""

from __future__ import annotations

import math

from figlib import (
    BLUE, BLUE_L, GRAY, GRAY_L, GREEN, GREEN_L, INK, MUTED, ORANGE, ORANGE_L,
    PURPLE, PURPLE_L, RED, RED_L, TEAL, TEAL_L, WHITE, YELLOW, YELLOW_L,
    Axes, Canvas,
)

W = 2400  # every figure is 2,400 px wide
CH = "02StorComm/02Topology"


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


def bezier(p0, p1, p2, n=40):
    """Points of a quadratic Bezier curve (for wraparound links drawn as arcs)."""
    pts = []
    for i in range(n + 1):
        t = i / n
        x = (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t ** 2 * p2[0]
        y = (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t ** 2 * p2[1]
        pts.append((x, y))
    return pts


def legend_row(c: Canvas, x, y, items, size=30, gap=60):
    """items: (colour, label, dashed). Drawn left to right from x."""
    for col, lab, dashed in items:
        c.line([(x, y), (x + 70, y)], col, 7, dash=(16, 10) if dashed else None)
        c.text(x + 90, y, lab, size=size, anchor="lm")
        x += 90 + c.text_size(lab, size)[0] + gap


# ====================================================================== 01FatTree
def fig_fattree01(path):
    """A three-stage Clos network, and the same network folded into leaf-spine form."""
    c = Canvas(W, 1500)
    title(c, "Clos 三级网络与它的折叠形式（示意 r = 4, n = 2, m = 3）",
          "Three-stage Clos network (Clos 1953) and the folded leaf–spine form used in data centres")
    # ---- left: unfolded
    c.text(600, 230, "展开的三级 Clos 网络 Unfolded", size=38, bold=True)
    r, n, m = 4, 2, 3
    ys = [330 + i * 240 for i in range(r)]
    xin, xmid, xout = 260, 600, 940
    bw, bh = 150, 170
    mid_ys = [400 + j * 240 for j in range(m)]
    for i, y in enumerate(ys):
        for j, my in enumerate(mid_ys):
            c.line([(xin + bw, y + bh / 2), (xmid, my + bh / 2)], GRAY, 3)
            c.line([(xmid + bw, my + bh / 2), (xout, y + bh / 2)], GRAY, 3)
    for i, y in enumerate(ys):
        c.box(xin, y, bw, bh, f"入口\n{i}", fill=BLUE_L, outline=BLUE, size=30, bold=True)
        c.box(xout, y, bw, bh, f"出口\n{i}", fill=GREEN_L, outline=GREEN, size=30, bold=True)
        for t in range(n):
            yy = y + 50 + t * 70
            c.arrow(xin - 120, yy, xin - 6, yy, color=BLUE, width=4, head=18)
            c.arrow(xout + bw + 6, yy, xout + bw + 120, yy, color=GREEN, width=4, head=18)
    for j, my in enumerate(mid_ys):
        c.box(xmid, my, bw, bh, f"中间\n{j}", fill=ORANGE_L, outline=ORANGE, size=30, bold=True)
    c.text(600, 1340, "每个入口交换机：n 个输入、m 个输出，每个中间交换机各连一条", size=30)
    c.text(600, 1395, "Clos 1953：m ≥ 2n − 1 时严格无阻塞（这里 m = 3 = 2×2 − 1）", size=30,
           color=RED, bold=True)
    # ---- fold arrow
    c.arrow(1190, 760, 1330, 760, color=INK, width=8, head=36)
    c.text(1260, 700, "折叠", size=34, bold=True)
    c.text(1260, 830, "fold", size=30, color=MUTED)
    # ---- right: folded
    c.text(1850, 230, "折叠后：叶–脊 Folded (leaf–spine)", size=38, bold=True)
    spine_x = [1530 + j * 230 for j in range(m)]
    leaf_x = [1430 + i * 210 for i in range(r)]
    sy, ly = 420, 860
    for lx in leaf_x:
        for sx in spine_x:
            c.line([(lx + 80, ly), (sx + 80, sy + 150)], GRAY, 4)
    for j, sx in enumerate(spine_x):
        c.box(sx, sy, 160, 150, f"脊 {j}\nspine", fill=ORANGE_L, outline=ORANGE, size=30,
              bold=True)
    for i, lx in enumerate(leaf_x):
        c.box(lx, ly, 160, 150, f"叶 {i}\nleaf", fill=TEAL_L, outline=TEAL, size=30, bold=True)
        for t in range(n):
            hx = lx + 40 + t * 80
            c.line([(hx, ly + 150), (hx, ly + 250)], TEAL, 4)
            c.rect(hx - 28, ly + 250, 56, 56, fill=WHITE, outline=TEAL, width=3, radius=8)
    c.text(1850, ly + 360, "入口与出口合成一台叶交换机；链路变成双向", size=30)
    c.text(1850, ly + 420, "任意两台叶交换机之间有 m 条经不同脊交换机的路径", size=30)
    c.text(1850, ly + 490, "下行 n 个端口 : 上行 m 个端口 决定收敛比", size=30, color=BLUE,
           bold=True)
    c.save(path)


def _fat_tree_coords(k=4):
    half = k // 2
    pod_w = 520
    x0 = 150
    core = {}
    ncore = half * half
    for j in range(ncore):
        core[j] = (1160 + (j - (ncore - 1) / 2) * 380, 300)
    agg, edge, host = {}, {}, {}
    for pod in range(k):
        px = x0 + pod * pod_w
        for a in range(half):
            agg[(pod, a)] = (px + 80 + a * 220, 620)
            edge[(pod, a)] = (px + 80 + a * 220, 900)
            for h in range(half):
                host[(pod, a, h)] = (px + 30 + a * 220 + h * 100, 1130)
    return core, agg, edge, host


def fig_fattree02(path):
    """The k = 4 fat tree of Al-Fares et al., with the (k/2)^2 = 4 shortest paths across pods."""
    k, half = 4, 2
    c = Canvas(W, 1500)
    title(c, "k = 4 的胖树：4 个 pod，16 台主机，20 台 4 端口交换机",
          "k-ary fat tree (Al-Fares et al., SIGCOMM 2008); orange: the (k/2)^{2} = 4 shortest paths between two pods")
    core, agg, edge, host = _fat_tree_coords(k)
    src, dst = (0, 0, 0), (3, 1, 1)
    used = set()
    for a in range(half):
        used.add(("e-a", 0, 0, a))
        used.add(("e-a", 3, 1, a))
        for j in range(half):
            used.add(("a-c", 0, a, a * half + j))
            used.add(("a-c", 3, a, a * half + j))
    # links
    for pod in range(k):
        for a in range(half):
            for j in range(half):
                cj = a * half + j
                on = ("a-c", pod, a, cj) in used
                c.line([agg[(pod, a)], core[cj]], ORANGE if on else "#cbd5e1", 8 if on else 4)
        for e in range(half):
            for a in range(half):
                on = ("e-a", pod, e, a) in used
                c.line([edge[(pod, e)], agg[(pod, a)]], ORANGE if on else "#cbd5e1", 8 if on else 4)
            for h in range(half):
                on = (pod, e, h) in (src, dst)
                c.line([edge[(pod, e)], host[(pod, e, h)]], ORANGE if on else "#cbd5e1",
                       8 if on else 4)
    # nodes
    for j, (x, y) in core.items():
        c.box(x - 80, y - 50, 160, 100, f"核心 {j}", fill=PURPLE_L, outline=PURPLE, size=30,
              bold=True)
    for pod in range(k):
        px = 150 + pod * 520
        c.rect(px - 10, 540, 480, 450, outline=GRAY, width=3, radius=20)
        c.text(px + 230, 1030 - 15, f"pod {pod}", size=30, color=MUTED, bold=True)
        for a in range(half):
            x, y = agg[(pod, a)]
            c.box(x - 80, y - 50, 160, 100, f"汇聚 {a}", fill=ORANGE_L, outline=ORANGE, size=28)
            x, y = edge[(pod, a)]
            c.box(x - 80, y - 50, 160, 100, f"边缘 {a}", fill=TEAL_L, outline=TEAL, size=28)
            for h in range(half):
                x, y = host[(pod, a, h)]
                hl = (pod, a, h) in (src, dst)
                c.rect(x - 38, y - 38, 76, 76, fill=ORANGE if hl else WHITE,
                       outline=ORANGE if hl else BLUE, width=3, radius=8)
    c.text(host[src][0], 1215, "源", size=30, color=ORANGE, bold=True)
    c.text(host[dst][0], 1215, "目的", size=30, color=ORANGE, bold=True)
    c.text(120, 300, "核心层\nCore", size=32, bold=True, color=PURPLE, anchor="lm")
    c.text(1200, 1300, "每台汇聚交换机：k/2 条链路向下连边缘，k/2 条向上连核心；"
           "第 a 台汇聚交换机连第 a 组核心交换机", size=30)
    c.text(1200, 1360, "主机 k^{3}/4 = 16 · 交换机 5k^{2}/4 = 20 · 跨 pod 最短路径 6 跳、(k/2)^{2} = 4 条",
           size=34, bold=True)
    c.text(1200, 1425, "同样规则取 k = 48：27,648 台主机（论文摘要）", size=30, color=MUTED)
    c.save(path)


def fig_fattree03(path):
    """Oversubscription at an edge switch: 1:1 against 3:1 (assumed 64 ports, 400 Gb/s)."""
    c = Canvas(W, 1450)
    title(c, "收敛比（oversubscription）：下行带宽总和 ÷ 上行带宽总和",
          "Worked example with assumed values: 64-port edge switch, every port 400 Gb/s")

    def switch(x0, down, up, label, col, light):
        c.text(x0 + 500, 250, label, size=40, bold=True, color=col)
        c.rect(x0, 470, 1000, 200, fill=light, outline=col, width=5)
        c.text(x0 + 500, 570, f"边缘交换机：{down} 个下行 + {up} 个上行", size=36, bold=True)
        # uplinks
        for i in range(up):
            x = x0 + 40 + i * (920 / max(up - 1, 1))
            c.line([(x, 470), (x, 340)], col, 4)
        c.text(x0 + 500, 310, f"上行 {up} × 400 Gb/s = {up * 0.4:.1f} Tb/s", size=32, color=col)
        for i in range(down):
            x = x0 + 20 + i * (960 / max(down - 1, 1))
            c.line([(x, 670), (x, 790)], GRAY, 3)
        c.text(x0 + 500, 830, f"下行 {down} × 400 Gb/s = {down * 0.4:.1f} Tb/s（连主机）",
               size=32, color=INK)
        ratio = down / up
        c.rect(x0 + 150, 900, 700, 110, fill=WHITE, outline=col, width=4)
        c.text(x0 + 500, 955, f"收敛比 {down}:{up} = {ratio:g}:1", size=40, bold=True, color=col)
        return ratio

    r1 = switch(120, 32, 32, "无收敛 1:1（胖树）", GREEN, GREEN_L)
    r2 = switch(1280, 48, 16, "收敛 3:1", RED, RED_L)
    # per-host bandwidth when every host sends out of the switch at once
    c.text(1200, 1080, "所有主机同时把流量发往别的交换机时，每台主机最多分到", size=34, bold=True)
    for k, (ratio, col, lab) in enumerate([(r1, GREEN, "1:1"), (r2, RED, "3:1")]):
        y = 1150 + k * 110
        bw = 400 / ratio
        c.text(560, y + 35, lab, size=34, bold=True, color=col, anchor="rm")
        c.rect(600, y, bw * 3.0, 70, fill=col, radius=8)
        c.text(600 + bw * 3.0 + 20, y + 35, f"{bw:.0f} Gb/s", size=34, color=col, anchor="lm",
               bold=True)
    c.text(1200, 1395, "跨交换机的 β 降为 1/3：按 α–β 模型，大消息的通信时间约变为 3 倍", size=32,
           color=INK, bold=True)
    c.save(path)


def fig_fattree04(path):
    """Hosts reachable at full bisection bandwidth with k-port switches: 2 and 3 tiers."""
    c = Canvas(W, 1450)
    title(c, "k 端口交换机能搭多大的无收敛网络",
          "Two tiers (leaf–spine): k^{2}/2 hosts; three tiers (fat tree, Al-Fares et al.): k^{3}/4 hosts")
    ax = Axes(c, 360, 230, 1800, 930, (8, 128), (10, 1e6), xlog=True, ylog=True)
    xt = [(8, "8"), (16, "16"), (32, "32"), (48, "48"), (64, "64"), (128, "128")]
    yt = [(10, "10"), (100, "100"), (1000, "1,000"), (1e4, "10^{4}"), (1e5, "10^{5}"),
          (1e6, "10^{6}")]
    ax.frame(xt, yt, "交换机端口数 k", "主机数（对数坐标）")
    ax.curve(lambda k: k ** 3 / 4, 8, 128, ORANGE, width=8)
    ax.curve(lambda k: k ** 2 / 2, 8, 128, BLUE, width=8)
    X, Y = ax.px(100, 100 ** 3 / 4)
    c.text(X - 40, Y - 40, "三层胖树 k^{3}/4", size=36, color=ORANGE, bold=True, anchor="rm")
    X, Y = ax.px(100, 100 ** 2 / 2)
    c.text(X + 10, Y + 60, "两层叶–脊 k^{2}/2", size=36, color=BLUE, bold=True, anchor="lm")
    pts = [(48, 48 ** 3 / 4, "k = 48：27,648\n（Al-Fares 等）", -40, -80, "rm", ORANGE),
           (64, 64 ** 3 / 4, "k = 64：65,536\n（本文示例，假设）", 40, 60, "lm", ORANGE),
           (64, 64 ** 2 / 2, "k = 64：2,048", 40, 40, "lm", BLUE)]
    for k, v, lab, dx, dy, anc, col in pts:
        X, Y = ax.px(k, v)
        c.circle(X, Y, 16, fill=col, outline=WHITE, width=3)
        c.text(X + dx, Y + dy, lab, size=32, color=col, anchor=anc, bold=True)
    c.text(1260, 1370, "一般地，L 层无收敛胖树可容纳 2(k/2)^{L} 台主机：每加一层，规模乘以 k/2",
           size=34, bold=True)
    c.save(path)


# ====================================================================== 02Torus
def _node(c, x, y, r=30, fill=BLUE_L, outline=BLUE, label=""):
    c.circle(x, y, r, fill=fill, outline=outline, width=4)
    if label:
        c.text(x, y, label, size=24, bold=True)


def fig_torus01(path):
    """Ring, 2D mesh and 2D torus of 16 nodes: degree, diameter, bisection (cut drawn in red)."""
    c = Canvas(W, 1400)
    title(c, "16 个节点的三种直连网络：环、二维网格、二维环面",
          "Ring, 4 × 4 mesh, 4 × 4 torus; red dashed line: a bisection, with the links it cuts")
    cy = 680
    # ---- ring
    rx, rr = 400, 290
    pts = []
    for i in range(16):
        ang = -math.pi / 2 + 2 * math.pi * (i + 0.5) / 16
        pts.append((rx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    for i in range(16):
        c.line([pts[i], pts[(i + 1) % 16]], BLUE, 6)
    for p in pts:
        _node(c, *p, r=26)
    c.line([(rx, cy - rr - 70), (rx, cy + rr + 70)], RED, 5, dash=(20, 12))
    # ---- mesh and torus
    s = 170

    def gridpos(x0, i, j):
        return x0 + j * s, cy - 1.5 * s + i * s

    def draw_grid(x0, wrap):
        for i in range(4):
            for j in range(4):
                if j < 3:
                    c.line([gridpos(x0, i, j), gridpos(x0, i, j + 1)], PURPLE, 6)
                if i < 3:
                    c.line([gridpos(x0, i, j), gridpos(x0, i + 1, j)], TEAL, 6)
        if wrap:
            for i in range(4):
                a, b = gridpos(x0, i, 0), gridpos(x0, i, 3)
                mid = ((a[0] + b[0]) / 2, a[1] - 0.62 * s)
                c.line(bezier(a, mid, b), PURPLE, 4)
            for j in range(4):
                a, b = gridpos(x0, 0, j), gridpos(x0, 3, j)
                mid = (a[0] - 0.62 * s, (a[1] + b[1]) / 2)
                c.line(bezier(a, mid, b), TEAL, 4)
        for i in range(4):
            for j in range(4):
                _node(c, *gridpos(x0, i, j), r=28)
        xm = x0 + 1.5 * s
        c.line([(xm, cy - 1.5 * s - 120), (xm, cy + 1.5 * s + 70)], RED, 5, dash=(20, 12))

    draw_grid(1000, False)
    draw_grid(1790, True)
    heads = [(400, "环 Ring（N = 16）"), (1255, "二维网格 2D mesh（4 × 4）"),
             (2045, "二维环面 2D torus（4 × 4）")]
    for x, h in heads:
        c.text(x, 250, h, size=38, bold=True)
    stats = [(400, ["每节点 2 条链路", "直径 N/2 = 8", "二分宽度 2"]),
             (1255, ["每节点至多 4 条链路", "直径 2(k − 1) = 6", "二分宽度 k = 4"]),
             (2045, ["每节点 4 条链路", "直径 2 × k/2 = 4", "二分宽度 2k = 8"])]
    for x, lines in stats:
        c.rect(x - 330, 1080, 660, 230, fill=GRAY_L, outline=GRAY, width=3)
        for t, ln in enumerate(lines):
            c.text(x, 1130 + t * 66, ln, size=34, bold=t == 1, color=RED if t == 2 else INK)
    c.text(2045, 1020 - 8, "弧线：回绕链路 wraparound", size=28, color=MUTED)
    c.save(path)


def fig_torus02(path):
    """Diameter against node count for ring, 2D and 3D tori; TPU pod sizes marked."""
    c = Canvas(W, 1450)
    title(c, "直径随节点数增长：维数越高，增长越慢",
          "Diameter of a ring, a square 2D torus and a cubic 3D torus (even side k): N/2, k, 3k/2")
    ax = Axes(c, 360, 230, 1800, 930, (16, 65536), (1, 40000), xlog=True, ylog=True)
    xt = [(16, "16"), (64, "64"), (256, "256"), (1024, "1,024"), (4096, "4,096"),
          (16384, "16,384"), (65536, "65,536")]
    yt = [(1, "1"), (10, "10"), (100, "100"), (1000, "1,000"), (10000, "10^{4}")]
    ax.frame(xt, yt, "节点数 N（对数坐标）", "直径（跳数，对数坐标）", size=32)
    ax.curve(lambda n: n / 2, 16, 65536, GRAY, width=7)
    ax.curve(lambda n: math.sqrt(n), 16, 65536, BLUE, width=7)
    ax.curve(lambda n: 1.5 * n ** (1 / 3), 16, 65536, ORANGE, width=7)
    for x, f, lab, col, dy in ((20000, lambda n: n / 2, "环：N/2", GRAY, -50),
                               (20000, math.sqrt, "二维环面：√N", BLUE, -50),
                               (20000, lambda n: 1.5 * n ** (1 / 3), "三维环面：1.5·N^{1/3}", ORANGE,
                                60)):
        X, Y = ax.px(x, f(x))
        c.text(X, Y + dy, lab, size=34, color=col, bold=True, anchor="rm")
    marks = [(256, 16, "v2", BLUE, "TPUv2：16×16，直径 16"),
             (1024, 32, "v3", BLUE, "TPUv3 Pod 1,024 片（按 32×32 计）：直径 32"),
             (4096, 24, "v4", ORANGE, "TPU v4 4,096 片（按 16×16×16 计）：直径 24"),
             (4096, 2048, "", GRAY, "同样 4,096 个节点连成单环：直径 2,048")]
    bx, by = ax.x + 40, ax.y + 20
    c.rect(bx, by, 860, 300, fill=WHITE, outline=GRAY, width=3)
    for k, (x, y, tag, col, lab) in enumerate(marks):
        X, Y = ax.px(x, y)
        c.circle(X, Y, 15, fill=col, outline=WHITE, width=3)
        if tag:
            c.text(X, Y + (45 if tag == "v4" else -45), tag, size=30, color=col, bold=True)
        ly = by + 55 + k * 64
        c.circle(bx + 40, ly, 12, fill=col)
        c.text(bx + 70, ly, lab, size=29, color=col, anchor="lm", bold=True)
    c.text(1260, 1370, "芯片数：TPUv2 据 CACM 2020，TPUv3 据谷歌云文档，TPU v4 据 ISCA 2023；直径按环面公式算得",
           size=30, color=MUTED)
    c.save(path)


def fig_torus03(path):
    """Dimension-by-dimension ring all-reduce on a 4 x 4 torus: data shrinks by k per phase."""
    c = Canvas(W, 1500)
    title(c, "在 4×4 环面上逐维做环形全归约（示意）",
          "Reduce-scatter along rows, then along columns; all-gather in reverse order")
    s = 118
    panels = [
        (330, "① 行环：归约散播", "各行 4 个芯片组成环\n每个芯片留下本行之和的 1/4", PURPLE, "row"),
        (910, "② 列环：归约散播", "对手里那 1/4 继续在列环上做\n每个芯片留下全体之和的 1/16",
         TEAL, "col"),
        (1490, "③ 列环：全收集", "把 1/16 的完整结果\n沿列环收集回 1/4", TEAL, "col"),
        (2070, "④ 行环：全收集", "沿行环收集回完整结果", PURPLE, "row"),
    ]
    cy = 520
    for x, head, note, col, kind in panels:
        x0 = x - 1.5 * s
        c.text(x, 240, head, size=34, bold=True, color=col)
        for i in range(4):
            for j in range(4):
                p = (x0 + j * s, cy - 1.5 * s + i * s)
                if kind == "row" and j < 3:
                    c.line([p, (p[0] + s, p[1])], col, 6)
                if kind == "col" and i < 3:
                    c.line([p, (p[0], p[1] + s)], col, 6)
        if kind == "row":
            for i in range(4):
                a = (x0, cy - 1.5 * s + i * s)
                b = (x0 + 3 * s, a[1])
                c.line(bezier(a, ((a[0] + b[0]) / 2, a[1] - 0.45 * s), b), col, 4)
        else:
            for j in range(4):
                a = (x0 + j * s, cy - 1.5 * s)
                b = (a[0], cy + 1.5 * s)
                c.line(bezier(a, (a[0] - 0.45 * s, (a[1] + b[1]) / 2), b), col, 4)
        for i in range(4):
            for j in range(4):
                _node(c, x0 + j * s, cy - 1.5 * s + i * s, r=25)
        c.text(x, 800, note, size=28)
    # data size strip
    y0 = 930
    c.text(1200, y0, "每个芯片手里的数据量（总量 n，p = 16）", size=36, bold=True)
    sizes = [("开始", 1.0, GRAY), ("① 之后", 1 / 4, PURPLE), ("② 之后", 1 / 16, TEAL),
             ("③ 之后", 1 / 4, TEAL), ("④ 之后", 1.0, PURPLE)]
    for k, (lab, frac, col) in enumerate(sizes):
        x = 150 + k * 440
        c.rect(x, y0 + 60, 330, 100, fill=WHITE, outline=GRAY, width=3, radius=10)
        c.rect(x, y0 + 60, 330 * frac, 100, fill=col, radius=10)
        c.text(x + 165, y0 + 200, f"{lab}：n" if frac == 1 else f"{lab}：n/{round(1 / frac)}",
               size=30, bold=True)
        if k < 4:
            c.arrow(x + 345, y0 + 110, x + 430, y0 + 110, color=INK, width=4, head=18)
    c.rect(200, 1200, 2000, 230, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1255, "每个芯片发送量：2 × (3/4 · n + 3/16 · n) = 2 × (15/16) · n = 2(p − 1)/p · n，"
           "与一个 16 节点的单环相同", size=31, bold=True)
    c.text(1200, 1325, "步数（延迟项）：2 × (3 + 3) = 12 步，单环需要 2 × 15 = 30 步", size=31,
           color=RED, bold=True)
    c.text(1200, 1390, "各行（各列）的环同时工作，彼此不共用链路", size=30, color=MUTED)
    c.save(path)


# ====================================================================== 03Dragonfly
def fig_dragonfly01(path):
    """A router's three kinds of ports, and a group acting as one virtual high-radix router."""
    c = Canvas(W, 1450)
    title(c, "蜻蜓拓扑的两级结构：路由器 → 组（示意 p = 2, a = 4, h = 2）",
          "Router ports: p terminals, a − 1 local, h global (Kim, Dally, Scott, Abts, ISCA 2008)")
    # ---- left: one router
    x0, y0 = 180, 520
    c.text(560, 250, "一台路由器 One router", size=38, bold=True)
    c.box(x0 + 120, y0, 520, 260, "路由器\nk = p + (a − 1) + h", fill=BLUE_L, outline=BLUE,
          size=36, bold=True)
    for t in range(2):  # global, up
        x = x0 + 300 + t * 160
        c.line([(x, y0), (x, y0 - 150)], RED, 7)
    c.text(x0 + 380, y0 - 190, "h 条全局链路 → 其他组", size=32, color=RED, bold=True)
    for t in range(3):  # local, right
        y = y0 + 60 + t * 70
        c.line([(x0 + 640, y), (x0 + 780, y)], GREEN, 7)
    c.text(x0 + 800, y0 + 130, "a − 1 条\n组内链路", size=30, color=GREEN, bold=True, anchor="lm")
    for t in range(2):  # terminals, down
        x = x0 + 300 + t * 160
        c.line([(x, y0 + 260), (x, y0 + 380)], GRAY, 6)
        c.rect(x - 45, y0 + 380, 90, 80, fill=WHITE, outline=GRAY, width=3, radius=8)
    c.text(x0 + 380, y0 + 510, "p 个终端（加速器 / 网卡）", size=32, color=INK, bold=True)
    # ---- right: a group
    gx, gy, gr = 1700, 680, 220
    c.text(gx, 250, "一个组 One group：a 台路由器全连接", size=38, bold=True)
    c.circle(gx, gy, gr + 140, fill=GRAY_L, outline=GRAY, width=3)
    pos = [(gx + gr * math.cos(math.pi / 4 + i * math.pi / 2),
            gy + gr * math.sin(math.pi / 4 + i * math.pi / 2)) for i in range(4)]
    for i in range(4):
        for j in range(i + 1, 4):
            c.line([pos[i], pos[j]], GREEN, 6)
    for i, (x, y) in enumerate(pos):
        ang = math.atan2(y - gy, x - gx)
        for t in (-0.22, 0.22):
            ex = gx + (gr + 210) * math.cos(ang + t)
            ey = gy + (gr + 210) * math.sin(ang + t)
            c.line([(x, y), (ex, ey)], RED, 6)
        c.box(x - 70, y - 55, 140, 110, f"R{i}", fill=BLUE_L, outline=BLUE, size=34, bold=True)
    c.text(gx, gy + gr * 0.71 + 100, "组内全连接（短电缆）", size=28, color=GREEN, bold=True)
    c.text(gx, gy + gr + 245, "对外共 a·h = 8 条全局链路；整组像一台 a(p + h) = 16 端口的“虚拟路由器”",
           size=30, bold=True)
    c.rect(120, 1200, 2160, 170, fill=YELLOW_L, outline=YELLOW, width=3)
    c.text(1200, 1250, "最大规模：g = a·h + 1 个组（每两组之间恰好一条全局链路）", size=34, bold=True)
    c.text(1200, 1315, "终端数 N = a·p·(a·h + 1)；此例 g = 9，N = 4 × 2 × 9 = 72", size=34,
           color=BLUE, bold=True)
    c.save(path)


def _df_layout(g, a, cx, cy, R, rr):
    """Group centres on a circle; the a = 4 routers of a group at the corners of a small square."""
    groups = []
    for G in range(g):
        ang = -math.pi / 2 + 2 * math.pi * G / g
        gxc, gyc = cx + R * math.cos(ang), cy + R * math.sin(ang)
        corners = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
        routers = [(gxc + dx * rr, gyc + dy * rr) for dx, dy in corners[:a]]
        groups.append(((gxc, gyc), routers))
    return groups


def _df_global_links(g, a, h):
    """Same arrangement as the article's program: port t of group G goes to the t-th other group."""
    links = set()
    for G in range(g):
        for port in range(a * h):
            other = port if port < G else port + 1
            back = G if G < other else G - 1
            links.add(tuple(sorted([(G, port // h), (other, back // h)])))
    return sorted(links)


def fig_dragonfly02(path):
    """The whole a = 4, p = 2, h = 2 dragonfly: 9 groups, one global link per pair of groups."""
    g, a, h = 9, 4, 2
    c = Canvas(W, 1500)
    title(c, "完整的蜻蜓网络：9 个组，每两组之间一条全局链路",
          "a = 4, p = 2, h = 2: 36 routers, 72 terminals, 36 global links; any two routers ≤ 3 hops apart")
    cx, cy, R, rr = 800, 830, 480, 42
    groups = _df_layout(g, a, cx, cy, R, rr)
    for (G1, r1), (G2, r2) in _df_global_links(g, a, h):
        c.line([groups[G1][1][r1], groups[G2][1][r2]], "#f87171", 3)
    for G, ((gxc, gyc), routers) in enumerate(groups):
        c.rect(gxc - 88, gyc - 88, 176, 176, fill=GRAY_L, outline=GRAY, width=3, radius=24)
        for i in range(a):
            for j in range(i + 1, a):
                c.line([routers[i], routers[j]], GREEN, 4)
        for x, y in routers:
            c.circle(x, y, 20, fill=BLUE_L, outline=BLUE, width=4)
        ang = -math.pi / 2 + 2 * math.pi * G / g
        c.text(cx + (R + 145) * math.cos(ang), cy + (R + 145) * math.sin(ang), f"组 {G}",
               size=32, bold=True, color=INK)
    # right-hand notes
    x0 = 1640
    c.rect(x0, 280, 680, 1080, fill=WHITE, outline=GRAY, width=3)
    c.text(x0 + 340, 340, "数一数（由公式算得）", size=36, bold=True)
    rows = [("路由器端口 k = 2 + 3 + 2 = 7", INK),
            ("组数 g = a·h + 1 = 9", INK),
            ("路由器 a·g = 36 台", INK),
            ("终端 N = a·p·g = 72 个", BLUE),
            ("全局链路 g(g − 1)/2 = 36 条", RED),
            ("组内链路 g·a(a − 1)/2 = 54 条", GREEN)]
    for k, (txt, col) in enumerate(rows):
        c.text(x0 + 340, 440 + k * 85, txt, size=31, color=col, bold=col != INK)
    c.line([(x0 + 40, 950), (x0 + 640, 950)], GRAY, 3)
    c.text(x0 + 340, 1020, "最短路由：组内 → 全局 → 组内", size=31, bold=True)
    c.text(x0 + 340, 1090, "最多 3 跳，只过 1 条全局链路", size=31, color=RED, bold=True)
    c.text(x0 + 340, 1200, "绿：组内链路（短电缆）\n红：全局链路（长电缆）", size=29, color=MUTED)
    c.save(path)


def fig_dragonfly03(path):
    """Minimal against Valiant routing, and the adversarial pattern that motivates Valiant."""
    c = Canvas(W, 1650)
    title(c, "最短路由与 Valiant 路由（示意）",
          "Minimal: local–global–local. Valiant: via a random intermediate group, two global hops")
    a, rn = 4, 32

    def group(cx, cy, name):
        c.rect(cx - 200, cy - 200, 400, 400, fill=GRAY_L, outline=GRAY, width=3, radius=40)
        c.text(cx, cy - 240, name, size=32, bold=True)
        pos = [(cx - 100, cy - 100), (cx + 100, cy - 100), (cx + 100, cy + 100), (cx - 100, cy + 100)]
        for i in range(a):
            for j in range(i + 1, a):
                c.line([pos[i], pos[j]], "#a7f3d0", 4)
        return pos

    def hop(p, q, col):
        d = math.hypot(q[0] - p[0], q[1] - p[1])
        ux, uy = (q[0] - p[0]) / d, (q[1] - p[1]) / d
        c.arrow(p[0] + ux * rn, p[1] + uy * rn, q[0] - ux * (rn + 4), q[1] - uy * (rn + 4),
                color=col, width=8, head=30)

    S = group(330, 560, "源组 i")
    D = group(2070, 560, "目的组 i+1")
    I = group(1200, 930, "随机选的中间组 j")
    # the global links that exist between these groups (one per pair of groups)
    for p, q in ((S[1], D[0]), (S[2], I[0]), (I[1], D[3])):
        c.line([p, q], "#fca5a5", 5)
    for pos in (S, D, I):
        for x, y in pos:
            c.circle(x, y, rn, fill=BLUE_L, outline=BLUE, width=4)
    c.circle(*S[0], rn, fill=INK, outline=INK)
    c.circle(*D[2], rn, fill=INK, outline=INK)
    c.text(S[0][0], S[0][1] - 62, "源", size=30, bold=True)
    c.text(D[2][0], D[2][1] + 62, "目的", size=30, bold=True)
    # minimal: S0 -> S1 (local) -> D0 (global) -> D2 (local)
    for p, q in ((S[0], S[1]), (S[1], D[0]), (D[0], D[2])):
        hop(p, q, GREEN)
    c.text(1200, 400, "最短路由：组内 1 跳 + 全局 1 跳 + 组内 1 跳 = 3 跳", size=34, color=GREEN,
           bold=True)
    # valiant: S0 -> S2 -> I0 -> I1 -> D3 -> D2
    for p, q in ((S[0], S[2]), (S[2], I[0]), (I[0], I[1]), (I[1], D[3]), (D[3], D[2])):
        hop(p, q, ORANGE)
    c.text(1200, 1220, "Valiant：先最短路由到随机中间组，再最短路由到目的地 → 最多 5 跳，过 2 条全局链路",
           size=32, color=ORANGE, bold=True)
    # traffic notes
    c.rect(120, 1300, 1020, 300, fill=RED_L, outline=RED, width=3)
    c.text(630, 1350, "对抗性流量：组 i 的终端全部发往组 i+1", size=31, bold=True, color=RED)
    c.text(630, 1440, "最短路由只能挤在两组之间唯一的那条全局链路上：\na·p 个终端分一条链路的带宽",
           size=29)
    c.text(630, 1550, "Valiant 把这些流量摊到许多中间组上", size=29, bold=True)
    c.rect(1260, 1300, 1020, 300, fill=GREEN_L, outline=GREEN, width=3)
    c.text(1770, 1350, "均匀随机流量：最短路由本身已经均衡", size=31, bold=True, color=GREEN)
    c.text(1770, 1440, "Valiant 让每个包多占一条全局链路：\n可用的全局带宽大约减半", size=29)
    c.text(1770, 1550, "自适应路由（UGAL 类）按拥塞在两者之间选", size=29, bold=True)
    c.save(path)


def fig_dragonfly04(path):
    """Maximum size against router radix: 2-tier and 3-tier fat trees, balanced dragonfly."""
    c = Canvas(W, 1450)
    title(c, "同样的端口数，能连多少终端",
          "Fat tree (k^{2}/2, k^{3}/4) against the balanced dragonfly a = 2p = 2h, k = 4h − 1, N = ap(ah + 1)")
    ax = Axes(c, 380, 230, 1780, 930, (12, 128), (10, 1e7), xlog=True, ylog=True)
    xt = [(12, "12"), (16, "16"), (32, "32"), (64, "64"), (128, "128")]
    yt = [(10, "10"), (100, "100"), (1000, "10^{3}"), (1e4, "10^{4}"), (1e5, "10^{5}"),
          (1e6, "10^{6}"), (1e7, "10^{7}")]
    ax.frame(xt, yt, "路由器 / 交换机端口数 k", "最多终端数（对数坐标）")
    ax.curve(lambda k: k ** 2 / 2, 12, 128, BLUE, width=7)
    ax.curve(lambda k: k ** 3 / 4, 12, 128, ORANGE, width=7)

    def df(k):
        h = (k + 1) / 4
        return 2 * h * h * (2 * h * h + 1)

    ax.curve(df, 12, 128, RED, width=7)
    for h in (4, 8, 16):
        k = 4 * h - 1
        X, Y = ax.px(k, df(k))
        c.circle(X, Y, 14, fill=RED, outline=WHITE, width=3)
        c.text(X - 30, Y - 40, f"h={h}，k={k}：{int(df(k)):,}", size=28, color=RED, bold=True,
               anchor="rm")
    X, Y = ax.px(64, 64 ** 3 / 4)
    c.circle(X, Y, 14, fill=ORANGE, outline=WHITE, width=3)
    c.text(X + 30, Y + 45, "k=64：65,536", size=28, color=ORANGE, bold=True, anchor="lm")
    X, Y = ax.px(64, 64 ** 2 / 2)
    c.circle(X, Y, 14, fill=BLUE, outline=WHITE, width=3)
    c.text(X + 30, Y + 45, "k=64：2,048", size=28, color=BLUE, bold=True, anchor="lm")
    X, Y = ax.px(46, df(46))
    c.text(X, Y - 70, "平衡蜻蜓 ≈ (k+1)^{4}/64", size=34, color=RED, bold=True, anchor="rm")
    X, Y = ax.px(14, 14 ** 3 / 4)
    c.text(X, Y + 70, "三层胖树 k^{3}/4", size=34, color=ORANGE, bold=True, anchor="lm")
    X, Y = ax.px(20, 20 ** 2 / 2)
    c.text(X, Y + 60, "两层叶–脊 k^{2}/2", size=34, color=BLUE, bold=True, anchor="lm")
    c.text(1270, 1370, "蜻蜓的规模随 k 的四次方增长，代价是非均匀流量下需要非最短路由",
           size=34, bold=True)
    c.save(path)


FIGURES = {
    f"{CH}/images/01FatTree01.png": fig_fattree01,
    f"{CH}/images/01FatTree02.png": fig_fattree02,
    f"{CH}/images/01FatTree03.png": fig_fattree03,
    f"{CH}/images/01FatTree04.png": fig_fattree04,
    f"{CH}/images/02Torus01.png": fig_torus01,
    f"{CH}/images/02Torus02.png": fig_torus02,
    f"{CH}/images/02Torus03.png": fig_torus03,
    f"{CH}/images/03Dragonfly01.png": fig_dragonfly01,
    f"{CH}/images/03Dragonfly02.png": fig_dragonfly02,
    f"{CH}/images/03Dragonfly03.png": fig_dragonfly03,
    f"{CH}/images/03Dragonfly04.png": fig_dragonfly04,
}


# ====================================================================== decks
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


_MOD, _CHAP = "通信&存储", "集群网络拓扑"

DECKS: list[dict] = [
    {
        "path": f"{CH}/01FatTree.pdf",
        "module": _MOD, "chapter": _CHAP,
        "title": "胖树与 Clos 网络：无阻塞的集群网络",
        "subtitle": "Clos 1953 · Leiserson 1985 · Al-Fares 等 SIGCOMM 2008",
        "tag": "第 01 讲",
        "slides": [
            ("bullets", "从一台交换机到多级网络", [
                "k 端口交换机是交叉开关：最多 k 台主机，两两之间线速",
                "集群要连几万台主机：必须把交换机连成多级网络",
                "三级 Clos：r 台入口、m 台中间、r 台出口，入口各接 n 条输入",
                "Clos 1953：m ≥ 2n − 1 时严格无阻塞",
                "折叠：入口与出口合成叶交换机，中间级成为脊（叶–脊）",
            ]),
            ("figure", "Clos 网络与折叠", _img("01FatTree", 1),
             "最坏情况下入口占 n − 1 台、出口占 n − 1 台中间交换机，再多一台就一定有空闲"),
            ("bullets", "k 叉胖树（Al-Fares 等 2008）", [
                "k 个 pod，每个 pod 有 k/2 台边缘和 k/2 台汇聚交换机；(k/2)^{2} 台核心",
                "每台交换机一半端口向下、一半向上：无收敛，满二分带宽",
                "主机 k^{3}/4，交换机 5k^{2}/4；k = 48 时 27,648 台主机（论文摘要）",
                "跨 pod 有 (k/2)^{2} 条 6 跳的等价最短路径",
                "满带宽不等于不拥塞：静态哈希可能让大流撞在同一条链路上",
            ]),
            ("figure", "k = 4 的胖树", _img("01FatTree", 2), "16 台主机、20 台 4 端口交换机；橙色为跨 pod 的 4 条最短路径"),
            ("figure", "收敛比", _img("01FatTree", 3),
             "假设 64 端口、每端口 400 Gb/s：48 下 16 上为 3:1，每台主机最多约 133 Gb/s"),
            ("figure", "k = 64 的规模（假设 64 端口交换机）", _img("01FatTree", 4),
             "65,536 台主机、5,120 台交换机、131,072 条交换机间链路；每主机 5 个交换机端口"),
            ("summary", "小结", [
                "Clos：m ≥ 2n − 1 严格无阻塞；折叠后即叶–脊",
                "k 叉胖树：k^{3}/4 台主机、5k^{2}/4 台交换机、(k/2)^{2} 条跨 pod 路径",
                "收敛比 r:1 时，所有主机同时跨交换机通信只能拿到 1/r 的网卡速率",
                "同步训练看最坏情况、依赖二分带宽：AI 集群偏爱无收敛网络",
            ]),
        ],
    },
    {
        "path": f"{CH}/02Torus.pdf",
        "module": _MOD, "chapter": _CHAP,
        "title": "环面与网格：芯片直连的网络",
        "subtitle": "直径、二分宽度、每节点链路数，以及逐维的环形全归约",
        "tag": "第 02 讲",
        "slides": [
            ("bullets", "直连网络与三个指标", [
                "节点自带路由器，直接连邻居，不需要外部交换机",
                "每节点链路数：端口多少，成本的主要来源",
                "直径：最远两点之间的最短跳数",
                "二分宽度：把节点分成相等两半时最少要切断的链路数",
            ]),
            ("figure", "环、网格与环面", _img("02Torus", 1),
             "环：直径 N/2、二分 2；n 维环面：2n 条链路、直径 nk/2、二分 2k^{n−1}"),
            ("bullets", "二分宽度限制全交换", [
                "均匀随机流量约一半穿过切面：b ≤ 4·B_{bis}·β / N",
                "k×k 与 k×k×k 环面：每节点全交换速率 ≤ 8β/k",
                "边长翻倍，全交换速率减半：环面适合近邻与按维分解的通信",
                "折叠排布：每条链路最多跨两个位置，回绕链路也不长",
            ]),
            ("figure", "TPU Pod 的规模与直径", _img("02Torus", 2),
             "TPUv2 16×16（CACM 2020）· TPUv3 1,024 片（谷歌云文档）· TPU v4 4,096 片三维环面（ISCA 2023）"),
            ("figure", "逐维环形全归约", _img("02Torus", 3),
             "带宽项不变 2(p−1)/p·n/β；延迟项 2Σ(k_{i} − 1)α"),
            ("bullets", "算一算（形状为计算所作的假设）", [
                "16×16：直径 16，二分 32 条，全归约 60 步（单环 510 步）",
                "32×32：直径 32，二分 64 条，全归约 124 步（单环 2,046 步）",
                "16×16×16：直径 24，二分 512 条，全归约 90 步（单环 8,190 步）",
                "把数据分成 2d 份、轮换维序并用两个方向：理想情况下带宽项再除以 2d",
            ]),
            ("summary", "小结", [
                "环面：2n 条链路、直径 nk/2、二分宽度 2k^{n−1}",
                "多一维：更短的直径、更宽的二分，每个芯片多 2 条链路",
                "全交换是环面的弱项：每节点 ≤ 8β/k",
                "环形全归约按维进行：带宽最优，延迟步数大幅减少",
            ]),
        ],
    },
    {
        "path": f"{CH}/03Dragonfly.pdf",
        "module": _MOD, "chapter": _CHAP,
        "title": "蜻蜓拓扑：用高基数路由器缩短直径",
        "subtitle": "Kim、Dally、Scott、Abts，ISCA 2008",
        "tag": "第 03 讲",
        "slides": [
            ("bullets", "出发点：线缆是成本的大头", [
                "高基数路由器：引脚带宽提高，可以做出很多端口",
                "网络成本主要在线缆，跨机柜的长线缆尤其贵",
                "目标：减少长的全局线缆，同时保持低直径",
                "路由器端口 k = p + (a − 1) + h：终端、组内、全局",
            ]),
            ("figure", "路由器与组", _img("03Dragonfly", 1),
             "一组 a 台路由器全连接，像一台 a(p + h) 端口的虚拟路由器"),
            ("figure", "完整的蜻蜓网络", _img("03Dragonfly", 2),
             "g = ah + 1 组，N = ap(ah + 1)；最短路由最多 3 跳、只过 1 条全局链路"),
            ("bullets", "平衡配置 a = 2p = 2h", [
                "全局：每组 ap 个终端的流量要从 ah 条全局链路出去，需要 h ≥ p",
                "组内：源组、目的组各一跳，组内链路约需 2p 条",
                "k = 4h − 1，N = 2h^{2}(2h^{2} + 1) ≈ (k+1)^{4}/64",
                "h = 16：63 端口路由器，262,656 个终端，131,328 条全局链路",
                "论文摘要：约 16K 节点时比扁平蝶形便宜 20%，比折叠 Clos 便宜 52%",
            ]),
            ("figure", "最短路由与 Valiant 路由", _img("03Dragonfly", 3),
             "对抗性流量下最短路由只能挤一条全局链路；Valiant 摊开流量，代价是约一半全局带宽"),
            ("figure", "三种结构的规模", _img("03Dragonfly", 4),
             "同样端口数：蜻蜓 ≈ (k+1)^{4}/64，三层胖树 k^{3}/4，两层叶–脊 k^{2}/2"),
            ("summary", "三种拓扑怎么选", [
                "胖树：交换机与线缆换来任意流量下的满带宽，适合全交换与随意放置作业",
                "环面：没有交换机、线缆短，适合近邻与按维分解的集合通信",
                "蜻蜓：全局线缆约每终端 0.5 条、直径 3，需要自适应的非最短路由",
                "二分宽度：胖树 N/2 条主机链路，蜻蜓约 N/4 条全局链路，环面 2k^{n−1}",
            ]),
        ],
    },
]
