"""Buddies: groups between meetings, experiments and their reports."""

from __future__ import annotations

from bot.buddies import commands, handlers, models, privacy, prompts, scheduled, status, texts
from bot.events import MemberLeft, On
from bot.slice import Privacy, Slice, Status, TimedKind

SLICE = Slice(
    "buddies",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
    prompts=prompts.PROMPTS,
    timed=(
        TimedKind("buddy_pairing", scheduled.buddy_pairing, around_meeting=scheduled.plan_pairing),
        TimedKind("buddy_nudge", scheduled.buddy_nudge, around_meeting=scheduled.plan_nudge),
    ),
    status=Status(status.status_lines),
    privacy=Privacy("buddies", privacy.export, privacy.forget, privacy.words),
    on=(On(MemberLeft, handlers.member_left),),
)
