"""Calendar invites and the personal calendar feed."""

from __future__ import annotations

from bot.events import (
    Answer,
    MeetingAdded,
    MeetingCancelled,
    MeetingMoved,
    On,
    SeriesChanged,
    Welcoming,
)
from bot.invites import commands, handlers, models, privacy, texts
from bot.slice import Privacy, Slice

SLICE = Slice(
    "invites",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    privacy=Privacy("calendar", privacy.export, privacy.forget),
    on=(
        On(MeetingAdded, handlers.meeting_added),
        On(MeetingMoved, handlers.meeting_moved),
        On(MeetingCancelled, handlers.meeting_cancelled),
        On(SeriesChanged, handlers.series_changed),
    ),
    answers=(Answer(Welcoming, handlers.welcoming),),
)
