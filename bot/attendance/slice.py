"""Attendance: who is coming, who came."""

from __future__ import annotations

from bot.attendance import commands, handlers, models, privacy, texts
from bot.events import Answer, DecidedAbout, MeetingHeld, On, PlainReply
from bot.slice import Privacy, Slice

SLICE = Slice(
    "attendance",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
    privacy=Privacy("attendance", privacy.export, privacy.forget),
    on=(On(MeetingHeld, handlers.meeting_held),),
    answers=(Answer(DecidedAbout, handlers.decided), Answer(PlainReply, handlers.plain_reply)),
)
