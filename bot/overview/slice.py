"""The overviews above the slices: ``status`` (the member's home is shown on request of an
adapter, ``Core.home``)."""

from __future__ import annotations

from bot.commands.registry import Verb
from bot.members.models import Role
from bot.overview import status, texts
from bot.slice import Slice

SLICE = Slice(
    "overview",
    texts=texts.TEXTS,
    verbs=[Verb("status", status.status, role=Role.PARTICIPANT, reads_only=True)],
)
