"""Figures and decks of 09Newsletters/02Attention (注意力机制的工程优化 / Engineering attention).

Three talks: FlashAttention (Dao et al., arXiv:2205.14135), the KV cache with MQA/GQA (Shazeer,
arXiv:1911.02150; Ainslie et al., arXiv:2305.13245) and PagedAttention (Kwon et al., SOSP 2023,
arXiv:2309.06180). Every diagram is schematic (示意); the only numbers drawn are ones the articles
cite next to the figure (the papers' own figures, or worked examples whose inputs are marked as
assumptions).
"""

from __future__ import annotations

from ..spec import Arrow, Box, Bullets, Deck, Figure, Item, Picture, T, Text

IMAGES = "09Newsletters/02Attention/images/"
READ, WRITE = T("读", "read"), T("写", "write")


# ====================================================================== 20250314FlashAttention
def _memory_panel(x0: float, name: T, colour: str) -> list[Item]:
    """A panel with the on-chip SRAM above and the off-chip HBM below."""
    return [
        Box(x0, 0.0, 11.0, 10.3, color=colour, fill="white", stroke=2, radius=11, size=18, title=name),
        Box(x0 + 0.4, 1.0, 10.2, 3.0, color="teal", radius=8),
        Text(x0 + 0.6, 1.3, T("片上 SRAM + 计算单元", "On-chip SRAM + compute units"), color="teal", bold=True,
             size=15, anchor="start"),
        Box(x0 + 0.4, 5.6, 10.2, 4.0, color="orange", radius=8),
        Text(x0 + 0.6, 9.2, T("HBM（显存：容量大，带宽远低于 SRAM）", "Off-chip HBM (large, far less bandwidth than SRAM)"),
             color="orange", bold=True, size=15, anchor="start"),
    ]


def _hbm_arrows(x0: float, arrows: tuple[tuple[float, float, float, float, str, T | None], ...],
                both: bool = False) -> list[Item]:
    """Transfers between HBM and SRAM, each with an optional label beside its middle."""
    items: list[Item] = []
    for x1, y1, x2, y2, colour, label in arrows:
        items.append(Arrow((x0 + x1, y1), (x0 + x2, y2), color=colour, width=3 if colour == "red" else 2.5, both=both))
        if label is not None:
            items.append(Text(x0 + (x1 + x2) / 2 + 0.1, (y1 + y2) / 2, label, color=colour, bold=True, size=12,
                              anchor="start"))
    return items


def _standard() -> list[Item]:
    x0 = 0.6
    items = _memory_panel(x0, T("标准实现：三个内核，N×N 矩阵落地两次", "Standard: three kernels, two N×N matrices in HBM"),
                          "red")
    items += [Box(x0 + 0.7 + i * 3.35, 1.8, 3.0, 1.1, op, color="teal", fill="white", bold=True, size=16)
              for i, op in enumerate(("① S = QK^{T}", "② P = softmax(S)", "③ O = PV"))]
    for label, x, w, colour in (("Q", 0.8, 0.8, "blue"), ("K", 1.75, 0.8, "blue"), ("S\nN×N", 2.8, 2.4, "red"),
                                ("P\nN×N", 5.45, 2.4, "red"), ("V", 8.1, 0.8, "blue"), ("O", 9.15, 1.1, "green")):
        big = "N" in label
        items.append(Box(x0 + x, 5.9 if big else 6.1, w, 2.3 if big else 1.9, label, color=colour, bold=True,
                         size=18 if big else 17))
    items += _hbm_arrows(x0, (
        (1.2, 6.0, 1.4, 3.0, "blue", None), (2.15, 6.0, 2.4, 3.0, "blue", READ),
        (3.3, 3.0, 3.8, 5.8, "red", T("写 S", "write S")), (4.7, 5.8, 4.8, 3.0, "red", T("读 S", "read S")),
        (6.2, 3.0, 6.4, 5.8, "red", T("写 P", "write P")), (7.3, 5.8, 7.9, 3.0, "red", T("读 P", "read P")),
        (8.5, 6.0, 8.6, 3.0, "blue", READ), (9.8, 3.0, 9.75, 6.0, "green", WRITE),
    ))
    items.append(Text(x0 + 5.5, 9.9, T("红色：N×N 的 S、P 写出又读回，读写量随 N^{2} 增长",
                                       "Red: the N×N S and P are written and read back; traffic grows with N^{2}"),
                      color="red", bold=True, size=15))
    return items


def _flash() -> list[Item]:
    x0 = 12.4
    items = _memory_panel(x0, T("FlashAttention：分块，融合成一个内核", "FlashAttention: tiles, fused into one kernel"),
                          "green")
    items += [Box(x0 + x, 1.9, w, 1.1, label, color=colour, bold=True, size=15) for label, colour, x, w in (
        ("Q_{i}", "blue", 0.7, 1.0), ("K_{j}", "blue", 1.9, 1.0), ("V_{j}", "blue", 3.1, 1.0),
        ("S_{ij}  B_{r}×B_{c}", "yellow", 4.4, 2.9), ("m_{i}, ℓ_{i}, O_{i}", "green", 7.6, 2.7))]
    items += [
        Text(x0 + 6.0, 3.5, T("小块的大小按\nSRAM 容量 M 选取", "Tile sizes are chosen\nfrom the SRAM size M"), size=14),
        *(Box(x0 + x, 6.1, 0.8, 1.9, label, bold=True, size=17) for label, x in (("Q", 0.8), ("K", 1.75), ("V", 2.7))),
        Box(x0 + 4.0, 6.1, 3.6, 1.9, T("没有 N×N 矩阵\n（HBM 中没有 S、P）", "No N×N matrix:\nno S, no P in HBM"),
            color="gray", fill="white", size=15),
        Box(x0 + 8.0, 6.1, 0.9, 1.9, "O", color="green", bold=True, size=17),
        Box(x0 + 9.15, 6.1, 1.2, 1.9, "m, ℓ\n(N)", color="green", bold=True, size=14),
        *_hbm_arrows(x0, ((1.2, 6.0, 1.2, 3.1, "blue", None), (2.15, 6.0, 2.4, 3.1, "blue", None),
                          (3.1, 6.0, 3.6, 3.1, "blue", None))),
        Text(x0 + 3.65, 4.4, T("逐块读入", "read tile by tile"), color="blue", bold=True, size=14, anchor="start"),
        *_hbm_arrows(x0, ((8.9, 3.1, 8.5, 6.0, "green", None), (9.6, 3.1, 9.75, 6.0, "green", None)), both=True),
        Text(x0 + 8.45, 4.95, T("读写 O_{i}, m_{i}, ℓ_{i}", "read/write O_{i}, m_{i}, ℓ_{i}"), color="green", bold=True,
             size=14, anchor="end"),
        Text(x0 + 5.5, 9.9, T("HBM 中只有 N×d 与 N 大小的数据：Q、K、V、O 和每行统计量 (m, ℓ)",
                              "HBM holds only N×d- and N-sized data: Q, K, V, O, per-row (m, ℓ)"),
             color="green", bold=True, size=15),
    ]
    return items


FLASH01 = Figure(
    IMAGES + "20250314FlashAttention01",
    T("标准注意力与 FlashAttention：谁在 HBM 和 SRAM 之间来回搬（示意）",
      "Standard attention vs FlashAttention: HBM–SRAM traffic (schematic)"),
    T("标准注意力让两个 N×N 矩阵在 HBM 里往返；FlashAttention 把它们留在片上",
      "Standard attention round-trips two N×N matrices through HBM; FlashAttention keeps them on chip"),
    rows=11.9,
    items=(
        *_standard(),
        *_flash(),
        Box(0.6, 10.6, 22.8, 1.1, T("HBM 访问次数（论文定理 2）：标准实现 Θ(Nd + N^{2})，FlashAttention Θ(N^{2}d^{2}/M)；"
                                    "N 序列长度，d 头维度，M SRAM 大小",
                                    "HBM accesses (Theorem 2): standard Θ(Nd + N^{2}), FlashAttention Θ(N^{2}d^{2}/M); "
                                    "N sequence length, d head dimension, M SRAM size"),
            color="gray", radius=0, size=16),
    ),
)

DONE, CURRENT = "green", "orange"
RULES = (
    (T("① 读入", "① Load"), T("Q_{i}、O_{i}、m_{i}、ℓ_{i}（从 HBM）", "Q_{i}, O_{i}, m_{i}, ℓ_{i} (from HBM)")),
    (T("② 本块分数", "② Tile scores"), T("S_{ij} = Q_{i}K_{j}^{T}（只在 SRAM 中）", "S_{ij} = Q_{i}K_{j}^{T} (in SRAM only)")),
    (T("③ 新最大值", "③ New max"), T("m' = max(m, rowmax(S_{ij}))，r = exp(m − m')", "m' = max(m, rowmax(S_{ij})), r = exp(m − m')")),
    (T("④ 新分母", "④ New sum"), "ℓ' = r·ℓ + rowsum(exp(S_{ij} − m'))"),
    (T("⑤ 新输出", "⑤ New output"), "O' = (r·ℓ·O + exp(S_{ij} − m')·V_{j}) / ℓ'"),
    (T("⑥ 写回", "⑥ Write back"), T("O_{i}、m_{i}、ℓ_{i}（到 HBM）", "O_{i}, m_{i}, ℓ_{i} (to HBM)")),
)


def _tiles() -> list[Item]:
    """The 4 × 4 grid of score tiles in Algorithm 1's loop order: two columns done, tile (2, 3) current."""
    gx, gy, cell, n = 3.0, 1.2, 1.6, 4
    items: list[Item] = [Text(gx + n * cell / 2, 0.2, T("外层循环 j：把 K_{j}、V_{j} 读入 SRAM",
                                                        "Outer loop j: load K_{j}, V_{j} into SRAM"), size=15)]
    items += [Text(gx + j * cell + cell / 2, 0.8, f"K_{{{j + 1}}}, V_{{{j + 1}}}", color="blue", bold=True, size=15)
              for j in range(n)]
    for i in range(n):
        items.append(Text(gx - 0.3, gy + i * cell + cell / 2, f"Q_{{{i + 1}}}", color="blue", bold=True, size=17,
                          anchor="end"))
        for j in range(n):
            done, current = j < 2 or (j == 2 and i < 1), j == 2 and i == 1
            x, y, label = gx + j * cell + 0.05, gy + i * cell + 0.05, f"S_{{{i + 1}{j + 1}}}"
            if done or current:
                items.append(Box(x, y, cell - 0.1, cell - 0.1, label, color=CURRENT if current else DONE,
                                 fill="#facc15" if current else "light", stroke=3 if current else 1.5,
                                 bold=current, size=15, radius=5))
            else:
                items += [Box(x, y, cell - 0.1, cell - 0.1, color="#e5e7eb", fill="#f3f4f6", stroke=1.5, radius=5),
                          Text(x + cell / 2 - 0.05, y + cell / 2 - 0.05, label, color="gray", size=15)]
    bottom = gy + n * cell
    items += [
        Text(0.8, bottom + 0.4, T("内层循环 i：逐个行块", "Inner loop i: one row tile at a time"), size=15, anchor="start"),
        Text(gx + n * cell / 2 + 0.6, bottom + 0.95, T("S = QK^{T} 只以 B_{r}×B_{c} 小块出现在片上",
                                                       "S = QK^{T} exists on chip only as B_{r}×B_{c} tiles"), size=15),
        Arrow((gx + n * cell + 0.3, gy + 1.5 * cell), (gx + n * cell + 2.0, gy + 1.5 * cell), color=CURRENT, width=3),
    ]
    for x, colour, fill, label in ((1.2, DONE, "light", T("已处理", "done")),
                                   (3.3, CURRENT, "#facc15", T("当前块 (i = 2, j = 3)", "current tile (i = 2, j = 3)")),
                                   (8.3, "#e5e7eb", "#f3f4f6", T("未处理", "not yet"))):
        items += [Box(x, bottom + 1.4, 0.6, 0.44, color=colour, fill=fill, stroke=1.5, radius=4),
                  Text(x + 0.75, bottom + 1.62, label, size=14, anchor="start")]
    return items


FLASH02 = Figure(
    IMAGES + "20250314FlashAttention02",
    T("分块计算与在线 softmax：块逐个累积，结果仍是精确的（示意：4 × 4 个块）",
      "Tiling and online softmax: 4 × 4 tiles added up one by one, the result stays exact"),
    T("算法 1：外层循环遍历 K/V 块，内层循环遍历 Q 块；维护运行最大值 m 与和 ℓ",
      "Algorithm 1: outer loop over K/V blocks, inner loop over Q blocks; running max m and sum ℓ"),
    rows=12,
    items=(
        *_tiles(),
        Box(12.0, 0.2, 11.2, 8.0, color=CURRENT, fill="white", stroke=2, radius=10),
        Text(17.6, 0.7, T("处理块 (i, j)：每行只需三个小量 m、ℓ、O", "Processing tile (i, j): each row needs only m, ℓ, O"),
             color=CURRENT, bold=True, size=18),
        *(item for k, (name, rule) in enumerate(RULES) for item in (
            Text(12.4, 1.65 + k * 0.95, name, bold=True, size=16, anchor="start"),
            Text(15.4, 1.65 + k * 0.95, rule, size=16, anchor="start"))),
        Text(17.6, 7.35, T("最大值变大时，旧的累积量先乘以 r 再合并；", "When the maximum grows, the old sums are scaled by r first;"),
             color="gray", size=14),
        Text(17.6, 7.8, T("全部 j 处理完，O 与一次性 softmax 的结果完全相同",
                          "once every j is done, O equals the one-pass softmax exactly"), color="gray", size=14),
        Box(1.2, 9.6, 21.6, 2.1, color="gray", radius=0),
        Text(12.0, 10.05, T("反向传播：只保存 O 和每行的 (m, ℓ)，需要 S、P 时按块在 SRAM 中重算（重计算）",
                            "Backward pass: keep only O and each row's (m, ℓ); recompute S, P tile by tile in SRAM "
                            "(recomputation)"), bold=True, size=16),
        Text(12.0, 10.65, T("示例（假设 N = 4096、FP16）：一个头的 N×N 矩阵有 4096 × 4096 × 2 B = 32 MiB；",
                            "Example (assuming N = 4096, FP16): one head's N×N matrix is 4096 × 4096 × 2 B = 32 MiB;"),
             size=15),
        Text(12.0, 11.2, T("论文 2.1 节给出的 A100 片上 SRAM 是每个 SM 192 KB，放不下它，只能放下小块",
                           "the A100 SRAM in Section 2.1 of the paper is 192 KB per SM: too small for it, "
                           "big enough for tiles"), size=15),
    ),
)


# ====================================================================== 20250411KVCache
PROMPT, DECODED = 6, 3


def _cache(x: float, name: T, colour: str) -> list[Item]:
    """One KV cache column: the prompt's rows, the decoded rows, and the row written this step."""
    items: list[Item] = [Text(x + 1.8, 0.45, name, color=colour, bold=True, size=18)]
    for r in range(PROMPT + DECODED + 1):
        if r < PROMPT:
            label, fill, kind = T(f"token {r + 1}（提示词）", f"token {r + 1} (prompt)"), "light", colour
        elif r < PROMPT + DECODED:
            step = r - PROMPT + 1
            label, fill, kind = T(f"token {r + 1}（第 {step} 步生成）", f"token {r + 1} (decode step {step})"), "light", "orange"
        else:
            label, fill, kind = T(f"token {r + 1}：本步新写入", f"token {r + 1}: written this step"), "white", "red"
        items.append(Box(x, 0.9 + r * 0.7, 3.6, 0.6, label, color=kind, fill=fill, stroke=1.5 if r >= PROMPT else 1,
                         size=13, radius=3))
    items.append(Text(x + 1.8, 0.9 + (PROMPT + DECODED + 1) * 0.7 + 0.25, T("每行 d_{head} 个数", "d_{head} numbers per row"),
                      color="gray", size=13))
    return items


def _bracket(top: float, bottom: float, label: T, colour: str) -> list[Item]:
    """A bracket left of the caches marking one phase."""
    return [Arrow((1.3, top), (1.3, bottom), via=((1.1, top), (1.1, bottom)), color=colour, width=2, head=False),
            Text(0.95, (top + bottom) / 2, label, color=colour, bold=True, size=15, anchor="end")]


KV01 = Figure(
    IMAGES + "20250411KVCache01",
    T("KV 缓存：预填充一次写入，解码每步追加一行（示意：一层、一个 KV 头）",
      "KV cache: prefill writes it once, each decode step adds a row (1 layer, 1 KV head)"),
    T("预填充为整段提示词填满缓存；每个解码步追加一行 K 和一行 V",
      "Prefill fills the cache for the prompt; every decode step appends one K row and one V row"),
    rows=11.4,
    items=(
        *_cache(1.5, T("K 缓存", "K cache"), "blue"),
        *_cache(8.8, T("V 缓存", "V cache"), "purple"),
        *_bracket(0.9, 0.9 + PROMPT * 0.7 - 0.1, T("预\n填\n充", "pre-\nfill"), "blue"),
        *_bracket(0.9 + PROMPT * 0.7, 0.9 + (PROMPT + DECODED + 1) * 0.7 - 0.1, T("解\n码", "de-\ncode"), "orange"),
        Box(5.75, 3.6, 2.4, 1.3, T("新 token\n的查询 q_{t}", "New token's\nquery q_{t}"), color="yellow", bold=True,
            size=15),
        Arrow((5.7, 4.25), (5.2, 4.25), color="yellow", width=3),
        Arrow((8.2, 4.25), (8.7, 4.25), color="yellow", width=3),
        Text(6.95, 5.8, T("每步都要读出\n全部 K、V 行", "Every step\nreads all\nK, V rows"), color="red", bold=True, size=15),
        Text(6.95, 7.3, T("序列越长，\n每步读得越多", "The longer the\nsequence, the\nmore it reads"), size=15),
        Box(13.3, 0.2, 9.9, 4.0, color="gray", radius=9),
        Text(18.25, 0.75, T("每个 token 的 KV 缓存字节数", "KV-cache bytes per token"), bold=True, size=19),
        Text(18.25, 1.6, "2 × L × n_{kv} × d_{head} × s", color="blue", bold=True, size=23),
        Text(18.25, 2.45, T("2：K 和 V 各一份；L：层数", "2: one K and one V; L: layers"), size=15),
        Text(18.25, 3.0, T("n_{kv}：KV 头数；d_{head}：头维度", "n_{kv}: KV heads; d_{head}: head dimension"), size=15),
        Text(18.25, 3.55, T("s：每个数的字节数（FP16 为 2）", "s: bytes per number (2 for FP16)"), size=15),
        Box(13.3, 4.6, 9.9, 3.3, color="orange", radius=9),
        Text(18.25, 5.1, T("算例（假设值：L = 32，n_{kv} = 32，d_{head} = 128，FP16）",
                           "Example (assumed: L = 32, n_{kv} = 32, d_{head} = 128, FP16)"),
             color="orange", bold=True, size=15),
        Text(18.25, 5.8, "2 × 32 × 32 × 128 × 2 B = 512 KiB / token", bold=True, size=17),
        Text(18.25, 6.45, T("4096 个 token 的序列：512 KiB × 4096 = 2 GiB", "A 4096-token sequence: 512 KiB × 4096 = 2 GiB"),
             size=16),
        Text(18.25, 7.05, T("同时服务 16 条这样的序列：32 GiB", "Serving 16 such sequences at once: 32 GiB"), size=16),
        Text(18.25, 7.6, T("随 token 数线性增长，也随并发数线性增长", "Linear in the tokens and in the concurrent sequences"),
             color="gray", size=14),
        Box(13.3, 8.3, 9.9, 1.5, color="gray", fill="white", radius=7),
        Text(18.25, 8.75, T("论文中的实例（Kwon 等，vLLM）：OPT-13B", "The paper's example (Kwon et al., vLLM): OPT-13B"),
             bold=True, size=15),
        Text(18.25, 9.3, T("2 × 5120 × 40 × 2 B = 819,200 B，论文记作 800 KB / token",
                           "2 × 5120 × 40 × 2 B = 819,200 B, given as 800 KB / token"), size=15),
        Text(12.0, 10.7, T("预填充：提示词所有位置的 K、V 一次算出并写入；解码：每步只为新 token 算一行，却要读出此前的所有行",
                           "Prefill computes and writes K, V for every prompt position at once; decode computes one row "
                           "per step but reads all earlier rows"), color="gray", size=15),
    ),
)

HEAD_COLOURS = ("blue", "teal", "green", "yellow", "orange", "red", "purple", "gray")
SHARING = (
    (T("多头注意力 MHA", "Multi-head attention (MHA)"), 8,
     T("n_{kv} = 8：每个查询头一组 K/V", "n_{kv} = 8: one K/V per query head"), "blue"),
    (T("分组查询注意力 GQA", "Grouped-query attention (GQA)"), 2,
     T("n_{kv} = 2：每 4 个查询头共用一组", "n_{kv} = 2: every 4 query heads share one"), "green"),
    (T("多查询注意力 MQA", "Multi-query attention (MQA)"), 1,
     T("n_{kv} = 1：所有查询头共用一组", "n_{kv} = 1: all query heads share one"), "orange"),
)


def _sharing_panel(x0: float, name: T, nkv: int, note: T, colour: str) -> list[Item]:
    """8 query heads joined to the K/V head their group shares, and the KV bytes relative to MHA."""
    qx = [x0 + 0.45 + i * 0.82 for i in range(8)]
    kw = min(1.5, (6.4 - (nkv - 1) * 0.16) / nkv)
    kx0 = x0 + 3.6 - (nkv * kw + (nkv - 1) * 0.16) / 2
    items: list[Item] = [Box(x0, 0.0, 7.2, 8.2, color=colour, fill="white", stroke=2, radius=10, size=18, title=name),
                         Text(x0 + 3.6, 1.2, T("查询头 Q", "Query heads Q"), color="gray", size=14)]
    items += [Box(x, 1.5, 0.66, 0.9, f"q{i + 1}", color=HEAD_COLOURS[i], fill="solid", bold=True, size=13, radius=4)
              for i, x in enumerate(qx)]
    for g in range(nkv):
        kx = kx0 + g * (kw + 0.16)
        items += [Box(kx, 4.4, kw, 0.8, "K" if kw < 1 else f"K{g + 1}", bold=True, size=13, stroke=1.5, radius=4),
                  Box(kx, 5.35, kw, 0.8, "V" if kw < 1 else f"V{g + 1}", color="purple", bold=True, size=13, stroke=1.5,
                      radius=4)]
        items += [Arrow((qx[i] + 0.33, 2.45), (kx + kw / 2, 4.35), color=HEAD_COLOURS[i], width=1.5, head=False)
                  for i in range(g * 8 // nkv, (g + 1) * 8 // nkv)]
    share = T("基准", "baseline") if nkv == 8 else T(f"MHA 的 1/{8 // nkv}", f"1/{8 // nkv} of MHA")
    items += [Text(x0 + 3.6, 6.6, note, size=14),
              Box(x0 + 0.6, 7.2, 6.0, 0.5, color="#f3f4f6", fill="solid", radius=4),
              Box(x0 + 0.6, 7.2, 6.0 * nkv / 8, 0.5, color=colour, fill="solid", radius=4),
              Text(x0 + 3.6, 7.95, T(f"每 token 的 KV 缓存：{share.zh}", f"KV cache per token: {share.en}"),
                   color=colour, bold=True, size=14)]
    return items


KV02 = Figure(
    IMAGES + "20250411KVCache02",
    T("MHA、GQA、MQA：几个查询头共用一组 K/V（示意：8 个查询头）",
      "MHA, GQA, MQA: how many query heads share one K/V (8 query heads)"),
    T("多头、分组查询与多查询注意力的区别只在 K/V 头的个数",
      "Multi-head, grouped-query and multi-query attention differ only in the number of K/V heads"),
    rows=11.5,
    items=(
        *(item for p, panel in enumerate(SHARING) for item in _sharing_panel(0.8 + p * 7.8, *panel)),
        Box(0.8, 8.6, 22.4, 2.4, color="gray", radius=0),
        Text(12.0, 9.1, T("沿用上一张图的假设模型（L = 32，32 个查询头，d_{head} = 128，FP16）：",
                          "With the previous figure's assumed model (L = 32, 32 query heads, d_{head} = 128, FP16):"),
             size=16),
        Text(12.0, 9.7, T("n_{kv} = 32（MHA）→ 512 KiB/token；n_{kv} = 8（GQA）→ 128 KiB/token；n_{kv} = 1（MQA）→ 16 KiB/token",
                          "n_{kv} = 32 (MHA) → 512 KiB/token; n_{kv} = 8 (GQA) → 128 KiB/token; "
                          "n_{kv} = 1 (MQA) → 16 KiB/token"), bold=True, size=16),
        Text(12.0, 10.4, T("查询头数不变、注意力分数的计算量基本不变；变的是要缓存、每步要读出的 K/V 字节数",
                           "The query heads and the score computation stay the same; what changes is the K/V bytes "
                           "cached and read every step"), color="gray", size=15),
    ),
)


# ====================================================================== 20250523PagedAttention
SLOTS = {"tok": ("blue", "light"), "new": ("green", "light"), "res": ("yellow", "light"), "int": ("red", "light"),
         "ext": ("gray", "light"), "free": ("#e5e7eb", "white")}
"""KV slot kinds: stored token, this step's token, reserved, internal and external fragmentation, free."""


def _slots(x: float, y: float, kinds: list[str], cell: float = 0.62, h: float = 0.7) -> list[Item]:
    """A row of KV slots."""
    return [Box(x + k * cell, y, cell - 0.06, h, color=SLOTS[kind][0], fill=SLOTS[kind][1], stroke=1.5, radius=3)
            for k, kind in enumerate(kinds)]


LEGEND = (("tok", T("已存的 token", "stored token")), ("new", T("本步新 token", "this step's token")),
          ("res", T("预留：以后才会用到", "reserved: used later")),
          ("int", T("内部碎片：永远用不到", "internal fragment: never used")),
          ("ext", T("外部碎片", "external fragmentation")))
PHYSICAL = {7: ["tok"] * 4, 1: ["tok", "new", "free", "free"], 4: ["tok", "tok", "tok", "new"]}
OWNERS = {7: (T("A·逻辑 0", "A · logical 0"), "blue"), 1: (T("A·逻辑 1", "A · logical 1"), "blue"),
          4: (T("B·逻辑 0", "B · logical 0"), "purple")}


def _contiguous() -> list[Item]:
    x = 0.8
    return [
        Text(0.8, 0.3, T("① 连续预分配：每个请求按最大长度占一整段显存",
                         "① Contiguous reservation: each request holds one stretch of memory for its maximum length"),
             color="red", bold=True, size=19, anchor="start"),
        *_slots(x, 1.0, ["tok"] * 5 + ["new"] + ["res"] * 2 + ["int"] * 8),
        Text(x + 2.48, 2.0, T("请求 A：最大长度 16", "Request A: maximum length 16"), bold=True, size=14),
        *_slots(x + 9.92, 1.0, ["ext"] * 3),
        Text(x + 9.92 + 0.93, 2.1, T("外部碎片", "external\nfragmentation"), color="gray", bold=True, size=14),
        *_slots(x + 11.78, 1.0, ["tok"] * 3 + ["new"] + ["int"] * 4),
        Text(x + 11.78 + 2.48, 2.0, T("请求 B：最大长度 8", "Request B: maximum length 8"), bold=True, size=14),
        Text(x + 16.94, 1.35, T("… 每段都按最大长度一次占住，\n直到请求结束才释放",
                                "… each stretch is held at its\nmaximum length until the\nrequest ends"),
             color="gray", size=14, anchor="start"),
        *(item for k, (kind, label) in enumerate(LEGEND) for item in (
            *_slots(0.8 + k * 4.6, 2.6, [kind], cell=0.56, h=0.5),
            Text(0.8 + k * 4.6 + 0.7, 2.85, label, size=13, anchor="start"))),
        Text(12.0, 3.8, T("假设请求 A 最终只生成到 8 个 token、B 生成到 4 个：一半以上的槽位从未存过数据",
                          "Suppose A ends up with only 8 tokens and B with 4: more than half of the slots never hold data"),
             color="gray", size=15),
    ]


def _paged() -> list[Item]:
    items: list[Item] = [
        Arrow((0.6, 4.4), (23.4, 4.4), color="#e5e7eb", width=1.5, head=False),
        Text(0.8, 5.0, T("② 分页（PagedAttention）：按块（本例每块 4 个 token）按需分配，块表记录映射",
                         "② Paging (PagedAttention): blocks (4 tokens each here) allocated on demand, mapped by a "
                         "block table"), color="green", bold=True, size=19, anchor="start"),
    ]
    for y, label, rows in ((5.8, T("请求 A 的逻辑块", "Request A's logical blocks"), (["tok"] * 4, ["tok", "new", "free", "free"])),
                           (8.3, T("请求 B 的逻辑块", "Request B's logical blocks"), (["tok", "tok", "tok", "new"],))):
        items.append(Text(2.6, y, label, bold=True, size=15))
        for r, kinds in enumerate(rows):
            items += [*_slots(1.0, y + 0.4 + r * 0.9, kinds), Text(0.7, y + 0.75 + r * 0.9, str(r), size=14, anchor="end")]
    items += [
        Box(4.7, 5.9, 3.3, 2.0, color="gray", radius=6, size=12, title=T("A 的块表", "A's block table")),
        Text(6.35, 6.8, T("逻辑 0 → 物理 7", "logical 0 → physical 7"), size=14),
        Text(6.35, 7.35, T("逻辑 1 → 物理 1", "logical 1 → physical 1"), size=14),
        Box(4.7, 8.4, 3.3, 1.3, color="gray", radius=6, size=12, title=T("B 的块表", "B's block table")),
        Text(6.35, 9.25, T("逻辑 0 → 物理 4", "logical 0 → physical 4"), size=14),
        *(Arrow((3.6, y1), (4.65, y2), color="ink", width=2) for y1, y2 in ((6.55, 6.7), (7.45, 7.35), (9.05, 9.15))),
        Arrow((8.1, 7.8), (9.4, 7.8), color="ink", width=2.5),
        Text(16.4, 5.6, T("GPU 显存中的物理块（大小相同，位置任意）", "Physical blocks in GPU memory (same size, anywhere)"),
             bold=True, size=15),
    ]
    for k in range(9):
        bx, by = 9.6 + (k % 3) * 4.6, 6.0 + (k // 3) * 1.3
        items += [Text(bx + 0.1, by + 0.35, T(f"物理 {k}", f"physical {k}"), color="gray", size=13, anchor="start"),
                  *_slots(bx + 1.45, by, PHYSICAL.get(k, ["free"] * 4), cell=0.7)]
        if k in OWNERS:
            items.append(Text(bx + 2.85, by + 0.95, OWNERS[k][0], color=OWNERS[k][1], bold=True, size=12))
    items += [
        Box(0.8, 10.6, 22.4, 1.9, color="green", radius=0),
        Text(12.0, 11.1, T("块大小相同 → 没有外部碎片；只在写满时才分配新块 → 每个请求的浪费不超过一个块",
                           "Equal-sized blocks → no external fragmentation; a new block only when the last is full → "
                           "at most one block wasted per request"), bold=True, size=16),
        Text(12.0, 11.85, T("论文图 2（Kwon 等）：现有系统中真正存放 token 状态的只占 20.4%–38.2%，vLLM 为 96.3%",
                            "The paper's Figure 2 (Kwon et al.): existing systems hold token states in only 20.4%–38.2% "
                            "of the KV memory, vLLM in 96.3%"), size=16),
    ]
    return items


PAGED01 = Figure(
    IMAGES + "20250523PagedAttention01",
    T("连续预分配 vs 分页：KV 缓存的三类浪费（示意）",
      "Contiguous reservation vs paging: three kinds of KV-cache waste (schematic)"),
    T("预留槽位、内部碎片与外部碎片，对比由块表映射的固定大小块",
      "Reserved slots, internal and external fragmentation vs fixed-size blocks mapped by a block table"),
    rows=13,
    items=(*_contiguous(), *_paged()),
)


def _stage(x0: float, name: T, blocks: tuple[tuple[T, int, str, float], ...],
           links: tuple[tuple[float, float, float, float, str], ...], note: T) -> list[Item]:
    """Two samples' logical blocks, the physical blocks with their reference counts, and the mapping."""
    items: list[Item] = [Box(x0, 0.0, 11.1, 9.0, color="gray", fill="white", radius=10, size=16, title=name)]
    for sample, y, colour in (("A1", 1.6, "blue"), ("A2", 5.4, "purple")):
        items.append(Text(x0 + 1.5, y - 0.4, T(f"样本 {sample}", f"Sample {sample}"), color=colour, bold=True, size=15))
        items += [Box(x0 + 0.4 + lb * 1.5, y + lb * 1.1, 2.2, 0.9, T(f"逻辑块 {lb}", f"logical block {lb}"), color=colour,
                      size=13) for lb in range(2)]
    items += [Box(x0 + 6.2, y, 4.6, 1.0, T(f"{label.zh}\n引用计数 {ref}", f"{label.en}\nreference count {ref}"),
                  color=colour, bold=True, size=13.5) for label, ref, colour, y in blocks]
    items += [Arrow((x0 + x1, y1), (x0 + x2, y2), color=colour, width=2) for x1, y1, x2, y2, colour in links]
    items.append(Text(x0 + 5.55, 8.4, note, size=14))
    return items


PAGED02 = Figure(
    IMAGES + "20250523PagedAttention02",
    T("并行采样中的块共享与写时复制（示意：同一提示词生成两个样本）",
      "Block sharing and copy-on-write in parallel sampling (two samples from one prompt)"),
    T("共享的物理块带引用计数；向共享块写入前先复制它",
      "Shared physical blocks carry a reference count; writing into a shared block copies it first"),
    rows=11,
    items=(
        *_stage(0.6, T("写入前：两个样本共用提示词的物理块", "Before writing: both samples share the prompt's blocks"), (
            (T("物理 7：提示词 4 个 token", "Physical 7: 4 prompt tokens"), 2, "green", 2.0),
            (T("物理 1：提示词末 3 个 token", "Physical 1: last 3 prompt tokens"), 2, "yellow", 4.2),
        ), ((2.65, 2.05, 6.15, 2.4, "blue"), (4.15, 3.15, 6.15, 4.6, "blue"),
            (2.65, 5.85, 6.15, 2.6, "purple"), (4.15, 6.95, 6.15, 4.8, "purple")),
            T("提示词的 KV 只存一份，两个块的引用计数都是 2", "The prompt's KV is stored once;\nboth blocks have reference count 2")),
        *_stage(12.3, T("A1 先写：引用计数 > 1，先复制再写", "A1 writes first: count > 1, so copy, then write"), (
            (T("物理 7：提示词 4 个 token", "Physical 7: 4 prompt tokens"), 2, "green", 1.6),
            (T("物理 1：现在只有 A2 引用", "Physical 1: now used by A2 only"), 1, "purple", 3.6),
            (T("物理 3：物理 1 的副本 + A1 新 token", "Physical 3: copy of 1 + new token"), 1, "blue", 5.6),
        ), ((2.65, 2.05, 6.15, 2.1, "blue"), (4.15, 3.15, 6.15, 6.1, "blue"),
            (2.65, 5.85, 6.15, 2.2, "purple"), (4.15, 6.95, 6.15, 4.1, "purple")),
            T("复制的只有一个块；A2 再写时计数已是 1，直接写",
              "Only one block is copied; when A2 writes,\nits count is already 1 and it writes in place")),
        Arrow((11.8, 4.5), (12.25, 4.5), color="red", width=4),
        Box(0.6, 9.4, 22.8, 1.2, T("论文 6.3 节（Alpaca 数据集）：共享省下的块数占比，并行采样 6.1%–9.8%，束搜索 37.6%–55.2%",
                                   "Section 6.3 of the paper (Alpaca): blocks saved by sharing, parallel sampling "
                                   "6.1%–9.8%, beam search 37.6%–55.2%"), color="gray", bold=True, size=16, radius=0),
    ),
)

FIGURES = [FLASH01, FLASH02, KV01, KV02, PAGED01, PAGED02]

# ====================================================================== decks
MODULE, CHAPTER = "大模型热点技术剖析", "注意力机制的工程优化"
DECKS = [
    Deck("09Newsletters/02Attention/20250314FlashAttention.pdf", MODULE, CHAPTER, "FlashAttention：按 IO 设计的精确注意力",
         "Dao、Fu、Ermon、Rudra、Ré，arXiv:2205.14135（NeurIPS 2022）", "课程分享 · 2025-03-14", (
             Bullets("注意力慢在搬运", (
                 "标准实现：S = QK^{T} → P = softmax(S) → O = PV，三个内核",
                 "S、P 都是 N×N，写入 HBM 再读回；逐元素操作访存受限",
                 "论文 2.1 节（A100）：HBM 40–80 GB、1.5–2.0 TB/s",
                 "每个 SM 192 KB SRAM，共 108 个 SM，估计带宽约 19 TB/s",
                 "IO 感知：把 HBM 读写次数当作首要指标",
             )),
             Picture("谁在 HBM 和 SRAM 之间来回搬", FLASH01, "定理 2：标准 Θ(Nd + N^{2})，FlashAttention Θ(N^{2}d^{2}/M)"),
             Bullets("分块 + 在线 softmax + 重计算", (
                 "每行维护最大值 m 与指数和 ℓ，逐块更新，结果精确",
                 "外层循环读入 K_{j}、V_{j}，内层循环更新 Q_{i} 对应的 O_{i}、m_{i}、ℓ_{i}",
                 "所有步骤融合为一个内核，HBM 中没有 N×N 矩阵",
                 "反向传播只存 O 与 (m, ℓ)，在 SRAM 中重算 S、P",
                 "定理 1：O(N^{2}d) 次运算，O(N) 额外显存",
             )),
             Picture("分块计算与在线 softmax", FLASH02, "最大值变大时，旧的累积量先乘以 r = exp(m − m') 再合并"),
             Bullets("结果与要点", (
                 "论文摘要：BERT-large（512）比 MLPerf 1.1 纪录快 15%",
                 "GPT-2（1K）快 3 倍；long-range arena（1K–4K）快 2.4 倍",
                 "Path-X（16K）61.4%、Path-256（64K）63.1%：首次超过随机水平",
                 "粗估（忽略常数）：d = 128、M ≈ 98,304 个 FP16 元素时 d^{2}/M ≈ 0.17",
             ), summary=True),
         )),
    Deck("09Newsletters/02Attention/20250411KVCache.pdf", MODULE, CHAPTER, "KV 缓存：每个 token 占多少显存，以及 MQA 与 GQA",
         "Shazeer，arXiv:1911.02150；Ainslie 等，arXiv:2305.13245", "课程分享 · 2025-04-11", (
             Picture("预填充一次写入，解码每步追加一行", KV01, "每 token 字节数 = 2 × L × n_{kv} × d_{head} × s"),
             Bullets("KV 缓存有多大", (
                 "算例（假设值）：L = 32、n_{kv} = 32、d_{head} = 128、FP16 → 512 KiB/token",
                 "4096 个 token 的序列 2 GiB；16 条并发 32 GiB",
                 "vLLM 论文：OPT-13B 约 800 KB/token，2048 个 token 约 1.6 GB",
                 "A100 40 GB 上：权重约 65%，KV 缓存等请求状态接近 30%",
             )),
             Bullets("解码被带宽卡住", (
                 "每步都要读出全部 K、V；MHA 下每个 K/V 元素只做一次乘加",
                 "FP16 下计算强度约 1 FLOP/字节，远在脊点左侧",
                 "Shazeer：逐步推理慢在反复加载大的 K、V 张量",
                 "办法：减少 KV 头数，让一组 K/V 服务多个查询头",
             )),
             Picture("MHA、GQA、MQA", KV02, "假设模型：n_{kv} = 32 / 8 / 1 → 512 / 128 / 16 KiB 每 token"),
             Bullets("要点", (
                 "MQA：所有查询头共享一组 K/V，解码快得多，质量轻微下降",
                 "GQA：分组共享，n_{kv} 介于 1 与查询头数之间",
                 "组内各头的 K、V 投影取平均，再用原预训练计算量的 5% 继续训练",
                 "GQA 质量接近 MHA，速度与 MQA 相当（论文摘要）",
             ), summary=True),
         )),
    Deck("09Newsletters/02Attention/20250523PagedAttention.pdf", MODULE, CHAPTER, "PagedAttention：像操作系统分页一样管理 KV 缓存",
         "Kwon 等，SOSP 2023，arXiv:2309.06180（vLLM）", "课程分享 · 2025-05-23", (
             Bullets("连续预分配的三类浪费", (
                 "KV 缓存随生成增长，最终长度事先未知",
                 "现有系统按最大长度为每个请求预留一整段连续显存",
                 "预留、内部碎片、外部碎片",
                 "论文图 2：真正存放 token 状态的只占 20.4%–38.2%",
             )),
             Picture("连续预分配 vs 分页", PAGED01, "块看作页，token 看作字节，请求看作进程"),
             Bullets("块、块表、按需分配", (
                 "固定大小的 KV 块，物理上不必连续，块表记录映射与已填位置数",
                 "写满才分配新块：每个请求的浪费不超过一个块；无外部碎片",
                 "vLLM 存放 token 状态的比例 96.3%；默认块大小 16 个 token",
                 "代价：注意力内核延迟比 FasterTransformer 高 20%–26%",
             )),
             Picture("共享与写时复制", PAGED02, "引用计数 > 1 的块先复制再写；只复制最后一个未写满的块"),
             Bullets("结果与要点", (
                 "论文摘要：相同延迟下吞吐为 FasterTransformer、Orca 的 2–4 倍",
                 "序列越长、模型越大、解码算法越复杂，提升越明显",
                 "共享节省（Alpaca）：并行采样 6.1%–9.8%，束搜索 37.6%–55.2%",
                 "ShareGPT：并行采样 16.2%–30.5%，束搜索 44.3%–66.3%",
             ), summary=True),
         )),
]
