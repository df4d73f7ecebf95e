"""A synthetic corpus of course figures: slide screenshots rendered by a browser, and photo-like JPEGs.

Real slide screenshots have anti-aliased CJK text, gradients and embedded pictures; drawn
rectangles compress far better than they do, so the slides here are HTML pages rendered by
Chromium. Sizes follow the course's raw assets: most slides about 1,300 px wide, one in ten a
3,400 px retina capture; every image is distinct, so no cache or de-duplication flatters the
figures.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageFilter

TOPICS = [
    ("AI 芯片的计算强度", ["峰值算力与显存带宽", "Roofline 模型的脊点", "算子融合减少访存", "张量核心与混合精度"]),
    ("集合通信：环形全归约", ["归约散播 + 全收集", "带宽项 2(p-1)/p · n/β", "延迟项随进程数增长", "NCCL 与 HCCL 的算法选择"]),
    ("大模型训练的并行策略", ["数据并行与梯度同步", "张量并行切分矩阵", "流水线并行与气泡", "专家并行与全交换"]),
    ("推理服务：预填充与解码", ["KV Cache 的显存占用", "连续批处理", "PD 分离部署", "投机解码的接受率"]),
    ("昇腾与 GPU 的架构对比", ["Cube 单元与 Tensor Core", "片上缓存层次", "HBM 带宽", "集群互联拓扑"]),
]
PALETTES = [("#0b3d91", "#e8f0fe"), ("#7a1f5c", "#fdeef6"), ("#0f5132", "#e9f7ef"), ("#7c2d12", "#fff4ed"),
            ("#1e293b", "#f1f5f9")]


def slide_html(index: int, rng: random.Random) -> str:
    title, bullets = TOPICS[index % len(TOPICS)]
    dark, light = PALETTES[(index // len(TOPICS)) % len(PALETTES)]
    bars = "".join(
        f'<div style="height:{rng.randint(40, 260)}px;background:linear-gradient({dark},{light});'
        f'width:46px;margin-right:14px;border-radius:6px 6px 0 0"></div>' for _ in range(rng.randint(6, 11))
    )
    items = "".join(f"<li>{b}（第 {index} 页，示例 {rng.randint(1, 99)}）</li>" for b in rng.sample(bullets, len(bullets)))
    hue = rng.randint(0, 359)
    return f"""<html><body style="margin:0;width:1300px;height:731px;font-family:'Noto Sans CJK SC',sans-serif;
background:linear-gradient(135deg,{light},#ffffff 60%);overflow:hidden">
<div style="background:{dark};color:white;padding:26px 48px;font-size:40px;font-weight:700">{title} · {index}</div>
<div style="display:flex;padding:30px 48px;gap:40px">
  <ul style="font-size:28px;line-height:1.7;color:#1f2937;width:560px">{items}</ul>
  <div>
    <div style="display:flex;align-items:flex-end;height:300px;border-bottom:3px solid #334155">{bars}</div>
    <div style="margin-top:24px;width:560px;height:200px;border-radius:14px;
      background:radial-gradient(circle at 30% 40%,hsl({hue},70%,70%),hsl({(hue + 120) % 360},60%,35%));
      box-shadow:0 6px 18px rgba(0,0,0,.25)"></div>
  </div>
</div>
<div style="position:absolute;bottom:18px;left:48px;font-size:18px;color:#64748b">AIFoundation 大模型系统 · 示例幻灯片</div>
</body></html>"""


def photo(rng: random.Random, width: int, height: int) -> Image.Image:
    """A photo-like picture: smooth structure, texture and sensor-like noise (not flat colour)."""
    small = Image.effect_mandelbrot((width // 8, height // 8), (-2.2 + rng.random(), -1.2, 0.8, 1.2), 60)
    base = small.resize((width, height), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise((width, height), 6 + rng.random() * 6)
    tint = Image.linear_gradient("L").resize((width, height)).rotate(rng.randint(0, 359))
    return Image.merge("RGB", (base, Image.blend(base, noise, 0.15), tint))


def synthesise(folder: Path, target_bytes: int, seed: int = 1) -> list[Path]:
    """Write slides (PNG) and photos (JPEG) into `folder` until they total `target_bytes`."""
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written: list[Path] = []
    total = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        retina = browser.new_page(viewport={"width": 1300, "height": 731}, device_scale_factor=3400 / 1300)
        normal = browser.new_page(viewport={"width": 1300, "height": 731}, device_scale_factor=1)
        index = 0
        while total < target_bytes:
            if index % 4 == 3:
                width = rng.choice([1600, 2400, 4000])
                image = photo(rng, width, width * 2 // 3)
                buffer = io.BytesIO()
                image.save(buffer, "JPEG", quality=rng.randint(85, 95))
                path = folder / f"photo{index:05d}.jpg"
                path.write_bytes(buffer.getvalue())
            else:
                page = retina if index % 10 == 0 else normal
                page.set_content(slide_html(index, rng))
                path = folder / f"slide{index:05d}.png"
                page.screenshot(path=str(path))
            total += path.stat().st_size
            written.append(path)
            index += 1
        browser.close()
    return written
