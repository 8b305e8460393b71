"""Members: joining, admission, roles, the intake."""

from __future__ import annotations

from bot.members import commands, models, privacy, prompts, texts
from bot.slice import Privacy, Slice

SLICE = Slice(
    "members",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
    prompts=prompts.PROMPTS,
    privacy=Privacy("members", privacy.export, privacy.forget, privacy.words),
)
