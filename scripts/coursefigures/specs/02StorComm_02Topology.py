"""Figures and decks of 02StorComm/02Topology (集群网络拓扑: fat tree, torus, dragonfly).

Every number drawn here is one the articles cite next to the figure, with its source:
- Clos condition m >= 2n - 1: Clos, Bell System Technical Journal 1953.
- k-ary fat tree (k^3/4 hosts, 5k^2/4 switches, 48 ports -> 27,648 hosts): Al-Fares et al., SIGCOMM 2008.
- Torus and mesh diameter / bisection / degree: derived from the geometry (the articles show the
  program that checks them by breadth-first search).
- TPU pod sizes: Jouppi et al. CACM 2020 (TPUv2, 16 x 16), Google Cloud TPU v3 docs (1,024 chips),
  Jouppi et al. ISCA 2023 (TPU v4, 4,096 chips, 3D torus).
- Dragonfly p, a, h, N = ap(ah + 1), a = 2p = 2h: Kim, Dally, Scott, Abts, ISCA 2008.
Values marked 假设 / assumed belong to a worked example, not to a product.

The topologies are regular: every position follows from the definition (pod p, switch a; row i,
column j; group g on a circle), so they are computed here. Graphviz's dot was tried for the k = 4
fat tree and reorders the aggregation switches across pods (it cannot be told to keep pods
together without subgraph clusters, which `Graph` does not offer).
"""

from __future__ import annotations

import math

from matplotlib.lines import Line2D

from ..shapes import disc, line
from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Label, Picture, Plot, T, Text, text_in
from ..style import RULE, strong

IMAGES = "02StorComm/02Topology/images/"
Point = tuple[float, float]


def _arc(a: Point, bend: Point, b: Point, color: str, width: float = 2.0) -> Arrow:
    """A quadratic Bézier from a to b pulled toward `bend`, as a polyline (wraparound links).
    Belongs in the framework as a curved `Arrow`."""
    steps = 16
    points = [((1 - t) ** 2 * a[0] + 2 * (1 - t) * t * bend[0] + t ** 2 * b[0],
               (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * bend[1] + t ** 2 * b[1])
              for t in (i / steps for i in range(steps + 1))]
    return line(*points, color=color, width=width)


def _dot(x: float, y: float, r: float, color: str = "blue", fill: str = "light", text: Label | None = None,
         id: str | None = None, size: float = 12) -> Box:
    """A round node of radius r centred at (x, y), light and small-lettered."""
    return disc(x, y, r, text, color=color, fill=fill, size=size, id=id)


def _loglog(axes, language: str, xlim: tuple[float, float], ylim: tuple[float, float],
            xticks: list[tuple[float, str]], yticks: list[tuple[float, str]], xlabel: Label, ylabel: Label) -> None:
    """The log–log frame the three scaling charts share."""
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlim(*xlim)
    axes.set_ylim(*ylim)
    axes.set_xticks([v for v, _ in xticks], [s for _, s in xticks], fontsize=15)
    axes.set_yticks([v for v, _ in yticks], [s for _, s in yticks], fontsize=15)
    axes.minorticks_off()
    axes.grid(color=RULE)
    axes.set_axisbelow(True)
    axes.set_xlabel(text_in(xlabel, language), fontsize=16)
    axes.set_ylabel(text_in(ylabel, language), fontsize=16)


def _curve(axes, f, lo: float, hi: float, colour: str) -> None:
    """f sampled evenly on a log axis between lo and hi."""
    xs = [lo * (hi / lo) ** (i / 100) for i in range(101)]
    axes.plot(xs, [f(x) for x in xs], color=strong(colour), linewidth=3.5)


def _point(axes, x: float, y: float, colour: str, label: str = "", dx: float = 1.0, dy: float = 1.0,
           ha: str = "left") -> None:
    """A marked point with an optional label offset by factors (dx, dy) on the log axes."""
    axes.plot([x], [y], "o", color=strong(colour), markersize=10, markeredgecolor="white", markeredgewidth=1.5)
    if label:
        axes.text(x * dx, y * dy, label, ha=ha, va="center", fontsize=15, fontweight="bold", color=strong(colour))


def _footer(axes, label: Label, language: str) -> None:
    """A sentence under the chart, centred on the figure."""
    axes.text(0.5, 0.03, text_in(label, language), ha="center", va="center", fontsize=16, fontweight="bold",
              color=strong("ink"), transform=axes.figure.transFigure)


# ====================================================================== 01FatTree
def _clos() -> list[Item]:
    """The unfolded three-stage Clos network (r = 4, n = 2, m = 3) and its folded leaf–spine form."""
    r, n, m = 4, 2, 3
    xin, xmid, xout, bw, bh = 2.6, 6.0, 9.4, 1.5, 1.7
    ys = [1.3 + i * 2.4 for i in range(r)]
    mids = [2.0 + j * 2.4 for j in range(m)]
    items: list[Item] = [Text(6.5, 0.3, T("展开的三级 Clos 网络", "Unfolded three-stage Clos network"), bold=True, size=19)]
    items += [line((xin + bw, y + bh / 2), (xmid, my + bh / 2), width=1.5) for y in ys for my in mids]
    items += [line((xmid + bw, my + bh / 2), (xout, y + bh / 2), width=1.5) for y in ys for my in mids]
    for i, y in enumerate(ys):
        items += [Box(xin, y, bw, bh, T(f"入口\n{i}", f"In\n{i}"), size=15, bold=True),
                  Box(xout, y, bw, bh, T(f"出口\n{i}", f"Out\n{i}"), color="green", size=15, bold=True)]
        for t in range(n):
            yy = y + 0.5 + t * 0.7
            items += [Arrow((xin - 1.2, yy), (xin - 0.06, yy), color="blue", width=2),
                      Arrow((xout + bw + 0.06, yy), (xout + bw + 1.2, yy), color="green", width=2)]
    items += [Box(xmid, my, bw, bh, T(f"中间\n{j}", f"Mid\n{j}"), color="orange", size=15, bold=True)
              for j, my in enumerate(mids)]
    items += [Text(6.5, 11.4, T("每个入口交换机：n 个输入、m 个输出，每个中间交换机各连一条",
                                "Each ingress switch: n inputs, m outputs, one to every middle switch"), size=14),
              Text(6.5, 11.95, T("Clos 1953：m ≥ 2n − 1 时严格无阻塞（这里 m = 3 = 2×2 − 1）",
                                 "Clos 1953: strictly non-blocking if m ≥ 2n − 1 (here m = 3 = 2×2 − 1)"),
                   color="red", bold=True, size=14),
              Arrow((12.0, 5.6), (13.3, 5.6), color="ink", width=4),
              Text(12.65, 5.0, T("折叠", "fold"), bold=True, size=17),
              Text(18.5, 0.3, T("折叠后：叶–脊", "Folded: leaf–spine"), bold=True, size=19)]
    spines = [15.3 + j * 2.3 for j in range(m)]
    leaves = [14.3 + i * 2.1 for i in range(r)]
    items += [line((lx + 0.8, 6.6), (sx + 0.8, 3.7)) for lx in leaves for sx in spines]
    items += [Box(sx, 2.2, 1.6, 1.5, T(f"脊 {j}", f"spine {j}"), color="orange", size=15, bold=True)
              for j, sx in enumerate(spines)]
    for i, lx in enumerate(leaves):
        items.append(Box(lx, 6.6, 1.6, 1.5, T(f"叶 {i}", f"leaf {i}"), color="teal", size=15, bold=True))
        for t in range(n):
            hx = lx + 0.4 + t * 0.8
            items += [line((hx, 8.1), (hx, 9.1), color="teal"),
                      Box(hx - 0.28, 9.1, 0.56, 0.56, color="teal", fill="white", radius=4)]
    return items + [
        Text(18.5, 10.2, T("入口与出口合成一台叶交换机；链路变成双向", "Ingress + egress = one leaf switch; links are two-way"),
             size=14),
        Text(18.5, 10.8, T("任意两台叶交换机之间有 m 条经不同脊交换机的路径",
                           "Any two leaves have m paths through different spines"), size=14),
        Text(18.5, 11.5, T("下行 n 个端口 : 上行 m 个端口 决定收敛比", "n ports down : m ports up sets the oversubscription"),
             color="blue", bold=True, size=14),
    ]


FAT01 = Figure(
    IMAGES + "01FatTree01",
    T("Clos 三级网络与它的折叠形式（示意 r = 4, n = 2, m = 3）",
      "The three-stage Clos network and its folded form (schematic, r = 4, n = 2, m = 3)"),
    T("三级 Clos 网络（Clos 1953），以及数据中心所用的折叠叶–脊形式",
      "Three-stage Clos network (Clos 1953) and the folded leaf–spine form used in data centres"),
    rows=13,
    items=tuple(_clos()),
)

K, HALF = 4, 2
SOURCE, TARGET = (0, 0, 0), (3, 1, 1)
"""(pod, edge switch, host) of the two hosts whose shortest paths are drawn."""



def _fat_tree() -> list[Item]:
    """The k = 4 fat tree placed as in Al-Fares et al.'s drawing (pods side by side, core on top),
    with the links of the (k/2)^2 shortest paths from SOURCE to TARGET in orange."""
    at: dict[str, Point] = {f"c{j}": (11.6 + (j - 1.5) * 3.8, 1.0) for j in range(HALF * HALF)}
    links, used = [], set()
    for pod in range(K):
        px = 1.5 + pod * 5.2
        for a in range(HALF):
            at[f"a{pod}{a}"], at[f"e{pod}{a}"] = (px + 0.8 + a * 2.2, 4.2), (px + 0.8 + a * 2.2, 7.0)
            for h in range(HALF):
                at[f"h{pod}{a}{h}"] = (px + 0.3 + a * 2.2 + h * 1.0, 9.3)
            for j in range(HALF):
                links.append((f"a{pod}{a}", f"c{a * HALF + j}"))
                if pod in (SOURCE[0], TARGET[0]):
                    used.add(links[-1])
        for e in range(HALF):
            for a in range(HALF):
                links.append((f"e{pod}{e}", f"a{pod}{a}"))
                if (pod, e) in (SOURCE[:2], TARGET[:2]):
                    used.add(links[-1])
            for h in range(HALF):
                links.append((f"h{pod}{e}{h}", f"e{pod}{e}"))
                if (pod, e, h) in (SOURCE, TARGET):
                    used.add(links[-1])
    items: list[Item] = [line(at[a], at[b], color="orange" if (a, b) in used else "#cbd5e1",
                               width=4 if (a, b) in used else 2) for a, b in links]
    kinds = {"c": ("purple", T("核心", "Core")), "a": ("orange", T("汇聚", "Agg")), "e": ("teal", T("边缘", "Edge"))}
    for name, (x, y) in at.items():
        if name[0] == "h":
            end = tuple(int(d) for d in name[1:]) in (SOURCE, TARGET)
            items.append(Box(x - 0.38, y - 0.38, 0.76, 0.76, color="orange" if end else "blue",
                             fill="solid" if end else "white", radius=4))
        else:
            colour, kind = kinds[name[0]]
            items.append(Box(x - 0.8, y - 0.5, 1.6, 1.0, T(f"{kind.zh} {name[-1]}", f"{kind.en} {name[-1]}"),
                             color=colour, size=15 if name[0] == "c" else 14, bold=name[0] == "c"))
    items += [Box(1.4 + pod * 5.2, 3.4, 4.8, 4.5, color="gray", fill="none", radius=10) for pod in range(K)]
    items += [Text(3.7 + pod * 5.2, 8.15, f"pod {pod}", color="gray", bold=True, size=15) for pod in range(K)]
    return items + [Text(at["h000"][0], 10.15, T("源", "src"), color="orange", bold=True, size=15),
                    Text(at["h311"][0], 10.15, T("目的", "dst"), color="orange", bold=True, size=15),
                    Text(1.2, 1.0, T("核心层", "Core"), color="purple", bold=True, size=16, anchor="start")]


FAT02 = Figure(
    IMAGES + "01FatTree02",
    T("k = 4 的胖树：4 个 pod，16 台主机，20 台 4 端口交换机",
      "The k = 4 fat tree: 4 pods, 16 hosts, 20 four-port switches"),
    T("k 叉胖树（Al-Fares 等，SIGCOMM 2008）；橙色：两个 pod 之间 (k/2)^{2} = 4 条最短路径",
      "k-ary fat tree (Al-Fares et al., SIGCOMM 2008); orange: the (k/2)^{2} = 4 shortest paths between two pods"),
    rows=13,
    items=(
        *_fat_tree(),
        Text(12.0, 11.0, T("每台汇聚交换机：k/2 条链路向下连边缘，k/2 条向上连核心；第 a 台汇聚交换机连第 a 组核心交换机",
                           "Every aggregation switch: k/2 links down to edge switches, k/2 up to core switches; "
                           "aggregation switch a joins core group a"), size=14),
        Text(12.0, 11.6, T("主机 k^{3}/4 = 16 · 交换机 5k^{2}/4 = 20 · 跨 pod 最短路径 6 跳、(k/2)^{2} = 4 条",
                           "Hosts k^{3}/4 = 16 · switches 5k^{2}/4 = 20 · between pods: (k/2)^{2} = 4 shortest "
                           "paths of 6 hops"), bold=True, size=17),
        Text(12.0, 12.25, T("同样规则取 k = 48：27,648 台主机（论文摘要）", "The same rule with k = 48: 27,648 hosts "
                                                                  "(the paper's abstract)"), color="gray", size=15),
    ),
)


def _edge_switch(x0: float, down: int, up: int, label: Label, colour: str) -> list[Item]:
    """One edge switch of the oversubscription example, its ports and its ratio."""
    ratio = down / up
    return [
        Text(x0 + 5.0, 0.5, label, color=colour, bold=True, size=20),
        *(line((x0 + 0.4 + i * 9.2 / max(up - 1, 1), 2.7), (x0 + 0.4 + i * 9.2 / max(up - 1, 1), 1.4), color=colour)
          for i in range(up)),
        Text(x0 + 5.0, 1.1, T(f"上行 {up} × 400 Gb/s = {up * 0.4:.1f} Tb/s", f"Up {up} × 400 Gb/s = {up * 0.4:.1f} Tb/s"),
             color=colour, size=16),
        Box(x0, 2.7, 10.0, 2.0, T(f"边缘交换机：{down} 个下行 + {up} 个上行", f"Edge switch: {down} down + {up} up"),
            color=colour, size=18, bold=True, radius=0, stroke=2.5),
        *(line((x0 + 0.2 + i * 9.6 / max(down - 1, 1), 4.7), (x0 + 0.2 + i * 9.6 / max(down - 1, 1), 5.9), width=1.5)
          for i in range(down)),
        Text(x0 + 5.0, 6.3, T(f"下行 {down} × 400 Gb/s = {down * 0.4:.1f} Tb/s（连主机）",
                              f"Down {down} × 400 Gb/s = {down * 0.4:.1f} Tb/s (to hosts)"), size=16),
        Box(x0 + 1.5, 7.0, 7.0, 1.1, T(f"收敛比 {down}:{up} = {ratio:g}:1", f"Oversubscription {down}:{up} = {ratio:g}:1"),
            color=colour, fill="white", size=20, bold=True, radius=0),
    ]


SWITCHES = [(1.2, 32, 32, T("无收敛 1:1（胖树）", "No oversubscription, 1:1 (fat tree)"), "green"),
            (12.8, 48, 16, T("收敛 3:1", "Oversubscribed 3:1"), "red")]
FAT03 = Figure(
    IMAGES + "01FatTree03",
    T("收敛比（oversubscription）：下行带宽总和 ÷ 上行带宽总和",
      "Oversubscription: total downlink bandwidth ÷ total uplink bandwidth"),
    T("假设值的例子：64 端口边缘交换机，每个端口 400 Gb/s",
      "Worked example with assumed values: 64-port edge switch, every port 400 Gb/s"),
    rows=12.5,
    items=(
        *(item for x0, down, up, label, colour in SWITCHES for item in _edge_switch(x0, down, up, label, colour)),
        Text(12.0, 8.8, T("所有主机同时把流量发往别的交换机时，每台主机最多分到",
                          "When every host sends to other switches at once, each host gets at most"), bold=True, size=17),
        *(item for k, (_, down, up, _, colour) in enumerate(SWITCHES) for item in (
            Text(5.6, 9.85 + k * 1.1, f"{down // up}:1", color=colour, bold=True, size=17, anchor="end"),
            Box(6.0, 9.5 + k * 1.1, 400 * up / down * 0.03, 0.7, color=colour, fill="solid", radius=4),
            Text(6.2 + 400 * up / down * 0.03, 9.85 + k * 1.1, f"{400 * up / down:.0f} Gb/s", color=colour, bold=True,
                 size=17, anchor="start"))),
        Text(12.0, 11.95, T("跨交换机的 β 降为 1/3：按 α–β 模型，大消息的通信时间约变为 3 倍",
                            "β across switches drops to 1/3: by the α–β model, large messages take about 3 times as "
                            "long"), bold=True, size=16),
    ),
)


def _fat_tree_scale(axes, language: str) -> None:
    _loglog(axes, language, (8, 128), (10, 1e6),
            [(8, "8"), (16, "16"), (32, "32"), (48, "48"), (64, "64"), (128, "128")],
            [(10, "10"), (100, "100"), (1000, "1,000"), (1e4, "$10^{4}$"), (1e5, "$10^{5}$"), (1e6, "$10^{6}$")],
            T("交换机端口数 k", "Switch ports k"), T("主机数（对数坐标）", "Hosts (log scale)"))
    _curve(axes, lambda k: k ** 3 / 4, 8, 128, "orange")
    _curve(axes, lambda k: k ** 2 / 2, 8, 128, "blue")
    axes.text(95, 100 ** 3 / 4 * 1.6, text_in(T("三层胖树 $k^3/4$", "Three-tier fat tree $k^3/4$"), language),
              ha="right", va="bottom", fontsize=17, fontweight="bold", color=strong("orange"))
    axes.text(24, 24 ** 2 / 2 / 3.0, text_in(T("两层叶–脊 $k^2/2$", "Two-tier leaf–spine $k^2/2$"), language),
              ha="left", va="top", fontsize=17, fontweight="bold", color=strong("blue"))
    _point(axes, 48, 48 ** 3 / 4, "orange", text_in(T("k = 48：27,648\n（Al-Fares 等）", "k = 48: 27,648\n(Al-Fares et al.)"),
                                                    language), 0.92, 2.2, "right")
    _point(axes, 64, 64 ** 3 / 4, "orange", text_in(T("k = 64：65,536\n（本文示例，假设）", "k = 64: 65,536\n(this lesson's "
                                                                                   "example, assumed)"), language),
           1.08, 0.45)
    _point(axes, 64, 64 ** 2 / 2, "blue", text_in(T("k = 64：2,048", "k = 64: 2,048"), language), 1.08, 0.6)
    _footer(axes, T("一般地，L 层无收敛胖树可容纳 $2(k/2)^L$ 台主机：每加一层，规模乘以 k/2",
                    "In general an L-tier fat tree without oversubscription holds $2(k/2)^L$ hosts: each tier "
                    "multiplies by k/2"), language)


FAT04 = Plot(
    IMAGES + "01FatTree04",
    T("k 端口交换机能搭多大的无收敛网络", "How large a network without oversubscription k-port switches build"),
    T("两层（叶–脊）：k²/2 台主机；三层（胖树，Al-Fares 等）：k³/4 台主机",
      "Two tiers (leaf–spine): k²/2 hosts; three tiers (fat tree, Al-Fares et al.): k³/4 hosts"),
    rows=12.5,
    draw=_fat_tree_scale,
    area=(3.6, 0.3, 18.0, 9.3),
)


# ====================================================================== 02Torus
def _grid(x0: float, cy: float, s: float, wrap: bool, rows: str = "purple", columns: str = "teal",
          which: str = "both", r: float = 0.28) -> list[Item]:
    """A 4 × 4 mesh (or torus, with `wrap`) of side s whose left column is at x0; `which` limits the
    links to "rows" or "columns"."""
    def at(i: int, j: int) -> Point:
        return x0 + j * s, cy - 1.5 * s + i * s

    items: list[Item] = []
    for i in range(4):
        for j in range(3):
            if which in ("both", "rows"):
                items.append(line(at(i, j), at(i, j + 1), color=rows, width=3))
            if which in ("both", "columns"):
                items.append(line(at(j, i), at(j + 1, i), color=columns, width=3))
    if wrap:
        bulge = 0.62 if which == "both" else 0.45
        for i in range(4):
            if which in ("both", "rows"):
                a, b = at(i, 0), at(i, 3)
                items.append(_arc(a, ((a[0] + b[0]) / 2, a[1] - bulge * s), b, rows))
            if which in ("both", "columns"):
                a, b = at(0, i), at(3, i)
                items.append(_arc(a, (a[0] - bulge * s, (a[1] + b[1]) / 2), b, columns))
    return items + [_dot(*at(i, j), r) for i in range(4) for j in range(4)]


def _cut(x: float, top: float, bottom: float) -> Arrow:
    return line((x, top), (x, bottom), color="red", width=2.5)


RING_X, RING_R, CY = 4.0, 2.9, 4.8
RING = [(RING_X + RING_R * math.cos(-math.pi / 2 + 2 * math.pi * (i + 0.5) / 16),
         CY + RING_R * math.sin(-math.pi / 2 + 2 * math.pi * (i + 0.5) / 16)) for i in range(16)]
TORUS_STATS = [
    (4.0, T("环（N = 16）", "Ring (N = 16)"),
     [T("每节点 2 条链路", "2 links per node"), T("直径 N/2 = 8", "Diameter N/2 = 8"), T("二分宽度 2", "Bisection 2")]),
    (12.55, T("二维网格（4 × 4）", "2D mesh (4 × 4)"),
     [T("每节点至多 4 条链路", "At most 4 links per node"), T("直径 2(k − 1) = 6", "Diameter 2(k − 1) = 6"),
      T("二分宽度 k = 4", "Bisection k = 4")]),
    (20.45, T("二维环面（4 × 4）", "2D torus (4 × 4)"),
     [T("每节点 4 条链路", "4 links per node"), T("直径 2 × k/2 = 4", "Diameter 2 × k/2 = 4"),
      T("二分宽度 2k = 8", "Bisection 2k = 8")]),
]
TORUS01 = Figure(
    IMAGES + "02Torus01",
    T("16 个节点的三种直连网络：环、二维网格、二维环面", "Three direct networks of 16 nodes: ring, 2D mesh, 2D torus"),
    T("环、4 × 4 网格、4 × 4 环面；红线：一个二分切面，以及它切断的链路",
      "Ring, 4 × 4 mesh, 4 × 4 torus; red line: a bisection, with the links it cuts"),
    rows=12,
    items=(
        *(line(RING[i], RING[(i + 1) % 16], color="blue", width=3) for i in range(16)),
        *(_dot(x, y, 0.26) for x, y in RING),
        _cut(RING_X, CY - RING_R - 0.7, CY + RING_R + 0.7),
        *_grid(10.0, CY, 1.7, wrap=False), _cut(12.55, CY - 2.55 - 1.2, CY + 2.55 + 0.7),
        *_grid(17.9, CY, 1.7, wrap=True), _cut(20.45, CY - 2.55 - 1.2, CY + 2.55 + 0.7),
        *(item for x, head, lines in TORUS_STATS for item in (
            Text(x, 0.5, head, bold=True, size=19),
            Box(x - 3.3, 8.8, 6.6, 2.3, color="gray", radius=0),
            *(Text(x, 9.3 + t * 0.66, line, color="red" if t == 2 else "ink", bold=t == 1, size=17)
              for t, line in enumerate(lines)))),
        Text(20.45, 8.12, T("弧线：回绕链路", "Arcs: wraparound links"), color="gray", size=14),
    ),
)

TPU_MARKS = [(256, 16, "v2", "blue", T("TPUv2：16×16，直径 16", "TPUv2: 16×16, diameter 16")),
             (1024, 32, "v3", "blue", T("TPUv3 Pod 1,024 片（按 32×32 计）：直径 32",
                                        "TPUv3 pod, 1,024 chips (taken as 32×32): diameter 32")),
             (4096, 24, "v4", "orange", T("TPU v4 4,096 片（按 16×16×16 计）：直径 24",
                                          "TPU v4, 4,096 chips (taken as 16×16×16): diameter 24")),
             (4096, 2048, "", "gray", T("同样 4,096 个节点连成单环：直径 2,048",
                                        "The same 4,096 nodes as one ring: diameter 2,048"))]


def _diameters(axes, language: str) -> None:
    _loglog(axes, language, (16, 65536), (1, 40000),
            [(16, "16"), (64, "64"), (256, "256"), (1024, "1,024"), (4096, "4,096"), (16384, "16,384"),
             (65536, "65,536")],
            [(1, "1"), (10, "10"), (100, "100"), (1000, "1,000"), (10000, "$10^{4}$")],
            T("节点数 N（对数坐标）", "Nodes N (log scale)"), T("直径（跳数，对数坐标）", "Diameter (hops, log scale)"))
    curves = [(lambda n: n / 2, "gray", T("环：N/2", "Ring: N/2"), 0.3),
              (math.sqrt, "blue", T("二维环面：$N^{1/2}$", "2D torus: $N^{1/2}$"), 1.9),
              (lambda n: 1.5 * n ** (1 / 3), "orange", T("三维环面：$1.5 \\cdot N^{1/3}$", "3D torus: $1.5 \\cdot N^{1/3}$"),
               0.5)]
    for f, colour, label, dy in curves:
        _curve(axes, f, 16, 65536, colour)
        axes.text(20000, f(20000) * dy, text_in(label, language), ha="right", va="center", fontsize=17,
                  fontweight="bold", color=strong(colour))
    for x, y, tag, colour, _ in TPU_MARKS:
        _point(axes, x, y, colour, tag, 1.0, 0.55 if tag == "v4" else 1.8, "center")
    handles = [Line2D([], [], marker="o", linestyle="none", color=strong(colour), markersize=9) for *_, colour, _ in
               TPU_MARKS]
    legend = axes.legend(handles, [text_in(label, language) for *_, label in TPU_MARKS], loc="upper left",
                         fontsize=14, framealpha=1, edgecolor=strong("gray"))
    for text, (*_, colour, _) in zip(legend.get_texts(), TPU_MARKS):
        text.set_color(strong(colour))
        text.set_fontweight("bold")
    axes.text(0.5, 0.03, text_in(T("芯片数：TPUv2 据 CACM 2020，TPUv3 据谷歌云文档，TPU v4 据 ISCA 2023；直径按环面公式算得",
                                   "Chip counts: TPUv2 from CACM 2020, TPUv3 from Google Cloud's documentation, TPU v4 "
                                   "from ISCA 2023; diameters from the torus formulas"), language),
              ha="center", va="center", fontsize=14, color=strong("gray"), transform=axes.figure.transFigure)


TORUS02 = Plot(
    IMAGES + "02Torus02",
    T("直径随节点数增长：维数越高，增长越慢", "Diameter grows with the node count, more slowly in more dimensions"),
    T("环、正方形二维环面与立方体三维环面（边长 k 为偶数）的直径：N/2、k、3k/2",
      "Diameter of a ring, a square 2D torus and a cubic 3D torus (even side k): N/2, k, 3k/2"),
    rows=12.5,
    draw=_diameters,
    area=(3.6, 0.3, 18.0, 9.3),
)

PHASES = [
    (3.3, T("① 行环：归约散播", "① Row rings: reduce-scatter"),
     T("各行 4 个芯片组成环\n每个芯片留下本行之和的 1/4", "The 4 chips of a row form a ring\neach keeps 1/4 of its row's sum"),
     "purple", "rows"),
    (9.1, T("② 列环：归约散播", "② Column rings: reduce-scatter"),
     T("对手里那 1/4 继续在列环上做\n每个芯片留下全体之和的 1/16", "The same on that 1/4 along columns\neach keeps 1/16 of the "
                                                                "total"), "teal", "columns"),
    (14.9, T("③ 列环：全收集", "③ Column rings: all-gather"),
     T("把 1/16 的完整结果\n沿列环收集回 1/4", "Gather the finished 1/16\nback to 1/4 along columns"), "teal", "columns"),
    (20.7, T("④ 行环：全收集", "④ Row rings: all-gather"), T("沿行环收集回完整结果", "Gather the full result\nalong rows"),
     "purple", "rows"),
]
HOLDINGS = [(T("开始", "Start"), 1), (T("① 之后", "After ①"), 4), (T("② 之后", "After ②"), 16),
            (T("③ 之后", "After ③"), 4), (T("④ 之后", "After ④"), 1)]


def _holding(k: int, label: Label, share: int) -> list[Item]:
    """How much data one chip holds after phase k: a bar filled to 1/share."""
    x = 1.5 + k * 4.4
    colour = "gray" if k == 0 else PHASES[k - 1][3]
    amount = "n" if share == 1 else f"n/{share}"
    items: list[Item] = [Box(x, 7.9, 3.3, 1.0, color="gray", fill="white", radius=5),
                         Box(x, 7.9, 3.3 / share, 1.0, color=colour, fill="solid", radius=5 if share < 16 else 2),
                         Text(x + 1.65, 9.3, T(f"{label.zh}：{amount}", f"{label.en}: {amount}"), bold=True, size=15)]
    if k < 4:
        items.append(Arrow((x + 3.45, 8.4), (x + 4.3, 8.4), color="ink", width=2))
    return items


TORUS03 = Figure(
    IMAGES + "02Torus03",
    T("在 4×4 环面上逐维做环形全归约（示意）", "Ring all-reduce on a 4×4 torus, one dimension at a time (schematic)"),
    T("先沿行、再沿列做归约散播；全收集按相反顺序", "Reduce-scatter along rows, then along columns; all-gather in reverse order"),
    rows=13,
    items=(
        *(item for x, head, note, colour, which in PHASES for item in (
            Text(x, 0.4, head, color=colour, bold=True, size=17),
            *_grid(x - 1.77, 3.2, 1.18, wrap=True, rows=colour, columns=colour, which=which, r=0.25),
            Text(x, 6.0, note, size=14))),
        Text(12.0, 7.3, T("每个芯片手里的数据量（总量 n，p = 16）", "Data held by each chip (n in all, p = 16)"), bold=True, size=18),
        *(item for k, (label, share) in enumerate(HOLDINGS) for item in _holding(k, label, share)),
        Box(2.0, 10.0, 20.0, 2.3, color="gray", radius=0),
        Text(12.0, 10.55, T("每个芯片发送量：2 × (3/4 · n + 3/16 · n) = 2 × (15/16) · n = 2(p − 1)/p · n，与一个 16 节点的单环相同",
                            "Each chip sends 2 × (3/4 · n + 3/16 · n) = 2 × (15/16) · n = 2(p − 1)/p · n, as much as "
                            "on one 16-node ring"), bold=True, size=15),
        Text(12.0, 11.25, T("步数（延迟项）：2 × (3 + 3) = 12 步，单环需要 2 × 15 = 30 步",
                            "Steps (the latency term): 2 × (3 + 3) = 12, where a single ring needs 2 × 15 = 30"),
             color="red", bold=True, size=15),
        Text(12.0, 11.9, T("各行（各列）的环同时工作，彼此不共用链路", "The rings of all rows (columns) work at once and share no "
                                                            "links"), color="gray", size=15),
    ),
)


# ====================================================================== 03Dragonfly
def _group_items() -> list[Item]:
    """The right half of the first dragonfly figure: a = 4 routers, fully connected, h = 2 global links each."""
    gx, gy, gr = 17.0, 4.8, 2.2
    corners = [(gx + gr * math.cos(math.pi / 4 + i * math.pi / 2), gy + gr * math.sin(math.pi / 4 + i * math.pi / 2))
               for i in range(4)]
    items: list[Item] = [_dot(gx, gy, 3.6, color="gray")]
    items += [line(corners[i], corners[j], color="green", width=3) for i in range(4) for j in range(i + 1, 4)]
    for x, y in corners:
        angle = math.atan2(y - gy, x - gx)
        items += [line((x, y), (gx + (gr + 2.1) * math.cos(angle + t), gy + (gr + 2.1) * math.sin(angle + t)),
                        color="red", width=3) for t in (-0.22, 0.22)]
    items += [Box(x - 0.7, y - 0.55, 1.4, 1.1, f"R{i}", size=17, bold=True) for i, (x, y) in enumerate(corners)]
    return items + [
        Text(gx, 0.5, T("一个组：a 台路由器全连接", "One group: a routers, fully connected"), bold=True, size=19),
        Text(gx, gy + 4.0, T("组内全连接（短电缆）", "Fully connected (short cables)"), color="green",
             bold=True, size=14),
        Text(gx, 9.45, T("对外共 a·h = 8 条全局链路；整组像一台 a(p + h) = 16 端口的“虚拟路由器”",
                           "a·h = 8 global links in all: the group acts as one a(p + h) = 16-port “virtual router”"),
             bold=True, size=14),
    ]


DRAGON01 = Figure(
    IMAGES + "03Dragonfly01",
    T("蜻蜓拓扑的两级结构：路由器 → 组（示意 p = 2, a = 4, h = 2）",
      "The two levels of a dragonfly: router → group (schematic, p = 2, a = 4, h = 2)"),
    T("路由器端口：p 个终端、a − 1 个组内、h 个全局（Kim、Dally、Scott、Abts，ISCA 2008）",
      "Router ports: p terminals, a − 1 local, h global (Kim, Dally, Scott, Abts, ISCA 2008)"),
    rows=12.5,
    items=(
        Text(5.6, 0.5, T("一台路由器", "One router"), bold=True, size=19),
        *(line((4.8 + t * 1.6, 3.2), (4.8 + t * 1.6, 1.7), color="red", width=3.5) for t in range(2)),
        Text(5.6, 1.3, T("h 条全局链路 → 其他组", "h global links → other groups"), color="red", bold=True, size=16),
        *(line((8.2, 3.8 + t * 0.7), (9.6, 3.8 + t * 0.7), color="green", width=3.5) for t in range(3)),
        Text(9.8, 4.5, T("a − 1 条\n组内链路", "a − 1\nlocal links"), color="green", bold=True, size=15, anchor="start"),
        *(item for t in range(2) for item in (
            line((4.8 + t * 1.6, 5.8), (4.8 + t * 1.6, 7.0), width=3),
            Box(4.35 + t * 1.6, 7.0, 0.9, 0.8, color="gray", fill="white", radius=4))),
        Box(3.0, 3.2, 5.2, 2.6, T("路由器\nk = p + (a − 1) + h", "Router\nk = p + (a − 1) + h"), size=18, bold=True),
        Text(5.6, 8.3, T("p 个终端（加速器 / 网卡）", "p terminals (accelerators / NICs)"), bold=True, size=16),
        *_group_items(),
        Box(1.2, 10.0, 21.6, 1.7, color="yellow", radius=0),
        Text(12.0, 10.5, T("最大规模：g = a·h + 1 个组（每两组之间恰好一条全局链路）",
                           "At most g = a·h + 1 groups (exactly one global link between any two groups)"),
             bold=True, size=17),
        Text(12.0, 11.15, T("终端数 N = a·p·(a·h + 1)；此例 g = 9，N = 4 × 2 × 9 = 72",
                            "Terminals N = a·p·(a·h + 1); here g = 9, N = 4 × 2 × 9 = 72"), color="blue", bold=True,
             size=17),
    ),
)

G, A, H = 9, 4, 2


def _global_links() -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The article's arrangement: global port t of group G goes to the t-th other group."""
    links = set()
    for group in range(G):
        for port in range(A * H):
            other = port if port < group else port + 1
            back = group if group < other else group - 1
            links.add(tuple(sorted([(group, port // H), (other, back // H)])))
    return sorted(links)


def _dragonfly() -> list[Item]:
    """Nine groups on a circle, four routers in the corners of each; global links first."""
    cx, cy, radius, corner = 8.0, 6.3, 4.8, 0.42
    centres = [(cx + radius * math.cos(-math.pi / 2 + 2 * math.pi * g / G),
                cy + radius * math.sin(-math.pi / 2 + 2 * math.pi * g / G)) for g in range(G)]
    routers = [[(x + dx * corner, y + dy * corner) for dx, dy in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
               for x, y in centres]
    items: list[Item] = [line(routers[g1][r1], routers[g2][r2], color="#f87171", width=1.5)
                         for (g1, r1), (g2, r2) in _global_links()]
    for g, (x, y) in enumerate(centres):
        items.append(Box(x - 0.88, y - 0.88, 1.76, 1.76, color="gray", radius=12))
        items += [line(routers[g][i], routers[g][j], color="green") for i in range(A) for j in range(i + 1, A)]
        items += [_dot(rx, ry, 0.2) for rx, ry in routers[g]]
        angle = -math.pi / 2 + 2 * math.pi * g / G
        out = radius + 1.3 + 0.8 * abs(math.cos(angle))  # labels to the side need room for their width
        items.append(Text(cx + out * math.cos(angle), cy + out * math.sin(angle), T(f"组 {g}", f"Group {g}"),
                          bold=True, size=16))
    return items


COUNTS = [(T("路由器端口 k = 2 + 3 + 2 = 7", "Router ports k = 2 + 3 + 2 = 7"), "ink"),
          (T("组数 g = a·h + 1 = 9", "Groups g = a·h + 1 = 9"), "ink"),
          (T("路由器 a·g = 36 台", "Routers a·g = 36"), "ink"),
          (T("终端 N = a·p·g = 72 个", "Terminals N = a·p·g = 72"), "blue"),
          (T("全局链路 g(g − 1)/2 = 36 条", "Global links g(g − 1)/2 = 36"), "red"),
          (T("组内链路 g·a(a − 1)/2 = 54 条", "Local links g·a(a − 1)/2 = 54"), "green")]
DRAGON02 = Figure(
    IMAGES + "03Dragonfly02",
    T("完整的蜻蜓网络：9 个组，每两组之间一条全局链路", "A whole dragonfly: 9 groups, one global link between any two"),
    T("a = 4, p = 2, h = 2：36 台路由器、72 个终端、36 条全局链路；任意两台路由器相距不超过 3 跳",
      "a = 4, p = 2, h = 2: 36 routers, 72 terminals, 36 global links; any two routers ≤ 3 hops apart"),
    rows=13,
    items=(
        *_dragonfly(),
        Box(16.4, 0.8, 6.8, 10.8, color="gray", fill="white", radius=0),
        Text(19.8, 1.4, T("数一数（由公式算得）", "Counting (from the formulas)"), bold=True, size=18),
        *(Text(19.8, 2.4 + k * 0.85, label, color=colour, bold=colour != "ink", size=15)
          for k, (label, colour) in enumerate(COUNTS)),
        line((16.8, 7.5), (22.8, 7.5), width=1.5),
        Text(19.8, 8.2, T("最短路由：组内 → 全局 → 组内", "Minimal route: local → global → local"), bold=True, size=15),
        Text(19.8, 8.9, T("最多 3 跳，只过 1 条全局链路", "At most 3 hops, 1 global link"), color="red", bold=True, size=15),
        Text(19.8, 10.0, T("绿：组内链路（短电缆）\n红：全局链路（长电缆）", "Green: local links (short cables)\n"
                                                             "Red: global links (long cables)"), color="gray", size=14),
    ),
)


def _router_group(name: str, cx: float, cy: float, label: Label) -> list[Item]:
    """A group of four routers (ids name0..name3, clockwise from top left) in its frame."""
    corners = [(cx - 1, cy - 1), (cx + 1, cy - 1), (cx + 1, cy + 1), (cx - 1, cy + 1)]
    return [Box(cx - 2, cy - 2, 4, 4, color="gray", radius=20), Text(cx, cy - 2.4, label, bold=True, size=16),
            *(line(corners[i], corners[j], color="#a7f3d0") for i in range(4) for j in range(i + 1, 4))]


def _router(name: str, i: int, cx: float, cy: float, end: bool = False) -> Box:
    x, y = [(cx - 1, cy - 1), (cx + 1, cy - 1), (cx + 1, cy + 1), (cx - 1, cy + 1)][i]
    return _dot(x, y, 0.32, color="ink" if end else "blue", fill="solid" if end else "light", id=f"{name}{i}")


GROUPS = [("S", 3.3, 3.6, T("源组 i", "Source group i")), ("D", 20.7, 3.6, T("目的组 i+1", "Target group i+1")),
          ("I", 12.0, 7.3, T("随机选的中间组 j", "Random intermediate group j"))]
MINIMAL = [("S0", "S1"), ("S1", "D0"), ("D0", "D2")]
VALIANT = [("S0", "S2"), ("S2", "I0"), ("I0", "I1"), ("I1", "D3"), ("D3", "D2")]
TRAFFIC = [
    (1.2, "red", T("对抗性流量：组 i 的终端全部发往组 i+1", "Adversarial traffic: all of group i sends to group i+1"),
     T("最短路由只能挤在两组之间唯一的那条全局链路上：\na·p 个终端分一条链路的带宽",
       "Minimal routing crowds onto the one global link between them:\na·p terminals share one link's bandwidth"),
     T("Valiant 把这些流量摊到许多中间组上", "Valiant spreads it over many intermediate groups")),
    (12.6, "green", T("均匀随机流量：最短路由本身已经均衡", "Uniform random traffic: minimal routing is already balanced"),
     T("Valiant 让每个包多占一条全局链路：\n可用的全局带宽大约减半", "Valiant makes each packet take one more global link:\n"
                                                            "usable global bandwidth roughly halves"),
     T("自适应路由（UGAL 类）按拥塞在两者之间选", "Adaptive routing (UGAL-like) picks between them by congestion")),
]
DRAGON03 = Figure(
    IMAGES + "03Dragonfly03",
    T("最短路由与 Valiant 路由（示意）", "Minimal and Valiant routing (schematic)"),
    T("最短：组内–全局–组内。Valiant：经随机的中间组，两次全局跳",
      "Minimal: local–global–local. Valiant: via a random intermediate group, two global hops"),
    rows=14.5,
    items=(
        *(item for name, cx, cy, label in GROUPS for item in _router_group(name, cx, cy, label)),
        *(line(a, b, color="#fca5a5", width=2.5) for a, b in (
            ((4.3, 2.6), (19.7, 2.6)), ((4.3, 4.6), (11.0, 6.3)), ((13.0, 6.3), (19.7, 4.6)))),
        *(_router(name, i, cx, cy, end=(name, i) in (("S", 0), ("D", 2))) for name, cx, cy, _ in GROUPS
          for i in range(4)),
        Text(2.3, 1.98, T("源", "src"), bold=True, size=15),
        Text(21.7, 5.22, T("目的", "dst"), bold=True, size=15),
        *(Arrow(a, b, color="green", width=4) for a, b in MINIMAL),
        *(Arrow(a, b, color="orange", width=4) for a, b in VALIANT),
        Text(12.0, 2.0, T("最短路由：组内 1 跳 + 全局 1 跳 + 组内 1 跳 = 3 跳", "Minimal: 1 local + 1 global + 1 local = 3 hops"),
             color="green", bold=True, size=17),
        Text(12.0, 10.2, T("Valiant：先最短路由到随机中间组，再最短路由到目的地 → 最多 5 跳，过 2 条全局链路",
                           "Valiant: minimal to a random intermediate group, then minimal to the target → at most 5 "
                           "hops, 2 global links"), color="orange", bold=True, size=16),
        *(item for x, colour, head, body, tail in TRAFFIC for item in (
            Box(x, 11.0, 10.2, 3.0, color=colour, radius=0),
            Text(x + 5.1, 11.5, head, color=colour, bold=True, size=15),
            Text(x + 5.1, 12.4, body, size=14),
            Text(x + 5.1, 13.5, tail, bold=True, size=14))),
    ),
)


def _balanced_dragonfly(k: float) -> float:
    """N = ap(ah + 1) with a = 2p = 2h and k = 4h − 1."""
    h = (k + 1) / 4
    return 2 * h * h * (2 * h * h + 1)


def _radix(axes, language: str) -> None:
    _loglog(axes, language, (12, 128), (10, 1e7), [(12, "12"), (16, "16"), (32, "32"), (64, "64"), (128, "128")],
            [(10, "10"), (100, "100"), (1000, "$10^{3}$"), (1e4, "$10^{4}$"), (1e5, "$10^{5}$"), (1e6, "$10^{6}$"),
             (1e7, "$10^{7}$")],
            T("路由器 / 交换机端口数 k", "Router / switch ports k"), T("最多终端数（对数坐标）", "Most terminals (log scale)"))
    _curve(axes, lambda k: k ** 2 / 2, 12, 128, "blue")
    _curve(axes, lambda k: k ** 3 / 4, 12, 128, "orange")
    _curve(axes, _balanced_dragonfly, 12, 128, "red")
    for h in (4, 8, 16):
        k = 4 * h - 1
        label = T(f"h={h}，k={k}：{int(_balanced_dragonfly(k)):,}", f"h={h}, k={k}: {int(_balanced_dragonfly(k)):,}")
        low = h == 4  # the first point has no room on its left
        _point(axes, k, _balanced_dragonfly(k), "red", text_in(label, language), 1.08 if low else 0.93,
               0.4 if low else 1.9, "left" if low else "right")
    for value, colour in ((64 ** 3 / 4, "orange"), (64 ** 2 / 2, "blue")):
        _point(axes, 64, value, colour, text_in(T(f"k=64：{int(value):,}", f"k=64: {int(value):,}"), language), 1.08, 0.5)
    for x, f, colour, label, dy, ha in (
            (13, lambda k: 2e6, "red", T("平衡蜻蜓 ≈ $(k+1)^4/64$", "Balanced dragonfly ≈ $(k+1)^4/64$"), 1.0, "left"),
            (36, lambda k: k ** 3 / 4, "orange", T("三层胖树 $k^3/4$", "Three-tier fat tree $k^3/4$"), 0.3, "left"),
            (20, lambda k: k ** 2 / 2, "blue", T("两层叶–脊 $k^2/2$", "Two-tier leaf–spine $k^2/2$"), 0.3, "left")):
        axes.text(x, f(x) * dy, text_in(label, language), ha=ha, va="center", fontsize=17, fontweight="bold",
                  color=strong(colour))
    _footer(axes, T("蜻蜓的规模随 k 的四次方增长，代价是非均匀流量下需要非最短路由",
                    "A dragonfly grows as the fourth power of k, at the price of non-minimal routing for "
                    "non-uniform traffic"), language)


DRAGON04 = Plot(
    IMAGES + "03Dragonfly04",
    T("同样的端口数，能连多少终端", "How many terminals the same number of ports connects"),
    T("胖树（k²/2、k³/4）与平衡蜻蜓 a = 2p = 2h、k = 4h − 1、N = ap(ah + 1)",
      "Fat tree (k²/2, k³/4) against the balanced dragonfly a = 2p = 2h, k = 4h − 1, N = ap(ah + 1)"),
    rows=12.5,
    draw=_radix,
    area=(3.8, 0.3, 17.8, 9.3),
)

FIGURES = [FAT01, FAT02, FAT03, FAT04, TORUS01, TORUS02, TORUS03, DRAGON01, DRAGON02, DRAGON03, DRAGON04]

# ====================================================================== decks
MODULE, CHAPTER = "通信&存储", "集群网络拓扑"
DECKS = [
    Deck("02StorComm/02Topology/01FatTree.pdf", MODULE, CHAPTER, "胖树与 Clos 网络：无阻塞的集群网络",
         "Clos 1953 · Leiserson 1985 · Al-Fares 等 SIGCOMM 2008", "第 01 讲", (
             Bullets("从一台交换机到多级网络", (
                 "k 端口交换机是交叉开关：最多 k 台主机，两两之间线速",
                 "集群要连几万台主机：必须把交换机连成多级网络",
                 "三级 Clos：r 台入口、m 台中间、r 台出口，入口各接 n 条输入",
                 "Clos 1953：m ≥ 2n − 1 时严格无阻塞",
                 "折叠：入口与出口合成叶交换机，中间级成为脊（叶–脊）",
             )),
             Picture("Clos 网络与折叠", FAT01, "最坏情况下入口占 n − 1 台、出口占 n − 1 台中间交换机，再多一台就一定有空闲"),
             Bullets("k 叉胖树（Al-Fares 等 2008）", (
                 "k 个 pod，每个 pod 有 k/2 台边缘和 k/2 台汇聚交换机；(k/2)^{2} 台核心",
                 "每台交换机一半端口向下、一半向上：无收敛，满二分带宽",
                 "主机 k^{3}/4，交换机 5k^{2}/4；k = 48 时 27,648 台主机（论文摘要）",
                 "跨 pod 有 (k/2)^{2} 条 6 跳的等价最短路径",
                 "满带宽不等于不拥塞：静态哈希可能让大流撞在同一条链路上",
             )),
             Picture("k = 4 的胖树", FAT02, "16 台主机、20 台 4 端口交换机；橙色为跨 pod 的 4 条最短路径"),
             Picture("收敛比", FAT03, "假设 64 端口、每端口 400 Gb/s：48 下 16 上为 3:1，每台主机最多约 133 Gb/s"),
             Picture("k = 64 的规模（假设 64 端口交换机）", FAT04,
                     "65,536 台主机、5,120 台交换机、131,072 条交换机间链路；每主机 5 个交换机端口"),
             Bullets("小结", (
                 "Clos：m ≥ 2n − 1 严格无阻塞；折叠后即叶–脊",
                 "k 叉胖树：k^{3}/4 台主机、5k^{2}/4 台交换机、(k/2)^{2} 条跨 pod 路径",
                 "收敛比 r:1 时，所有主机同时跨交换机通信只能拿到 1/r 的网卡速率",
                 "同步训练看最坏情况、依赖二分带宽：AI 集群偏爱无收敛网络",
             ), summary=True),
         )),
    Deck("02StorComm/02Topology/02Torus.pdf", MODULE, CHAPTER, "环面与网格：芯片直连的网络",
         "直径、二分宽度、每节点链路数，以及逐维的环形全归约", "第 02 讲", (
             Bullets("直连网络与三个指标", (
                 "节点自带路由器，直接连邻居，不需要外部交换机",
                 "每节点链路数：端口多少，成本的主要来源",
                 "直径：最远两点之间的最短跳数",
                 "二分宽度：把节点分成相等两半时最少要切断的链路数",
             )),
             Picture("环、网格与环面", TORUS01, "环：直径 N/2、二分 2；n 维环面：2n 条链路、直径 nk/2、二分 2k^{n−1}"),
             Bullets("二分宽度限制全交换", (
                 "均匀随机流量约一半穿过切面：b ≤ 4·B_{bis}·β / N",
                 "k×k 与 k×k×k 环面：每节点全交换速率 ≤ 8β/k",
                 "边长翻倍，全交换速率减半：环面适合近邻与按维分解的通信",
                 "折叠排布：每条链路最多跨两个位置，回绕链路也不长",
             )),
             Picture("TPU Pod 的规模与直径", TORUS02,
                     "TPUv2 16×16（CACM 2020）· TPUv3 1,024 片（谷歌云文档）· TPU v4 4,096 片三维环面（ISCA 2023）"),
             Picture("逐维环形全归约", TORUS03, "带宽项不变 2(p−1)/p·n/β；延迟项 2Σ(k_{i} − 1)α"),
             Bullets("算一算（形状为计算所作的假设）", (
                 "16×16：直径 16，二分 32 条，全归约 60 步（单环 510 步）",
                 "32×32：直径 32，二分 64 条，全归约 124 步（单环 2,046 步）",
                 "16×16×16：直径 24，二分 512 条，全归约 90 步（单环 8,190 步）",
                 "把数据分成 2d 份、轮换维序并用两个方向：理想情况下带宽项再除以 2d",
             )),
             Bullets("小结", (
                 "环面：2n 条链路、直径 nk/2、二分宽度 2k^{n−1}",
                 "多一维：更短的直径、更宽的二分，每个芯片多 2 条链路",
                 "全交换是环面的弱项：每节点 ≤ 8β/k",
                 "环形全归约按维进行：带宽最优，延迟步数大幅减少",
             ), summary=True),
         )),
    Deck("02StorComm/02Topology/03Dragonfly.pdf", MODULE, CHAPTER, "蜻蜓拓扑：用高基数路由器缩短直径",
         "Kim、Dally、Scott、Abts，ISCA 2008", "第 03 讲", (
             Bullets("出发点：线缆是成本的大头", (
                 "高基数路由器：引脚带宽提高，可以做出很多端口",
                 "网络成本主要在线缆，跨机柜的长线缆尤其贵",
                 "目标：减少长的全局线缆，同时保持低直径",
                 "路由器端口 k = p + (a − 1) + h：终端、组内、全局",
             )),
             Picture("路由器与组", DRAGON01, "一组 a 台路由器全连接，像一台 a(p + h) 端口的虚拟路由器"),
             Picture("完整的蜻蜓网络", DRAGON02, "g = ah + 1 组，N = ap(ah + 1)；最短路由最多 3 跳、只过 1 条全局链路"),
             Bullets("平衡配置 a = 2p = 2h", (
                 "全局：每组 ap 个终端的流量要从 ah 条全局链路出去，需要 h ≥ p",
                 "组内：源组、目的组各一跳，组内链路约需 2p 条",
                 "k = 4h − 1，N = 2h^{2}(2h^{2} + 1) ≈ (k+1)^{4}/64",
                 "h = 16：63 端口路由器，262,656 个终端，131,328 条全局链路",
                 "论文摘要：约 16K 节点时比扁平蝶形便宜 20%，比折叠 Clos 便宜 52%",
             )),
             Picture("最短路由与 Valiant 路由", DRAGON03, "对抗性流量下最短路由只能挤一条全局链路；Valiant 摊开流量，代价是约一半全局带宽"),
             Picture("三种结构的规模", DRAGON04, "同样端口数：蜻蜓 ≈ (k+1)^{4}/64，三层胖树 k^{3}/4，两层叶–脊 k^{2}/2"),
             Bullets("三种拓扑怎么选", (
                 "胖树：交换机与线缆换来任意流量下的满带宽，适合全交换与随意放置作业",
                 "环面：没有交换机、线缆短，适合近邻与按维分解的集合通信",
                 "蜻蜓：全局线缆约每终端 0.5 条、直径 3，需要自适应的非最短路由",
                 "二分宽度：胖树 N/2 条主机链路，蜻蜓约 N/4 条全局链路，环面 2k^{n−1}",
             ), summary=True),
         )),
]
