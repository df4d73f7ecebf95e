"""The module-level figure of 05XCCL: where communication sits in the full stack (README.md).

`stack()` draws the course's layered picture for any module (01AIChip, 02StorComm and 09Newsletters
have the same figure with another layer lit); it belongs in the framework once a second module uses it.
"""

from __future__ import annotations

from ..spec import Arrow, Box, Figure, Item, T, Text

LAYERS = (
    # key, name, parts, modules, colour
    ("agents", T("智能体与新模型", "Agents & new models"),
     (T("混合专家 MoE", "Mixture of experts"), T("多模态 Multimodal", "Multimodal"), T("智能体 Agents", "Agents")),
     "06 · 09", "pink"),
    ("train", T("训练与推理", "Training & inference"),
     (T("并行训练 Parallelism", "Parallel training"), T("推理服务 Serving", "Serving"),
      T("PD 分离 Prefill/decode", "Prefill/decode split")), "07 · 08", "purple"),
    ("fw", T("框架与编译器", "Frameworks & compilers"), ("PyTorch", "MindSpore", T("AI 编译器 Compilers", "AI compilers")),
     "", "teal"),
    ("xccl", T("集合通信库", "Collective communication"), ("NCCL", "HCCL", "MPI"), "05", "orange"),
    ("net", T("集群 · 网络 · 存储", "Clusters, network, storage"),
     ("NVLink / PCIe", T("RDMA 网络 Networks", "RDMA networks"), T("存储 Storage", "Storage")), "02 · 03", "green"),
    ("chip", T("AI 芯片", "AI chips"), ("GPU", "NPU", "TPU"), "01", "blue"),
)
OFF = "#9ca3af"
"""Outline of the layers that are not this module's."""


def stack(path: str, highlight: str) -> Figure:
    """The six layers of the course, bottom layer supporting the rest, with `highlight` lit."""
    name = next(label for key, label, *_ in LAYERS if key == highlight)
    items: list[Item] = [Arrow((1.9, 11.6), (1.9, 0.1), width=4),
                         Text(0.8, 5.85, T("自\n底\n向\n上\n支\n撑", "built\nfrom\nthe\nbottom\nup"), color="gray",
                              size=13)]
    for i, (key, label, parts, modules, colour) in enumerate(LAYERS):
        y, lit = i * 2.0, key == highlight
        ink = colour if lit else OFF
        items += [Box(2.5, y, 20.5, 1.7, color=ink, fill="light" if lit else "#f3f4f6", stroke=3 if lit else 2,
                      radius=11),
                  Text(2.9, y + 0.85, label, color="ink" if lit else "gray", bold=True, size=20, anchor="start")]
        items += [Box(8.8 + j * 3.66, y + 0.35, 3.4, 1.0, part, color=ink, fill="white", size=15, radius=7)
                  for j, part in enumerate(parts)]
        if modules:
            items.append(Box(20.0, y + 0.45, 2.6, 0.8, T(f"模块 {modules}", f"Module {modules}"), color=ink,
                             fill="solid", bold=True, size=15, radius=19))
        if lit:
            items.append(Box(2.32, y - 0.18, 20.86, 2.06, color=colour, fill="none", stroke=2.5, radius=15))
    return Figure(path, T(f"本模块在大模型系统全栈中的位置：{name.zh}", f"Where this module sits in the full stack: {name.en}"),
                  T("大模型系统全栈", "The full stack of large-model systems"), rows=12.4, items=tuple(items))


FIGURES = [stack("05XCCL/images/content", "xccl")]
