"""The halfway reflection: two questions a few days after the programme's halfway meeting,
answered into the member's logbook."""

from __future__ import annotations

from bot.reflection import privacy, prompts, scheduled, status, texts
from bot.slice import Privacy, Slice, Status, TimedKind

SLICE = Slice(
    "reflection",
    texts=texts.TEXTS,
    prompts=prompts.PROMPTS,
    timed=(
        TimedKind("reflection", scheduled.reflection, around_meeting=scheduled.plan_reflection),
    ),
    status=Status(status.status_lines),
    privacy=Privacy("reflection", privacy.export, privacy.forget, privacy.words),
)
