"""Facilitation: the rotation of the two facilitator seats, swaps and briefs."""

from __future__ import annotations

from bot.events import Answer, DecidedAbout, On, RoleChanged
from bot.facilitation import commands, handlers, models, privacy, scheduled, status, texts
from bot.slice import Privacy, Slice, Status, TimedKind

SLICE = Slice(
    "facilitation",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
    timed=(
        TimedKind("rotation", scheduled.rotation, around_meeting=scheduled.plan_rotation),
        TimedKind(
            "facilitator_brief", scheduled.facilitator_brief, around_meeting=scheduled.plan_brief
        ),
    ),
    status=Status(status.status_lines),
    privacy=Privacy("facilitation", privacy.export, privacy.forget),
    on=(On(RoleChanged, handlers.role_changed),),
    answers=(Answer(DecidedAbout, handlers.decided),),
)
