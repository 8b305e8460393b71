"""Core messages as Markdown files for the demo's output: headings, lists, and charts either
as images drawn beside the file or as text in a code block."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bot.charts.draw import png
from bot.charts.text import picture_text
from bot.messages import Buttons, Chart, Fields, File, Form, Header, Message, Network, Text

BULLETS = ("• ", "⚠ ")


def _text(text: str) -> str:
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(BULLETS):
            marker = "" if stripped.startswith("• ") else "⚠ "
            lines.append(f"- {marker}{stripped[2:]}")
        elif stripped.startswith("↳"):
            lines.append(f"  - {stripped[1:].strip()}")
        else:
            lines.append(stripped)
    return "\n".join(lines)


def to_markdown(message: Message, *, images: Mapping[int, str] | None = None) -> str:
    """``images`` maps the index of a chart or map block to the file that shows it."""
    parts: list[str] = []
    first_header = True
    for index, block in enumerate(message.blocks):
        if isinstance(block, Header):
            parts.append(("# " if first_header else "## ") + block.text)
            first_header = False
        elif isinstance(block, Text):
            parts.append(_text(block.text))
        elif isinstance(block, Fields):
            parts.append("\n".join(f"- **{k}:** {v}" for k, v in block.pairs))
        elif isinstance(block, Chart | Network):
            image = (images or {}).get(index)
            if image is not None:
                parts.append(f"![{block.title}]({image})")
            else:
                parts.append(f"```text\n{picture_text(block)}\n```")
        elif isinstance(block, File):
            parts.append(f"[{block.name}]({block.name})")
        elif isinstance(block, Form | Buttons):
            continue
    return "\n\n".join(p for p in parts if p.strip()) + "\n"


def with_pictures(message: Message, *, folder: Path, stem: str) -> str:
    """The message as Markdown with each chart and map drawn as a PNG in ``folder``."""
    images: dict[int, str] = {}
    for index, block in enumerate(message.blocks):
        if isinstance(block, Chart | Network):
            path = folder / f"{stem}-{index}.png"
            path.write_bytes(png(block))
            images[index] = path.name
    return to_markdown(message, images=images)
