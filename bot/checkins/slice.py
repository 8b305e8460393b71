"""Check-ins before every meeting."""

from __future__ import annotations

from bot.checkins import commands, handlers, models, privacy, prompts, scheduled, status, texts
from bot.events import Answer, DecidedAbout
from bot.slice import Privacy, Slice, Status, TimedKind

SLICE = Slice(
    "checkins",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    prompts=prompts.PROMPTS,
    timed=(
        TimedKind(
            "checkin_prompt", scheduled.checkin_prompt, around_meeting=scheduled.plan_checkin
        ),
        TimedKind(
            "checkin_reminder", scheduled.checkin_reminder, around_meeting=scheduled.plan_reminder
        ),
    ),
    status=Status(status.status_lines),
    privacy=Privacy("checkins", privacy.export, privacy.forget, privacy.words),
    answers=(Answer(DecidedAbout, handlers.decided),),
)
