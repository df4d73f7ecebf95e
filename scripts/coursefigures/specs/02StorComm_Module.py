"""The 02StorComm module page's figure: where the module sits in the course's full stack.

The same layered picture, with another layer highlighted, is every module's `images/content` figure
(and, with none highlighted, the course's `images/aifoundation`); `stack()` belongs in the framework
once a second module uses it.
"""

from __future__ import annotations

from ..spec import Arrow, Box, Figure, Item, Label, T, Text

# key, name, parts, modules, colour: the layers from top (agents) to bottom (chips)
STACK: list[tuple[str, T, tuple[Label, ...], str, str]] = [
    ("agents", T("智能体与新模型", "Agents & new models"),
     (T("混合专家 MoE", "Mixture of experts"), T("多模态", "Multimodal"), T("智能体", "Agents")), "06 · 09", "pink"),
    ("train", T("训练与推理", "Training & inference"),
     (T("并行训练", "Parallel training"), T("推理服务", "Serving"), T("PD 分离", "Prefill/decode")), "07 · 08", "purple"),
    ("fw", T("框架与编译器", "Frameworks & compilers"), ("PyTorch", "MindSpore", T("AI 编译器", "AI compilers")), "",
     "teal"),
    ("xccl", T("集合通信库", "Collective communication"), ("NCCL", "HCCL", "MPI"), "05", "orange"),
    ("net", T("集群 · 网络 · 存储", "Clusters, network, storage"),
     ("NVLink / PCIe", T("RDMA 网络", "RDMA networks"), T("存储", "Storage")), "02 · 03", "green"),
    ("chip", T("AI 芯片", "AI chips"), ("GPU", "NPU", "TPU"), "01", "blue"),
]


def stack(highlight: str) -> list[Item]:
    """The six layers, the `highlight` one in colour and framed, the others grey."""
    items: list[Item] = [
        Arrow((1.3, 11.6), (1.3, 0.1), color="gray", width=4),
        Text(0.65, 5.85, T("自\n底\n向\n上\n支\n撑", "sup-\nports\nfrom\nbelow"), color="gray", size=15),
    ]
    for i, (key, name, parts, modules, colour) in enumerate(STACK):
        y, on = i * 2.0, key == highlight
        shade = colour if on else "gray"
        items += [Box(2.5, y, 20.5, 1.7, color=shade, stroke=3 if on else 2, radius=11),
                  Text(2.9, y + 0.85, name, color="ink" if on else "gray", bold=True, size=20, anchor="start")]
        items += [Box(8.8 + j * 3.66, y + 0.35, 3.4, 1.0, part, color=shade, fill="white", size=15)
                  for j, part in enumerate(parts)]
        if modules:
            plural = "s" if "·" in modules else ""
            items.append(Box(19.9, y + 0.45, 2.8, 0.8, T(f"模块 {modules}", f"Module{plural} {modules}"), color=shade,
                             fill="solid", size=15, bold=True, radius=19))
        if on:
            items.append(Box(2.32, y - 0.18, 20.86, 2.06, color=colour, fill="none", stroke=2.5, radius=15))
    return items


CONTENT = Figure(
    "02StorComm/images/content",
    T("本模块在大模型系统全栈中的位置：集群 · 网络 · 存储",
      "Where this module sits in the full stack: clusters, network, storage"),
    None,
    rows=12.4,
    items=tuple(stack("net")),
)

FIGURES = [CONTENT]
