"""Figures and decks of 09Newsletters/01MoE (混合专家模型 / Mixture of experts).

Two talks: the sparsely-gated MoE layer (Shazeer et al., 2017) and Switch Transformer routing
(Fedus, Zoph, Shazeer, arXiv:2101.03961). Every diagram is schematic (示意): gate scores, token
counts and routing choices are illustrative values, not results from the papers.
"""

from __future__ import annotations

from ..shapes import dashed
from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Picture, T, Text

IMAGES = "09Newsletters/01MoE/images/"
RANKS = ("blue", "green", "orange", "purple")
"""One colour per expert (and per device, which holds that expert)."""


def _dashed(x0: float, x1: float, y: float, color: str = "ink") -> list[Arrow]:
    """A thin horizontal dashed line."""
    return dashed((x0, y), (x1, y), color=color, width=1.5, dash=0.32, gap=0.2)


# ====================================================================== 20250110MoEBasics
SCORES = (0.05, 0.41, 0.03, 0.08, 0.02, 0.30, 0.06, 0.05)
TOP = sorted(range(len(SCORES)), key=lambda i: -SCORES[i])[:2]


def _gate_rows() -> list[Item]:
    """Per expert: its gate score as a bar, and the expert itself (computed only when in the top k)."""
    items: list[Item] = [Text(11.6, 0.2, T("门控分数（示意）", "Gate scores (illustrative)"), color="gray", size=16)]
    for i, score in enumerate(SCORES):
        y, on = 0.6 + i * 1.05, i in TOP
        items += [Box(9.8, y, score * 7, 0.7, color="yellow" if on else "#d1d5db", fill="solid", radius=3),
                  Text(9.65, y + 0.35, f"E{i + 1}", size=15, anchor="end")]
        if on:
            items += [Box(14.2, y - 0.05, 3.0, 0.8, T(f"专家 E{i + 1}（FFN）", f"Expert E{i + 1} (FFN)"),
                          color="orange", bold=True, size=15, stroke=2.5, radius=5, id=f"e{i}"),
                      Arrow((10.0 + score * 7, y + 0.35), (14.1, y + 0.35), color="orange"),
                      Arrow(f"e{i}", "sum", color="green")]
        else:
            items += [Box(14.2, y - 0.05, 3.0, 0.8, color="#e5e7eb", fill="#f3f4f6", stroke=1, radius=5),
                      Text(15.7, y + 0.35, T(f"E{i + 1} 不计算", f"E{i + 1} not computed"), color="gray", size=15)]
    return items


MOE01 = Figure(
    IMAGES + "20250110MoEBasics01",
    T("稀疏门控混合专家层：每个 token 只激活 top-k 个专家（示意，k = 2，8 个专家）",
      "Sparsely-gated MoE layer: each token activates only its top-k experts (k = 2 of 8)"),
    T("路由器为每个 token 从 N 个专家中选出 k 个", "A router picks k of N experts per token (schematic)"),
    rows=12,
    items=(
        Box(0.8, 3.6, 2.6, 2.0, T("token\n表示 x", "token\nvector x"), bold=True, size=20, id="token"),
        Box(4.4, 3.0, 4.0, 3.2, T("门控网络\n（路由器）\nG(x)", "Gating network\n(router)\nG(x)"), color="yellow",
            bold=True, size=20, id="router"),
        Arrow("token", "router", color="ink", width=3),
        Arrow((8.45, 4.6), (9.6, 4.6), color="ink", width=3),
        Box(18.6, 3.4, 4.6, 2.4, T("加权求和\ny = Σ_{i∈top-k} G(x)_{i}·E_{i}(x)", "Weighted sum\ny = Σ_{i∈top-k} G(x)_{i}·E_{i}(x)"),
            color="green", bold=True, size=17, id="sum"),
        *_gate_rows(),
        Box(3.0, 9.4, 18.0, 1.7, color="gray"),
        Text(12.0, 9.9, T("G(x) = Softmax(KeepTopK(H(x), k))，未入选的专家门控值为 0，不必计算",
                          "G(x) = Softmax(KeepTopK(H(x), k)): experts not selected get gate 0 and are not computed"),
             size=18),
        Text(12.0, 10.6, T("参数量随专家数 N 增长，每个 token 的计算量只随 k 增长",
                           "Parameters grow with the number of experts N; compute per token grows only with k"),
             color="red", bold=True, size=18),
    ),
)

BALANCE = (
    (T("不加约束：少数专家被“偏爱”", "Unconstrained: a few experts are \"favoured\""), (46, 30, 9, 5, 4, 3, 2, 1), "red",
     T("被选得多的专家训练得更快，\n更容易再被选中：自我强化",
       "Experts chosen often train faster\nand get chosen again: self-reinforcing")),
    (T("加入负载均衡损失后", "With a load-balancing loss"), (14, 13, 13, 12, 12, 12, 12, 12), "green",
     T("各专家分到的 token 接近 1/N，\n设备之间的计算也更均匀",
       "Each expert gets close to 1/N of the tokens,\nand the devices' work evens out")),
)


def _balance_panel(x0: float, name: T, counts: tuple[int, ...], colour: str, note: T) -> list[Item]:
    """Tokens per expert as bars on a baseline, with the uniform share dashed."""
    base, scale, uniform = 7.0, 0.13, 12.5
    items: list[Item] = [Text(x0 + 5.0, 0.2, name, color=colour, bold=True, size=20)]
    for i, count in enumerate(counts):
        items += [Box(x0 + 0.6 + i * 1.15, base - count * scale, 0.9, count * scale, color=colour, fill="solid",
                      radius=3),
                  Text(x0 + 1.05 + i * 1.15, base + 0.35, f"E{i + 1}", size=14)]
    items += [Arrow((x0 + 0.4, base), (x0 + 9.8, base), color="ink", width=1.5, head=False),
              *_dashed(x0 + 0.4, x0 + 9.8, base - uniform * scale),
              Text(x0 + 9.9, base - uniform * scale, T("均匀", "uniform"), color="gray", size=14, anchor="start"),
              Text(x0 + 5.0, 8.2, note, size=16)]
    return items


MOE02 = Figure(
    IMAGES + "20250110MoEBasics02",
    T("负载不均衡与辅助损失（示意）", "Load imbalance and the auxiliary loss (schematic)"),
    T("为什么 MoE 训练要加一项负载均衡损失", "Why MoE training adds a load-balancing term"),
    rows=11.5,
    items=(
        *(item for panel, row in enumerate(BALANCE) for item in _balance_panel(1.5 + panel * 11.4, *row)),
        Text(12.0, 10.3, T("纵轴：每个专家分到的 token 数（示意数据，不是实验结果）",
                           "Vertical axis: tokens routed to each expert (illustrative data, not a measurement)"),
             color="gray", size=15),
    ),
)

# ====================================================================== 20250221SwitchRouting
ROUTED = (7, 3, 4, 2)
"""Tokens the router sends to each of the 4 experts (16 tokens, top-1)."""


def _capacity_panel(x0: float, factor: float) -> list[Item]:
    """One capacity factor: each expert's slots, filled by its tokens, the overflow in red."""
    capacity = int(16 / 4 * factor)
    items: list[Item] = [Text(x0 + 5.4, 0.2, T(f"容量因子 {factor:g}：每个专家 {capacity} 个槽位",
                                              f"Capacity factor {factor:g}: {capacity} slots per expert"),
                              bold=True, size=20)]
    for e, count in enumerate(ROUTED):
        y = 1.0 + e * 2.0
        items.append(Text(x0 + 0.9, y + 0.6, T(f"专家 {e + 1}", f"Expert {e + 1}"), bold=True, size=17, anchor="end"))
        items += [Box(x0 + 1.2 + s * 1.15, y + 0.15, 1.0, 0.9, color=RANKS[e], fill="solid" if s < count else "white",
                      stroke=1.5, radius=4) for s in range(capacity)]
        items += [Box(x0 + 1.5 + (capacity + s) * 1.15, y + 0.15, 1.0, 0.9, T("溢出", "drop"), color="red", bold=True,
                      size=13, stroke=1.5, radius=4) for s in range(max(0, count - capacity))]
    dropped = sum(max(0, count - capacity) for count in ROUTED)
    empty = sum(max(0, capacity - count) for count in ROUTED)
    items.append(Text(x0 + 5.4, 9.4, T(f"溢出（丢弃）{dropped} 个 token；空槽 {empty} 个",
                                       f"{dropped} token{'s' if dropped > 1 else ''} overflow (dropped); {empty} empty slots"),
                      color="red" if dropped else "ink", bold=True, size=18))
    return items


SWITCH01 = Figure(
    IMAGES + "20250221SwitchRouting01",
    T("专家容量与容量因子（示意：16 个 token，4 个专家，top-1 路由）",
      "Expert capacity and the capacity factor (schematic: 16 tokens, 4 experts, top-1)"),
    T("专家容量 = 每批 token 数 / 专家数 × 容量因子", "Expert capacity = tokens per batch / number of experts × capacity factor"),
    rows=12,
    items=(
        *_capacity_panel(1.2, 1.0),
        *_capacity_panel(12.7, 1.5),
        Text(12.0, 10.6, T("溢出的 token 不经过专家计算，沿残差连接直接进入下一层；空槽是为静态形状付出的填充",
                           "Overflowing tokens skip the expert and go through the residual connection to the next "
                           "layer;\nempty slots are the padding paid for static shapes"),
             color="gray", size=16),
    ),
)

DEST = ((0, 2, 1, 3), (1, 1, 0, 2), (3, 0, 2, 2), (1, 3, 3, 0))
"""The expert the router chose for each of the 4 tokens on each device."""


def _device(d: int) -> list[Item]:
    """One device's row: its tokens routed locally, the tokens its expert receives, the outputs returned."""
    y = 1.0 + d * 2.5
    mine = [src for src in range(4) for e in DEST[src] if e == d]
    return [
        Text(1.75, y + 0.85, T(f"设备{d}", f"Device {d}"), bold=True, size=15, anchor="end"),
        Box(1.9, y, 4.7, 1.7, color="gray"),
        *(Box(2.1 + t * 1.1, y + 0.4, 0.96, 0.9, f"→E{e}", color=RANKS[e], fill="solid", bold=True, size=13, radius=4)
          for t, e in enumerate(DEST[d])),
        Box(11.5, y, 4.8, 1.7, color=RANKS[d], size=12, title=T(f"设备{d} 上的专家 E{d}", f"Expert E{d} on device {d}")),
        *(Box(11.7 + k * 1.12, y + 0.65, 0.96, 0.9, T(f"来自{src}", f"from {src}"), color=RANKS[d], fill="solid",
              bold=True, size=12, radius=4) for k, src in enumerate(mine)),
        Box(18.9, y, 4.4, 1.7, T(f"设备{d}：按原顺序\n收回 4 个输出", f"Device {d} gets its\n4 outputs back in order"),
            color="gray", fill="white", size=15),
    ]


SWITCH02 = Figure(
    IMAGES + "20250221SwitchRouting02",
    T("专家并行：两次 all-to-all（示意：4 台设备，每台放 1 个专家）",
      "Expert parallelism: two all-to-alls (schematic: 4 devices, one expert each)"),
    T("分发 all-to-all → 本地专家 FFN → 合并 all-to-all", "Dispatch all-to-all → local expert FFN → combine all-to-all"),
    rows=12,
    items=(
        Text(4.2, 0.2, T("① 本地路由", "① Local routing"), bold=True, size=18),
        Text(9.0, 0.2, T("② all-to-all 分发", "② all-to-all dispatch"), color="red", bold=True, size=18),
        Text(13.85, 0.2, T("③ 专家计算", "③ Expert compute"), bold=True, size=18),
        Text(21.1, 0.2, T("④ all-to-all 合并", "④ all-to-all combine"), color="red", bold=True, size=18),
        *(Arrow((x0, 1.85 + a * 2.5), (x1, 1.85 + b * 2.5), color="#fca5a5", width=1.5, head=False)
          for x0, x1 in ((6.6, 11.4), (16.3, 18.8)) for a in range(4) for b in range(4)),
        *(item for d in range(4) for item in _device(d)),
        Text(12.0, 11.2, T("每个 token 的隐藏向量要跨设备往返一次；路由越不均衡，最忙的那台设备拖得越久",
                           "Every token's hidden vector makes one round trip between devices; "
                           "the less even the routing, the longer the busiest device holds everyone up"),
             color="gray", size=16),
    ),
)

FIGURES = [MOE01, MOE02, SWITCH01, SWITCH02]

# ====================================================================== decks
MODULE, CHAPTER = "大模型热点技术剖析", "混合专家模型"
DECKS = [
    Deck("09Newsletters/01MoE/20250110MoEBasics.pdf", MODULE, CHAPTER, "MoE 基本原理：稀疏门控的混合专家层",
         "Shazeer 等，Outrageously Large Neural Networks（2017）", "课程分享 · 2025-01-10", (
             Bullets("参数量与计算量解耦", (
                 "稠密网络：参数翻倍，每个样本的计算量也翻倍",
                 "MoE 层：N 个专家（前馈网络）+ 一个门控网络",
                 "y = Σ G(x)_{i}·E_{i}(x)，G(x) 只有 k 个非零分量",
                 "G(x) = Softmax(KeepTopK(H(x), k))，H(x) 含可训练幅度的高斯噪声",
             )),
             Picture("稀疏门控混合专家层", MOE01, "论文摘要：MoE 层参数量最多 1370 亿，插在堆叠的 LSTM 层之间"),
             Bullets("负载均衡", (
                 "门控网络容易总偏爱同几个专家，且会自我强化",
                 "Importance(X) = Σ_{x∈X} G(x)",
                 "L_{importance} = w_{importance} · CV(Importance(X))^{2}",
                 "另有基于平滑估计的负载损失，直接鼓励样本数均衡",
             )),
             Picture("不均衡与均衡（示意）", MOE02, "示意数据，不是实验结果"),
             Bullets("要点", (
                 "参数随专家数 N 增长，每 token 计算只随 k 增长",
                 "带噪声的 top-k 门控 + 重要性损失与负载损失",
                 "专家并行依赖 all-to-all 通信，负载均衡决定效率",
             ), summary=True),
         )),
    Deck("09Newsletters/01MoE/20250221SwitchRouting.pdf", MODULE, CHAPTER, "Switch Transformer：top-1 路由与专家容量",
         "Fedus、Zoph、Shazeer，arXiv:2101.03961", "课程分享 · 2025-02-21", (
             Bullets("从 top-k 到 top-1", (
                 "每个 token 只送给得分最高的一个专家（Switch 层替换前馈层）",
                 "好处：路由计算更少、专家批量至少减半、通信开销更低",
                 "专家容量 = 每批 token 数 / 专家数 × 容量因子",
                 "超出容量的 token 被丢弃，经残差连接直接进入下一层",
             )),
             Picture("专家容量与容量因子（示意）", SWITCH01, "论文：丢弃比例通常低于 1%；容量因子 1.0、1.25 时表现更好"),
             Bullets("负载均衡损失与选择性精度", (
                 "loss = α·N·Σ f_{i}·P_{i}，论文取 α = 10^{-2}",
                 "f_{i}：分到专家 i 的 token 比例；P_{i}：路由概率均值",
                 "路由器内部用 float32，其余 bfloat16；通信前转回 bfloat16",
                 "全程 bfloat16 的对照模型发散，选择性精度则稳定",
             )),
             Picture("专家并行的两次 all-to-all（示意）", SWITCH02, "分发 → 专家计算 → 合并"),
             Bullets("要点与结果", (
                 "论文摘要：相同计算资源下预训练最多加速 7 倍（相对 T5-Base/Large）",
                 "预训练万亿参数级模型，比 T5-XXL 快 4 倍",
                 "top-1 路由 + 专家容量 + 简化的辅助损失 + 选择性精度",
             ), summary=True),
         )),
]
