"""Figures and slide decks for lessons 02RDMA and 03PCIe of chapter 02StorComm/01CommBase.

Loaded by registry.py; draw.py and decks.py merge FIGURES and DECKS with their own.
(Lesson 01AlphaBeta's figures and deck live in draw.py and decks.py.)

Every number drawn here is one the articles cite next to the figure, with the same source:
PCIe transfer rates and encodings from the PCI Express Base Specification (PCI-SIG), the
PCIe x16 values quoted by the NVIDIA A100 and H100 architecture whitepapers, NVLink totals
from the same whitepapers, the RoCE v2 UDP port from the IANA registry, transport/operation
support from the rdma-core ibv_wr_post(3) manual page, GPUDirect RDMA placement rules from
NVIDIA's GPUDirect RDMA documentation and NCCL's NCCL_NET_GDR_LEVEL values from the NCCL
documentation. Values computed from these are marked as computed; worked examples with
assumed values say so. Schematic figures say so in their titles.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figlib import (  # noqa: E402
    BLUE, BLUE_L, GRAY, GRAY_L, GREEN, GREEN_L, GRID, INK, MUTED, ORANGE, ORANGE_L,
    PURPLE, PURPLE_L, RED, RED_L, TEAL, TEAL_L, WHITE, YELLOW, YELLOW_L,
    Canvas,
)

W = 2400  # every figure is 2,400 px wide
BASE = "02StorComm/01CommBase"

# ---------------------------------------------------------------- numbers (with sources)
# (generation, transfer rate in GT/s per lane, encoding label, encoding efficiency);
# rates and encodings: PCI Express Base Specification (PCI-SIG). 6.0 uses PAM4 + flit mode
# (1b/1b, no line code); its 256-byte flit carries 236 bytes of TLP.
PCIE_GENS = [("1.0", 2.5, "8b/10b", 8 / 10), ("2.0", 5.0, "8b/10b", 8 / 10),
             ("3.0", 8.0, "128b/130b", 128 / 130), ("4.0", 16.0, "128b/130b", 128 / 130),
             ("5.0", 32.0, "128b/130b", 128 / 130), ("6.0", 64.0, "PAM4 + flit", 1.0)]
FLIT_BYTES, FLIT_TLP = 256, 236


def x16(gts: float, eff: float) -> float:
    """Per-direction x16 bandwidth in GB/s after line encoding (computed)."""
    return gts * eff / 8 * 16


TLP_OVERHEAD = 24         # bytes per TLP: an assumed, illustrative value (see 03PCIe.md)
NIC_400G = 400 / 8        # GB/s, a 400 Gb/s port
NIC_200G = 200 / 8        # GB/s, a 200 Gb/s port


def title(c: Canvas, s: str, sub: str = "", y: int = 70):
    c.text(c.w / 2, y, s, size=56, bold=True)
    if sub:
        c.text(c.w / 2, y + 68, sub, size=36, color=MUTED)


# ====================================================================== 02RDMA
def _host_column(c, x, y, w, rdma: bool, side: str):
    """One host: user space, kernel and NIC layers; returns the x of the data path."""
    user_h, kern_h, nic_h = 170, 360, 130
    ky, ny = y + user_h + 80, y + user_h + 80 + kern_h + 70
    c.text(x + w / 2, y - 30, side, size=32, bold=True)
    c.rect(x, y, w, user_h, fill=BLUE_L, outline=BLUE, width=3)
    c.text(x + 16, y + 26, "用户态", size=26, color=BLUE, anchor="lm", bold=True)
    c.box(x + 30, y + 60, w - 60, 84, "应用缓冲区（已注册）" if rdma else "应用缓冲区",
          fill=WHITE, outline=BLUE, size=30)
    if rdma:
        kx = x
        c.rect(kx, ky, w - 150, kern_h, fill=GRAY_L, outline=GRAY, width=3)
        c.text(kx + 16, ky + 26, "内核态", size=26, color=GRAY, anchor="lm", bold=True)
        c.text(kx + (w - 150) / 2, ky + 190, "只在建立 QP、\n注册内存时参与\n（控制路径）", size=26,
               color=MUTED)
        c.rect(x, ny, w, nic_h, fill=GREEN_L, outline=GREEN, width=3)
        c.text(x + w / 2, ny + nic_h / 2, "RDMA 网卡\n传输层在硬件中", size=28, bold=True)
        path_x = x + w - 75
    else:
        c.rect(x, ky, w, kern_h, fill=ORANGE_L, outline=ORANGE, width=3)
        c.text(x + 16, ky + 26, "内核态", size=26, color=ORANGE, anchor="lm", bold=True)
        c.box(x + 30, ky + 55, w - 60, 80, "套接字缓冲区", fill=WHITE, outline=ORANGE, size=30)
        c.box(x + 30, ky + 155, w - 60, 80, "TCP/IP 协议栈（CPU）", fill=WHITE, outline=ORANGE,
              size=28)
        c.box(x + 30, ky + 255, w - 60, 80, "驱动 · 中断处理", fill=WHITE, outline=ORANGE, size=28)
        c.rect(x, ny, w, nic_h, fill=PURPLE_L, outline=PURPLE, width=3)
        c.text(x + w / 2, ny + nic_h / 2, "普通网卡", size=30, bold=True)
        path_x = x + 110
    return path_x, (y + 144, ky, ky + 55, ky + 335, ny, ny + nic_h / 2)


def fig_rdma01(path):
    """Kernel TCP/IP path vs RDMA path, sender and receiver."""
    c = Canvas(W, 1400)
    title(c, "一条消息走过的路：内核 TCP/IP 与 RDMA（示意）",
          "Kernel TCP/IP: system calls, copies and protocol work on the CPU · "
          "RDMA: the NIC moves data between registered buffers")
    panels = [(50, False, "内核 TCP/IP 路径", ORANGE), (1230, True, "RDMA 路径", GREEN)]
    for px, rdma, name, col in panels:
        c.rect(px, 190, 1120, 1110, fill=WHITE, outline=GRID, width=3, radius=20)
        c.text(px + 560, 235, name, size=40, bold=True, color=col)
        cw = 420
        xs, xr = px + 40, px + 1120 - 40 - cw
        p1, (ab, kt, sb, kb, nt, nm) = _host_column(c, xs, 330, cw, rdma, "发送端")
        p2, _ = _host_column(c, xr, 330, cw, rdma, "接收端")
        c.arrow(xs + cw + 5, nm, xr - 5, nm, color=INK, width=6, head=26)
        c.text(px + 560, nm - 30, "网络", size=28)
        if rdma:
            c.arrow(p1, ab, p1, nt - 4, color=GREEN, width=9, head=30)
            c.arrow(p2, nt - 4, p2, ab, color=GREEN, width=9, head=30)
            c.text(p1 - 20, ab + 52, "网卡 DMA 直接读", size=26, color=GREEN, anchor="rm", bold=True)
            c.text(p2 - 20, ab + 52, "网卡 DMA 直接写", size=26, color=GREEN, anchor="rm", bold=True)
            c.box(px + 40, 1200, 1040, 80, "数据路径不进内核、零拷贝；用户态写门铃、轮询完成队列",
                  fill=GREEN_L, outline=GREEN, size=30, bold=True)
        else:
            c.arrow(p1, ab, p1, sb - 4, color=RED, width=9, head=30)
            c.text(p1 + 20, ab + 52, "拷贝 · send()", size=26, color=RED, anchor="lm", bold=True)
            c.arrow(p1, kb + 2, p1, nt - 4, color=INK, width=5, head=24)
            c.arrow(p2, nt - 4, p2, kb + 2, color=INK, width=5, head=24)
            c.arrow(p2, sb - 4, p2, ab, color=RED, width=9, head=30)
            c.text(p2 + 20, ab + 52, "拷贝 · recv()", size=26, color=RED, anchor="lm", bold=True)
            c.box(px + 40, 1200, 1040, 80, "每条消息：系统调用、两端各一次拷贝、CPU 做协议处理",
                  fill=RED_L, outline=RED, size=30, bold=True)
    c.text(1200, 1350, "RDMA 的可靠传输（确认、重传）由网卡完成；内核只负责建立连接和注册内存",
           size=30, color=MUTED)
    c.save(path)


def _queue(c, x, y, w, label, col, light, n=4, fill_n=2):
    c.text(x - 16, y + 32, label, size=28, anchor="rm", bold=True, color=col)
    cw = w / n
    for k in range(n):
        on = k < fill_n
        c.rect(x + k * cw, y, cw - 8, 64, fill=col if on else light, outline=col, width=3,
               radius=6)
        if on:
            c.text(x + k * cw + (cw - 8) / 2, y + 32, "WQE", size=22, color=WHITE, bold=True)


def _note(c, x, y, s, size=24, color=INK, anchor="mm", bold=False):
    """Text on a white patch, so that it stays legible over lifelines."""
    lines = s.split("\n")
    w = max(c.text_size(ln, size, bold)[0] for ln in lines) + 16
    h = size * 1.3 * len(lines) + 10
    x0 = {"l": x - 8, "m": x - w / 2, "r": x - w + 8}[anchor[0]]
    c.rect(x0, y - h / 2, w, h, fill=WHITE, radius=4)
    c.text(x, y, s, size=size, color=color, anchor=anchor, bold=bold)


def _lifeline(c, x, top, bottom, label, col):
    c.box(x - 110, top, 220, 70, label, fill=WHITE, outline=col, size=28, bold=True)
    c.line([(x, top + 70), (x, bottom)], col, 3, dash=(14, 10))


def fig_rdma02(path):
    """Verbs objects, and the three kinds of operation as message sequences."""
    c = Canvas(W, 1560)
    title(c, "队列对、完成队列与三种操作",
          "Queue pair (send + receive queue), completion queue, registered memory · "
          "two-sided SEND/RECV vs one-sided WRITE/READ")
    # top: objects of one endpoint
    c.rect(60, 190, 2280, 380, fill=WHITE, outline=GRID, width=3, radius=20)
    c.text(100, 235, "一个端点上的对象（verbs 接口）", size=32, bold=True, anchor="lm")
    _queue(c, 390, 290, 520, "发送队列 SQ", BLUE, BLUE_L)
    _queue(c, 390, 390, 520, "接收队列 RQ", PURPLE, PURPLE_L, fill_n=3)
    c.rect(150, 272, 790, 200, outline=INK, width=3, radius=16)
    c.text(545, 500, "队列对 QP：应用把工作请求（WQE）放进队列", size=26)
    c.box(1010, 300, 330, 150, "网卡\n按顺序执行 WQE", fill=GREEN_L, outline=GREEN, size=30,
          bold=True)
    c.arrow(945, 340, 1005, 340, color=INK, width=5, head=22)
    c.arrow(945, 420, 1005, 420, color=INK, width=5, head=22)
    c.box(1420, 300, 380, 150, "完成队列 CQ\n应用轮询取结果（CQE）", fill=ORANGE_L, outline=ORANGE,
          size=28)
    c.arrow(1345, 375, 1415, 375, color=INK, width=5, head=22)
    c.box(1880, 280, 420, 190, "已注册内存 MR\n页面锁定、地址交给网卡\n本地用 lkey，远端用 rkey",
          fill=YELLOW_L, outline=YELLOW, size=27)
    # bottom: three sequences
    panels = [(60, "双边：SEND / RECV", PURPLE), (830, "单边：RDMA WRITE", BLUE),
              (1600, "单边：RDMA READ", TEAL)]
    top, bottom = 610, 1480
    for px, name, col in panels:
        c.rect(px, top, 740, bottom - top, fill=WHITE, outline=GRID, width=3, radius=20)
        c.text(px + 370, top + 45, name, size=34, bold=True, color=col)
        ax, bx = px + 170, px + 570
        _lifeline(c, ax, top + 90, bottom - 40, "发起方", INK)
        _lifeline(c, bx, top + 90, bottom - 40, "对端", INK)
    # SEND / RECV
    px = 60
    ax, bx = px + 170, px + 570
    _note(c, bx - 14, 805, "① 预先提交 RECV\n（指定接收缓冲区）", size=24, anchor="rm", color=PURPLE)
    _note(c, ax + 14, 905, "② 提交 SEND", size=24, anchor="lm", color=PURPLE)
    c.arrow(ax, 950, bx, 1040, color=PURPLE, width=7, head=28)
    _note(c, px + 370, 960, "数据", size=26, color=PURPLE, bold=True)
    c.arrow(bx, 1090, ax, 1150, color=MUTED, width=4, head=20, dash=(12, 8))
    _note(c, px + 370, 1085, "确认", size=24, color=MUTED)
    _note(c, bx - 14, 1210, "③ 对端 CQ 出现\n接收完成", size=24, anchor="rm", color=PURPLE)
    _note(c, ax + 14, 1210, "④ 发起方 CQ\n出现发送完成", size=24, anchor="lm", color=PURPLE)
    _note(c, px + 370, 1380, "两端的 CPU 都参与：\n对端决定数据放在哪里", size=26, color=INK)
    # WRITE
    px = 830
    ax, bx = px + 170, px + 570
    _note(c, ax + 14, 805, "① 提交 WRITE：\n本地地址 + 远端地址 + rkey", size=24, anchor="lm", color=BLUE)
    c.arrow(ax, 900, bx, 1000, color=BLUE, width=7, head=28)
    _note(c, px + 370, 915, "数据", size=26, color=BLUE, bold=True)
    _note(c, bx - 14, 1060, "网卡直接写入\n对端内存", size=24, anchor="rm", color=BLUE)
    c.arrow(bx, 1090, ax, 1150, color=MUTED, width=4, head=20, dash=(12, 8))
    _note(c, px + 370, 1085, "确认", size=24, color=MUTED)
    _note(c, ax + 14, 1210, "② 发起方 CQ\n出现完成", size=24, anchor="lm", color=BLUE)
    _note(c, px + 370, 1380, "对端 CPU 不参与、不收通知\n（带立即数的 WRITE 除外）", size=26, color=INK)
    # READ
    px = 1600
    ax, bx = px + 170, px + 570
    _note(c, ax + 14, 805, "① 提交 READ：\n远端地址 + rkey", size=24, anchor="lm", color=TEAL)
    c.arrow(ax, 880, bx, 940, color=MUTED, width=4, head=20, dash=(12, 8))
    _note(c, px + 370, 880, "读请求", size=24, color=MUTED)
    _note(c, bx - 14, 1000, "网卡从对端\n内存读出", size=24, anchor="rm", color=TEAL)
    c.arrow(bx, 1060, ax, 1160, color=TEAL, width=7, head=28)
    _note(c, px + 330, 1050, "数据", size=26, color=TEAL, bold=True)
    _note(c, ax + 14, 1220, "② 数据到达，\n发起方 CQ 出现完成", size=24, anchor="lm", color=TEAL)
    _note(c, px + 370, 1380, "READ 只支持 RC（及扩展的 XRC）\n（rdma-core 手册）", size=26, color=INK)
    c.save(path)


def fig_rdma03(path):
    """Protocol stacks: InfiniBand, RoCE v2, iWARP under one verbs interface."""
    c = Canvas(W, 1500)
    title(c, "三种承载网络：InfiniBand、RoCE v2 与 iWARP",
          "Same verbs interface on top; different transport, network and link layers below")
    x0, colw, gap = 420, 600, 30
    cols = [("InfiniBand", "IBTA 规范", BLUE, BLUE_L), ("RoCE v2", "IBTA 规范附录",
                                                          GREEN, GREEN_L),
            ("iWARP", "IETF RFC 5040 / 5041 / 5044", ORANGE, ORANGE_L)]
    for k, (name, src, col, light) in enumerate(cols):
        x = x0 + k * (colw + gap)
        c.text(x + colw / 2, 215, name, size=42, bold=True, color=col)
        c.text(x + colw / 2, 265, src, size=26, color=MUTED)
    rows = ["应用", "编程接口", "RDMA 语义", "可靠传输", "网络层", "链路层"]
    ys = [300, 410, 520, 650, 780, 910]
    rh = 110
    for lab, y in zip(rows, ys):
        c.text(x0 - 30, y + rh / 2 - 8, lab, size=32, anchor="rm", bold=True)
    full = 3 * colw + 2 * gap
    c.box(x0, ys[0], full, rh - 14, "通信库（如 NCCL）、存储、数据库……", fill=GRAY_L, outline=GRAY,
          size=32)
    c.box(x0, ys[1], full, rh - 14, "verbs：QP、CQ、MR、SEND / RECV / WRITE / READ（同一套 API）",
          fill=PURPLE_L, outline=PURPLE, size=32, bold=True)
    # InfiniBand
    x = x0
    c.box(x, ys[2], colw, ys[3] + rh - 14 - ys[2], "IB 传输层（BTH）\nRC / UC / UD\n确认与重传在网卡",
          fill=BLUE_L, outline=BLUE, size=30)
    c.box(x, ys[4], colw, rh - 14, "IB 网络层（GRH，跨子网）", fill=BLUE_L, outline=BLUE, size=30)
    c.box(x, ys[5], colw, rh + 10, "IB 链路层：按 LID 交换\n基于信用的流控（不丢包）", fill=BLUE_L,
          outline=BLUE, size=28)
    # RoCE v2
    x = x0 + colw + gap
    c.box(x, ys[2], colw, ys[3] + rh - 14 - ys[2], "IB 传输层（BTH）\n与左边相同", fill=GREEN_L,
          outline=GREEN, size=30)
    c.box(x, ys[4], colw, rh - 14, "UDP（目的端口 4791）/ IP", fill=GREEN_L, outline=GREEN, size=30)
    c.box(x, ys[5], colw, rh + 10, "以太网\n常配 PFC 防丢包 + ECN 拥塞标记", fill=GREEN_L,
          outline=GREEN, size=28)
    # iWARP
    x = x0 + 2 * (colw + gap)
    c.box(x, ys[2], colw, rh - 14, "RDMAP / DDP / MPA", fill=ORANGE_L, outline=ORANGE, size=30)
    c.box(x, ys[3], colw, rh - 14, "TCP（可靠性、拥塞控制）", fill=ORANGE_L, outline=ORANGE, size=30)
    c.box(x, ys[4], colw, rh - 14, "IP", fill=ORANGE_L, outline=ORANGE, size=30)
    c.box(x, ys[5], colw, rh + 10, "以太网\n（可以有丢包，由 TCP 恢复）", fill=ORANGE_L, outline=ORANGE,
          size=28)
    notes = [("专用交换机与子网管理器", BLUE), ("沿用 IP 路由；UDP 源端口\n提供 ECMP 散列熵", GREEN),
             ("沿用 TCP：网卡要维护\nTCP 连接状态", ORANGE)]
    for k, (s, col) in enumerate(notes):
        x = x0 + k * (colw + gap)
        c.text(x + colw / 2, 1140, s, size=28, color=col)
    c.rect(120, 1250, 2160, 190, fill=GRAY_L, outline=GRAY, width=3, radius=18)
    c.text(1200, 1305, "RoCE v2 = 把 InfiniBand 的传输层装进 UDP/IP 报文：可以跨三层路由，"
           "但仍假设网络几乎不丢包", size=32, bold=True)
    c.text(1200, 1380, "端口号见 IANA 服务名与端口号注册表；各操作支持的 QP 类型见 rdma-core 的 "
           "ibv_wr_post(3) 手册", size=28, color=MUTED)
    c.save(path)


def _node(c, x, y, paths):
    """A node: CPU + host memory, a PCIe switch, a GPU and a NIC under it.

    paths: list of (points, colour) drawn first, so that the boxes sit on top of them.
    """
    for pts, col in paths:
        c.polyarrow(pts, color=col, width=10, head=32)
    c.line([(x + 670, y + 65), (x + 740, y + 65)], GRAY, 6)
    c.line([(x + 500, y + 130), (x + 500, y + 300)], PURPLE, 6)
    c.line([(x + 170, y + 520), (x + 170, y + 470), (x + 420, y + 470), (x + 420, y + 410)],
           PURPLE, 6)
    c.line([(x + 830, y + 520), (x + 830, y + 470), (x + 580, y + 470), (x + 580, y + 410)],
           PURPLE, 6)
    c.box(x + 330, y, 340, 130, "CPU\n根复合体", fill=GRAY_L, outline=GRAY, size=30, bold=True)
    c.box(x + 740, y + 10, 240, 110, "主机内存", fill=YELLOW_L, outline=YELLOW, size=32, bold=True)
    c.box(x + 330, y + 300, 340, 110, "PCIe 交换芯片", fill=PURPLE_L, outline=PURPLE, size=30,
          bold=True)
    c.box(x + 20, y + 520, 300, 160, "GPU\n显存（HBM）", fill=BLUE_L, outline=BLUE, size=32, bold=True)
    c.box(x + 680, y + 520, 300, 160, "RDMA 网卡", fill=GREEN_L, outline=GREEN, size=32, bold=True)
    c.arrow(x + 830, y + 680, x + 830, y + 770, color=INK, width=6, head=26)
    c.text(x + 850, y + 735, "网络", size=28, anchor="lm")


def fig_rdma04(path):
    """Sending GPU data: staging through host memory vs GPUDirect RDMA."""
    c = Canvas(W, 1400)
    title(c, "从 GPU 显存发数据：经主机内存中转 与 GPUDirect RDMA（示意）",
          "Without GPUDirect the data takes a detour through host memory; "
          "with it the NIC reads GPU memory over PCIe")
    for px, direct, name, col in ((50, False, "不用 GPUDirect RDMA：两段 DMA", RED),
                                  (1230, True, "GPUDirect RDMA：网卡直接读显存", GREEN)):
        c.rect(px, 190, 1120, 1050, fill=WHITE, outline=GRID, width=3, radius=20)
        c.text(px + 560, 240, name, size=38, bold=True, color=col)
        x, y = px + 60, 310
        if direct:
            paths = [([(x + 140, y + 520), (x + 140, y + 440), (x + 470, y + 440), (x + 470, y + 370),
                       (x + 530, y + 370), (x + 530, y + 440), (x + 860, y + 440),
                       (x + 860, y + 518)], GREEN)]
            _node(c, x, y, paths)
            c.text(x + 530, y + 215, "在交换芯片内转发，\n不上行到 CPU", size=28, color=GREEN, bold=True,
                   anchor="lm")
            c.text(px + 560, 1130, "一次 DMA；数据不经过主机内存，也不占 CPU 与上行链路", size=28)
            c.text(px + 560, 1185, "Kepler 与 CUDA 5.0 起提供（NVIDIA 文档）", size=26, color=MUTED)
        else:
            paths = [([(x + 140, y + 520), (x + 140, y + 440), (x + 470, y + 440), (x + 470, y + 95),
                       (x + 738, y + 95)], RED),
                     ([(x + 740, y + 35), (x + 530, y + 35), (x + 530, y + 440), (x + 860, y + 440),
                       (x + 860, y + 518)], ORANGE)]
            _node(c, x, y, paths)
            c.text(x + 445, y + 200, "① GPU 拷贝引擎\n写入主机内存\n（中转缓冲区）", size=26,
                   color=RED, anchor="rm", bold=True)
            c.text(x + 560, y + 200, "② 网卡 DMA\n从主机内存读出", size=26, color=ORANGE,
                   anchor="lm", bold=True)
            c.text(px + 560, 1130, "两次 DMA、一次同步；上行链路双向各走一遍，占用主机内存带宽", size=28)
            c.text(px + 560, 1185, "接收方向同理：先写主机内存，再拷进显存", size=26, color=MUTED)
    c.text(1200, 1310, "GPUDirect RDMA 要求 GPU 与网卡位于同一个 PCIe 根复合体之下；"
           "路径上只有 PCIe 交换芯片时性能最好", size=30, bold=True)
    c.text(1200, 1365, "（NVIDIA GPUDirect RDMA 文档；拓扑细节见下一节 PCIe）", size=26, color=MUTED)
    c.save(path)


# ====================================================================== 03PCIe
def fig_pcie01(path):
    """Per-direction x16 bandwidth of each PCIe generation, with NIC reference lines."""
    c = Canvas(W, 1330)
    title(c, "PCIe x16 单方向带宽（按线路速率与编码计算）",
          "x16 bandwidth per direction = transfer rate × encoding efficiency ÷ 8 × 16 lanes")
    x0, maxw, vmax = 700, 1330, 130.0
    top, rowh = 230, 140
    bottom = top + 6 * rowh
    for gbs, lab, col in ((NIC_200G, "200 Gb/s 网卡 = 25 GB/s", GREEN),
                          (NIC_400G, "400 Gb/s 网卡 = 50 GB/s", RED)):
        xx = x0 + gbs / vmax * maxw
        c.line([(xx, top - 10), (xx, bottom)], col, 4, dash=(18, 12))
        c.text(xx, bottom + 40 + (0 if col == GREEN else 50), lab, size=28, color=col, bold=True)
    for i, (gen, gts, enc, eff) in enumerate(PCIE_GENS):
        y = top + i * rowh
        v = x16(gts, eff)
        c.text(x0 - 30, y + 30, f"PCIe {gen}", size=38, anchor="rm", bold=True)
        c.text(x0 - 30, y + 80, f"{gts:g} GT/s · {enc}", size=28, anchor="rm", color=MUTED)
        w = v / vmax * maxw
        col = ORANGE if gen == "6.0" else (BLUE if eff > 0.9 else GRAY)
        c.rect(x0, y + 10, max(w, 8), 90, fill=col, radius=8)
        lab = f"{v:.2f} GB/s" if v < 100 else f"{v:.0f} GB/s"
        _note(c, x0 + w + 20, y + 55, f"{lab}（每 lane {v / 16:.3g}）", size=34, anchor="lm",
              bold=True)
    c.line([(x0, top - 10), (x0, bottom)], INK, 4)
    _note(c, x0 + maxw, top + 5 * rowh + 128, "6.0：每个 256 字节 flit 中 236 字节给 TLP，约 118 GB/s",
          size=28, color=ORANGE, anchor="rm")
    c.text(1200, 1290, "数值由 PCI-SIG 规定的速率与编码算得；A100 白皮书给出 4.0 x16 为 31.5 GB/s，"
           "H100 白皮书给出 5.0 x16 两个方向合计 128 GB/s", size=28, color=MUTED)
    c.save(path)


def fig_pcie02(path):
    """Where the bits go: line codes, the 6.0 flit, and the per-TLP overhead."""
    c = Canvas(W, 1620)
    title(c, "带宽花在哪里：线路编码、flit 与 TLP 开销",
          "8b/10b → 128b/130b → PAM4 flits; every transaction layer packet carries its own header")
    x, total, lx = 430, 1480, 1950
    # 8b/10b
    y = 210
    c.text(100, y + 45, "8b/10b\n（1.0、2.0）", size=30, anchor="lm", bold=True)
    c.rect(x, y, total * 0.8 - 6, 90, fill=BLUE, radius=6)
    c.text(x + total * 0.4, y + 45, "8 位数据 → 编码成 10 位符号", size=32, color=WHITE, bold=True)
    c.rect(x + total * 0.8, y, total * 0.2, 90, fill=RED_L, outline=RED, width=3, radius=6)
    c.text(x + total * 0.9, y + 45, "多出 2 位", size=30, color=RED, bold=True)
    c.text(lx, y + 45, "效率 80%", size=36, anchor="lm", bold=True, color=RED)
    # 128b/130b
    y = 380
    c.text(100, y + 45, "128b/130b\n（3.0 – 5.0）", size=30, anchor="lm", bold=True)
    hw = total * 2 / 130
    c.rect(x, y, hw + 30, 90, fill=RED_L, outline=RED, width=3, radius=6)
    c.text(x + (hw + 30) / 2, y + 45, "2", size=28, color=RED, bold=True)
    c.rect(x + hw + 40, y, total - hw - 40, 90, fill=BLUE, radius=6)
    c.text(x + hw + 40 + (total - hw - 40) / 2, y + 45, "2 位同步头 + 128 位数据", size=32,
           color=WHITE, bold=True)
    c.text(lx, y + 45, "效率 98.5%", size=36, anchor="lm", bold=True, color=BLUE)
    # flit
    y = 550
    c.text(100, y + 45, "256 字节 flit\n（6.0，PAM4）", size=30, anchor="lm", bold=True)
    parts = [("TLP 236 字节", 236, BLUE), ("DLLP", 6, PURPLE), ("CRC", 8, ORANGE), ("FEC", 6, RED)]
    xx = x
    for lab, b, col in parts:
        w = b / FLIT_BYTES * total
        c.rect(xx, y, w - 4, 90, fill=col, radius=4)
        if b > 100:
            c.text(xx + w / 2, y + 45, lab, size=32, color=WHITE, bold=True)
        xx += w
    c.text(x + total, y + 130, "其余 20 字节：DLLP 6 · CRC 8 · FEC 6", size=28, anchor="rm")
    c.text(lx, y + 45, f"TLP 占 {FLIT_TLP / FLIT_BYTES:.1%}", size=36, anchor="lm", bold=True,
           color=BLUE)
    # TLP structure with an assumed overhead
    y = 790
    c.rect(80, y, 2240, 790, fill=WHITE, outline=GRID, width=3, radius=20)
    c.text(1200, y + 50, "事务层包（TLP）：每个包都要自带包头和校验（演示用假设：每包额外 24 字节）",
           size=34, bold=True)
    y2 = y + 110
    segs = [("成帧 · 序号", 1.8, GRAY), ("TLP 包头\n（12 或 16 字节）", 2.6, ORANGE),
            ("有效载荷（不超过最大载荷 MPS，如 128 / 256 / 512 字节）", 9.0, BLUE), ("LCRC", 1.0, GRAY)]
    tot = sum(sg[1] for sg in segs)
    xx, full = 160, 2080
    for lab, wv, col in segs:
        w = wv / tot * full
        c.rect(xx, y2, w - 6, 120, fill=col, radius=6)
        c.text(xx + w / 2 - 3, y2 + 60, lab, size=26 if wv < 3 else 30, color=WHITE, bold=True)
        xx += w
    y3 = y2 + 200
    c.text(160, y3, "线路上的有效载荷比例 = 载荷 ÷ (载荷 + 24)：", size=30, anchor="lm", bold=True)
    for k, mps in enumerate((128, 256, 512)):
        eff = mps / (mps + TLP_OVERHEAD)
        yy = y3 + 60 + k * 100
        c.text(560, yy + 35, f"MPS {mps} 字节", size=30, anchor="rm")
        bw = eff * 1300
        c.rect(590, yy, bw, 70, fill=BLUE if mps >= 256 else GRAY, radius=6)
        c.text(590 + bw + 20, yy + 35, f"{eff:.1%}", size=32, bold=True, anchor="lm")
    c.text(1200, y + 740, "另有确认与流控用的 DLLP 占去一小部分；读操作还要为请求包和完成包各付一次包头",
           size=28, color=MUTED)
    c.save(path)


def _dev(c, x, y, label, fill, outline, w=128, h=92, size=26):
    c.box(x - w / 2, y - h / 2, w, h, label, fill=fill, outline=outline, size=size, bold=True)


def fig_pcie03(path):
    """Schematic PCIe tree of an 8-GPU server and three kinds of GPU-NIC path."""
    c = Canvas(W, 1560)
    title(c, "GPU 服务器里的 PCIe 树（示意，不对应某一具体产品）",
          "Two CPU sockets · one PCIe switch per two GPUs and two NICs · NVLink between GPUs")
    sw_x = [330, 910, 1490, 2070]
    cpu_y0, cpu_y1 = 225, 355
    sw_y0, sw_y1 = 465, 575
    dev_y = 760
    bus_y = 625
    # data paths first; boxes are drawn over them
    c.polyarrow([(150, 714), (150, 690), (315, 690), (315, 560), (345, 560), (345, 690), (420, 690),
                 (420, 712)], color=GREEN, width=9, head=28)
    c.polyarrow([(120, 714), (120, 665), (290, 665), (290, 520), (360, 520), (360, 300), (880, 300),
                 (880, 520), (950, 520), (950, 712)], color=ORANGE, width=9, head=28)
    c.polyarrow([(90, 714), (90, 650), (260, 650), (260, 530), (300, 530), (300, 320), (1460, 320),
                 (1460, 520), (1540, 520), (1540, 712)], color=RED, width=9, head=28)
    # CPUs, memory, inter-socket link
    for k, (x0, mx) in enumerate(((280, 40), (1440, 2150))):
        c.line([(mx + (210 if k == 0 else 0), 290), (x0 + (0 if k == 0 else 680), 290)], YELLOW, 6)
        c.box(mx, 240, 210, 100, "内存", fill=YELLOW_L, outline=YELLOW, size=30)
        c.box(x0, cpu_y0, 680, cpu_y1 - cpu_y0, f"CPU {k}：根复合体（根端口）", fill=GRAY_L,
              outline=GRAY, size=32, bold=True)
    c.line([(960, 262), (1440, 262)], GRAY, 10)
    c.text(1200, 225, "CPU 间互连", size=28, color=GRAY, bold=True)
    # switches and devices
    for k, sx in enumerate(sw_x):
        c.line([(sx, cpu_y1), (sx, sw_y0)], PURPLE, 6)
        c.line([(sx, sw_y1), (sx, bus_y)], PURPLE, 6)
        c.line([(sx - 210, bus_y), (sx + 210, bus_y)], PURPLE, 6)
        for j, dx in enumerate((sx - 210, sx - 70, sx + 70, sx + 210)):
            c.line([(dx, bus_y), (dx, dev_y - 46)], PURPLE, 6)
        c.box(sx - 200, sw_y0, 400, sw_y1 - sw_y0, f"PCIe 交换芯片 {k}", fill=PURPLE_L,
              outline=PURPLE, size=30, bold=True)
    gpus = []
    for k, sx in enumerate(sw_x):
        for j in range(2):
            gpus.append(sx - 210 + 140 * j)
            _dev(c, sx - 210 + 140 * j, dev_y, f"GPU{2 * k + j}", BLUE_L, BLUE)
            _dev(c, sx + 70 + 140 * j, dev_y, f"NIC{2 * k + j}", GREEN_L, GREEN)
    c.text(470, 680, "PIX", size=28, color=GREEN, bold=True, anchor="lm")
    c.text(380, 410, "PHB", size=28, color=ORANGE, bold=True, anchor="lm")
    c.text(1200, 355, "SYS", size=28, color=RED, bold=True)
    # NVLink / NVSwitch bar
    for gx in gpus:
        c.line([(gx, dev_y + 46), (gx, 900)], ORANGE, 5)
    c.rect(60, 900, 2280, 90, fill=ORANGE_L, outline=ORANGE, width=4, radius=16)
    c.text(1200, 945, "NVLink / NVSwitch：GPU 之间的数据走这里，不经过 PCIe", size=32, bold=True,
           color=ORANGE)
    # legend
    c.rect(60, 1040, 2280, 480, fill=WHITE, outline=GRID, width=3, radius=18)
    c.text(1200, 1095, "从 GPU0 到三块网卡的路径（名称取自 NCCL_NET_GDR_LEVEL 的取值）", size=34,
           bold=True)
    rows = [(GREEN, "PIX", "GPU0 → NIC0：同一个 PCIe 交换芯片，在交换芯片内转发",
             "GPUDirect RDMA 的最佳情形"),
            (ORANGE, "PHB", "GPU0 → NIC2：上行到 CPU 0 的根复合体再下行",
             "能用，但性能变差"),
            (RED, "SYS", "GPU0 → NIC4：还要跨 CPU 间互连到另一个插槽",
             "可能极慢，甚至不可靠")]
    for k, (col, code, desc, note) in enumerate(rows):
        yy = 1170 + k * 100
        c.rect(130, yy, 150, 70, fill=col, radius=10)
        c.text(205, yy + 35, code, size=32, color=WHITE, bold=True)
        c.text(320, yy + 35, desc, size=30, anchor="lm")
        c.text(2280, yy + 35, note, size=28, anchor="rm", color=col, bold=True)
    c.text(1200, 1475, "另有 PXB：跨多级交换芯片但不经过 CPU。性能判断见 NVIDIA GPUDirect RDMA 文档",
           size=26, color=MUTED)
    c.save(path)


def fig_pcie04(path):
    """Worked example (assumed topology): shared switch uplink, staged vs GPUDirect."""
    c = Canvas(W, 1400)
    title(c, "算一个例子：两块 GPU 同时经各自网卡发数据（假设的拓扑与参数）",
          "Assumed: PCIe 5.0 x16 everywhere (63 GB/s per direction), 400 Gb/s NICs (50 GB/s each)")
    # left: topology
    c.rect(60, 190, 1000, 1060, fill=WHITE, outline=GRID, width=3, radius=20)
    c.box(360, 240, 400, 120, "CPU + 主机内存", fill=GRAY_L, outline=GRAY, size=32, bold=True)
    c.line([(560, 360), (560, 520)], PURPLE, 12)
    c.text(590, 440, "一条 x16 上行链路\n（两块 GPU 共用）", size=28, anchor="lm", color=PURPLE,
           bold=True)
    c.box(360, 520, 400, 110, "PCIe 交换芯片", fill=PURPLE_L, outline=PURPLE, size=32, bold=True)
    xs = [170, 420, 700, 950]
    labels = [("GPU0", BLUE_L, BLUE), ("GPU1", BLUE_L, BLUE), ("NIC0", GREEN_L, GREEN),
              ("NIC1", GREEN_L, GREEN)]
    for dx, (lab, f, o) in zip(xs, labels):
        c.line([(560, 630), (dx, 800)], PURPLE, 6)
        _dev(c, dx, 850, lab, f, o, w=170, h=100, size=32)
    c.text(560, 960, "每个设备各有一条 x16 链路", size=28)
    c.text(560, 1040, "中转：GPU → 主机内存 → 网卡", size=30, color=RED, bold=True)
    c.text(560, 1090, "两路数据都要穿过上行链路（上、下行各一遍）", size=28, color=RED)
    c.text(560, 1160, "GPUDirect：GPU → 交换芯片 → 网卡", size=30, color=GREEN, bold=True)
    c.text(560, 1210, "上行链路空闲", size=28, color=GREEN)
    # right: bars
    c.rect(1110, 190, 1230, 1060, fill=WHITE, outline=GRID, width=3, radius=20)
    c.text(1725, 250, "每块 GPU 能发出的带宽（GB/s，单方向）", size=34, bold=True)
    uplink = x16(32.0, 128 / 130)
    staged = min(NIC_400G, uplink / 2)
    direct = min(NIC_400G, uplink)
    x0, y0, scale = 1300, 1050, 11.0
    bars = [("经主机内存中转", staged, RED), ("GPUDirect RDMA", direct, GREEN)]
    for k, (lab, v, col) in enumerate(bars):
        x = x0 + k * 480
        h = v * scale
        c.rect(x, y0 - h, 300, h, fill=col, radius=8)
        c.text(x + 150, y0 - h - 45, f"{v:.1f}", size=44, bold=True, color=col)
        c.text(x + 150, y0 + 50, lab, size=32, bold=True)
    c.line([(x0 - 60, y0), (x0 + 860, y0)], INK, 4)
    ny = y0 - NIC_400G * scale
    c.line([(x0 - 60, ny), (x0 + 860, ny)], MUTED, 3, dash=(16, 10))
    c.text(x0 + 860, ny - 30, "网卡上限 50", size=28, color=MUTED, anchor="rm")
    c.text(1725, 1160, f"中转：上行链路 {uplink:.1f} GB/s ÷ 2 块 GPU = {staged:.1f}",
           size=30, color=RED)
    c.text(1200, 1320, "假设值仅用于演示：实际服务器的上行链路宽度、GPU 与网卡的配比因产品而异；"
           "另忽略 TLP 开销", size=28, color=MUTED)
    c.save(path)


# ====================================================================== registry
FIGURES = {
    f"{BASE}/images/02RDMA01.png": fig_rdma01,
    f"{BASE}/images/02RDMA02.png": fig_rdma02,
    f"{BASE}/images/02RDMA03.png": fig_rdma03,
    f"{BASE}/images/02RDMA04.png": fig_rdma04,
    f"{BASE}/images/03PCIe01.png": fig_pcie01,
    f"{BASE}/images/03PCIe02.png": fig_pcie02,
    f"{BASE}/images/03PCIe03.png": fig_pcie03,
    f"{BASE}/images/03PCIe04.png": fig_pcie04,
}


# ====================================================================== decks
def _img(article: str, idx: int) -> str:
    return f"images/{article}{idx:02d}.png"


_MODULE, _CHAPTER = "通信&存储", "通信基础"

DECKS = [
    {
        "path": f"{BASE}/02RDMA.pdf",
        "module": _MODULE, "chapter": _CHAPTER,
        "title": "RDMA：绕过内核的远程内存访问",
        "subtitle": "零拷贝、内核旁路、队列对与 GPUDirect RDMA",
        "tag": "第 02 讲",
        "slides": [
            ("bullets", "内核 TCP/IP 路径贵在哪里", [
                "每条消息：系统调用、用户态与内核态之间的拷贝、CPU 上的协议处理、接收端中断与唤醒",
                "固定开销抬高 α；逐字节的拷贝消耗 CPU 与内存带宽",
                "400 Gb/s = 50 GB/s：每多拷贝一次，内存每秒多读 50 GB、多写 50 GB",
            ]),
            ("figure", "一条消息走过的路", _img("02RDMA", 1), "RDMA：数据路径不进内核，网卡直接读写已注册的缓冲区"),
            ("bullets", "RDMA 把什么交给了网卡", [
                "注册内存（MR）：锁定页面，把地址交给网卡；本地 lkey、远端 rkey",
                "队列对 QP = 发送队列 + 接收队列；完成结果进完成队列 CQ",
                "用户态写门铃、轮询 CQ：数据路径没有系统调用",
                "RC 连接的确认与重传由网卡完成",
            ]),
            ("figure", "三种操作", _img("02RDMA", 2),
             "SEND/RECV：两端 CPU 参与 · WRITE/READ：对端 CPU 不参与 · READ 只支持 RC 与 XRC"),
            ("figure", "InfiniBand、RoCE v2 与 iWARP", _img("02RDMA", 3),
             "同一套 verbs 接口；RoCE v2 用 UDP 目的端口 4791；iWARP 跑在 TCP 上"),
            ("figure", "GPUDirect RDMA", _img("02RDMA", 4),
             "网卡经 PCIe 直接读写显存；GPU 与网卡需在同一根复合体下"),
            ("summary", "小结", [
                "RDMA 通过零拷贝、内核旁路和传输卸载降低 α、释放 CPU",
                "单边操作需要事先交换远端地址与 rkey；双边操作由接收方决定数据落点",
                "RoCE v2 依赖 PFC 与 ECN/DCQCN 之类的机制维持近乎无损",
                "NCCL 的 IB 传输走 verbs；NCCL_NET_GDR_LEVEL 按拓扑距离决定是否用 GPUDirect RDMA",
            ]),
        ],
    },
    {
        "path": f"{BASE}/03PCIe.pdf",
        "module": _MODULE, "chapter": _CHAPTER,
        "title": "PCIe：节点内部的互连",
        "subtitle": "代次、编码、交换树与 GPU–网卡亲和性",
        "tag": "第 03 讲",
        "slides": [
            ("bullets", "PCIe 的代次与编码（PCI-SIG）", [
                "每条 lane 收发各一对差分线，两个方向同时工作",
                "1.0 / 2.0：2.5 / 5 GT/s，8b/10b（效率 80%）",
                "3.0 / 4.0 / 5.0：8 / 16 / 32 GT/s，128b/130b（效率约 98.5%）",
                "6.0：64 GT/s，PAM4 + 256 字节 flit（其中 236 字节给 TLP）",
            ]),
            ("figure", "x16 单方向带宽", _img("03PCIe", 1),
             "x16 单方向 = 速率 × 编码效率 ÷ 8 × 16：4.0 约 31.5 GB/s，5.0 约 63 GB/s"),
            ("figure", "线路编码、flit 与 TLP 开销", _img("03PCIe", 2),
             "每包额外 24 字节为演示用假设值：MPS 256 B 时效率约 91%"),
            ("figure", "GPU 服务器里的 PCIe 树（示意）", _img("03PCIe", 3),
             "PIX：同一交换芯片 · PHB：经过 CPU · SYS：跨 CPU 插槽"),
            ("figure", "共用上行链路的例子（假设值）", _img("03PCIe", 4),
             "中转时每块 GPU 约 31.5 GB/s；GPUDirect RDMA 时受网卡限制，为 50 GB/s"),
            ("bullets", "与 NVLink 比较（单方向）", [
                "PCIe 4.0 x16：31.5 GB/s（A100 白皮书）；5.0 x16：约 63 GB/s（计算值）",
                "NVLink：A100 300 GB/s，H100 450 GB/s（白皮书总带宽的一半）",
                "GPU 之间走 NVLink；跨节点的数据必须经 PCIe 到网卡",
                "所以分层集合通信：节点内走 NVLink，节点间走网卡",
            ]),
            ("summary", "小结", [
                "x16 单方向带宽 = 速率 × 编码效率 ÷ 8 × 16，再扣除包头等协议开销",
                "GPU 与网卡挂在同一个 PCIe 交换芯片下，GPUDirect RDMA 才能走最短路径",
                "ACS/IOMMU 可能把 P2P 流量绕到根复合体（NCCL 故障排查文档）",
                "400 Gb/s 网卡需要约 50 GB/s：PCIe 4.0 x16 不够，5.0 x16 够",
            ]),
        ],
    },
]
