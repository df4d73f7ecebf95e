"""Figures and slide decks of 09Newsletters/03Decoding (推理解码加速 / Faster decoding).

Loaded by registry.py, which puts scripts/figures on sys.path first. Three talks: speculative decoding
(Leviathan et al., arXiv:2211.17192; Chen et al., arXiv:2302.01318), iteration-level scheduling (Orca,
Yu et al., OSDI 2022) and prefill/decode disaggregation (DistServe, arXiv:2401.09670; Splitwise,
arXiv:2311.18677). Every diagram is schematic (示意); toy distributions, request lengths, sizes and
link speeds marked as assumptions are ours, and the curves are drawn from the papers' formulas.
"""

from __future__ import annotations

from figlib import (
    BLUE, BLUE_L, GRAY, GRAY_L, GREEN, GREEN_L, GRID, INK, MUTED, ORANGE, ORANGE_L,
    PINK, PINK_L, PURPLE, PURPLE_L, RED, RED_L, TEAL, TEAL_L, WHITE, YELLOW, YELLOW_L,
    Axes, Canvas,
)

W = 2400  # every figure is 2,400 px wide
BASE = "09Newsletters/03Decoding/images/"


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


# ====================================================================== 20250620SpeculativeDecoding
def fig_spec01(path):
    """One speculative step: gamma cheap draft tokens, one parallel target pass, accept a prefix."""
    c = Canvas(W, 1400)
    title(c, "推测解码的一步：小模型连猜 γ 个，大模型一次前向并行验证（示意，γ = 4）",
          "A small draft model proposes γ tokens one by one; the target model scores all γ+1 positions in one pass")
    lx = 120
    # time axis
    c.arrow(lx + 300, 1010, 2300, 1010, color=MUTED, width=4, head=24)
    c.text(2300, 1050, "时间", size=30, color=MUTED, anchor="rm")
    # draft row
    c.text(lx, 300, "草稿模型 M_{q}\n（小、快）", size=32, bold=True, anchor="lm", color=PURPLE)
    for k in range(4):
        x = lx + 330 + k * 190
        c.box(x, 250, 170, 100, f"猜 x_{{{k + 1}}}", fill=PURPLE_L, outline=PURPLE, size=32, bold=True)
        if k < 3:
            c.arrow(x + 172, 300, x + 188, 300, color=PURPLE, width=4, head=14)
    c.text(lx + 330 + 2 * 190 - 10, 395, "串行 γ 次，每次都很便宜", size=28, color=PURPLE)
    # target row
    c.text(lx, 560, "目标模型 M_{p}\n（大、慢）", size=32, bold=True, anchor="lm", color=BLUE)
    tx = lx + 330 + 4 * 190 + 40
    c.box(tx, 480, 820, 160, "一次前向：对前缀 + x_{1}…x_{4} 的 γ + 1 个位置\n同时给出目标分布 p_{1} … p_{5}",
          fill=BLUE_L, outline=BLUE, size=32, bold=True)
    c.arrow(lx + 330 + 3 * 190 + 172, 340, tx + 10, 490, color=INK, width=4, head=20)
    # verification row
    c.text(tx - 20, 700, "逐个核对（从左到右）", size=30, bold=True, anchor="lm", color=INK)
    verdict = [("x_{1}", "接受", GREEN, GREEN_L), ("x_{2}", "接受", GREEN, GREEN_L),
               ("x_{3}", "拒绝", RED, RED_L), ("x_{4}", "丢弃", GRAY, GRAY_L)]
    for k, (tok, word, col, light) in enumerate(verdict):
        x = tx + k * 205
        c.box(x, 720, 185, 120, f"{tok}\n{word}", fill=light, outline=col, size=30, bold=True,
              color=col if col != GRAY else MUTED)
    c.arrow(tx + 600, 650, tx + 600, 712, color=INK, width=4, head=18)
    c.box(tx + 2 * 205, 860, 185, 110, "改采 y\n来自残差分布", fill=YELLOW_L, outline=YELLOW, size=26,
          bold=True)
    c.arrow(tx + 2 * 205 + 92, 842, tx + 2 * 205 + 92, 858, color=YELLOW, width=4, head=14)
    # comparison: plain decoding of the same 3 tokens
    c.rect(lx + 305, 655, 790, 260, fill=GRAY_L, outline=GRID, width=2, radius=14)
    c.text(lx + 330, 690, "对比：普通解码得到同样 3 个 token", size=28, color=MUTED, anchor="lm")
    for k in range(3):
        c.box(lx + 330 + k * 250, 730, 230, 100, f"M_{{p}} 前向 {k + 1}", fill=WHITE, outline=BLUE,
              size=28, color=BLUE)
    c.text(lx + 330 + 370, 870, "目标模型要前向 3 次，每次都读一遍全部权重", size=28, color=MUTED)
    c.text(tx + 410, 1090, "本步产出 3 个 token：x_{1}、x_{2}、y（目标模型只前向了 1 次）", size=32,
           bold=True, color=GREEN)
    # side notes
    c.rect(120, 1160, 2180, 200, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1210, 1210, "第一个被拒的位置之后全部作废；若 γ 个全被接受，再用 p_{γ+1} 免费多采一个，本步得到 γ + 1 个",
           size=32)
    c.text(1210, 1280, "每步产出 1 到 γ + 1 个 token；接受规则保证输出分布与只用目标模型逐个采样完全相同",
           size=32, bold=True)
    c.save(path)


def fig_spec02(path):
    """Left: the acceptance rule on a toy distribution. Right: expected tokens per step."""
    c = Canvas(W, 1400)
    title(c, "接受规则与每步期望 token 数",
          "Accept x ~ q with probability min(1, p(x)/q(x)); otherwise resample from norm(max(0, p − q))")
    # ---------------- left panel: toy distributions (assumed values)
    vocab = ["A", "B", "C", "D", "E"]
    p = [0.40, 0.25, 0.15, 0.15, 0.05]
    q = [0.30, 0.40, 0.10, 0.10, 0.10]
    c.text(600, 230, "玩具分布（假设值，5 个词）", size=36, bold=True)
    base, scale = 790, 1000
    for k, v in enumerate(vocab):
        x = 140 + k * 200
        c.rect(x, base - q[k] * scale, 70, q[k] * scale, fill=PURPLE, radius=4)
        c.rect(x + 78, base - p[k] * scale, 70, p[k] * scale, fill=BLUE, radius=4)
        c.text(x + 74, base + 35, v, size=32, bold=True)
        acc = min(1.0, p[k] / q[k])
        c.text(x + 74, base + 95, f"{acc:.3g}".rstrip("0").rstrip(".") if acc < 1 else "1", size=30,
               color=GREEN, bold=True)
        res = max(0.0, p[k] - q[k])
        c.text(x + 74, base + 155, f"{res / 0.2:.2g}" if res else "0", size=30, color=ORANGE, bold=True)
    c.line([(120, base), (1100, base)], INK, 3)
    c.rect(150, 300, 40, 30, fill=PURPLE, radius=4)
    c.text(200, 315, "草稿分布 q", size=28, anchor="lm")
    c.rect(420, 300, 40, 30, fill=BLUE, radius=4)
    c.text(470, 315, "目标分布 p", size=28, anchor="lm")
    c.text(20, base + 95, "接受概率", size=26, color=GREEN, anchor="lm", bold=True)
    c.text(20, base + 155, "残差分布", size=26, color=ORANGE, anchor="lm", bold=True)
    c.rect(80, 1030, 1060, 320, fill=GRAY_L, outline=GRAY, width=3)
    c.text(610, 1080, "β = Σ min(p, q) = 0.80：猜的词被接受的总概率", size=30, bold=True)
    c.text(610, 1140, "被拒的概率 0.20 按残差 max(0, p − q) 重新分配", size=30)
    c.text(610, 1200, "核对：P(输出 A) = 0.30 × 1 + 0.20 × 0.5 = 0.40 = p(A)", size=30)
    c.text(610, 1260, "P(输出 B) = 0.40 × 0.625 = 0.25 = p(B)，其余同理", size=30)
    c.text(610, 1315, "（残差已归一化：除以 0.20）", size=26, color=MUTED)

    # ---------------- right panel: expected tokens per step
    ax = Axes(c, 1430, 260, 840, 820, (0.0, 1.0), (1.0, 9.0))
    xt = [(0.0, "0"), (0.2, "0.2"), (0.4, "0.4"), (0.6, "0.6"), (0.8, "0.8"), (1.0, "1")]
    yt = [(1, "1"), (3, "3"), (5, "5"), (7, "7"), (9, "9")]
    ax.frame(xt, yt, "期望接受率 α", "每步期望产出的 token 数", size=30)
    cols = [GREEN, TEAL, BLUE, PURPLE]
    for g, col in zip((1, 2, 4, 8), cols):
        ax.curve(lambda a, g=g: (1 - a ** (g + 1)) / (1 - a) if a < 0.9999 else g + 1, 0.0, 0.999,
                 col, width=6)
        X, Y = ax.px(0.999, g + 1)
        c.text(X + 15, Y, f"γ = {g}", size=30, color=col, bold=True, anchor="lm")
    X, Y = ax.px(0.8, (1 - 0.8 ** 5) / 0.2)
    c.circle(X, Y, 12, fill=RED)
    TX, TY = ax.px(0.12, 6.2)
    c.text(TX, TY, "α = 0.8、γ = 4：\n每步约 3.36 个", size=28, color=RED, bold=True, anchor="lm")
    c.arrow(TX + 200, TY + 50, X - 14, Y - 10, color=RED, width=3, head=18)
    c.text(1850, 215, "E = (1 − α^{γ+1}) / (1 − α)（Leviathan 等）", size=30, bold=True)
    c.text(1850, 1300, "曲线由公式画出；α 是接受率的期望值，取决于两个模型有多接近", size=28,
           color=MUTED)
    c.save(path)


# ====================================================================== 20250718ContinuousBatching
def _static_schedule(lengths, slots, iters):
    """Request-level batching: a new batch starts only when every request of the old one is done."""
    grid = [[None] * iters for _ in range(slots)]
    queue = list(range(len(lengths)))
    t = 0
    while queue and t < iters:
        batch = queue[:slots]
        queue = queue[slots:]
        span = max(lengths[r] for r in batch)
        for s, r in enumerate(batch):
            for k in range(lengths[r]):
                if t + k < iters:
                    grid[s][t + k] = (r, k)
        t += span
    return grid


def _iteration_schedule(lengths, slots, iters):
    """Iteration-level scheduling: a free slot takes the next waiting request at the next iteration."""
    grid = [[None] * iters for _ in range(slots)]
    queue = list(range(len(lengths)))
    busy = [None] * slots  # (request, tokens done)
    for t in range(iters):
        for s in range(slots):
            if busy[s] is None and queue:
                busy[s] = (queue.pop(0), 0)
        for s in range(slots):
            if busy[s] is not None:
                r, k = busy[s]
                grid[s][t] = (r, k)
                busy[s] = (r, k + 1) if k + 1 < lengths[r] else None
    return grid


REQ_COLORS = [BLUE, GREEN, ORANGE, PURPLE, TEAL, PINK, RED, YELLOW]
REQ_LIGHT = [BLUE_L, GREEN_L, ORANGE_L, PURPLE_L, TEAL_L, PINK_L, RED_L, YELLOW_L]


def fig_cb01(path):
    """Request-level vs iteration-level scheduling on the same queue of 7 requests."""
    lengths = [3, 8, 2, 5, 4, 6, 3]  # output tokens per request (assumed)
    slots, iters = 4, 16
    c = Canvas(W, 1420)
    title(c, "按请求成批 vs 按迭代调度：同样 7 个请求、4 个槽位（示意）",
          "Request-level batching waits for the longest request; iteration-level scheduling refills slots")
    cell, x0 = 118, 300

    def panel(y0, name, grid, col):
        c.text(80, y0 - 45, name, size=36, bold=True, anchor="lm", color=col)
        c.text(x0 - 20, y0 - 5, "第几轮", size=24, color=MUTED, anchor="rm")
        for t in range(iters):
            c.text(x0 + t * cell + cell / 2, y0 - 5, str(t + 1), size=24, color=MUTED)
        used = 0
        last = 0
        for s in range(slots):
            c.text(x0 - 20, y0 + 30 + s * 80 + 35, f"槽位 {s + 1}", size=28, anchor="rm")
            for t in range(iters):
                x, y = x0 + t * cell, y0 + 30 + s * 80
                cellv = grid[s][t]
                if cellv is None:
                    c.rect(x + 4, y + 4, cell - 8, 66, fill=WHITE, outline=GRID, width=2, radius=6)
                    continue
                r, k = cellv
                used += 1
                last = max(last, t + 1)
                fill = REQ_COLORS[r] if k == 0 else REQ_LIGHT[r]
                c.rect(x + 4, y + 4, cell - 8, 66, fill=fill, outline=REQ_COLORS[r], width=2, radius=6)
                c.text(x + cell / 2, y + 37, f"R{r + 1}", size=24, bold=True,
                       color=WHITE if k == 0 else INK)
        return used, last

    g1 = _static_schedule(lengths, slots, iters)
    used1, last1 = panel(290, "① 按请求成批：整批结束才换下一批", g1, RED)
    g2 = _iteration_schedule(lengths, slots, iters)
    used2, last2 = panel(760, "② 按迭代调度（Orca）：哪个槽位空了，下一轮就补进新请求", g2, GREEN)
    total = sum(lengths)
    c.text(x0 + iters * cell + 20, 290 + 190, f"{last1} 轮做完\n空转格子\n{last1 * slots - total} 个",
           size=28, color=RED, bold=True, anchor="lm")
    c.text(x0 + iters * cell + 20, 760 + 190, f"{last2} 轮做完\n空转格子\n{last2 * slots - total} 个",
           size=28, color=GREEN, bold=True, anchor="lm")
    c.rect(80, 1200, 2240, 190, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1245, "每个请求要生成的 token 数（假设值）：R1–R7 = 3、8、2、5、4、6、3；"
           "深色格 = 该请求的第一轮（含预填充）", size=30)
    c.text(1200, 1310, "①中短请求做完也不能离开，新请求只能等整批结束；②中每轮结束都可以让请求离开、加入",
           size=30, bold=True)
    c.save(path)


def fig_cb02(path):
    """Prefill is matrix-matrix, decode is matrix-vector: arithmetic intensity and a schematic roofline."""
    c = Canvas(W, 1400)
    title(c, "预填充与解码：同一层权重，计算强度相差约三个数量级（示意）",
          "Prefill multiplies many tokens by each weight; decode reuses each weight for only a few tokens")
    c.text(80, 230, "一层线性变换 Y = X·W，W 为 h×h，FP16", size=34, bold=True, anchor="lm")

    def shapes(y0, rows, label, note, col, light):
        c.rect(120, y0, 60 + rows, 220, fill=light, outline=col, width=3, radius=8)
        c.text(150 + rows / 2, y0 + 110, "X", size=34, bold=True)
        c.text(120, y0 + 255, label, size=28, color=col, bold=True, anchor="lm")
        c.text(230 + rows + 20, y0 + 110, "×", size=44)
        c.rect(300 + rows + 20, y0, 220, 220, fill=GRAY_L, outline=GRAY, width=3, radius=8)
        c.text(410 + rows + 20, y0 + 110, "W\nh × h", size=32, bold=True)
        c.text(900, y0 + 80, note[0], size=30, anchor="lm")
        c.text(900, y0 + 140, note[1], size=30, anchor="lm", bold=True, color=col)

    shapes(290, 300, "预填充：X 有 T 行，T = 提示词长度", ("一次处理全部 T 个位置", "每个权重被复用 T 次"),
           BLUE, BLUE_L)
    shapes(630, 20, "解码：X 有 B 行，B = 批中请求数", ("每个请求每步 1 个新 token", "每个权重只被复用 B 次"),
           ORANGE, ORANGE_L)
    c.rect(80, 960, 1150, 390, fill=GRAY_L, outline=GRAY, width=3)
    c.text(655, 1005, "计算强度（FLOP/字节），一步处理 T 个 token，FP16：", size=30, bold=True)
    c.text(655, 1070, "运算 2·T·h^{2}；读写 2·h^{2}（权重）+ 4·T·h（输入与输出）", size=30)
    c.text(655, 1140, "I = T·h / (h + 2T)，T 远小于 h 时 I ≈ T", size=34, bold=True, color=BLUE)
    c.text(655, 1210, "假设 h = 4096：B = 1 时 I ≈ 1，B = 32 时 I ≈ 31.5；T = 2048 时 I = 1024", size=28)
    c.text(655, 1275, "解码的注意力还要读整段 KV 缓存，每个 K/V 元素只服务一个（或一组）查询头", size=28,
           color=MUTED)
    # right: schematic roofline
    ax = Axes(c, 1560, 260, 760, 780, (1, 4096), (1, 1000), xlog=True, ylog=True)
    ax.frame([(1, "1"), (16, "16"), (256, "256"), (4096, "4096")], [], "计算强度 I（FLOP/字节，对数）",
             "可达性能（对数，示意）", size=28)
    ridge = 200.0

    def roof(i):
        return min(1000.0, 1000.0 / ridge * i)

    ax.curve(roof, 1, 4096, INK, width=6)
    X, Y = ax.px(ridge, 1000)
    c.line([(X, Y), (X, ax.y + ax.h)], MUTED, 3, dash=(14, 10))
    c.text(X + 12, ax.y + ax.h - 40, "脊点 I*", size=26, color=MUTED, anchor="lm")
    for i, lab, col, dx, dy, anc in [(1, "解码 B = 1", ORANGE, 25, -50, "lm"),
                                     (31.5, "解码 B = 32", ORANGE, 25, -50, "lm"),
                                     (1024, "预填充 T = 2048", BLUE, 0, 60, "mm")]:
        X, Y = ax.px(i, roof(i))
        c.circle(X, Y, 14, fill=col)
        c.text(X + dx, Y + dy, lab, size=28, color=col, bold=True, anchor=anc)
    c.text(1880, 1300, "脊点的位置由芯片决定（见 Roofline 一讲）", size=28, color=MUTED)
    c.text(1880, 1345, "左边访存受限，右边计算受限", size=28, color=MUTED)
    c.save(path)


# ====================================================================== 20250815PDDisaggregation
def fig_pd01(path):
    """Colocated: a long prefill stalls running decodes. Disaggregated: two pools, one KV hand-off."""
    c = Canvas(W, 1380)
    title(c, "同置 vs 分离：长预填充打断正在进行的解码（示意）",
          "Colocated serving mixes the phases on one GPU; disaggregated serving gives each phase its own GPUs")
    x0, unit = 420, 70
    c.text(80, 250, "① 同置：一个 GPU 既做预填充也做解码", size=36, bold=True, anchor="lm", color=RED)
    c.text(x0 - 20, 345, "GPU", size=30, bold=True, anchor="rm")
    seq = ["d"] * 6 + ["P"] * 8 + ["d"] * 6
    x = x0
    for kind in seq:
        if kind == "d":
            c.rect(x + 3, 310, unit - 6, 70, fill=ORANGE_L, outline=ORANGE, width=2, radius=6)
            c.text(x + unit / 2, 345, "解", size=24, color=ORANGE, bold=True)
        x += unit
    c.rect(x0 + 6 * unit + 3, 310, 8 * unit - 6, 70, fill=BLUE, radius=6)
    c.text(x0 + 6 * unit + 4 * unit, 345, "新请求的预填充（长提示词）", size=28, color=WHITE, bold=True)
    c.arrow(x0 + 6 * unit, 430, x0 + 14 * unit, 430, color=RED, width=5, head=22, both=True)
    c.text(x0 + 10 * unit, 480, "这段时间里，已在生成的请求一个 token 也拿不到：TPOT 突增", size=30,
           color=RED, bold=True)
    c.text(x0 + 20 * unit + 40, 345, "TTFT：首 token 时间\nTPOT：每个输出 token 的时间", size=28,
           anchor="lm", color=INK)

    c.line([(60, 560), (2340, 560)], GRID, 3)
    c.text(80, 620, "② 分离：预填充 GPU 与解码 GPU 各成一池，按各自的延迟目标配置", size=36, bold=True,
           anchor="lm", color=GREEN)
    c.text(x0 - 20, 725, "预填充池", size=30, bold=True, anchor="rm", color=BLUE)
    for k, (start, ln) in enumerate([(0, 8), (8, 5), (13, 7)]):
        c.rect(x0 + start * unit + 3, 690, ln * unit - 6, 70, fill=BLUE, radius=6)
        c.text(x0 + (start + ln / 2) * unit, 725, f"请求 {k + 1} 预填充", size=26, color=WHITE, bold=True)
    c.text(x0 - 20, 945, "解码池", size=30, bold=True, anchor="rm", color=ORANGE)
    for t in range(20):
        c.rect(x0 + t * unit + 3, 910, unit - 6, 70, fill=ORANGE_L, outline=ORANGE, width=2, radius=6)
        c.text(x0 + t * unit + unit / 2, 945, "解", size=24, color=ORANGE, bold=True)
    for end in (8, 13, 20):
        xe = x0 + end * unit - 10
        c.arrow(xe, 765, xe + 25, 900, color=RED, width=5, head=22)
    c.text(x0 + 10, 835, "每个预填充结束：KV 缓存传给解码池 →", size=28, color=RED, bold=True,
           anchor="lm")
    c.text(x0 + 10 * unit, 1030, "解码步不再被打断；两池可以用不同的并行方式和 GPU 数量", size=30,
           color=GREEN, bold=True)
    c.rect(80, 1100, 2240, 240, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1150, "DistServe（OSDI 2024）：按 TTFT、TPOT 目标分别为两个阶段选资源与并行策略，"
           "并按集群带宽放置两类实例", size=30)
    c.text(1200, 1215, "Splitwise（ISCA 2024）：提示词阶段计算密集、生成阶段访存密集，"
           "两者可以用不同型号、不同功耗上限的机器", size=30)
    c.text(1200, 1280, "代价：每个请求的 KV 缓存都要跨 GPU（常常跨机器）搬一次", size=30, bold=True,
           color=RED)
    c.save(path)


def fig_pd02(path):
    """Serialized vs layer-wise KV transfer, and alpha-beta estimates of the hand-off time."""
    c = Canvas(W, 1400)
    title(c, "KV 缓存怎么搬：整体传输 vs 逐层与计算重叠（示意，L = 6 层）",
          "Splitwise sends each layer's KV cache as soon as that layer finishes, hiding most of the transfer")
    x0, u = 380, 120
    layers = 6
    c.text(80, 240, "① 整体传输：算完所有层再传", size=34, bold=True, anchor="lm", color=RED)
    c.text(x0 - 20, 320, "计算", size=28, anchor="rm")
    c.text(x0 - 20, 410, "传输", size=28, anchor="rm")
    for k in range(layers):
        c.box(x0 + k * u + 3, 285, u - 6, 70, f"层{k + 1}", fill=BLUE_L, outline=BLUE, size=26)
        c.box(x0 + (layers + k) * u + 3, 375, u - 6, 70, f"KV{k + 1}", fill=RED_L, outline=RED, size=26)
    c.box(x0 + 2 * layers * u + 3, 285, 2 * u - 6, 160, "开始\n解码", fill=ORANGE_L, outline=ORANGE,
          size=28, bold=True)
    c.arrow(x0 + layers * u, 480, x0 + 2 * layers * u, 480, color=RED, width=5, head=22, both=True)
    c.text(x0 + 1.5 * layers * u, 520, "整段传输都落在首 token 之后、第二个 token 之前", size=28,
           color=RED)

    c.text(80, 620, "② 逐层传输：第 k 层一算完就发它的 KV，同时算第 k + 1 层", size=34, bold=True,
           anchor="lm", color=GREEN)
    c.text(x0 - 20, 700, "计算", size=28, anchor="rm")
    c.text(x0 - 20, 790, "传输", size=28, anchor="rm")
    for k in range(layers):
        c.box(x0 + k * u + 3, 665, u - 6, 70, f"层{k + 1}", fill=BLUE_L, outline=BLUE, size=26)
        c.box(x0 + (k + 1) * u + 3, 755, u - 6, 70, f"KV{k + 1}", fill=GREEN_L, outline=GREEN, size=26)
    c.box(x0 + (layers + 1) * u + 3, 665, 2 * u - 6, 160, "开始\n解码", fill=ORANGE_L, outline=ORANGE,
          size=28, bold=True)
    c.arrow(x0 + layers * u, 860, x0 + (layers + 1) * u, 860, color=GREEN, width=5, head=18, both=True)
    c.text(x0 + (layers + 0.5) * u, 900, "只剩最后一层露在外面", size=28, color=GREEN)
    c.rect(1560, 660, 760, 200, fill=GREEN_L, outline=GREEN, width=3, radius=16)
    c.text(1940, 760, "Splitwise 实测：逐层传输后，\n没能藏进计算的传输时间约为\nA100 上 8 ms、H100 上 5 ms",
           size=30, color=INK, bold=True)

    # alpha-beta estimates
    c.rect(80, 980, 2240, 380, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1025, "用 α–β 模型粗估一次交接（忽略 α；KV 大小为假设值：KV 缓存一讲的假设模型 512 KiB/token × 2048 token = 1 GiB）",
           size=30, bold=True)
    rows = [("25 Gb/s", "DistServe 实验集群的跨节点带宽", 25),
            ("200 Gb/s", "Splitwise 的 DGX-A100 机器间 InfiniBand", 200),
            ("400 Gb/s", "Splitwise 的 DGX-H100 机器间 InfiniBand", 400)]
    gib_bits = 8 * 2 ** 30
    for k, (bw, src, gbps) in enumerate(rows):
        y = 1100 + k * 75
        t_ms = gib_bits / (gbps * 1e9) * 1e3
        c.text(200, y, bw, size=32, bold=True, anchor="lm")
        c.text(480, y, src, size=30, anchor="lm")
        c.text(1700, y, f"1 GiB 需 ≈ {t_ms:,.1f} ms", size=32, bold=True, anchor="lm",
               color=RED if t_ms > 100 else INK)
    c.text(1200, 1330, "所以 DistServe 在跨节点带宽低时，把同一流水段的预填充与解码放进同一节点，走 NVLink",
           size=28, color=MUTED)
    c.save(path)


# ====================================================================== registry
FIGURES = {
    BASE + "20250620SpeculativeDecoding01.png": fig_spec01,
    BASE + "20250620SpeculativeDecoding02.png": fig_spec02,
    BASE + "20250718ContinuousBatching01.png": fig_cb01,
    BASE + "20250718ContinuousBatching02.png": fig_cb02,
    BASE + "20250815PDDisaggregation01.png": fig_pd01,
    BASE + "20250815PDDisaggregation02.png": fig_pd02,
}


# ====================================================================== decks
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


_MODULE = "大模型热点技术剖析"
_CHAPTER = "推理解码加速"

DECKS: list[dict] = [
    {
        "path": "09Newsletters/03Decoding/20250620SpeculativeDecoding.pdf",
        "module": _MODULE, "chapter": _CHAPTER,
        "title": "推测解码：小模型起草，大模型一次验证",
        "subtitle": "Leviathan 等，ICML 2023，arXiv:2211.17192；Chen 等，arXiv:2302.01318",
        "tag": "课程分享 · 2025-06-20",
        "slides": [
            ("bullets", "出发点", [
                "生成 K 个 token 要串行运行 K 次",
                "小批量解码访存受限：一次验证几个位置，耗时与一个位置相近",
                "草稿模型 M_{q} 连猜 γ 个，目标模型 M_{p} 一次前向验证 γ + 1 个位置",
                "每步产出 1 到 γ + 1 个 token",
            ]),
            ("figure", "推测解码的一步", _img("20250620SpeculativeDecoding", 1),
             "第一个被拒的位置改从残差分布采样，之后的猜测作废"),
            ("bullets", "接受规则", [
                "以概率 min(1, p(x)/q(x)) 接受草稿 token",
                "拒绝时从 norm(max(0, p − q)) 重新采样",
                "min(p, q) + max(0, p − q) = p：输出分布与目标模型完全相同",
                "草稿模型的好坏只影响速度，不影响分布",
            ]),
            ("figure", "接受规则与每步期望 token 数", _img("20250620SpeculativeDecoding", 2),
             "E = (1 − α^{γ+1}) / (1 − α)；墙钟加速再除以 (γc + 1)"),
            ("bullets", "能快多少", [
                "算例（假设值）：α = 0.8、γ = 4 → 每步约 3.36 个 token",
                "c = 0.05 时加速约 3.36 / 1.2 ≈ 2.8 倍",
                "α > c 时存在能加速的 γ；总运算量会增加",
                "草稿与目标须共用词表；批越大，收益越小（我们的归纳）",
            ]),
            ("summary", "结果", [
                "Leviathan 等：T5-XXL 上比 T5X 快 2–3 倍，输出完全相同",
                "Chen 等：Chinchilla 70B 分布式部署中解码快 2–2.5 倍",
                "无需重新训练或修改模型结构",
            ]),
        ],
    },
    {
        "path": "09Newsletters/03Decoding/20250718ContinuousBatching.pdf",
        "module": _MODULE, "chapter": _CHAPTER,
        "title": "迭代级调度：Orca 与连续批处理",
        "subtitle": "Yu、Jeong、Kim、Kim、Chun，OSDI 2022",
        "tag": "课程分享 · 2025-07-18",
        "slides": [
            ("bullets", "预填充与解码", [
                "预填充：整段提示词并行，矩阵乘矩阵，产出首 token 与 KV 缓存",
                "解码：每轮每个请求一个 token，矩阵乘向量，访存受限",
                "一步处理 T 个 token：I = T·h / (h + 2T) ≈ T（T 远小于 h）",
                "提高解码计算强度的办法：让更多请求一起解码",
            ]),
            ("figure", "计算强度相差约三个数量级", _img("20250718ContinuousBatching", 2),
             "假设 h = 4096：B = 1 时 I ≈ 1，B = 32 时 ≈ 31.5，T = 2048 的预填充为 1024"),
            ("figure", "按请求成批 vs 按迭代调度", _img("20250718ContinuousBatching", 1),
             "同样 7 个请求（长度为假设值）：14 轮、空转 25 格 vs 9 轮、空转 5 格"),
            ("bullets", "Orca 的两项技术", [
                "迭代级调度：每次只跑一轮，完成的请求立即返回，空位下一轮补进",
                "选择性批处理：线性层、层归一化等把所有 token 摊平一起算",
                "注意力要用各自的 KV 缓存，按请求拆开计算",
                "与 PagedAttention 互补：一个管调度，一个管显存",
            ]),
            ("summary", "结果与遗留问题", [
                "论文摘要：GPT-3 175B 上，相同延迟下吞吐为 FasterTransformer 的 36.9 倍",
                "同一轮混合预填充与解码：长预填充会拖慢正在解码的请求",
                "下一讲：把两个阶段放到不同 GPU 上",
            ]),
        ],
    },
    {
        "path": "09Newsletters/03Decoding/20250815PDDisaggregation.pdf",
        "module": _MODULE, "chapter": _CHAPTER,
        "title": "预填充与解码分离：DistServe 与 Splitwise",
        "subtitle": "Zhong 等，OSDI 2024，arXiv:2401.09670；Patel 等，ISCA 2024，arXiv:2311.18677",
        "tag": "课程分享 · 2025-08-15",
        "slides": [
            ("figure", "同置 vs 分离", _img("20250815PDDisaggregation", 1),
             "TTFT 由预填充决定，TPOT 由解码决定"),
            ("bullets", "DistServe", [
                "同置的问题：两阶段互相干扰，且只能共用一套资源与并行方案",
                "按 TTFT、TPOT 目标分别为两阶段搜索资源与并行策略，按带宽放置",
                "实验集群：4 节点 32 块 A100-80GB，节点内 NVLink，跨节点 25 Gbps",
                "同一流水段的预填充与解码放进同一节点，KV 只走 NVLink",
                "论文摘要：请求量 7.4 倍或延迟目标收紧 12.6 倍（> 90% 请求达标）",
            ]),
            ("bullets", "Splitwise", [
                "提示词阶段计算密集，生成阶段访存密集，不需要最新 GPU 的算力",
                "提示词机器池与 token 机器池独立配置，可混用 H100 与 A100",
                "KV 缓存经 InfiniBand 传输（A100 机器 200 Gbps，H100 机器 400 Gbps）",
                "论文摘要：低 20% 成本下吞吐 1.4 倍；同功耗同成本下吞吐 2.35 倍",
            ]),
            ("figure", "KV 缓存怎么搬", _img("20250815PDDisaggregation", 2),
             "逐层传输：未被掩盖的时间 A100 约 8 ms、H100 约 5 ms（Splitwise）"),
            ("summary", "要点", [
                "分离消除两阶段干扰，让各自按延迟目标配置",
                "代价：每个请求的 KV 缓存跨 GPU 搬一次，点对点通信",
                "α–β 粗估（假设 1 GiB）：25 Gbps 约 344 ms，400 Gbps 约 21 ms",
                "GQA/MQA 缩小 KV 缓存，也缩小交接的数据量",
            ]),
        ],
    },
]
