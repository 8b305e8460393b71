"""Verbs and actions: an explicit table built from each feature slice's ``commands`` module."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from bot.commands.parser import Parsed
from bot.context import Submission
from bot.ctx import Ctx
from bot.members.models import Role

Handler = Callable[[Ctx, Parsed], None]
ActionHandler = Callable[[Ctx, Submission], None]

# Named rather than imported at the top: every commands module imports Verb from here.
COMMAND_SLICES = (
    "bot.commands.general",
    "bot.communities.commands",
    "bot.members.commands",
    "bot.meetings.commands",
    "bot.facilitation.commands",
    "bot.buddies.commands",
    "bot.checkins.commands",
    "bot.evaluations.commands",
    "bot.logbook.commands",
    "bot.digest.commands",
    "bot.privacy.commands",
)


@dataclass(frozen=True)
class Verb:
    name: str
    handler: Handler
    # Minimum role; None means anyone may use it, even outside a community.
    role: Role | None = Role.PARTICIPANT
    aliases: tuple[str, ...] = ()
    # Subcommands that need a higher role than the verb itself, e.g. {"add": FACILITATOR}.
    sub_roles: dict[str, Role] = field(default_factory=dict)


@cache
def _load() -> tuple[dict[str, Verb], dict[str, ActionHandler]]:
    verbs: dict[str, Verb] = {}
    actions: dict[str, ActionHandler] = {}
    for name in COMMAND_SLICES:
        module = importlib.import_module(name)
        for verb in module.VERBS:
            for word in (verb.name, *verb.aliases):
                if word in verbs:
                    raise RuntimeError(f"verb {word!r} defined twice ({name})")
                verbs[word] = verb
        # Only slices with buttons have ACTIONS.
        for action_id, handler in getattr(module, "ACTIONS", {}).items():
            if action_id in actions:
                raise RuntimeError(f"action {action_id!r} defined twice ({name})")
            actions[action_id] = handler
    return verbs, actions


def verbs() -> dict[str, Verb]:
    """Every verb and alias -> its Verb."""
    return _load()[0]


def actions() -> dict[str, ActionHandler]:
    return _load()[1]


def canonical_verbs() -> list[Verb]:
    seen: dict[str, Verb] = {}
    for verb in verbs().values():
        seen.setdefault(verb.name, verb)
    return list(seen.values())


def role_needed(verb: Verb, parsed: Parsed) -> Role | None:
    sub = parsed.arg(0)
    if sub is not None and sub.lower() in verb.sub_roles:
        return verb.sub_roles[sub.lower()]
    return verb.role
