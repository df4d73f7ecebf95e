"""Figures and slide decks of 05XCCL/02Library (集合通信库: MPI, NCCL, algorithms, hierarchy).

Loaded by registry.py, which puts scripts/figures on sys.path first. Every number drawn here is one
the articles cite next to the figure: the NVIDIA A100 whitepaper (NVLink 300 GB/s per direction),
the nccl-tests bus-bandwidth factors, the NCCL header and documentation, and the outputs of the
small alpha-beta scripts shown in the articles (alpha = 10 us and the 25 GB/s NIC are assumed
values, and are labelled as such). Diagrams marked 示意 are schematic.
"""

from __future__ import annotations

import itertools
import math

from figlib import (
    BLUE,
    BLUE_L,
    GRAY,
    GRAY_L,
    GREEN,
    GREEN_L,
    INK,
    MUTED,
    ORANGE,
    ORANGE_L,
    PINK,
    PINK_L,
    PURPLE,
    PURPLE_L,
    RED,
    RED_L,
    TEAL,
    TEAL_L,
    WHITE,
    YELLOW,
    YELLOW_L,
    Axes,
    Canvas,
)

W = 2400  # every figure is 2,400 px wide
BASE = "05XCCL/02Library/images/"

# alpha-beta parameters used in the worked examples (assumptions stated in the articles)
ALPHA = 10e-6          # s per step, assumed
B_NVLINK = 300e9       # B/s, A100 whitepaper: 12 NVLinks, 25 GB/s each per direction
B_NIC = 25e9           # B/s, assumed: one 200 Gb/s NIC per GPU

RANK_COLORS = [BLUE, GREEN, ORANGE, PURPLE, TEAL, PINK, RED, YELLOW]
RANK_LIGHT = [BLUE_L, GREEN_L, ORANGE_L, PURPLE_L, TEAL_L, PINK_L, RED_L, YELLOW_L]


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


def fmt_bytes(v: float) -> str:
    for unit, f in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if v >= f:
            x = v / f
            return f"{x:.0f} {unit}" if x >= 100 or x == int(x) else f"{x:.1f} {unit}"
    return f"{v:.0f} B"


def dcurve(ax: Axes, f, x0, x1, color, width=6, dash=(22, 14), n=400):
    """A dashed curve: the dash pattern follows the curve's length, unlike Axes.curve(dash=...)."""
    pts = []
    for i in range(n + 1):
        t = i / n
        if ax.xlog:
            xv = 10 ** (math.log10(x0) + t * (math.log10(x1) - math.log10(x0)))
        else:
            xv = x0 + t * (x1 - x0)
        pts.append(ax.px(xv, f(xv)))
    on, off = dash
    pos, drawing, run = 0.0, True, []
    for (xa, ya), (xb, yb) in itertools.pairwise(pts):
        seg = math.hypot(xb - xa, yb - ya)
        done = 0.0
        while done < seg:
            left = (on if drawing else off) - pos
            step = min(left, seg - done)
            u0, u1 = done / seg, (done + step) / seg
            if drawing:
                run.append((xa + (xb - xa) * u0, ya + (yb - ya) * u0))
                run.append((xa + (xb - xa) * u1, ya + (yb - ya) * u1))
            done += step
            pos += step
            if pos >= (on if drawing else off) - 1e-9:
                if drawing and run:
                    ax.c.line(run, color, width)
                run, pos, drawing = [], 0.0, not drawing
    if drawing and run:
        ax.c.line(run, color, width)


# ====================================================================== 01MPItoNCCL
def fig_mpi01(path):
    """MPI_COMM_WORLD, MPI_Comm_split and the results of the 4-process example in the article."""
    c = Canvas(W, 1300)
    title(c, "MPI 的通信子与进程编号（对应文中 4 个进程的示例程序）",
          "Communicators and ranks: MPI_COMM_WORLD, and two halves made by MPI_Comm_split")
    # world communicator
    c.rect(90, 220, 1180, 900, fill=GRAY_L, outline=GRAY, width=4, radius=28)
    c.text(680, 268, "MPI_COMM_WORLD：4 个进程，world rank 0–3", size=38, bold=True)
    halves = [(130, "half（color = 0）", BLUE, BLUE_L), (700, "half（color = 1）", ORANGE, ORANGE_L)]
    for h, (x0, lab, col, light) in enumerate(halves):
        c.rect(x0, 330, 530, 560, fill=light, outline=col, width=4, radius=22)
        c.text(x0 + 265, 378, lab, size=34, bold=True, color=col)
        for k in range(2):
            r = 2 * h + k
            cx, cy = x0 + 140 + k * 250, 560
            c.circle(cx, cy, 92, fill=RANK_COLORS[r])
            c.text(cx, cy - 24, f"R{r}", size=46, bold=True, color=WHITE)
            c.text(cx, cy + 32, f"半组编号 {k}", size=26, color=WHITE)
            c.text(cx, cy + 140, f"grad[0] = {r + 1}", size=30)
        c.text(x0 + 265, 790, f"半组内求和 = {1 + 4 * h + 2}", size=34, bold=True, color=col)
        c.text(x0 + 265, 845, f"（{2 * h + 1} + {2 * h + 2}）", size=30, color=MUTED)
    c.text(680, 960, "MPI_Comm_split(MPI_COMM_WORLD, rank / (size / 2), rank, &half)", size=32, color=INK)
    c.text(680, 1030, "同一个进程在不同通信子里有不同的编号", size=32, color=MUTED)
    # right: what each call does
    rx = 1340
    c.rect(rx, 220, 980, 900, fill=WHITE, outline=GREEN, width=4, radius=28)
    c.text(rx + 490, 268, "两次全归约的结果（程序实际输出）", size=38, bold=True, color=GREEN)
    rows = [
        ("调用", "参与者", "结果"),
        ("MPI_Allreduce(…, MPI_COMM_WORLD)", "R0–R3", "[10 100 2]"),
        ("MPI_Allreduce(…, half)，color = 0", "R0, R1", "3"),
        ("MPI_Allreduce(…, half)，color = 1", "R2, R3", "7"),
    ]
    for i, (a, b, r) in enumerate(rows):
        y = 360 + i * 120
        bold = i == 0
        col = MUTED if i == 0 else INK
        c.text(rx + 40, y, a, size=28 if i else 30, bold=bold, color=col, anchor="lm")
        c.text(rx + 690, y, b, size=30, bold=bold, color=col)
        c.text(rx + 880, y, r, size=30, bold=True if i else bold, color=GREEN if i else col)
        if i < len(rows) - 1:
            c.line([(rx + 30, y + 60), (rx + 950, y + 60)], "#e5e7eb", 3)
    notes = [
        "· 每个进程都调用同一个函数，缺一个就不会完成",
        "· 结果出现在所有参与进程的接收缓冲区里",
        "· 调用返回时，结果已经可以在 CPU 上使用",
    ]
    for i, s in enumerate(notes):
        c.text(rx + 40, 880 + i * 70, s, size=30, anchor="lm")
    c.text(1200, 1200, "R0 贡献 [1 10 0.5]，R1 贡献 [2 20 0.5]，R2 贡献 [3 30 0.5]，R3 贡献 [4 40 0.5]",
           size=32, color=MUTED)
    c.save(path)


def _lane(c, x0, y, w, h, label, color):
    c.text(x0 - 20, y + h / 2, label, size=32, bold=True, color=color, anchor="rm")
    c.rect(x0, y, w, h, fill="#f9fafb", outline="#e5e7eb", width=2, radius=10)


def _seg(c, x, y, w, h, label, fill, outline, size=28, color=INK):
    c.rect(x, y, w, h, fill=fill, outline=outline, width=3, radius=10)
    if label:
        c.text(x + w / 2, y + h / 2, label, size=size, color=color)


def fig_mpi02(path):
    """Host-driven MPI on GPU data vs NCCL enqueued on a CUDA stream (schematic)."""
    c = Canvas(W, 1400)
    title(c, "主机驱动与流驱动：同一次梯度全归约的两种做法（示意，长度不代表实测时间）",
          "Host-driven: the CPU waits and calls MPI.  Stream-driven: the CPU only enqueues work on a CUDA stream")
    x0, w, h = 330, 1990, 96
    # panel A
    c.text(120, 250, "A  经由主机内存调用 MPI_Allreduce", size=38, bold=True, anchor="lm", color=BLUE)
    _lane(c, x0, 300, w, h, "CPU", BLUE)
    _lane(c, x0, 430, w, h, "GPU", GREEN)
    _seg(c, x0 + 10, 308, 150, 80, "发射", BLUE_L, BLUE)
    _seg(c, x0 + 170, 308, 360, 80, "等待 GPU（同步）", GRAY_L, GRAY)
    _seg(c, x0 + 540, 308, 620, 80, "MPI_Allreduce：CPU 阻塞直到完成", BLUE, BLUE, color=WHITE)
    _seg(c, x0 + 1170, 308, 130, 80, "发射", BLUE_L, BLUE)
    _seg(c, x0 + 10, 438, 360, 80, "反向计算 kernel", GREEN_L, GREEN)
    _seg(c, x0 + 375, 438, 160, 80, "拷回主机", ORANGE_L, ORANGE, size=26)
    _seg(c, x0 + 1165, 438, 160, 80, "拷回显存", ORANGE_L, ORANGE, size=26)
    _seg(c, x0 + 1335, 438, 420, 80, "下一段计算", GREEN_L, GREEN)
    c.text(x0 + 850, 560, "GPU 空闲：数据在主机与网络之间往返", size=30, color=RED)
    c.line([(x0 + 540, 540), (x0 + 1160, 540)], RED, 3, dash=(14, 10))
    # panel B
    c.text(120, 700, "B  把 ncclAllReduce 放进 CUDA 流", size=38, bold=True, anchor="lm", color=PURPLE)
    _lane(c, x0, 750, w, h, "CPU", BLUE)
    _lane(c, x0, 880, w, h, "GPU 流", GREEN)
    _seg(c, x0 + 10, 758, 150, 80, "发射", BLUE_L, BLUE)
    _seg(c, x0 + 170, 758, 260, 80, "ncclAllReduce", PURPLE_L, PURPLE, size=26)
    _seg(c, x0 + 440, 758, 150, 80, "发射", BLUE_L, BLUE)
    _seg(c, x0 + 600, 758, 1380, 80, "CPU 已经返回，可以准备下一批数据、发射更多工作", "#f3f4f6", GRAY,
         color=MUTED)
    _seg(c, x0 + 10, 888, 360, 80, "反向计算 kernel", GREEN_L, GREEN)
    _seg(c, x0 + 375, 888, 520, 80, "NCCL kernel：收发 + 归约", PURPLE, PURPLE, color=WHITE)
    _seg(c, x0 + 900, 888, 420, 80, "下一段计算", GREEN_L, GREEN)
    c.arrow(x0 + 300, 842, x0 + 520, 884, color=PURPLE, width=4, head=20)
    c.text(x0 + 1420, 1010, "数据始终留在显存；顺序由流保证，CPU 不必等待", size=30, color=PURPLE)
    # takeaway
    c.rect(120, 1110, 2200, 220, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1220, 1165, "MPI 标准的集合接口不带 CUDA 流参数：阻塞调用在通信完成后才返回",
           size=34, bold=True)
    c.text(1220, 1235, "NCCL 的集合调用多一个 cudaStream_t 参数：返回时操作已入队，随后在 GPU 上异步执行",
           size=34, bold=True, color=PURPLE)
    c.text(1220, 1295, "（依据 NCCL 头文件 nccl.h 对集合操作与流语义的说明）", size=28, color=MUTED)
    c.save(path)


def fig_mpi03(path):
    """Software stack from torch.distributed down to NCCL transports, and the bootstrap sequence."""
    c = Canvas(W, 1500)
    title(c, "从 torch.distributed 到 NCCL：软件栈与通信子的建立",
          "Process group → NCCL communicator → transports; the unique id travels through PyTorch's store")
    layers = [
        ("训练脚本 / DDP", "loss.backward() 触发梯度同步", PINK, PINK_L),
        ("torch.distributed", "init_process_group · all_reduce · new_group", PURPLE, PURPLE_L),
        ("进程组 ProcessGroupNCCL", "另有 ProcessGroupGloo、ProcessGroupMPI", TEAL, TEAL_L),
        ("NCCL", "ncclComm_t · ncclAllReduce(…, stream) · ncclGroupStart/End", ORANGE, ORANGE_L),
        ("传输层 Transports", "NVLink / PCIe 点对点 · 共享内存 · InfiniBand / RoCE · TCP socket", GREEN,
         GREEN_L),
        ("硬件", "GPU · NVLink / NVSwitch · PCIe · 网卡与交换机", BLUE, BLUE_L),
    ]
    x0, wdt, lh, gap, top = 100, 1120, 150, 34, 220
    for i, (name, desc, col, light) in enumerate(layers):
        y = top + i * (lh + gap)
        c.rect(x0, y, wdt, lh, fill=light, outline=col, width=4, radius=18)
        c.text(x0 + 40, y + 48, name, size=38, bold=True, color=col, anchor="lm")
        c.text(x0 + 40, y + 108, desc, size=28, anchor="lm")
        if i < len(layers) - 1:
            c.arrow(x0 + wdt / 2, y + lh + 2, x0 + wdt / 2, y + lh + gap - 2, color=MUTED, width=4,
                    head=16)
    # right: bootstrap sequence
    rx, rw = 1320, 1000
    c.rect(rx, 220, rw, 1120, fill=WHITE, outline=ORANGE, width=4, radius=24)
    c.text(rx + rw / 2, 270, "建立 NCCL 通信子（一个进程管一块 GPU）", size=36, bold=True, color=ORANGE)
    lanes = [("rank 0", rx + 200), ("rank 1 … p−1", rx + 520), ("键值存储 store", rx + 830)]
    for lab, x in lanes:
        c.text(x, 340, lab, size=30, bold=True)
        c.line([(x, 370), (x, 1150)], "#d1d5db", 3, dash=(12, 10))
    steps = [
        (420, rx + 200, "ncclGetUniqueId(&id)", None),
        (520, rx + 200, "store.set(key, id)", (rx + 200, rx + 830)),
        (640, rx + 520, "store.get(key) 取得 id", (rx + 830, rx + 520)),
        (790, None, "所有 rank：cudaSetDevice 后调用\nncclCommInitRank(&comm, p, id, rank)", None),
        (960, None, "检测拓扑、规划环与树\n（NCCL 2.22 起默认在首次通信时才建立连接）", None),
        (1100, None, "之后 dist.all_reduce(t) → ncclAllReduce 入队到 GPU 上的 CUDA 流", None),
    ]
    for y, x, s, arr in steps:
        if arr:
            c.arrow(arr[0], y + 34, arr[1], y + 34, color=ORANGE, width=4, head=20)
        if x is None:
            c.rect(rx + 40, y - 55, rw - 80, 110, fill=ORANGE_L, outline=ORANGE, width=2, radius=12)
            c.text(rx + rw / 2, y, s, size=28)
        else:
            tw, _ = c.text_size(s, 28)
            c.rect(x - tw / 2 - 12, y - 24, tw + 24, 48, fill=WHITE, radius=6)
            c.text(x, y, s, size=28, color=INK)
    c.text(rx + rw / 2, 1290, "id 为 128 字节（NCCL_UNIQUE_ID_BYTES）", size=28, color=MUTED)
    c.text(1200, 1420, "ncclGetUniqueId 只在一个 rank 上调用；id 如何传给其他进程由调用者决定"
           "（PyTorch 用 store，也可以用 MPI_Bcast 或套接字）", size=30, color=MUTED)
    c.save(path)


# ====================================================================== 02Algorithms
TREE_A = {0: [4], 4: [2, 6], 2: [1, 3], 6: [5, 7]}   # root 0 has a single child
TREE_B = {1: [5], 5: [3, 7], 3: [2, 4], 7: [6, 0]}   # tree A shifted by one rank


def _tree_levels(tree, root):
    levels, frontier = [[root]], [root]
    while True:
        nxt = [ch for n in frontier for ch in tree.get(n, [])]
        if not nxt:
            return levels
        levels.append(nxt)
        frontier = nxt


def _draw_tree(c, tree, root, x0, y0, w, col, light, name):
    levels = _tree_levels(tree, root)
    pos = {}
    for d, lev in enumerate(levels):
        for i, n in enumerate(lev):
            pos[n] = (x0 + w * (i + 0.5) / len(lev), y0 + d * 175)
    for par, kids in tree.items():
        for k in kids:
            (x1, y1), (x2, y2) = pos[par], pos[k]
            c.line([(x1, y1 + 50), (x2, y2 - 50)], col, 5)
    for n, (x, y) in pos.items():
        interior = n in tree
        c.circle(x, y, 50, fill=col if interior else WHITE, outline=col, width=5)
        c.text(x, y, str(n), size=38, bold=True, color=WHITE if interior else col)
    c.text(x0 + w / 2, y0 - 95, name, size=34, bold=True, color=col)


def fig_alg01(path):
    """Ring vs double binary tree on 8 ranks (schematic construction: tree B = tree A shifted by one)."""
    c = Canvas(W, 1400)
    title(c, "两种拓扑：环与双二叉树（8 个 rank，示意）",
          "Ring: neighbours only, 2(p−1) steps.  Double binary tree: about 2·log_{2}p steps, each half of the data on one tree")
    # ring
    cx, cy, rad = 470, 700, 300
    pts = []
    for r in range(8):
        ang = -math.pi / 2 + r * 2 * math.pi / 8
        pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    for r in range(8):
        (x1, y1), (x2, y2) = pts[r], pts[(r + 1) % 8]
        d = math.hypot(x2 - x1, y2 - y1)
        ux, uy = (x2 - x1) / d, (y2 - y1) / d
        c.arrow(x1 + ux * 62, y1 + uy * 62, x2 - ux * 62, y2 - uy * 62, color=RED, width=6, head=24)
    for r, (x, y) in enumerate(pts):
        c.circle(x, y, 55, fill=RANK_COLORS[r])
        c.text(x, y, str(r), size=40, bold=True, color=WHITE)
    c.text(cx, 270, "环 Ring", size=40, bold=True, color=RED)
    c.text(cx, 1080, "每步只与相邻 rank 交换 n/p 字节", size=30)
    c.text(cx, 1130, "延迟项 2(p−1)α，带宽项 2·(p−1)/p·n/β", size=30, bold=True)
    # trees
    _draw_tree(c, TREE_A, 0, 950, 380, 640, BLUE, BLUE_L, "树 A：内部节点 0、4、2、6")
    _draw_tree(c, TREE_B, 1, 1660, 380, 640, ORANGE, ORANGE_L, "树 B：树 A 平移一位")
    c.text(1620, 1080, "实心 = 内部节点，空心 = 叶子：每个 rank 至多在一棵树里是内部节点", size=30)
    c.text(1620, 1130, "数据一半走树 A、一半走树 B：先向上归约，再向下广播", size=30, bold=True)
    c.rect(120, 1210, 2160, 130, fill=GRAY_L, outline=GRAY, width=3)
    c.text(1200, 1275, "双二叉树思想见 Sanders、Speck 与 Träff（2009）；NCCL 2.4 起提供树算法。"
           "本图是一种平移构造的示意，不是 NCCL 的实际连线", size=30)
    c.save(path)


def _t_ring(n, p, alpha=ALPHA, beta=B_NIC):
    return 2 * (p - 1) * alpha + 2 * (p - 1) / p * n / beta


def _t_tree(n, p, eta=1.0, alpha=ALPHA, beta=B_NIC):
    return 2 * math.log2(p) * alpha + 2 * n / (eta * beta)


def _crossover(p, eta=1.0, alpha=ALPHA, beta=B_NIC):
    return (p - 1 - math.log2(p)) * alpha * beta / (1 / eta - (p - 1) / p)


def fig_alg02(path):
    """alpha-beta curves of ring vs ideal tree for p = 64, and the crossover size against p."""
    c = Canvas(W, 1420)
    title(c, "环与树的交叉点（α = 10 μs、β = 25 GB/s 均为假设值）",
          "Ring: 2(p−1)α + 2(p−1)/p·n/β     Tree (ideal, efficiency η): 2·log_{2}p·α + 2n/(η·β)")
    # left: time vs size
    ax = Axes(c, 300, 250, 900, 880, (1e3, 4e9), (1e-4, 1), xlog=True, ylog=True)
    xt = [(1e3, "1 KB"), (1e5, "100 KB"), (1e7, "10 MB"), (1e9, "1 GB")]
    yt = [(1e-4, "0.1"), (1e-3, "1"), (1e-2, "10"), (1e-1, "100"), (1, "1000")]
    ax.frame(xt, yt, "消息大小 n（p = 64）", "全归约时间（ms）", size=30)
    p = 64
    dcurve(ax, lambda n: _t_tree(n, p, 0.8), 1e3, 4e9, PURPLE, width=6)
    ax.curve(lambda n: _t_tree(n, p), 1e3, 4e9, BLUE, width=6)
    ax.curve(lambda n: _t_ring(n, p), 1e3, 4e9, RED, width=6)
    for eta, col in ((1.0, BLUE), (0.8, PURPLE)):
        n = _crossover(p, eta)
        X, Y = ax.px(n, _t_ring(n, p))
        c.circle(X, Y, 16, fill=col, outline=WHITE, width=3)
        c.text(X - 25, Y - 50, f"{fmt_bytes(n)}（η = {eta:g}）", size=28, color=col, bold=True,
               anchor="rm")
    c.text(ax.px(3e3, 1.6e-3)[0], ax.px(3e3, 1.6e-3)[1], "环：延迟 126α", size=30, color=RED,
           bold=True, anchor="lm")
    c.text(ax.px(1.4e3, 4.5e-4)[0], ax.px(1.4e3, 4.5e-4)[1], "树：延迟 12α（实线 η = 1，虚线 η = 0.8）",
           size=28, color=BLUE, bold=True, anchor="lm")
    c.text(750, 200, "p = 64 时两条曲线的交点", size=34, bold=True)
    # right: crossover vs p
    ax2 = Axes(c, 1500, 250, 820, 880, (4, 256), (1e5, 1e11), xlog=True, ylog=True)
    xt2 = [(4, "4"), (16, "16"), (64, "64"), (256, "256")]
    yt2 = [(1e5, "100 KB"), (1e7, "10 MB"), (1e9, "1 GB"), (1e11, "100 GB")]
    ax2.frame(xt2, yt2, "rank 数 p", "", size=30)
    ax2.curve(lambda q: _crossover(q), 4, 256, BLUE, width=7)
    dcurve(ax2, lambda q: _crossover(q, 0.8), 4, 256, PURPLE, width=7)
    for q in (8, 16, 64, 128):
        for eta, col in ((1.0, BLUE), (0.8, PURPLE)):
            X, Y = ax2.px(q, _crossover(q, eta))
            c.circle(X, Y, 11, fill=col)
    c.text(ax2.px(30, 3e9)[0], ax2.px(30, 3e9)[1], "η = 1：n* = p(p−1−log_{2}p)αβ", size=28,
           color=BLUE, bold=True, anchor="rm")
    c.text(ax2.px(40, 2e6)[0], ax2.px(40, 2e6)[1], "η = 0.8", size=30, color=PURPLE, bold=True,
           anchor="lm")
    c.text(1910, 200, "交叉点 n* 随 p 的变化：小于 n* 时树更快", size=34, bold=True)
    c.text(1200, 1330, "交叉点随 p 增长，并且对树的带宽效率 η 非常敏感：一个固定的切换阈值难以适用于所有规模与拓扑",
           size=32, color=INK)
    c.save(path)


def fig_alg03(path):
    """Bus-bandwidth factors of nccl-tests, and algbw/busbw of a ring all-reduce in the alpha-beta model."""
    c = Canvas(W, 1420)
    title(c, "算法带宽与总线带宽（nccl-tests 的约定）",
          "algbw = S/t;  busbw = algbw × factor;  factor: all-reduce 2(n−1)/n, all-gather & reduce-scatter (n−1)/n")
    ax = Axes(c, 300, 260, 860, 850, (2, 64), (0, 2.2), xlog=True)
    xt = [(2, "2"), (4, "4"), (8, "8"), (16, "16"), (32, "32"), (64, "64")]
    yt = [(0, "0"), (0.5, "0.5"), (1, "1"), (1.5, "1.5"), (2, "2")]
    ax.frame(xt, yt, "rank 数 n", "busbw / algbw", size=30)
    ax.curve(lambda n: 2 * (n - 1) / n, 2, 64, RED, width=7)
    ax.curve(lambda n: (n - 1) / n, 2, 64, BLUE, width=7)
    dcurve(ax, lambda n: 1.0, 2, 64, GRAY, width=4, dash=(16, 12), n=2)
    c.text(ax.px(20, 1.95)[0], ax.px(20, 1.95)[1] - 40, "AllReduce：2(n−1)/n", size=30, color=RED,
           bold=True)
    c.text(ax.px(16, 0.78)[0], ax.px(16, 0.78)[1], "AllGather、ReduceScatter：(n−1)/n", size=30,
           color=BLUE, bold=True)
    c.text(ax.px(3, 1.0)[0], ax.px(3, 1.0)[1] - 35, "Broadcast、Reduce：1", size=28, color=GRAY,
           anchor="lm")
    c.text(730, 205, "换算因子只取决于操作和 rank 数", size=34, bold=True)
    # right: algbw/busbw vs size, ring all-reduce, p = 8, beta = 300 GB/s
    p, beta = 8, B_NVLINK
    ax2 = Axes(c, 1460, 260, 860, 850, (1e4, 1e10), (0, 330), xlog=True)
    xt2 = [(1e4, "10 KB"), (1e6, "1 MB"), (1e8, "100 MB"), (1e10, "10 GB")]
    yt2 = [(0, "0"), (100, "100"), (200, "200"), (300, "300")]
    ax2.frame(xt2, yt2, "消息大小 S（p = 8，α = 10 μs 为假设值）", "GB/s", size=30)

    def t(n):
        return 2 * (p - 1) * ALPHA + 2 * (p - 1) / p * n / beta
    dcurve(ax2, lambda n: beta / 1e9, 1e4, 1e10, GRAY, width=4, dash=(16, 12), n=2)
    ax2.curve(lambda n: n / t(n) / 1e9, 1e4, 1e10, BLUE, width=7)
    ax2.curve(lambda n: n / t(n) * 2 * (p - 1) / p / 1e9, 1e4, 1e10, RED, width=7)
    nh = p * ALPHA * beta
    X, Y = ax2.px(nh, 150)
    c.circle(X, Y, 14, fill=RED, outline=WHITE, width=3)
    c.text(X - 20, Y - 45, "S = pαβ = 24 MB：busbw = β/2", size=28, color=RED, bold=True, anchor="rm")
    c.text(ax2.px(2e4, 300)[0], ax2.px(2e4, 300)[1] - 32, "β = 300 GB/s（A100 NVLink 单方向）", size=28,
           color=GRAY, anchor="lm")
    c.text(ax2.px(3e9, 293)[0], ax2.px(3e9, 293)[1] + 45, "busbw", size=32, color=RED, bold=True)
    c.text(ax2.px(3e9, 167)[0], ax2.px(3e9, 167)[1] + 45, "algbw", size=32, color=BLUE, bold=True)
    c.text(1890, 205, "环形全归约：busbw = β / (1 + pαβ/S)", size=34, bold=True)
    c.text(1200, 1330, "S = 1 GB 时 t ≈ 5.97 ms，algbw ≈ 167 GB/s，busbw ≈ 293 GB/s：后者可以直接与链路带宽比较",
           size=32)
    c.save(path)


# ====================================================================== 03Hierarchical
def _server(c, x, y, w, h, name, ngpu=8):
    c.rect(x, y, w, h, fill=GRAY_L, outline=GRAY, width=4, radius=24)
    c.text(x + w / 2, y + 40, name, size=32, bold=True)
    c.box(x + 40, y + 85, w - 80, 80, "NVSwitch：机内任意两块 GPU 经 NVLink 相连", fill=GREEN_L,
          outline=GREEN, size=26, radius=10)
    gw = (w - 80 - (ngpu - 1) * 14) / ngpu
    nic_y = y + h - 120
    for g in range(ngpu):
        gx = x + 40 + g * (gw + 14)
        c.line([(gx + gw / 2, y + 168), (gx + gw / 2, y + 215)], GREEN, 5)
        c.box(gx, y + 215, gw, 110, f"GPU{g}", fill=BLUE_L, outline=BLUE, size=26, bold=True, radius=10)
        c.line([(gx + gw / 2, y + 328), (gx + gw / 2, nic_y)], ORANGE, 4)
        c.box(gx, nic_y, gw, 70, "NIC", fill=ORANGE_L, outline=ORANGE, size=24, radius=10)
    return [(x + 40 + g * (gw + 14) + gw / 2, nic_y + 70) for g in range(ngpu)]


def fig_hier01(path):
    """Two servers of a cluster: NVLink/NVSwitch inside, one NIC per GPU to a rail-optimised fabric."""
    c = Canvas(W, 1460)
    title(c, "真实集群的两级带宽：机内 NVLink，机间网络（示意）",
          "Inside a server: NVLink through NVSwitch.  Between servers: one NIC per GPU, each to its own rail switch")
    nics_a = _server(c, 100, 220, 1000, 620, "服务器 0（8 块 GPU）")
    nics_b = _server(c, 1300, 220, 1000, 620, "服务器 1（8 块 GPU）")
    # rail switches
    sy = 1010
    for g in range(8):
        sx = 240 + g * 270
        col = RANK_COLORS[g]
        c.rect(sx - 95, sy, 190, 80, fill=WHITE, outline=col, width=4, radius=12)
        c.text(sx, sy + 40, f"轨 {g} 交换机", size=24, color=col, bold=True)
        for nics in (nics_a, nics_b):
            nx, ny = nics[g]
            c.line([(nx, ny), (sx, sy)], col, 3)
    c.rect(200, 1160, 2000, 70, fill=WHITE, outline=GRAY, width=3, radius=12)
    c.text(1200, 1195, "上层交换机：连接各轨；同号 GPU 之间的流量可以只经过本轨", size=28, color=GRAY)
    for g in range(8):
        sx = 240 + g * 270
        c.line([(sx, sy + 82), (sx, 1158)], GRAY, 3)
    c.rect(120, 1270, 1040, 150, fill=GREEN_L, outline=GREEN, width=3)
    c.text(640, 1315, "机内：A100 每块 GPU 12 条 NVLink", size=32, bold=True, color=GREEN)
    c.text(640, 1375, "单方向合计 300 GB/s（A100 白皮书）", size=32, color=GREEN)
    c.rect(1240, 1270, 1040, 150, fill=ORANGE_L, outline=ORANGE, width=3)
    c.text(1760, 1315, "机间：假设每块 GPU 一块 200 Gb/s 网卡", size=32, bold=True, color=ORANGE)
    c.text(1760, 1375, "= 25 GB/s，比机内慢约 12 倍（假设值）", size=32, color=ORANGE)
    c.save(path)


def fig_hier02(path):
    """Hierarchical all-reduce on 2 nodes x 4 GPUs: reduce-scatter, all-reduce across nodes, all-gather."""
    c = Canvas(W, 1580)
    title(c, "分层全归约：机内归约散播 → 机间全归约 → 机内全收集（2 台 × 4 块 GPU）",
          "Each GPU ends step 1 with 1/G of its node's sum; step 2 runs G independent all-reduces across nodes")
    G, N = 4, 2
    cols = ["开始：每块 GPU 有完整梯度", "① 机内归约散播", "② 机间全归约（同号 GPU）", "③ 机内全收集"]
    cx0, cw, cell, top, rowh = 430, 520, 80, 300, 118
    node_fill = [BLUE, ORANGE]
    for k, lab in enumerate(cols):
        c.text(cx0 + k * cw + 2 * cell, 230, lab, size=30, bold=True)
    for nd in range(N):
        y0n = top + nd * (G * rowh + 70)
        c.rect(60, y0n - 20, 2280, G * rowh + 20, fill=None, outline="#d1d5db", width=3, radius=18)
        c.text(170, y0n + G * rowh / 2 - 10, f"服务器 {nd}", size=34, bold=True, color=node_fill[nd])
        for g in range(G):
            y = y0n + g * rowh
            c.text(cx0 - 20, y + cell / 2, f"GPU{g}", size=28, anchor="rm")
            for k in range(4):
                for b in range(G):
                    x = cx0 + k * cw + b * cell
                    if k == 0:
                        fill, txt, tcol = RANK_LIGHT[nd * G + g], f"{b}", INK
                    elif k == 1:
                        on = b == g
                        fill = node_fill[nd] if on else "#f3f4f6"
                        txt, tcol = ("Σ机" if on else ""), WHITE
                    elif k == 2:
                        on = b == g
                        fill = INK if on else "#f3f4f6"
                        txt, tcol = ("Σ" if on else ""), WHITE
                    else:
                        fill, txt, tcol = INK, "Σ", WHITE
                    c.rect(x + 4, y + 4, cell - 8, cell - 8, fill=fill, radius=8)
                    if txt:
                        c.text(x + cell / 2, y + cell / 2, txt, size=24 if len(txt) > 1 else 28,
                               color=tcol, bold=True)
    # step arrows and costs
    costs = [
        "(G−1)α + (G−1)/G · n/β_{机内}",
        "2(N−1)α + 2(N−1)/N · n/(G·β_{机间})",
        "(G−1)α + (G−1)/G · n/β_{机内}",
    ]
    yb = top + 2 * G * rowh + 110
    for k in range(3):
        x1 = cx0 + k * cw + G * cell + 20
        x2 = cx0 + (k + 1) * cw - 20
        c.arrow(x1, top + G * rowh + 25, x2, top + G * rowh + 25, color=RED, width=6, head=24)
        xc = cx0 + k * cw + (G * cell + cw) / 2
        c.rect(xc - 250, yb, 500, 90, fill=RED_L, outline=RED, width=3, radius=12)
        c.text(xc, yb + 45, costs[k], size=24, color=RED)
    # vertical cross-node links in step 2
    for g in range(G):
        xg = cx0 + 2 * cw + g * cell + cell / 2
        y1 = top + g * rowh + cell
        y2 = top + (G * rowh + 70) + g * rowh
        c.line([(xg, y1 + 6), (xg, y2 - 6)], PURPLE, 3, dash=(10, 8))
    c.text(1200, yb + 150, "数字 0–3：梯度的四个分块；Σ机：本机 4 块 GPU 之和；Σ：全部 8 块 GPU 之和；"
           "紫色虚线：步骤②中的机间通信只在同号 GPU 之间进行", size=28, color=MUTED)
    c.save(path)


def _flat_ring(n, G=8, N=16):
    p = G * N
    return 2 * (p - 1) * ALPHA + 2 * (p - 1) / p * n / B_NIC


def _flat_rings(n, G=8, N=16):
    p = G * N
    return 2 * (p - 1) * ALPHA + 2 * (p - 1) / p * (n / G) / B_NIC


def _intra(n, G=8):
    return 2 * ((G - 1) * ALPHA + (G - 1) / G * n / B_NVLINK)


def _hier(n, G=8, N=16):
    return _intra(n, G) + 2 * (N - 1) * ALPHA + 2 * (N - 1) / N * (n / G) / B_NIC


def _innet(n, G=8, depth=2):
    return _intra(n, G) + 2 * depth * ALPHA + (n / G) / B_NIC


def fig_hier03(path):
    """Modelled all-reduce time vs size on 16 nodes x 8 GPUs for four schemes."""
    c = Canvas(W, 1480)
    title(c, "128 块 GPU（16 台 × 8 块）上全归约时间的 α–β 估算",
          "α = 10 μs and the 25 GB/s NIC are assumptions; NVLink 300 GB/s per direction from the A100 whitepaper")
    ax = Axes(c, 330, 230, 1300, 960, (1e4, 1e10), (1e-4, 1), xlog=True, ylog=True)
    xt = [(1e4, "10 KB"), (1e6, "1 MB"), (1e8, "100 MB"), (1e10, "10 GB")]
    yt = [(1e-4, "0.1"), (1e-3, "1"), (1e-2, "10"), (1e-1, "100"), (1, "1000")]
    ax.frame(xt, yt, "消息大小 n", "全归约时间（ms）", size=30)
    series = [
        (_flat_ring, RED, None, "单个扁平环"),
        (_flat_rings, ORANGE, (22, 12), "8 个扁平环并行（理想）"),
        (_hier, BLUE, None, "分层：机内 RS + 机间环 + 机内 AG"),
        (_innet, GREEN, (22, 12), "分层 + 机间网内归约（示意模型）"),
    ]
    for f, col, dash, _ in series:
        if dash:
            dcurve(ax, f, 1e4, 1e10, col, width=7, dash=dash)
        else:
            ax.curve(f, 1e4, 1e10, col, width=7)
    for n in (1e6, 1e9):
        X, _ = ax.px(n, 1e-4)
        c.line([(X, 230), (X, 1190)], "#9ca3af", 3, dash=(10, 10))
    # legend / table
    lx = 1710
    c.text(lx, 260, "模型", size=32, bold=True, anchor="lm")
    c.text(lx + 390, 260, "1 MB", size=32, bold=True)
    c.text(lx + 560, 260, "1 GB", size=32, bold=True)
    for i, (f, col, dash, lab) in enumerate(series):
        y = 360 + i * 190
        c.line([(lx, y), (lx + 80, y)], col, 8, dash=dash)
        c.text(lx, y + 55, lab, size=24, color=col, bold=True, anchor="lm")
        c.text(lx + 390, y, f"{f(1e6) * 1e3:.2f} ms", size=28)
        c.text(lx + 560, y, f"{f(1e9) * 1e3:.2f} ms", size=28)
    c.rect(lx - 20, 1110, 670, 80, fill=GRAY_L, outline=GRAY, width=2)
    c.text(lx + 315, 1150, "分层主要削减延迟项；大消息要看网卡是否都用上", size=24)
    c.text(1200, 1410, "小消息：步数从 2(p−1) = 254 降到 2(G−1) + 2(N−1) = 44；"
           "大消息：机间流量摊到 8 块网卡上，与 8 个并行环相当", size=30)
    c.save(path)


def _bucket_schedule(bucket, n=1e9, t_bwd=30e-3, p=8):
    def ar(b):
        return 2 * (p - 1) * ALPHA + 2 * (p - 1) / p * b / B_NVLINK
    k = max(1, round(n / bucket))
    done, segs = 0.0, []
    for i in range(1, k + 1):
        ready = t_bwd * i / k
        start = max(done, ready)
        done = start + ar(n / k)
        segs.append((start, done))
    return segs


def fig_hier04(path):
    """Timeline of backward computation and bucketed all-reduces (numbers from the article's script)."""
    c = Canvas(W, 1500)
    title(c, "梯度分桶：让全归约与反向计算重叠（示意模型）",
          "8 GPUs in one node, 1 GB of gradients, 30 ms of backward (assumed); only the part after backward is exposed")
    x0, x1 = 420, 2280
    t_max = 40e-3
    sc = (x1 - x0) / t_max

    def X(t):
        return x0 + t * sc
    # time axis
    ya = 1230
    c.line([(x0, ya), (x1, ya)], INK, 3)
    for ms in range(0, 41, 5):
        c.line([(X(ms * 1e-3), ya), (X(ms * 1e-3), ya + 14)], INK, 3)
        c.text(X(ms * 1e-3), ya + 45, f"{ms}", size=26)
    c.text((x0 + x1) / 2, ya + 100, "时间（ms）", size=30)
    rows = [
        ("不重叠：反向结束后一次全归约", None, "暴露 5.97 ms"),
        ("桶 250 MB（4 次调用）", 250e6, "暴露 1.60 ms"),
        ("桶 25 MB（40 次调用）", 25e6, "暴露 0.29 ms"),
        ("桶 1 MB（1000 次调用）", 1e6, "暴露 115.9 ms"),
    ]
    for i, (lab, bucket, note) in enumerate(rows):
        y = 230 + i * 245
        c.text(x0 - 20, y + 50, lab, size=26, bold=True, anchor="rm")
        c.rect(X(0), y, 30e-3 * sc, 70, fill=GREEN_L, outline=GREEN, width=3, radius=8)
        c.text(X(15e-3), y + 35, "反向计算", size=26, color=GREEN)
        cy = y + 95
        if bucket is None:
            segs = [(30e-3, 30e-3 + 5.973e-3)]
        else:
            segs = _bucket_schedule(bucket)
        clipped = False
        for s, e in segs:
            if s >= t_max:
                clipped = True
                continue
            ee = min(e, t_max)
            clipped = clipped or e > t_max
            c.rect(X(s), cy, max(2.0, (ee - s) * sc - (3 if len(segs) < 100 else 0)), 60,
                   fill=PURPLE, radius=4)
        end = segs[-1][1]
        if clipped:
            c.text(x1 - 10, cy + 100, "…一直排到约 146 ms", size=26, color=RED, anchor="rm", bold=True)
        else:
            c.line([(X(30e-3), cy + 75), (X(end), cy + 75)], RED, 5)
            c.text(X(end) + 15, cy + 30, note, size=26, color=RED, bold=True, anchor="lm")
        if clipped:
            c.text(X(31e-3), cy - 38, note, size=26, color=RED, bold=True, anchor="lm")
    c.line([(X(30e-3), 215), (X(30e-3), 1225)], "#9ca3af", 3, dash=(12, 10))
    c.text(X(30e-3), 1180, "反向结束", size=24, color=MUTED)
    c.text(1200, 1440, "桶太大：最后一桶要等到反向结束才开始；桶太小：每次调用的固定开销累积起来超过反向时间",
           size=30)
    c.save(path)


FIGURES = {
    BASE + "01MPItoNCCL01.png": fig_mpi01,
    BASE + "01MPItoNCCL02.png": fig_mpi02,
    BASE + "01MPItoNCCL03.png": fig_mpi03,
    BASE + "02Algorithms01.png": fig_alg01,
    BASE + "02Algorithms02.png": fig_alg02,
    BASE + "02Algorithms03.png": fig_alg03,
    BASE + "03Hierarchical01.png": fig_hier01,
    BASE + "03Hierarchical02.png": fig_hier02,
    BASE + "03Hierarchical03.png": fig_hier03,
    BASE + "03Hierarchical04.png": fig_hier04,
}


# ====================================================================== decks
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


DECKS: list[dict] = [
    {
        "path": "05XCCL/02Library/01MPItoNCCL.pdf",
        "module": "通信架构", "chapter": "集合通信库",
        "title": "从 MPI 到 NCCL：为 GPU 而生的集合通信库",
        "subtitle": "通信子、CUDA 流与 torch.distributed",
        "tag": "第 01 讲",
        "slides": [
            ("bullets", "MPI：集合通信的标准接口", [
                "MPI 论坛制定的接口标准，MPI-1.0 发布于 1994 年；Open MPI、MPICH 是实现",
                "通信子划定参与者：MPI_COMM_WORLD；rank 是进程在通信子中的编号",
                "MPI_Comm_split 按颜色划分子通信子，同一进程可有不同编号",
                "集合操作：MPI_Bcast、MPI_Reduce、MPI_Allreduce、MPI_Allgather、MPI_Reduce_scatter 等",
                "所有进程按相同顺序调用；阻塞调用返回时结果已可用",
            ]),
            ("figure", "通信子与进程编号（示例程序的实际输出）", _img("01MPItoNCCL", 1),
             "Open MPI 4.1.4，4 个进程：全局和 [10 100 2]，两个半组之和 3 与 7"),
            ("figure", "主机驱动与流驱动", _img("01MPItoNCCL", 2),
             "MPI 集合接口不带 CUDA 流参数；NCCL 的调用入队即返回，由 GPU 异步执行"),
            ("bullets", "NCCL 的编程模型", [
                "ncclGetUniqueId：生成 128 字节的唯一标识，由用户分发给所有进程",
                "cudaSetDevice 后调用 ncclCommInitRank(&comm, nranks, id, rank)",
                "ncclAllReduce(sendbuff, recvbuff, count, datatype, op, comm, stream)",
                "ncclGroupStart/ncclGroupEnd：单线程多 GPU、合并多次调用、并发点对点",
                "ncclCommSplit（2.18 起）对应 MPI_Comm_split",
            ]),
            ("figure", "从 torch.distributed 到 NCCL", _img("01MPItoNCCL", 3),
             "rank 0 把唯一标识写进进程组的键值存储，其他 rank 读出后一起建立通信子"),
            ("summary", "小结", [
                "MPI：以进程和主机为中心，阻塞集合调用返回即完成",
                "GPU 训练：数据在显存，计算在 CUDA 流上异步执行",
                "NCCL：通信是流上的 kernel，入队即返回，数据不离开显存",
                "PyTorch nccl 后端：init_process_group + all_reduce，wait() 只让当前流等待",
            ]),
        ],
    },
    {
        "path": "05XCCL/02Library/02Algorithms.pdf",
        "module": "通信架构", "chapter": "集合通信库",
        "title": "通信库如何选择算法：环、树、协议与带宽口径",
        "subtitle": "α–β 交叉点、NCCL_ALGO / NCCL_PROTO、algbw 与 busbw",
        "tag": "第 02 讲",
        "slides": [
            ("bullets", "一次调用，多种实现", [
                "NCCL 的实现 = 算法（Ring、Tree、CollNet、NVLS…）× 协议（LL、LL128、Simple）",
                "维护者：为每种组合建模，按消息大小估算耗时，取最小者",
                "选择随节点数、每节点 GPU 数、消息大小、机内外带宽而变",
                "NCCL 2.4 起提供树算法：改善大规模与中小消息的全归约",
            ]),
            ("figure", "环与双二叉树", _img("02Algorithms", 1),
             "每 GPU 数据量：环 2(N−1)S/N，树约 2S；差别在步数"),
            ("figure", "α–β 交叉点", _img("02Algorithms", 2),
             "η = 1 时 n* = p(p−1−log_{2}p)αβ；p = 64：912 MB（η = 1）、53.6 MB（η = 0.8）"),
            ("bullets", "协议与环境变量", [
                "源码 device.h：LL 每 16 字节带 8 字节数据，LL128 每 128 字节带 120 字节",
                "NCCL_ALGO（2.5 起）：Ring、Tree、Collnet 系列、NVLS、NVLSTree、PAT 等",
                "2.24 起可按函数指定，如 NCCL_ALGO=\"ring;allreduce:tree,ring\"",
                "NCCL_PROTO：LL、LL128、Simple；在不支持的平台上启用 LL128 可能损坏数据",
                "两者都在“调试”一节：用于实验与排查，不宜留在生产环境",
            ]),
            ("figure", "算法带宽与总线带宽", _img("02Algorithms", 3),
             "nccl-tests：busbw = algbw × 2(n−1)/n（全归约），(n−1)/n（全收集、归约散播）"),
            ("summary", "小结", [
                "通信库用代价模型在“算法 × 协议”之间选择",
                "树降低延迟项，环带宽最优；交叉点随 p 增长，对树的效率 η 很敏感",
                "NCCL_ALGO / NCCL_PROTO 只用于限制选择范围",
                "环形全归约 busbw = β / (1 + pαβ/S)：1 GB、8 GPU 时约 293 GB/s",
            ]),
        ],
    },
    {
        "path": "05XCCL/02Library/03Hierarchical.pdf",
        "module": "通信架构", "chapter": "集合通信库",
        "title": "分层集合通信：机内、机间、网内与计算重叠",
        "subtitle": "两级带宽下的全归约与梯度分桶",
        "tag": "第 03 讲",
        "slides": [
            ("figure", "两级带宽的集群", _img("03Hierarchical", 1),
             "A100 白皮书：NVLink 单方向 300 GB/s；机间 25 GB/s 为假设值（200 Gb/s 网卡）"),
            ("figure", "分层全归约的三步", _img("03Hierarchical", 2),
             "机内归约散播 → 机间全归约（G 组并行）→ 机内全收集"),
            ("bullets", "代价对比", [
                "扁平环：2(p−1)α + 2·(p−1)/p·n/β_{机间}，只用到一块网卡",
                "分层：2(G+N−2)α + 2·(G−1)/G·n/β_{机内} + 2·(N−1)/N·n/(G·β_{机间})",
                "NCCL 只构建扁平环、不构建二维环（维护者）；可分多条通道并行，另有树",
                "Horovod 分层全归约：ncclReduceScatter → MPI_Allreduce → ncclAllGather",
            ]),
            ("figure", "128 块 GPU 的估算", _img("03Hierarchical", 3),
             "1 MB：扁平环 2.62 ms，分层 0.46 ms；1 GB：扁平环 81.92 ms，分层 15.65 ms"),
            ("bullets", "网内归约", [
                "SHArP（Graham 等，COMHPC 2016）：SwitchIB-2 交换芯片中的聚合树",
                "论文摘要：128 台主机，8 字节 MPI_Allreduce 6.01 → 2.83 μs",
                "每个节点只送出一次、收回一次：机间流量约为环的一半",
                "NCCL：CollNet 插件；NVLS、NVLSTree 启用 NVLink SHARP 卸载",
            ]),
            ("figure", "梯度分桶：计算与通信重叠", _img("03Hierarchical", 4),
             "DDP 默认桶上限 25 MiB；示意模型中 25 MB 桶只暴露约 0.29 ms"),
            ("summary", "小结", [
                "分层主要削减延迟项，并让所有网卡分担机间流量",
                "网内归约让交换机做加法，延迟几乎与节点数无关",
                "DDP 按逆序分桶、桶就绪即异步全归约（Li 等，VLDB 2020）",
                "桶太大藏不住，桶太小固定开销累积",
            ]),
        ],
    },
]
