"""Meetings: the series, its changes, pauses and holidays."""

from __future__ import annotations

from bot.meetings import commands, models, scheduled, status, texts
from bot.slice import Slice, Status, TimedKind

SLICE = Slice(
    "meetings",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
    timed=(TimedKind("meeting_held", scheduled.meeting_held, around_meeting=scheduled.plan_held),),
    status=Status(status.status_lines),
)
