"""The console, declared once: ``copbot chat``. It serves nothing and sends from its own
process only (its sender keeps the inboxes the REPL reads), so it has no endpoint, no sender
for the scheduler and no tables."""

from __future__ import annotations

from adapters.platform import Command, Platform
from bot.settings import Settings


def chat(settings: Settings) -> int:
    from adapters.console.repl import run_chat

    return run_chat(settings)


PLATFORM = Platform("console", commands=(Command("chat", "talk to copbot in the terminal", chat),))
