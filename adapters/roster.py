"""What Slack and Teams both need to know before they call the core: whether a command is
``members sync``, which needs the channel's roster that only the adapter can fetch."""

from __future__ import annotations

from bot.commands.parser import parse
from bot.commands.registry import verbs
from bot.errors import CopError


def is_members_sync(text: str) -> bool:
    """``members sync`` (or an alias of ``members``, such as ``leden sync``), read the way the
    core reads a command."""
    try:
        parsed = parse(text)
    except CopError:
        return False
    verb = verbs().get(parsed.verb)
    return verb is not None and verb.name == "members" and (parsed.arg(0) or "").lower() == "sync"
