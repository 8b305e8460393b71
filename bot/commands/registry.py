"""Verbs and actions: one table built from what each slice declares (``bot.slices``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from bot.commands.parser import Parsed, Token, parse_id
from bot.context import Submission
from bot.errors import UsageError
from bot.handling import Ctx
from bot.members.models import Role
from bot.slices import installed

Handler = Callable[[Ctx, Parsed], None]
ActionHandler = Callable[[Ctx, Submission], None]
# The community a button's value is about (its id), read before the handler runs; None when
# the value names none.
About = Callable[[Session, str], int | None]


@dataclass(frozen=True)
class Args:
    """How many words may follow a verb, or a subcommand's word: from ``least`` to ``most``
    (None: any number, for free text). The core checks them before the verb runs, so no verb
    quietly ignores a word it does not take (``leave <@someone>`` must not make the caller
    leave)."""

    least: int = 0
    most: int | None = 0

    def check(self, words: tuple[Token, ...]) -> None:
        if len(words) < self.least:
            raise UsageError()
        if self.most is not None and len(words) > self.most:
            raise UsageError("error.extra_args", extra=words[self.most].text[:40])


NO_ARGS = Args()
ANY_ARGS = Args(0, None)
TEXT = Args(1, None)  # free text that must be there (a name, a note)


def up_to(most: int) -> Args:
    return Args(0, most)


def exactly(count: int) -> Args:
    return Args(count, count)


@dataclass(frozen=True)
class Verb:
    name: str
    handler: Handler
    # Minimum role; None means anyone may use it, even outside a community.
    role: Role | None = Role.PARTICIPANT
    aliases: tuple[str, ...] = ()
    # Subcommands that need a higher role than the verb itself, e.g. {"add": FACILITATOR}.
    sub_roles: dict[str, Role] = field(default_factory=dict)
    # The words the verb takes after it; a verb that takes none says so by saying nothing.
    args: Args = NO_ARGS
    # Subcommands with words of their own, by the subcommand's word: {"add": exactly(2)}.
    # With one of these first, ``args`` does not apply and the rest is counted here.
    sub_args: dict[str, Args] = field(default_factory=dict)
    # Only reads (apart from noting that the member was here): runs without waiting for the
    # person's other inputs and, on SQLite, without holding the database's write lock while
    # it reads. A subcommand listed in ``sub_roles`` or ``sub_args`` is taken to write.
    reads_only: bool = False

    def writes(self, parsed: Parsed) -> bool:
        sub = parsed.arg(0)
        return not self.reads_only or (
            sub is not None and (sub in self.sub_roles or sub in self.sub_args)
        )


@dataclass(frozen=True)
class Action:
    """A button or form of the core. ``about`` reads the community from the value (a prompt,
    a swap, a buddy group, a community id), so a click in a DM is handled in the community
    the button belongs to, never in a guessed one."""

    handler: ActionHandler
    about: About | None = None


def community_of(model: type[Any]) -> About:
    """``about`` for a button whose value starts with the id of a ``model`` row (a prompt, a
    swap, a buddy group: ``"<id>"`` or ``"<id>:<more>"``): that row's community."""

    def about(session: Session, value: str) -> int | None:
        number = parse_id(value.split(":")[0])
        row = session.get(model, number) if number is not None else None
        return int(row.community_id) if row is not None else None

    return about


def community_named(session: Session, value: str) -> int | None:
    """``about`` for a button whose value is a community id (Join, the final report)."""
    return parse_id(value)


@cache
def _load() -> tuple[dict[str, Verb], dict[str, Action]]:
    verbs: dict[str, Verb] = {}
    actions: dict[str, Action] = {}
    for declared in installed():
        for verb in declared.verbs:
            for word in (verb.name, *verb.aliases):
                if word in verbs:
                    raise RuntimeError(f"verb {word!r} defined twice ({declared.name})")
                verbs[word] = verb
        for action_id, action in declared.actions.items():
            if action_id in actions:
                raise RuntimeError(f"action {action_id!r} defined twice ({declared.name})")
            actions[action_id] = action if isinstance(action, Action) else Action(action)
    return verbs, actions


def verbs() -> dict[str, Verb]:
    """Every verb and alias -> its Verb."""
    return _load()[0]


def actions() -> dict[str, Action]:
    return _load()[1]


def canonical_verbs() -> list[Verb]:
    seen: dict[str, Verb] = {}
    for verb in verbs().values():
        seen.setdefault(verb.name, verb)
    return list(seen.values())


def check_args(verb: Verb, parsed: Parsed) -> None:
    """Refuse what the verb does not take (a friendly usage answer, never a silent ignore)."""
    sub = parsed.arg(0)
    spec = verb.sub_args.get(sub.lower()) if sub is not None else None
    try:
        if spec is not None:
            spec.check(parsed.tokens[1:])
        else:
            verb.args.check(parsed.tokens)
    except UsageError as exc:
        exc.params.setdefault("verb", verb.name)
        raise


def role_needed(verb: Verb, parsed: Parsed) -> Role | None:
    sub = parsed.arg(0)
    if sub is not None and sub.lower() in verb.sub_roles:
        return verb.sub_roles[sub.lower()]
    return verb.role
