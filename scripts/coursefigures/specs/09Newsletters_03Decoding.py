"""Figures and decks of 09Newsletters/03Decoding (推理解码加速 / Faster decoding).

Three talks: speculative decoding (Leviathan et al., arXiv:2211.17192; Chen et al., arXiv:2302.01318),
iteration-level scheduling (Orca, Yu et al., OSDI 2022) and prefill/decode disaggregation (DistServe,
arXiv:2401.09670; Splitwise, arXiv:2311.18677). Every diagram is schematic (示意); toy distributions,
request lengths, sizes and link speeds marked as assumptions are ours, and the curves are drawn from
the papers' formulas.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Label, Legend, Picture, Point, T, Text

IMAGES = "09Newsletters/03Decoding/images/"


@dataclass(frozen=True)
class Axes:
    """A chart frame inside a Figure, in grid units, so schematic curves sit among boxes and notes.

    Curves are polylines through sampled points; a log axis maps by log10. (A chart item drawn by
    matplotlib inside a Figure would serve better; the painter has none yet.)"""

    x: float
    y: float
    w: float
    h: float
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    xlog: bool = False
    ylog: bool = False

    @staticmethod
    def _share(value: float, lim: tuple[float, float], log: bool) -> float:
        scale = math.log10 if log else float
        return (scale(value) - scale(lim[0])) / (scale(lim[1]) - scale(lim[0]))

    def at(self, u: float, v: float) -> Point:
        """The grid point of data point (u, v)."""
        return (self.x + self._share(u, self.xlim, self.xlog) * self.w,
                self.y + self.h - self._share(v, self.ylim, self.ylog) * self.h)

    def frame(self, xticks: Sequence[float], yticks: Sequence[float], xlabel: Label, ylabel: Label) -> list[Item]:
        """Axis lines, light grid lines and labels at the ticks; the y label sits above the axis."""
        bottom, right = self.y + self.h, self.x + self.w
        items: list[Item] = []
        for u in xticks:
            x = self.at(u, self.ylim[0])[0]
            items += [Arrow((x, self.y), (x, bottom), color="#e5e7eb", width=1, head=False),
                      Text(x, bottom + 0.4, f"{u:g}", size=14)]
        for v in yticks:
            y = self.at(self.xlim[0], v)[1]
            items += [Arrow((self.x, y), (right, y), color="#e5e7eb", width=1, head=False),
                      Text(self.x - 0.2, y, f"{v:g}", size=14, anchor="end")]
        return items + [Arrow((self.x, self.y), (self.x, bottom), via=(), color="ink", width=1.5, head=False),
                        Arrow((self.x, bottom), (right, bottom), color="ink", width=1.5, head=False),
                        Text(self.x + self.w / 2, bottom + 1.0, xlabel, size=15),
                        Text(self.x, self.y - 0.35, ylabel, size=15, anchor="start")]

    def curve(self, f: Callable[[float], float], lo: float, hi: float, color: str, samples: int = 48) -> Arrow:
        """y = f(x) for x from lo to hi as one polyline."""
        points = [self.at(u, f(u)) for u in (lo + (hi - lo) * i / samples for i in range(samples + 1))]
        return Arrow(points[0], points[-1], via=tuple(points[1:-1]), color=color, width=3, head=False)

    def dot(self, u: float, v: float, color: str) -> Box:
        x, y = self.at(u, v)
        return Box(x - 0.14, y - 0.14, 0.28, 0.28, color=color, fill="solid", radius=7)


# ====================================================================== 20250620SpeculativeDecoding
VERDICTS = (("x_{1}", T("接受", "accept"), "green"), ("x_{2}", T("接受", "accept"), "green"),
            ("x_{3}", T("拒绝", "reject"), "red"), ("x_{4}", T("丢弃", "discard"), "gray"))
TARGET_X = 12.5

SPEC01 = Figure(
    IMAGES + "20250620SpeculativeDecoding01",
    T("推测解码的一步：小模型连猜 γ 个，大模型一次前向并行验证（示意，γ = 4）",
      "One speculative step: a small model drafts γ = 4, the large one verifies in one pass"),
    T("小的草稿模型逐个提出 γ 个 token；目标模型一次前向为全部 γ+1 个位置打分",
      "A small draft model proposes γ tokens one by one; the target model scores all γ+1 positions in one pass"),
    rows=12,
    items=(
        Arrow((4.2, 8.1), (23.0, 8.1), color="gray", width=2),
        Text(23.0, 8.5, T("时间", "time"), color="gray", size=15, anchor="end"),
        Text(1.2, 1.0, T("草稿模型 M_{q}\n（小、快）", "Draft model M_{q}\n(small, fast)"), color="purple", bold=True,
             size=16, anchor="start"),
        *(item for k in range(4) for item in (
            Box(4.5 + k * 1.9, 0.5, 1.7, 1.0, T(f"猜 x_{{{k + 1}}}", f"guess x_{{{k + 1}}}"), color="purple", bold=True,
                size=16),
            *([Arrow((6.22 + k * 1.9, 1.0), (6.38 + k * 1.9, 1.0), color="purple", width=2)] if k < 3 else []))),
        Text(8.2, 1.95, T("串行 γ 次，每次都很便宜", "γ steps in sequence, each cheap"), color="purple", size=14),
        Text(1.2, 3.6, T("目标模型 M_{p}\n（大、慢）", "Target model M_{p}\n(large, slow)"), color="blue", bold=True,
             size=16, anchor="start"),
        Box(TARGET_X, 2.8, 8.2, 1.6, T("一次前向：对前缀 + x_{1}…x_{4} 的 γ + 1 个位置\n同时给出目标分布 p_{1} … p_{5}",
                                       "One pass over the prefix + x_{1}…x_{4}: target\ndistributions p_{1} … p_{5} "
                                       "for all γ + 1 positions"), bold=True, size=16),
        Arrow((11.92, 1.4), (12.6, 2.9), color="ink", width=2),
        Text(12.3, 5.0, T("逐个核对（从左到右）", "Check one by one (left to right)"), bold=True, size=15, anchor="start"),
        *(Box(TARGET_X + k * 2.05, 5.2, 1.85, 1.2, T(f"{token}\n{word.zh}", f"{token}\n{word.en}"), color=colour, bold=True,
              size=15) for k, (token, word, colour) in enumerate(VERDICTS)),
        Arrow((18.5, 4.5), (18.5, 5.12), color="ink", width=2),
        Box(TARGET_X + 4.1, 6.6, 1.85, 1.1, T("改采 y\n来自残差分布", "take y from\nthe residual"), color="yellow",
            bold=True, size=13),
        Box(4.25, 4.55, 7.9, 2.6, color="#e5e7eb", fill="#f3f4f6", radius=7),
        Text(4.5, 4.9, T("对比：普通解码得到同样 3 个 token", "Compare: plain decoding of the same 3 tokens"), color="gray",
             size=14, anchor="start"),
        *(Box(4.5 + k * 2.5, 5.3, 2.3, 1.0, T(f"M_{{p}} 前向 {k + 1}", f"M_{{p}} pass {k + 1}"), fill="white", size=14)
          for k in range(3)),
        Text(8.2, 6.7, T("目标模型要前向 3 次，每次都读一遍全部权重", "The target model runs 3 times, reading all weights each time"),
             color="gray", size=14),
        Text(16.6, 8.9, T("本步产出 3 个 token：x_{1}、x_{2}、y（目标模型只前向了 1 次）",
                          "This step yields 3 tokens: x_{1}, x_{2}, y (one target pass)"), color="green", bold=True, size=16),
        Box(1.2, 9.6, 21.8, 2.0, color="gray", radius=0),
        Text(12.1, 10.1, T("第一个被拒的位置之后全部作废；若 γ 个全被接受，再用 p_{γ+1} 免费多采一个，本步得到 γ + 1 个",
                           "Everything after the first rejection is discarded; if all γ are accepted, p_{γ+1} gives one "
                           "more for free: γ + 1 this step"), size=16),
        Text(12.1, 10.8, T("每步产出 1 到 γ + 1 个 token；接受规则保证输出分布与只用目标模型逐个采样完全相同",
                           "Each step yields 1 to γ + 1 tokens; the acceptance rule keeps the output distribution "
                           "exactly that of the target model"), bold=True, size=16),
    ),
)

VOCAB = ("A", "B", "C", "D", "E")
P_TARGET = (0.40, 0.25, 0.15, 0.15, 0.05)
Q_DRAFT = (0.30, 0.40, 0.10, 0.10, 0.10)
"""The toy distributions (assumed values); the rejected mass is 0.20."""


def _toy() -> list[Item]:
    """Draft and target probabilities per word, with the acceptance probability and the residual below."""
    base, scale = 5.9, 10.0
    items: list[Item] = [
        Text(6.0, 0.3, T("玩具分布（假设值，5 个词）", "Toy distributions (assumed values, 5 words)"), bold=True, size=18),
        Legend(1.5, 1.15, (("purple", T("草稿分布 q", "draft q")), ("blue", T("目标分布 p", "target p"))), step=2.7),
        Arrow((1.2, base), (11.0, base), color="ink", width=1.5, head=False),
        Text(0.2, 6.85, T("接受概率", "accept"), color="green", bold=True, size=13, anchor="start"),
        Text(0.2, 7.45, T("残差分布", "residual"), color="orange", bold=True, size=13, anchor="start"),
    ]
    for k, word in enumerate(VOCAB):
        x, p, q = 1.4 + k * 2.0, P_TARGET[k], Q_DRAFT[k]
        accept, residual = min(1.0, p / q), max(0.0, p - q)
        items += [Box(x, base - q * scale, 0.7, q * scale, color="purple", fill="solid", radius=2),
                  Box(x + 0.78, base - p * scale, 0.7, p * scale, color="blue", fill="solid", radius=2),
                  Text(x + 0.74, 6.25, word, bold=True, size=16),
                  Text(x + 0.74, 6.85, f"{accept:.3g}" if accept < 1 else "1", color="green", bold=True, size=15),
                  Text(x + 0.74, 7.45, f"{residual / 0.2:.2g}" if residual else "0", color="orange", bold=True, size=15)]
    items.append(Box(0.8, 8.3, 10.6, 3.2, color="gray", radius=0))
    for y, label, size, bold in (
        (8.8, T("β = Σ min(p, q) = 0.80：猜的词被接受的总概率", "β = Σ min(p, q) = 0.80: total chance a guess is accepted"),
         15, True),
        (9.4, T("被拒的概率 0.20 按残差 max(0, p − q) 重新分配", "The rejected 0.20 is shared out by the residual max(0, p − q)"),
         15, False),
        (10.0, T("核对：P(输出 A) = 0.30 × 1 + 0.20 × 0.5 = 0.40 = p(A)", "Check: P(A) = 0.30 × 1 + 0.20 × 0.5 = 0.40 = p(A)"),
         15, False),
        (10.6, T("P(输出 B) = 0.40 × 0.625 = 0.25 = p(B)，其余同理", "P(B) = 0.40 × 0.625 = 0.25 = p(B), and so on"), 15, False),
        (11.15, T("（残差已归一化：除以 0.20）", "(the residual is normalised: divided by 0.20)"), 13, False),
    ):
        items.append(Text(6.1, y, label, color="gray" if size == 13 else "ink", bold=bold, size=size))
    return items


def _expected_tokens() -> list[Item]:
    """E = (1 − α^{γ+1}) / (1 − α) for γ = 1, 2, 4, 8, and the worked point α = 0.8, γ = 4."""
    axes = Axes(14.3, 1.2, 8.4, 7.6, (0.0, 1.0), (1.0, 9.0))
    items = axes.frame((0, 0.2, 0.4, 0.6, 0.8, 1), (1, 3, 5, 7, 9), T("期望接受率 α", "Expected acceptance rate α"),
                       T("每步期望产出的 token 数", "Expected tokens per step"))
    for gamma, colour in zip((1, 2, 4, 8), ("green", "teal", "blue", "purple"), strict=True):
        items.append(axes.curve(lambda a, g=gamma: (1 - a ** (g + 1)) / (1 - a), 0.0, 0.999, colour))
        x, y = axes.at(0.999, gamma + 1)
        items.append(Text(x + 0.15, y, f"γ = {gamma}", color=colour, bold=True, size=15, anchor="start"))
    x, y = axes.at(0.8, (1 - 0.8 ** 5) / 0.2)
    tx, ty = axes.at(0.12, 6.2)
    return items + [
        axes.dot(0.8, (1 - 0.8 ** 5) / 0.2, "red"),
        Text(tx, ty, T("α = 0.8、γ = 4：\n每步约 3.36 个", "α = 0.8, γ = 4:\nabout 3.36 per step"), color="red", bold=True,
             size=14, anchor="start"),
        Arrow((tx + 2.0, ty + 0.5), (x - 0.14, y - 0.1), color="red", width=1.5),
        Text(18.5, 0.2, T("E = (1 − α^{γ+1}) / (1 − α)（Leviathan 等）", "E = (1 − α^{γ+1}) / (1 − α) (Leviathan et al.)"),
             bold=True, size=15),
        Text(18.5, 11.0, T("曲线由公式画出；α 是接受率的期望值，\n取决于两个模型有多接近",
                           "Curves drawn from the formula; α, the expected\nacceptance rate, depends on how close "
                           "the two models are"), color="gray", size=14),
    ]


SPEC02 = Figure(
    IMAGES + "20250620SpeculativeDecoding02",
    T("接受规则与每步期望 token 数", "The acceptance rule and the expected tokens per step"),
    T("以概率 min(1, p(x)/q(x)) 接受 x ~ q；否则从 norm(max(0, p − q)) 重新采样",
      "Accept x ~ q with probability min(1, p(x)/q(x)); otherwise resample from norm(max(0, p − q))"),
    rows=12,
    items=(*_toy(), *_expected_tokens()),
)


# ====================================================================== 20250718ContinuousBatching
LENGTHS = (3, 8, 2, 5, 4, 6, 3)
"""Output tokens per request (assumed)."""
SLOT_COUNT, ITERATIONS = 4, 16
REQUEST_COLOURS = ("blue", "green", "orange", "purple", "teal", "pink", "red", "yellow")
Grid = list[list[tuple[int, int] | None]]


def _static_schedule() -> Grid:
    """Request-level batching: a new batch starts only when every request of the old one is done."""
    grid: Grid = [[None] * ITERATIONS for _ in range(SLOT_COUNT)]
    queue, t = list(range(len(LENGTHS))), 0
    while queue and t < ITERATIONS:
        batch, queue = queue[:SLOT_COUNT], queue[SLOT_COUNT:]
        for s, r in enumerate(batch):
            for k in range(min(LENGTHS[r], ITERATIONS - t)):
                grid[s][t + k] = (r, k)
        t += max(LENGTHS[r] for r in batch)
    return grid


def _iteration_schedule() -> Grid:
    """Iteration-level scheduling: a free slot takes the next waiting request at the next iteration."""
    grid: Grid = [[None] * ITERATIONS for _ in range(SLOT_COUNT)]
    queue = list(range(len(LENGTHS)))
    busy: list[tuple[int, int] | None] = [None] * SLOT_COUNT
    for t in range(ITERATIONS):
        for s in range(SLOT_COUNT):
            if busy[s] is None and queue:
                busy[s] = (queue.pop(0), 0)
            if busy[s] is not None:
                r, k = busy[s]
                grid[s][t] = (r, k)
                busy[s] = (r, k + 1) if k + 1 < LENGTHS[r] else None
    return grid


def _schedule_panel(y0: float, name: T, grid: Grid, colour: str) -> list[Item]:
    """Slots × iterations; a dark cell is a request's first iteration, the rounds and idle cells at the right."""
    x0, cell = 3.0, 1.14
    items: list[Item] = [Text(0.8, y0 - 0.45, name, color=colour, bold=True, size=18, anchor="start"),
                         Text(x0 - 0.2, y0 - 0.05, T("第几轮", "iteration"), color="gray", size=12, anchor="end")]
    items += [Text(x0 + t * cell + cell / 2, y0 - 0.05, str(t + 1), color="gray", size=12) for t in range(ITERATIONS)]
    for s, row in enumerate(grid):
        y = y0 + 0.3 + s * 0.8
        items.append(Text(x0 - 0.2, y + 0.35, T(f"槽位 {s + 1}", f"slot {s + 1}"), size=14, anchor="end"))
        for t, state in enumerate(row):
            x = x0 + t * cell + 0.04
            if state is None:
                items.append(Box(x, y + 0.04, cell - 0.08, 0.66, color="#e5e7eb", fill="white", stroke=1, radius=3))
            else:
                r, k = state
                items.append(Box(x, y + 0.04, cell - 0.08, 0.66, f"R{r + 1}", color=REQUEST_COLOURS[r],
                                 fill="solid" if k == 0 else "light", bold=True, size=12, stroke=1, radius=3))
    rounds = max(t + 1 for row in grid for t, state in enumerate(row) if state is not None)
    idle = rounds * SLOT_COUNT - sum(LENGTHS)
    items.append(Text(x0 + ITERATIONS * cell + 0.2, y0 + 1.9, T(f"{rounds} 轮做完\n空转格子\n{idle} 个",
                                                                f"done in {rounds}\niterations,\n{idle} idle cells"),
                      color=colour, bold=True, size=14, anchor="start"))
    return items


CB01 = Figure(
    IMAGES + "20250718ContinuousBatching01",
    T("按请求成批 vs 按迭代调度：同样 7 个请求、4 个槽位（示意）",
      "Request-level batching vs iteration-level scheduling: the same 7 requests, 4 slots"),
    T("按请求成批要等最长的请求；按迭代调度随时补满空槽位",
      "Request-level batching waits for the longest request; iteration-level scheduling refills slots"),
    rows=12.2,
    items=(
        *_schedule_panel(0.9, T("① 按请求成批：整批结束才换下一批", "① Request-level batching: the next batch starts when "
                                "the whole batch is done"), _static_schedule(), "red"),
        *_schedule_panel(5.6, T("② 按迭代调度（Orca）：哪个槽位空了，下一轮就补进新请求",
                                "② Iteration-level scheduling (Orca): a free slot takes a new request at the next "
                                "iteration"), _iteration_schedule(), "green"),
        Box(0.8, 10.0, 22.4, 1.9, color="gray", radius=0),
        Text(12.0, 10.45, T("每个请求要生成的 token 数（假设值）：R1–R7 = 3、8、2、5、4、6、3；深色格 = 该请求的第一轮（含预填充）",
                            "Tokens each request generates (assumed): R1–R7 = 3, 8, 2, 5, 4, 6, 3; a dark cell is the "
                            "request's first iteration (with prefill)"), size=15),
        Text(12.0, 11.1, T("①中短请求做完也不能离开，新请求只能等整批结束；②中每轮结束都可以让请求离开、加入",
                           "In ① a finished request cannot leave and new ones wait for the batch; in ② requests leave "
                           "and join after every iteration"), bold=True, size=15),
    ),
)


def _product(y0: float, rows: float, label: T, notes: tuple[T, T], colour: str) -> list[Item]:
    """X (rows tall in proportion) times the h × h weight matrix, with what it means for weight reuse."""
    return [Box(1.2, y0, 0.6 + rows, 2.2, "X", color=colour, bold=True, size=17, radius=4),
            Text(1.2, y0 + 2.55, label, color=colour, bold=True, size=14, anchor="start"),
            Text(2.5 + rows, y0 + 1.1, "×", size=22),
            Box(3.2 + rows, y0, 2.2, 2.2, "W\nh × h", color="gray", bold=True, size=16, radius=4),
            Text(9.0, y0 + 0.8, notes[0], size=15, anchor="start"),
            Text(9.0, y0 + 1.4, notes[1], color=colour, bold=True, size=15, anchor="start")]


RIDGE = 200.0
"""The schematic roofline's ridge point (FLOP/byte); where it lies depends on the chip."""


def _roof(intensity: float) -> float:
    return min(1000.0, 1000.0 / RIDGE * intensity)


def _roofline() -> list[Item]:
    axes = Axes(15.6, 0.9, 7.6, 7.5, (1, 4096), (1, 1000), xlog=True, ylog=True)
    ridge_x, ridge_y = axes.at(RIDGE, 1000)
    items = axes.frame((1, 16, 256, 4096), (), T("计算强度 I（FLOP/字节，对数）", "Arithmetic intensity I (FLOP/byte, log)"),
                       T("可达性能（对数，示意）", "Attainable performance (log, schematic)"))
    items += [Arrow(axes.at(1, _roof(1)), axes.at(4096, 1000), via=((ridge_x, ridge_y),), color="ink", width=3,
                    head=False),
              Arrow((ridge_x, ridge_y), (ridge_x, axes.y + axes.h), color="gray", width=1.5, head=False),
              Text(ridge_x + 0.12, axes.y + axes.h - 0.4, T("脊点 I*", "ridge I*"), color="gray", size=13, anchor="start")]
    for intensity, label, colour, dx, dy, anchor in (
            (1, T("解码 B = 1", "decode B = 1"), "orange", 0.3, 0.4, "start"),
            (31.5, T("解码 B = 32", "decode B = 32"), "orange", 0.3, 0.4, "start"),
            (1024, T("预填充 T = 2048", "prefill T = 2048"), "blue", 0.0, 0.6, "middle")):
        x, y = axes.at(intensity, _roof(intensity))
        items += [axes.dot(intensity, _roof(intensity), colour),
                  Text(x + dx, y + dy, label, color=colour, bold=True, size=14, anchor=anchor)]
    return items + [
        Text(18.8, 11.0, T("脊点的位置由芯片决定（见 Roofline 一讲）", "The chip sets the ridge point (see the Roofline lesson)"),
             color="gray", size=14),
        Text(18.8, 11.45, T("左边访存受限，右边计算受限", "Memory-bound on the left, compute-bound on the right"), color="gray",
             size=14),
    ]


CB02 = Figure(
    IMAGES + "20250718ContinuousBatching02",
    T("预填充与解码：同一层权重，计算强度相差约三个数量级（示意）",
      "Prefill and decode: same weights, about three orders of magnitude apart in intensity"),
    T("预填充让每个权重乘上很多 token；解码时每个权重只被少数几个 token 复用",
      "Prefill multiplies many tokens by each weight; decode reuses each weight for only a few tokens"),
    rows=12,
    items=(
        Text(0.8, 0.3, T("一层线性变换 Y = X·W，W 为 h×h，FP16", "One linear layer Y = X·W, W is h×h, FP16"), bold=True,
             size=17, anchor="start"),
        *_product(0.9, 3.0, T("预填充：X 有 T 行，T = 提示词长度", "Prefill: X has T rows, T = prompt length"),
                  (T("一次处理全部 T 个位置", "All T positions in one pass"),
                   T("每个权重被复用 T 次", "Each weight is reused T times")), "blue"),
        *_product(4.3, 0.2, T("解码：X 有 B 行，B = 批中请求数", "Decode: X has B rows, B = requests in the batch"),
                  (T("每个请求每步 1 个新 token", "One new token per request per step"),
                   T("每个权重只被复用 B 次", "Each weight is reused only B times")), "orange"),
        Box(0.8, 7.6, 11.5, 3.9, color="gray", radius=0),
        Text(6.55, 8.05, T("计算强度（FLOP/字节），一步处理 T 个 token，FP16：",
                           "Arithmetic intensity (FLOP/byte), T tokens per step, FP16:"), bold=True, size=15),
        Text(6.55, 8.7, T("运算 2·T·h^{2}；读写 2·h^{2}（权重）+ 4·T·h（输入与输出）",
                          "2·T·h^{2} operations; 2·h^{2} (weights) + 4·T·h (in, out) bytes"), size=15),
        Text(6.55, 9.4, T("I = T·h / (h + 2T)，T 远小于 h 时 I ≈ T", "I = T·h / (h + 2T); I ≈ T when T ≪ h"), color="blue",
             bold=True, size=17),
        Text(6.55, 10.05, T("假设 h = 4096：B = 1 时 I ≈ 1，B = 32 时 I ≈ 31.5；T = 2048 时 I = 1024",
                            "Assuming h = 4096: I ≈ 1 at B = 1, I ≈ 31.5 at B = 32; I = 1024 at T = 2048"), size=14),
        Text(6.55, 10.8, T("解码的注意力还要读整段 KV 缓存，\n每个 K/V 元素只服务一个（或一组）查询头",
                           "Decode attention also reads the whole KV cache;\neach K/V element serves one query head "
                           "(or a group)"), color="gray", size=14),
        *_roofline(),
    ),
)


# ====================================================================== 20250815PDDisaggregation
PD_X, PD_UNIT = 4.2, 0.7
DECODE_STEP = T("解", "dec")


def _decode_cells(y: float, steps: Sequence[int]) -> list[Item]:
    """One small box per decode step of the running requests."""
    return [Box(PD_X + t * PD_UNIT + 0.03, y, PD_UNIT - 0.06, 0.7, DECODE_STEP, color="orange", bold=True, size=12,
                stroke=1, radius=3) for t in steps]


PD01 = Figure(
    IMAGES + "20250815PDDisaggregation01",
    T("同置 vs 分离：长预填充打断正在进行的解码（示意）",
      "Colocated vs disaggregated: a long prefill stalls the running decodes (schematic)"),
    T("同置时两个阶段混在一个 GPU 上；分离时每个阶段有自己的 GPU",
      "Colocated serving mixes the phases on one GPU; disaggregated serving gives each phase its own GPUs"),
    rows=11.8,
    items=(
        Text(0.8, 0.5, T("① 同置：一个 GPU 既做预填充也做解码", "① Colocated: one GPU does both prefill and decode"),
             color="red", bold=True, size=18, anchor="start"),
        Text(PD_X - 0.2, 1.45, "GPU", bold=True, size=15, anchor="end"),
        *_decode_cells(1.1, [*range(6), *range(14, 20)]),
        Box(PD_X + 6 * PD_UNIT + 0.03, 1.1, 8 * PD_UNIT - 0.06, 0.7, T("新请求的预填充（长提示词）",
                                                                        "Prefill of a new request (long prompt)"),
            fill="solid", bold=True, size=14, radius=3),
        Arrow((PD_X + 6 * PD_UNIT, 2.3), (PD_X + 14 * PD_UNIT, 2.3), color="red", width=2.5, both=True),
        Text(PD_X + 10 * PD_UNIT, 2.8, T("这段时间里，已在生成的请求一个 token 也拿不到：TPOT 突增",
                                         "Meanwhile the running requests get no token at all: TPOT spikes"),
             color="red", bold=True, size=15),
        Text(PD_X + 20 * PD_UNIT + 0.4, 1.45, T("TTFT：首 token 时间\nTPOT：每个输出 token 的时间",
                                                "TTFT: time to first token\nTPOT: time per output token"),
             size=14, anchor="start"),
        Arrow((0.6, 3.6), (23.4, 3.6), color="#e5e7eb", width=1.5, head=False),
        Text(0.8, 4.2, T("② 分离：预填充 GPU 与解码 GPU 各成一池，按各自的延迟目标配置",
                         "② Disaggregated: prefill and decode GPUs form two pools, each sized for its own latency "
                         "target"), color="green", bold=True, size=18, anchor="start"),
        Text(PD_X - 0.2, 5.25, T("预填充池", "Prefill pool"), color="blue", bold=True, size=15, anchor="end"),
        *(Box(PD_X + start * PD_UNIT + 0.03, 4.9, length * PD_UNIT - 0.06, 0.7,
              T(f"请求 {k + 1} 预填充", f"Request {k + 1} prefill"), fill="solid", bold=True, size=13, radius=3)
          for k, (start, length) in enumerate(((0, 8), (8, 5), (13, 7)))),
        Text(PD_X - 0.2, 7.45, T("解码池", "Decode pool"), color="orange", bold=True, size=15, anchor="end"),
        *_decode_cells(7.1, range(20)),
        *(Arrow((PD_X + end * PD_UNIT - 0.1, 5.65), (PD_X + end * PD_UNIT + 0.15, 7.0), color="red", width=2.5)
          for end in (8, 13, 20)),
        Text(PD_X + 0.1, 6.35, T("每个预填充结束：KV 缓存传给解码池 →", "Each prefill hands its KV cache over →"),
             color="red", bold=True, size=13, anchor="start"),
        Text(PD_X + 10 * PD_UNIT, 8.3, T("解码步不再被打断；两池可以用不同的并行方式和 GPU 数量",
                                         "Decode steps are no longer interrupted; the pools can use different "
                                         "parallelism and GPU counts"), color="green", bold=True, size=15),
        Box(0.8, 9.0, 22.4, 2.4, color="gray", radius=0),
        Text(12.0, 9.5, T("DistServe（OSDI 2024）：按 TTFT、TPOT 目标分别为两个阶段选资源与并行策略，并按集群带宽放置两类实例",
                          "DistServe (OSDI 2024): resources and parallelism per phase from its TTFT and TPOT targets, "
                          "instances placed by cluster bandwidth"), size=15),
        Text(12.0, 10.15, T("Splitwise（ISCA 2024）：提示词阶段计算密集、生成阶段访存密集，两者可以用不同型号、不同功耗上限的机器",
                            "Splitwise (ISCA 2024): the prompt phase is compute-bound, generation memory-bound; they can "
                            "use different machines and power caps"), size=15),
        Text(12.0, 10.8, T("代价：每个请求的 KV 缓存都要跨 GPU（常常跨机器）搬一次",
                           "The cost: every request's KV cache moves across GPUs (often machines) once"),
             color="red", bold=True, size=15),
    ),
)

LAYERS, LAYER_X, LAYER_W = 6, 3.8, 1.2
START_DECODE = T("开始\n解码", "start\ndecode")


def _transfer(top: float, name: T, colour: str, delay: int) -> list[Item]:
    """Layer computations in one row and their KV transfers in the next, each transfer `delay` slots later."""
    def x(slot: int) -> float:
        return LAYER_X + slot * LAYER_W + 0.03

    items: list[Item] = [Text(0.8, top, name, color=colour, bold=True, size=17, anchor="start"),
                         Text(LAYER_X - 0.2, top + 0.8, T("计算", "compute"), size=14, anchor="end"),
                         Text(LAYER_X - 0.2, top + 1.7, T("传输", "transfer"), size=14, anchor="end")]
    for k in range(LAYERS):
        items += [Box(x(k), top + 0.45, LAYER_W - 0.06, 0.7, T(f"层{k + 1}", f"layer {k + 1}"), size=13),
                  Box(x(k + delay), top + 1.35, LAYER_W - 0.06, 0.7, f"KV{k + 1}", color=colour, size=13)]
    end = LAYERS - 1 + delay + 1
    items += [Box(x(end), top + 0.45, 2 * LAYER_W - 0.06, 1.6, START_DECODE, color="orange", bold=True, size=14),
              Arrow((LAYER_X + LAYERS * LAYER_W, top + 2.4), (LAYER_X + end * LAYER_W, top + 2.4), color=colour,
                    width=2.5, both=True)]
    return items


LINKS = (("25 Gb/s", T("DistServe 实验集群的跨节点带宽", "DistServe's test cluster, between nodes"), 25),
         ("200 Gb/s", T("Splitwise 的 DGX-A100 机器间 InfiniBand", "Splitwise's DGX-A100 machines, InfiniBand"), 200),
         ("400 Gb/s", T("Splitwise 的 DGX-H100 机器间 InfiniBand", "Splitwise's DGX-H100 machines, InfiniBand"), 400))
GIB_BITS = 8 * 2 ** 30

PD02 = Figure(
    IMAGES + "20250815PDDisaggregation02",
    T("KV 缓存怎么搬：整体传输 vs 逐层与计算重叠（示意，L = 6 层）",
      "Moving the KV cache: all at once vs layer by layer, overlapped with compute (L = 6)"),
    T("Splitwise 在每层算完后立即发送该层的 KV 缓存，把大部分传输藏进计算",
      "Splitwise sends each layer's KV cache as soon as that layer finishes, hiding most of the transfer"),
    rows=12,
    items=(
        *_transfer(0.4, T("① 整体传输：算完所有层再传", "① All at once: send after every layer is computed"), "red",
                   LAYERS),
        Text(14.6, 3.2, T("整段传输都落在首 token 之后、第二个 token 之前",
                          "The whole transfer falls after the first token and before the second"), color="red", size=14),
        *_transfer(4.2, T("② 逐层传输：第 k 层一算完就发它的 KV，同时算第 k + 1 层",
                          "② Layer by layer: send layer k's KV once it is done, while computing layer k + 1"), "green", 1),
        Text(11.6, 7.0, T("只剩最后一层露在外面", "Only the last layer is exposed"), color="green", size=14),
        Box(15.6, 4.6, 7.6, 2.0, T("Splitwise 实测：逐层传输后，\n没能藏进计算的传输时间约为\nA100 上 8 ms、H100 上 5 ms",
                                   "Splitwise measured: with layer-wise\ntransfer, the part not hidden by compute\n"
                                   "is about 8 ms on A100, 5 ms on H100"), color="green", bold=True, size=15),
        Box(0.8, 7.8, 22.4, 3.8, color="gray", radius=0),
        Text(12.0, 8.25, T("用 α–β 模型粗估一次交接（忽略 α；KV 大小为假设值：KV 缓存一讲的假设模型 512 KiB/token × 2048 token = 1 GiB）",
                           "A rough α–β estimate of one hand-off (α ignored; assumed KV size: the KV-cache lesson's model, "
                           "512 KiB/token × 2048 tokens = 1 GiB)"), bold=True, size=15),
        *(item for k, (bandwidth, source, gbps) in enumerate(LINKS) for item in (
            Text(2.0, 9.0 + k * 0.75, bandwidth, bold=True, size=16, anchor="start"),
            Text(4.8, 9.0 + k * 0.75, source, size=15, anchor="start"),
            Text(17.0, 9.0 + k * 0.75, T(f"1 GiB 需 ≈ {GIB_BITS / (gbps * 1e9) * 1e3:,.1f} ms",
                                         f"1 GiB takes ≈ {GIB_BITS / (gbps * 1e9) * 1e3:,.1f} ms"),
                 color="red" if GIB_BITS / (gbps * 1e9) * 1e3 > 100 else "ink", bold=True, size=16, anchor="start"))),
        Text(12.0, 11.3, T("所以 DistServe 在跨节点带宽低时，把同一流水段的预填充与解码放进同一节点，走 NVLink",
                           "So with little cross-node bandwidth DistServe puts one pipeline stage's prefill and decode in "
                           "one node, over NVLink"), color="gray", size=14),
    ),
)

FIGURES = [SPEC01, SPEC02, CB01, CB02, PD01, PD02]

# ====================================================================== decks
MODULE, CHAPTER = "大模型热点技术剖析", "推理解码加速"
DECKS = [
    Deck("09Newsletters/03Decoding/20250620SpeculativeDecoding.pdf", MODULE, CHAPTER, "推测解码：小模型起草，大模型一次验证",
         "Leviathan 等，ICML 2023，arXiv:2211.17192；Chen 等，arXiv:2302.01318", "课程分享 · 2025-06-20", (
             Bullets("出发点", (
                 "生成 K 个 token 要串行运行 K 次",
                 "小批量解码访存受限：一次验证几个位置，耗时与一个位置相近",
                 "草稿模型 M_{q} 连猜 γ 个，目标模型 M_{p} 一次前向验证 γ + 1 个位置",
                 "每步产出 1 到 γ + 1 个 token",
             )),
             Picture("推测解码的一步", SPEC01, "第一个被拒的位置改从残差分布采样，之后的猜测作废"),
             Bullets("接受规则", (
                 "以概率 min(1, p(x)/q(x)) 接受草稿 token",
                 "拒绝时从 norm(max(0, p − q)) 重新采样",
                 "min(p, q) + max(0, p − q) = p：输出分布与目标模型完全相同",
                 "草稿模型的好坏只影响速度，不影响分布",
             )),
             Picture("接受规则与每步期望 token 数", SPEC02, "E = (1 − α^{γ+1}) / (1 − α)；墙钟加速再除以 (γc + 1)"),
             Bullets("能快多少", (
                 "算例（假设值）：α = 0.8、γ = 4 → 每步约 3.36 个 token",
                 "c = 0.05 时加速约 3.36 / 1.2 ≈ 2.8 倍",
                 "α > c 时存在能加速的 γ；总运算量会增加",
                 "草稿与目标须共用词表；批越大，收益越小（我们的归纳）",
             )),
             Bullets("结果", (
                 "Leviathan 等：T5-XXL 上比 T5X 快 2–3 倍，输出完全相同",
                 "Chen 等：Chinchilla 70B 分布式部署中解码快 2–2.5 倍",
                 "无需重新训练或修改模型结构",
             ), summary=True),
         )),
    Deck("09Newsletters/03Decoding/20250718ContinuousBatching.pdf", MODULE, CHAPTER, "迭代级调度：Orca 与连续批处理",
         "Yu、Jeong、Kim、Kim、Chun，OSDI 2022", "课程分享 · 2025-07-18", (
             Bullets("预填充与解码", (
                 "预填充：整段提示词并行，矩阵乘矩阵，产出首 token 与 KV 缓存",
                 "解码：每轮每个请求一个 token，矩阵乘向量，访存受限",
                 "一步处理 T 个 token：I = T·h / (h + 2T) ≈ T（T 远小于 h）",
                 "提高解码计算强度的办法：让更多请求一起解码",
             )),
             Picture("计算强度相差约三个数量级", CB02, "假设 h = 4096：B = 1 时 I ≈ 1，B = 32 时 ≈ 31.5，T = 2048 的预填充为 1024"),
             Picture("按请求成批 vs 按迭代调度", CB01, "同样 7 个请求（长度为假设值）：14 轮、空转 25 格 vs 9 轮、空转 5 格"),
             Bullets("Orca 的两项技术", (
                 "迭代级调度：每次只跑一轮，完成的请求立即返回，空位下一轮补进",
                 "选择性批处理：线性层、层归一化等把所有 token 摊平一起算",
                 "注意力要用各自的 KV 缓存，按请求拆开计算",
                 "与 PagedAttention 互补：一个管调度，一个管显存",
             )),
             Bullets("结果与遗留问题", (
                 "论文摘要：GPT-3 175B 上，相同延迟下吞吐为 FasterTransformer 的 36.9 倍",
                 "同一轮混合预填充与解码：长预填充会拖慢正在解码的请求",
                 "下一讲：把两个阶段放到不同 GPU 上",
             ), summary=True),
         )),
    Deck("09Newsletters/03Decoding/20250815PDDisaggregation.pdf", MODULE, CHAPTER, "预填充与解码分离：DistServe 与 Splitwise",
         "Zhong 等，OSDI 2024，arXiv:2401.09670；Patel 等，ISCA 2024，arXiv:2311.18677", "课程分享 · 2025-08-15", (
             Picture("同置 vs 分离", PD01, "TTFT 由预填充决定，TPOT 由解码决定"),
             Bullets("DistServe", (
                 "同置的问题：两阶段互相干扰，且只能共用一套资源与并行方案",
                 "按 TTFT、TPOT 目标分别为两阶段搜索资源与并行策略，按带宽放置",
                 "实验集群：4 节点 32 块 A100-80GB，节点内 NVLink，跨节点 25 Gbps",
                 "同一流水段的预填充与解码放进同一节点，KV 只走 NVLink",
                 "论文摘要：请求量 7.4 倍或延迟目标收紧 12.6 倍（> 90% 请求达标）",
             )),
             Bullets("Splitwise", (
                 "提示词阶段计算密集，生成阶段访存密集，不需要最新 GPU 的算力",
                 "提示词机器池与 token 机器池独立配置，可混用 H100 与 A100",
                 "KV 缓存经 InfiniBand 传输（A100 机器 200 Gbps，H100 机器 400 Gbps）",
                 "论文摘要：低 20% 成本下吞吐 1.4 倍；同功耗同成本下吞吐 2.35 倍",
             )),
             Picture("KV 缓存怎么搬", PD02, "逐层传输：未被掩盖的时间 A100 约 8 ms、H100 约 5 ms（Splitwise）"),
             Bullets("要点", (
                 "分离消除两阶段干扰，让各自按延迟目标配置",
                 "代价：每个请求的 KV 缓存跨 GPU 搬一次，点对点通信",
                 "α–β 粗估（假设 1 GiB）：25 Gbps 约 344 ms，400 Gbps 约 21 ms",
                 "GQA/MQA 缩小 KV 缓存，也缩小交接的数据量",
             ), summary=True),
         )),
]
