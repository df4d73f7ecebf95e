"""Figures and decks of 01AIChip/02ChipBase (AI 芯片基础: CPU, GPU and NPU).

Every number drawn here is one the article cites next to the figure: Horowitz (ISSCC 2014)
energies, the NVIDIA A100 whitepaper, and Jouppi et al. (ISCA 2017) for the first TPU. Diagrams
marked 示意 / schematic are not to scale.
"""

from __future__ import annotations

from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Picture, Plot, T, Text

IMAGES = "01AIChip/02ChipBase/images/"

# ====================================================================== 01CPUBase
CPU01 = Figure(
    IMAGES + "01CPUBase01",
    T("冯·诺依曼结构与 CPU 的存储层次（示意）", "The von Neumann organisation and the CPU memory hierarchy (schematic)"),
    T("指令与数据共用一个存储器，中间隔着多级缓存", "Von Neumann organisation: one memory for instructions and data, caches in between"),
    rows=12,
    items=(
        Box(1.2, 0.2, 11.4, 10.6, color="gray", title=T("CPU 芯片", "CPU chip")),
        Box(1.7, 1.1, 10.4, 3.9, title=T("处理器核心", "Processor core")),
        Box(2.1, 1.9, 4.6, 1.5, T("控制单元\n取指 · 译码 · 调度", "Control unit\nfetch · decode · schedule"), fill="white"),
        Box(7.1, 1.9, 4.6, 1.5, T("运算单元 ALU / FPU\n真正做运算的部分", "ALU / FPU\nwhere arithmetic happens"),
            color="orange"),
        Box(2.1, 3.65, 9.6, 1.05, T("寄存器堆", "Register file"), fill="white"),
        Box(1.7, 5.35, 5.05, 1.15, T("L1 指令缓存", "L1 instruction cache"), color="teal"),
        Box(7.05, 5.35, 5.05, 1.15, T("L1 数据缓存", "L1 data cache"), color="teal"),
        Box(1.7, 6.8, 10.4, 1.15, T("L2 缓存", "L2 cache"), color="teal"),
        Box(1.7, 8.25, 10.4, 1.4, T("L3 缓存（多个核心共享）", "L3 cache (shared by the cores)"), color="teal"),
        Text(6.9, 10.25, T("缓存、预测、调度占去核心的大量面积与能耗",
                           "Caches, prediction and scheduling take much of a core's area and energy"), size=16),
        Arrow((12.75, 4.4), (15.45, 4.4), color="red", width=6, both=True),
        Text(14.1, 3.4, T("总线 /\n内存控制器", "Bus /\nmemory controller"), color="red", bold=True, size=15),
        Text(14.1, 5.7, T("冯·诺依曼瓶颈", "von Neumann\nbottleneck"), color="red", size=15),
        Box(15.6, 1.0, 7.2, 7.0, color="orange", title=T("主存 DRAM", "Main memory (DRAM)")),
        Box(16.2, 2.2, 6.0, 2.0, T("程序指令\nload · add · mul · branch …", "Instructions\nload · add · mul · branch …"),
            color="orange", fill="white"),
        Box(16.2, 4.6, 6.0, 2.0, T("数据\n权重 · 激活 · 中间结果", "Data\nweights, activations,\nintermediate results"),
            color="orange", fill="white"),
        Text(19.2, 7.25, T("指令与数据放在同一个存储器里（存储程序）", "Instructions and data share one memory (stored program)"),
             size=14),
        Arrow((22.7, 10.0), (15.8, 10.0), width=3),
        Text(19.25, 9.1, T("越靠近核心：容量越小、延迟越短、\n每次访问的能耗越低",
                           "Closer to the core: smaller, faster,\nless energy per access"), size=16),
    ),
)

STAGE_COLOURS = {"IF": "blue", "ID": "purple", "EX": "orange", "MEM": "teal", "WB": "green", "--": "red"}
STAGES = ("IF", "ID", "EX", "MEM", "WB")
CYCLES = 12


def _pipeline(top: float, label: T, rows: list[tuple[T | str, list[tuple[int, str]]]], note: T,
              colour: str) -> list[Item]:
    """One panel of the pipeline figure: a row per instruction, a cell per clock cycle."""
    x0, cell, height = 4.7, 1.45, 0.7
    items: list[Item] = [Text(1.2, top - 0.4, label, bold=True, size=19, anchor="start")]
    items += [Text(x0 + t * cell + cell / 2, top + 0.1, str(t + 1), color="gray", size=14) for t in range(CYCLES)]
    for i, (name, cells) in enumerate(rows):
        y = top + 0.45 + i * (height + 0.12)
        items.append(Text(x0 - 0.3, y + height / 2, name, size=16, anchor="end"))
        items += [Box(x0 + t * cell + 0.04, y, cell - 0.08, height, T("停顿", "stall") if stage == "--" else stage,
                      color=STAGE_COLOURS[stage], bold=True, size=14, radius=4) for t, stage in cells]
    items.append(Text(x0 + CYCLES * cell - 0.1, top + 0.45 + len(rows) * (height + 0.12) + 0.3, note,
                      color=colour, bold=True, size=16, anchor="end"))
    return items


CPU02 = Figure(
    IMAGES + "01CPUBase02",
    T("五级指令流水线：理想重叠与访存停顿（示意）", "The five-stage pipeline: ideal overlap and a memory stall (schematic)"),
    "IF fetch · ID decode · EX execute · MEM memory · WB write back",
    rows=12.6,
    items=(
        Text(4.7 + CYCLES * 1.45 / 2, 0.15, T("时钟周期", "Clock cycle"), color="gray", size=15),
        *_pipeline(0.5, T("理想情况：每个周期完成一条指令", "Ideal: one instruction completes every cycle"),
                   [(f"I{i + 1}", [(i + s, stage) for s, stage in enumerate(STAGES)]) for i in range(5)],
                   T("5 条指令用 9 个周期；流水线填满后 CPI = 1", "5 instructions in 9 cycles; once full, CPI = 1"),
                   "green"),
        *_pipeline(6.3, T("I2 的数据不在缓存里：后面的指令只能等待",
                          "I2's data is not in the cache: the instructions behind it wait"),
                   [("I1", [(0, "IF"), (1, "ID"), (2, "EX"), (3, "MEM"), (4, "WB")]),
                    (T("I2 load 未命中", "I2 load misses"),
                     [(1, "IF"), (2, "ID"), (3, "EX"), (4, "MEM"), (5, "MEM"), (6, "MEM"), (7, "MEM"), (8, "WB")]),
                    ("I3", [(2, "IF"), (3, "ID"), (4, "EX"), (5, "--"), (6, "--"), (7, "--"), (8, "MEM"), (9, "WB")]),
                    ("I4", [(3, "IF"), (4, "ID"), (5, "--"), (6, "--"), (7, "--"), (8, "EX"), (9, "MEM"), (10, "WB")]),
                    ("I5", [(4, "IF"), (5, "--"), (6, "--"), (7, "--"), (8, "ID"), (9, "EX"), (10, "MEM"),
                            (11, "WB")])],
                   T("同样 5 条指令用 12 个周期；真实的 DRAM 缺失代价远不止 3 个周期",
                     "The same 5 instructions take 12 cycles; a real DRAM miss costs far more than 3 cycles"),
                   "red"),
    ),
)

# Horowitz, ISSCC 2014: energy per operation, 45 nm, 0.9 V (pJ). Memory: one 64-bit access.
HOROWITZ = [
    (T("8 位整数加法", "8-bit int add"), 0.03, None, "orange"),
    (T("32 位整数加法", "32-bit int add"), 0.1, None, "orange"),
    (T("8 位整数乘法", "8-bit int multiply"), 0.2, None, "orange"),
    (T("16 位浮点加法", "FP16 add"), 0.4, None, "orange"),
    (T("32 位浮点加法", "FP32 add"), 0.9, None, "orange"),
    (T("16 位浮点乘法", "FP16 multiply"), 1.1, None, "orange"),
    (T("32 位整数乘法", "32-bit int multiply"), 3.1, None, "orange"),
    (T("32 位浮点乘法", "FP32 multiply"), 3.7, None, "orange"),
    (T("8 KB 缓存 64 位访问", "8 KB cache, 64-bit access"), 10.0, None, "blue"),
    (T("32 KB 缓存 64 位访问", "32 KB cache, 64-bit access"), 20.0, None, "blue"),
    (T("1 MB 缓存 64 位访问", "1 MB cache, 64-bit access"), 100.0, None, "blue"),
    (T("DRAM 64 位访问", "DRAM, 64-bit access"), 1300.0, 2600.0, "red"),
]
KINDS = [("orange", T("算术运算", "arithmetic")), ("blue", T("片上 SRAM 缓存", "on-chip SRAM cache")),
         ("red", T("片外 DRAM", "off-chip DRAM"))]


def _energy(axes, language: str) -> None:
    """Horizontal bars on a log axis; the DRAM bar shows its 1300–2600 pJ range as a lighter extension."""
    from ..spec import text_in
    from ..style import light, strong

    rows = list(reversed(HOROWITZ))
    for y, (label, value, upper, colour) in enumerate(rows):
        axes.barh(y, value - 0.01, left=0.01, height=0.6, color=strong(colour))
        if upper:
            axes.barh(y, upper - value, left=value, height=0.6, color=light(colour), edgecolor=strong(colour))
        axes.text((upper or value) * 1.2, y, f"{value:g}–{upper:g} pJ" if upper else f"{value:g} pJ",
                  va="center", fontsize=15, fontweight="bold", color=strong(colour))
    axes.set_xscale("log")
    axes.set_xlim(0.01, 10000)
    axes.set_ylim(-0.6, len(rows) - 0.4)
    axes.set_yticks(range(len(rows)), [text_in(label, language) for label, *_ in rows], fontsize=15)
    axes.tick_params(axis="y", length=0)
    axes.set_xticks([10.0 ** k for k in range(-2, 5)], ["0.01", "0.1", "1", "10", "100", "1000", "10000"],
                    fontsize=14)
    axes.minorticks_off()
    axes.grid(axis="x", color="#e5e7eb")
    axes.set_axisbelow(True)
    axes.set_xlabel(text_in(T("每次操作的能耗（pJ，对数坐标）", "Energy per operation (pJ, log scale)"), language),
                    fontsize=15)
    handles = [axes.bar(0, 0, color=strong(colour), label=text_in(label, language)) for colour, label in KINDS]
    axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.4, -0.12), ncol=3, frameon=False,
                fontsize=15)


CPU03 = Plot(
    IMAGES + "01CPUBase03",
    T("一次运算与一次访存的能耗（Horowitz，ISSCC 2014，45 nm，0.9 V）",
      "Energy of one operation and one memory access (Horowitz, ISSCC 2014, 45 nm, 0.9 V)"),
    T("每次运算与每次 64 位访存的能耗，皮焦，对数坐标", "Energy per operation and per 64-bit memory access, picojoules, log scale"),
    rows=13.4,
    draw=_energy,
    area=(7.0, 0.2, 15.6, 10.6),
)

# ====================================================================== 02GPUBase
GPU01 = Figure(
    IMAGES + "02GPUBase01",
    T("CPU 与 GPU 的取舍：为延迟优化 vs 为吞吐优化（示意，面积不按实物比例）",
      "CPU and GPU: optimised for latency vs for throughput (schematic, areas not to scale)"),
    T("少量强大的核心配大缓存，或大量简单的核心配大量线程",
      "A few strong cores with large caches, or many simple cores with many threads"),
    rows=12,
    items=(
        Box(1.0, 0.2, 10.4, 10.0, fill="white", size=19, stroke=2.5, title=T("CPU：少量强大的核心", "CPU: a few strong cores")),
        *(part for k in range(4) for part in (
            Box(1.5 + (k % 2) * 4.8, 1.1 + (k // 2) * 2.5, 4.5, 2.2, radius=3),
            Box(1.7 + (k % 2) * 4.8, 1.3 + (k // 2) * 2.5, 2.3, 1.8, T("控制\n预测 · 乱序", "Control\nprediction\nout-of-order"),
                color="purple", size=15),
            Box(4.2 + (k % 2) * 4.8, 1.3 + (k // 2) * 2.5, 1.6, 1.8, "ALU\nSIMD", color="orange", size=15),
        )),
        Box(1.5, 6.4, 9.3, 1.7, T("大容量多级缓存", "Large multi-level caches"), color="teal", size=19),
        Box(1.5, 8.4, 9.3, 1.0, "DRAM", color="gray", size=18),
        Text(6.2, 10.6, T("让一个线程尽快完成：降低延迟", "Finish one thread fast: low latency"), color="blue", bold=True, size=18),
        Box(12.6, 0.2, 10.4, 10.0, color="green", fill="white", size=19, stroke=2.5,
            title=T("GPU：大量简单的核心", "GPU: many simple cores")),
        *(part for s in range(8) for part in (
            Box(13.0 + (s % 4) * 2.45, 1.3 + (s // 4) * 2.5, 2.25, 2.2, color="green", radius=5),
            Box(13.12 + (s % 4) * 2.45, 1.42 + (s // 4) * 2.5, 2.01, 0.38, T("调度", "scheduler"), color="purple",
                size=11, radius=3),
            *(Box(13.14 + (s % 4) * 2.45 + q * 0.33, 1.9 + (s // 4) * 2.5 + r * 0.31, 0.27, 0.24, color="orange",
                  fill="solid", radius=2) for r in range(4) for q in range(6)),
            Box(13.12 + (s % 4) * 2.45, 3.17 + (s // 4) * 2.5, 2.01, 0.22, color="teal", radius=2),
        )),
        Text(17.8, 6.35, T("每组核心（SM）：一个调度器带很多运算单元", "Each group of cores (an SM): one scheduler, many arithmetic units"),
             color="gray", size=14),
        Box(13.0, 6.7, 9.6, 1.4, T("较小的共享缓存 + 很大的寄存器堆", "Smaller shared caches + a large register file"),
            color="teal", size=18),
        Box(13.0, 8.4, 9.6, 1.0, T("高带宽显存（如 HBM）", "High-bandwidth memory (such as HBM)"), color="gray", size=18),
        Text(17.8, 10.6, T("让成千上万个线程一起完成：提高吞吐", "Finish thousands of threads together: high throughput"),
             color="green", bold=True, size=18),
        Text(12.0, 11.5, T("CPU 用缓存和推测隐藏延迟；GPU 用大量驻留线程轮流执行来隐藏延迟",
                           "A CPU hides latency with caches and speculation; a GPU by taking turns among many resident threads"),
             size=17),
    ),
)

A100_FACTS = [
    (T("SM 数量", "SMs"), T("108（完整 GA100 为 128）", "108 (128 in a full GA100)")),
    (T("FP32 核心", "FP32 cores"), "108 × 64 = 6,912"),
    ("Tensor Core", "108 × 4 = 432"),
    (T("L2 缓存", "L2 cache"), "40 MB"),
    (T("显存", "Memory"), T("40 GB HBM2，1,555 GB/s", "40 GB HBM2, 1,555 GB/s")),
    (T("加速频率", "Boost clock"), "1,410 MHz"),
    (T("每 SM 最多驻留", "Resident per SM, at most"), T("64 个 warp = 2,048 线程", "64 warps = 2,048 threads")),
    (T("每 SM 寄存器", "Registers per SM"), T("65,536 × 32 位 = 256 KB", "65,536 × 32-bit = 256 KB")),
    (T("每个 Tensor Core", "Each Tensor Core"), T("每周期 256 次 FP16 乘加（FMA）", "256 FP16 FMAs per cycle")),
]


def _partition(p: int) -> list[Item]:
    """One of the SM's four processing blocks."""
    x, y = 1.4 + (p % 2) * 6.85, 0.9 + (p // 2) * 5.05
    return [
        Box(x, y, 6.55, 4.8, fill="white", radius=7),
        Text(x + 0.2, y + 0.34, T(f"分区 {p}", f"Block {p}"), color="blue", bold=True, size=14, anchor="start"),
        Box(x + 1.3, y + 0.12, 5.05, 0.44, T("L0 指令缓存 · warp 调度器 · 分派单元", "L0 i-cache · warp scheduler · dispatch"),
            color="purple", size=13, radius=4),
        Box(x + 0.2, y + 0.7, 6.15, 0.6, T("寄存器堆 16,384 × 32 位（64 KB）", "Register file 16,384 × 32-bit (64 KB)"),
            color="yellow", size=14, radius=4),
        Box(x + 0.2, y + 1.45, 1.9, 1.5, "INT32\n× 16", size=15, radius=4),
        Box(x + 2.25, y + 1.45, 1.9, 1.5, "FP32\n× 16", color="orange", size=15, radius=4),
        Box(x + 4.3, y + 1.45, 2.05, 1.5, "FP64\n× 8", color="teal", size=15, radius=4),
        Box(x + 0.2, y + 3.1, 6.15, 0.8, T("第三代 Tensor Core × 1", "Third-generation Tensor Core × 1"), color="red",
            size=15, bold=True, radius=4),
        Box(x + 0.2, y + 4.05, 3.0, 0.55, T("LD/ST 访存单元", "LD/ST load/store"), color="gray", size=13, radius=4),
        Box(x + 3.35, y + 4.05, 3.0, 0.55, T("SFU 特殊函数", "SFU special functions"), color="gray", size=13, radius=4),
    ]


GPU02 = Figure(
    IMAGES + "02GPUBase02",
    T("NVIDIA A100 的流式多处理器（SM）：数字取自 A100 白皮书",
      "The NVIDIA A100 streaming multiprocessor (SM): numbers from its whitepaper"),
    T("一个 SM = 4 个分区，共享 192 KB 的 L1 数据缓存 / 共享内存",
      "One SM = 4 processing blocks sharing 192 KB of L1 data cache / shared memory"),
    rows=13,
    items=(
        Box(1.0, 0.0, 14.2, 12.4, color="gray", size=17, stroke=2.5,
            title=T("一个 SM（A100 共启用 108 个）", "One SM (the A100 enables 108)")),
        *(item for p in range(4) for item in _partition(p)),
        Box(1.4, 10.95, 13.4, 1.1, T("192 KB L1 数据缓存 / 共享内存（共享内存最多可配置 164 KB）",
                                     "192 KB L1 data cache / shared memory (up to 164 KB of it as shared memory)"),
            color="teal", size=16),
        Box(15.8, 0.0, 7.2, 12.4, color="green", fill="white", size=18, title=T("整颗 A100", "The whole A100")),
        *(item for i, (key, value) in enumerate(A100_FACTS) for item in (
            Text(16.2, 1.2 + i * 1.22, key, color="gray", size=15, anchor="start"),
            Text(16.2, 1.7 + i * 1.22, value, bold=True, size=17, anchor="start"),
        )),
    ),
)

WARPS = ["blue", "green", "purple", "pink"]


def _schedule(nwarps: int, ncycles: int, compute: int = 2, latency: int = 8) -> tuple[list[list[str]], list[str]]:
    """Greedy-then-round-robin issue: the scheduler keeps issuing from the same warp while it is
    ready, otherwise takes the next ready warp. Each warp runs `compute` instructions, then a
    load whose data returns `latency` cycles later. Returns per-warp cell states and the issue row."""
    state = [["" for _ in range(ncycles)] for _ in range(nwarps)]
    issue = ["" for _ in range(ncycles)]
    ready_at, step, last = [0] * nwarps, [0] * nwarps, 0
    for t in range(ncycles):
        chosen = next((w for w in ((last + k) % nwarps for k in range(nwarps)) if ready_at[w] <= t), None)
        for w in range(nwarps):
            if ready_at[w] > t:
                state[w][t] = "wait"
        if chosen is None:
            issue[t] = "idle"
            continue
        last = chosen
        if step[chosen] < compute:
            state[chosen][t], step[chosen], ready_at[chosen] = "C", step[chosen] + 1, t + 1
        else:
            state[chosen][t], step[chosen], ready_at[chosen] = "M", 0, t + 1 + latency
        issue[t] = f"W{chosen}"
    return state, issue


COMPUTE, LOAD, IDLE = T("算", "C"), T("访", "L"), T("空", "idle")
WARP_CYCLES = 24


def _warps(top: float, nwarps: int, label: T) -> tuple[list[Item], float]:
    """One panel of the latency-hiding figure and the row below its last line."""
    state, issue = _schedule(nwarps, WARP_CYCLES)
    x0, cell, height = 3.0, 0.76, 0.56
    items: list[Item] = [Text(1.0, top, label, bold=True, size=18, anchor="start")]
    for w in range(nwarps):
        y = top + 0.4 + w * (height + 0.1)
        items.append(Text(x0 - 0.25, y + height / 2, f"warp {w}", size=15, anchor="end"))
        for t, cell_state in enumerate(state[w]):
            x = x0 + t * cell + 0.03
            if cell_state in ("C", "M"):
                items.append(Box(x, y, cell - 0.06, height, COMPUTE if cell_state == "C" else LOAD, color=WARPS[w],
                                 fill="solid", bold=True, size=13, radius=3))
            elif cell_state == "wait":
                items.append(Box(x, y + 0.14, cell - 0.06, height - 0.28, color="#f3f4f6", fill="#f3f4f6", radius=2))
    y = top + 0.4 + nwarps * (height + 0.1) + 0.1
    items.append(Text(x0 - 0.25, y + height / 2, T("发射槽", "issue slot"), bold=True, size=15, anchor="end"))
    for t, slot in enumerate(issue):
        x = x0 + t * cell + 0.03
        if slot == "idle":
            items.append(Box(x, y, cell - 0.06, height, IDLE, color="red", bold=True, size=12, radius=3))
        else:
            items.append(Box(x, y, cell - 0.06, height, slot, color=WARPS[int(slot[1:])], bold=True, size=12,
                             radius=3))
    busy = sum(slot != "idle" for slot in issue)
    items.append(Text(x0 + WARP_CYCLES * cell + 0.3, y + height / 2,
                      T(f"忙 {busy}/{WARP_CYCLES}", f"busy {busy}/{WARP_CYCLES}"),
                      color="red" if busy < WARP_CYCLES else "green", bold=True, size=17, anchor="start"))
    return items, y + height


def _latency_items() -> list[Item]:
    first, end = _warps(0.8, 2, T("2 个 warp：两个都在等数据时，发射槽空转",
                                  "2 warps: when both wait for data, the issue slot idles"))
    second, _ = _warps(end + 0.9, 4, T("4 个 warp：总有一个 warp 就绪，发射槽一直有活干",
                                       "4 warps: one is always ready, the issue slot never idles"))
    numbers = [Text(3.0 + t * 0.76 + 0.38, 0.25, str(t + 1), color="gray", size=12) for t in range(WARP_CYCLES)]
    legend: list[Item] = [
        Box(3.0, 10.22, 0.7, 0.56, COMPUTE, fill="solid", bold=True, size=13, radius=3),
        Text(3.85, 10.5, T("计算指令", "compute instruction"), size=15, anchor="start"),
        Box(7.8, 10.22, 0.7, 0.56, LOAD, fill="solid", bold=True, size=13, radius=3),
        Text(8.65, 10.5, T("发出访存（load）", "issue a load"), size=15, anchor="start"),
        Box(12.0, 10.36, 0.7, 0.28, color="#f3f4f6", fill="#f3f4f6", radius=2),
        Text(12.85, 10.5, T("等待数据返回", "waiting for data"), size=15, anchor="start"),
        Box(16.3, 10.22, 0.7, 0.56, IDLE, color="red", bold=True, size=12, radius=3),
        Text(17.15, 10.5, T("没有就绪的 warp 可发射", "no warp ready to issue"), size=15, anchor="start"),
    ]
    summary = Text(12.0, 9.3, T("每个 warp 一轮发射 3 条指令、再等 8 个周期：需要约 (3 + 8) / 3 ≈ 3.7 个 warp 才能填满发射槽",
                                "Each warp issues 3 instructions, then waits 8 cycles: about (3 + 8) / 3 ≈ 3.7 warps "
                                "keep the slot busy"), bold=True, size=16)
    return [*numbers, *first, *second, summary, *legend]


GPU04 = Figure(
    IMAGES + "02GPUBase04",
    T("用更多驻留的 warp 隐藏访存延迟（示意：每 2 条计算指令后 1 次访存，延迟 8 周期）",
      "Hiding memory latency with more resident warps (schematic)"),
    T("一个调度器每个周期从任一就绪的 warp 发射一条指令", "One scheduler issues one instruction per cycle from any ready warp; "
      "a load after every 2 instructions, 8-cycle latency"),
    rows=11.2,
    items=tuple(_latency_items()),
)

DIVERGENCE = [
    (T("计算条件 i % 4 < 2", "Evaluate i % 4 < 2"), lambda i: True, "blue"),
    (T("路径 A：y = 2x", "Path A: y = 2x"), lambda i: i % 4 < 2, "green"),
    (T("路径 B：y = x + 1", "Path B: y = x + 1"), lambda i: i % 4 >= 2, "orange"),
    (T("汇合后继续", "Reconverge, go on"), lambda i: True, "blue"),
]


def _divergence_items() -> list[Item]:
    x0, cell = 5.2, 0.48
    items: list[Item] = [Text(x0 + i * cell + cell / 2, 0.4, str(i), color="gray", size=12) for i in range(0, 32, 4)]
    items.append(Text(x0 - 0.3, 0.4, T("线程（lane）编号", "Thread (lane)"), color="gray", size=14, anchor="end"))
    for r, (label, active, colour) in enumerate(DIVERGENCE):
        y = 1.0 + r * 1.7
        items.append(Text(x0 - 0.3, y + 0.45, label, bold=True, size=16, anchor="end"))
        on = [active(i) for i in range(32)]
        items += [Box(x0 + i * cell + 0.03, y, cell - 0.06, 0.9, color=colour if lit else "gray",
                      fill="solid" if lit else "light", radius=3) for i, lit in enumerate(on)]
        items.append(Text(x0 + 32 * cell + 0.3, y + 0.45, T(f"{sum(on)}/32 活跃", f"{sum(on)}/32 active"),
                          color=colour if all(on) else "red", bold=True, size=16, anchor="start"))
        if r < 3:
            items.append(Arrow((x0 - 2.0, y + 1.0), (x0 - 2.0, y + 1.65), width=2))
    items += [
        Box(3.0, 8.0, 18.0, 2.3, color="gray"),
        Text(12.0, 8.55, T("发散的两段各只有一半线程在工作：这一段的有效吞吐降到 50%",
                           "In each diverged part only half the threads work: throughput there drops to 50%"),
             color="red", bold=True, size=18),
        Text(12.0, 9.25, T("灰色 lane 被掩码关闭，仍占着执行槽；不同 warp 之间走不同分支则没有这种代价",
                           "Grey lanes are masked off but still hold their slots; different warps taking different "
                           "branches cost nothing"), size=16),
        Text(12.0, 9.85, T("矩阵乘法这类规整的计算几乎没有分支，天然适合 SIMT",
                           "Regular work such as matrix multiplication has almost no branches and suits SIMT"),
             color="green", size=16),
    ]
    return items


GPU03 = Figure(
    IMAGES + "02GPUBase03",
    T("SIMT 与分支发散：一个 warp 的 32 个线程共用一条指令流",
      "SIMT and branch divergence: the 32 threads of a warp share one instruction stream"),
    T("if (i % 4 < 2) 走路径 A，否则走路径 B：两条路径先后执行，其余 lane 被掩码关闭",
      "if (i % 4 < 2) path A else path B: both paths run one after the other, with lanes masked"),
    rows=11,
    items=tuple(_divergence_items()),
)

# ====================================================================== 03NPUBase
KINDS_OF_CHIP = [
    ("CPU", T("任意程序\n分支多、访存不规则", "Any program\nmany branches,\nirregular memory access"), "blue"),
    ("GPU", T("大规模数据并行\n仍可编程（CUDA 等）", "Massive data parallelism\nstill programmable (CUDA…)"), "green"),
    (T("NPU / TPU（DSA）", "NPU / TPU (DSA)"), T("一类领域：神经网络\n矩阵单元 + 软件管理的存储",
                                               "One domain: neural networks\nmatrix units +\nsoftware-managed memory"),
     "orange"),
    (T("固定功能 ASIC", "Fixed-function ASIC"), T("一个算法\n如视频编解码", "One algorithm\nsuch as a video codec"), "red"),
]
NPU01 = Figure(
    IMAGES + "03NPUBase01",
    T("从通用到专用：灵活性与效率的取舍（示意）",
      "From general-purpose to specialised: flexibility against efficiency (schematic)"),
    T("通用 → 领域专用 → 固定功能", "General-purpose → domain-specific → fixed-function"),
    rows=11.4,
    items=(
        *(Box(1.2 + i * 5.5, 0.3, 5.1, 3.3, desc, color=colour, size=16, stroke=2.5, radius=10, title=name)
          for i, (name, desc, colour) in enumerate(KINDS_OF_CHIP)),
        Arrow((22.6, 4.3), (1.4, 4.3), color="blue", width=5),
        Text(12.0, 4.85, T("灵活性更高：新算法、新算子可以直接用软件实现",
                           "More flexible: new algorithms and operators are just software"), color="blue", bold=True, size=17),
        Arrow((1.4, 5.7), (22.6, 5.7), color="red", width=5),
        Text(12.0, 6.25, T("每焦耳、每平方毫米完成的运算更多：控制与数据搬运的开销更小",
                           "More work per joule and per mm²: less spent on control and data movement"),
             color="red", bold=True, size=17),
        Box(1.2, 7.1, 21.6, 3.7, color="gray", radius=4),
        Text(12.0, 7.65, T("Hennessy 与 Patterson（CACM 2019）：领域专用架构更高效的四个原因",
                           "Hennessy and Patterson (CACM 2019): four reasons domain-specific architectures are more "
                           "efficient"), bold=True, size=18),
        *(Text(1.7 + (i % 2) * 10.7, 8.65 + (i // 2) * 1.1, reason, size=16, anchor="start")
          for i, reason in enumerate([
              T("① 更匹配的并行方式：SIMD、脉动阵列，而不是多指令流", "① Parallelism that fits: SIMD, systolic arrays"),
              T("② 更好地利用存储层次：由软件管理的片上缓冲区", "② Better use of memory: software-managed buffers"),
              T("③ 够用即可的低精度：如 8 位整数", "③ Just enough precision: such as 8-bit integers"),
              T("④ 领域专用语言：由编译器把程序映射到硬件", "④ Domain-specific languages, compiled to the hardware"),
          ])),
    ),
)


def _systolic_items() -> list[Item]:
    size, gap, gx, gy, n = 1.65, 0.45, 7.6, 1.7, 4
    pitch = size + gap
    items: list[Item] = [Box(gx, 0.15, n * size + (n - 1) * gap, 0.7,
                             T("权重预先载入后保持不动", "Weights are loaded first and stay put"), color="purple", size=15)]
    for k in range(n):
        for j in range(n):
            x, y = gx + j * pitch, gy + k * pitch
            items += [Box(x, y, size, size, color="orange", stroke=2, radius=6),
                      Text(x + size / 2, y + size / 2 - 0.22, f"w_{{{k}{j}}}", bold=True, size=19),
                      Text(x + size / 2, y + size / 2 + 0.35, T("乘加 MAC", "MAC"), color="gray", size=12)]
            if j < n - 1:
                items.append(Arrow((x + size + 0.04, y + 0.525), (x + pitch - 0.04, y + 0.525), color="blue"))
            if k < n - 1:
                items.append(Arrow((x + 1.225, y + size + 0.04), (x + 1.225, y + pitch - 0.04), color="green"))
    for k in range(n):
        y = gy + k * pitch + 0.525
        items += [Box(gx - 0.3 - (k + m + 1) * 0.86, y - 0.32, 0.76, 0.64, f"x_{{{m},{k}}}", bold=True, size=13,
                      radius=4) for m in range(3)]
        items.append(Arrow((gx - 0.4, y), (gx - 0.04, y), color="blue"))
    items.append(Text(4.0, gy + n * pitch + 0.1, T("输入按行错开一拍进入\n（第 k 行晚 k 个周期）",
                                                   "Inputs enter skewed by row\n(row k is k cycles late)"),
                      color="blue", size=15))
    bottom = gy + n * pitch - gap + 0.4
    for j in range(n):
        x = gx + j * pitch
        items += [Arrow((x + 1.225, bottom - 0.36), (x + 1.225, bottom + 0.06), color="green"),
                  Box(x, bottom + 0.1, size, 0.7, f"y_{{·{j}}}", color="green", size=15)]
    items.append(Text(gx + (n * size + (n - 1) * gap) / 2, bottom + 1.25,
                      T("完成的部分和从底部流出，进入累加器", "Finished partial sums leave at the bottom for the accumulators"),
                      color="green", size=15))
    items += [
        Box(17.4, 0.15, 5.6, 11.8, color="gray", size=15, radius=4,
            title=T("一个处理单元 PE(k, n)", "One processing element PE(k, n)")),
        Box(18.9, 2.3, 2.6, 2.0, T("w_{kn}\n乘 + 加", "w_{kn}\nmultiply + add"), color="orange", size=17),
        Arrow((17.7, 3.0), (18.86, 3.0), color="blue"), Text(18.1, 2.6, "x", color="blue", bold=True, size=16),
        Arrow((21.54, 3.0), (22.7, 3.0), color="blue"), Text(22.2, 2.6, "x", color="blue", bold=True, size=16),
        Arrow((20.7, 1.2), (20.7, 2.26), color="green"),
        Text(20.9, 1.6, "p", color="green", bold=True, size=16, anchor="start"),
        Arrow((20.7, 4.34), (20.7, 5.4), color="green"),
        Text(20.9, 5.0, "p + x·w", color="green", bold=True, size=16, anchor="start"),
        Text(17.8, 8.675, T("每个周期：\n· 把左边来的 x 乘上 w，\n  加到上面来的部分和 p 上\n· x 传给右邻，新部分和传给下邻\n\n"
                            "x_{m,k} 在第 m + k + n 个\n周期到达 PE(k, n)\n\nx 只读一次，被一行 N 个 PE 复用；\n"
                            "w 只载入一次，被 M 行输入复用",
                            "Every cycle:\n· multiply the incoming x by w,\n  add it to the sum p from above\n"
                            "· pass x right and the sum down\n\nx_{m,k} reaches PE(k, n)\nin cycle m + k + n\n\n"
                            "x is read once, used by N PEs;\nw is loaded once, used by M rows"),
             size=14, anchor="start"),
    ]
    return items


NPU02 = Figure(
    IMAGES + "03NPUBase02",
    T("权重驻留的脉动阵列：输入向右流，部分和向下流（K = N = 4 的示意）",
      "Weight-stationary systolic array: inputs flow right, sums flow down (K = N = 4)"),
    T("用权重驻留的脉动阵列计算 Y = X · W", "Weight-stationary systolic array computing Y = X · W"),
    rows=12.5,
    items=tuple(_systolic_items()),
)

NPU03 = Figure(
    IMAGES + "03NPUBase03",
    T("第一代 TPU 的数据通路（简化；数字取自 Jouppi 等，ISCA 2017）",
      "The datapath of the first TPU (simplified; numbers from Jouppi et al., ISCA 2017)"),
    T("权重从片外 DRAM 流入，激活值留在软件管理的片上缓冲区",
      "Weights stream from off-chip DRAM, activations stay in a software-managed on-chip buffer"),
    rows=12,
    items=(
        Box(1.0, 0.5, 4.2, 1.5, T("主机 CPU\n发送指令与数据", "Host CPU\nsends instructions, data"), color="gray",
            size=16, id="host"),
        Box(1.0, 2.7, 4.2, 1.1, T("PCIe Gen3 x16 接口", "PCIe Gen3 x16 interface"), color="gray", size=16, id="pcie"),
        Arrow("host", "pcie", width=3, both=True),
        Box(1.0, 4.8, 4.2, 3.3, T("统一缓冲区\nUnified Buffer\n24 MiB\n（存放激活值）", "Unified Buffer\n24 MiB\n(holds activations)"),
            size=17, id="buffer"),
        Arrow("pcie", "buffer", width=3),
        Box(6.4, 4.8, 3.0, 3.3, T("脉动数据\n准备\nSystolic\ndata setup", "Systolic\ndata\nsetup"), size=15, id="setup"),
        Arrow("buffer", "setup", color="blue", width=4),
        Box(10.6, 3.65, 5.6, 5.6, color="orange", stroke=3, id="mxu"),
        *(Arrow((10.6 + i * 0.7, 3.75), (10.6 + i * 0.7, 9.15), color="#fdba74", width=1, head=False) for i in range(1, 8)),
        *(Arrow((10.7, 3.65 + i * 0.7), (16.1, 3.65 + i * 0.7), color="#fdba74", width=1, head=False) for i in range(1, 8)),
        Box(11.3, 5.15, 4.2, 2.6, color="orange", fill="white", radius=6),
        Text(13.4, 5.65, T("矩阵乘单元 MXU", "Matrix unit (MXU)"), color="orange", bold=True, size=18),
        Text(13.4, 6.3, "256 × 256 = 65,536", bold=True, size=17),
        Text(13.4, 6.8, T("个 8 位乘加单元", "8-bit MAC units"), size=16),
        Text(13.4, 7.3, "700 MHz", size=16),
        Arrow("setup", "mxu", color="blue", width=4),
        Box(10.6, 0.2, 5.6, 1.1, T("片外权重存储 8 GiB DDR3", "Off-chip weight memory 8 GiB DDR3"), color="purple",
            size=16, id="dram"),
        Box(10.6, 2.0, 5.6, 1.0, T("权重 FIFO（每块 256×256 字节）", "Weight FIFO (256×256-byte tiles)"), color="purple",
            size=15, id="fifo"),
        Arrow("dram", "fifo", color="purple", width=4),
        Arrow("fifo", "mxu", color="purple", width=4),
        Box(17.4, 4.2, 5.2, 1.8, T("累加器\n4 MiB，32 位", "Accumulators\n4 MiB, 32-bit"), color="green", size=16, id="acc"),
        Arrow((16.24, 5.1), "acc", color="green", width=4),
        Box(17.4, 6.8, 5.2, 1.5, T("激活函数 · 归一化 / 池化", "Activation · normalise / pool"), color="green", size=16,
            id="act"),
        Arrow("acc", "act", color="green", width=4),
        Arrow("act", "buffer", color="green", width=4, via=((20.0, 10.0), (3.1, 10.0))),
        Text(11.5, 9.6, T("结果写回统一缓冲区，作为下一层的输入", "Results go back to the Unified Buffer as the next layer's input"),
             color="green", size=15),
        Box(17.4, 0.2, 5.2, 3.2, color="red", fill="white", radius=4),
        Text(20.0, 0.7, T("峰值算力", "Peak"), color="red", bold=True, size=17),
        Text(20.0, 1.4, "65,536 × 2 × 700 MHz", size=16),
        Text(20.0, 2.0, T("≈ 92 TOPS（8 位）", "≈ 92 TOPS (8-bit)"), color="red", bold=True, size=18),
        Text(20.0, 2.7, T("片上存储合计 28 MiB", "28 MiB on chip in all"), size=15),
        Text(12.0, 11.0, T("不用缓存、乱序执行、多线程等改善平均吞吐的机制，执行是确定的；论文认为这有助于解释它为何较小、功耗较低",
                           "No caches, out-of-order execution or multithreading, which improve the average case: "
                           "execution is deterministic,\nwhich, the paper argues, helps explain why it is small "
                           "and low-power"), size=15),
    ),
)

FIGURES = [CPU01, CPU02, CPU03, GPU01, GPU02, GPU03, GPU04, NPU01, NPU02, NPU03]

# ====================================================================== decks
MODULE, CHAPTER = "AI 芯片原理", "AI 芯片基础"
DECKS = [
    Deck("01AIChip/02ChipBase/01CPUBase.pdf", MODULE, CHAPTER, "CPU 基础：面向延迟的通用处理器",
         "流水线、缓存、分支预测、乱序执行与内存墙", "第 01 讲", (
             Picture("冯·诺依曼结构", CPU01, "指令与数据同在一个存储器；处理器与存储器之间的通道是瓶颈（Backus 1978）"),
             Bullets("指令流水线", (
                 "五级：取指 IF、译码 ID、执行 EX、访存 MEM、写回 WB",
                 "k 级、n 条指令：T = (k + n − 1)·τ，加速比趋近 k",
                 "冒险：结构冒险、数据冒险、控制冒险",
                 "CPI = 1 + 停顿周期总数 / 指令条数",
             )),
             Picture("访存停顿让流水线空转", CPU02, "理想：5 条指令 9 个周期；I2 缓存缺失后变为 12 个周期（示意）"),
             Bullets("隐藏延迟的机制", (
                 "缓存：利用时间与空间局部性；T_{avg} = T_{hit} + m × T_{miss}",
                 "假设值示例：4 + 5% × 200 = 14 个周期",
                 "分支预测：预测错误使 CPI 增加 f_{br} × p × P",
                 "乱序执行（Tomasulo 1967）：保留站 + 寄存器重命名，受指令窗口限制",
                 "内存墙（Wulf 与 McKee 1995）：缓存只能推迟，不能消除",
             )),
             Picture("运算便宜，搬运昂贵", CPU03, "Horowitz（ISSCC 2014）：一次 DRAM 访问 ≈ 280–570 次 FP32 乘加的能耗"),
             Bullets("小结：对深度学习意味着什么", (
                 "通用核心的能量大多花在取指、译码、控制和数据搬运上",
                 "8 位整数乘法 0.2 pJ，约为 FP32 乘法 3.7 pJ 的 1/18",
                 "深度学习：规整、高度并行、容忍低精度",
                 "需要：一条指令驱动大量运算单元 + 片上数据复用 + 高带宽",
             ), summary=True),
         )),
    Deck("01AIChip/02ChipBase/02GPUBase.pdf", MODULE, CHAPTER, "GPU 基础：面向吞吐的并行处理器",
         "SIMT、warp、延迟隐藏与占用率", "第 02 讲", (
             Picture("为延迟优化 vs 为吞吐优化", GPU01, "Little 定律 L = λW：延迟 W 缩不短，就增大在途工作量 L"),
             Picture("A100 的 SM", GPU02, "A100 白皮书：108 个 SM，每 SM 64 个 FP32 核心、4 个 Tensor Core，L2 40 MB"),
             Bullets("由白皮书数字复算峰值", (
                 "FP32：108 × 64 × 2 × 1.41 GHz ≈ 19.5 TFLOP/s",
                 "FP16 Tensor Core：108 × 4 × 256 × 2 × 1.41 GHz ≈ 312 TFLOP/s",
                 "两者相差 16 倍，与数据手册一致",
                 "每 SM 寄存器 256 KB，大于 192 KB 的 L1/共享内存",
             )),
             Picture("SIMT 与分支发散", GPU03, "32 个线程组成一个 warp，同一时刻执行一条公共指令（CUDA 编程指南）"),
             Picture("用更多 warp 隐藏延迟", GPU04, "示意：2 个 warp 时发射槽忙 14/24，4 个 warp 时 24/24"),
             Bullets("在途数据量与占用率", (
                 "在途数据 = 带宽 × 延迟：1,555 GB/s × 500 ns（假设值）≈ 778 KB",
                 "每 SM 约 7.2 KB；4 字节读取需约 1,800 线程 ≈ 56 warp（上限 64）",
                 "寄存器限制：65536 / (32·r) 向下取整个 warp；r = 64 时占用率 50%",
                 "占用率是手段不是目标（CUDA 最佳实践指南）",
             )),
             Bullets("小结", (
                 "GPU 用大量驻留线程隐藏延迟，切换几乎没有代价",
                 "warp 内分支发散会让两条路径串行执行",
                 "大矩阵乘法是理想负载；小问题喂不饱 GPU",
                 "Tensor Core 说明 GPU 也在向专用矩阵单元靠拢",
             ), summary=True),
         )),
    Deck("01AIChip/02ChipBase/03NPUBase.pdf", MODULE, CHAPTER, "NPU 基础：领域专用加速器与脉动阵列",
         "以第一代 TPU 为例看效率与灵活性的取舍", "第 03 讲", (
             Picture("为什么要专用", NPU01, "Hennessy 与 Patterson（CACM 2019）：DSA 更高效的四个原因"),
             Picture("权重驻留的脉动阵列", NPU02, "Kung（1982）：数据有节奏地流过相邻的处理单元，读一次、用多次"),
             Bullets("脉动阵列的节拍与访存", (
                 "PE(k, n) 保存 w_{kn}；x_{m,k} 在第 m + k + n 个周期到达",
                 "单独一块需 M + K + N − 2 个周期",
                 "访存次数 / 乘加次数 = 1/N + 1/M + 1/K",
                 "K = N = M = 256 时约 1.2%",
             )),
             Picture("第一代 TPU", NPU03, "Jouppi 等（ISCA 2017）：256 × 256 个 8 位乘加单元，700 MHz，峰值 92 TOPS"),
             Bullets("论文的主要结论", (
                 "2015 年起部署于数据中心，只做推理",
                 "确定性执行：不用缓存、乱序执行、多线程",
                 "相对同期 Haswell CPU 与 K80 GPU：快约 15–30 倍，TOPS/W 高约 30–80 倍",
                 "六个应用中四个受限于内存带宽；权重计算强度 I = 2M 次运算/字节",
             )),
             Bullets("小结：效率与灵活性", (
                 "形状固定：K = 256、N = 100 时只用到 39% 的列",
                 "填充与排空：利用率 M / (M + K + N − 2)",
                 "精度与功能固定，模型变化快于芯片迭代",
                 "GPU 加入矩阵单元，NPU 加入向量与控制：两者正在靠拢",
             ), summary=True),
         )),
]
