"""Core messages as plain terminal text: the console's renderer, also used by the demo.

Buttons are numbered so a person at the prompt can press one with ``/click <n>``; the caller
passes the first number to use, so several messages shown together number on. The people a
message names are shown by name: a terminal has nobody to notify.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from adapters.console.texts import text
from bot.charts.text import picture_text
from bot.messages import (
    Button,
    Buttons,
    Chart,
    Fields,
    File,
    Form,
    Header,
    Message,
    Network,
    Text,
    names_only,
)

RULE_WIDTH = 60


@dataclass(frozen=True)
class Rendered:
    text: str
    buttons: tuple[Button, ...]
    forms: tuple[Form, ...]


def render(
    message: Message,
    *,
    lang: str,
    first_button: int = 1,
    saved: Mapping[str, Path] | None = None,
) -> Rendered:
    """Plain text for ``message``; its buttons numbered from ``first_button``, a form's outline
    in ``lang``. An HTML page whose file the caller ``saved`` is named, not printed."""
    if not message.blocks:
        return Rendered(text=names_only(message.text), buttons=(), forms=())
    lines: list[str] = []
    buttons: list[Button] = []
    forms: list[Form] = []
    for block in message.blocks:
        if isinstance(block, Header):
            lines.extend([block.text, "─" * min(RULE_WIDTH, max(len(block.text), 3))])
        elif isinstance(block, Text):
            lines.append(block.text)
        elif isinstance(block, Fields):
            width = max((len(label) for label, _ in block.pairs), default=0)
            lines.extend(f"  {label.ljust(width)}  {value}" for label, value in block.pairs)
        elif isinstance(block, Buttons):
            labels = []
            for button in block.buttons:
                labels.append(f"[{first_button + len(buttons)}] {button.label}")
                buttons.append(button)
            lines.append("  ".join(labels))
        elif isinstance(block, File) and saved and block.name in saved:
            size = round(len(block.content.encode("utf-8")) / 1024)
            lines.append(
                text(lang, "console.html_file", name=block.name, size=size, path=saved[block.name])
            )
        elif isinstance(block, File):
            lines.extend([f"--- {block.name} ---", block.content.rstrip("\n"), "---"])
        elif isinstance(block, Chart | Network):
            lines.append(picture_text(block))
        elif isinstance(block, Form):
            forms.append(block)
            lines.append(render_form_outline(block, lang=lang))
    return Rendered(text=names_only("\n".join(lines)), buttons=tuple(buttons), forms=tuple(forms))


def render_form_outline(form: Form, *, lang: str) -> str:
    """A form as a list of its questions (the REPL then asks them one by one)."""
    lines = [text(lang, "console.form", title=form.title)]
    for number, question in enumerate(form.questions, start=1):
        extra = ""
        if question.choices:
            extra = " (" + " / ".join(label for _, label in question.choices) + ")"
        lines.append(f"  {number}. {question.label}{extra}")
    return "\n".join(lines)


def to_text(message: Message, *, lang: str) -> str:
    """Just the text, buttons numbered from 1 (the demo's digest files, logs)."""
    return render(message, lang=lang).text
