"""Charts and maps drawn with matplotlib (the Agg canvas: no display, no pyplot state) and laid
out with networkx. PNG for chat platforms and files, SVG for the HTML report.

matplotlib and networkx are imported on first use: most processes never draw anything, and
importing matplotlib costs a noticeable fraction of a second.
"""

from __future__ import annotations

import gc
import io
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bot.charts.text import number
from bot.messages import Chart, Network, Picture

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Colour-blind-safe series colours (Okabe-Ito), the first one copbot's blue.
SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
RECENT, OLDER, OLDEST = "#D55E00", "#0072B2", "#9AA5B1"
NODE, ALONE = "#56B4E9", "#FFFFFF"
ALONE_EDGE = "#C0392B"
TEXT = "#1F2933"
DPI = 100
CHART_SIZE = (7.2, 3.0)  # inches: 720 x 300 pixels at DPI
MAP_SIZE = (8.0, 6.0)
LABEL_WIDTH = 22  # characters per line of an organisation's name on the map


def tie_colour(age: int) -> str:
    return RECENT if age <= 0 else OLDER if age == 1 else OLDEST


# One figure per size and thread, cleared and drawn again for each picture: its canvas keeps
# one renderer, and matplotlib keeps the measures of every text it laid out per renderer, so
# the tick labels and legends the digest's charts share are measured once (a tenth of the
# drawing time). Per thread, because a figure is not safe to draw from two at once.
_FIGURES = threading.local()


def _figure(size: tuple[float, float]) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    kept: dict[tuple[float, float], Figure] = _FIGURES.__dict__.setdefault("by_size", {})
    figure = kept.get(size)
    if figure is None:
        # Margins are set by hand: a layout engine would draw every figure twice.
        figure = kept[size] = Figure(figsize=size, dpi=DPI)
        FigureCanvasAgg(figure)
    else:
        figure.clear()
    figure.patch.set_facecolor("white")
    return figure


def _title(figure: Figure, text: str, *, left: float, top: float, size: int) -> None:
    """The title above the axes' top-left corner, as figure text: an axes title would make
    matplotlib measure every tick label on each draw to keep clear of them (a sixth of the
    drawing time), and these titles never meet a tick label."""
    height = figure.get_figheight() * 72  # points
    figure.text(left, top + 6 / height, text, fontsize=size, color=TEXT, va="baseline")


def _style(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=TEXT, labelsize=8)
    ax.grid(axis="y", color="#E4E7EB", linewidth=0.8)
    ax.set_axisbelow(True)


def _labels(chart: Chart) -> list[str]:
    labels: list[str] = []
    for series in chart.series:
        for x, _ in series.points:
            if x not in labels:
                labels.append(x)
    return labels


def draw_chart(chart: Chart) -> Figure:
    figure = _figure(CHART_SIZE)
    ax = figure.add_subplot()
    if chart.style == "donut":
        points = [p for s in chart.series for p in s.points if p[1] > 0]
        if points:
            ax.pie(
                [y for _, y in points],
                labels=[f"{x} ({number(y, chart.unit, chart.lang)})" for x, y in points],
                colors=SERIES[: len(points)] * (len(points) // len(SERIES) + 1),
                wedgeprops={"width": 0.4, "edgecolor": "white"},
                textprops={"fontsize": 8, "color": TEXT},
                startangle=90,
                counterclock=False,
            )
        ax.set_aspect("equal")
        figure.subplots_adjust(left=0.02, right=0.98, bottom=0.04, top=0.88)
        _title(figure, chart.title, left=0.02, top=0.88, size=10)
        return figure
    _style(ax)
    labels = _labels(chart)
    where = {x: i for i, x in enumerate(labels)}
    count = len(chart.series)
    width = 0.8 / max(count, 1)
    for index, series in enumerate(chart.series):
        colour = SERIES[index % len(SERIES)]
        xs = [where[x] for x, _ in series.points]
        ys = [y for _, y in series.points]
        if chart.style == "line":
            ax.plot(xs, ys, marker="o", color=colour, linewidth=2, label=series.label)
        else:
            offset = (index - (count - 1) / 2) * width
            ax.bar([x + offset for x in xs], ys, width=width, color=colour, label=series.label)
    ax.set_xticks(range(len(labels)), labels)
    if chart.top is not None:
        ax.set_ylim(0, chart.top * 1.05)
    else:
        ax.set_ylim(bottom=0)
    if chart.unit or chart.lang:
        ax.yaxis.set_major_formatter(lambda value, _pos: number(value, chart.unit, chart.lang))
    legend = count > 1 or chart.style == "grouped"
    if legend:
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    figure.subplots_adjust(left=0.08, right=0.83 if legend else 0.97, bottom=0.1, top=0.88)
    _title(figure, chart.title, left=0.08, top=0.88, size=10)
    return figure


def layout(network: Network) -> dict[str, tuple[float, float]]:
    """Positions for the nodes: around a circle, so every tie is a visible chord and no
    cluster hides another; organisations tied to each other sit next to each other where the
    graph allows it (networkx orders them along the circle by breadth-first search)."""
    import networkx as nx

    graph = nx.Graph()
    names = sorted(n.name for n in network.nodes)
    graph.add_nodes_from(names)
    graph.add_weighted_edges_from((t.a, t.b, t.weight) for t in network.ties if t.a != t.b)
    order: list[str] = []
    for start in names:
        if start not in order:
            order.extend(str(n) for n in nx.bfs_tree(graph, start) if n not in order)
    found: dict[Any, Any] = nx.circular_layout(order)
    return {str(name): (float(x), float(y)) for name, (x, y) in found.items()}


def draw_network(network: Network) -> Figure:
    figure = _figure(MAP_SIZE)
    ax = figure.add_subplot()
    ax.set_axis_off()
    where = layout(network)
    heaviest = max((t.weight for t in network.ties), default=1)
    # One collection per age, oldest first so the recent ties are drawn on top: a few
    # artists, however many ties (a map of 25 organisations may have hundreds).
    from matplotlib.collections import LineCollection

    for age in (2, 1, 0):
        ties = [t for t in network.ties if t.a != t.b and (min(t.age, 2) == age)]
        if ties:
            ax.add_collection(
                LineCollection(
                    [(where[t.a], where[t.b]) for t in ties],
                    colors=tie_colour(age),
                    linewidths=[1.0 + 5.0 * t.weight / heaviest for t in ties],
                    capstyle="round",
                    zorder=1,
                )
            )
    alone = set(network.alone)
    biggest = max((n.size for n in network.nodes), default=1)
    nodes = list(network.nodes)
    lonely = [n.name in alone for n in nodes]
    if nodes:
        ax.scatter(
            [where[n.name][0] for n in nodes],
            [where[n.name][1] for n in nodes],
            s=[220 + 500 * n.size / biggest for n in nodes],
            c=[ALONE if x else NODE for x in lonely],
            edgecolors=[ALONE_EDGE if x else TEXT for x in lonely],
            linewidths=[2.0 if x else 0.8 for x in lonely],
            zorder=2,
        )
    for node, is_alone in zip(nodes, lonely, strict=True):
        x, y = where[node.name]
        # Labels outside the circle, away from the chords; long names on two lines.
        ax.annotate(
            textwrap.fill(node.name, LABEL_WIDTH),
            (x, y),
            xytext=(18 * x, 18 * y),
            textcoords="offset points",
            ha="left" if x > 0.2 else "right" if x < -0.2 else "center",
            va="bottom" if y > 0.2 else "top" if y < -0.2 else "center",
            fontsize=8,
            color=ALONE_EDGE if is_alone else TEXT,
            zorder=3,
        )
    if network.legend:
        from matplotlib.lines import Line2D

        this, last, earlier, lonely_label = network.words
        handles = [
            Line2D([0], [0], color=RECENT, linewidth=3, label=this),
            Line2D([0], [0], color=OLDER, linewidth=3, label=last),
            Line2D([0], [0], color=OLDEST, linewidth=3, label=earlier),
            Line2D(
                [0],
                [0],
                marker="o",
                linestyle="",
                markerfacecolor=ALONE,
                markeredgecolor=ALONE_EDGE,
                markersize=9,
                label=lonely_label,
            ),
        ]
        ax.legend(handles=handles, fontsize=8, frameon=False, loc="lower left")
    ax.set_aspect("equal")
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.35, 1.35)
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.94)
    _title(figure, network.title, left=0.01, top=0.94, size=11)
    return figure


def figure_of(picture: Picture) -> Figure:
    return draw_chart(picture) if isinstance(picture, Chart) else draw_network(picture)


@contextmanager
def _no_collection() -> Iterator[None]:
    """matplotlib builds thousands of small linked objects per figure; a garbage collection
    in the middle of drawing costs a quarter of its time, and they are freed right after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@lru_cache(maxsize=32)
def png(picture: Picture) -> bytes:
    """The picture as a PNG image. Pictures are values: the same chart in the digests of
    several organisers is drawn once."""
    from PIL import Image

    with _no_collection():
        figure = figure_of(picture)
        raw = io.BytesIO()
        figure.savefig(raw, format="rgba", dpi=DPI)
        size = figure.canvas.get_width_height()
    image = Image.frombuffer("RGBA", size, raw.getvalue(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    # Opaque RGB (the figure is white) instead of matplotlib's RGBA, and a light zlib level:
    # a fifth of the encoding time, and the file no larger.
    image.convert("RGB").save(out, format="png", compress_level=3)
    return out.getvalue()


@lru_cache(maxsize=16)
def svg(picture: Picture) -> str:
    """The picture as an SVG document (text stays text, so it prints sharply)."""
    import matplotlib

    out = io.StringIO()
    # The same picture gives the same SVG (ids from a fixed salt, no creation date), so a
    # report made twice from the same data is the same file.
    with _no_collection(), matplotlib.rc_context({"svg.hashsalt": "copbot"}):
        figure = figure_of(picture)
        figure.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    # Inline in HTML: the XML prolog and doctype are not allowed there.
    return text[text.index("<svg") :]
