"""Evaluations after every meeting, anonymous."""

from __future__ import annotations

from bot.evaluations import commands, handlers, models, privacy, prompts, scheduled, texts
from bot.events import Answer, DecidedAbout
from bot.slice import Privacy, Slice, TimedKind

SLICE = Slice(
    "evaluations",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
    prompts=prompts.PROMPTS,
    timed=(
        TimedKind(
            "evaluation_prompt",
            scheduled.evaluation_prompt,
            around_meeting=scheduled.plan_evaluation,
        ),
        TimedKind(
            "evaluation_close", scheduled.evaluation_close, around_meeting=scheduled.plan_close
        ),
    ),
    privacy=Privacy("evaluations", privacy.export, privacy.forget),
    answers=(Answer(DecidedAbout, handlers.decided),),
)
