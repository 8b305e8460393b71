"""The organisers' weekly digest and the report."""

from __future__ import annotations

from bot.digest import commands, scheduled, texts
from bot.slice import Slice, TimedKind

SLICE = Slice(
    "digest",
    texts=texts.TEXTS,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
    timed=(TimedKind("digest", scheduled.send_digest, every=scheduled.next_digest),),
)
