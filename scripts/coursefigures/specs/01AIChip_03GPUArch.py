"""Figures and decks of 01AIChip/03GPUArch (GPU 架构与 Tensor Core).

Every number drawn here is one the articles cite next to the figure, with the same source:
NVIDIA V100 (2017), A100 (2020) and H100 (2022) architecture whitepapers, the NVIDIA HGX
A100 / HGX H100 technical blog posts, and values computed from them (marked as such).
Schematic figures say so in their titles.
"""

from __future__ import annotations

import math
import struct

from ..shapes import disc
from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Label, Picture, T, Text

IMAGES = "01AIChip/03GPUArch/images/"

A100_FP16_TC = 312.0      # TFLOP/s dense, A100 whitepaper
A100_HBM_GBS = 1555       # 40 GB HBM2, A100 whitepaper
A100_RIDGE = A100_FP16_TC * 1e12 / (A100_HBM_GBS * 1e9)   # ~201 FLOP/byte, computed


def _dot(x: float, y: float, colour: str, radius: float = 0.13) -> Box:
    """A small filled circle of `radius` grid units centred on (x, y)."""
    return disc(x, y, radius, color=colour)


# ====================================================================== 01SMArch
def _gpc(n: int) -> list[Item]:
    """One GPC of the full GA100: 8 TPCs of 2 SMs each."""
    gx, gy = 4.2 + (n % 4) * 3.98, 0.3 + (n // 4) * 6.0
    items: list[Item] = [Box(gx, gy, 3.65, 4.3, stroke=2, title=f"GPC {n}", size=14)]
    items += [Box(gx + 0.25 + s * 1.65, gy + 0.78 + t * 0.43, 1.5, 0.36, "SM", fill="white", size=11, radius=3)
              for t in range(8) for s in range(2)]
    return items


SM01 = Figure(
    IMAGES + "01SMArch01",
    T("A100 芯片总览（示意；数字取自 A100 白皮书）", "A100 chip overview (schematic; numbers from the A100 whitepaper)"),
    T("完整的 GA100：8 个 GPC × 8 个 TPC × 2 个 SM = 128 个 SM · A100 产品启用 108 个 SM",
      "GA100 in full: 8 GPCs × 8 TPCs × 2 SMs = 128 SMs · the A100 product enables 108 SMs"),
    rows=13,
    items=(
        *(Box(x, 0.5 + k * 3.3, 2.4, 2.7, T("HBM2\n堆栈", "HBM2\nstack"), color="purple", size=19)
          for x in (1.1, 20.5) for k in range(3)),
        *(Text(x, 10.9, T("显存控制器", "Memory\ncontrollers"), color="purple", size=15) for x in (2.3, 21.7)),
        *(item for n in range(8) for item in _gpc(n)),
        Box(4.2, 4.9, 15.6, 1.1, color="orange", stroke=2),
        Arrow((12.0, 4.98), (12.0, 5.92), color="orange", head=False),
        Text(8.0, 5.45, T("L2 缓存 分区 0", "L2 cache partition 0"), color="orange", bold=True, size=18),
        Text(16.0, 5.45, T("L2 缓存 分区 1", "L2 cache partition 1"), color="orange", bold=True, size=18),
        Box(4.2, 11.0, 7.4, 0.9, T("PCIe 4.0 主机接口", "PCIe 4.0 host interface"), color="gray", size=17),
        Box(12.4, 11.0, 7.4, 0.9, T("NVLink × 12（合计 600 GB/s）", "NVLink × 12 (600 GB/s in all)"), color="green",
            size=17),
        Text(12.0, 12.45, T("A100：108 个 SM · 40 MB L2 · 5 个 HBM2 堆栈共 40 GB、1,555 GB/s（完整 GA100 为 6 个堆栈）",
                            "A100: 108 SMs · 40 MB L2 · 5 HBM2 stacks, 40 GB, 1,555 GB/s (a full GA100 has 6 stacks)"),
             size=16),
    ),
)


def _partition(p: int) -> list[Item]:
    """One of the four partitions of an A100 SM."""
    x = 1.2 + p * 5.5
    half = 2.25
    return [
        Box(x, 1.0, 5.1, 8.1, fill="white", stroke=2, title=T(f"分区 {p}", f"Partition {p}"), size=15),
        Box(x + 0.2, 1.7, 4.7, 0.7, T("L0 指令缓存", "L0 instruction cache"), color="gray", size=14),
        Box(x + 0.2, 2.55, 4.7, 1.1, T("线程束调度器 + 分派单元\n每时钟 32 线程", "Warp scheduler + dispatch\n32 threads per clock"),
            size=14),
        Box(x + 0.2, 3.8, 4.7, 1.1, T("寄存器文件 64 KB\n16,384 × 32 位", "Register file 64 KB\n16,384 × 32-bit"),
            color="yellow", size=14),
        Box(x + 0.2, 5.05, half, 0.95, "INT32 × 16", color="teal", size=14),
        Box(x + 2.65, 5.05, half, 0.95, "FP32 × 16", color="teal", size=14),
        Box(x + 0.2, 6.15, half, 0.95, "FP64 × 8", color="teal", size=14),
        Box(x + 2.65, 6.15, half, 0.95, "LD/ST · SFU", color="gray", size=14),
        Box(x + 0.2, 7.25, 4.7, 1.5, T("Tensor Core × 1\n（第三代）", "Tensor Core × 1\n(third generation)"), color="orange",
            size=16, bold=True),
    ]


SM02 = Figure(
    IMAGES + "01SMArch02",
    T("A100 的一个 SM：四个分区共享一块 L1 / 共享内存（A100 白皮书）",
      "One A100 SM: four partitions share one L1 / shared memory (A100 whitepaper)"),
    T("一个 SM = 4 个分区，每个分区有自己的线程束调度器、寄存器和 Tensor Core",
      "One SM = 4 partitions, each with its own warp scheduler, registers and Tensor Core"),
    rows=12.8,
    items=(
        Box(1.2, 0.0, 21.6, 0.75, T("L1 指令缓存", "L1 instruction cache"), color="gray", size=17),
        *(item for p in range(4) for item in _partition(p)),
        Box(1.2, 9.5, 21.6, 1.3, T("L1 数据缓存 / 共享内存  合计 192 KB（其中共享内存最多 164 KB）",
                                   "L1 data cache / shared memory: 192 KB in all (up to 164 KB as shared memory)"),
            color="green", size=19, bold=True),
        Text(12.0, 11.5, T("每 SM：64 个 FP32 单元 · 4 个 Tensor Core · 256 KB 寄存器 · 最多 2,048 个驻留线程",
                           "Per SM: 64 FP32 units · 4 Tensor Cores · 256 KB of registers · up to 2,048 resident threads"),
             size=16),
        Text(12.0, 12.2, T("LD/ST：访存单元；SFU：特殊函数单元（正弦、倒数平方根等）",
                           "LD/ST: load/store units; SFU: special function units (sine, reciprocal square root…)"),
             color="gray", size=14),
    ),
)

LEVELS = [
    (T("寄存器", "Registers"), T("每 SM 256 KB（108 个 SM 合计约 27 MB）", "256 KB per SM (about 27 MB over 108 SMs)"),
     T("线程私有 · 编译器分配", "Private to a thread · allocated by the compiler"), "yellow"),
    (T("L1 / 共享内存", "L1 / shared memory"), T("每 SM 192 KB（合计约 20 MB）", "192 KB per SM (about 20 MB in all)"),
     T("共享内存：同一线程块内共享 · 程序员管理", "Shared memory: shared within a thread block · managed by the programmer"),
     "green"),
    (T("L2 缓存", "L2 cache"), T("全芯片 40 MB（两个分区）", "40 MB per chip (two partitions)"),
     T("所有 SM 共享 · 硬件管理", "Shared by all SMs · managed by hardware"), "orange"),
    (T("HBM2 显存", "HBM2 memory"), "40 GB · 1,555 GB/s",
     T("全部 SM 可见 · 与主机、其他 GPU 交换数据", "Visible to all SMs · exchanges data with the host and other GPUs"), "purple"),
]

SM03 = Figure(
    IMAGES + "01SMArch03",
    T("A100 的存储层次（容量取自 A100 白皮书，全芯片合计为推算）",
      "The A100 memory hierarchy (sizes from the A100 whitepaper; chip totals derived)"),
    T("寄存器 → L1 / 共享内存 → L2 → HBM2：越往下容量越大，离运算单元越远",
      "Registers → L1 / shared memory → L2 → HBM2: larger but farther from the math units"),
    rows=12,
    items=(
        *(item for i, (name, size, scope, colour) in enumerate(LEVELS) for item in (
            Box(11.5 - (9 + 3.3 * i) / 2, 0.1 + i * 2.6, 9 + 3.3 * i, 2.3, color=colour, stroke=2.5, radius=9),
            Text(11.5, 0.65 + i * 2.6, name, bold=True, size=21),
            Text(11.5, 1.35 + i * 2.6, size, color=colour, bold=True, size=18),
            Text(11.5, 1.95 + i * 2.6, scope, size=15),
        )),
        Arrow((1.3, 0.6), (1.3, 10.3), width=3.5),
        Text(0.7, 5.45, T("容\n量\n更\n大", "larger"), color="gray", size=15),
        Arrow((22.0, 10.3), (22.0, 0.6), width=3.5),
        Text(22.7, 5.45, T("更\n近\n更\n快", "closer,\nfaster"), color="gray", size=15),
    ),
)

TILINGS = [(T("朴素：每次乘加都读显存", "Naive: every FMA reads memory"), 0.5, "gray"),
           (T("32 × 32 分块", "32 × 32 tiles"), 16.0, "blue"), (T("64 × 64 分块", "64 × 64 tiles"), 32.0, "blue"),
           (T("128 × 128 分块", "128 × 128 tiles"), 64.0, "green"),
           (T("256 × 128 分块", "256 × 128 tiles"), 2 * 256 * 128 / (384 * 2), "green")]


def _log_x(value: float, low: float = 0.25, high: float = 400, x: float = 5.6, w: float = 16.0) -> float:
    """Where `value` falls on a log axis from `low` to `high` drawn over [x, x + w]."""
    return x + w * math.log(value / low) / math.log(high / low)


def _tiling_chart() -> list[Item]:
    """Intensity of several tilings (FP16) on a log axis against the A100 ridge."""
    top, bottom = 5.2, 11.6
    items: list[Item] = []
    for value in (0.25, 1, 4, 16, 64, 256):
        items += [Arrow((_log_x(value), top), (_log_x(value), bottom), color="#e5e7eb", width=1, head=False),
                  Text(_log_x(value), bottom + 0.4, f"{value:g}", size=15)]
    items.append(Text(13.6, 12.7, T("计算强度 I（FLOP/字节，FP16，对数坐标）", "Arithmetic intensity I (FLOP/byte, FP16, log scale)"),
                      size=17))
    for i, (label, value, colour) in enumerate(TILINGS):
        y = 5.4 + i * 1.24
        end = _log_x(value)
        items += [Text(5.4, y + 0.4, label, size=16, anchor="end"),
                  Box(5.6, y, end - 5.6, 0.8, color=colour, fill="solid", radius=4),
                  Text(end + 0.16, y + 0.4, f"{value:.3g}", bold=True, size=16, anchor="start")]
    ridge = _log_x(A100_RIDGE)
    items += [Arrow((ridge, top), (ridge, bottom), color="orange", width=2.5, head=False),
              Text(ridge - 0.16, 5.6, T("A100 FP16 脊点 ≈ 201", "A100 FP16 ridge ≈ 201"), color="orange", bold=True,
                   size=16, anchor="end"),
              Text(ridge - 0.16, 6.15, T("（312 TFLOP/s ÷ 1,555 GB/s）", "(312 TFLOP/s ÷ 1,555 GB/s)"), color="orange",
                   size=14, anchor="end"),
              Arrow((5.6, top), (5.6, bottom), color="ink", width=2, head=False)]
    return items


SM04 = Figure(
    IMAGES + "01SMArch04",
    T("共享内存分块：一次搬入，多次使用", "Shared-memory tiling: load once, use many times"),
    T("一个线程块把 A、B 的块放进共享内存，每个元素被反复使用",
      "A thread block stages tiles of A and B in shared memory; every element is reused"),
    rows=13.6,
    items=(
        Box(1.0, 0.1, 5.6, 3.3, T("HBM2 / L2\n矩阵 A、B", "HBM2 / L2\nmatrices A, B"), color="purple", size=20),
        Box(8.6, 0.0, 7.6, 3.5, color="green", stroke=2.5, size=16,
            title=T("共享内存（一个线程块）", "Shared memory (one thread block)")),
        Box(9.0, 1.0, 3.2, 2.0, T("A 块\nb_{m} × b_{k}", "A tile\nb_{m} × b_{k}"), fill="white", size=18),
        Box(12.6, 1.0, 3.2, 2.0, T("B 块\nb_{k} × b_{n}", "B tile\nb_{k} × b_{n}"), color="green", fill="white", size=18),
        Box(18.2, 0.1, 4.8, 3.3, T("寄存器 / Tensor Core\nC 块 b_{m} × b_{n}\n累加", "Registers / Tensor Core\nC tile b_{m} × b_{n}\n"
                                   "accumulate"), color="orange", size=17),
        Arrow((6.7, 1.75), (8.5, 1.75), color="ink", width=4),
        Text(7.6, 1.3, T("读 1 次", "read once"), size=15),
        Arrow((16.3, 1.75), (18.1, 1.75), color="ink", width=4),
        Text(17.2, 1.3, T("反复使用", "reused"), size=15),
        Text(12.0, 4.1, T("块内计算强度  I = 2·b_{m}·b_{n} / ((b_{m} + b_{n})·s)，s 为每个元素的字节数",
                          "Intensity in a tile  I = 2·b_{m}·b_{n} / ((b_{m} + b_{n})·s), s = bytes per element"),
             color="red", bold=True, size=18),
        *_tiling_chart(),
    ),
)


# ====================================================================== 02TensorCore
def _matrix(x: float, y: float, colour: str, label: str, sub: Label, hit) -> list[Item]:
    """A 4 × 4 operand; `hit(r, k)` says which cells are highlighted."""
    cell = 0.95
    items: list[Item] = [Box(x + k * cell, y + r * cell, cell, cell, color=colour,
                             fill="solid" if hit(r, k) else "light", radius=0) for r in range(4) for k in range(4)]
    items += [Text(x + 2 * cell, y - 0.45, label, color=colour, bold=True, size=22),
              Text(x + 2 * cell, y + 4 * cell + 0.45, sub, size=15)]
    return items


EITHER = T("FP16 或 FP32", "FP16 or FP32")
TC01 = Figure(
    IMAGES + "02TensorCore01",
    T("Tensor Core 的基本操作：D = A × B + C（4 × 4 × 4）", "The basic Tensor Core operation: D = A × B + C (4 × 4 × 4)"),
    T("Volta：每个 Tensor Core 每时钟完成一次 4×4×4 矩阵乘加 = 64 次 FMA（V100 白皮书）",
      "Volta: one 4×4×4 matrix multiply-accumulate = 64 FMA per Tensor Core per clock (V100 whitepaper)"),
    rows=11,
    items=(
        *_matrix(1.5, 1.3, "blue", "A", "FP16", lambda r, k: r == 1),
        *_matrix(7.0, 1.3, "green", "B", "FP16", lambda r, k: k == 2),
        *_matrix(12.5, 1.3, "gray", "C", EITHER, lambda r, k: (r, k) == (1, 2)),
        *_matrix(18.0, 1.3, "orange", "D", EITHER, lambda r, k: (r, k) == (1, 2)),
        *(Text(x + 4.5, 3.2, sign, bold=True, size=35) for x, sign in ((1.5, "×"), (7.0, "+"), (12.5, "="))),
        Box(2.0, 7.0, 20.0, 3.2, color="gray"),
        Text(12.0, 7.6, "D_{12} = A_{10}·B_{02} + A_{11}·B_{12} + A_{12}·B_{22} + A_{13}·B_{32} + C_{12}", bold=True, size=20),
        Text(12.0, 8.45, T("16 个输出元素 × 每个 4 次乘加 = 64 次 FMA，在一个时钟内完成",
                           "16 outputs × 4 FMAs each = 64 FMAs, done in one clock"), size=18),
        Text(12.0, 9.3, T("读入 A、B 共 32 个数，做 64 次乘法；n × n × n 的块读 2n^{2} 个数、做 n^{3} 次乘法：块越大，复用越多",
                          "A and B supply 32 numbers for 64 multiplies; an n × n × n block reads 2n^{2} numbers for "
                          "n^{3} multiplies: bigger blocks, more reuse"), color="gray", size=15),
    ),
)

DENSE = [0.8, -0.1, 0.05, -1.2, 0.3, 0.9, -0.02, 0.4]
KEEP = [0, 3, 5, 7]   # the two largest magnitudes in each group of four (illustrative)


def _sparsity() -> list[Item]:
    x0, cell = 3.3, 1.5
    items: list[Item] = []
    for g in range(2):
        items += [Box(x0 + g * 6 - 0.08, 0.38, 5.96, 1.24, color="ink", fill="white", radius=6),
                  Text(x0 + g * 6 + 3.0, 0.12, T(f"第 {g} 组（4 个）", f"group {g} (4 weights)"), color="gray", size=14)]
    for y, label in ((1.0, T("稠密权重", "Dense weights")), (3.3, T("2:4 稀疏权重", "2:4 sparse\nweights")),
                     (5.6, T("压缩存储", "Compressed"))):
        items.append(Text(2.9, y, label, bold=True, size=18, anchor="end"))
    for k, value in enumerate(DENSE):
        on = k in KEEP
        items += [Box(x0 + k * cell, 0.5, 1.4, 1.0, f"{value:g}", size=17),
                  Box(x0 + k * cell, 2.8, 1.4, 1.0, f"{value:g}" if on else "0", color="blue" if on else "gray",
                      fill="solid" if on else "light", bold=on, size=17)]
    for k, index in enumerate(KEEP):
        items += [Box(x0 + k * cell, 5.0, 1.4, 1.0, f"{DENSE[index]:g}", fill="solid", bold=True, size=17),
                  Box(x0 + k * cell, 6.15, 1.4, 0.7, str(index % 4), color="yellow", size=15)]
    items += [
        Arrow((9.3, 1.75), (9.3, 2.6), color="ink", width=2.5),
        Text(9.6, 2.15, T("每组保留绝对值最大的 2 个，其余置 0", "keep the 2 largest magnitudes of each group, zero the rest"),
             size=15, anchor="start"),
        Text(9.5, 5.5, T("非零值：一半的存储", "non-zeros: half the storage"), size=15, anchor="start"),
        Text(9.5, 6.5, T("每个值配 2 位索引（组内位置 0–3）", "a 2-bit index per value (position 0–3 in its group)"),
             color="yellow", size=15, anchor="start"),
        Box(18.0, 0.3, 4.8, 6.6, color="orange", stroke=2.5, size=15, title=T("激活（稠密）", "Activations (dense)")),
    ]
    items += [Box(19.0, 1.2 + k * 0.68, 2.8, 0.58, T(f"x{k}  ← 选中", f"x{k}  ← selected") if k in KEEP else f"x{k}",
                  color="orange", fill="solid" if k in KEEP else "white", bold=k in KEEP, size=14, radius=4)
              for k in range(8)]
    return items


TC02 = Figure(
    IMAGES + "02TensorCore02",
    T("2:4 结构化稀疏（示意）：每 4 个权重至多 2 个非零", "2:4 structured sparsity (schematic): at most 2 non-zeros in every 4 weights"),
    T("Ampere 稀疏 Tensor Core：压缩后的非零值 + 2 位索引，乘法减半",
      "Ampere sparse Tensor Cores: compressed values + 2-bit indices, half the multiplications"),
    rows=12,
    items=(
        *_sparsity(),
        Box(3.0, 7.6, 19.8, 3.3, color="gray"),
        Text(12.9, 8.3, T("硬件按索引只取出对应的激活，跳过与 0 相乘的那一半",
                          "Using the indices, the hardware fetches only the matching activations and skips the zero half"),
             bold=True, size=19),
        Text(12.9, 9.1, T("A100 白皮书：稀疏 Tensor Core 的数学吞吐为稠密的 2 倍（FP16 稠密 312 → 稀疏 624 TFLOPS）",
                          "A100 whitepaper: sparse Tensor Cores double the dense math throughput (FP16 312 → 624 TFLOPS)"),
             size=17),
        Text(12.9, 9.85, T("图中数值仅为示意；训练流程（先稠密训练、再按 2:4 剪枝、再微调）见 Mishra 等 2021",
                           "The values are illustrative; for training (dense, then pruned to 2:4, then fine-tuned) see "
                           "Mishra et al. 2021"), color="gray", size=15),
    ),
)

# per-SM dense FMA per clock: V100 8 TC x 64 (V100 WP); A100 4 TC x 256 (A100 WP);
# H100 = 2x A100 for the same type and 4x A100 FP16 with FP8 (H100 WP, clock for clock)
PER_SM_FMA = [("V100\nFP16", 512, "blue"), ("A100\nFP16 / BF16", 1024, "green"),
              ("H100\nFP16 / BF16", 2048, "orange"), ("H100\nFP8", 4096, "red")]
CARDS = [
    ("Volta · V100（2017）", "Volta · V100 (2017)", "blue", (
        T("第一代 Tensor Core", "First-generation Tensor Cores"), T("80 SM × 8 = 640 个", "80 SMs × 8 = 640"),
        T("FP16 输入，FP16 或 FP32 累加", "FP16 inputs, FP16 or FP32 accumulation"),
        T("混合精度峰值 125 TFLOPS", "Mixed-precision peak 125 TFLOPS"))),
    ("Ampere · A100（2020）", "Ampere · A100 (2020)", "green", (
        T("第三代 Tensor Core", "Third-generation Tensor Cores"), T("108 SM × 4 = 432 个", "108 SMs × 4 = 432"),
        T("新增 TF32、BF16 与 FP64 的 Tensor Core 运算", "Adds TF32, BF16 and FP64 Tensor Core math"),
        T("FP16 稠密 312 TFLOPS；2:4 稀疏翻倍", "FP16 dense 312 TFLOPS; doubled with 2:4 sparsity"))),
    ("Hopper · H100 SXM5（2022）", "Hopper · H100 SXM5 (2022)", "orange", (
        T("第四代 Tensor Core", "Fourth-generation Tensor Cores"), T("132 SM × 4 = 528 个", "132 SMs × 4 = 528"),
        T("新增 FP8（E4M3 / E5M2）", "Adds FP8 (E4M3 / E5M2)"),
        T("Transformer Engine：FP8 / 16 位自动切换与缩放", "Transformer Engine: FP8 / 16-bit switching, scaling"))),
]


def _generations() -> list[Item]:
    items: list[Item] = [Arrow((2.0, 10.0), (13.9, 10.0), color="ink", width=2, head=False)]
    for i, (label, value, colour) in enumerate(PER_SM_FMA):
        x, h = 2.3 + i * 2.9, value / 4096 * 9.0
        items += [Box(x, 10.0 - h, 2.0, h, color=colour, fill="solid", radius=4),
                  Text(x + 1.0, 9.6 - h, f"{value:,}", color=colour, bold=True, size=20),
                  Text(x + 1.0, 10.55, label, size=15)]
    items.append(Text(0.6, 11.9, T("V100：8 个 × 64；A100：4 个 × 256；\nH100：同类型为 A100 的 2 倍，FP8 为 A100 FP16 的 4 倍",
                                   "V100: 8 × 64; A100: 4 × 256;\nH100: 2× A100 for the same type; FP8: 4× A100 FP16"),
                      color="gray", size=14, anchor="start"))
    for i, (zh, en, colour, lines) in enumerate(CARDS):
        y = i * 4.1
        items += [Box(14.3, y, 8.8, 3.7, color=colour, stroke=2, radius=9),
                  Text(14.7, y + 0.55, T(zh, en), color=colour, bold=True, size=20, anchor="start")]
        items += [Text(14.7, y + 1.3 + k * 0.65, line, size=16, anchor="start") for k, line in enumerate(lines)]
    return items


TC03 = Figure(
    IMAGES + "02TensorCore03",
    T("三代 Tensor Core：每个 SM 每时钟的稠密乘加次数", "Three generations of Tensor Cores: dense FMAs per SM per clock"),
    T("由 V100、A100、H100 白皮书推算", "Derived from the V100, A100 and H100 whitepapers"),
    rows=13,
    items=tuple(_generations()),
)


def fp16(x: float) -> float:
    """Round to the nearest IEEE binary16 value."""
    return struct.unpack("e", struct.pack("e", x))[0]


def fp32(x: float) -> float:
    """Round to the nearest IEEE binary32 value."""
    return struct.unpack("f", struct.pack("f", x))[0]


def running_sums(k_total: int = 4096, value: float = 0.1) -> tuple[list[float], list[float]]:
    """Running dot-product sums of fp16(value) * 1.0 with FP16 and FP32 accumulators."""
    a = fp16(value)
    s16 = s32 = 0.0
    out16, out32 = [0.0], [0.0]
    for _ in range(k_total):
        s16 = fp16(s16 + a)
        s32 = fp32(s32 + a)
        out16.append(s16)
        out32.append(s32)
    return out16, out32


def _accumulation_chart() -> list[Item]:
    """Running sums with an FP16 and an FP32 accumulator, on linear axes drawn as lines."""
    s16, s32 = running_sums()
    x, y, w, h = 11.8, 0.6, 11.0, 9.7

    def at(k: float, v: float) -> tuple[float, float]:
        return x + w * k / 4096, y + h - h * v / 450

    items: list[Item] = []
    for v in (0, 128, 256, 384):
        items += [Arrow(at(0, v), at(4096, v), color="#e5e7eb", width=1, head=False),
                  Text(x - 0.15, at(0, v)[1], str(v), size=14, anchor="end")]
    items += [Text(at(k, 0)[0], y + h + 0.4, str(k), size=14) for k in range(0, 4097, 1024)]
    items += [Arrow((x, y), (x, y + h), color="ink", width=2, head=False),
              Arrow((x, y + h), (x + w, y + h), color="ink", width=2, head=False),
              Text(x + w / 2, y + h + 1.0, T("已累加的乘积个数 k", "Products accumulated, k"), size=15),
              Text(x + 0.1, y - 0.3, T("部分和", "Running sum"), size=15, anchor="start")]
    for sums, colour, label, dy in ((s32, "blue", T(f"FP32 累加：{s32[-1]:.1f}", f"FP32 accumulator: {s32[-1]:.1f}"), -0.45),
                                    (s16, "red", T(f"FP16 累加：停在 {s16[-1]:g}", f"FP16 accumulator: stuck at {s16[-1]:g}"),
                                     0.5)):
        points = [at(k, sums[k]) for k in range(0, 4097, 16)]
        end = points[-1]
        items += [Arrow(points[0], end, color=colour, width=3.5, via=tuple(points[1:-1]), head=False),
                  _dot(*end, colour), Text(end[0] - 0.2, end[1] + dy, label, color=colour, bold=True, size=16, anchor="end")]
    items.append(Text(17.3, 12.2, T("每项 = fp16(0.1) × 1 = 0.0999755859375；FP16 中 256 附近的间距为 0.25",
                                    "Each term = fp16(0.1) × 1 = 0.0999755859375; FP16 values near 256 are 0.25 apart"),
                      color="gray", size=14))
    return items


TC04 = Figure(
    IMAGES + "02TensorCore04",
    T("混合精度：低精度输入、FP32 累加", "Mixed precision: low-precision inputs, FP32 accumulation"),
    T("FP16 输入，乘积精确，FP32 累加 · 右：4,096 个乘积的部分和",
      "FP16 inputs, exact products, FP32 accumulator · right: running sum of 4,096 products"),
    rows=13,
    items=(
        Box(0.8, 0.3, 3.0, 1.3, T("A：FP16", "A: FP16"), size=19, id="a"),
        Box(4.4, 0.3, 3.0, 1.3, T("B：FP16", "B: FP16"), color="green", size=19, id="b"),
        Box(1.4, 2.8, 5.4, 1.7, T("乘积（精确）\n11 位 × 11 位 ≤ 22 位有效位", "Product (exact)\n11 × 11 bits ≤ 22 significant bits"),
            color="ink", fill="white", size=16, id="p"),
        Box(1.4, 5.7, 5.4, 1.5, T("FP32 累加器\n（24 位有效位）", "FP32 accumulator\n(24 significant bits)"), color="orange",
            size=17, bold=True, id="acc"),
        Box(7.6, 6.0, 2.0, 0.9, T("C：FP32", "C: FP32"), color="gray", size=16, id="c"),
        Box(1.4, 8.4, 5.4, 1.3, T("D：FP32", "D: FP32"), color="orange", size=18, id="d"),
        Box(1.4, 10.7, 5.4, 1.1, T("需要时再转为 FP16 / BF16 存储", "Stored as FP16 / BF16 if needed"), color="gray",
            size=14, id="s"),
        *(Arrow(a, b, color="ink", width=2.5) for a, b in (("a", "p"), ("b", "p"), ("p", "acc"), ("c", "acc"),
                                                            ("acc", "d"), ("d", "s"))),
        *_accumulation_chart(),
    ),
)

# ====================================================================== 03NVLink
# per-direction bandwidth in GB/s: PCIe x16 from the A100 (Gen3, Gen4) and H100 (Gen5)
# whitepapers; NVLink totals 300 / 600 / 900 GB/s (V100 / A100 / H100 whitepapers) halved.
LINKS = [("PCIe 3.0 x16", 15.75, "gray", T("A100 白皮书", "A100 whitepaper")),
         ("PCIe 4.0 x16", 31.5, "gray", T("A100 白皮书", "A100 whitepaper")),
         ("PCIe 5.0 x16", 64.0, "gray", T("H100 白皮书", "H100 whitepaper")),
         (T("NVLink 2（V100，6 条）", "NVLink 2 (V100, 6 links)"), 150.0, "blue",
          T("总计 300 GB/s，V100 白皮书", "300 GB/s in total, V100 whitepaper")),
         (T("NVLink 3（A100，12 条）", "NVLink 3 (A100, 12 links)"), 300.0, "green",
          T("总计 600 GB/s，A100 白皮书", "600 GB/s in total, A100 whitepaper")),
         (T("NVLink 4（H100，18 条）", "NVLink 4 (H100, 18 links)"), 450.0, "orange",
          T("总计 900 GB/s，H100 白皮书", "900 GB/s in total, H100 whitepaper"))]


def _links() -> list[Item]:
    items: list[Item] = []
    for i, (label, value, colour, source) in enumerate(LINKS):
        y, w = 0.3 + i * 1.8, value / 450 * 11.0
        items += [Text(7.3, y + 0.45, label, bold=colour != "gray", size=18, anchor="end"),
                  Box(7.6, y, max(w, 0.08), 0.9, color=colour, fill="solid", radius=4),
                  Text(7.8 + w, y + 0.28, f"{value:g}", bold=True, size=19, anchor="start"),
                  Text(7.8 + w, y + 0.75, source, color="gray", size=13, anchor="start")]
    return [*items, Arrow((7.6, 0.1), (7.6, 11.0), color="ink", width=2, head=False)]


NV01 = Figure(
    IMAGES + "03NVLink01",
    T("每块 GPU 的单方向互连带宽（GB/s）", "Per-GPU interconnect bandwidth in one direction (GB/s)"),
    T("PCIe x16 与 NVLink 对比（NVLink 总带宽除以 2）", "PCIe x16 vs NVLink (NVLink totals halved)"),
    rows=12,
    items=(
        *_links(),
        Text(12.0, 11.5, T("规格书中 NVLink 常写两个方向之和（300 / 600 / 900 GB/s），这里统一除以 2 与 PCIe 单方向值比较",
                           "Datasheets give NVLink as the sum of both directions (300 / 600 / 900 GB/s); halved here to "
                           "compare with PCIe"), color="gray", size=15),
    ),
)


def _gpu(x: float, y: float, k: int, colour: str, w: float = 1.7) -> Box:
    return Box(x - w / 2, y - 0.5, w, 1.0, f"GPU{k}", color=colour, bold=True, size=16)


FRONT = [(2.3, 3.2), (6.5, 3.2), (6.5, 7.5), (2.3, 7.5)]
BACK = [(4.7, 1.6), (8.9, 1.6), (8.9, 5.9), (4.7, 5.9)]
HGX_TOP = [(17.3 + (k - 1.5) * 2.2, 2.0) for k in range(4)]
HGX_BOTTOM = [(17.3 + (k - 1.5) * 2.2, 8.6) for k in range(4)]
SWITCHES = [(17.3 + (k - 2.5) * 1.8, 5.3) for k in range(6)]


def _topologies() -> list[Item]:
    quads = [(p, q) for quad in (FRONT, BACK) for i, p in enumerate(quad) for q in quad[i + 1:]]
    items: list[Item] = [
        Box(0.6, 0.0, 10.0, 11.8, color="gray", fill="white", size=18, title=T("直连（示意）", "Direct links (schematic)")),
        Box(11.2, 0.0, 12.2, 11.8, color="gray", fill="white", size=18,
            title=T("经 NVSwitch 全互连（HGX A100 8-GPU）", "Full connection through NVSwitch (HGX A100 8-GPU)")),
    ]
    items += [Arrow(p, q, color="blue", width=2.5, head=False) for p, q in [*quads, *zip(FRONT, BACK)]]
    items += [_gpu(x, y, k, "blue") for k, (x, y) in enumerate(FRONT + BACK)]
    items += [Arrow(g, s, color="green", width=1, head=False) for g in HGX_TOP + HGX_BOTTOM for s in SWITCHES]
    items += [Box(x - 0.75, y - 0.55, 1.5, 1.1, "NVSwitch", color="orange", bold=True, size=12) for x, y in SWITCHES]
    items += [_gpu(x, y, k, "green", 1.5) for k, (x, y) in enumerate(HGX_TOP + HGX_BOTTOM)]
    return items


NV02 = Figure(
    IMAGES + "03NVLink02",
    T("两种机内拓扑：GPU 直连 与 经 NVSwitch 全互连", "Two topologies in a server: direct GPU links, or all GPUs through NVSwitch"),
    T("左：直连，并非每对 GPU 都相连（示意）· 右：HGX A100 8-GPU",
      "Left: direct links, not every pair connected (schematic) · right: HGX A100 8-GPU"),
    rows=12.2,
    items=(
        *_topologies(),
        Text(5.6, 8.9, T("每块 GPU 的链路数有限，只能直连少数几块", "Each GPU has few links and reaches only a few others"),
             size=15),
        Text(5.6, 9.45, T("例如图中 GPU0 与 GPU6 之间没有直连链路；", "directly: here GPU0 and GPU6 have no link;"), size=15),
        Text(5.6, 10.0, T("两块 GPU 之间的带宽取决于它们共有几条链路", "a pair's bandwidth is the links they share"), size=15),
        Text(5.6, 11.0, T("V100：每块 6 条 NVLink", "V100: 6 NVLinks per GPU"), color="gray", size=15),
        Text(17.3, 9.8, T("每块 A100 的 12 条 NVLink 连到全部 6 个 NVSwitch", "Each A100's 12 NVLinks go to all 6 NVSwitches"),
             size=16),
        Text(17.3, 10.35, T("任意两块 GPU 之间都以 600 GB/s（双向合计）通信", "Any two GPUs talk at 600 GB/s (both directions)"),
             size=16),
        Text(17.3, 11.1, T("HGX H100 8-GPU：4 个第三代 NVSwitch，900 GB/s",
                           "HGX H100 8-GPU: 4 third-generation NVSwitches, 900 GB/s"), color="gray", size=15),
    ),
)


def _shard(y: float, gpu: str, a: str, b: str, z: str, partial: str, colour: str) -> list[Item]:
    """One GPU's half of the tensor-parallel MLP."""
    return [
        Box(4.0, y - 1.2, 13.3, 2.6, color=colour, fill="white", radius=9),
        Text(4.4, y - 0.85, gpu, color=colour, bold=True, size=16, anchor="start"),
        Box(4.5, y - 0.5, 3.3, 1.3, T(f"X · {a}\n（A 按列切）", f"X · {a}\n(A by columns)"), color=colour, size=15),
        Box(8.5, y - 0.5, 2.3, 1.3, T("GeLU\n（逐元素）", "GeLU\n(element-wise)"), color=colour, size=15),
        Box(11.5, y - 0.5, 3.3, 1.3, T(f"{partial} · {b}\n（B 按行切）", f"{partial} · {b}\n(B by rows)"), color=colour,
            size=15),
        Box(15.4, y - 0.5, 1.6, 1.3, z, color=colour, fill="solid", bold=True, size=18),
        *(Arrow((x0, y + 0.15), (x1, y + 0.15), color="ink", width=2) for x0, x1 in ((7.8, 8.45), (10.8, 11.45),
                                                                                      (14.8, 15.35))),
        Arrow((3.1, 4.5), (4.45, y + 0.15), color="ink", width=2),
        Arrow((17.05, y + 0.15), (17.95, 4.5 + (y - 3.8) * 0.3), color="orange", width=2.5),
    ]


NV03 = Figure(
    IMAGES + "03NVLink03",
    T("张量并行的 MLP（2 块 GPU）：前向只需一次全归约", "A tensor-parallel MLP on 2 GPUs: one All-Reduce in the forward pass"),
    T("A 按列切、B 按行切，部分结果由全归约求和",
      "Split A by columns and B by rows; the partial outputs are summed by an All-Reduce"),
    rows=12,
    items=(
        Box(0.8, 3.6, 2.3, 1.8, T("X\n（每块 GPU\n各有一份）", "X\n(a copy on\neach GPU)"), color="gray", size=15),
        *_shard(1.3, "GPU0", "A_{1}", "B_{1}", "Z_{1}", "Y_{1}", "blue"),
        *_shard(6.3, "GPU1", "A_{2}", "B_{2}", "Z_{2}", "Y_{2}", "green"),
        Box(18.0, 3.0, 2.6, 3.0, T("全归约\nAll-Reduce\nZ = Z_{1} + Z_{2}", "All-Reduce\nZ = Z_{1} + Z_{2}"), color="orange",
            size=15, bold=True),
        Box(21.1, 3.8, 2.2, 1.4, T("Z\n（每块一份）", "Z\n(on each GPU)"), color="gray", size=14),
        Arrow((20.65, 4.5), (21.05, 4.5), color="ink", width=2),
        Box(0.8, 8.8, 22.4, 2.5, color="gray"),
        Text(12.0, 9.4, T("中间的 GeLU 不需要通信；注意力子层按头切分，同样只需一次全归约",
                          "The GeLU in between needs no communication; attention, split by heads, also needs one All-Reduce"),
             bold=True, size=17),
        Text(12.0, 10.15, T("每个 Transformer 层：前向 2 次、反向 2 次全归约（Shoeybi 等 2019）",
                            "Each Transformer layer: 2 All-Reduces forward, 2 backward (Shoeybi et al. 2019)"), size=17),
        Text(12.0, 10.8, T("每次全归约的数据量 = b·s·h 个激活值，位于计算的关键路径上",
                           "Each All-Reduce carries b·s·h activations and sits on the critical path"), color="gray", size=15),
    ),
)

COMPUTE_MS = 24 * 4096 * 8192 ** 2 / 8 / (A100_FP16_TC * 1e12) * 1e3
SENT = 2 * 7 / 8 * 4096 * 8192 * 2   # bytes each GPU sends in one ring All-Reduce of b·s·h FP16 values
LINK_ROWS = [(T("NVLink 3（300 GB/s 单方向）", "NVLink 3 (300 GB/s per direction)"), 2 * SENT / 300e9 * 1e3, "green"),
             (T("PCIe 4.0 x16（31.5 GB/s 单方向）", "PCIe 4.0 x16 (31.5 GB/s per direction)"), 2 * SENT / 31.5e9 * 1e3,
              "gray")]


def _layer_time() -> list[Item]:
    items: list[Item] = []
    wc = COMPUTE_MS * 1.5
    for i, (label, comm, colour) in enumerate(LINK_ROWS):
        y, wm = 0.6 + i * 3.0, comm * 1.5
        name = T(f"2 次全归约 {comm:.2f} ms", f"2 All-Reduces {comm:.2f} ms")
        items += [Text(6.7, y + 0.6, label, bold=True, size=17, anchor="end"),
                  Box(7.0, y, wc, 1.2, T(f"计算 {COMPUTE_MS:.2f} ms", f"compute {COMPUTE_MS:.2f} ms"), fill="solid",
                      bold=True, size=16, radius=3),
                  Box(7.0 + wc, y, wm, 1.2, name if wm > 3 else None, color=colour, fill="solid", bold=True, size=16,
                      radius=3),
                  Text(7.0, y + 1.7, T(f"通信 / 计算 ≈ {comm / COMPUTE_MS:.1f}", f"communication / compute ≈ "
                                       f"{comm / COMPUTE_MS:.1f}"), size=15, anchor="start")]
        if wm <= 3:
            items.append(Text(7.2 + wc + wm, y + 0.6, name, color=colour, bold=True, size=16, anchor="start"))
    return items


NV04 = Figure(
    IMAGES + "03NVLink04",
    T("一层前向的时间下限估算（8 块 A100 张量并行，h = 8192，b·s = 4096，FP16）",
      "Lower bounds on one layer's forward time (8 A100s, tensor parallel)"),
    T("峰值算力下的计算 vs 满带宽下的两次环形全归约；不计延迟，不重叠",
      "h = 8192, b·s = 4096, FP16: compute at peak vs two ring All-Reduces at full bandwidth; no latency, no overlap"),
    rows=10.5,
    items=(
        *_layer_time(),
        Box(1.2, 7.0, 21.6, 2.9, color="gray"),
        Text(12.0, 7.6, T("计算：24·b·s·h^{2}（略去注意力的 4·b·s^{2}·h 项）÷ 8 块 ÷ 312 TFLOP/s（A100 FP16 稠密峰值）",
                          "Compute: 24·b·s·h^{2} (without attention's 4·b·s^{2}·h) ÷ 8 GPUs ÷ 312 TFLOP/s (A100 FP16 "
                          "dense peak)"), size=16),
        Text(12.0, 8.3, T("通信：每次全归约 b·s·h × 2 字节 ≈ 67.1 MB，环形算法每块发送 2·(p−1)/p 倍，即约 117.4 MB",
                          "Communication: one All-Reduce is b·s·h × 2 bytes ≈ 67.1 MB; a ring sends 2·(p−1)/p of it per "
                          "GPU, about 117.4 MB"), size=16),
        Text(12.0, 9.0, T("均为理想下限：忽略延迟 α、假设带宽用满、计算与通信不重叠",
                          "Ideal lower bounds: no latency α, full bandwidth, no overlap of compute and communication"),
             color="gray", size=15),
    ),
)

FIGURES = [SM01, SM02, SM03, SM04, TC01, TC02, TC03, TC04, NV01, NV02, NV03, NV04]

# ====================================================================== decks
MODULE, CHAPTER = "AI 芯片原理", "GPU 架构与 Tensor Core"
DECKS = [
    Deck("01AIChip/03GPUArch/01SMArch.pdf", MODULE, CHAPTER, "GPU 的内部结构：SM 与存储层次",
         "从 108 个 SM 到每个线程的寄存器", "第 01 讲", (
             Picture("A100 芯片总览（示意）", SM01, "A100 白皮书：108 个 SM，40 MB L2，40 GB HBM2，1,555 GB/s"),
             Bullets("SM：GPU 的基本计算单位", (
                 "A100 每个 SM 分为 4 个分区，每个分区有自己的线程束调度器",
                 "每个分区：FP32 × 16、INT32 × 16、FP64 × 8、Tensor Core × 1、寄存器 64 KB",
                 "线程束（warp）= 32 个线程，同一条指令一起执行（SIMT）",
                 "每 SM 最多驻留 64 个线程束（2,048 个线程），等数据时换一个执行",
             )),
             Picture("一个 SM 的四个分区", SM02, "四个分区共享 192 KB 的 L1 数据缓存 / 共享内存"),
             Bullets("寄存器决定能驻留多少线程", (
                 "每 SM 65,536 个 32 位寄存器（256 KB）",
                 "驻留线程数 ≤ min(2048, 65536 / r)，r 为每线程寄存器数",
                 "r = 32 时可驻留 2,048 个线程；r = 64 时只剩 1,024 个",
                 "线程越少，用来掩盖访存延迟的并发越少",
             )),
             Picture("存储层次：越大越远", SM03, "寄存器 → L1/共享内存 → L2 → HBM2"),
             Picture("共享内存分块：一次搬入，多次使用", SM04, "128 × 128 的 FP16 分块：每读 1 字节做 64 次运算"),
             Bullets("小结", (
                 "GPU 由许多 SM 组成；SM 靠大量驻留线程束掩盖访存延迟",
                 "寄存器、共享内存、L2、HBM 容量逐级增大、距离逐级变远",
                 "共享内存分块把计算强度从 0.5 提到数十 FLOP/字节，L2 再挡住一部分重复读取",
                 "A100 的异步拷贝让下一块数据的搬运与当前块的计算重叠",
             ), summary=True),
         )),
    Deck("01AIChip/03GPUArch/02TensorCore.pdf", MODULE, CHAPTER, "Tensor Core：从 Volta 到 Hopper",
         "专用矩阵单元与混合精度", "第 02 讲", (
             Picture("Tensor Core 的基本操作", TC01, "V100 白皮书：每个 Tensor Core 每时钟 64 次 FMA"),
             Bullets("为什么要专用矩阵单元", (
                 "标量 FMA 单元：每条指令一次乘加，取数、译码的开销摊不开",
                 "矩阵单元：一次操作 n^{3} 次乘加，只需 2n^{2} 个输入",
                 "V100：640 个 Tensor Core，125 TFLOPS（V100 白皮书）",
                 "校核：640 × 64 × 2 × 1.53 GHz ≈ 125 TFLOPS",
             )),
             Picture("2:4 结构化稀疏", TC02, "A100 白皮书：稀疏吞吐为稠密的 2 倍"),
             Picture("三代 Tensor Core", TC03, "每 SM 每时钟稠密 FMA：512 → 1,024 → 2,048（FP8 为 4,096）"),
             Bullets("混合精度如何工作", (
                 "FP16 乘积最多 22 位有效位，放得进 FP32 的 24 位：乘法不丢精度",
                 "误差只来自累加：FP32 累加器让长内积保持准确",
                 "例：4,096 个 fp16(0.1) 相加，FP32 得 409.5，FP16 停在 256",
                 "训练还需 FP32 主权重与损失缩放（Micikevicius 等 2018）",
             )),
             Picture("FP16 累加与 FP32 累加", TC04, "FP16 中 256 附近的间距为 0.25，加 0.1 被舍入掉"),
             Bullets("小结", (
                 "Tensor Core 用一次矩阵乘加替代许多次标量乘加",
                 "Volta 引入、Ampere 加入 TF32/BF16 与 2:4 稀疏、Hopper 加入 FP8",
                 "低精度输入 + FP32 累加：速度来自窄格式，准确来自宽累加器",
                 "屋顶抬高，脊点右移：A100 FP16 脊点约 201 FLOP/字节",
             ), summary=True),
         )),
    Deck("01AIChip/03GPUArch/03NVLink.pdf", MODULE, CHAPTER, "NVLink 与 NVSwitch：走出单块 GPU",
         "机内互连与张量并行", "第 03 讲", (
             Bullets("PCIe 与 NVLink", (
                 "PCIe x16 单方向：3.0 为 15.75 GB/s，4.0 为 31.5 GB/s（A100 白皮书）",
                 "NVLink 总带宽：V100 300 GB/s、A100 600 GB/s、H100 900 GB/s（各代白皮书）",
                 "规格书常写两个方向之和：A100 单方向 300 GB/s",
                 "A100：每对信号线 50 Gbit/s，链路数从 6 条增加到 12 条",
             )),
             Picture("单方向带宽对比", NV01, "NVLink 数值为白皮书总带宽的一半"),
             Picture("直连与 NVSwitch", NV02, "HGX A100：6 个 NVSwitch；HGX H100：4 个第三代 NVSwitch"),
             Picture("张量并行的 MLP", NV03, "每层前向 2 次、反向 2 次全归约（Shoeybi 等 2019）"),
             Picture("一层前向的时间下限", NV04, "NVLink：通信约为计算的 0.3 倍；PCIe：约 2.8 倍"),
             Bullets("小结", (
                 "张量并行的全归约在关键路径上，带宽直接决定扩展效率",
                 "NVSwitch 让机内任意两块 GPU 都以全带宽通信",
                 "张量并行一般限制在一台服务器内，跨服务器用流水线并行（Narayanan 等 2021）",
                 "通信代价的分析方法见“通信&存储”“通信架构”两个模块",
             ), summary=True),
         )),
]
