"""The commands everyone has: help, and the buttons of prompts."""

from __future__ import annotations

from bot import texts
from bot.commands import general as commands
from bot.slice import Slice

SLICE = Slice(
    "commands",
    texts=texts.TEXTS,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
)
