"""Figures and decks of 05XCCL/02Library (集合通信库: MPI, NCCL, algorithms, hierarchy).

Every number drawn here is one the articles cite next to the figure: the NVIDIA A100 whitepaper
(NVLink 300 GB/s per direction), the nccl-tests bus-bandwidth factors, the NCCL header and
documentation, and the outputs of the small α–β scripts shown in the articles (α = 10 μs and the
25 GB/s NIC are assumed values, and are labelled as such). Diagrams marked 示意 are schematic.
"""

from __future__ import annotations

import math

from ..fit import width
from ..shapes import dashed, disc
from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Picture, Plot, T, Text, text_in
from ..style import light, strong
from .xccl_helpers import RANKS, axes_at, draw_items, frame, mathtext, ring

IMAGES = "05XCCL/02Library/images/"
GRID = "#e5e7eb"
PALE = "#f3f4f6"
Label = T | str

ALPHA = 10e-6
"""s per step, assumed."""
B_NVLINK = 300e9
"""B/s, A100 whitepaper: 12 NVLinks, 25 GB/s each per direction."""
B_NIC = 25e9
"""B/s, assumed: one 200 Gb/s NIC per GPU."""


def fmt_bytes(v: float) -> str:
    for unit, f in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if v >= f:
            x = v / f
            return f"{x:.0f} {unit}" if x >= 100 or x == int(x) else f"{x:.1f} {unit}"
    return f"{v:.0f} B"


# ====================================================================== 01MPItoNCCL
def _half(h: int) -> list[Item]:
    x0, colour = (1.3, 7.0)[h], ("blue", "orange")[h]
    items: list[Item] = [Box(x0, 1.3, 5.3, 5.6, color=colour, stroke=2, radius=11),
                         Text(x0 + 2.65, 1.78, T(f"half（color = {h}）", f"half (color = {h})"), color=colour, bold=True, size=17)]
    for k in range(2):
        r, cx = 2 * h + k, x0 + 1.4 + k * 2.5
        items += [disc(cx, 3.6, 0.92, color=RANKS[r]),
                  Text(cx, 3.36, f"R{r}", color="#ffffff", bold=True, size=23),
                  Text(cx, 3.92, T(f"半组编号 {k}", f"half rank {k}"), color="#ffffff", size=13),
                  Text(cx, 5.0, f"grad[0] = {r + 1}", size=15)]
    items += [Text(x0 + 2.65, 5.9, T(f"半组内求和 = {1 + 4 * h + 2}", f"sum in the half = {1 + 4 * h + 2}"),
                   color=colour, bold=True, size=17),
              Text(x0 + 2.65, 6.45, T(f"（{2 * h + 1} + {2 * h + 2}）", f"({2 * h + 1} + {2 * h + 2})"), color="gray", size=15)]
    return items


CALLS = (
    (T("调用", "call"), T("参与者", "who"), T("结果", "result")),
    ("MPI_Allreduce(…, MPI_COMM_WORLD)", "R0–R3", "[10 100 2]"),
    (T("MPI_Allreduce(…, half)，color = 0", "MPI_Allreduce(…, half), color = 0"), "R0, R1", "3"),
    (T("MPI_Allreduce(…, half)，color = 1", "MPI_Allreduce(…, half), color = 1"), "R2, R3", "7"),
)


def _calls() -> list[Item]:
    items: list[Item] = [Box(13.4, 0.2, 9.8, 9.0, color="green", fill="white", stroke=2, radius=14),
                         Text(18.3, 0.68, T("两次全归约的结果（程序实际输出）", "The two All-Reduces' results (real output)"),
                              color="green", bold=True, size=19)]
    for i, (call, who, result) in enumerate(CALLS):
        y, head = 1.6 + i * 1.2, i == 0
        items += [Text(13.8, y, call, color="gray" if head else "ink", bold=head, size=15 if head else 14,
                       anchor="start"),
                  Text(20.3, y, who, color="gray" if head else "ink", bold=head, size=15),
                  Text(22.2, y, result, color="gray" if head else "green", bold=True, size=15)]
        if i < len(CALLS) - 1:
            items.append(Arrow((13.7, y + 0.6), (23.1, y + 0.6), color=GRID, width=1.5, head=False))
    items += [Text(13.8, 6.8 + i * 0.7, note, size=15, anchor="start") for i, note in enumerate((
        T("· 每个进程都调用同一个函数，缺一个就不会完成", "· Every process calls the same function; one missing, none finish"),
        T("· 结果出现在所有参与进程的接收缓冲区里", "· The result lands in every participant's receive buffer"),
        T("· 调用返回时，结果已经可以在 CPU 上使用", "· When the call returns, the CPU can use the result"),
    ))]
    return items


MPI01 = Figure(
    IMAGES + "01MPItoNCCL01",
    T("MPI 的通信子与进程编号（对应文中 4 个进程的示例程序）",
      "MPI communicators and ranks (the article's 4-process example)"),
    T("MPI_COMM_WORLD，以及 MPI_Comm_split 得到的两个半组",
      "Communicators and ranks: MPI_COMM_WORLD, and two halves made by MPI_Comm_split"),
    rows=11,
    items=(
        Box(0.9, 0.2, 11.8, 9.0, color="gray", stroke=2, radius=14),
        Text(6.8, 0.68, T("MPI_COMM_WORLD：4 个进程，world rank 0–3", "MPI_COMM_WORLD: 4 processes, world rank 0–3"),
             bold=True, size=19),
        *_half(0), *_half(1),
        Text(6.8, 7.6, "MPI_Comm_split(MPI_COMM_WORLD, rank / (size / 2), rank, &half)", size=16),
        Text(6.8, 8.3, T("同一个进程在不同通信子里有不同的编号", "One process has a different rank in each communicator"),
             color="gray", size=16),
        *_calls(),
        Text(12.0, 10.0, T("R0 贡献 [1 10 0.5]，R1 贡献 [2 20 0.5]，R2 贡献 [3 30 0.5]，R3 贡献 [4 40 0.5]",
                           "R0 gives [1 10 0.5], R1 [2 20 0.5], R2 [3 30 0.5], R3 [4 40 0.5]"), color="gray", size=16),
    ),
)

LAUNCH = T("发射", "launch")
COMPUTE = T("反向计算 kernel", "backward kernel")
NEXT = T("下一段计算", "next compute")


def _lane(y: float, label: Label, colour: str) -> list[Item]:
    return [Text(3.1, y + 0.48, label, color=colour, bold=True, size=16, anchor="end"),
            Box(3.3, y, 19.9, 0.96, color=GRID, fill="#f9fafb", radius=5)]


def _seg(x: float, y: float, w: float, label: Label, colour: str, fill: str = "light", size: float = 14) -> Box:
    """A stretch of work on a lane; x and w are in the old 1/100 grid offsets from the lane start."""
    return Box(3.3 + x, y, w, 0.8, label, color=colour, fill=fill, size=size, stroke=1.5, radius=5)


MPI02 = Figure(
    IMAGES + "01MPItoNCCL02",
    T("主机驱动与流驱动：同一次梯度全归约的两种做法（示意，长度不代表实测时间）",
      "Host-driven vs stream-driven: one gradient All-Reduce two ways (schematic)"),
    T("主机驱动：CPU 等待并调用 MPI；流驱动：CPU 只把工作放进 CUDA 流",
      "Host-driven: the CPU waits and calls MPI.  Stream-driven: the CPU only enqueues work on a CUDA stream"),
    rows=12,
    items=(
        Text(1.2, 0.5, T("A  经由主机内存调用 MPI_Allreduce", "A  MPI_Allreduce through host memory"), color="blue",
             bold=True, size=19, anchor="start"),
        *_lane(1.0, "CPU", "blue"), *_lane(2.3, "GPU", "green"),
        _seg(0.1, 1.08, 1.5, LAUNCH, "blue"),
        _seg(1.7, 1.08, 3.6, T("等待 GPU（同步）", "wait for GPU (sync)"), "gray"),
        _seg(5.4, 1.08, 6.2, T("MPI_Allreduce：CPU 阻塞直到完成", "MPI_Allreduce: CPU blocks until done"), "blue",
             "solid"),
        _seg(11.7, 1.08, 1.3, LAUNCH, "blue"),
        _seg(0.1, 2.38, 3.6, COMPUTE, "green"),
        _seg(3.75, 2.38, 1.6, T("拷回主机", "to host"), "orange", size=13),
        _seg(11.65, 2.38, 1.6, T("拷回显存", "to GPU"), "orange", size=13),
        _seg(13.35, 2.38, 4.2, NEXT, "green"),
        *dashed((8.7, 3.4), (14.9, 3.4), "red", 1.5),
        Text(11.8, 3.6 + 0.1, T("GPU 空闲：数据在主机与网络之间往返", "GPU idle: the data travels between host and network"),
             color="red", size=15),
        Text(1.2, 5.0, T("B  把 ncclAllReduce 放进 CUDA 流", "B  ncclAllReduce on a CUDA stream"), color="purple",
             bold=True, size=19, anchor="start"),
        *_lane(5.5, "CPU", "blue"), *_lane(6.8, T("GPU 流", "GPU stream"), "green"),
        _seg(0.1, 5.58, 1.5, LAUNCH, "blue"),
        _seg(1.7, 5.58, 2.6, "ncclAllReduce", "purple", size=13),
        _seg(4.4, 5.58, 1.5, LAUNCH, "blue"),
        _seg(6.0, 5.58, 13.8, T("CPU 已经返回，可以准备下一批数据、发射更多工作",
                                "The CPU has returned: it can prepare the next batch and launch more work"), "gray",
             "#f3f4f6"),
        _seg(0.1, 6.88, 3.6, COMPUTE, "green"),
        _seg(3.75, 6.88, 5.2, T("NCCL kernel：收发 + 归约", "NCCL kernel: send/recv + reduce"), "purple", "solid"),
        _seg(9.0, 6.88, 4.2, NEXT, "green"),
        Arrow((6.3, 6.42), (8.5, 6.84), color="purple", width=2.5),
        Text(17.5, 8.1, T("数据始终留在显存；顺序由流保证，CPU 不必等待",
                          "The data stays in GPU memory; the stream keeps the order, the CPU need not wait"),
             color="purple", size=15),
        Box(1.2, 9.1, 22.0, 2.2, color="gray", fill=PALE),
        Text(12.2, 9.65, T("MPI 标准的集合接口不带 CUDA 流参数：阻塞调用在通信完成后才返回",
                           "MPI's collective calls take no CUDA stream: a blocking call returns when communication is done"),
             bold=True, size=17),
        Text(12.2, 10.35, T("NCCL 的集合调用多一个 cudaStream_t 参数：返回时操作已入队，随后在 GPU 上异步执行",
                            "NCCL's collectives take a cudaStream_t: they return once enqueued and run on the GPU later"),
             color="purple", bold=True, size=17),
        Text(12.2, 10.95, T("（依据 NCCL 头文件 nccl.h 对集合操作与流语义的说明）",
                            "(from the NCCL header nccl.h on collectives and stream semantics)"), color="gray", size=14),
    ),
)

LAYERS = (
    (T("训练脚本 / DDP", "Training script / DDP"), T("loss.backward() 触发梯度同步", "loss.backward() starts the gradient sync"),
     "pink"),
    ("torch.distributed", "init_process_group · all_reduce · new_group", "purple"),
    (T("进程组 ProcessGroupNCCL", "Process group ProcessGroupNCCL"),
     T("另有 ProcessGroupGloo、ProcessGroupMPI", "also ProcessGroupGloo, ProcessGroupMPI"), "teal"),
    ("NCCL", "ncclComm_t · ncclAllReduce(…, stream) · ncclGroupStart/End", "orange"),
    (T("传输层 Transports", "Transports"), T("NVLink / PCIe 点对点 · 共享内存 · InfiniBand / RoCE · TCP socket",
                                            "NVLink / PCIe peer-to-peer · shared memory · InfiniBand / RoCE · TCP"),
     "green"),
    (T("硬件", "Hardware"), T("GPU · NVLink / NVSwitch · PCIe · 网卡与交换机", "GPU · NVLink / NVSwitch · PCIe · NICs and switches"),
     "blue"),
)
LANES = (("rank 0", 15.2), ("rank 1 … p−1", 18.4), (T("键值存储 store", "key-value store"), 21.5))
BOOT = (
    (2.2, 15.2, "ncclGetUniqueId(&id)", None),
    (3.2, 15.2, "store.set(key, id)", (15.2, 21.5)),
    (4.4, 18.4, T("store.get(key) 取得 id", "store.get(key) gets id"), (21.5, 18.4)),
    (5.9, None, T("所有 rank：cudaSetDevice 后调用\nncclCommInitRank(&comm, p, id, rank)",
                  "Every rank: cudaSetDevice, then\nncclCommInitRank(&comm, p, id, rank)"), None),
    (7.6, None, T("检测拓扑、规划环与树\n（NCCL 2.22 起默认在首次通信时才建立连接）",
                  "Detect the topology, plan rings and trees\n(since NCCL 2.22 connections are made at first use)"), None),
    (9.0, None, T("之后 dist.all_reduce(t) → ncclAllReduce 入队到 GPU 上的 CUDA 流",
                  "Then dist.all_reduce(t) → ncclAllReduce on the GPU's stream"), None),
)


def _stack() -> list[Item]:
    items: list[Item] = []
    for i, (name, desc, colour) in enumerate(LAYERS):
        y = 0.2 + i * 1.84
        items += [Box(1.0, y, 11.2, 1.5, color=colour, stroke=2, radius=9),
                  Text(1.4, y + 0.48, name, color=colour, bold=True, size=19, anchor="start"),
                  Text(1.4, y + 1.08, desc, size=14, anchor="start")]
        if i < len(LAYERS) - 1:
            items.append(Arrow((6.6, y + 1.52), (6.6, y + 1.82), width=2))
    return items


def _bootstrap() -> list[Item]:
    items: list[Item] = [Box(13.2, 0.2, 10.0, 11.2, color="orange", fill="white", stroke=2, radius=12),
                         Text(18.2, 0.7, T("建立 NCCL 通信子（一个进程管一块 GPU）",
                                           "Creating an NCCL communicator (one process per GPU)"),
                              color="orange", bold=True, size=18)]
    for label, x in LANES:
        items += [Text(x, 1.4, label, bold=True, size=15), *dashed((x, 1.7), (x, 9.5), "#d1d5db", 1.5)]
    for y, x, label, arrow in BOOT:
        if arrow:
            items.append(Arrow((arrow[0], y + 0.34), (arrow[1], y + 0.34), color="orange", width=2))
        if x is None:
            items.append(Box(13.6, y - 0.55, 9.2, 1.1, label, color="orange", size=14, stroke=1, radius=6))
        else:
            wide = max(width(text_in(label, lang), 14) for lang in ("zh", "en")) / 50 + 0.3
            items.append(Box(x - wide / 2, y - 0.24, wide, 0.48, label, color="#ffffff", fill="white", size=14,
                             radius=3))
    return items


MPI03 = Figure(
    IMAGES + "01MPItoNCCL03",
    T("从 torch.distributed 到 NCCL：软件栈与通信子的建立", "From torch.distributed to NCCL: the stack and the communicator"),
    T("进程组 → NCCL 通信子 → 传输层；唯一标识经由 PyTorch 的 store 传递",
      "Process group → NCCL communicator → transports; the unique id travels through PyTorch's store"),
    rows=13,
    items=(*_stack(), *_bootstrap(),
           Text(18.2, 10.9, T("id 为 128 字节（NCCL_UNIQUE_ID_BYTES）", "the id is 128 bytes (NCCL_UNIQUE_ID_BYTES)"),
                color="gray", size=14),
           Text(12.0, 12.2, T("ncclGetUniqueId 只在一个 rank 上调用；id 如何传给其他进程由调用者决定"
                              "（PyTorch 用 store，也可以用 MPI_Bcast 或套接字）",
                              "ncclGetUniqueId runs on one rank; passing the id on is up to the caller "
                              "(PyTorch uses its store; MPI_Bcast or a socket also work)"), color="gray", size=15)),
)

# ====================================================================== 02Algorithms
TREE_A = {0: [4], 4: [2, 6], 2: [1, 3], 6: [5, 7]}
"""Root 0 has a single child."""
TREE_B = {1: [5], 5: [3, 7], 3: [2, 4], 7: [6, 0]}
"""Tree A shifted by one rank."""


def _tree(tree: dict[int, list[int]], root: int, x0: float, colour: str, name: T) -> list[Item]:
    """A tree drawn level by level below (x0, 1.8), 6.4 units wide; filled circles are interior nodes."""
    levels, frontier = [[root]], [root]
    while frontier := [child for n in frontier for child in tree.get(n, [])]:
        levels.append(frontier)
    spot = {n: (x0 + 6.4 * (i + 0.5) / len(level), 1.8 + d * 1.75) for d, level in enumerate(levels)
            for i, n in enumerate(level)}
    items: list[Item] = [Arrow((spot[a][0], spot[a][1] + 0.5), (spot[b][0], spot[b][1] - 0.5), color=colour, width=2.5,
                               head=False) for a, kids in tree.items() for b in kids]
    items += [disc(x, y, 0.5, str(n), colour, "solid" if n in tree else "white", size=19) for n, (x, y) in spot.items()]
    items.append(Text(x0 + 3.2, 0.85, name, color=colour, bold=True, size=17))
    return items


ALG01 = Figure(
    IMAGES + "02Algorithms01",
    T("两种拓扑：环与双二叉树（8 个 rank，示意）", "Two topologies: a ring and a double binary tree (8 ranks, schematic)"),
    T("环：只与邻居通信，2(p−1) 步；双二叉树：约 2·log_{2}p 步，每棵树传一半数据",
      "Ring: neighbours only, 2(p−1) steps.  Double binary tree: about 2·log_{2}p steps, half the data on each tree"),
    rows=12,
    items=(
        *ring(4.7, 5.0, 3.0, 8, 0.55),
        Text(4.7, 0.7, T("环 Ring", "Ring"), color="red", bold=True, size=20),
        Text(4.7, 8.8, T("每步只与相邻 rank 交换 n/p 字节", "Each step trades n/p bytes with a neighbour"), size=15),
        Text(4.7, 9.3, T("延迟项 2(p−1)α，带宽项 2·(p−1)/p·n/β", "latency 2(p−1)α, bandwidth 2·(p−1)/p·n/β"), bold=True,
             size=15),
        *_tree(TREE_A, 0, 9.5, "blue", T("树 A：内部节点 0、4、2、6", "Tree A: interior nodes 0, 4, 2, 6")),
        *_tree(TREE_B, 1, 16.6, "orange", T("树 B：树 A 平移一位", "Tree B: tree A shifted by one")),
        Text(16.2, 8.8, T("实心 = 内部节点，空心 = 叶子：每个 rank 至多在一棵树里是内部节点",
                          "Filled = interior, open = leaf: each rank is interior in at most one tree"), size=15),
        Text(16.2, 9.3, T("数据一半走树 A、一半走树 B：先向上归约，再向下广播",
                          "Half the data goes by tree A, half by tree B: reduce up, then broadcast down"), bold=True,
             size=15),
        Box(1.2, 10.1, 21.6, 1.3, color="gray", fill=PALE),
        Text(12.0, 10.75, T("双二叉树思想见 Sanders、Speck 与 Träff（2009）；NCCL 2.4 起提供树算法。本图是一种平移构造的示意，"
                            "不是 NCCL 的实际连线",
                            "The double binary tree is from Sanders, Speck and Träff (2009); NCCL has trees since 2.4. "
                            "A shifted construction for illustration, not NCCL's wiring"), size=15),
    ),
)


def t_ring(n: float, p: float, beta: float = B_NIC) -> float:
    return 2 * (p - 1) * ALPHA + 2 * (p - 1) / p * n / beta


def t_tree(n: float, p: float, eta: float = 1.0) -> float:
    return 2 * math.log2(p) * ALPHA + 2 * n / (eta * B_NIC)


def crossover(p: float, eta: float = 1.0) -> float:
    return (p - 1 - math.log2(p)) * ALPHA * B_NIC / (1 / eta - (p - 1) / p)


def _span(lo: float, hi: float, steps: int = 200) -> list[float]:
    return [lo * (hi / lo) ** (i / steps) for i in range(steps + 1)]


DASH = (0, (5, 3))


def _crossovers(axes, language: str) -> None:
    p, sizes = 64, _span(1e3, 4e9)
    axes.plot(sizes, [t_tree(n, p, 0.8) for n in sizes], color=strong("purple"), linewidth=3, linestyle=DASH)
    axes.plot(sizes, [t_tree(n, p) for n in sizes], color=strong("blue"), linewidth=3)
    axes.plot(sizes, [t_ring(n, p) for n in sizes], color=strong("red"), linewidth=3)
    for eta, colour in ((1.0, "blue"), (0.8, "purple")):
        n = crossover(p, eta)
        axes.plot([n], [t_ring(n, p)], "o", color=strong(colour), markersize=13, markeredgecolor="white")
        axes.annotate(f"{fmt_bytes(n)}（η = {eta:g}）" if language == "zh" else f"{fmt_bytes(n)} (η = {eta:g})",
                      (n, t_ring(n, p)), xytext=(-14, 14), textcoords="offset points", ha="right", fontsize=14,
                      fontweight="bold", color=strong(colour))
    axes.text(3e3, 1.6e-3, text_in(T("环：延迟 126α", "ring: latency 126α"), language), fontsize=15, fontweight="bold", va="center",
              color=strong("red"))
    axes.text(1.4e3, 4.5e-4, text_in(T("树：延迟 12α（实线 η = 1，虚线 η = 0.8）",
                                       "tree: latency 12α (solid η = 1, dashed η = 0.8)"), language), fontsize=14, va="center",
              fontweight="bold", color=strong("blue"))
    frame(axes, [(1e3, "1 KB"), (1e5, "100 KB"), (1e7, "10 MB"), (1e9, "1 GB"), (4e9, "")],
           [(1e-4, "0.1"), (1e-3, "1"), (1e-2, "10"), (1e-1, "100"), (1, "1000")],
           T("消息大小 n（p = 64）", "message size n (p = 64)"), T("全归约时间（ms）", "All-Reduce time (ms)"),
           T("p = 64 时两条曲线的交点", "Where the curves cross at p = 64"), language)
    right = axes_at(axes, 12.2, (15.0, 0.5, 8.2, 8.8))
    ps = _span(4, 256)
    right.plot(ps, [crossover(q) for q in ps], color=strong("blue"), linewidth=3.5)
    right.plot(ps, [crossover(q, 0.8) for q in ps], color=strong("purple"), linewidth=3.5, linestyle=DASH)
    for eta, colour in ((1.0, "blue"), (0.8, "purple")):
        marks = (8, 16, 64, 128)
        right.plot(marks, [crossover(q, eta) for q in marks], "o", color=strong(colour), markersize=10)
    right.text(30, 3e9, mathtext(T("η = 1：n* = p(p−1−log_{2}p)αβ", "η = 1: n* = p(p−1−log_{2}p)αβ"), language),
               ha="right", fontsize=14, fontweight="bold", color=strong("blue"))
    right.text(40, 2e6, "η = 0.8", fontsize=15, fontweight="bold", color=strong("purple"))
    frame(right, [(4, "4"), (16, "16"), (64, "64"), (256, "256")],
           [(1e5, "100 KB"), (1e7, "10 MB"), (1e9, "1 GB"), (1e11, "100 GB")], T("rank 数 p", "ranks p"), None,
           T("交叉点 n* 随 p 的变化：小于 n* 时树更快", "The crossover n* against p: below n* the tree wins"), language)
    draw_items(axes, 12.2, (Text(12.0, 11.4, T("交叉点随 p 增长，并且对树的带宽效率 η 非常敏感：一个固定的切换阈值难以适用于所有规模与拓扑",
                                              "The crossover grows with p and is very sensitive to the tree's efficiency "
                                              "η: no fixed threshold suits every scale and topology"), size=15),),
               language)


ALG02 = Plot(
    IMAGES + "02Algorithms02",
    T("环与树的交叉点（α = 10 μs、β = 25 GB/s 均为假设值）", "The ring–tree crossover (α = 10 μs, β = 25 GB/s, both assumed)"),
    mathtext("Ring: 2(p−1)α + 2(p−1)/p·n/β     Tree (ideal, efficiency η): 2·log_{2}p·α + 2n/(η·β)", "en"),
    rows=12.2, draw=_crossovers, area=(3.0, 0.5, 9.0, 8.8),
)


def _bandwidths(axes, language: str) -> None:
    ranks = _span(2, 64)
    axes.plot(ranks, [2 * (n - 1) / n for n in ranks], color=strong("red"), linewidth=3.5)
    axes.plot(ranks, [(n - 1) / n for n in ranks], color=strong("blue"), linewidth=3.5)
    axes.axhline(1.0, color=strong("gray"), linewidth=2, linestyle=DASH)
    axes.text(20, 2.02, text_in(T("AllReduce：2(n−1)/n", "AllReduce: 2(n−1)/n"), language), ha="center", fontsize=15,
              fontweight="bold", color=strong("red"))
    axes.text(16, 0.74, text_in(T("AllGather、ReduceScatter：(n−1)/n", "AllGather, ReduceScatter: (n−1)/n"), language),
              ha="center", fontsize=15, fontweight="bold", color=strong("blue"))
    axes.text(3, 1.06, text_in(T("Broadcast、Reduce：1", "Broadcast, Reduce: 1"), language), fontsize=14,
              color=strong("gray"))
    frame(axes, [(2, "2"), (4, "4"), (8, "8"), (16, "16"), (32, "32"), (64, "64")],
           [(0, "0"), (0.5, "0.5"), (1, "1"), (1.5, "1.5"), (2, "2"), (2.2, "")], T("rank 数 n", "ranks n"),
           "busbw / algbw", T("换算因子只取决于操作和 rank 数", "The factor depends only on the operation and n"),
           language, ylog=False, base=2)
    p, beta = 8, B_NVLINK
    right = axes_at(axes, 12.2, (14.6, 0.6, 8.6, 8.5))
    sizes = _span(1e4, 1e10)
    right.axhline(beta / 1e9, color=strong("gray"), linewidth=2, linestyle=DASH)
    right.plot(sizes, [n / t_ring(n, p, beta) / 1e9 for n in sizes], color=strong("blue"), linewidth=3.5)
    right.plot(sizes, [n / t_ring(n, p, beta) * 2 * (p - 1) / p / 1e9 for n in sizes], color=strong("red"),
               linewidth=3.5)
    half = p * ALPHA * beta
    right.plot([half], [150], "o", color=strong("red"), markersize=12, markeredgecolor="white")
    right.annotate(text_in(T("S = pαβ = 24 MB：busbw = β/2", "S = pαβ = 24 MB: busbw = β/2"), language), (half, 150),
                   xytext=(-12, 14), textcoords="offset points", ha="right", fontsize=14, fontweight="bold",
                   color=strong("red"))
    right.text(2e4, 308, text_in(T("β = 300 GB/s（A100 NVLink 单方向）", "β = 300 GB/s (A100 NVLink, one way)"), language),
               fontsize=14, color=strong("gray"))
    right.text(3e9, 268, "busbw", ha="center", fontsize=16, fontweight="bold", color=strong("red"))
    right.text(3e9, 140, "algbw", ha="center", fontsize=16, fontweight="bold", color=strong("blue"))
    frame(right, [(1e4, "10 KB"), (1e6, "1 MB"), (1e8, "100 MB"), (1e10, "10 GB")],
           [(0, "0"), (100, "100"), (200, "200"), (300, "300"), (330, "")],
           T("消息大小 S（p = 8，α = 10 μs 为假设值）", "message size S (p = 8, α = 10 μs assumed)"), "GB/s",
           T("环形全归约：busbw = β / (1 + pαβ/S)", "Ring All-Reduce: busbw = β / (1 + pαβ/S)"), language, ylog=False)
    draw_items(axes, 12.2, (Text(12.0, 11.4, T("S = 1 GB 时 t ≈ 5.97 ms，algbw ≈ 167 GB/s，busbw ≈ 293 GB/s：后者可以直接与链路带宽比较",
                                              "At S = 1 GB, t ≈ 5.97 ms, algbw ≈ 167 GB/s, busbw ≈ 293 GB/s: the "
                                              "latter compares directly with the link bandwidth"), size=15),), language)


ALG03 = Plot(
    IMAGES + "02Algorithms03",
    T("算法带宽与总线带宽（nccl-tests 的约定）", "Algorithm bandwidth and bus bandwidth (the nccl-tests convention)"),
    "algbw = S/t;  busbw = algbw × factor;  factor: all-reduce 2(n−1)/n, all-gather & reduce-scatter (n−1)/n",
    rows=12.2, draw=_bandwidths, area=(3.0, 0.6, 8.6, 8.5),
)

# ====================================================================== 03Hierarchical


def _server(x: float, name: T) -> tuple[list[Item], list[tuple[float, float]]]:
    """A server of 8 GPUs behind an NVSwitch, one NIC per GPU; also the NICs' bottom middles."""
    y, w, h = 0.2, 10.0, 6.2
    gw, nic_y = (w - 0.8 - 7 * 0.14) / 8, y + h - 1.2
    items: list[Item] = [Box(x, y, w, h, color="gray", stroke=2, radius=12),
                         Text(x + w / 2, y + 0.4, name, bold=True, size=16),
                         Box(x + 0.4, y + 0.85, w - 0.8, 0.8, T("NVSwitch：机内任意两块 GPU 经 NVLink 相连",
                                                                "NVSwitch: any two GPUs in the server joined by NVLink"),
                             color="green", size=13, radius=5)]
    ends = []
    for g in range(8):
        gx = x + 0.4 + g * (gw + 0.14)
        items += [Arrow((gx + gw / 2, y + 1.68), (gx + gw / 2, y + 2.15), color="green", width=2.5, head=False),
                  Box(gx, y + 2.15, gw, 1.1, f"GPU{g}", bold=True, size=13, radius=5),
                  Arrow((gx + gw / 2, y + 3.28), (gx + gw / 2, nic_y), color="orange", width=2, head=False),
                  Box(gx, nic_y, gw, 0.7, "NIC", color="orange", size=12, radius=5)]
        ends.append((gx + gw / 2, nic_y + 0.7))
    return items, ends


def _cluster() -> list[Item]:
    left, nics_a = _server(1.0, T("服务器 0（8 块 GPU）", "Server 0 (8 GPUs)"))
    right, nics_b = _server(13.0, T("服务器 1（8 块 GPU）", "Server 1 (8 GPUs)"))
    items = [*left, *right]
    for g in range(8):
        sx = 2.4 + g * 2.7
        items += [Arrow(nics[g], (sx, 8.1), color=RANKS[g], width=1.5, head=False) for nics in (nics_a, nics_b)]
        items += [Box(sx - 0.95, 8.1, 1.9, 0.8, T(f"轨 {g} 交换机", f"rail {g} switch"), color=RANKS[g], fill="white",
                      bold=True, size=12, stroke=2, radius=6),
                  Arrow((sx, 8.92), (sx, 9.58), width=1.5, head=False)]
    items += [Box(2.0, 9.6, 20.0, 0.7, T("上层交换机：连接各轨；同号 GPU 之间的流量可以只经过本轨",
                                         "Upper switches join the rails; traffic between same-numbered GPUs can stay "
                                         "on its rail"), color="gray", fill="white", size=14, radius=6)]
    for x, colour, head, line in ((1.2, "green", T("机内：A100 每块 GPU 12 条 NVLink", "Inside: 12 NVLinks per A100 GPU"),
                                   T("单方向合计 300 GB/s（A100 白皮书）", "300 GB/s per direction in all (A100 whitepaper)")),
                                  (12.4, "orange", T("机间：假设每块 GPU 一块 200 Gb/s 网卡",
                                                     "Between servers: one 200 Gb/s NIC per GPU (assumed)"),
                                   T("= 25 GB/s，比机内慢约 12 倍（假设值）", "= 25 GB/s, about 12× slower than inside (assumed)"))):
        items += [Box(x, 10.7, 10.4, 1.5, color=colour, stroke=1.5),
                  Text(x + 5.2, 11.15, head, color=colour, bold=True, size=16),
                  Text(x + 5.2, 11.75, line, color=colour, size=16)]
    return items


HIER01 = Figure(
    IMAGES + "03Hierarchical01",
    T("真实集群的两级带宽：机内 NVLink，机间网络（示意）",
      "Two levels of bandwidth: NVLink inside, the network between (schematic)"),
    T("机内：经 NVSwitch 的 NVLink；机间：每块 GPU 一块网卡，各连自己的轨交换机",
      "Inside a server: NVLink through NVSwitch.  Between servers: one NIC per GPU, each to its own rail switch"),
    rows=12.6, items=tuple(_cluster()),
)

HIER_COLUMNS = (T("开始：每块 GPU 有完整梯度", "start: every GPU has all gradients"),
                T("① 机内归约散播", "① Reduce-Scatter inside"),
                T("② 机间全归约（同号 GPU）", "② All-Reduce across (same GPU number)"),
                T("③ 机内全收集", "③ All-Gather inside"))
HIER_COSTS = (T("(G−1)α + (G−1)/G · n/β_{机内}", "(G−1)α + (G−1)/G · n/β_{intra}"),
              T("2(N−1)α + 2(N−1)/N · n/(G·β_{机间})", "2(N−1)α + 2(N−1)/N · n/(G·β_{inter})"),
              T("(G−1)α + (G−1)/G · n/β_{机内}", "(G−1)α + (G−1)/G · n/β_{intra}"))


def _hier_cell(k: int, node: int, g: int, b: int) -> tuple[Label, str, bool]:
    """Block b of GPU g on server `node` in column k: (label, fill, dark)."""
    if k == 0:
        return str(b), "#e2e8f0" if RANKS[node * 4 + g].startswith("#") else light(RANKS[node * 4 + g]), False
    if k == 3 or b == g:
        return (T("Σ机", "Σ_{s}") if k == 1 else "Σ"), ("blue", "orange")[node] if k == 1 else "ink", True
    return "", PALE, False


def _hierarchical(G: int = 4, N: int = 2) -> list[Item]:
    cx0, cw, cell, top, rowh = 4.3, 5.2, 0.8, 1.0, 1.18
    items: list[Item] = [Text(cx0 + k * cw + 2 * cell, 0.3, label, bold=True, size=15)
                         for k, label in enumerate(HIER_COLUMNS)]
    for node in range(N):
        y0 = top + node * (G * rowh + 0.7)
        items += [Box(0.6, y0 - 0.2, 22.8, G * rowh + 0.2, color="#d1d5db", fill="none", radius=9),
                  Text(1.7, y0 + G * rowh / 2 - 0.1, T(f"服务器 {node}", f"Server {node}"),
                       color=("blue", "orange")[node], bold=True, size=17)]
        for g in range(G):
            y = y0 + g * rowh
            items.append(Text(cx0 - 0.2, y + cell / 2, f"GPU{g}", size=14, anchor="end"))
            for k in range(4):
                for b in range(G):
                    label, fill, dark = _hier_cell(k, node, g, b)
                    items.append(Box(cx0 + k * cw + b * cell + 0.04, y + 0.04, cell - 0.08, cell - 0.08, label or None,
                                     color=fill, fill="solid" if dark else fill, bold=dark, size=13, radius=4))
    bottom = top + 2 * G * rowh + 1.1
    for k, cost in enumerate(HIER_COSTS):
        xc = cx0 + k * cw + (G * cell + cw) / 2
        items += [Arrow((cx0 + k * cw + G * cell + 0.2, top + G * rowh + 0.25),
                        (cx0 + (k + 1) * cw - 0.2, top + G * rowh + 0.25), color="red", width=3),
                  Box(xc - 2.5, bottom, 5.0, 0.9, cost, color="red", size=12, stroke=1.5, radius=6)]
    for g in range(G):
        x = cx0 + 2 * cw + g * cell + cell / 2
        items += dashed((x, top + g * rowh + cell + 0.06), (x, top + G * rowh + 0.7 + g * rowh - 0.06), "purple", 1.5,
                        0.1, 0.08)
    items.append(Text(12.0, bottom + 1.5, T("数字 0–3：梯度的四个分块；Σ机：本机 4 块 GPU 之和；Σ：全部 8 块 GPU 之和；"
                                            "紫色虚线：步骤②中的机间通信只在同号 GPU 之间进行",
                                            "0–3: the gradient's four blocks; Σ_{s}: sum of the server's 4 GPUs; Σ: "
                                            "of all 8; purple dashes: step ② talks only between same-numbered GPUs"),
                      color="gray", size=14))
    return items


HIER02 = Figure(
    IMAGES + "03Hierarchical02",
    T("分层全归约：机内归约散播 → 机间全归约 → 机内全收集（2 台 × 4 块 GPU）",
      "Hierarchical All-Reduce: RS inside → AR across → AG inside (2 × 4 GPUs)"),
    T("步骤①后每块 GPU 持有本机之和的 1/G；步骤②是 G 个互相独立的机间全归约",
      "Each GPU ends step 1 with 1/G of its node's sum; step 2 runs G independent all-reduces across nodes"),
    rows=13.8, items=tuple(_hierarchical()),
)


def _intra(n: float, G: int = 8) -> float:
    return 2 * ((G - 1) * ALPHA + (G - 1) / G * n / B_NVLINK)


SCHEMES = (
    (lambda n: t_ring(n, 128), "red", False, T("单个扁平环", "one flat ring")),
    (lambda n: t_ring(n / 8, 128), "orange", True, T("8 个扁平环并行（理想）", "8 flat rings in parallel (ideal)")),
    (lambda n: _intra(n) + 2 * 15 * ALPHA + 2 * 15 / 16 * (n / 8) / B_NIC, "blue", False,
     T("分层：机内 RS + 机间环 + 机内 AG", "hierarchical: RS in + ring across + AG in")),
    (lambda n: _intra(n) + 2 * 2 * ALPHA + (n / 8) / B_NIC, "green", True,
     T("分层 + 机间网内归约（示意模型）", "hierarchical + in-network reduce (sketch)")),
)
"""16 servers × 8 GPUs: flat ring(s) over p = 128 ranks, or inside / across / inside."""


def _schemes(axes, language: str) -> None:
    sizes = _span(1e4, 1e10)
    for cost, colour, dashes, _ in SCHEMES:
        axes.plot(sizes, [cost(n) for n in sizes], color=strong(colour), linewidth=3.5,
                  linestyle=DASH if dashes else "-")
    for n in (1e6, 1e9):
        axes.axvline(n, color="#9ca3af", linewidth=1.5, linestyle=(0, (4, 4)))
    frame(axes, [(1e4, "10 KB"), (1e6, "1 MB"), (1e8, "100 MB"), (1e10, "10 GB")],
           [(1e-4, "0.1"), (1e-3, "1"), (1e-2, "10"), (1e-1, "100"), (1, "1000")],
           T("消息大小 n", "message size n"), T("全归约时间（ms）", "All-Reduce time (ms)"), "", language)
    lx = 17.1
    table: list[Item] = [Text(lx, 0.6, T("模型", "model"), bold=True, size=16, anchor="start"),
                         Text(lx + 3.9, 0.6, "1 MB", bold=True, size=16), Text(lx + 5.6, 0.6, "1 GB", bold=True, size=16)]
    for i, (cost, colour, dashes, label) in enumerate(SCHEMES):
        y = 1.6 + i * 1.9
        sample = dashed((lx, y), (lx + 0.8, y), colour, 4, 0.2, 0.12) if dashes else [
            Arrow((lx, y), (lx + 0.8, y), color=colour, width=4, head=False)]
        table += [*sample, Text(lx, y + 0.55, label, color=colour, bold=True, size=12, anchor="start"),
                  Text(lx + 3.9, y, f"{cost(1e6) * 1e3:.2f} ms", size=14),
                  Text(lx + 5.6, y, f"{cost(1e9) * 1e3:.2f} ms", size=14)]
    table += [Box(lx - 0.2, 9.1, 6.7, 0.8, T("分层主要削减延迟项；大消息要看网卡是否都用上",
                                             "Hierarchy cuts latency; large messages need every NIC"),
                  color="gray", fill=PALE, size=12, stroke=1),
              Text(12.0, 12.1, T("小消息：步数从 2(p−1) = 254 降到 2(G−1) + 2(N−1) = 44；大消息：机间流量摊到 8 块网卡上，与 8 个并行环相当",
                                 "Small messages: steps fall from 2(p−1) = 254 to 2(G−1) + 2(N−1) = 44; large: the "
                                 "traffic across spreads over 8 NICs, like 8 parallel rings"), size=15)]
    draw_items(axes, 12.8, tuple(table), language)


HIER03 = Plot(
    IMAGES + "03Hierarchical03",
    T("128 块 GPU（16 台 × 8 块）上全归约时间的 α–β 估算", "α–β estimates of All-Reduce time on 128 GPUs (16 servers × 8)"),
    T("α = 10 μs 与 25 GB/s 网卡为假设值；NVLink 单方向 300 GB/s 取自 A100 白皮书",
      "α = 10 μs and the 25 GB/s NIC are assumptions; NVLink 300 GB/s per direction from the A100 whitepaper"),
    rows=12.8, draw=_schemes, area=(3.3, 0.3, 13.0, 9.6),
)


def _bucket_schedule(bucket: float, n: float = 1e9, t_bwd: float = 30e-3, p: int = 8) -> list[tuple[float, float]]:
    """When each bucket's All-Reduce runs: a bucket is ready when the backward pass has produced it,
    and the All-Reduces run one after another."""
    k = max(1, round(n / bucket))
    done, segments = 0.0, []
    for i in range(1, k + 1):
        start = max(done, t_bwd * i / k)
        done = start + t_ring(n / k, p, B_NVLINK)
        segments.append((start, done))
    return segments


BUCKETS = (
    (T("不重叠：反向结束后一次全归约", "no overlap: after backward"), None,
     T("暴露 5.97 ms", "5.97 ms exposed")),
    (T("桶 250 MB（4 次调用）", "250 MB buckets (4 calls)"), 250e6, T("暴露 1.60 ms", "1.60 ms exposed")),
    (T("桶 25 MB（40 次调用）", "25 MB buckets (40 calls)"), 25e6, T("暴露 0.29 ms", "0.29 ms exposed")),
    (T("桶 1 MB（1000 次调用）", "1 MB buckets (1000 calls)"), 1e6, T("暴露 115.9 ms", "115.9 ms exposed")),
)


def _timeline() -> list[Item]:
    x0, x1, t_max = 4.2, 22.8, 40e-3

    def at(t: float) -> float:
        return x0 + t * (x1 - x0) / t_max

    items: list[Item] = [Arrow((x0, 10.3), (x1, 10.3), color="ink", width=1.5, head=False),
                         Text((x0 + x1) / 2, 11.3, T("时间（ms）", "time (ms)"), size=15)]
    for ms in range(0, 41, 5):
        items += [Arrow((at(ms * 1e-3), 10.3), (at(ms * 1e-3), 10.44), color="ink", width=1.5, head=False),
                  Text(at(ms * 1e-3), 10.75, str(ms), size=13)]
    for i, (label, bucket, note) in enumerate(BUCKETS):
        y = 0.3 + i * 2.45
        comm = y + 0.95
        segments = [(30e-3, 30e-3 + 5.973e-3)] if bucket is None else _bucket_schedule(bucket)
        if len(segments) >= 100:  # back to back: drawn as one bar, as the old figure's 3-px cells looked
            segments = [(segments[0][0], segments[-1][1])]
        items += [Text(x0 - 0.2, y + 0.5, label, bold=True, size=13, anchor="end"),
                  Box(at(0), y, at(30e-3) - at(0), 0.7, T("反向计算", "backward"), color="green", size=13, radius=4)]
        items += [Box(at(s), comm, max(0.04, at(min(e, t_max)) - at(s) - 0.03), 0.6, color="purple", fill="solid",
                      radius=2) for s, e in segments if s < t_max]
        end = segments[-1][1]
        if end > t_max:
            items += [Text(x1 - 0.1, comm + 1.0, T("…一直排到约 146 ms", "…queued until about 146 ms"), color="red",
                           bold=True, size=13, anchor="end"),
                      Text(at(31e-3), comm - 0.38, note, color="red", bold=True, size=13, anchor="start")]
        else:
            items += [Arrow((at(30e-3), comm + 0.75), (at(end), comm + 0.75), color="red", width=2.5, head=False),
                      Text(at(end) + 0.15, comm + 0.3, note, color="red", bold=True, size=13, anchor="start")]
    items += [*dashed((at(30e-3), 0.2), (at(30e-3), 10.25), "#9ca3af", 1.5),
              Text(at(30e-3), -0.05, T("反向结束", "backward ends"), color="gray", size=12),
              Text(12.0, 12.4, T("桶太大：最后一桶要等到反向结束才开始；桶太小：每次调用的固定开销累积起来超过反向时间",
                                 "Buckets too large: the last waits for the end of backward; too small: the fixed cost "
                                 "per call adds up to more than backward"), size=15)]
    return items


HIER04 = Figure(
    IMAGES + "03Hierarchical04",
    T("梯度分桶：让全归约与反向计算重叠（示意模型）", "Gradient bucketing: overlapping All-Reduce with backward (schematic model)"),
    T("单机 8 块 GPU，1 GB 梯度，反向 30 ms（假设值）；只有反向结束之后的部分是暴露的",
      "8 GPUs in one node, 1 GB of gradients, 30 ms of backward (assumed); only the part after backward is exposed"),
    rows=13, items=tuple(_timeline()),
)

FIGURES = [MPI01, MPI02, MPI03, ALG01, ALG02, ALG03, HIER01, HIER02, HIER03, HIER04]

# ====================================================================== decks
MODULE, CHAPTER = "通信架构", "集合通信库"
DECKS = [
    Deck("05XCCL/02Library/01MPItoNCCL.pdf", MODULE, CHAPTER, "从 MPI 到 NCCL：为 GPU 而生的集合通信库",
         "通信子、CUDA 流与 torch.distributed", "第 01 讲", (
             Bullets("MPI：集合通信的标准接口", (
                 "MPI 论坛制定的接口标准，MPI-1.0 发布于 1994 年；Open MPI、MPICH 是实现",
                 "通信子划定参与者：MPI_COMM_WORLD；rank 是进程在通信子中的编号",
                 "MPI_Comm_split 按颜色划分子通信子，同一进程可有不同编号",
                 "集合操作：MPI_Bcast、MPI_Reduce、MPI_Allreduce、MPI_Allgather、MPI_Reduce_scatter 等",
                 "所有进程按相同顺序调用；阻塞调用返回时结果已可用",
             )),
             Picture("通信子与进程编号（示例程序的实际输出）", MPI01,
                     "Open MPI 4.1.4，4 个进程：全局和 [10 100 2]，两个半组之和 3 与 7"),
             Picture("主机驱动与流驱动", MPI02, "MPI 集合接口不带 CUDA 流参数；NCCL 的调用入队即返回，由 GPU 异步执行"),
             Bullets("NCCL 的编程模型", (
                 "ncclGetUniqueId：生成 128 字节的唯一标识，由用户分发给所有进程",
                 "cudaSetDevice 后调用 ncclCommInitRank(&comm, nranks, id, rank)",
                 "ncclAllReduce(sendbuff, recvbuff, count, datatype, op, comm, stream)",
                 "ncclGroupStart/ncclGroupEnd：单线程多 GPU、合并多次调用、并发点对点",
                 "ncclCommSplit（2.18 起）对应 MPI_Comm_split",
             )),
             Picture("从 torch.distributed 到 NCCL", MPI03, "rank 0 把唯一标识写进进程组的键值存储，其他 rank 读出后一起建立通信子"),
             Bullets("小结", (
                 "MPI：以进程和主机为中心，阻塞集合调用返回即完成",
                 "GPU 训练：数据在显存，计算在 CUDA 流上异步执行",
                 "NCCL：通信是流上的 kernel，入队即返回，数据不离开显存",
                 "PyTorch nccl 后端：init_process_group + all_reduce，wait() 只让当前流等待",
             ), summary=True),
         )),
    Deck("05XCCL/02Library/02Algorithms.pdf", MODULE, CHAPTER, "通信库如何选择算法：环、树、协议与带宽口径",
         "α–β 交叉点、NCCL_ALGO / NCCL_PROTO、algbw 与 busbw", "第 02 讲", (
             Bullets("一次调用，多种实现", (
                 "NCCL 的实现 = 算法（Ring、Tree、CollNet、NVLS…）× 协议（LL、LL128、Simple）",
                 "维护者：为每种组合建模，按消息大小估算耗时，取最小者",
                 "选择随节点数、每节点 GPU 数、消息大小、机内外带宽而变",
                 "NCCL 2.4 起提供树算法：改善大规模与中小消息的全归约",
             )),
             Picture("环与双二叉树", ALG01, "每 GPU 数据量：环 2(N−1)S/N，树约 2S；差别在步数"),
             Picture("α–β 交叉点", ALG02, "η = 1 时 n* = p(p−1−log_{2}p)αβ；p = 64：912 MB（η = 1）、53.6 MB（η = 0.8）"),
             Bullets("协议与环境变量", (
                 "源码 device.h：LL 每 16 字节带 8 字节数据，LL128 每 128 字节带 120 字节",
                 "NCCL_ALGO（2.5 起）：Ring、Tree、Collnet 系列、NVLS、NVLSTree、PAT 等",
                 "2.24 起可按函数指定，如 NCCL_ALGO=\"ring;allreduce:tree,ring\"",
                 "NCCL_PROTO：LL、LL128、Simple；在不支持的平台上启用 LL128 可能损坏数据",
                 "两者都在“调试”一节：用于实验与排查，不宜留在生产环境",
             )),
             Picture("算法带宽与总线带宽", ALG03,
                     "nccl-tests：busbw = algbw × 2(n−1)/n（全归约），(n−1)/n（全收集、归约散播）"),
             Bullets("小结", (
                 "通信库用代价模型在“算法 × 协议”之间选择",
                 "树降低延迟项，环带宽最优；交叉点随 p 增长，对树的效率 η 很敏感",
                 "NCCL_ALGO / NCCL_PROTO 只用于限制选择范围",
                 "环形全归约 busbw = β / (1 + pαβ/S)：1 GB、8 GPU 时约 293 GB/s",
             ), summary=True),
         )),
    Deck("05XCCL/02Library/03Hierarchical.pdf", MODULE, CHAPTER, "分层集合通信：机内、机间、网内与计算重叠",
         "两级带宽下的全归约与梯度分桶", "第 03 讲", (
             Picture("两级带宽的集群", HIER01, "A100 白皮书：NVLink 单方向 300 GB/s；机间 25 GB/s 为假设值（200 Gb/s 网卡）"),
             Picture("分层全归约的三步", HIER02, "机内归约散播 → 机间全归约（G 组并行）→ 机内全收集"),
             Bullets("代价对比", (
                 "扁平环：2(p−1)α + 2·(p−1)/p·n/β_{机间}，只用到一块网卡",
                 "分层：2(G+N−2)α + 2·(G−1)/G·n/β_{机内} + 2·(N−1)/N·n/(G·β_{机间})",
                 "NCCL 只构建扁平环、不构建二维环（维护者）；可分多条通道并行，另有树",
                 "Horovod 分层全归约：ncclReduceScatter → MPI_Allreduce → ncclAllGather",
             )),
             Picture("128 块 GPU 的估算", HIER03, "1 MB：扁平环 2.62 ms，分层 0.46 ms；1 GB：扁平环 81.92 ms，分层 15.65 ms"),
             Bullets("网内归约", (
                 "SHArP（Graham 等，COMHPC 2016）：SwitchIB-2 交换芯片中的聚合树",
                 "论文摘要：128 台主机，8 字节 MPI_Allreduce 6.01 → 2.83 μs",
                 "每个节点只送出一次、收回一次：机间流量约为环的一半",
                 "NCCL：CollNet 插件；NVLS、NVLSTree 启用 NVLink SHARP 卸载",
             )),
             Picture("梯度分桶：计算与通信重叠", HIER04, "DDP 默认桶上限 25 MiB；示意模型中 25 MB 桶只暴露约 0.29 ms"),
             Bullets("小结", (
                 "分层主要削减延迟项，并让所有网卡分担机间流量",
                 "网内归约让交换机做加法，延迟几乎与节点数无关",
                 "DDP 按逆序分桶、桶就绪即异步全归约（Li 等，VLDB 2020）",
                 "桶太大藏不住，桶太小固定开销累积",
             ), summary=True),
         )),
]
