"""Prompt kinds: how a member's answer to an open question is taken in.

A prompt can be answered one question at a time by plain chat replies (``answer_text``) or
all at once through a form (``submit``). Slices list their kinds in ``PROMPTS``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from bot.handling import Ctx
from bot.messages import Form
from bot.prompts.models import Prompt

# Named rather than imported at the top: every prompts module imports PromptKind from here.
PROMPT_SLICES = (
    "bot.members.prompts",
    "bot.checkins.prompts",
    "bot.evaluations.prompts",
    "bot.buddies.prompts",
    "bot.logbook.prompts",
)


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
    for name in PROMPT_SLICES:
        for kind in importlib.import_module(name).PROMPTS:
            found[kind.name] = kind
    return found
