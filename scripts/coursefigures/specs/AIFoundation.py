"""The course-wide figure (images/aifoundation: the full stack of large-model systems) and each
module's place in it (`<module>/images/content`, on the module's README).

`stack(highlight)` draws the same six layers for every one of them: with a highlight, that layer
keeps its colour and the others turn grey.
"""

from __future__ import annotations

from ..spec import Arrow, Box, Figure, Item, T, Text

# key, name, parts, modules, colour
STACK = [
    ("agents", T("智能体与新模型", "Agents & new models"),
     (T("混合专家 MoE", "Mixture of experts"), T("多模态", "Multimodal"), T("智能体", "Agents")), "06 · 09", "pink"),
    ("train", T("训练与推理", "Training & inference"),
     (T("并行训练", "Parallel training"), T("推理服务", "Serving"), T("PD 分离", "Prefill/decode split")), "07 · 08",
     "purple"),
    ("fw", T("框架与编译器", "Frameworks & compilers"), ("PyTorch", "MindSpore", T("AI 编译器", "AI compilers")), "",
     "teal"),
    ("xccl", T("集合通信库", "Collective communication"), ("NCCL", "HCCL", "MPI"), "05", "orange"),
    ("net", T("集群 · 网络 · 存储", "Clusters · network · storage"),
     ("NVLink / PCIe", T("RDMA 网络", "RDMA networks"), T("存储", "Storage")), "02 · 03", "green"),
    ("chip", T("AI 芯片", "AI chips"), ("GPU", "NPU", "TPU"), "01", "blue"),
]


def _layer(i: int, key: str, name: T, parts: tuple, modules: str, colour: str, highlight: str | None) -> list[Item]:
    y = i * 2.0
    on = highlight in (None, key)
    colour = colour if on else "gray"
    ink = "ink" if on else "gray"
    items: list[Item] = []
    if highlight == key:
        items.append(Box(2.32, y - 0.18, 20.86, 2.06, color=colour, fill="white", stroke=2.5, radius=15))
    items += [Box(2.5, y, 20.5, 1.7, color=colour, stroke=3 if highlight == key else 2, radius=11),
              Text(2.9, y + 0.85, name, color=ink, bold=True, size=19, anchor="start")]
    for j, part in enumerate(parts):
        items.append(Box(9.3 + j * 3.55, y + 0.35, 3.35, 1.0, part, color=colour, fill="white", size=16, radius=7))
    if modules:
        items.append(Box(20.0, y + 0.45, 2.6, 0.8, T(f"模块 {modules}", f"Module{'s' if '·' in modules else ''} {modules}"), color=colour,
                         fill="solid", bold=True, size=14, radius=19))
    return items


def stack(path: str, title: T, subtitle: T, highlight: str | None = None) -> Figure:
    """The six layers from AI chips (bottom) to agents (top)."""
    return Figure(path, title, subtitle, rows=12.4, items=(
        Arrow((1.5, 11.6), (1.5, 0.1), width=4),
        Text(0.75, 4.3, T("自\n底\n向\n上\n支\n撑", "built\nfrom\nthe\nbottom\nup"), color="gray", size=14),
        *(item for i, layer in enumerate(STACK) for item in _layer(i, *layer, highlight=highlight)),
    ))


def module_stack(path: str, highlight: str) -> Figure:
    """A module's README figure: the stack with the module's layer lit."""
    name = next(name for key, name, *_ in STACK if key == highlight)
    return stack(path, T(f"本模块在大模型系统全栈中的位置：{name.zh}", f"Where this module sits in the full stack: {name.en}"),
                 T("大模型系统全栈，自底向上逐层支撑", "The full stack of large-model systems, each layer supporting the one above"),
                 highlight=highlight)


FIGURES = [
    stack("images/aifoundation", T("AIFoundation：大模型系统全栈", "AIFoundation: the full stack of large-model systems"),
          T("从 AI 芯片到智能体，每一层支撑上一层", "From AI chips to agents, each layer supports the one above")),
    module_stack("01AIChip/images/content", "chip"),
    module_stack("02StorComm/images/content", "net"),
    module_stack("05XCCL/images/content", "xccl"),
    module_stack("09Newsletters/images/content", "agents"),
]
