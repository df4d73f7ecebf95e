"""Figures and decks of 02StorComm/03Storage (大模型存储: memory hierarchy, checkpoints, data pipelines).

Sources of the numbers drawn here (each is cited in the article next to the figure):
- Bytes per parameter and the ZeRO stage formulas: Rajbhandari et al., SC 2020 (arXiv:1910.02054).
- Activation memory per layer sbh(34 + 5as/h): Korthikanti et al., MLSys 2023 (arXiv:2205.05198).
- HBM bandwidth of the A100 40GB (1,555 GB/s): NVIDIA A100 datasheet; PCIe 4.0 x16, 31.5 GB/s per
  direction: NVIDIA A100 whitepaper.
- Optimal checkpoint interval sqrt(2CM): Young, CACM 1974 (doi:10.1145/361147.361115).
Everything else is an example with assumed values (Ψ = 7e9 parameters, a 32-layer shape, storage
bandwidths, MTBF), labelled 示例/假设 (example/assumed), or a schematic labelled 示意 (schematic).
"""

from __future__ import annotations

import math
import random

from ..shapes import line
from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Label, Picture, Plot, T, Text, text_in
from ..style import RULE, strong

IMAGES = "02StorComm/03Storage/images/"
Point = tuple[float, float]

# ---------------------------------------------------------------- the worked example
PSI = 7e9
"""Parameters of the example model (not a specific model)."""
K = 12
"""Optimizer bytes per parameter for mixed-precision Adam (ZeRO paper)."""
ND = 8
"""Data-parallel ranks in the example."""
S_LEN, MB, HID, HEADS, LAYERS = 4096, 1, 4096, 32, 32
"""The example shape (assumed)."""
MTBF_S = 24 * 3600
"""Job MTBF, assumed 24 h."""
GREY = "#e5e7eb"
"""Fill of what a rank or a checkpoint does not keep."""


def gb(x: float) -> float:
    return x / 1e9


# ====================================================================== 01MemoryHierarchy
SEGMENTS = [(T("FP16 参数", "FP16 params"), 2, "blue"), (T("FP16 梯度", "FP16 grads"), 2, "green"),
            (T("FP32 主权重", "FP32 master"), 4, "orange"), (T("FP32 一阶矩 m", "momentum m"), 4, "purple"),
            (T("FP32 二阶矩 v", "variance v"), 4, "pink")]


def _bytes_per_parameter() -> list[Item]:
    """The 16 bytes of one parameter, the two brackets, and the example model's totals in GB."""
    x0, unit = 2.0, 1.25
    items: list[Item] = [Text(x0, 0.2, T("每个参数（字节）", "Per parameter (bytes)"), color="gray", size=16, anchor="start")]
    x = x0
    for name, nb, colour in SEGMENTS:
        w = nb * unit
        items += [Box(x + 0.03, 0.5, w - 0.06, 2.2, color=colour, stroke=2.5, radius=5),
                  Text(x + w / 2, 1.2, name, color=colour, bold=True, size=16),
                  Text(x + w / 2, 2.0, f"{nb} B", bold=True, size=20)]
        x += w
    for a, b, label, colour in ((0, 4, T("前向与反向使用：\n2Ψ + 2Ψ", "Used in forward\nand backward: 2Ψ + 2Ψ"), "blue"),
                                (4, 16, T("优化器状态 KΨ = 12Ψ：只在更新步使用",
                                          "Optimizer states KΨ = 12Ψ: used only in the update step"), "orange")):
        xa, xb = x0 + a * unit + 0.08, x0 + b * unit - 0.08
        items += [line((xa, 3.0), (xa, 3.25), (xb, 3.25), (xb, 3.0), color=colour, width=2.5),
                  line(((xa + xb) / 2, 3.25), ((xa + xb) / 2, 3.5), color=colour, width=2.5),
                  Text((xa + xb) / 2, 4.2, label, color=colour, bold=True, size=16)]
    scale = 20.0 / gb(16 * PSI)
    items.append(Text(x0, 6.15, T("示例：Ψ = 7×10^{9} 个参数（假设） → 模型状态共 112 GB",
                                  "Example: Ψ = 7×10^{9} parameters (assumed) → 112 GB of model states"),
                      bold=True, size=18, anchor="start"))
    x = x0
    for _, nb, colour in SEGMENTS:
        items.append(Box(x + 0.03, 6.6, gb(nb * PSI) * scale - 0.06, 1.1, color=colour, fill="solid", radius=4))
        x += gb(nb * PSI) * scale
    for cap in (40, 80):
        items += [line((x0 + cap * scale, 6.45), (x0 + cap * scale, 8.5), color="red", width=2.5),
                  Text(x0 + cap * scale, 8.85, T(f"A100 显存 {cap} GB", f"A100 memory {cap} GB"), color="red",
                       bold=True, size=15)]
    x = x0
    for _, nb, colour in SEGMENTS:
        w = gb(nb * PSI) * scale
        items.append(Box(x + w / 2 - 0.75, 6.9, 1.5, 0.5, f"{gb(nb * PSI):.0f} GB", color=colour, fill="solid",
                         bold=True, size=17, radius=3))
        x += w
    return items


MH01 = Figure(
    IMAGES + "01MemoryHierarchy01",
    T("混合精度 Adam：每个参数 16 字节（ZeRO 论文，K = 12）", "Mixed-precision Adam: 16 bytes per parameter (ZeRO paper, K = 12)"),
    T("每个参数的模型状态：2Ψ + 2Ψ + KΨ 字节", "Model states per parameter: 2Ψ + 2Ψ + KΨ bytes"),
    rows=12,
    items=(
        *_bytes_per_parameter(),
        Text(12.0, 10.0, T("一块 A100 的显存（数据手册：40 GB 或 80 GB）装不下示例模型的模型状态，更不用说激活",
                           "One A100's memory (datasheet: 40 GB or 80 GB) cannot hold the example's model states, "
                           "let alone activations"), size=16),
        Text(12.0, 10.65, T("残余状态：激活、临时缓冲区、内存碎片，另计",
                            "Residual states (activations, temporary buffers, fragmentation) come on top"),
             color="gray", size=16),
    ),
)

LINEAR = gb(34 * S_LEN * MB * HID * LAYERS)
"""34·s·b·h·L bytes: the part of Korthikanti et al.'s formula linear in s."""
QUADRATIC = gb(5 * HEADS * S_LEN * S_LEN * MB * LAYERS)
"""5·a·s²·b·L bytes: the attention part, quadratic in s."""
FULL = gb(2 * S_LEN * MB * HID * LAYERS)
"""2·s·b·h·L bytes: only each layer's input is kept."""
ACT_SCALE = 15.5 / 110
"""Grid units per GB of the activation bars."""
RECOMPUTE = [
    (T("不重计算", "No recomputation"), [(LINEAR, "blue", "34sbh·L"), (QUADRATIC, "orange", "5as^{2}b·L")]),
    (T("选择性重计算", "Selective recomputation"), [(LINEAR, "blue", "34sbh·L")]),
    (T("全部重计算", "Full recomputation"), [(FULL, "green", "")]),
]
ACT_KEY = [(0.6, "blue", T("34sbh·L：与 s 成正比的部分", "34sbh·L: grows with s")),
           (7.0, "orange", T("5as^{2}b·L：softmax 与 dropout 的张量，与 s^{2} 成正比",
                             "5as^{2}b·L: softmax and dropout tensors, grows with s^{2}")),
           (16.4, "green", T("2sbh·L：只保存每层输入", "2sbh·L: only each layer's input"))]


def _activations() -> list[Item]:
    x0 = 7.0
    items: list[Item] = []
    for v in range(0, 111, 20):
        items += [line((x0 + v * ACT_SCALE, 0.5), (x0 + v * ACT_SCALE, 8.0), color=RULE, width=1.5),
                  Text(x0 + v * ACT_SCALE, 8.4, str(v), size=15)]
    for cap in (40, 80):
        items += [line((x0 + cap * ACT_SCALE, 0.5), (x0 + cap * ACT_SCALE, 8.0), color="red", width=2),
                  Text(x0 + cap * ACT_SCALE, 0.25, f"{cap} GB", color="red", bold=True, size=15)]
    for i, (name, parts) in enumerate(RECOMPUTE):
        y = 1.6 + i * 2.4
        items.append(Text(x0 - 0.3, y, name, bold=True, size=17, anchor="end"))
        x = x0
        for value, colour, label in parts:
            w = value * ACT_SCALE
            items.append(Box(x, y - 0.6, max(w, 0.06), 1.2, f"{label} ≈ {value:.1f} GB" if label and w > 3 else None,
                             color=colour, fill="solid", bold=True, size=16, radius=4))
            x += w
        total = sum(value for value, _, _ in parts)
        items.append(Text(x + 0.2, y, f"{total:.1f} GB" if total > 2 else f"{total:.2f} GB", bold=True, size=18,
                          anchor="start"))
    for x, colour, label in ACT_KEY:
        items += [Box(x, 9.5, 0.44, 0.44, color=colour, fill="solid", radius=3),
                  Text(x + 0.6, 9.72, label, size=14, anchor="start")]
    return items


MH02 = Figure(
    IMAGES + "01MemoryHierarchy02",
    T("激活显存：示例配置下的三种做法", "Activation memory: three choices for the example shape"),
    T("Korthikanti 等：每层 sbh(34 + 5as/h) 字节；示例 s = 4096, b = 1, h = 4096, a = 32, L = 32",
      "Korthikanti et al.: sbh(34 + 5as/h) bytes per layer; example s = 4096, b = 1, h = 4096, a = 32, L = 32"),
    rows=11.6,
    items=(
        *_activations(),
        Text(14.75, 9.0, T("整个模型的激活（GB，示例 b = 1、s = 4096）", "Activations of the whole model (GB, example "
                                                                 "b = 1, s = 4096)"), size=17),
        Text(12.0, 10.8, T("注意力项 5as/h 在 s = 4096 时是 160，远大于 34：序列越长，它越占主导\n"
                           "（全部重计算时，反向还需临时重算一层的激活）",
                           "The attention term 5as/h is 160 at s = 4096, far above 34: the longer the sequence, the "
                           "more it dominates\n(with full recomputation the backward pass re-creates one layer's "
                           "activations at a time)"), color="gray", size=14),
    ),
)

STAGES = [(T("数据并行 DP", "Data parallel DP"), "(2 + 2 + K)Ψ", (False, False, False), "2Ψ", 16 * PSI),
          ("ZeRO-1  P_{os}", "4Ψ + KΨ / N_{d}", (False, False, True), "2Ψ", 4 * PSI + K * PSI / ND),
          ("ZeRO-2  P_{os+g}", "2Ψ + (2 + K)Ψ / N_{d}", (False, True, True), "2Ψ", 2 * PSI + (2 + K) * PSI / ND),
          ("ZeRO-3  P_{os+g+p}", "(2 + 2 + K)Ψ / N_{d}", (True, True, True), "3Ψ", 16 * PSI / ND)]
STATES = [(T("参数 2Ψ", "param 2Ψ"), "blue"), (T("梯度 2Ψ", "grad 2Ψ"), "green"), (T("优化器 12Ψ", "optim 12Ψ"), "orange")]


def _zero_stage(i: int) -> list[Item]:
    """One row of the ZeRO figure: what each of four ranks keeps, the memory and the traffic."""
    name, formula, split, comm, example = STAGES[i]
    y = 1.5 + i * 2.7
    items: list[Item] = [Box(0.4, y - 0.2, 23.3, 2.4, color="#f3f4f6" if i % 2 == 0 else "#ffffff", radius=8),
                         Text(0.6, y + 0.55, name, bold=True, size=18, anchor="start"),
                         Text(0.6, y + 1.35, formula, color="gray", size=16, anchor="start")]
    for r in range(4):
        x = 4.7 + r * 3.6
        items.append(Box(x - 0.12, y - 0.18, 3.59, 2.15, color=RULE, fill="white", radius=6))
        for k, (label, colour) in enumerate(STATES):
            sx = x + k * 1.15
            items.append(Text(sx + 0.525, y + 0.05, label, color=colour, size=10))
            for q in range(4):
                keep = not split[k] or q == r
                items.append(Box(sx + q * 0.2625 + 0.02, y + 0.3, 0.2225, 1.5, color=colour if keep else GREY,
                                 fill="solid" if keep else "light", radius=2.5))
                if split[k] and q == r:  # the shard this rank owns, numbered (narrower than a label's padding)
                    items.append(Text(sx + q * 0.2625 + 0.13, y + 1.05, str(r), color="#ffffff", bold=True, size=12))
    value = f"{gb(example):.2f}".rstrip("0").rstrip(".")
    return items + [Text(20.7, y + 0.95, f"{value} GB", color="red" if i == 0 else "ink", bold=True, size=20),
                    Text(22.9, y + 0.95, comm, color="blue", bold=True, size=18)]


MH03 = Figure(
    IMAGES + "01MemoryHierarchy03",
    T("ZeRO 的三个阶段：每个数据并行 rank 保存什么（示意 N_{d} = 4，宽度不按比例）",
      "The three ZeRO stages: what each data-parallel rank keeps (schematic, N_{d} = 4)"),
    T("彩色：本 rank 保存；灰色：不保存（由别的 rank 负责）", "Colour = kept on this rank; grey = not kept (another rank owns it)"),
    rows=13,
    items=(
        *(Text(4.7 + r * 3.6 + 1.675, 0.45, f"rank {r}", bold=True, size=17) for r in range(4)),
        Text(20.7, 0.45, T("每卡模型状态\n示例 Ψ = 7×10^{9}\nN_{d} = 8", "Per-GPU states\nexample Ψ = 7×10^{9}\nN_{d} = 8"),
             bold=True, size=13),
        Text(22.9, 0.45, T("每步\n通信量", "Traffic\nper step"), bold=True, size=13),
        *(item for i in range(4) for item in _zero_stage(i)),
        Text(12.0, 12.4, T("K = 12（混合精度 Adam）；通信量为每步每个 rank 的数据量，DP 的全归约记为 2Ψ（ZeRO 论文）",
                           "K = 12 (mixed-precision Adam); traffic is per rank and step, DP's all-reduce counted as "
                           "2Ψ (ZeRO paper)"), color="gray", size=15),
    ),
)

TIERS = [(T("HBM 显存", "HBM"), T("A100 40GB：\n1,555 GB/s", "A100 40GB:\n1,555 GB/s"), T("容量最小", "smallest"), "blue"),
         (T("主机 DRAM", "Host DRAM"), T("经 PCIe 4.0 ×16：\n31.5 GB/s（单向）", "Over PCIe 4.0 ×16:\n31.5 GB/s (one way)"),
          T("容量更大", "larger"), "green"),
         (T("NVMe 固态盘", "NVMe SSD"), T("也挂在 PCIe 上：\n带宽随盘数与型号而异", "Also on PCIe:\nbandwidth depends on\n"
                                                                  "drive count and model"),
          T("容量最大", "largest"), "orange")]
TIER_Y = [0.6, 4.4, 8.2]
PLACEMENT = [
    (T("ZeRO-3（全在显存）", "ZeRO-3 (all in HBM)"), [
        T("参数、梯度、\n优化器状态\n各 1/N_{d} 分片\n+ 激活", "Parameters, gradients,\noptimizer states,\n"
                                                      "a 1/N_{d} shard each\n+ activations"), None, None]),
    ("ZeRO-Offload", [
        T("FP16 参数 2Ψ\n+ 激活\n前向与反向\n在 GPU 上", "FP16 params 2Ψ\n+ activations\nforward, backward\non the GPU"),
        T("FP16 梯度 2Ψ\n+ 优化器状态 12Ψ\nAdam 更新\n在 CPU 上执行", "FP16 grads 2Ψ\n+ optimizer states 12Ψ\n"
                                                             "Adam update\nruns on the CPU"), None]),
    ("ZeRO-Infinity", [
        T("正在计算的层：\n临时全收集的参数\n+ 激活工作集", "Layer in progress:\nits gathered parameters\n"
                                                   "+ activation working set"),
        T("模型状态的分片\n（参数、梯度、\n优化器状态）", "Shards of the model\nstates (parameters,\ngradients, "
                                                  "optimizer\nstates)"),
        T("模型状态的分片\n也可放到 NVMe", "Model-state shards\ncan also go to NVMe")]),
]


def _tiers() -> list[Item]:
    items: list[Item] = []
    for k, (name, bandwidth, capacity, colour) in enumerate(TIERS):
        y, w = TIER_Y[k], 3.0 + k * 0.9
        items += [Box(2.9 - w / 2, y, w, 3.0, color=colour, stroke=2.5, radius=9),
                  Text(2.9, y + 1.1, name, color=colour, bold=True, size=20),
                  Text(2.9, y + 1.9, capacity, size=16),
                  Text(5.6, y + 1.5, bandwidth, color=colour, bold=True, size=15, anchor="start")]
        if k < 2:
            items.append(Arrow((2.9, y + 3.08), (2.9, y + 3.72), color="ink", width=3, both=True))
    for j, (name, cells) in enumerate(PLACEMENT):
        x = 10.6 + j * 4.4
        items.append(Text(x + 2.05, 0.15, name, bold=True, size=17))
        for k, cell in enumerate(cells):
            items.append(Box(x, TIER_Y[k], 4.1, 3.0, cell, color=TIERS[k][3], size=14, stroke=1.5, radius=7)
                         if cell is not None else
                         Box(x, TIER_Y[k], 4.1, 3.0, "—", color=RULE, fill="white", size=20, radius=7))
    return items


MH04 = Figure(
    IMAGES + "01MemoryHierarchy04",
    T("沿存储层次向下：显存、主机内存与 NVMe，以及卸载把什么放在哪里",
      "Down the hierarchy: HBM, host memory, NVMe, and what offloading puts where"),
    T("带宽：A100 40GB 数据手册（HBM）与 A100 白皮书（PCIe 4.0 ×16，单方向）",
      "Bandwidths: A100 40GB datasheet (HBM) and A100 whitepaper (PCIe 4.0 ×16, per direction)"),
    rows=13,
    items=(
        *_tiers(),
        Arrow((16.1, 3.66), (16.1, 4.36), color="red", width=3.5),
        Text(15.95, 4.01, T("梯度 2Ψ", "grads 2Ψ"), color="red", bold=True, size=14, anchor="end"),
        Arrow((18.0, 4.36), (18.0, 3.66), color="red", width=3.5),
        Text(18.15, 4.01, T("参数 2Ψ", "params 2Ψ"), color="red", bold=True, size=14, anchor="start"),
        Text(12.0, 12.0, T("越往下容量越大、带宽越低：HBM 与 PCIe 单向带宽之比约为 1,555 / 31.5 ≈ 49",
                           "Lower down: more capacity, less bandwidth; HBM over one PCIe direction is about "
                           "1,555 / 31.5 ≈ 49"), size=16),
    ),
)

# ====================================================================== 02Checkpoint
STATE = [(T("FP32 主权重", "FP32 master weights"), "4Ψ", "orange", True),
         (T("Adam 一阶矩 m", "Adam first moment m"), "4Ψ", "purple", True),
         (T("Adam 二阶矩 v", "Adam second moment v"), "4Ψ", "pink", True),
         (T("步数 · 学习率调度 · 随机数状态 · 数据读取位置", "Step, LR schedule, RNG, data position"), "KB–MB", "teal", True),
         (T("FP16 参数（可由主权重转换得到）", "FP16 params (cast from the master)"), "2Ψ", "blue", None),
         (T("梯度（更新后即可丢弃）", "Gradients (dropped after the update)"), "2Ψ", "green", False),
         (T("激活", "Activations"), "—", "gray", False)]
VERDICT = {True: (T("写入", "saved"), "green"), None: (T("可选", "optional"), "orange"),
           False: (T("不写", "not saved"), "gray")}


def _checkpoint_state() -> list[Item]:
    items: list[Item] = [Text(5.6, 0.3, T("训练状态 → 是否写入检查点", "Training state → in the checkpoint?"), bold=True,
                              size=18)]
    for i, (name, size, colour, keep) in enumerate(STATE):
        y = 0.9 + i * 1.18
        ink = "#ffffff" if keep else (colour if keep is None else "gray")
        verdict, verdict_colour = VERDICT[keep]
        items += [Box(0.9, y, 8.0, 0.96, color=colour, fill={True: "solid", None: "white", False: GREY}[keep],
                      stroke=2, radius=6),
                  Text(1.2, y + 0.48, name, color=ink, bold=True, size=14, anchor="start"),
                  Text(8.7, y + 0.48, size, color=ink, bold=True, size=16, anchor="end"),
                  Text(9.6, y + 0.48, verdict, color=verdict_colour, bold=True, size=15, anchor="start")]
    return items


def _writers() -> list[Item]:
    items: list[Item] = [Text(17.6, 0.3, T("分片并行写入（示意）", "Sharded parallel writes (schematic)"), bold=True, size=18)]
    for r in range(4):
        y = 1.0 + r * 1.5
        my = y + 0.55 + 0.35 * (4.45 - y)
        items += [Arrow((15.55, y + 0.55), (18.1, 5.0), color="blue", width=2.5),
                  Box(12.5, y, 3.0, 1.1, T(f"rank {r}\n分片 12Ψ/N", f"rank {r}\nshard 12Ψ/N"), size=14),
                  Text(16.44, my - 0.3, "b_{w}", color="blue", bold=True, size=14)]
    return items


CK01 = Figure(
    IMAGES + "02Checkpoint01",
    T("检查点里装了什么，以及由谁来写", "What a checkpoint holds, and who writes it"),
    T("训练检查点 ≈ 12Ψ 字节；每个 rank 并行写自己的分片",
      "Training checkpoint ≈ 12Ψ bytes; each rank writes its own shard in parallel"),
    rows=11.9,
    items=(
        *_checkpoint_state(),
        Box(0.9, 9.4, 9.8, 2.0, color="gray", radius=0),
        Text(5.8, 9.9, T("示例 Ψ = 7×10^{9}：训练检查点 12Ψ = 84 GB", "Example Ψ = 7×10^{9}: checkpoint 12Ψ = 84 GB"),
             bold=True, size=16),
        Text(5.8, 10.45, T("另存 FP16 参数：14Ψ = 98 GB", "With the FP16 parameters too: 14Ψ = 98 GB"), size=15),
        Text(5.8, 10.95, T("只发布推理权重（16 位）：2Ψ = 14 GB", "Inference weights only (16-bit): 2Ψ = 14 GB"), size=15),
        *_writers(),
        Box(18.2, 3.6, 4.8, 2.8, T("共享存储\n聚合带宽上限 B_{fs}", "Shared storage\naggregate bandwidth\nat most B_{fs}"),
            color="orange", size=17, bold=True),
        Box(12.5, 7.3, 10.5, 4.0, color="ink", fill="white", radius=0),
        Text(17.75, 7.9, T("同步保存的停顿时间", "The stall of a synchronous save"), bold=True, size=17),
        Text(17.75, 8.7, "T_{save} ≈ α_{ckpt} + S / min(N_{w}·b_{w}, B_{fs})", color="blue", bold=True, size=18),
        Text(17.75, 9.6, T("示例（假设值）：S = 84 GB", "Example (assumed values): S = 84 GB"), size=15),
        Text(17.75, 10.15, T("一个写入者 b_{w} = 2 GB/s → 42 s", "One writer, b_{w} = 2 GB/s → 42 s"), size=15),
        Text(17.75, 10.7, T("16 个写入者，但 B_{fs} = 20 GB/s → 4.2 s", "16 writers, but B_{fs} = 20 GB/s → 4.2 s"), size=15),
    ),
)


def _waste(tau: float, blocking: float) -> float:
    """Young's wasted fraction for interval tau and blocking time C (seconds)."""
    return blocking / tau + tau / (2 * MTBF_S)


CASES = [(42, "red", T("C = 42 s（同步，单写入者）", "C = 42 s (synchronous, one writer)")),
         (4.2, "orange", T("C = 4.2 s（同步，16 写入者）", "C = 4.2 s (synchronous, 16 writers)")),
         (0.33, "green", T("C = 0.33 s（两阶段，只停快照）", "C = 0.33 s (two-phase, snapshot only)"))]


def _young(axes, language: str) -> None:
    """W(τ) for three blocking times, with each optimum τ* = (2CM)^(1/2) marked."""
    minutes = [10 ** (i / 500 * math.log10(600)) for i in range(501)]
    for blocking, colour, label in CASES:
        axes.plot(minutes, [_waste(t * 60, blocking) for t in minutes], color=strong(colour), linewidth=4,
                  label=text_in(label, language))
        best = math.sqrt(2 * blocking * MTBF_S)
        waste = _waste(best, blocking)
        axes.plot([best / 60], [waste], "o", color=strong(colour), markersize=11, markeredgecolor="white",
                  markeredgewidth=1.5)
        shown = T(f"τ* ≈ {best / 60:.1f} min，W ≈ {waste:.2%}", f"τ* ≈ {best / 60:.1f} min, W ≈ {waste:.2%}")
        axes.text(best / 60, waste + (0.012 if blocking > 10 else 0.005), text_in(shown, language), ha="center",
                  va="bottom", fontsize=15, fontweight="bold", color=strong(colour))
    axes.set_xscale("log")
    axes.set_xlim(1, 600)
    axes.set_ylim(0, 0.10)
    axes.set_xticks([1, 3, 10, 30, 100, 300, 600], ["1", "3", "10", "30", "100", "300", "600"], fontsize=15)
    axes.minorticks_off()
    axes.set_yticks([0, 0.02, 0.04, 0.06, 0.08, 0.10], ["0", "2%", "4%", "6%", "8%", "10%"], fontsize=15)
    axes.grid(color=RULE)
    axes.set_axisbelow(True)
    axes.set_xlabel(text_in(T("检查点间隔 τ（分钟，对数坐标）", "Checkpoint interval τ (minutes, log scale)"), language),
                    fontsize=16)
    axes.set_ylabel(text_in(T("浪费的时间比例 W", "Fraction of time wasted W"), language), fontsize=16)
    axes.legend(loc="lower right", fontsize=15, frameon=False)
    axes.text(0.5, 0.03, text_in(T("左侧：保存太频繁，C/τ 大；右侧：间隔太长，故障时丢失的工作 τ/(2M) 大",
                                   "Left: saving too often, C/τ is large; right: too far apart, the work lost at a "
                                   "failure, τ/(2M), is large"), language),
              ha="center", va="center", fontsize=15, color=strong("gray"), transform=axes.figure.transFigure)


CK02 = Plot(
    IMAGES + "02Checkpoint02",
    T("检查点间隔与浪费的时间比例：Young 近似（假设作业 MTBF M = 24 小时）",
      "Checkpoint interval and wasted time (Young; assumed job MTBF M = 24 h)"),
    "W(τ) ≈ C/τ + τ/(2M);  τ* = $(2CM)^{1/2}$,  W(τ*) ≈ $(2C/M)^{1/2}$",
    rows=12,
    draw=_young,
    area=(3.3, 0.2, 19.0, 9.5),
)


def _steps(x: float, y: float, first: int, count: int, width: float = 1.5) -> list[Item]:
    """`count` training iterations from number `first`, one every `width` units."""
    return [Box(x + i * width, y, width - 0.1, 0.9, T(f"迭代 {first + i}", f"step {first + i}"), fill="solid", size=13,
                bold=True, radius=4) for i in range(count)]


CK03 = Figure(
    IMAGES + "02Checkpoint03",
    T("同步保存与两阶段保存的时间线（示意）", "Timelines of a synchronous and a two-phase save (schematic)"),
    T("同步保存 vs snapshot() + 后台 persist()（CheckFreq，FAST 2021）",
      "Synchronous save vs snapshot() + background persist() (CheckFreq, FAST 2021)"),
    rows=12,
    items=(
        Text(0.8, 0.4, T("同步保存", "Synchronous save"), bold=True, size=18, anchor="start"),
        *_steps(3.3, 1.0, 1, 3),
        Box(7.8, 1.0, 7.4, 0.9, T("写入存储：训练停顿 C = S / B", "Writing to storage: training stalls, C = S / B"),
            color="red", fill="solid", size=15, bold=True, radius=4),
        *_steps(15.3, 1.0, 4, 4),
        Text(11.55, 2.5, T("所有加速器空等", "Every accelerator waits"), color="red", bold=True, size=15),
        Text(0.8, 4.4, T("两阶段", "Two-phase"), bold=True, size=18, anchor="start"),
        Text(0.8, 5.45, T("训练", "training"), color="gray", size=15, anchor="start"),
        Text(0.8, 6.75, T("后台", "background"), color="gray", size=15, anchor="start"),
        *_steps(3.3, 5.0, 1, 3),
        Box(7.8, 5.0, 1.1, 0.9, T("快照", "snap"), color="orange", fill="solid", size=13, bold=True, radius=4),
        *_steps(9.0, 5.0, 4, 8),
        Box(9.0, 6.3, 7.4, 0.9, T("persist()：写入存储，与计算重叠", "persist(): write, overlapped with compute"),
            color="green", fill="solid", size=15, bold=True, radius=4),
        line((7.8, 4.8), (7.8, 7.6), color="ink", width=1.5),
        line((9.0, 4.8), (9.0, 7.6), color="ink", width=1.5),
        Text(8.4, 8.05, T("snapshot()：复制到内存\n最多只停这一小段", "snapshot(): copy to memory,\nthe only stall"),
             color="orange", bold=True, size=14),
        Text(16.7, 6.75, T("写完之前不能开始下一次检查点", "The next checkpoint waits until it is written"),
             color="green", bold=True, size=14, anchor="start"),
        Arrow((3.3, 9.3), (23.0, 9.3), color="ink", width=2),
        Text(23.0, 9.8, T("时间", "time"), size=15, anchor="end"),
        Box(2.0, 10.3, 20.0, 1.2, color="gray", radius=0),
        Text(12.0, 10.65, T("快照可与下一迭代的前向、反向重叠，但必须在下一次参数更新之前完成",
                            "The snapshot may overlap the next iteration's forward and backward passes, but must "
                            "finish before the next update"), size=15),
        Text(12.0, 11.2, T("代价：快照缓冲区占用主机内存或空闲显存", "The cost: the snapshot buffer takes host memory or "
                                                            "spare GPU memory"), color="gray", size=15),
    ),
)

# ====================================================================== 03DataPipeline
PIPELINE = [(T("读取", "Read"), T("按分片顺序读\n大块连续 I/O", "shard by shard,\nbig sequential I/O")),
            (T("解码", "Decode"), T("解压、解析\nJPEG / 文本", "decompress, parse\nJPEG / text")),
            (T("变换", "Transform"), T("分词、拼接\n或数据增强", "tokenise, pack\nor augment")),
            (T("打乱", "Shuffle"), T("打乱缓冲区\nk 个样本", "shuffle buffer\nof k samples")),
            (T("组批", "Batch"), T("collate\n拼成张量", "collate\ninto tensors"))]


def _stages() -> list[Item]:
    """The five CPU stages, each drawn as a stack of worker copies."""
    items: list[Item] = []
    for i, (name, note) in enumerate(PIPELINE):
        x = 4.8 + i * 2.55
        items += [Box(x + 0.18 - k * 0.09, 1.71 - k * 0.09, 1.8, 2.3, fill="white", stroke=1, radius=0)
                  for k in range(3)]
        items += [Box(x - 0.09, 1.53, 1.8, 2.3, name, size=16, bold=True, radius=0),
                  Text(x + 0.9, 5.0, note, size=13.5 if i else 12.5)]
        if i < len(PIPELINE) - 1:
            items.append(Arrow((x + 2.02, 2.68), (x + 2.43, 2.68), color="ink", width=2.5))
    return items


DP01 = Figure(
    IMAGES + "03DataPipeline01",
    T("输入管道：从存储到加速器的几个阶段（示意）", "The input pipeline: the stages from storage to accelerator (schematic)"),
    T("读取 → 解码 → 变换 → 打乱 → 组批 → 预取 → 拷贝到设备",
      "read → decode → transform → shuffle → batch → prefetch → copy to device"),
    rows=11,
    items=(
        Box(0.4, 0.3, 3.8, 8.2, color="orange", size=15, radius=10, title=T("存储", "Storage")),
        Box(4.5, 0.3, 15.0, 8.2, color="gray", size=15, radius=10,
            title=T("主机 CPU：n_{w} 个工作进程并行", "Host CPU: n_{w} worker processes in parallel")),
        Box(19.8, 0.3, 3.8, 8.2, color="green", size=15, radius=10, title=T("加速器", "Accelerator")),
        *(Box(0.8, y, 3.0, 1.9, label, color="orange", fill="white", size=15) for y, label in (
            (1.4, T("并行文件系统", "Parallel\nfile system")), (3.7, T("对象存储", "Object store")),
            (6.0, T("本地 NVMe /\n页缓存", "Local NVMe /\npage cache")))),
        *_stages(),
        Arrow((3.85, 2.68), (4.7, 2.68), color="orange", width=3.5),
        Text(18.4, 1.05, T("预取队列", "Prefetch\nqueue"), color="purple", bold=True, size=14),
        *(Box(17.6, 1.6 + k * 0.62, 1.6, 0.52, color="purple", radius=4) for k in range(4)),
        Text(18.4, 4.4, T("锁页内存\npinned", "pinned\nmemory"), color="purple", size=13),
        Arrow((17.02, 2.68), (17.52, 2.68), color="ink", width=2.5),
        Arrow((19.26, 2.68), (20.35, 2.68), color="green", width=3.5),
        Text(19.85, 2.15, "H2D", color="green", bold=True, size=13),
        Box(20.4, 1.4, 2.6, 2.6, T("前向\n反向\n更新", "forward\nbackward\nupdate"), color="green", fill="white", size=17,
            bold=True),
        Text(21.7, 5.0, T("每步消耗\n一个批次", "one batch\nper step"), color="green", size=14),
        Box(4.9, 6.2, 14.4, 1.9, color=RULE, fill="white", radius=7),
        Text(12.1, 6.7, T("PyTorch DataLoader：num_workers · prefetch_factor · pin_memory",
                          "PyTorch DataLoader: num_workers · prefetch_factor · pin_memory"), size=15),
        Text(12.1, 7.5, T("tf.data：map(num_parallel_calls) · interleave · shuffle · prefetch · cache",
                          "tf.data: map(num_parallel_calls) · interleave · shuffle · prefetch · cache"), size=15),
        *(Text(x, 9.3, label, color="red", bold=True, size=15) for x, label in (
            (2.3, T("带宽、元数据、\n请求延迟", "bandwidth, metadata,\nrequest latency")),
            (12.0, T("CPU 解码与变换的开销", "the CPU cost of decoding and transforms")),
            (21.7, T("喂不上就空等", "starved, it waits")))),
        Text(12.0, 10.4, T("三处都可能成为瓶颈：整条管道的吞吐量由最慢的一段决定",
                           "Any of the three can be the bottleneck: the slowest stage sets the pipeline's throughput"),
             size=16),
    ),
)


def _schedule(t_data: float, t_compute: float, depth: int, n: int, overlap: bool) -> tuple[list, list]:
    """Start/end times of reads and computes for n batches. Without overlap the loader and the
    accelerator alternate; with it the loader reads batch k as soon as the queue (depth batches)
    has room, and the accelerator computes batch k once it is read and batch k-1 is done."""
    reads: list[tuple[float, float]] = []
    computes: list[tuple[float, float]] = []
    for k in range(n):
        if not overlap:
            start = computes[-1][1] if computes else 0
            reads.append((start, start + t_data))
            computes.append((start + t_data, start + t_data + t_compute))
            continue
        start = reads[-1][1] if reads else 0
        if k >= depth:
            start = max(start, computes[k - depth][0])
        reads.append((start, start + t_data))
        begin = max(reads[k][1], computes[-1][1] if computes else 0)
        computes.append((begin, begin + t_compute))
    return reads, computes


HORIZON = 32
LOADERS = [(T("不预取", "No prefetch"), 3, 5, False),
           (T("预取（队列深 2）\nT_{data} < T_{compute}", "Prefetch (depth 2)\nT_{data} < T_{compute}"), 3, 5, True),
           (T("预取，但数据更慢\nT_{data} > T_{compute}", "Prefetch, data slower\nT_{data} > T_{compute}"), 7, 5, True)]


def _loader_row(r: int) -> list[Item]:
    """One timeline of the prefetch figure: reads below, computes and idle gaps above."""
    name, t_data, t_compute, overlap = LOADERS[r]
    x0, unit, y = 4.7, 17.8 / HORIZON, 0.5 + r * 3.1
    items: list[Item] = [Text(x0 - 0.3, y + 1.05, name, bold=True, size=16, anchor="end")]
    reads, computes = _schedule(t_data, t_compute, 2, 12, overlap)
    done = 0.0
    for k, ((r0, r1), (c0, c1)) in enumerate(zip(reads, computes)):
        w = (min(r1, HORIZON) - r0) * unit
        if r0 < HORIZON and w > 0.1:
            items.append(Box(x0 + r0 * unit + 0.04, y + 1.2, w - 0.08, 0.8, T("读", "read") if w > 1.2 else None,
                             color="orange", fill="solid", size=13, bold=True, radius=4))
        if c0 >= HORIZON:
            continue
        if c0 > done + 1e-9:
            items.append(Box(x0 + done * unit + 0.04, y + 0.2, (min(c0, HORIZON) - done) * unit - 0.08, 0.8,
                             T("空等", "idle"), color="red", size=13, bold=True, radius=4))
        w = (min(c1, HORIZON) - c0) * unit
        items.append(Box(x0 + c0 * unit + 0.04, y + 0.2, w - 0.08, 0.8,
                         T(f"计算 {k + 1}", f"compute {k + 1}") if w > 2.6 else None, fill="solid", size=13,
                         bold=True, radius=4))
        done = c1
    step = computes[3][0] - computes[2][0]
    return items + [
        Text(x0 + HORIZON * unit + 0.2, y + 0.6, T("加速器", "device"), color="blue", size=13, anchor="start"),
        Text(x0 + HORIZON * unit + 0.2, y + 1.6, T("读取", "loader"), color="orange", size=13, anchor="start"),
        Text(x0, y + 2.5, T(f"读 {t_data}、算 {t_compute}：稳定后每步 {step:g} 个单位",
                            f"read {t_data}, compute {t_compute}: {step:g} units per step once steady"),
             bold=True, size=14, anchor="start"),
    ]


DP02 = Figure(
    IMAGES + "03DataPipeline02",
    T("预取把读数据与计算重叠起来（示意，时间单位任意）", "Prefetching overlaps reading data with compute (schematic, "
                                                     "arbitrary time units)"),
    T("不重叠时每步 ≈ T_{data} + T_{compute}，重叠时 ≈ max(T_{data}, T_{compute})",
      "Step time ≈ T_{data} + T_{compute} without overlap, ≈ max(T_{data}, T_{compute}) with it"),
    rows=11.5,
    items=(
        *(item for r in range(3) for item in _loader_row(r)),
        Text(12.0, 10.9, T("预取只能把读取藏到计算后面；读取慢于计算时，只能加并行度（更多工作进程）或减少每批的读取与解码量",
                           "Prefetching only hides reading behind compute; when reading is slower, add parallelism "
                           "(more workers) or read and decode less per batch"), color="gray", size=14),
    ),
)


def _storage_panel(x: float, colour: str, name: Label, client: str) -> list[Item]:
    """A panel of the storage figure with its three clients."""
    return [Box(x, 0.2, 11.2, 9.8, color=colour, fill="#f3f4f6", stroke=2.5, radius=12, size=17, title=name),
            *(Box(x + 0.6 + k * 3.6, 1.4, 3.0, 1.1, T(f"客户端 {k}\n{client}", f"Client {k}\n{client}"), color=colour,
                  fill="white", size=14) for k in range(3))]


DP03 = Figure(
    IMAGES + "03DataPipeline03",
    T("两类共享存储：并行文件系统与对象存储（示意）", "Two kinds of shared storage: parallel file system and object "
                                                 "storage (schematic)"),
    T("并行文件系统（如 Lustre）与对象存储（如 Amazon S3）",
      "Parallel file system (e.g. Lustre) vs object storage (e.g. Amazon S3)"),
    rows=11.5,
    items=(
        *_storage_panel(0.6, "blue", T("并行文件系统", "Parallel file system"), "POSIX"),
        Box(1.2, 4.0, 3.0, 2.0, T("元数据服务\nMDS / MDT\n目录、文件布局", "Metadata service\nMDS / MDT\ndirectories, "
                                                                   "layouts"), color="yellow", size=14),
        *(Box(5.0 + k * 1.6, 4.0, 1.4, 2.0, f"OST {k}", size=14) for k in range(4)),
        Arrow((2.7, 2.55), (2.7, 3.95), color="yellow", width=2.5),
        Text(2.9, 3.2, "①", color="yellow", bold=True, size=15, anchor="start"),
        *(Arrow((6.3 + (k % 2) * 3.6, 2.55), (5.7 + k * 1.6, 3.95), color="blue", width=2) for k in range(4)),
        Text(11.3, 3.2, "②", color="blue", bold=True, size=15),
        *(Box(5.15 + k * 1.6, 6.3, 1.1, 0.5, color=colour, fill="solid", radius=3)
          for k, colour in enumerate(("blue", "green", "orange", "purple"))),
        Text(8.2, 7.2, T("一个文件按条带（stripe）分布在多个 OST 上", "A file is striped over several OSTs"), size=14),
        Text(6.2, 7.95, T("① 打开文件：向元数据服务查布局；② 读写：直接与多个 OST 传数据",
                          "① open: the metadata service gives the layout\n② read/write: directly with several OSTs"),
             size=14),
        Text(6.2, 8.8, T("优点：POSIX 语义，大文件聚合带宽高", "Pro: POSIX semantics, high aggregate bandwidth for large "
                                                        "files"), color="green", bold=True, size=15),
        Text(6.2, 9.4, T("难点：海量小文件时元数据服务成为瓶颈", "Con: with many small files the metadata service is the "
                                                         "bottleneck"), color="red", bold=True, size=15),
        *_storage_panel(12.2, "orange", T("对象存储", "Object storage"), "HTTP GET/PUT"),
        Box(13.3, 4.0, 9.0, 2.0, T("扁平命名空间：桶 bucket / 键 key → 对象 object\nGET 可以带字节范围（Range）",
                                   "Flat namespace: bucket / key → object\nGET can ask for a byte range (Range)"),
            color="orange", size=15),
        *(Arrow((14.3 + k * 3.6, 2.55), (14.3 + k * 3.6 + (1 - k) * 0.6, 3.95), color="orange", width=2)
          for k in range(3)),
        Text(17.8, 6.8, T("对象一般整体写入（PUT），不能像文件那样原地改写一段",
                          "Objects are written whole (PUT), not edited in place like a file"), size=14),
        Text(17.8, 7.9, T("没有真正的目录树，按键直接寻址", "No real directory tree: addressed by key"), size=14),
        Text(17.8, 8.8, T("优点：容量与并发请求易扩展", "Pro: capacity and concurrent requests scale easily"),
             color="green", bold=True, size=15),
        Text(17.8, 9.4, T("难点：单次请求延迟较高，要靠并发与大对象", "Con: each request has high latency; rely on "
                                                            "concurrency and large objects"), color="red", bold=True,
             size=14),
        Text(12.0, 10.9, T("两者都偏爱“少而大”的读取：把样本打包成分片，并行发出多路请求",
                           "Both prefer few, large reads: pack samples into shards and issue many requests in "
                           "parallel"), size=16),
    ),
)

SHARD_COLOURS = ["blue", "green", "orange", "purple", "pink", "teal", "red", "yellow", "#0891b2", "#65a30d",
                 "#475569", "#92400e"]
ORDER = [7, 2, 10, 4, 0, 9, 5, 11, 1, 3, 8, 6]
"""A shuffled shard order (illustrative)."""


def _shard(x: float, y: float, w: float, h: float, s: int, label: bool = True, size: float = 13) -> Box:
    return Box(x, y, w, h, f"s{s}" if label else None, color=SHARD_COLOURS[s], fill="solid", bold=True, size=size,
               radius=4)


def _rank_stream(r: int) -> list[Item]:
    """Rank r: its shards, two of them interleaved, then mixed in a shuffle buffer into batches."""
    y, mine = 2.7 + r * 2.9, ORDER[r::3]
    items: list[Item] = [Text(7.2, y + 0.6, f"rank {r}", bold=True, size=16, anchor="start"),
                         *(_shard(8.7 + k * 1.2, y + 0.2, 1.0, 0.8, s) for k, s in enumerate(mine)),
                         Arrow((13.6, y + 0.6), (14.4, y + 0.6), color="ink", width=2.5),
                         Text(14.0, y + 1.4, T("③ 交错读取 2 个分片", "③ interleave 2 shards"), color="gray", size=12),
                         *(_shard(14.5 + k * 0.45, y + 0.35, 0.38, 0.5, mine[k % 2], label=False) for k in range(6)),
                         Arrow((17.3, y + 0.6), (18.0, y + 0.6), color="ink", width=2.5),
                         Box(18.1, y - 0.1, 2.9, 1.5, color="ink", fill="white", radius=7)]
    rng = random.Random(r)
    for k in range(10):
        s = rng.choice([mine[0], mine[1], mine[2] if len(mine) > 2 else mine[0]])
        items.append(_shard(18.3 + (k % 5) * 0.52, y + 0.05 + (k // 5) * 0.62, 0.44, 0.52, s, label=False))
    return items + [Text(19.55, y + 1.7, T("④ 打乱缓冲区 k", "④ shuffle buffer k"), color="gray", size=12),
                    Arrow((21.1, y + 0.6), (21.8, y + 0.6), color="ink", width=2.5),
                    Text(22.9, y + 0.6, T("批次", "batch"), bold=True, size=15)]


DP04 = Figure(
    IMAGES + "03DataPipeline04",
    T("分片格式与两级打乱（示意：12 个分片，3 个 rank）", "Shard formats and two-level shuffling (schematic: 12 shards, "
                                                      "3 ranks)"),
    T("打乱分片顺序，交错读取几个分片，再在打乱缓冲区里混合",
      "Shuffle the shard order, interleave several shards, then mix in a shuffle buffer"),
    rows=12,
    items=(
        Text(3.3, 0.3, T("大量小文件 vs 打包成分片", "Many small files vs packed shards"), bold=True, size=17),
        *(Box(0.8 + (i % 10) * 0.5, 0.8 + (i // 10) * 0.5, 0.4, 0.4, color="gray", stroke=1, radius=2)
          for i in range(40)),
        Text(3.3, 3.2, T("每个样本一次打开/查找：元数据操作多", "One open/seek per sample:\nmany metadata operations"),
             color="red", size=13.5),
        *(item for i in range(4) for item in (
            Box(0.8 + i * 1.25, 3.8, 1.1, 2.0, color="teal", radius=4),
            *(line((0.9 + i * 1.25, 4.0 + j * 0.22), (1.8 + i * 1.25, 4.0 + j * 0.22), color="teal", width=1)
              for j in range(8)),
            Text(1.35 + i * 1.25, 6.1, f"shard {i}", color="teal", size=12))),
        Text(3.3, 6.75, T("一个分片内连续读：请求少、块大", "Sequential reads within a shard:\nfew requests, large blocks"),
             color="green", size=13.5),
        Text(3.3, 7.7, T("位置 = (分片号, 偏移)\n便于断点续读", "Position = (shard, offset)\neasy to resume"), size=13.5),
        Text(14.9, 0.3, T("① 每个 epoch 打乱分片顺序，② 按 i mod N 分给各 rank",
                          "① shuffle the shard order every epoch, ② deal shards to ranks by i mod N"), bold=True,
             size=16),
        *(_shard(7.0 + i * 1.35, 0.8, 1.15, 0.8, s, size=14) for i, s in enumerate(ORDER)),
        *(item for r in range(3) for item in _rank_stream(r)),
        Text(12.0, 11.4, T("分片打乱决定全局顺序；交错与缓冲区决定一个批次里混进多少个分片的样本",
                           "The shard shuffle sets the global order; interleaving and the buffer set how many shards "
                           "one batch mixes"), size=15),
    ),
)

FIGURES = [MH01, MH02, MH03, MH04, CK01, CK02, CK03, DP01, DP02, DP03, DP04]

# ====================================================================== decks
MODULE, CHAPTER = "通信&存储", "大模型存储"
DECKS = [
    Deck("02StorComm/03Storage/01MemoryHierarchy.pdf", MODULE, CHAPTER, "训练中的存储层次：字节都放在哪里",
         "模型状态、激活、ZeRO 与卸载", "第 01 讲", (
             Bullets("显存里装着什么", (
                 "模型状态：参数、梯度、优化器状态（ZeRO 论文，SC 2020）",
                 "残余状态：激活、临时缓冲区、显存碎片",
                 "混合精度 Adam：2Ψ + 2Ψ + KΨ，K = 12，每个参数 16 字节",
                 "论文示例：15 亿参数的 GPT-2，16 位权重 3 GB，模型状态至少 24 GB",
             )),
             Picture("每个参数 16 字节", MH01, "示例 Ψ = 7×10^{9}（假设）：模型状态 112 GB，超过 A100 的 40 GB / 80 GB"),
             Picture("激活：与 s 和 s² 成正比的两部分", MH02, "Korthikanti 等：每层 sbh(34 + 5as/h) 字节；全部重计算只留 2sbh"),
             Picture("ZeRO 的三个阶段", MH03, "论文示例 Ψ = 7.5×10^{9}，N_{d} = 64：120 → 31.4 → 16.6 → 1.9 GB"),
             Bullets("沿存储层次向下：卸载", (
                 "HBM（A100 40GB 1,555 GB/s）→ 主机 DRAM（PCIe 4.0 ×16 每方向 31.5 GB/s）→ NVMe",
                 "ZeRO-Offload：GPU 留 16 位参数，梯度与优化器状态在 CPU，Adam 在 CPU 上更新",
                 "每步跨 PCIe：下行梯度 2Ψ + 上行参数 2Ψ；示例每方向 14 GB，约 0.44 s",
                 "ZeRO-Infinity：模型状态分片放到 CPU 内存或 NVMe，按层取回再全收集",
             )),
             Picture("三种方案的数据放置", MH04, "ZeRO-Offload：单卡可训练超过 130 亿参数（论文摘要）"),
             Bullets("小结", (
                 "模型状态至少 16Ψ 字节，其中 12Ψ 是优化器状态",
                 "激活随序列长度平方增长，可用重计算换显存",
                 "ZeRO-1/2 通信量不变，ZeRO-3 约 1.5 倍",
                 "越往下容量越大、带宽越低：卸载要看每步搬运量与计算量之比",
             ), summary=True),
         )),
    Deck("02StorComm/03Storage/02Checkpoint.pdf", MODULE, CHAPTER, "大模型检查点：大小、代价与频率",
         "12Ψ 字节、停顿时间、Young 近似与两阶段保存", "第 02 讲", (
             Bullets("检查点里装什么", (
                 "FP32 主权重 + Adam 的 m 与 v：S ≈ 12Ψ 字节",
                 "步数、学习率调度、随机数状态、数据读取位置（KB–MB）",
                 "不存：梯度、激活；16 位参数可由主权重转换得到",
                 "示例 Ψ = 7×10^{9}：训练检查点 84 GB，推理权重只需 14 GB",
             )),
             Picture("内容与分片并行写入", CK01, "PyTorch 分布式检查点：每个 rank 写自己的分片，加载时可重新分片"),
             Bullets("同步保存的停顿", (
                 "C ≈ α_{ckpt} + S / min(N_{w}·b_{w}, B_{fs})",
                 "示例（假设值）：单写入者 2 GB/s → 42 s",
                 "16 个写入者，但存储聚合上限 20 GB/s → 4.2 s",
                 "恢复时同样要读回 S，所有进程同时读",
             )),
             Picture("多久保存一次：Young 近似", CK02, "W(τ) ≈ C/τ + τ/(2M)；τ* = (2CM)^{1/2}（Young，CACM 1974）"),
             Picture("两阶段检查点", CK03, "CheckFreq（FAST 2021）：恢复时间从数小时降到数秒，开销不超过 3.5%"),
             Bullets("两阶段的代价", (
                 "训练只等快照：每卡 10.5 GB 经 PCIe 4.0 ×16（31.5 GB/s）约 0.33 s",
                 "后台写盘仍需 84 GB / 2 GB/s = 42 s：间隔不能短于它",
                 "需要与快照同样大的主机内存缓冲区",
                 "写到新位置，确认完整后再替换旧检查点",
             )),
             Bullets("小结", (
                 "检查点以优化器状态为主，约 12Ψ 字节",
                 "并行写入受共享存储聚合带宽限制",
                 "τ* = (2CM)^{1/2}，最优浪费约 (2C/M)^{1/2}；规模越大 M 越小",
                 "两阶段保存把停顿从写盘缩短为内存复制",
             ), summary=True),
         )),
    Deck("02StorComm/03Storage/03DataPipeline.pdf", MODULE, CHAPTER, "数据管道：把数据喂给加速器",
         "吞吐量公式、共享存储、分片与打乱", "第 03 讲", (
             Picture("输入管道的几个阶段", DP01, "读取 → 解码 → 变换 → 打乱 → 组批 → 预取 → 拷贝；最慢的一段决定吞吐量"),
             Bullets("需要多快", (
                 "R = (B / T_{step}) × 每样本字节数",
                 "语言模型：r_{tok} ≈ N·P·U / (6Ψ)，每 token 计算量约 6Ψ（Kaplan 等）",
                 "示例：1024 × 312 TFLOP/s × 40%（假设）/ (6 × 7×10^{9}) ≈ 3.04×10^{6} token/s",
                 "每 token 2 字节 → 约 6.1 MB/s；图像示例（假设 100 KB、2000 张/s）每卡 200 MB/s",
             )),
             Picture("预取让读取与计算重叠", DP02, "T_{step} ≈ max(T_{compute}, T_{data})；需要 n_{w} ≥ t_{batch} / T_{compute}"),
             Picture("并行文件系统与对象存储", DP03, "Lustre：MDS 管元数据，文件按条带分布在多个 OST；S3：扁平命名空间，GET 可带 Range"),
             Picture("分片与两级打乱", DP04, "分片打乱定全局顺序；交错与缓冲区定局部混合"),
             Bullets("打乱实验（10 万样本，100 个分片，缓冲区 1000）", (
                 "只用缓冲区：每批约 7.9 个分片，位移 0.007",
                 "分片打乱 + 缓冲区：位移 0.342，每批仍约 7.9 个分片",
                 "再交错 16 个分片：每批 20 个分片",
                 "完全随机排列：每批 100 个分片，位移 0.332",
             )),
             Bullets("小结", (
                 "先用公式算所需吞吐量，再决定优化哪一段",
                 "预先分词的文本带宽很小，难点在元数据、随机访问与打乱",
                 "把样本打包成分片，按分片分配、按分片打乱",
                 "读取位置写进检查点，断点续训才能回到原处",
             ), summary=True),
         )),
]
