"""The logbook: notes, successes and learning goals."""

from __future__ import annotations

from bot.events import Answer, Welcoming
from bot.logbook import commands, handlers, models, privacy, prompts, scheduled, texts
from bot.slice import Privacy, Slice, TimedKind

SLICE = Slice(
    "logbook",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
    prompts=prompts.PROMPTS,
    timed=(TimedKind("goal_checkin", scheduled.goal_checkin, around_meeting=scheduled.plan_goal),),
    privacy=Privacy("logbook", privacy.export, privacy.forget, privacy.words),
    answers=(Answer(Welcoming, handlers.welcoming),),
)
