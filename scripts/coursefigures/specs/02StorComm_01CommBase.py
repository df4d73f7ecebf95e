"""Figures and decks of 02StorComm/01CommBase (通信基础: the α–β model, RDMA, PCIe).

Every number drawn here is one the articles cite next to the figure, with the same source: PCIe
transfer rates and encodings from the PCI Express Base Specification (PCI-SIG), the PCIe x16
values quoted by the NVIDIA A100 and H100 whitepapers, the RoCE v2 UDP port from the IANA
registry, transport/operation support from rdma-core's ibv_wr_post(3), GPUDirect RDMA placement
from NVIDIA's GPUDirect RDMA documentation and NCCL_NET_GDR_LEVEL from the NCCL documentation.
Computed values say so; worked examples with assumed values say so; schematics say so in their titles.
"""

from __future__ import annotations

from ..fit import width
from ..shapes import line
from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Label, Picture, Plot, T, Text, text_in
from ..style import RULE, UNIT, strong

IMAGES = "02StorComm/01CommBase/images/"
PANEL = RULE
"""Outline of the white panels that group a figure's halves."""


def _note(x: float, y: float, label: Label, color: str = "ink", size: float = 12, anchor: str = "middle",
          bold: bool = False) -> list[Item]:
    """Text on a white patch, so it stays legible over lifelines and arrows (the patch is as wide as
    the longer language's text). Belongs in the framework as a `Text(..., plate=True)`."""
    lines = [line for language in ("zh", "en") for line in text_in(label, language).split("\n")]
    w = max(width(line, size, bold) for line in lines) / UNIT + 0.3
    h = len(text_in(label, "zh").split("\n")) * size * 1.3 / UNIT + 0.2
    h = max(h, len(text_in(label, "en").split("\n")) * size * 1.3 / UNIT + 0.2)
    left = {"middle": x - w / 2, "start": x - 0.15, "end": x - w + 0.15}[anchor]
    return [Box(left, y - h / 2, w, h, color="#ffffff", fill="white", radius=4),
            Text(x, y, label, color=color, size=size, bold=bold, anchor=anchor)]


def _line(*points: tuple[float, float], color: str = "gray", width: float = 3.0) -> Arrow:
    """A plain polyline, a little heavier than elsewhere (this chapter's timelines)."""
    return line(*points, color=color, width=width)


def _path(*points: tuple[float, float], color: str, width: float = 4.5) -> Arrow:
    """A data path: a polyline through `points` that ends in a head."""
    return Arrow(points[0], points[-1], color=color, width=width, via=points[1:-1])


def _panel(x: float, y: float, w: float, h: float, name: Label, color: str, size: float = 19) -> list[Item]:
    """A white panel with its heading."""
    return [Box(x, y, w, h, color=PANEL, fill="white", radius=10),
            Text(x + w / 2, y + 0.45, name, color=color, bold=True, size=size)]


# ====================================================================== 01AlphaBeta
def _alpha_beta(axes, language: str) -> None:
    """T(n) = α + n/β with its two terms; where they are equal, T = 2α at n = α·β."""
    alpha, slope = 2.0, 0.6
    ns = [0.0, 10.0]
    axes.plot(ns, [alpha + slope * n for n in ns], color=strong("blue"), linewidth=4.5)
    axes.plot(ns, [alpha, alpha], color=strong("orange"), linewidth=2.5, linestyle=(0, (5, 3)))
    axes.plot(ns, [slope * n for n in ns], color=strong("green"), linewidth=2.5, linestyle=(0, (5, 3)))
    half = alpha / slope
    axes.plot([half, half], [0, 2 * alpha], color=strong("ink"), linewidth=1.5, linestyle=(0, (4, 3)))
    axes.plot([half], [2 * alpha], "o", color=strong("ink"), markersize=12)
    say = {"fontsize": 17}
    axes.text(half, -0.45, r"$n_{1/2}$ = α·β", ha="center", va="top", fontweight="bold", **say)
    axes.text(half + 0.2, 2 * alpha + 0.15, text_in(T("此处 T = 2α：两项相等", "Here T = 2α: the two terms are equal"),
                                                  language), ha="left", va="bottom", **say)
    axes.text(-0.15, alpha, "α", ha="right", va="center", fontsize=24, fontweight="bold", color=strong("orange"))
    axes.text(8.6, alpha - 0.25, text_in(T("固定开销 α（延迟）", "Fixed overhead α (latency)"), language), ha="center",
              va="top", color=strong("orange"), **say)
    axes.text(9.05, slope * 9 - 0.5, text_in(T("n/β：斜率 1/β", "n/β: slope 1/β"), language), ha="left", va="center",
              color=strong("green"), **say)
    axes.text(6.8, alpha + slope * 7 + 0.45, "T(n) = α + n/β", ha="right", va="center", fontsize=21,
              fontweight="bold", color=strong("blue"))
    for x, label, colour in ((1.2, T("小消息：\n延迟主导", "Small messages:\nlatency-bound"), "orange"),
                             (6.0, T("大消息：\n带宽主导", "Large messages:\nbandwidth-bound"), "green")):
        axes.text(x, 9, text_in(label, language), ha="center", va="center", fontsize=20, fontweight="bold",
                  color=strong(colour))
    axes.set_xlim(0, 10)
    axes.set_ylim(0, 10)
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_xlabel(text_in(T("消息大小 n（字节）", "Message size n (bytes)"), language), fontsize=17, labelpad=42)
    axes.set_ylabel(text_in(T("时间 T", "Time T"), language), fontsize=17)


AB01 = Plot(
    IMAGES + "01AlphaBeta01",
    T("α–β 模型：传输时间 T(n) = α + n/β", "The α–β model: transfer time T(n) = α + n/β"),
    T("延迟加上消息大小除以带宽", "Latency plus size over bandwidth"),
    rows=12,
    draw=_alpha_beta,
    area=(3.3, 0.2, 19.0, 10.0),
)


def _effective(axes, language: str) -> None:
    """n/T(n) over β against n/(α·β): x/(1 + x) on a log axis, with the 50/90/99 % points."""
    xs = [10 ** (k / 20) for k in range(-40, 61)]
    axes.plot(xs, [x / (1 + x) for x in xs], color=strong("blue"), linewidth=4.5)
    axes.axhline(1.0, color=strong("gray"), linewidth=2, linestyle=(0, (5, 3)))
    for x, label in ((1, "n = α·β：50%"), (9, "n = 9·α·β：90%"), (99, "n = 99·α·β：99%")):
        axes.plot([x], [x / (1 + x)], "o", color=strong("orange"), markersize=11, markeredgecolor="white",
                  markeredgewidth=1.5)
        shown = label if language == "zh" else label.replace("：", ": ")
        axes.text(x * 1.25, x / (1 + x) - 0.06, shown, ha="left", va="center", fontsize=17, fontweight="bold",
                  color=strong("orange"))
    axes.text(0.02, 1.04, text_in(T("链路带宽 β（上限）", "Link bandwidth β (the ceiling)"), language), ha="left",
              va="bottom", fontsize=17, color=strong("gray"))
    axes.set_xscale("log")
    axes.set_xlim(0.01, 1000)
    axes.set_ylim(0, 1.1)
    axes.set_xticks([10.0 ** k for k in range(-2, 4)], ["0.01", "0.1", "1", "10", "100", "1000"], fontsize=15)
    axes.minorticks_off()
    axes.set_yticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "0.25", "0.5", "0.75", "1"], fontsize=15)
    axes.grid(color=RULE)
    axes.set_axisbelow(True)
    axes.set_xlabel("n / (α·β)", fontsize=17)
    axes.set_ylabel(text_in(T("有效带宽 / β", "Effective bandwidth / β"), language), fontsize=17)


AB02 = Plot(
    IMAGES + "01AlphaBeta02",
    T("有效带宽随消息大小上升，在 n = α·β 处只有一半",
      "Effective bandwidth rises with message size, and is only half at n = α·β"),
    T("有效带宽 n/T(n) 按 β 归一化；横轴按 α·β 归一化",
      "Effective bandwidth n/T(n), normalised by β; x axis normalised by α·β"),
    rows=12,
    draw=_effective,
    area=(3.3, 0.2, 19.0, 10.0),
)

UNITS = [
    (T("1 字节（Byte, B）= 8 比特（bit, b）", "1 byte (B) = 8 bits (b)"), "blue"),
    (T("x Gb/s ÷ 8 = x/8 GB/s；例：400 Gb/s = 50 GB/s", "x Gb/s ÷ 8 = x/8 GB/s; e.g. 400 Gb/s = 50 GB/s"), "green"),
    (T("GB = 10^{9} 字节；GiB = 2^{30} 字节 ≈ 1.074 GB", "GB = 10^{9} bytes; GiB = 2^{30} bytes ≈ 1.074 GB"), "purple"),
]
AB03 = Figure(
    IMAGES + "01AlphaBeta03",
    T("带宽时延积：管道里“在路上”的数据量", "The bandwidth–delay product: the data “in flight” in the pipe"),
    T("带宽时延积与单位换算", "Bandwidth–delay product and unit conversion"),
    rows=12,
    items=(
        Box(1.2, 0.6, 3.0, 2.6, T("发送端", "Sender"), size=22, bold=True),
        Box(19.8, 0.6, 3.0, 2.6, T("接收端", "Receiver"), color="green", size=22, bold=True),
        Box(4.4, 1.0, 15.2, 1.8, color="gray", radius=45, stroke=2.5),
        *(Box(5.0 + k * 1.3, 1.45, 0.96, 0.9, color="orange", fill="solid", radius=5) for k in range(11)),
        Arrow((4.4, 3.6), (19.6, 3.6), color="ink", width=2, both=True),
        Text(12.0, 4.1, T("管道长度 = 时延（单程，或往返 RTT）", "Pipe length = delay (one way, or the round trip RTT)"),
             size=18),
        Text(12.0, 0.5, T("管道粗细 = 带宽 β", "Pipe width = bandwidth β"), size=18),
        Box(4.3, 4.8, 15.4, 1.1, T("在途数据量 = β × RTT（带宽时延积 BDP）",
                                   "Data in flight = β × RTT (the bandwidth–delay product, BDP)"),
            color="orange", size=22, bold=True),
        Text(12.0, 7.0, T("单位换算", "Unit conversion"), size=22, bold=True),
        *(Box(3.3, 7.6 + k * 1.3, 17.4, 1.05, label, color=colour, size=19) for k, (label, colour) in enumerate(UNITS)),
    ),
)


# ====================================================================== 02RDMA
def _host(x: float, rdma: bool, side: Label) -> tuple[list[Item], float, tuple[float, ...]]:
    """One host of the first RDMA figure: user space, kernel and NIC layers. Returns the items, the x of
    the data path and the heights the arrows join (buffer bottom, kernel top, socket buffer top, kernel
    bottom, NIC top, NIC middle)."""
    y, w = 1.3, 4.2
    ky, ny = y + 2.5, y + 6.8
    items: list[Item] = [
        Text(x + w / 2, y - 0.3, side, bold=True, size=16),
        Box(x, y, w, 1.7, radius=0),
        Text(x + 0.16, y + 0.26, T("用户态", "User space"), color="blue", bold=True, size=13, anchor="start"),
        Box(x + 0.3, y + 0.6, w - 0.6, 0.84,
            T("应用缓冲区（已注册）", "App buffer (registered)") if rdma else T("应用缓冲区", "Application buffer"),
            fill="white", size=14),
    ]
    if rdma:
        items += [
            Box(x, ky, w - 1.5, 3.6, color="gray", radius=0),
            Text(x + 0.16, ky + 0.26, T("内核态", "Kernel"), color="gray", bold=True, size=13, anchor="start"),
            Text(x + (w - 1.5) / 2, ky + 1.9, T("只在建立 QP、\n注册内存时参与\n（控制路径）",
                                                "Only to set up\nQPs and register\nmemory\n(control path)"),
                 color="gray", size=13),
            Box(x, ny, w, 1.3, T("RDMA 网卡\n传输层在硬件中", "RDMA NIC\ntransport in hardware"), color="green",
                size=14, bold=True, radius=0),
        ]
        return items, x + w - 0.75, (y + 1.44, ky, ky + 0.55, ky + 3.35, ny, ny + 0.65)
    items += [
        Box(x, ky, w, 3.6, color="orange", radius=0),
        Text(x + 0.16, ky + 0.26, T("内核态", "Kernel"), color="orange", bold=True, size=13, anchor="start"),
        *(Box(x + 0.3, ky + 0.55 + k, w - 0.6, 0.8, label, color="orange", fill="white", size=14)
          for k, label in enumerate((T("套接字缓冲区", "Socket buffer"), T("TCP/IP 协议栈（CPU）", "TCP/IP stack (CPU)"),
                                     T("驱动 · 中断处理", "Driver · interrupts")))),
        Box(x, ny, w, 1.3, T("普通网卡", "Ordinary NIC"), color="purple", size=15, bold=True, radius=0),
    ]
    return items, x + 1.1, (y + 1.44, ky, ky + 0.55, ky + 3.35, ny, ny + 0.65)


def _rdma01_panel(px: float, rdma: bool) -> list[Item]:
    name = T("RDMA 路径", "The RDMA path") if rdma else T("内核 TCP/IP 路径", "The kernel TCP/IP path")
    items = _panel(px, -0.1, 11.2, 11.1, name, "green" if rdma else "orange", size=20)
    xs, xr = px + 0.4, px + 6.6
    sender, p1, (ab, _, sb, kb, nt, nm) = _host(xs, rdma, T("发送端", "Sender"))
    receiver, p2, _ = _host(xr, rdma, T("接收端", "Receiver"))
    items += [*sender, *receiver, Arrow((xs + 4.25, nm), (xr - 0.05, nm), color="ink", width=3),
              Text(px + 5.6, nm - 0.3, T("网络", "Network"), size=14)]
    if rdma:
        return items + [
            Arrow((p1, ab), (p1, nt - 0.04), color="green", width=4.5),
            Arrow((p2, nt - 0.04), (p2, ab), color="green", width=4.5),
            Text(p1 - 0.2, ab + 0.52, T("网卡 DMA 直接读", "NIC DMA reads"), color="green", bold=True, size=13, anchor="end"),
            Text(p2 - 0.2, ab + 0.52, T("网卡 DMA 直接写", "NIC DMA writes"), color="green", bold=True, size=13,
                 anchor="end"),
            Box(px + 0.4, 10.0, 10.4, 0.8, T("数据路径不进内核、零拷贝；用户态写门铃、轮询完成队列",
                                             "Data path skips the kernel, zero copy; doorbell and polling in user space"),
                color="green", size=14, bold=True),
        ]
    return items + [
        Arrow((p1, ab), (p1, sb - 0.04), color="red", width=4.5),
        Text(p1 + 0.2, ab + 0.52, T("拷贝 · send()", "copy · send()"), color="red", bold=True, size=13, anchor="start"),
        Arrow((p1, kb + 0.02), (p1, nt - 0.04), color="ink", width=2.5),
        Arrow((p2, nt - 0.04), (p2, kb + 0.02), color="ink", width=2.5),
        Arrow((p2, sb - 0.04), (p2, ab), color="red", width=4.5),
        Text(p2 + 0.2, ab + 0.52, T("拷贝 · recv()", "copy · recv()"), color="red", bold=True, size=13, anchor="start"),
        Box(px + 0.4, 10.0, 10.4, 0.8, T("每条消息：系统调用、两端各一次拷贝、CPU 做协议处理",
                                         "Every message: system calls, a copy at each end, protocol work on the CPU"),
            color="red", size=14, bold=True),
    ]


RDMA01 = Figure(
    IMAGES + "02RDMA01",
    T("一条消息走过的路：内核 TCP/IP 与 RDMA（示意）", "The path of one message: kernel TCP/IP and RDMA (schematic)"),
    T("内核 TCP/IP：系统调用、拷贝与 CPU 上的协议处理 · RDMA：网卡在已注册的缓冲区之间搬运数据",
      "Kernel TCP/IP: system calls, copies and protocol work on the CPU · RDMA: the NIC moves data between "
      "registered buffers"),
    rows=12,
    items=(
        *_rdma01_panel(0.5, rdma=False),
        *_rdma01_panel(12.3, rdma=True),
        Text(12.0, 11.5, T("RDMA 的可靠传输（确认、重传）由网卡完成；内核只负责建立连接和注册内存",
                           "RDMA's reliable transport (acknowledgements, retransmission) runs on the NIC; the kernel "
                           "only sets up connections and registers memory"), color="gray", size=14),
    ),
)


def _queue(x: float, y: float, label: Label, color: str, filled: int) -> list[Item]:
    """A work queue of four slots, the first `filled` holding a WQE."""
    return [Text(x - 0.16, y + 0.32, label, color=color, bold=True, size=14, anchor="end"),
            *(Box(x + k * 1.3, y, 1.22, 0.64, "WQE" if k < filled else None, color=color,
                  fill="solid" if k < filled else "light", size=11, bold=True, radius=3) for k in range(4))]


def _sequence(px: float, name: Label, color: str) -> list[Item]:
    """A message-sequence panel with the initiator's and the peer's lifelines."""
    items = _panel(px, 4.1, 7.4, 8.7, name, color, size=17)
    for x, who in ((px + 1.7, T("发起方", "Initiator")), (px + 5.7, T("对端", "Peer"))):
        items += [_line((x, 5.7), (x, 12.4), color="gray", width=1.5),
                  Box(x - 1.1, 5.0, 2.2, 0.7, who, color="ink", fill="white", size=14, bold=True)]
    return items


def _exchange(px: float, color: str, steps: list[tuple[float, float, Label, str]],
              arrows: list[tuple[float, float, bool, bool]], data: tuple[float, float], ack: float | None,
              footer: Label) -> list[Item]:
    """One operation drawn on its panel. `steps` are notes (y, side, text, anchor) beside a lifeline
    (side 0 the initiator, 1 the peer); `arrows` are (y from, y to, rightward, carries data)."""
    ax, bx = px + 1.7, px + 5.7
    items: list[Item] = []
    for y0, y1, right, carries in arrows:
        start, end = ((ax, y0), (bx, y1)) if right else ((bx, y0), (ax, y1))
        items.append(Arrow(start, end, color=color if carries else "gray", width=3.5 if carries else 2))
    items += _note(px + data[0], data[1], T("数据", "data"), color, 13, bold=True)
    if ack is not None:
        items += _note(px + 3.7, ack, T("确认", "ack"), "gray")
    for y, side, label, anchor in steps:
        x = (ax + 0.14) if side == 0 else (bx - 0.14)
        items += _note(x, y, label, "ink" if anchor == "middle" else color, anchor=anchor)
    return items + _note(px + 3.7, 11.8, footer, size=13)


RDMA02 = Figure(
    IMAGES + "02RDMA02",
    T("队列对、完成队列与三种操作", "Queue pairs, completion queues and the three operations"),
    T("队列对（发送队列 + 接收队列）、完成队列、已注册内存 · 双边 SEND/RECV 与单边 WRITE/READ",
      "Queue pair (send + receive queue), completion queue, registered memory · two-sided SEND/RECV vs "
      "one-sided WRITE/READ"),
    rows=13.6,
    items=(
        Box(0.6, -0.1, 22.8, 3.8, color=PANEL, fill="white", radius=10),
        Text(1.0, 0.35, T("一个端点上的对象（verbs 接口）", "The objects of one endpoint (the verbs interface)"),
             bold=True, size=16, anchor="start"),
        Box(0.95, 0.72, 8.45, 2.0, color="ink", fill="none", radius=8),
        *_queue(3.9, 0.9, T("发送队列 SQ", "Send queue SQ"), "blue", 2),
        *_queue(3.9, 1.9, T("接收队列 RQ", "Receive queue RQ"), "purple", 3),
        Text(5.45, 3.0, T("队列对 QP：应用把工作请求（WQE）放进队列", "Queue pair QP: the application posts work requests (WQEs)"),
             size=13),
        Box(10.1, 1.0, 3.3, 1.5, T("网卡\n按顺序执行 WQE", "NIC\nruns WQEs in order"), color="green", size=15, bold=True),
        Arrow((9.45, 1.4), (10.05, 1.4), color="ink"),
        Arrow((9.45, 2.2), (10.05, 2.2), color="ink"),
        Box(14.2, 1.0, 3.8, 1.5, T("完成队列 CQ\n应用轮询取结果（CQE）", "Completion queue CQ\nthe app polls for CQEs"),
            color="orange", size=14),
        Arrow((13.45, 1.75), (14.15, 1.75), color="ink"),
        Box(18.8, 0.8, 4.2, 1.9, T("已注册内存 MR\n页面锁定、地址交给网卡\n本地用 lkey，远端用 rkey",
                                   "Registered memory MR\npages pinned, addresses\ngiven to the NIC;\n"
                                   "lkey local, rkey remote"), color="yellow", size=13),
        *_sequence(0.6, T("双边：SEND / RECV", "Two-sided: SEND / RECV"), "purple"),
        *_sequence(8.3, T("单边：RDMA WRITE", "One-sided: RDMA WRITE"), "blue"),
        *_sequence(16.0, T("单边：RDMA READ", "One-sided: RDMA READ"), "teal"),
        *_exchange(0.6, "purple", [
            (6.05, 1, T("① 预先提交 RECV\n（指定接收缓冲区）", "① RECV posted first\n(names the buffer)"), "end"),
            (7.05, 0, T("② 提交 SEND", "② post SEND"), "start"),
            (9.95, 1, T("③ 对端 CQ 出现\n接收完成", "③ receive completion\nin the peer's CQ"), "end"),
            (10.75, 0, T("④ 发起方 CQ\n出现发送完成", "④ send completion\nin the initiator's CQ"), "start"),
        ], [(7.5, 8.4, True, True), (8.9, 9.5, False, False)], (3.7, 7.6), 8.85,
            T("两端的 CPU 都参与：\n对端决定数据放在哪里", "Both CPUs take part:\nthe peer decides where data goes")),
        *_exchange(8.3, "blue", [
            (6.05, 0, T("① 提交 WRITE：\n本地地址 + 远端地址 + rkey", "① post WRITE:\nlocal address +\nremote address + rkey"),
             "start"),
            (8.45, 1, T("网卡直接写入\n对端内存", "NIC writes\npeer memory"), "end"),
            (10.1, 0, T("② 发起方 CQ\n出现完成", "② completion in\nthe initiator's CQ"), "start"),
        ], [(7.0, 8.0, True, True), (9.1, 9.7, False, False)], (3.7, 7.15), 9.05,
            T("对端 CPU 不参与、不收通知\n（带立即数的 WRITE 除外）",
              "The peer CPU takes no part, gets no notice\n(except WRITE with immediate)")),
        *_exchange(16.0, "teal", [
            (6.05, 0, T("① 提交 READ：\n远端地址 + rkey", "① post READ:\nremote address + rkey"), "start"),
            (8.0, 1, T("网卡从对端\n内存读出", "NIC reads\npeer memory"), "end"),
            (10.2, 0, T("② 数据到达，\n发起方 CQ 出现完成", "② data arrives,\ncompletion in\nthe initiator's CQ"),
             "start"),
        ], [(6.8, 7.4, True, False), (8.6, 9.6, False, True)], (3.3, 8.5), None,
            T("READ 只支持 RC（及扩展的 XRC）\n（rdma-core 手册）", "READ works only on RC (and the XRC extension)\n"
              "(rdma-core manual)")),
        *_note(19.7, 6.8, T("读请求", "read request"), "gray"),
    ),
)

NETWORKS = [("InfiniBand", T("IBTA 规范", "IBTA specification"), "blue"),
            ("RoCE v2", T("IBTA 规范附录", "IBTA specification annex"), "green"),
            ("iWARP", "IETF RFC 5040 / 5041 / 5044", "orange")]
LAYERS = [T("应用", "Application"), T("编程接口", "Interface"), T("RDMA 语义", "RDMA semantics"),
          T("可靠传输", "Reliable transport"), T("网络层", "Network layer"), T("链路层", "Link layer")]
LAYER_Y = [1.0, 2.1, 3.2, 4.5, 5.8, 7.1]
# per network: (first layer, number of layers, text, size)
STACKS = [
    [(2, 2, T("IB 传输层（BTH）\nRC / UC / UD\n确认与重传在网卡", "IB transport (BTH)\nRC / UC / UD\nacks and retransmits on the NIC"), 15),
     (4, 1, T("IB 网络层（GRH，跨子网）", "IB network layer (GRH, across subnets)"), 15),
     (5, 1, T("IB 链路层：按 LID 交换\n基于信用的流控（不丢包）", "IB link layer: switched by LID\ncredit-based flow control (lossless)"), 14)],
    [(2, 2, T("IB 传输层（BTH）\n与左边相同", "IB transport (BTH)\nthe same as on the left"), 15),
     (4, 1, T("UDP（目的端口 4791）/ IP", "UDP (destination port 4791) / IP"), 15),
     (5, 1, T("以太网\n常配 PFC 防丢包 + ECN 拥塞标记", "Ethernet\noften PFC against loss + ECN marking"), 14)],
    [(2, 1, "RDMAP / DDP / MPA", 15),
     (3, 1, T("TCP（可靠性、拥塞控制）", "TCP (reliability, congestion control)"), 15),
     (4, 1, "IP", 15),
     (5, 1, T("以太网\n（可以有丢包，由 TCP 恢复）", "Ethernet\n(may drop; TCP recovers)"), 14)],
]
STACK_NOTES = [T("专用交换机与子网管理器", "Dedicated switches and a subnet manager"),
               T("沿用 IP 路由；UDP 源端口\n提供 ECMP 散列熵", "Uses IP routing; the UDP source\nport gives ECMP hash entropy"),
               T("沿用 TCP：网卡要维护\nTCP 连接状态", "Uses TCP: the NIC keeps\nTCP connection state")]


def _stack(k: int) -> list[Item]:
    """One network's column of layers."""
    name, source, color = NETWORKS[k]
    x = 4.2 + k * 6.3
    items: list[Item] = [Text(x + 3.0, 0.15, name, color=color, bold=True, size=21),
                         Text(x + 3.0, 0.65, source, color="gray", size=13)]
    for first, count, label, size in STACKS[k]:
        bottom = LAYER_Y[first + count - 1] + (1.2 if first + count - 1 == 5 else 0.96)
        items.append(Box(x, LAYER_Y[first], 6.0, bottom - LAYER_Y[first], label, color=color, size=size))
    return items + [Text(x + 3.0, 9.4, STACK_NOTES[k], color=color, size=14)]


RDMA03 = Figure(
    IMAGES + "02RDMA03",
    T("三种承载网络：InfiniBand、RoCE v2 与 iWARP", "Three networks: InfiniBand, RoCE v2 and iWARP"),
    T("上面是同一套 verbs 接口；下面的传输层、网络层与链路层各不相同",
      "Same verbs interface on top; different transport, network and link layers below"),
    rows=13,
    items=(
        *(Text(3.9, y + 0.47, label, bold=True, size=16, anchor="end") for label, y in zip(LAYERS, LAYER_Y)),
        Box(4.2, 1.0, 18.6, 0.96, T("通信库（如 NCCL）、存储、数据库……", "Communication libraries (such as NCCL), "
                                     "storage, databases…"), color="gray", size=16),
        Box(4.2, 2.1, 18.6, 0.96, T("verbs：QP、CQ、MR、SEND / RECV / WRITE / READ（同一套 API）",
                                     "verbs: QP, CQ, MR, SEND / RECV / WRITE / READ (one API)"),
            color="purple", size=16, bold=True),
        *(item for k in range(3) for item in _stack(k)),
        Box(1.2, 10.5, 21.6, 1.9, color="gray", radius=9),
        Text(12.0, 11.05, T("RoCE v2 = 把 InfiniBand 的传输层装进 UDP/IP 报文：可以跨三层路由，但仍假设网络几乎不丢包",
                            "RoCE v2 = the InfiniBand transport inside UDP/IP: routable at layer 3, yet it still "
                            "assumes an almost lossless network"), bold=True, size=15),
        Text(12.0, 11.8, T("端口号见 IANA 服务名与端口号注册表；各操作支持的 QP 类型见 rdma-core 的 ibv_wr_post(3) 手册",
                           "The port is in IANA's service name and port number registry; the QP types of each "
                           "operation in rdma-core's ibv_wr_post(3)"), color="gray", size=13),
    ),
)


def _server(x: float, y: float, paths: list[Arrow]) -> list[Item]:
    """A node of the GPUDirect figure: CPU and host memory, a PCIe switch, a GPU and a NIC under it;
    the data paths are drawn first, so the boxes sit on top of them."""
    return [
        *paths,
        _line((x + 6.7, y + 0.65), (x + 7.4, y + 0.65)),
        _line((x + 5.0, y + 1.3), (x + 5.0, y + 3.0), color="purple"),
        _line((x + 1.7, y + 5.2), (x + 1.7, y + 4.7), (x + 4.2, y + 4.7), (x + 4.2, y + 4.1), color="purple"),
        _line((x + 8.3, y + 5.2), (x + 8.3, y + 4.7), (x + 5.8, y + 4.7), (x + 5.8, y + 4.1), color="purple"),
        Box(x + 3.3, y, 3.4, 1.3, T("CPU\n根复合体", "CPU\nroot complex"), color="gray", size=15, bold=True),
        Box(x + 7.4, y + 0.1, 2.4, 1.1, T("主机内存", "Host memory"), color="yellow", size=15, bold=True),
        Box(x + 3.3, y + 3.0, 3.4, 1.1, T("PCIe 交换芯片", "PCIe switch"), color="purple", size=15, bold=True),
        Box(x + 0.2, y + 5.2, 3.0, 1.6, T("GPU\n显存（HBM）", "GPU\nmemory (HBM)"), size=16, bold=True),
        Box(x + 6.8, y + 5.2, 3.0, 1.6, T("RDMA 网卡", "RDMA NIC"), color="green", size=16, bold=True),
        Arrow((x + 8.3, y + 6.8), (x + 8.3, y + 7.7), color="ink", width=3),
        Text(x + 8.5, y + 7.35, T("网络", "Network"), size=14, anchor="start"),
    ]


def _gpudirect(px: float, direct: bool) -> list[Item]:
    x, y = px + 0.6, 1.1
    name = (T("GPUDirect RDMA：网卡直接读显存", "GPUDirect RDMA: the NIC reads GPU memory") if direct
            else T("不用 GPUDirect RDMA：两段 DMA", "Without GPUDirect RDMA: two DMA legs"))
    items = _panel(px, -0.1, 11.2, 10.5, name, "green" if direct else "red")
    gpu_up = ((x + 1.4, y + 5.2), (x + 1.4, y + 4.4), (x + 4.7, y + 4.4))
    to_nic = ((x + 5.3, y + 4.4), (x + 8.6, y + 4.4), (x + 8.6, y + 5.18))
    if direct:
        items += _server(x, y, [_path(*gpu_up, (x + 4.7, y + 3.7), (x + 5.3, y + 3.7), *to_nic, color="green")])
        return items + [
            Text(x + 5.3, y + 2.15, T("在交换芯片内转发，\n不上行到 CPU", "Forwarded inside\nthe switch, not up\nto the CPU"),
                 color="green", bold=True, size=14, anchor="start"),
            Text(px + 5.6, 9.3, T("一次 DMA；数据不经过主机内存，也不占 CPU 与上行链路",
                                  "One DMA; no host memory, no CPU time, no uplink"), size=14),
            Text(px + 5.6, 9.85, T("Kepler 与 CUDA 5.0 起提供（NVIDIA 文档）", "Available since Kepler and CUDA 5.0 "
                                                                         "(NVIDIA documentation)"), color="gray", size=13),
        ]
    items += _server(x, y, [_path(*gpu_up, (x + 4.7, y + 0.95), (x + 7.38, y + 0.95), color="red"),
                            _path((x + 7.4, y + 0.35), (x + 5.3, y + 0.35), *to_nic, color="orange")])
    return items + [
        Text(x + 4.45, y + 2.0, T("① GPU 拷贝引擎\n写入主机内存\n（中转缓冲区）", "① the GPU copy\nengine writes host\n"
                                                                    "memory (staging)"),
             color="red", bold=True, size=13, anchor="end"),
        Text(x + 5.6, y + 2.0, T("② 网卡 DMA\n从主机内存读出", "② the NIC DMA\nreads host memory"), color="orange",
             bold=True, size=13, anchor="start"),
        Text(px + 5.6, 9.3, T("两次 DMA、一次同步；上行链路双向各走一遍，占用主机内存带宽",
                              "Two DMAs, one sync; the uplink is crossed both ways, host memory bandwidth is used"),
             size=14),
        Text(px + 5.6, 9.85, T("接收方向同理：先写主机内存，再拷进显存", "Receiving is the same: host memory first, "
                                                                "then a copy into GPU memory"), color="gray", size=13),
    ]


RDMA04 = Figure(
    IMAGES + "02RDMA04",
    T("从 GPU 显存发数据：经主机内存中转 与 GPUDirect RDMA（示意）",
      "Sending from GPU memory: staged via host memory vs GPUDirect RDMA (schematic)"),
    T("不用 GPUDirect 时数据绕道主机内存；用了它，网卡经 PCIe 直接读显存",
      "Without GPUDirect the data takes a detour through host memory; with it the NIC reads GPU memory over PCIe"),
    rows=12,
    items=(
        *_gpudirect(0.5, direct=False),
        *_gpudirect(12.3, direct=True),
        Text(12.0, 11.1, T("GPUDirect RDMA 要求 GPU 与网卡位于同一个 PCIe 根复合体之下；路径上只有 PCIe 交换芯片时性能最好",
                           "GPUDirect RDMA needs the GPU and the NIC under one PCIe root complex; it is fastest "
                           "with only PCIe switches on the path"), bold=True, size=15),
        Text(12.0, 11.65, T("（NVIDIA GPUDirect RDMA 文档；拓扑细节见下一节 PCIe）",
                            "(NVIDIA GPUDirect RDMA documentation; the topology in the next lesson, PCIe)"),
             color="gray", size=13),
    ),
)

# ====================================================================== 03PCIe
# (generation, transfer rate in GT/s per lane, encoding, encoding efficiency): PCI-SIG. 6.0 uses
# PAM4 + flit mode (1b/1b, no line code); its 256-byte flit carries 236 bytes of TLP.
PCIE_GENS = [("1.0", 2.5, "8b/10b", 8 / 10), ("2.0", 5.0, "8b/10b", 8 / 10),
             ("3.0", 8.0, "128b/130b", 128 / 130), ("4.0", 16.0, "128b/130b", 128 / 130),
             ("5.0", 32.0, "128b/130b", 128 / 130), ("6.0", 64.0, "PAM4 + flit", 1.0)]
FLIT_BYTES, FLIT_TLP = 256, 236
TLP_OVERHEAD = 24
"""Bytes per TLP: an assumed, illustrative value (see 03PCIe.md)."""
NIC_400G, NIC_200G = 400 / 8, 200 / 8
"""GB/s of a 400 Gb/s and a 200 Gb/s port."""


def x16(gts: float, efficiency: float) -> float:
    """Per-direction x16 bandwidth in GB/s after line encoding (computed)."""
    return gts * efficiency / 8 * 16


PATCH = {"facecolor": "white", "edgecolor": "none", "pad": 1}
"""A white patch behind chart text that sits on a line."""


def _generations(axes, language: str) -> None:
    """One bar per PCIe generation, with the 200 and 400 Gb/s NICs as reference lines."""
    for k, (gen, gts, _, efficiency) in enumerate(PCIE_GENS):
        value = x16(gts, efficiency)
        colour = "orange" if gen == "6.0" else ("blue" if efficiency > 0.9 else "gray")
        axes.barh(k, value, height=0.64, color=strong(colour))
        shown = f"{value:.2f} GB/s" if value < 100 else f"{value:.0f} GB/s"
        lane = T(f"（每 lane {value / 16:.3g}）", f" ({value / 16:.3g} per lane)")
        axes.text(value + 1.5, k, shown + text_in(lane, language), va="center", fontsize=17, fontweight="bold",
                  color=strong("ink"), bbox=PATCH)
    for k, (gbs, label, colour) in enumerate(((NIC_200G, T("200 Gb/s 网卡 = 25 GB/s", "200 Gb/s NIC = 25 GB/s"), "green"),
                                               (NIC_400G, T("400 Gb/s 网卡 = 50 GB/s", "400 Gb/s NIC = 50 GB/s"), "red"))):
        axes.axvline(gbs, color=strong(colour), linewidth=2, linestyle=(0, (6, 4)), zorder=0)
        axes.text(gbs, 6.0 + 0.4 * k, text_in(label, language), ha="center", va="center", fontsize=14,
                  fontweight="bold", color=strong(colour), bbox=PATCH)
    axes.text(130, 5.55, text_in(T("6.0：每个 256 字节 flit 中 236 字节给 TLP，约 118 GB/s",
                                   "6.0: 236 of every 256-byte flit carry TLP, about 118 GB/s"), language),
              ha="right", va="center", fontsize=14, color=strong("orange"))
    axes.set_yticks(range(len(PCIE_GENS)), [f"PCIe {gen}\n{gts:g} GT/s · {enc}" for gen, gts, enc, _ in PCIE_GENS],
                    fontsize=16)
    axes.tick_params(axis="y", length=0)
    axes.set_xticks([])
    axes.spines["bottom"].set_visible(False)
    axes.spines["left"].set_color(strong("ink"))
    axes.spines["left"].set_linewidth(2)
    axes.set_xlim(0, 130)
    axes.set_ylim(6.6, -0.5)
    axes.text(0.5, 0.035, text_in(T(
        "数值由 PCI-SIG 规定的速率与编码算得；A100 白皮书给出 4.0 x16 为 31.5 GB/s，H100 白皮书给出 5.0 x16 两个方向合计 128 GB/s",
        "Computed from PCI-SIG's rates and encodings; the A100 whitepaper gives 31.5 GB/s for 4.0 x16, the H100 "
        "whitepaper 128 GB/s both ways for 5.0 x16"), language), ha="center", va="center", fontsize=13,
        color=strong("gray"), transform=axes.figure.transFigure)


PCIE01 = Plot(
    IMAGES + "03PCIe01",
    T("PCIe x16 单方向带宽（按线路速率与编码计算）", "PCIe x16 bandwidth per direction (computed from rate and encoding)"),
    T("x16 单方向带宽 = 传输速率 × 编码效率 ÷ 8 × 16 条 lane",
      "x16 bandwidth per direction = transfer rate × encoding efficiency ÷ 8 × 16 lanes"),
    rows=11.3,
    draw=_generations,
    area=(7.0, 0.2, 13.3, 9.6),
)

FLIT = [("TLP 236", 236, "blue"), ("DLLP", 6, "purple"), ("CRC", 8, "orange"), ("FEC", 6, "red")]
TLP = [(T("成帧 · 序号", "Framing ·\nsequence"), 1.8, "gray"),
       (T("TLP 包头\n（12 或 16 字节）", "TLP header\n(12 or 16 bytes)"), 2.6, "orange"),
       (T("有效载荷（不超过最大载荷 MPS，如 128 / 256 / 512 字节）",
          "Payload (at most the max payload size MPS, such as 128 / 256 / 512 bytes)"), 9.0, "blue"),
       ("LCRC", 1.0, "gray")]


def _encoding_row(y: float, name: Label, parts: list[tuple[Label | None, float, str, str]], verdict: Label,
                  colour: str) -> list[Item]:
    """One line code as a bar of its parts (label, share of the bar, colour, fill)."""
    items: list[Item] = [Text(1.0, y + 0.45, name, bold=True, size=15, anchor="start")]
    x = 4.3
    for label, share, part_colour, fill in parts:
        w = share * 14.8
        items.append(Box(x, y, w - 0.06, 0.9, label, color=part_colour, fill=fill, size=15, bold=True, radius=3))
        x += w
    return items + [Text(19.5, y + 0.45, verdict, color=colour, bold=True, size=18, anchor="start")]


def _tlp_items() -> list[Item]:
    items: list[Item] = []
    x, total = 1.6, sum(share for _, share, _ in TLP)
    for label, share, colour in TLP:
        w = share / total * 20.8
        items.append(Box(x, 7.0, w - 0.06, 1.2, label, color=colour, fill="solid", size=13 if share < 3 else 15,
                         bold=True, radius=3))
        x += w
    for k, mps in enumerate((128, 256, 512)):
        efficiency = mps / (mps + TLP_OVERHEAD)
        y = 9.6 + k * 1.0
        items += [Text(5.6, y + 0.35, T(f"MPS {mps} 字节", f"MPS {mps} bytes"), size=15, anchor="end"),
                  Box(5.9, y, efficiency * 13.0, 0.7, color="blue" if mps >= 256 else "gray", fill="solid", radius=3),
                  Text(5.9 + efficiency * 13.0 + 0.2, y + 0.35, f"{efficiency:.1%}", bold=True, size=16,
                       anchor="start")]
    return items


PCIE02 = Figure(
    IMAGES + "03PCIe02",
    T("带宽花在哪里：线路编码、flit 与 TLP 开销", "Where the bandwidth goes: line codes, flits and TLP overhead"),
    T("8b/10b → 128b/130b → PAM4 flit；每个事务层包都自带包头",
      "8b/10b → 128b/130b → PAM4 flits; every transaction layer packet carries its own header"),
    rows=14.2,
    items=(
        *_encoding_row(0.1, T("8b/10b\n（1.0、2.0）", "8b/10b\n(1.0, 2.0)"), [
            (T("8 位数据 → 编码成 10 位符号", "8 data bits → a 10-bit symbol"), 0.8, "blue", "solid"),
            (T("多出 2 位", "2 extra bits"), 0.2, "red", "light")], T("效率 80%", "80% efficient"), "red"),
        *_encoding_row(1.8, T("128b/130b\n（3.0 – 5.0）", "128b/130b\n(3.0 – 5.0)"), [
            ("2", 0.0422, "red", "light"),
            (T("2 位同步头 + 128 位数据", "2-bit sync header + 128 data bits"), 0.9578, "blue", "solid")],
            T("效率 98.5%", "98.5% efficient"), "blue"),
        *_encoding_row(3.5, T("256 字节 flit\n（6.0，PAM4）", "256-byte flit\n(6.0, PAM4)"), [
            (T("TLP 236 字节", "TLP 236 bytes") if b > 100 else None, b / FLIT_BYTES, colour, "solid")
            for _, b, colour in FLIT], T(f"TLP 占 {FLIT_TLP / FLIT_BYTES:.1%}", f"TLP: {FLIT_TLP / FLIT_BYTES:.1%}"),
            "blue"),
        Text(19.1, 4.8, T("其余 20 字节：DLLP 6 · CRC 8 · FEC 6", "The other 20 bytes: DLLP 6 · CRC 8 · FEC 6"), size=14,
             anchor="end"),
        Box(0.8, 5.9, 22.4, 7.9, color=PANEL, fill="white", radius=10),
        Text(12.0, 6.4, T("事务层包（TLP）：每个包都要自带包头和校验（演示用假设：每包额外 24 字节）",
                          "Transaction layer packets (TLPs) each carry a header and a check (assumed here: 24 extra "
                          "bytes per packet)"), bold=True, size=16),
        *_tlp_items(),
        Text(1.6, 9.0, T("线路上的有效载荷比例 = 载荷 ÷ (载荷 + 24)：", "Payload share on the wire = payload ÷ (payload + 24):"),
             bold=True, size=15, anchor="start"),
        Text(12.0, 13.3, T("另有确认与流控用的 DLLP 占去一小部分；读操作还要为请求包和完成包各付一次包头",
                           "DLLPs for acknowledgement and flow control take a little more; a read pays a header for "
                           "its request and for its completion"), color="gray", size=14),
    ),
)

SWITCHES = [3.3, 9.1, 14.9, 20.7]
GDR_LEVELS = [
    ("green", "PIX", T("GPU0 → NIC0：同一个 PCIe 交换芯片，在交换芯片内转发", "GPU0 → NIC0: the same PCIe switch, "
                                                                    "forwarded inside it"),
     T("GPUDirect RDMA 的最佳情形", "best case for GPUDirect RDMA")),
    ("orange", "PHB", T("GPU0 → NIC2：上行到 CPU 0 的根复合体再下行", "GPU0 → NIC2: up to CPU 0's root complex "
                                                             "and down again"),
     T("能用，但性能变差", "works, but slower")),
    ("red", "SYS", T("GPU0 → NIC4：还要跨 CPU 间互连到另一个插槽", "GPU0 → NIC4: also across the inter-CPU link "
                                                              "to the other socket"),
     T("可能极慢，甚至不可靠", "may be very slow, even unreliable")),
]


def _pcie_tree() -> list[Item]:
    """Two sockets, four switches, eight GPUs and eight NICs; the three GPU0 paths drawn first."""
    items: list[Item] = [
        _path((1.5, 5.14), (1.5, 4.9), (3.15, 4.9), (3.15, 3.6), (3.45, 3.6), (3.45, 4.9), (4.2, 4.9), (4.2, 5.12),
              color="green"),
        _path((1.2, 5.14), (1.2, 4.65), (2.9, 4.65), (2.9, 3.2), (3.6, 3.2), (3.6, 1.0), (8.8, 1.0), (8.8, 3.2),
              (9.5, 3.2), (9.5, 5.12), color="orange"),
        _path((0.9, 5.14), (0.9, 4.5), (2.6, 4.5), (2.6, 3.3), (3.0, 3.3), (3.0, 1.2), (14.6, 1.2), (14.6, 3.2),
              (15.4, 3.2), (15.4, 5.12), color="red"),
    ]
    for k, (cpu, memory) in enumerate(((2.8, 0.4), (14.4, 21.5))):
        items += [_line((memory + 2.1, 0.9) if k == 0 else (memory, 0.9), (cpu, 0.9) if k == 0 else (cpu + 6.8, 0.9),
                        color="yellow"),
                  Box(memory, 0.4, 2.1, 1.0, T("内存", "Memory"), color="yellow", size=15),
                  Box(cpu, 0.25, 6.8, 1.3, T(f"CPU {k}：根复合体（根端口）", f"CPU {k}: root complex (root ports)"),
                      color="gray", size=16, bold=True)]
    items += [_line((9.6, 0.62), (14.4, 0.62), width=5),
              Text(12.0, 0.25, T("CPU 间互连", "Inter-CPU link"), color="gray", bold=True, size=14)]
    for k, sx in enumerate(SWITCHES):
        items += [_line((sx, 1.55), (sx, 2.65), color="purple"), _line((sx, 3.75), (sx, 4.25), color="purple"),
                  _line((sx - 2.1, 4.25), (sx + 2.1, 4.25), color="purple"),
                  *(_line((dx, 4.25), (dx, 5.14), color="purple") for dx in (sx - 2.1, sx - 0.7, sx + 0.7, sx + 2.1)),
                  Box(sx - 2.0, 2.65, 4.0, 1.1, T(f"PCIe 交换芯片 {k}", f"PCIe switch {k}"), color="purple", size=15,
                      bold=True)]
        for j in range(2):
            gpu, nic = sx - 2.1 + 1.4 * j, sx + 0.7 + 1.4 * j
            items += [_line((gpu, 6.06), (gpu, 7.0), color="orange", width=2.5),
                      Box(gpu - 0.64, 5.14, 1.28, 0.92, f"GPU{2 * k + j}", size=13, bold=True),
                      Box(nic - 0.64, 5.14, 1.28, 0.92, f"NIC{2 * k + j}", color="green", size=13, bold=True)]
    return items + [Text(4.7, 4.8, "PIX", color="green", bold=True, size=14, anchor="start"),
                    Text(3.8, 2.1, "PHB", color="orange", bold=True, size=14, anchor="start"),
                    Text(12.0, 1.55, "SYS", color="red", bold=True, size=14)]


PCIE03 = Figure(
    IMAGES + "03PCIe03",
    T("GPU 服务器里的 PCIe 树（示意，不对应某一具体产品）", "The PCIe tree of a GPU server (schematic, no particular product)"),
    T("两个 CPU 插槽 · 每两块 GPU 和两块网卡共用一个 PCIe 交换芯片 · GPU 之间走 NVLink",
      "Two CPU sockets · one PCIe switch per two GPUs and two NICs · NVLink between GPUs"),
    rows=13.6,
    items=(
        *_pcie_tree(),
        Box(0.6, 7.0, 22.8, 0.9, T("NVLink / NVSwitch：GPU 之间的数据走这里，不经过 PCIe",
                                   "NVLink / NVSwitch: data between GPUs goes here, not over PCIe"),
            color="orange", size=16, bold=True),
        Box(0.6, 8.4, 22.8, 4.8, color=PANEL, fill="white", radius=9),
        Text(12.0, 8.95, T("从 GPU0 到三块网卡的路径（名称取自 NCCL_NET_GDR_LEVEL 的取值）",
                           "The paths from GPU0 to three NICs (named after the values of NCCL_NET_GDR_LEVEL)"),
             bold=True, size=17),
        *(item for k, (colour, code, path, verdict) in enumerate(GDR_LEVELS) for item in (
            Box(1.3, 9.7 + k, 1.5, 0.7, code, color=colour, fill="solid", size=16, bold=True, radius=5),
            Text(3.2, 10.05 + k, path, size=15, anchor="start"),
            Text(22.8, 10.05 + k, verdict, color=colour, bold=True, size=14, anchor="end"))),
        Text(12.0, 12.75, T("另有 PXB：跨多级交换芯片但不经过 CPU。性能判断见 NVIDIA GPUDirect RDMA 文档",
                            "There is also PXB: across several switches but not through a CPU. For performance see "
                            "NVIDIA's GPUDirect RDMA documentation"), color="gray", size=13),
    ),
)

UPLINK = x16(32.0, 128 / 130)
STAGED, DIRECT = min(NIC_400G, UPLINK / 2), min(NIC_400G, UPLINK)
"""GB/s per GPU in the worked example: staging halves the shared uplink, GPUDirect is NIC-bound."""
BAR_SCALE = 0.11
"""Grid units per GB/s of the bars."""

PCIE04 = Figure(
    IMAGES + "03PCIe04",
    T("算一个例子：两块 GPU 同时经各自网卡发数据（假设的拓扑与参数）",
      "Worked example: two GPUs send through their own NICs at once (assumed values)"),
    T("假设：处处是 PCIe 5.0 x16（单方向 63 GB/s），400 Gb/s 网卡（各 50 GB/s）",
      "Assumed: PCIe 5.0 x16 everywhere (63 GB/s per direction), 400 Gb/s NICs (50 GB/s each)"),
    rows=12,
    items=(
        Box(0.6, -0.1, 10.0, 10.6, color=PANEL, fill="white", radius=10),
        _line((5.6, 1.6), (5.6, 3.2), color="purple", width=6),
        *(_line((5.6, 4.3), (dx, 6.0), color="purple") for dx in (1.7, 4.2, 7.0, 9.5)),
        Box(3.6, 0.4, 4.0, 1.2, T("CPU + 主机内存", "CPU + host memory"), color="gray", size=16, bold=True),
        Text(5.9, 2.4, T("一条 x16 上行链路\n（两块 GPU 共用）", "One x16 uplink\n(shared by both GPUs)"), color="purple",
             bold=True, size=14, anchor="start"),
        Box(3.6, 3.2, 4.0, 1.1, T("PCIe 交换芯片", "PCIe switch"), color="purple", size=16, bold=True),
        *(Box(dx - 0.85, 6.0, 1.7, 1.0, name, color=colour, size=16, bold=True)
          for dx, name, colour in ((1.7, "GPU0", "blue"), (4.2, "GPU1", "blue"), (7.0, "NIC0", "green"),
                                   (9.5, "NIC1", "green"))),
        Text(5.6, 7.6, T("每个设备各有一条 x16 链路", "Every device has its own x16 link"), size=14),
        Text(5.6, 8.4, T("中转：GPU → 主机内存 → 网卡", "Staged: GPU → host memory → NIC"), color="red", bold=True, size=15),
        Text(5.6, 8.9, T("两路数据都要穿过上行链路（上、下行各一遍）", "Both streams cross the uplink (once up, once down)"),
             color="red", size=14),
        Text(5.6, 9.6, T("GPUDirect：GPU → 交换芯片 → 网卡", "GPUDirect: GPU → switch → NIC"), color="green", bold=True,
             size=15),
        Text(5.6, 10.1, T("上行链路空闲", "The uplink stays idle"), color="green", size=14),
        Box(11.1, -0.1, 12.3, 10.6, color=PANEL, fill="white", radius=10),
        Text(17.25, 0.5, T("每块 GPU 能发出的带宽（GB/s，单方向）", "Bandwidth each GPU can send (GB/s, one direction)"),
             bold=True, size=17),
        *(item for k, (name, value, colour) in enumerate(((T("经主机内存中转", "Staged via host memory"), STAGED, "red"),
                                                          ("GPUDirect RDMA", DIRECT, "green"))) for item in (
            Box(13.0 + 4.8 * k, 8.5 - value * BAR_SCALE, 3.0, value * BAR_SCALE, color=colour, fill="solid", radius=4),
            Text(14.5 + 4.8 * k, 8.05 - value * BAR_SCALE, f"{value:.1f}", color=colour, bold=True, size=22),
            Text(14.5 + 4.8 * k, 9.0, name, bold=True, size=16))),
        _line((12.4, 8.5), (21.6, 8.5), color="ink", width=2),
        _line((12.4, 8.5 - NIC_400G * BAR_SCALE), (21.6, 8.5 - NIC_400G * BAR_SCALE), width=1.5),
        Text(21.6, 8.2 - NIC_400G * BAR_SCALE, T("网卡上限 50", "NIC limit 50"), color="gray", size=14, anchor="end"),
        Text(17.25, 9.6, T(f"中转：上行链路 {UPLINK:.1f} GB/s ÷ 2 块 GPU = {STAGED:.1f}",
                           f"Staged: uplink {UPLINK:.1f} GB/s ÷ 2 GPUs = {STAGED:.1f}"), color="red", size=15),
        Text(12.0, 11.2, T("假设值仅用于演示：实际服务器的上行链路宽度、GPU 与网卡的配比因产品而异；另忽略 TLP 开销",
                           "Assumed values, for illustration: real servers differ in uplink width and in the ratio of "
                           "GPUs to NICs; TLP overhead ignored"), color="gray", size=14),
    ),
)

FIGURES = [AB01, AB02, AB03, RDMA01, RDMA02, RDMA03, RDMA04, PCIE01, PCIE02, PCIE03, PCIE04]

# ====================================================================== decks
MODULE, CHAPTER = "通信&存储", "通信基础"
DECKS = [
    Deck("02StorComm/01CommBase/01AlphaBeta.pdf", MODULE, CHAPTER, "α–β 模型：估算一次通信要多久",
         "延迟、带宽、单位与带宽时延积", "第 01 讲", (
             Bullets("α–β 模型", (
                 "T(n) = α + n/β：α 为固定开销（延迟），β 为路径上的瓶颈带宽",
                 "α：软件栈、传输准备、网卡处理、传播与转发，与消息长度无关",
                 "Thakur 等（2005）写作 α + nβ，其中 β 为每字节时间",
                 "半带宽点 n_{1/2} = α·β：短于它延迟主导，长于它带宽主导",
             )),
             Picture("传输时间随消息长度线性增长", AB01, "截距 α，斜率 1/β"),
             Picture("有效带宽", AB02, "n = α·β 时只有 50%；9·α·β 时 90%；99·α·β 时 99%"),
             Bullets("单位与带宽时延积", (
                 "1 字节 = 8 比特：400 Gb/s = 50 GB/s",
                 "GiB = 2^{30} 字节 ≈ 1.074 GB，两者相差约 7%",
                 "A100 白皮书：12 条 NVLink，每条每方向 25 GB/s，合计 600 GB/s",
                 "带宽时延积 BDP = β × RTT：让链路满载所需的在途数据量",
             )),
             Picture("带宽时延积与单位换算", AB03, "在途数据不足 BDP，链路就有空段"),
             Bullets("算一个例子（α = 10 μs 为假设值，β = 300 GB/s）", (
                 "n_{1/2} = 10 μs × 300 GB/s = 3 MB",
                 "一次发送 1 GB：约 3.34 ms，延迟可忽略",
                 "拆成 10 万条 10 KB 消息：约 1.0 s，慢约 300 倍",
                 "梯度分桶：PyTorch DDP 的 bucket_cap_mb 默认 25 MB，有效带宽约 89%",
             )),
             Bullets("小结", (
                 "T(n) = α + n/β 是分析通信的起点",
                 "n_{1/2} = αβ 划分延迟主导与带宽主导",
                 "换算单位：比特/字节、十进制/二进制、单向/双向",
                 "小消息多、并发不足，有效带宽就远低于标称值",
             ), summary=True),
         )),
    Deck("02StorComm/01CommBase/02RDMA.pdf", MODULE, CHAPTER, "RDMA：绕过内核的远程内存访问",
         "零拷贝、内核旁路、队列对与 GPUDirect RDMA", "第 02 讲", (
             Bullets("内核 TCP/IP 路径贵在哪里", (
                 "每条消息：系统调用、用户态与内核态之间的拷贝、CPU 上的协议处理、接收端中断与唤醒",
                 "固定开销抬高 α；逐字节的拷贝消耗 CPU 与内存带宽",
                 "400 Gb/s = 50 GB/s：每多拷贝一次，内存每秒多读 50 GB、多写 50 GB",
             )),
             Picture("一条消息走过的路", RDMA01, "RDMA：数据路径不进内核，网卡直接读写已注册的缓冲区"),
             Bullets("RDMA 把什么交给了网卡", (
                 "注册内存（MR）：锁定页面，把地址交给网卡；本地 lkey、远端 rkey",
                 "队列对 QP = 发送队列 + 接收队列；完成结果进完成队列 CQ",
                 "用户态写门铃、轮询 CQ：数据路径没有系统调用",
                 "RC 连接的确认与重传由网卡完成",
             )),
             Picture("三种操作", RDMA02, "SEND/RECV：两端 CPU 参与 · WRITE/READ：对端 CPU 不参与 · READ 只支持 RC 与 XRC"),
             Picture("InfiniBand、RoCE v2 与 iWARP", RDMA03, "同一套 verbs 接口；RoCE v2 用 UDP 目的端口 4791；iWARP 跑在 TCP 上"),
             Picture("GPUDirect RDMA", RDMA04, "网卡经 PCIe 直接读写显存；GPU 与网卡需在同一根复合体下"),
             Bullets("小结", (
                 "RDMA 通过零拷贝、内核旁路和传输卸载降低 α、释放 CPU",
                 "单边操作需要事先交换远端地址与 rkey；双边操作由接收方决定数据落点",
                 "RoCE v2 依赖 PFC 与 ECN/DCQCN 之类的机制维持近乎无损",
                 "NCCL 的 IB 传输走 verbs；NCCL_NET_GDR_LEVEL 按拓扑距离决定是否用 GPUDirect RDMA",
             ), summary=True),
         )),
    Deck("02StorComm/01CommBase/03PCIe.pdf", MODULE, CHAPTER, "PCIe：节点内部的互连",
         "代次、编码、交换树与 GPU–网卡亲和性", "第 03 讲", (
             Bullets("PCIe 的代次与编码（PCI-SIG）", (
                 "每条 lane 收发各一对差分线，两个方向同时工作",
                 "1.0 / 2.0：2.5 / 5 GT/s，8b/10b（效率 80%）",
                 "3.0 / 4.0 / 5.0：8 / 16 / 32 GT/s，128b/130b（效率约 98.5%）",
                 "6.0：64 GT/s，PAM4 + 256 字节 flit（其中 236 字节给 TLP）",
             )),
             Picture("x16 单方向带宽", PCIE01, "x16 单方向 = 速率 × 编码效率 ÷ 8 × 16：4.0 约 31.5 GB/s，5.0 约 63 GB/s"),
             Picture("线路编码、flit 与 TLP 开销", PCIE02, "每包额外 24 字节为演示用假设值：MPS 256 B 时效率约 91%"),
             Picture("GPU 服务器里的 PCIe 树（示意）", PCIE03, "PIX：同一交换芯片 · PHB：经过 CPU · SYS：跨 CPU 插槽"),
             Picture("共用上行链路的例子（假设值）", PCIE04, "中转时每块 GPU 约 31.5 GB/s；GPUDirect RDMA 时受网卡限制，为 50 GB/s"),
             Bullets("与 NVLink 比较（单方向）", (
                 "PCIe 4.0 x16：31.5 GB/s（A100 白皮书）；5.0 x16：约 63 GB/s（计算值）",
                 "NVLink：A100 300 GB/s，H100 450 GB/s（白皮书总带宽的一半）",
                 "GPU 之间走 NVLink；跨节点的数据必须经 PCIe 到网卡",
                 "所以分层集合通信：节点内走 NVLink，节点间走网卡",
             )),
             Bullets("小结", (
                 "x16 单方向带宽 = 速率 × 编码效率 ÷ 8 × 16，再扣除包头等协议开销",
                 "GPU 与网卡挂在同一个 PCIe 交换芯片下，GPUDirect RDMA 才能走最短路径",
                 "ACS/IOMMU 可能把 P2P 流量绕到根复合体（NCCL 故障排查文档）",
                 "400 Gb/s 网卡需要约 50 GB/s：PCIe 4.0 x16 不够，5.0 x16 够",
             ), summary=True),
         )),
]
