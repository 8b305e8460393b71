"""Prompt kinds: how a member's answer to an open question is taken in.

A prompt can be answered one question at a time by plain chat replies (``answer_text``) or
all at once through a form (``submit``). Slices declare their kinds (``bot.slice.Slice``);
an open prompt of kind ``k`` is shown as the text ``home.kind.k``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Protocol

from bot.handling import Ctx
from bot.messages import Form
from bot.prompts.models import Prompt
from bot.slices import installed


class AnswerText(Protocol):
    def __call__(self, ctx: Ctx, prompt: Prompt, text: str) -> None: ...


class Submit(Protocol):
    def __call__(self, ctx: Ctx, prompt: Prompt, fields: dict[str, str]) -> None: ...


class MakeForm(Protocol):
    def __call__(self, ctx: Ctx, prompt: Prompt) -> Form: ...


@dataclass(frozen=True)
class PromptKind:
    name: str
    answer_text: AnswerText
    submit: Submit
    form: MakeForm


@cache
def kinds() -> dict[str, PromptKind]:
    found: dict[str, PromptKind] = {}
    for declared in installed():
        for kind in declared.prompts:
            if kind.name in found:
                raise RuntimeError(f"prompt kind {kind.name!r} declared twice ({declared.name})")
            found[kind.name] = kind
    return found
