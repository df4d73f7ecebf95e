"""Topologies (fat trees, tori, dragonflies) placed by Graphviz, drawn by the painter.

Graphviz (Debian's `graphviz`) is asked only for node positions (`-Tplain`), so the figure keeps
the course's boxes, colours and arrow heads; the Graph becomes an ordinary Figure."""

from __future__ import annotations

import json
import subprocess

from . import style
from .spec import Arrow, Box, Figure, Graph

_INCH = 72.0
"""Graphviz works in inches; one grid unit is passed as one inch and scaled back below."""


def _dot(graph: Graph) -> str:
    width, height = graph.node_size
    lines = ["graph G {" if not graph.directed else "digraph G {",
             f'node [shape=box fixedsize=true width={width} height={height} label=""];']
    lines += [f"{key}={json.dumps(value)};" for key, value in graph.attributes]
    lines += [f"{json.dumps(node.id)};" for node in graph.nodes]
    joint = "->" if graph.directed else "--"
    lines += [f"{json.dumps(a)} {joint} {json.dumps(b)};" for a, b in graph.edges]
    return "\n".join([*lines, "}"])


def positions(graph: Graph) -> dict[str, tuple[float, float]]:
    """Each node's centre in Graphviz's inches, y growing downward."""
    plain = subprocess.run([graph.engine, "-Tplain"], input=_dot(graph), capture_output=True, text=True,
                           check=True, timeout=60).stdout
    found, top = {}, 0.0
    for line in plain.splitlines():
        fields = line.split()
        if fields[0] == "graph":
            top = float(fields[3])
        elif fields[0] == "node":
            found[json.loads(fields[1]) if fields[1].startswith('"') else fields[1]] = (float(fields[2]),
                                                                                      float(fields[3]))
    return {name: (x, top - y) for name, (x, y) in found.items()}


def layout(graph: Graph) -> Figure:
    """The graph as a Figure: Graphviz's positions scaled to fill `area`, keeping proportions (nodes
    keep their size, so a crowded layout needs a larger area or smaller nodes: fit.py tells)."""
    placed = positions(graph)
    width, height = graph.node_size
    xs = [x for x, _ in placed.values()]
    ys = [y for _, y in placed.values()]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    ax, ay, aw, ah = graph.area
    scale = min((aw - width) / span_x if span_x else 1.0, (ah - height) / span_y if span_y else 1.0)
    left = ax + (aw - width - span_x * scale) / 2 + width / 2
    top = ay + (ah - height - span_y * scale) / 2 + height / 2
    boxes = []
    for node in graph.nodes:
        x, y = placed[node.id]
        cx, cy = left + (x - min(xs)) * scale, top + (y - min(ys)) * scale
        boxes.append(Box(round(cx - width / 2, 3), round(cy - height / 2, 3), width, height, node.text,
                         color=node.color, fill=node.fill, id=node.id, size=style.TEXT_SIZE - 2))
    edges = [Arrow(a, b, color=graph.edge_color, width=1.5, head=graph.directed) for a, b in graph.edges]
    return Figure(graph.path, graph.title, graph.subtitle, graph.rows, (*edges, *boxes, *graph.items))
