"""Prompt kinds: how a member's answer to an open question is taken in.

A prompt can be answered one question at a time by plain chat replies (``answer_text``) or
all at once through a form (``submit``). Slices declare their kinds (``bot.slice.Slice``);
an open prompt of kind ``k`` is shown as the text ``home.kind.k``, and named on the button
that files a plain reply under it (``bot.prompts.replies``) as ``reply.kind.k`` (with the
``meeting`` number it is about, when it is about one).
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


class Takes(Protocol):
    def __call__(self, prompt: Prompt, text: str) -> bool: ...


def any_text(prompt: Prompt, text: str) -> bool:
    return True


@dataclass(frozen=True)
class PromptKind:
    name: str
    answer_text: AnswerText
    submit: Submit
    form: MakeForm
    # Whether a plain reply can be the answer to the prompt's current step: a step that takes
    # a rating takes "4", not a sentence meant for another question. Asked without a query.
    takes: Takes = any_text
    # Whether the text is unmistakably the answer to the current step (a rating where one is
    # asked): such a question takes it even when others could too. None: never claims.
    claims: Takes | None = None
    # A question that stays open long after it was asked (for its form and its reminder)
    # catches a plain reply only while it is still the conversation (``bot.prompts.replies``).
    only_while_live: bool = False


@cache
def kinds() -> dict[str, PromptKind]:
    found: dict[str, PromptKind] = {}
    for declared in installed():
        for kind in declared.prompts:
            if kind.name in found:
                raise RuntimeError(f"prompt kind {kind.name!r} declared twice ({declared.name})")
            found[kind.name] = kind
    return found
