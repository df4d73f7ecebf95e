"""Figures and decks of 05XCCL/01Primitives (集合通信原语: ring, tree and all-to-all algorithms).

Every cost drawn here is one the articles state next to the figure: the α–β cost of the ring and of
recursive halving/doubling, binomial-tree and Bruck costs from Thakur, Rabenseifner and Gropp (2005),
and the lesson's own simplified pipeline model of the double binary tree. α = 10 μs, β = 300 GB/s or
50 GB/s, message sizes and token counts are the articles' assumed demonstration values; the traffic
matrix of 03AllToAll02 is made-up illustrative data. Diagrams marked 示意 are schematic.
"""

from __future__ import annotations

import math

from ..shapes import dashed, disc
from ..spec import Arrow, Box, Bullets, Deck, Figure, Graph, Item, Legend, Node, Picture, Plot, T, Text, text_in
from ..style import strong
from .xccl_helpers import RANKS, axes_at, draw_items, frame, mathtext, ring

IMAGES = "05XCCL/01Primitives/images/"
SUM = "#374151"
GRID = "#e5e7eb"
SHADES = (None, "#cbd5e1", "#94a3b8", "#64748b", "#1f2937")
"""Cell fills by how many ranks a partial sum holds (1 to 4)."""
R_LABEL = {"size": 15, "bold": True, "anchor": "end"}
Label = T | str


def _cell(x: float, y: float, w: float, h: float, label: str, color: str, size: float = 14) -> Box:
    """A filled data block with white bold text."""
    return Box(x, y, w, h, label, color=color, fill="solid", bold=True, size=size, radius=5)


def _shade(x: float, y: float, w: float, h: float, label: Label, fill: str, size: float = 13) -> Box:
    """A block tinted `fill`; dark tints get white text."""
    dark = fill in SHADES[3:]
    return Box(x, y, w, h, label, color=fill, fill="solid" if dark else fill, bold=dark, size=size, radius=6)


# ====================================================================== 01RingAllReduce
LETTERS = "ABCD"


def _rank_column(x: float, y: float, cells: list[list[tuple[str, str] | None]], cell: float, gap: float,
                 labels: bool) -> list[Item]:
    """Four ranks' buffers: cells[r][k] is (text, colour) or None."""
    items: list[Item] = []
    for r, row in enumerate(cells):
        top = y + r * (cell + gap)
        if labels:
            items.append(Text(x - 0.2, top + cell / 2, f"R{r}", **R_LABEL))
        items.append(Box(x, top, 4 * cell + 0.06, cell, color=GRID, fill="white", radius=4))
        items += [_cell(x + 0.03 + k * cell, top + 0.03, cell - 0.04, cell - 0.06, spec[0], spec[1])
                  for k, spec in enumerate(row) if spec is not None]
    return items


def _primitive(x: float, y: float, w: float, name: T, before, after) -> list[Item]:
    cell = 0.56 if w < 8 else 0.66
    left, right = x + 0.8, x + w - 4 * cell - 0.4
    middle = (left + 4 * cell + right) / 2
    return [Box(x, y, w, 6.0, color=GRID, fill="white", stroke=1.5, radius=10),
            Text(x + w / 2, y + 0.5, name, bold=True, size=19),
            Text(left + 2 * cell, y + 1.1, T("之前", "before"), color="gray", size=14),
            Text(right + 2 * cell, y + 1.1, T("之后", "after"), color="gray", size=14),
            *_rank_column(left, y + 1.5, before, cell, 0.44, True),
            *_rank_column(right, y + 1.5, after, cell, 0.44, False),
            Arrow((middle - 0.4, y + 3.5), (middle + 0.4, y + 3.5), color="ink", width=3)]


def _one(r: int) -> list[tuple[str, str] | None]:
    return [(LETTERS[r], RANKS[r])]


PRIMITIVES = (
    (T("广播 Broadcast", "Broadcast"), [[("A", "blue")], [], [], []], [[("A", "blue")]] * 4),
    (T("归约 Reduce（到 R0）", "Reduce (to R0)"), [_one(r) for r in range(4)], [[("Σ", SUM)], [], [], []]),
    (T("全归约 All-Reduce", "All-Reduce"), [_one(r) for r in range(4)], [[("Σ", SUM)]] * 4),
    (T("全收集 All-Gather", "All-Gather"), [_one(r) for r in range(4)],
     [[(LETTERS[k], RANKS[k]) for k in range(4)]] * 4),
    (T("归约散播 Reduce-Scatter", "Reduce-Scatter"), [[(f"{LETTERS[r]}{k}", RANKS[r]) for k in range(4)]
                                                   for r in range(4)],
     [[None] * r + [(f"Σ{r}", SUM)] for r in range(4)]),
)
PANELS = ((0.6, 0.0, 7.4), (8.4, 0.0, 7.4), (16.2, 0.0, 7.4), (2.5, 6.4, 9.0), (12.5, 6.4, 9.0))

RING01 = Figure(
    IMAGES + "01RingAllReduce01",
    T("五种基本集合通信原语（4 个进程 R0–R3）", "Five basic collective primitives (4 processes R0–R3)"),
    "Broadcast, Reduce, All-Reduce, All-Gather, Reduce-Scatter",
    rows=13.6,
    items=(
        *(item for (name, before, after), (x, y, w) in zip(PRIMITIVES, PANELS, strict=True)
          for item in _primitive(x, y, w, name, before, after)),
        Text(12.0, 13.15, T("A、B、C、D 为各进程的数据；Σ 表示所有进程对应数据的归约结果（如求和）；Σk 表示第 k 块的归约结果",
                            "A, B, C, D are each process's data; Σ is the reduction (e.g. the sum) over all "
                            "processes; Σk is the reduced block k"), color="gray", size=15),
    ),
)

Grid = list[list[set[int]]]


def _ring_states(p: int = 4):
    """The chunk contents of ring Reduce-Scatter then All-Gather: (step name, contributors[r][k],
    blocks received this step, blocks final) per step."""
    held: Grid = [[{r} for _ in range(p)] for r in range(p)]
    final = [[False] * p for _ in range(p)]
    scatter = [(T("初始", "start"), [row[:] for row in held], set(), [row[:] for row in final])]
    for s in range(p - 1):
        received, new = set(), [[set(x) for x in row] for row in held]
        for r in range(p):
            k, dst = (r - s) % p, (r + 1) % p
            new[dst][k] = held[dst][k] | held[r][k]
            received.add((dst, k))
        held = new
        scatter.append((T(f"归约散播 第 {s + 1} 步", f"Reduce-Scatter step {s + 1}"), [row[:] for row in held],
                        received, [row[:] for row in final]))
    final = [[len(x) == p for x in row] for row in held]
    gather = [(T("归约散播结束", "after Reduce-Scatter"), [row[:] for row in held], set(), [row[:] for row in final])]
    for s in range(p - 1):
        received, new, done = set(), [[set(x) for x in row] for row in held], [row[:] for row in final]
        for r in range(p):
            k, dst = (r + 1 - s) % p, (r + 1) % p
            new[dst][k], done[dst][k] = set(range(p)), True
            received.add((dst, k))
        held, final = new, done
        gather.append((T(f"全收集 第 {s + 1} 步", f"All-Gather step {s + 1}"), [row[:] for row in held], received,
                       [row[:] for row in final]))
    return scatter, gather


def _ring_panel(x: float, name: T, grid: Grid, received: set, final: list[list[bool]], gather: bool) -> list[Item]:
    p = len(grid)
    items: list[Item] = [Text(x + 0.55 + p / 2, 0.0, name, bold=True, size=17)]
    items += [Text(x + 0.55 + k + 0.5, 0.55, T(f"块{k}", f"chunk {k}"), color="gray", size=11) for k in range(p)]
    for r in range(p):
        y = 0.9 + r
        items.append(Text(x + 0.45, y + 0.5, f"R{r}", **R_LABEL))
        for k in range(p):
            n = len(grid[r][k])
            stale = gather and not final[r][k]
            label = T("旧", "old") if stale else ("Σ" if n == p else "+".join(map(str, sorted(grid[r][k]))))
            items.append(_shade(x + 0.59 + k, y + 0.04, 0.92, 0.92, label, GRID if stale else SHADES[n],
                                size=16 if n == p else 12))
            if (r, k) in received:
                items.append(Box(x + 0.56 + k, y + 0.01, 0.98, 0.98, color="red", fill="none", stroke=3, radius=5))
    return items


def _ring_figure(number: int, title: T, subtitle: T, steps, gather: bool, note: T) -> Figure:
    """The ring of four ranks beside four steps of the chunk table."""
    return Figure(
        IMAGES + f"01RingAllReduce0{number}", title, subtitle, rows=8.0,
        items=(*ring(2.1, 3.4, 1.25, 4, 0.55, "R"),
               *(item for i, (name, grid, received, final) in enumerate(steps)
                 for item in _ring_panel(4.1 + i * 4.95, name, grid, received, final, gather)),
               Text(2.1, 5.9, T("每步：Ri → R(i+1)", "each step: Ri → R(i+1)"), color="red", size=15),
               Text(14.0, 7.0, note, color="gray", size=15)),
    )


SCATTER, GATHER = _ring_states()
RING02 = _ring_figure(
    2, T("环形全归约 · 阶段一：归约散播（p = 4，共 p−1 = 3 步）",
         "Ring All-Reduce, phase one: Reduce-Scatter (p = 4, p−1 = 3 steps)"),
    T("每步每个进程把一块发给右邻居，右邻居把它累加进来",
      "Each step every rank sends one chunk to its right neighbour, which adds it in"), SCATTER, False,
    T("格中数字：该块已累加了哪些进程的数据；Σ：已含全部 4 个进程；红框：本步刚收到并累加的块",
      "Numbers: whose data the chunk already holds; Σ: all 4 ranks; red frame: received and added this step"))
RING03 = _ring_figure(
    3, T("环形全归约 · 阶段二：全收集（再走 p−1 = 3 步）", "Ring All-Reduce, phase two: All-Gather (another p−1 = 3 steps)"),
    T("每个进程转发一块已完成的结果；3 步后每个进程都持有全部 Σ 块",
      "Each rank forwards a finished chunk; after 3 steps every rank holds every Σ chunk"), GATHER, True,
    T("深色 Σ：已完成的块；“旧”：阶段一留下的部分和，将被覆盖；红框：本步收到的完整块",
      'Dark Σ: finished chunk; "old": a partial sum left by phase one, to be overwritten; red frame: received this step'))


def _axis_text(axes, label: T | str, language: str, **options) -> None:
    axes.set_title(text_in(label, language), fontsize=18, fontweight="bold", pad=14, **options)


def _ring_costs(axes, language: str) -> None:
    """Left: the bandwidth factor 2(p−1)/p; right: the latency term's count of α, ring against halving/doubling."""
    ps = [2 ** (k / 8) for k in range(8, 49)]
    axes.plot(ps, [2 * (p - 1) / p for p in ps], color=strong("blue"), linewidth=4)
    axes.axhline(2.0, color=strong("gray"), linewidth=2, linestyle=(0, (6, 4)))
    marks = [2, 4, 8, 16, 32, 64]
    axes.plot(marks, [2 * (p - 1) / p for p in marks], "o", color=strong("blue"), markersize=9)
    axes.set_xscale("log", base=2)
    axes.set_xticks(marks, [str(p) for p in marks], fontsize=15)
    axes.minorticks_off()
    axes.set_xlim(2, 64)
    axes.set_ylim(0, 2.2)
    axes.set_yticks([0, 0.5, 1, 1.5, 2], ["0", "0.5", "1", "1.5", "2"], fontsize=15)
    axes.grid(color=GRID)
    axes.set_xlabel(text_in(T("进程数 p", "processes p"), language), fontsize=16)
    axes.set_ylabel(text_in(T("带宽项系数（× n/β）", "bandwidth factor (× n/β)"), language), fontsize=16)
    _axis_text(axes, T("带宽项：2·(p−1)/p，趋近 2", "bandwidth term: 2·(p−1)/p, tends to 2"), language,
               color=strong("blue"))
    right = axes_at(axes, 11.5, (14.2, 0.6, 8.5, 8.5))
    line = list(range(2, 65))
    right.plot(line, [2 * (p - 1) for p in line], color=strong("orange"), linewidth=4)
    right.plot(line, [2 * math.log2(p) for p in line], color=strong("green"), linewidth=4)
    right.set_xlim(2, 64)
    right.set_ylim(0, 130)
    right.set_xticks([2, 16, 32, 48, 64], ["2", "16", "32", "48", "64"], fontsize=15)
    right.set_yticks([0, 32, 64, 96, 128], ["0", "32", "64", "96", "128"], fontsize=15)
    right.grid(color=GRID)
    right.set_xlabel(text_in(T("进程数 p", "processes p"), language), fontsize=16)
    right.set_ylabel(text_in(T("延迟项：α 的个数", "latency term: number of α"), language), fontsize=16)
    _axis_text(right, T("延迟项随 p 的增长", "how the latency term grows with p"), language)
    right.text(39, 86, text_in(T("环：2(p−1)", "ring: 2(p−1)"), language), ha="right", fontsize=17,
               fontweight="bold", color=strong("orange"))
    right.text(40, 18, mathtext(T("递归减半/倍增：2·log_{2}p", "recursive halving/doubling: 2·log_{2}p"), language),
               ha="center", fontsize=17, fontweight="bold", color=strong("green"))


RING04 = Plot(
    IMAGES + "01RingAllReduce04",
    T("代价随进程数 p 的变化（α–β 代价式）", "How the cost changes with the number of processes p (α–β model)"),
    mathtext("Ring: 2(p−1)α + 2·(p−1)/p·n/β;  recursive halving/doubling: 2·log_{2}p·α + same n term", "en"),
    rows=11.5, draw=_ring_costs, area=(3.0, 0.6, 8.0, 8.5),
)

# ====================================================================== 02TreeAllReduce
STEP_NAMES = (T("开始", "start"), T("第 1 步", "step 1"), T("第 2 步", "step 2"), T("第 3 步", "step 3"))
SEGMENTS = ("blue", "green", "orange", "purple")


def tree_parents(p: int) -> list[int]:
    """In-order binary tree on positions 0..p-1 (the lowest set bit gives the level); root = -1."""
    parents = [-1] * p
    for i in range(1, p):
        bit = i & -i
        up = i + bit if (i // bit) % 4 == 1 else i - bit
        parents[i] = up if up < p else i - bit
    return parents


def double_tree(p: int) -> tuple[list[int], list[int]]:
    """Parents by rank in tree A and tree B (B mirrors A for even p, shifts it by one for odd p)."""
    by_position = tree_parents(p)
    position = [(p - 1 - r) if p % 2 == 0 else (r - 1) % p for r in range(p)]
    rank_at = {pos: r for r, pos in enumerate(position)}
    b = [-1 if by_position[position[r]] < 0 else rank_at[by_position[position[r]]] for r in range(p)]
    return by_position[:], b


def depths(parents: list[int]) -> list[int]:
    out = []
    for r in range(len(parents)):
        depth, q = 0, r
        while parents[q] >= 0:
            q, depth = parents[q], depth + 1
        out.append(depth)
    return out


def children(parents: list[int], r: int) -> list[int]:
    return [c for c in range(len(parents)) if parents[c] == r]


def _binomial_steps(p: int = 8) -> list[list[tuple[int, int]]]:
    """Binomial broadcast from R0: the (src, dst) pairs of each step."""
    steps, mask = [], 1 << (p - 1).bit_length() - 1
    while mask:
        steps.append([(r, r + mask) for r in range(0, p, 2 * mask) if r + mask < p])
        mask >>= 1
    return steps


def _rank_grid(x0: float, y0: float, states, arrows, title: T, colour: str) -> list[Item]:
    """states[s][r] = (label, fill) or None; arrows[s] = [(src, dst)] into column s."""
    dx, dy, cw, ch = 2.5, 0.96, 1.7, 0.66
    items: list[Item] = [Text(x0 + 1.5 * dx + cw / 2, 0.25, title, color=colour, bold=True, size=20)]
    items += [Text(x0 + s * dx + cw / 2, y0 - 0.5, name, color="gray", bold=True, size=15)
              for s, name in enumerate(STEP_NAMES)]
    items += [Text(x0 - 0.24, y0 + r * dy + ch / 2, f"R{r}", **R_LABEL) for r in range(len(states[0]))]
    for s, column in enumerate(states):
        for r, spec in enumerate(column):
            x, y = x0 + s * dx, y0 + r * dy
            if spec is None:
                items.append(Box(x, y, cw, ch, color=GRID, fill="#f3f4f6", radius=5))
            else:
                items.append(_shade(x, y, cw, ch, spec[0], spec[1], size=15) if spec[1] != "blue"
                             else _cell(x, y, cw, ch, spec[0], "blue", size=15))
    for s, pairs in enumerate(arrows[1:], start=1):
        items += [Arrow((x0 + (s - 1) * dx + cw + 0.06, y0 + a * dy + ch / 2), (x0 + s * dx - 0.06, y0 + b * dy + ch / 2),
                        color="red", width=2.5) for a, b in pairs]
    return items


def _binomial_items(p: int = 8) -> list[Item]:
    steps = _binomial_steps(p)
    have, bcast, bcast_arrows = {0}, [], [[]]
    bcast.append([("A", "blue") if r in have else None for r in range(p)])
    for pairs in steps:
        have |= {b for _, b in pairs}
        bcast.append([("A", "blue") if r in have else None for r in range(p)])
        bcast_arrows.append(pairs)
    span, alive = {r: (r, r) for r in range(p)}, set(range(p))
    reduce, reduce_arrows = [[(str(r), SHADES[1]) for r in range(p)]], [[]]
    for pairs in reversed(steps):
        for a, b in pairs:  # in a reduce the data flows b -> a
            span[a] = (span[a][0], span[b][1])
            alive.discard(b)
        column: list = []
        for r in range(p):
            lo, hi = span[r]
            n = hi - lo + 1
            column.append((T("已交出", "handed on"), "#f3f4f6") if r not in alive else
                          ("Σ", SHADES[4]) if n == p else
                          (f"{lo}–{hi}" if n > 1 else str(lo), {1: SHADES[1], 2: SHADES[2], 4: SHADES[3]}[n]))
        reduce.append(column)
        reduce_arrows.append([(b, a) for a, b in pairs])
    return [
        *_rank_grid(1.7, 1.3, bcast, bcast_arrows, T("广播 Broadcast（根 R0）", "Broadcast (root R0)"), "blue"),
        *_rank_grid(13.7, 1.3, reduce, reduce_arrows, T("归约 Reduce（到 R0）", "Reduce (to R0)"), "orange"),
        Box(1.5, 9.3, 21.0, 2.0, color="gray", fill="#f3f4f6"),
        Text(12.0, 9.85, T("每一步都发送整条 n 字节消息：T_{bcast} = log_{2}p·(α + n/β)，"
                           "T_{reduce} = log_{2}p·(α + n/β + nγ)（p 为 2 的幂）",
                           "Every step sends the whole n-byte message: T_{bcast} = log_{2}p·(α + n/β), "
                           "T_{reduce} = log_{2}p·(α + n/β + nγ) (p a power of 2)"), bold=True, size=17),
        Text(12.0, 10.65, T("红色箭头：本步的发送；归约格中 “0–3” 表示已累加 R0…R3 的数据，Σ 为全部 8 个进程之和"
                            "（Thakur 等 2005 的代价式，换成本课程记号）",
                            "Red arrows: this step's sends; \"0–3\" in the reduce means R0…R3 are summed in, Σ all 8 "
                            "(Thakur et al. 2005, in this course's notation)"), color="gray", size=14),
    ]


TREE01 = Figure(
    IMAGES + "02TreeAllReduce01",
    T("二项树广播与归约（p = 8，共 log_{2}8 = 3 步）", "Binomial broadcast and reduce (p = 8, log_{2}8 = 3 steps)"),
    T("二项树：持有数据的进程集合每步翻倍（广播）或减半（归约）",
      "Binomial tree: the set of ranks holding data doubles (broadcast) or halves (reduce) each step"),
    rows=12, items=tuple(_binomial_items()),
)


def _pipeline_schedule(parents: list[int], k: int) -> tuple[dict[tuple[int, int], tuple[int, int]], int]:
    """One-port pipelined broadcast down one tree: every rank forwards each segment to its children
    in order, one send per slot. Returns {(rank, slot): (segment, child)} and the number of slots."""
    p = len(parents)
    kids = {r: children(parents, r) for r in range(p)}
    got = {parents.index(-1): dict.fromkeys(range(k), 0)}
    tasks = {r: [(s, child) for s in range(k) for child in kids[r]] for r in range(p)}
    schedule, t = {}, 0
    while any(tasks.values()):
        t += 1
        sent = []
        for r in range(p):
            if tasks[r]:
                s, child = tasks[r][0]
                if r in got and s in got[r] and got[r][s] < t:
                    schedule[(r, t)] = (s, child)
                    sent.append((child, s))
                    tasks[r].pop(0)
        for child, s in sent:
            got.setdefault(child, {})[s] = t
    return schedule, t


def _schedule_items(parents: list[int]) -> list[Item]:
    schedule, slots = _pipeline_schedule(parents, 4)
    x0, y0, cw, rh = 8.3, 1.0, 1.18, 0.88
    items: list[Item] = [
        Text(x0 + slots * cw / 2, 0.3, T("各进程发送端口的占用（格中：段号 → 目标进程）",
                                         "Each rank's send port (cells: segment → destination)"), bold=True, size=17),
        Text(x0 - 0.3, y0 - 0.25, T("时间步", "step"), color="gray", size=14, anchor="end"),
        *(Text(x0 + (t - 0.5) * cw, y0 - 0.25, str(t), color="gray", size=14) for t in range(1, slots + 1)),
    ]
    for i, r in enumerate((0, 4, 2, 6, 1, 3, 5, 7)):
        y = y0 + 0.15 + i * rh
        leaf = not children(parents, r)
        items += [Text(x0 - 0.3, y + rh / 2 - 0.06, T(f"R{r} 发送", f"R{r} sends"), color="gray" if leaf else "ink",
                       bold=True, size=15, anchor="end"),
                  Box(x0, y, slots * cw, rh - 0.12, color=GRID, fill="#f3f4f6" if leaf else "white", radius=4)]
        items += [_cell(x0 + (t - 1) * cw + 0.04, y + 0.04, cw - 0.08, rh - 0.2, f"{s + 1}→R{child}", SEGMENTS[s],
                        size=13) for (rank, t), (s, child) in schedule.items() if rank == r]
        if leaf:
            items.append(Text(x0 + slots * cw / 2, y + rh / 2 - 0.06, T("叶子：发送端口始终空闲",
                                                                        "leaf: its send port is always idle"),
                              color="gray", size=14))
    items.append(Text(x0 + slots * cw / 2, y0 + 0.15 + 8 * rh + 0.4,
                      T(f"共 {slots} 步；每个内部节点每段要发两次，稳态下每 2 步才送完一段",
                        f"{slots} steps in all; each interior node sends every segment twice, so in steady state "
                        "a segment takes 2 steps"), color="red", bold=True, size=16))
    return items


TREE_A = tree_parents(8)
TREE02 = Graph(
    IMAGES + "02TreeAllReduce02",
    T("单棵二叉树上的分段流水广播（p = 8，消息切成 k = 4 段，示意）",
      "Pipelined broadcast on one binary tree (p = 8, k = 4 segments, schematic)"),
    T("每个内部节点要把每一段发送两次；叶子从不发送", "Each interior rank must send every segment twice; leaves never send"),
    rows=12,
    nodes=tuple(Node(f"R{r}", f"R{r}", "blue", fill="solid" if children(TREE_A, r) else "white") for r in range(8)),
    edges=tuple((f"R{parent}", f"R{r}") for r, parent in enumerate(TREE_A) if parent >= 0),
    area=(0.5, 0.9, 5.6, 5.4), node_size=(0.9, 0.8), edge_color="blue",
    items=(Text(3.3, 0.3, T("所用的二叉树", "The binary tree used"), bold=True, size=18),
           Text(3.3, 7.3, T("实心：内部节点（要转发）\n空心：叶子（只接收）", "Filled: interior (forwards)\nOpen: leaf (only receives)"),
                color="gray", size=15),
           *_schedule_items(TREE_A),
           Box(1.5, 9.95, 21.0, 1.5, color="gray", fill="#f3f4f6"),
           Text(12.0, 10.4, T("k 很大时，单棵二叉树的带宽项约为 2n/β，是广播下限 n/β 的两倍",
                              "For large k one binary tree's bandwidth term is about 2n/β, twice the broadcast bound n/β"),
                bold=True, size=18),
           Text(12.0, 11.05, T("颜色：段 1–4；调度规则：每个进程每步最多发出一段，先左孩子后右孩子",
                               "Colours: segments 1–4; rule: each rank sends at most one segment per step, left child first"),
                color="gray", size=15)),
)


def _tree(parents: list[int], top: float, step: float, colour: str) -> list[Item]:
    """A tree whose ranks sit at x = rank order (so both trees line up with the table between them)."""
    depth = depths(parents)
    spot = {r: (1.2 + (r + 0.5) * 1.65, top + depth[r] * step) for r in range(len(parents))}
    items: list[Item] = [Arrow(spot[parents[r]], spot[r], color=colour, width=2.5, head=False)
                         for r in range(len(parents)) if parents[r] >= 0]
    items += [disc(x, y, 0.4, f"R{r}", colour, "solid" if children(parents, r) else "white", size=14)
              for r, (x, y) in spot.items()]
    return items


def _times_n(v: float) -> str:
    return "0" if v == 0 else ("n" if v == 1 else f"{v:g}n")


def _double_tree_items(p: int = 8) -> list[Item]:
    a, b = double_tree(p)
    items: list[Item] = [Text(1.3, 0.15, T("树 A（前一半数据）", "Tree A (first half of the data)"), color="blue",
                              bold=True, size=18, anchor="start"),
                         Text(1.3, 11.8, T("树 B（后一半数据）", "Tree B (second half of the data)"), color="orange",
                              bold=True, size=18, anchor="start")]
    for r in range(p):
        items += dashed((1.2 + (r + 0.5) * 1.65, 4.75), (1.2 + (r + 0.5) * 1.65, 6.25), GRID, 1.5)
    items += [*_tree(a, 0.7, 1.2, "blue"), Box(1.2, 5.15, 13.2, 1.6, color="#f3f4f6", fill="#f3f4f6", radius=8)]
    for r in range(p):
        x, inner_a, inner_b = 1.2 + (r + 0.5) * 1.65, bool(children(a, r)), bool(children(b, r))
        items += [Text(x, 5.55, f"R{r}", bold=True, size=17),
                  Text(x, 6.05, T("A 内部", "A interior") if inner_a else T("A 叶子", "A leaf"),
                       color="blue" if inner_a else "gray", size=13),
                  Text(x, 6.43, T("B 内部", "B interior") if inner_b else T("B 叶子", "B leaf"),
                       color="orange" if inner_b else "gray", size=13)]
    depth_b = depths(b)
    items += [item for item in _tree(b, 10.95, -1.2, "orange")]
    assert max(depth_b) == 3
    single = [len(children(a, r)) * 1.0 for r in range(p)]
    double = [(len(children(a, r)) + len(children(b, r))) * 0.5 for r in range(p)]
    items.append(Text(19.0, 0.15, T("广播 n 字节时每个进程发出的数据", "Data each rank sends in a broadcast of n bytes"),
                      bold=True, size=17))
    for r in range(p):
        y = 1.2 + r * 1.25
        items += [Text(16.6, y + 0.4, f"R{r}", **R_LABEL),
                  Box(16.8, y, max(0.08, single[r] * 3.2), 0.36, color="gray", fill="solid", radius=3),
                  Box(16.8, y + 0.44, max(0.08, double[r] * 3.2), 0.36, color="green", fill="solid", radius=3),
                  Text(16.95 + single[r] * 3.2, y + 0.18, _times_n(single[r]), color="gray", size=12, anchor="start"),
                  Text(16.95 + double[r] * 3.2, y + 0.62, _times_n(double[r]), color="green", bold=True, size=12,
                       anchor="start")]
    items += [*dashed((20.0, 1.0), (20.0, 11.2), "red", 1.5),
              Text(20.0, 11.45, "n", color="red", bold=True, size=15),
              Legend(16.2, 12.05, (("gray", T("只用树 A", "tree A only")), ("green", T("双二叉树", "double tree"))),
                     step=3.0)]
    return items


TREE03 = Figure(
    IMAGES + "02TreeAllReduce03",
    T("双二叉树（p = 8）：一棵树的内部节点正好是另一棵树的叶子",
      "Double binary tree (p = 8): the interior nodes of one tree are the leaves of the other"),
    T("树 A 传前一半数据，树 B（A 的镜像）传后一半", "Tree A carries the first half of the data, tree B (its mirror image) the second half"),
    rows=12.5, items=tuple(_double_tree_items()),
)

ALPHA, BETA = 10e-6, 300e9
"""The article's assumed latency and lesson 01's bandwidth."""


def _steps(p: float) -> int:
    return math.ceil(math.log2(p))


def t_ring(n: float, p: float) -> float:
    return 2 * (p - 1) * ALPHA + 2 * (p - 1) / p * n / BETA


def t_binomial(n: float, p: float) -> float:
    return 2 * _steps(p) * (ALPHA + n / BETA)


def t_halving(n: float, p: float) -> float:
    return 2 * _steps(p) * ALPHA + 2 * (p - 1) / p * n / BETA


def t_double_tree(n: float, p: float) -> float:
    depth, bandwidth = 2 * _steps(p), 2 * n / BETA
    k = max(1.0, math.sqrt((depth - 1) * bandwidth / ALPHA))
    return (depth - 1 + k) * (ALPHA + bandwidth / k)


TREE_CURVES = (
    (T("环 Ring", "Ring"), t_ring, "orange", 3.5),
    (T("二项树归约 + 广播", "Binomial reduce + broadcast"), t_binomial, "purple", 3.5),
    (T("双二叉树（流水模型）", "Double binary tree (pipeline model)"), t_double_tree, "green", 3.5),
    (T("递归减半/倍增（第 01 讲）", "Recursive halving/doubling (lesson 01)"), t_halving, "gray", 2.0),
)


def _tree_costs(axes, language: str) -> None:
    sizes = [10 ** (3 + k / 20) for k in range(133)]
    for _, cost, colour, width in TREE_CURVES:
        axes.plot(sizes, [cost(n, 1024) for n in sizes], color=strong(colour), linewidth=width)
    frame(axes, [(1e3, "1 KB"), (1e5, "100 KB"), (1e7, "10 MB"), (1e9, "1 GB"), (4e9, "")],
              [(1e-5, "10 μs"), (1e-4, "100 μs"), (1e-3, "1 ms"), (1e-2, "10 ms"), (1e-1, "100 ms"), (1.0, "1 s")],
              T("消息大小 n（p = 1024）", "message size n (p = 1024)"), T("耗时（对数坐标）", "time (log scale)"),
              T("p = 1024：随消息大小变化", "p = 1024: against message size"), language, title_size=18)
    right = axes_at(axes, 12.5, (14.6, 0.8, 8.4, 8.2))
    ps = [2 ** i for i in range(1, 13)]
    for _, cost, colour, width in TREE_CURVES:
        right.plot(ps, [cost(1e9, p) for p in ps], "o-", color=strong(colour), linewidth=width,
                   markersize=2 * width + 1)
    frame(right, [(2, "2"), (8, "8"), (64, "64"), (512, "512"), (4096, "4096")],
              [(1e-3, "1 ms"), (1e-2, "10 ms"), (1e-1, "100 ms")],
              T("进程数 p（n = 1 GB）", "processes p (n = 1 GB)"), None,
              T("n = 1 GB：随进程数变化", "n = 1 GB: against the number of processes"), language, title_size=18)
    handles = [axes.plot([], [], color=strong(colour), linewidth=width + 1)[0] for _, _, colour, width in TREE_CURVES]
    axes.legend(handles, [text_in(name, language) for name, *_ in TREE_CURVES], loc="upper left",
                bbox_to_anchor=(-0.2, -0.16), ncol=4, frameon=False, fontsize=15, handlelength=2.2,
                columnspacing=2.6)
    draw_items(axes, 12.5, (Text(12.0, 11.8, T("双二叉树为本讲的简化模型：T(k) = (D + k − 1)(α + 2n/(kβ))，"
                                               "D = 2·log_{2}p（向上取整），k 取最优；模型不含拓扑与链路争用",
                                               "The double tree is this lesson's simplified model: T(k) = "
                                               "(D + k − 1)(α + 2n/(kβ)), D = 2·log_{2}p (rounded up), best k; "
                                               "no topology or contention"), color="gray", size=14),), language)


TREE04 = Plot(
    IMAGES + "02TreeAllReduce04",
    T("全归约耗时对比（α = 10 μs 为假设值，β = 300 GB/s）", "All-Reduce time compared (α = 10 μs assumed, β = 300 GB/s)"),
    T("环、二项树与双二叉树（本讲的流水模型）", "Ring vs binomial tree vs double binary tree (this lesson's pipeline model)"),
    rows=12.5, draw=_tree_costs, area=(3.0, 0.8, 8.4, 8.2),
)

# ====================================================================== 03AllToAll


def _block_matrix(x0: float, label: T, after: bool) -> list[Item]:
    p, cell, step = 4, 1.5, 0.93 + 0.18
    items: list[Item] = [Text(x0 + p * cell / 2, 0.4, label, bold=True, size=18)]
    for r in range(p):
        items.append(Text(x0 - 0.2, 1.0 + r * step + 0.465, f"R{r}", size=16, bold=True, anchor="end"))
        for k in range(p):
            src, dst = (k, r) if after else (r, k)
            items.append(_cell(x0 + k * cell + 0.04, 1.0 + r * step, cell - 0.08, 0.93, f"{src}→{dst}", RANKS[src],
                               size=16))
    items.append(Text(x0 + p * cell / 2, 1.0 + p * step + 0.2,
                      T("第 k 列 = 来自 R_{k} 的块", "column k = the block from R_{k}") if after else
                      T("第 k 列 = 发往 R_{k} 的块", "column k = the block for R_{k}"), color="gray", size=14))
    return items


A2A01 = Figure(
    IMAGES + "03AllToAll01",
    T("全交换 All-to-All：每个进程给每个进程一块不同的数据（p = 4）",
      "All-to-All: every process gives every process a different block (p = 4)"),
    T("块 (i→j) 从 R_{i} 出发、到 R_{j} 结束：块矩阵的转置",
      "Block (i→j) starts on rank i and ends on rank j: a transpose of the block matrix"),
    rows=11.5,
    items=(
        *_block_matrix(2.5, T("之前：R_{i} 的发送缓冲区", "Before: R_{i}'s send buffer"), False),
        Arrow((9.4, 3.2), (11.3, 3.2), color="red", width=5),
        Text(10.35, 2.4, "all-to-all", color="red", bold=True, size=17),
        *_block_matrix(13.6, T("之后：R_{j} 的接收缓冲区", "After: R_{j}'s receive buffer"), True),
        Box(1.5, 7.3, 21.0, 3.3, color="gray", fill="#f3f4f6"),
        Text(12.0, 7.85, T("与全收集 All-Gather 的区别", "How it differs from All-Gather"), bold=True, size=19),
        Text(12.0, 8.6, T("全收集：每个进程拿出同一块数据，所有进程收到的是同样的 p 块",
                          "All-Gather: every process contributes one block, and all processes receive the same p blocks"),
             size=16),
        Text(12.0, 9.2, T("全交换：R_{i} 发给 R_{j} 的块只有 R_{j} 需要，p 个进程一共有 p(p−1) 块不同的数据要跨进程移动",
                          "All-to-All: the block R_{i} sends R_{j} is needed only by R_{j}; p(p−1) distinct blocks "
                          "move between processes"), size=16),
        Text(12.0, 9.9, T("每个进程发送和接收的数据量都是 (p−1)/p · n（n 为一个进程发送缓冲区的大小）",
                          "Each process sends and receives (p−1)/p · n (n is the size of one process's send buffer)"),
             color="red", bold=True, size=16),
    ),
)

TRAFFIC = (
    (70, 52, 48, 61, 96, 55, 62, 68),
    (58, 66, 49, 57, 104, 60, 63, 55),
    (62, 55, 71, 44, 99, 58, 59, 64),
    (60, 49, 52, 69, 108, 57, 54, 63),
    (54, 61, 50, 58, 112, 62, 57, 58),
    (66, 57, 46, 60, 101, 72, 51, 59),
    (59, 62, 53, 55, 97, 60, 67, 59),
    (61, 58, 47, 62, 103, 56, 60, 65),
)
"""Made-up routing counts: tokens device i sends to the expert(s) on device j (示意数据)."""
MOE_STEPS = (
    (T("注意力等\n（各设备本地）", "Attention etc.\n(on each device)"), "gray"),
    (T("路由器\n为每个 token 选专家", "Router picks\nexperts per token"), "yellow"),
    (T("all-to-all\n分发 dispatch", "all-to-all\ndispatch"), "red"),
    (T("本设备上的\n专家 FFN", "The experts' FFN\non this device"), "orange"),
    (T("all-to-all\n合并 combine", "all-to-all\ncombine"), "red"),
    (T("按门控加权\n残差相加", "Weight by gate,\nadd residual"), "green"),
)


def _tint(t: float) -> str:
    """White to the blue #2563eb, by t in [0, 1]."""
    return "#{:02x}{:02x}{:02x}".format(*tuple(int(255 - t * (255 - c)) for c in (37, 99, 235)))


def _moe_items() -> list[Item]:
    items: list[Item] = []
    for i, (label, colour) in enumerate(MOE_STEPS):
        x = 0.8 + i * 3.82
        items.append(Box(x, 0.2, 3.3, 1.7, label, color=colour, bold=True, size=16, stroke=2.5))
        if i:
            items.append(Arrow((x - 0.48, 1.05), (x - 0.06, 1.05), color="ink", width=2.5))
    items.append(Text(12.0, 2.4, T("前向每层两次 all-to-all；反向传播时梯度沿相反方向再走两次",
                                   "Two all-to-alls per layer forward; the gradients take two more in reverse"),
                      color="gray", size=16))
    x0, y0, cs, p = 5.2, 4.6, 0.86, len(TRAFFIC)
    top = max(max(row) for row in TRAFFIC)
    items += [Text(x0 + p * cs / 2, y0 - 1.1, T("发送矩阵：设备 i 发往设备 j 的 token 数（示意数据）",
                                                "Send matrix: tokens device i sends to device j (illustrative data)"),
                   bold=True, size=17),
              Text(x0 + p * cs + 0.3, y0 - 0.35, T("发送合计", "sent"), color="gray", size=14, anchor="start")]
    items += [Text(x0 + j * cs + cs / 2, y0 - 0.35, f"→{j}", color="gray", size=14) for j in range(p)]
    for i, row in enumerate(TRAFFIC):
        items += [Text(x0 - 0.2, y0 + i * cs + cs / 2, T(f"设备{i}", f"device {i}"), bold=True, size=14, anchor="end"),
                  Text(x0 + p * cs + 0.3, y0 + i * cs + cs / 2, str(sum(row)), size=13, anchor="start")]
        items += [Box(x0 + j * cs + 0.03, y0 + i * cs + 0.03, cs - 0.06, cs - 0.06, str(v), color=_tint(v / top),
                      fill="solid" if v / top > 0.6 else _tint(v / top), size=13, radius=4)
                  for j, v in enumerate(row)]
    sums = [sum(row[j] for row in TRAFFIC) for j in range(p)]
    bottom = y0 + p * cs + 0.2
    items.append(Text(x0 - 0.2, bottom + 0.4, T("接收合计", "received"), bold=True, size=14, anchor="end"))
    items += [Box(x0 + j * cs + 0.03, bottom, cs - 0.06, 0.8, str(s), color="red" if s == max(sums) else GRID,
                  fill="#fee2e2" if s == max(sums) else "#f3f4f6", bold=s == max(sums), size=13, stroke=1.5, radius=4)
              for j, s in enumerate(sums)]
    items += [Box(14.2, 4.6, 9.0, 6.4, color="gray", fill="#f3f4f6", size=16, title=T("读这张表", "Reading the table")),
              Text(14.6, 7.5, T("· 每行之和相同：每台设备发出\n   同样多的 token\n· 对角线上的 token 留在本地，\n   不占网络\n"
                                "· 列和不均：设备 4 上的专家\n   收到最多，它算完之前\n   合并无法结束",
                                "· Equal row sums: every device\n   sends as many tokens\n· Diagonal tokens stay local,\n"
                                "   off the network\n· Uneven column sums: the expert\n   on device 4 gets the most;\n"
                                "   combine waits for it"), size=16, anchor="start"),
              Text(18.7, 10.4, T("块大小不一：MPI 称为 Alltoallv", "Blocks of different sizes: MPI calls it Alltoallv"),
                   color="red", bold=True, size=15)]
    return items


A2A02 = Figure(
    IMAGES + "03AllToAll02",
    T("专家并行中的 all-to-all：分发与合并（示意）", "All-to-all in expert parallelism: dispatch and combine (schematic)"),
    T("分发与合并都是 all-to-all，块大小由路由器决定", "Dispatch and combine are all-to-alls whose block sizes follow the router"),
    rows=13, items=tuple(_moe_items()),
)


def _exchange_items(p: int = 8) -> list[Item]:
    x0, y0, cw, rh = 2.3, 1.3, 1.2, 0.78
    items: list[Item] = [Text(x0 + 3.5 * cw, 0.3, T("逐对交换：第 s 步与 R(r XOR s) 互换一块",
                                                    "Pairwise: at step s swap one block with R(r XOR s)"),
                              color="blue", bold=True, size=16)]
    items += [Text(x0 + (s - 0.5) * cw, y0 - 0.35, T(f"第{s}步", f"step {s}"), color="gray", size=13)
              for s in range(1, p)]
    for r in range(p):
        items.append(Text(x0 - 0.2, y0 + r * rh + rh / 2, f"R{r}", **R_LABEL))
        items += [_cell(x0 + (s - 1) * cw + 0.04, y0 + r * rh + 0.04, cw - 0.08, rh - 0.08, f"R{r ^ s}", RANKS[r ^ s])
                  for s in range(1, p)]
    items += [Text(x0 + 3.5 * cw, y0 + p * rh + 0.45, T("每步是一组两两配对，每块只走一次",
                                                        "Each step is one set of pairs; every block moves once"),
                   color="gray", size=15),
              Text(x0 + 3.5 * cw, y0 + p * rh + 1.1, "T = (p−1)·(α + n/(pβ))", color="blue", bold=True, size=18)]
    bx, by, bc = 13.4, 1.3, 1.04
    items += [Text(bx + 4 * bc, 0.3, T("Bruck：第 k 轮发给 R(r+2^{k})，送出位置编号第 k 位为 1 的块",
                                       "Bruck: round k sends the blocks with bit k set to R(r+2^{k})"),
                   color="green", bold=True, size=16),
              Text(bx - 0.2, by - 0.35, T("块位置", "position"), color="gray", size=13, anchor="end")]
    items += [Text(bx + i * bc + bc / 2, by - 0.35, str(i), color="gray", size=14) for i in range(p)]
    for k in range(3):
        y = by + k * 1.5
        items.append(Text(bx - 0.2, y + 0.45, f"k = {k}\n→R(r+{2 ** k})", bold=True, size=14, anchor="end"))
        items += [Box(bx + i * bc + 0.04, y, bc - 0.08, 0.9, format(i, "03b"), color="green" if i >> k & 1 else GRID,
                      fill="solid" if i >> k & 1 else "white", bold=bool(i >> k & 1), size=14, stroke=1.5, radius=5)
                  for i in range(p)]
    items += [Text(bx + 4 * bc, by + 4.7, T("先把第 j 块旋转到位置 (j − r) mod p；位置 i 的块要向前移动 i 个进程，\n"
                                            "按 i 的二进制拆成 1、2、4 的跳跃；最后按来源重排",
                                            "First rotate block j to position (j − r) mod p; the block at position i\n"
                                            "moves i ranks on, in hops of 1, 2, 4 by the bits of i; then reorder by "
                                            "source"), color="gray", size=14),
              Text(bx + 4 * bc, by + 6.1, T("T = log_{2}p·(α + n/(2β))（p 为 2 的幂）", "T = log_{2}p·(α + n/(2β)) (p a power of 2)"),
                   color="green", bold=True, size=18),
              Text(bx + 4 * bc, by + 6.8, T("每步约 n/2 字节：一块可能被转发多次",
                                            "About n/2 bytes per step: a block may be forwarded several times"),
                   color="gray", size=15),
              Box(1.5, 9.5, 21.0, 1.2, color="gray", fill="#f3f4f6"),
              Text(12.0, 10.1, T("小消息：步数少的 Bruck 更快；大消息：每块只传一次的逐对交换更快"
                                 "（代价式见 Thakur 等 2005，n 为每个进程发送缓冲区的总大小）",
                                 "Small messages: Bruck (fewer steps) wins; large: pairwise exchange (each block sent once); "
                                 "Thakur et al. 2005, n = a process's send buffer"), bold=True, size=14)]
    return items


A2A03 = Figure(
    IMAGES + "03AllToAll03",
    T("两种全交换算法（p = 8）：逐对交换与 Bruck 算法", "Two All-to-All algorithms (p = 8): pairwise exchange and Bruck"),
    T("逐对交换：p−1 步，每步一块；Bruck：log_{2}p 步，每步 p/2 块",
      "Pairwise exchange: p−1 steps of one block each; Bruck: log_{2}p steps of p/2 blocks each"),
    rows=11.2, items=tuple(_exchange_items()),
)

A2A_BETA = 50e9
A2A_N = 32 * 2 ** 20
"""Assumed: 4096 tokens × 4096 hidden × 2 bytes per device, over 50 GB/s links."""


def _bisection_items() -> tuple[Item, ...]:
    items: list[Item] = [
        Box(1.0, 0.4, 4.2, 5.2, color="blue", stroke=2, radius=12),
        Box(7.6, 0.4, 4.2, 5.2, color="orange", stroke=2, radius=12),
        Text(3.1, 0.9, T("一半：p/2 个进程", "one half: p/2 processes"), color="blue", bold=True, size=16),
        Text(9.7, 0.9, T("另一半：p/2 个进程", "other half: p/2 processes"), color="orange", bold=True, size=16),
        *(disc(2.2 + (i % 2) * 1.8 + dx, 2.2 + (i // 2) * 1.8, 0.5, color=colour)
          for i in range(4) for dx, colour in ((0, "blue"), (6.6, "orange"))),
        *dashed((6.4, 0.2), (6.4, 5.9), "red", 3),
        Arrow((5.6, 2.6), (7.2, 2.6), color="red", width=4),
        Arrow((7.2, 3.6), (5.6, 3.6), color="red", width=4),
        Text(6.4, 6.4, T("每个进程把 n/2 发到对面：每个方向共 (p/2)·(n/2) = p·n/4 字节",
                         "Each process sends n/2 across: (p/2)·(n/2) = p·n/4 bytes each way"), color="red", bold=True,
             size=15),
        Text(6.4, 7.1, T("T ≥ p·n / (4·B_{bis})，B_{bis} 为单方向对分带宽",
                         "T ≥ p·n / (4·B_{bis}), B_{bis} the one-way bisection bandwidth"), bold=True, size=16),
        Text(3.0, 8.1, T("环：切口 2 条链路", "ring: 2 links cut"), bold=True, size=15),
        disc(3.0, 10.0, 1.4, color="ink", fill="none"),
        *(disc(3.0 + 1.4 * math.cos(-math.pi / 2 + math.pi / 8 + i * math.pi / 4),
                 10.0 + 1.4 * math.sin(-math.pi / 2 + math.pi / 8 + i * math.pi / 4), 0.26, color="ink")
          for i in range(8)),
        *dashed((3.0, 8.3), (3.0, 11.7), "red", 2.5),
        Text(9.3, 8.1, T("4×4 环面：切口 2k = 8 条链路", "4×4 torus: 2k = 8 links cut"), bold=True, size=15),
        *(Arrow((7.9, 8.8 + i * 0.8), (10.7, 8.8 + i * 0.8), color="ink", width=1.5, head=False) for i in range(4)),
        *(Arrow((8.1 + i * 0.8, 8.6), (8.1 + i * 0.8, 11.4), color="ink", width=1.5, head=False) for i in range(4)),
        *(disc(8.1 + j * 0.8, 8.8 + i * 0.8, 0.2, color="ink") for i in range(4) for j in range(4)),
        *dashed((9.3, 8.4), (9.3, 11.8), "red", 2.5),
        Text(11.9, 10.1, T("每行还有一条\n回绕链路\n（未画出）", "each row also\nwraps around\n(not drawn)"),
             color="gray", size=13),
        Text(19.0, 11.3, T("β 为单条链路单方向带宽；全对分网络按每个进程一条链路计",
                           "β: one link's one-way bandwidth; full bisection: one link per process"),
             color="gray", size=13),
    ]
    return tuple(items)


def _bisection(axes, language: str) -> None:
    draw_items(axes, 12.5, _bisection_items(), language)
    ps = [2 ** (3 + k / 10) for k in range(71)]
    curves = (
        (lambda p: p * A2A_N / (8 * A2A_BETA), "red", T("环：p·n/(8β)", "ring: p·n/(8β)"), 300, 1.35, "right"),
        (lambda p: math.sqrt(p) * A2A_N / (8 * A2A_BETA), "purple", T("二维环面：√p·n/(8β)", "2-D torus: √p·n/(8β)"),
         300, 1.5, "right"),
        (lambda p: (p - 1) / p * A2A_N / A2A_BETA, "green",
         T("全对分网络：受注入带宽限制\n(p−1)/p·n/β", "full bisection: limited by injection\n(p−1)/p·n/β"), 200, 0.35,
         "center"),
    )
    for bound, colour, label, at, lift, align in curves:
        axes.plot(ps, [bound(p) for p in ps], color=strong(colour), linewidth=3.5)
        axes.text(at, bound(at) * lift, text_in(label, language), ha=align, va="bottom", fontsize=15,
                  fontweight="bold", color=strong(colour), linespacing=1.3)
    frame(axes, [(8, "8"), (32, "32"), (128, "128"), (512, "512"), (1024, "")],
              [(1e-4, "0.1 ms"), (1e-3, "1 ms"), (1e-2, "10 ms"), (1e-1, "100 ms")],
              T("进程数 p", "processes p"), T("耗时下限", "lower bound on time"),
              T("下限随 p 的变化（n = 32 MiB，β = 50 GB/s，均为假设值）",
                "Lower bounds against p (n = 32 MiB, β = 50 GB/s, assumed)"), language, title_size=18)
    axes.title.set_fontsize(15)


A2A04 = Plot(
    IMAGES + "03AllToAll04",
    T("全交换为什么考验对分带宽", "Why All-to-All tests bisection bandwidth"),
    T("均匀全交换在任何等分切口上，每个方向都要推过 p·n/4 字节",
      "Uniform all-to-all pushes p·n/4 bytes each way across any cut into two equal halves"),
    rows=12.5, draw=_bisection, area=(15.2, 1.0, 7.6, 8.2),
)

FIGURES = [RING01, RING02, RING03, RING04, TREE01, TREE02, TREE03, TREE04, A2A01, A2A02, A2A03, A2A04]

# ====================================================================== decks
MODULE, CHAPTER = "通信架构", "集合通信原语"
DECKS = [
    Deck("05XCCL/01Primitives/01RingAllReduce.pdf", MODULE, CHAPTER, "集合通信原语与环形全归约",
         "归约散播 + 全收集 = 全归约", "第 01 讲", (
             Picture("五种基本原语", RING01,
                     "NCCL 文档列出的集合操作：AllReduce、Broadcast、Reduce、AllGather、ReduceScatter"),
             Bullets("环形全归约", (
                 "朴素做法（归约到根再广播）：2(p−1)(α + n/β)，根进程成瓶颈",
                 "p 个进程连成环，每个进程把数据切成 p 块，每块 n/p 字节",
                 "阶段一 归约散播：p−1 步，每步发一块给右邻居并累加",
                 "阶段二 全收集：p−1 步，把完整的块沿环转发一圈",
             )),
             Picture("阶段一：归约散播", RING02, "p−1 步后，每个进程持有一块完整结果"),
             Picture("阶段二：全收集", RING03, "再走 p−1 步，每个进程拿到全部结果"),
             Bullets("代价", (
                 "T_{ring} = 2(p−1)α + 2·(p−1)/p·n/β",
                 "带宽项系数趋近 2，与进程数几乎无关：带宽最优（Patarasuk 与 Yuan 2009）",
                 "递归减半/倍增（Thakur 等 2005）：2·log_{2}p·α + 同样的带宽项",
                 "nccl-tests 总线带宽 = 算法带宽 × 2(p−1)/p",
             )),
             Picture("代价随进程数的变化", RING04, "大消息选环，小消息选对数步数算法"),
             Bullets("小结", (
                 "全归约 = 归约散播 + 全收集",
                 "环形全归约：2(p−1) 步，每步每个进程发送 n/p 字节",
                 "示例（α = 10 μs 为假设值，β = 300 GB/s，p = 8，1 GB）：约 5.97 ms，朴素做法约 46.8 ms",
                 "延迟项 2(p−1)α 是环的短板，通信库按消息大小与拓扑选择算法",
             ), summary=True),
         )),
    Deck("05XCCL/01Primitives/02TreeAllReduce.pdf", MODULE, CHAPTER, "树形算法与双二叉树全归约",
         "对数级延迟，也要满带宽", "第 02 讲", (
             Picture("二项树广播与归约", TREE01,
                     "log_{2}p 步（p 为 2 的幂），每步整条消息：小消息快，大消息的带宽项是 log_{2}p·n/β"),
             Bullets("大消息：切段流水", (
                 "把 n 字节切成 k 段，前一段往下走时后一段跟上",
                 "链式流水：带宽项趋近 n/β，但要走 p−1 跳",
                 "分散 + 全收集广播（Thakur 等 2005）：(log_{2}p + p − 1)α + 2·(p−1)/p·n/β",
                 "单棵二叉树流水：内部节点每段发两次，叶子从不发送",
             )),
             Picture("单棵二叉树：只有一半带宽", TREE02, "k 很大时带宽项约 2n/β，是广播下限 n/β 的两倍"),
             Picture("双二叉树", TREE03, "Sanders、Speck、Träff（Parallel Computing 2009）；NCCL 2.4 起用于全归约"),
             Bullets("本讲的简化模型", (
                 "T(k) ≈ (D + k − 1)·(α + 2n/(kβ))，D = 2·log_{2}p（向上取整）",
                 "最优 k：T* = (√((D−1)α) + √(2n/β))^{2}",
                 "带宽项 2n/β，与环的 2(p−1)/p·n/β 同阶；延迟项 O(log p)",
                 "α = 10 μs（假设值）、β = 300 GB/s、p = 1024、1 GB：环 ≈ 27.1 ms，双二叉树 ≈ 9.1 ms",
             )),
             Picture("与环对比", TREE04, "p = 8、1 GB 时环更快（5.97 vs 7.87 ms）；64 KB、p = 1024 时树约快 98 倍"),
             Bullets("小结", (
                 "二项树广播：log_{2}p·(α + n/β)，适合小消息",
                 "流水让树也能用满带宽；单棵二叉树受限于内部节点的两次发送",
                 "双二叉树让每个进程在一棵树里当内部节点、在另一棵里当叶子",
                 "NCCL 博客：2.4 版引入，在 Summit 上测到 24,576 块 GPU，延迟最多改善 180 倍",
             ), summary=True),
         )),
    Deck("05XCCL/01Primitives/03AllToAll.pdf", MODULE, CHAPTER, "全交换 All-to-All",
         "专家并行的通信核心，也是对网络最苛刻的原语", "第 03 讲", (
             Picture("定义：按块转置", A2A01, "每个进程发送、接收各 (p−1)/p·n 字节，且每块只有一个接收者"),
             Picture("专家并行中的两次 all-to-all", A2A02,
                     "GShard（arXiv:2006.16668）、Switch Transformer（arXiv:2101.03961）；示意数据"),
             Picture("逐对交换与 Bruck 算法", A2A03, "Bruck 等（IEEE TPDS 1997）；代价式见 Thakur 等（2005）"),
             Bullets("算一个例子（α = 10 μs、β = 50 GB/s、n = 32 MiB 均为假设值）", (
                 "p = 64，逐对交换：63 × (10 μs + 512 KiB/β) ≈ 1.29 ms",
                 "Bruck：6 × (10 μs + 16 MiB/β) ≈ 2.07 ms",
                 "n = 64 KB 时：逐对交换 ≈ 631 μs，Bruck ≈ 64 μs",
                 "p = 64 时两者在 n ≈ 14 MB 处交叉",
             )),
             Picture("对分带宽", A2A04, "均匀全交换每个方向有 p·n/4 字节要穿过对分切口"),
             Bullets("小结", (
                 "all-to-all = 分布式的块转置；MoE 每层前向两次、反向两次",
                 "逐对交换 (p−1)(α + n/(pβ))；Bruck log_{2}p·(α + n/(2β))（p 为 2 的幂）",
                 "下限 p·n/(4·B_{bis})：环随 p 线性增长，全对分网络不增长",
                 "负载不均时最忙的专家设备决定整层耗时",
             ), summary=True),
         )),
]
