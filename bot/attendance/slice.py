"""Attendance: who is coming, who came."""

from __future__ import annotations

from bot.attendance import commands, models, privacy, texts
from bot.slice import Privacy, Slice

SLICE = Slice(
    "attendance",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
    privacy=Privacy("attendance", privacy.export, privacy.forget),
)
