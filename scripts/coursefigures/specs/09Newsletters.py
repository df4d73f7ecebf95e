"""The module-level figure of 09Newsletters: where the module sits in the full stack of large-model systems.

The stack itself (six layers, their parts and module numbers) is the course's; only the highlighted
layer differs between the four module READMEs, so it is one function of the highlighted layer.
"""

from __future__ import annotations

from ..spec import Arrow, Box, Figure, Item, T, Text

# key, name, parts, modules
STACK = (
    ("agents", T("智能体与新模型", "Agents & new models"),
     (T("混合专家 MoE", "Mixture of experts"), T("多模态", "Multimodal"), T("智能体", "Agents")), "06 · 09"),
    ("train", T("训练与推理", "Training & inference"),
     (T("并行训练", "Parallel training"), T("推理服务", "Serving"), T("PD 分离", "Prefill/decode split")), "07 · 08"),
    ("fw", T("框架与编译器", "Frameworks & compilers"), ("PyTorch", "MindSpore", T("AI 编译器", "AI compilers")), ""),
    ("xccl", T("集合通信库", "Collective communication"), ("NCCL", "HCCL", "MPI"), "05"),
    ("net", T("集群 · 网络 · 存储", "Clusters · network · storage"),
     ("NVLink / PCIe", T("RDMA 网络", "RDMA networks"), T("存储", "Storage")), "02 · 03"),
    ("chip", T("AI 芯片", "AI chips"), ("GPU", "NPU", "TPU"), "01"),
)
COLOURS = {"agents": "pink", "train": "purple", "fw": "teal", "xccl": "orange", "net": "green", "chip": "blue"}
OFF = "#9ca3af"
"""Outline of the layers that are not the module's."""


def _layer(y: float, key: str, name: T, parts: tuple[T | str, ...], modules: str, highlight: str) -> list[Item]:
    """One layer of the stack: coloured when it is the highlighted one, grey otherwise."""
    on = key == highlight
    colour = COLOURS[key] if on else OFF
    items: list[Item] = [Box(2.5, y, 20.5, 1.7, color=colour, fill="light" if on else "#f3f4f6",
                             stroke=3 if on else 2, radius=11),
                         Text(2.9, y + 0.85, name, color="ink" if on else "gray", bold=True, size=19, anchor="start")]
    for j, part in enumerate(parts):
        items += [Box(8.8 + j * 3.66, y + 0.35, 3.4, 1.0, color=colour, fill="white", radius=7),
                  Text(10.5 + j * 3.66, y + 0.85, part, color="ink" if on else "gray", size=16)]
    if modules:
        plural = "s" if "·" in modules else ""
        items.append(Box(20.0, y + 0.45, 2.6, 0.8, T(f"模块 {modules}", f"Module{plural} {modules}"), color=colour,
                         fill="solid", bold=True, size=14, radius=19))
    if on:
        items.append(Box(2.32, y - 0.18, 20.86, 2.06, color=colour, fill="none", stroke=2.5, radius=15))
    return items


def stack(path: str, highlight: str) -> Figure:
    """The full stack with one layer highlighted (the module's own)."""
    name = next(name for key, name, *_ in STACK if key == highlight)
    return Figure(
        path,
        T(f"本模块在大模型系统全栈中的位置：{name.zh}", f"Where this module sits in the full stack: {name.en}"),
        T("大模型系统全栈，自底向上逐层支撑", "The full stack of large-model systems, each layer supporting the one above"),
        rows=12.4,
        items=(
            Arrow((1.3, 11.6), (1.3, 0.1), color="gray", width=4),
            Text(0.7, 5.85, T("自\n底\n向\n上\n支\n撑", "bottom\nup"), color="gray", size=16),
            *(item for i, (key, name, parts, modules) in enumerate(STACK)
              for item in _layer(i * 2.0, key, name, parts, modules, highlight)),
        ),
    )


FIGURES = [stack("09Newsletters/images/content", "agents")]
