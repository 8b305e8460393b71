"""The one inbound contract of every chat adapter.

Each platform keeps an explicit table from the type of a payload to the function that
translates it (``EVENT_TYPES`` in ``adapters/<platform>/events.py``, the shape of opsdroid's
``event_types``). A translator is pure: it turns the payload into one ``Inbound`` — who
(``Actor``), where (``Place``, with what the platform says about it) and what the core is asked
to do — or into ``Inbound.ignore(reason)``. ``route`` is the one place that decides that a
payload is ignored (the platform then gets its 200), and ``call_core`` the one place that
picks the core's entry point. Adding a platform is a folder with its translators plus one line
in ``PLATFORMS`` below.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.context import Actor, Change, Place, Reply, Submission
from bot.core import Core

logger = logging.getLogger(__name__)

JSON = dict[str, Any]
Kind = Literal["command", "message", "action", "roster", "home", "change", "file", "ignore"]


class Malformed(ValueError):
    """The payload lacks what every payload of its type carries: the sender's fault, a 400,
    logged as one line at warning level (never a traceback)."""


@dataclass(frozen=True)
class Inbound:
    """One platform payload, translated for the core.

    ``kind`` names the core entry point: ``command`` (a typed command), ``message`` (plain
    text in the 1:1 chat: a command or an answer), ``action`` (a button or form), ``roster``
    (``members sync``: the adapter fetches the people first), ``home`` (the person's overview,
    Slack's App Home), ``change`` (something happened to a workspace, place or person),
    ``file`` (the person's answer to a file copbot offered them: Teams' file consent; the
    adapter hands the file over) or ``ignore``. ``payload`` is the platform's own JSON,
    kept for the adapter's replies.
    """

    kind: Kind
    payload: JSON = field(default_factory=dict, repr=False)
    actor: Actor | None = None
    place: Place | None = None
    text: str = ""
    submission: Submission | None = None
    # Lifecycle: what happened (Teams adds several people in one activity).
    changes: tuple[Change, ...] = ()
    reason: str = ""
    # The platform's id of this delivery (Slack's event_id, a Teams activity id): a retry of
    # the same delivery carries the same key and is handled once.
    key: str | None = None

    @classmethod
    def ignore(cls, reason: str, payload: JSON | None = None) -> Inbound:
        return cls("ignore", payload or {}, reason=reason)

    @property
    def ignored(self) -> bool:
        return self.kind == "ignore"


Translator = Callable[[JSON], Inbound]


def route(table: Mapping[str, Translator], kind: str, payload: JSON) -> Inbound:
    """Translate ``payload`` with the translator its type names. A type with no translator is
    ignored, and so answered 200: platforms count anything else as a failed delivery (Slack
    disables an app's subscriptions when too many fail). Raises ``Malformed``."""
    translator = table.get(kind)
    if translator is None:
        return Inbound.ignore(f"{kind or 'untyped payload'} is not handled", payload)
    return translator(payload)


def call_core(
    core: Core, inbound: Inbound, *, roster: list[Actor] | None = None, receipt: int | None = None
) -> list[Reply]:
    """Run ``inbound`` through the core entry point its kind names (in a worker thread: the
    core is synchronous). ``receipt`` is its id in the inbound journal, finished by the core
    in the same transaction."""
    actor, place = inbound.actor, inbound.place
    if inbound.kind == "change":
        if not inbound.changes:
            core.finish(receipt)
            return []
        return core.handle_change(*inbound.changes, receipt=receipt)
    if actor is None or place is None:
        raise Malformed(f"{inbound.kind} without a person or a place")
    if inbound.kind == "command":
        return core.handle_command(actor, place, inbound.text, receipt=receipt)
    if inbound.kind == "message":
        return core.handle_message(actor, place, inbound.text, receipt=receipt)
    if inbound.kind == "action":
        assert inbound.submission is not None
        return core.handle_action(actor, place, inbound.submission, receipt=receipt)
    if inbound.kind == "roster":
        return core.handle_roster(actor, place, roster or [], receipt=receipt)
    core.finish(receipt)
    return []


def log_malformed(platform: str, exc: Exception) -> None:
    """A bad input is one warning line; a traceback is kept for copbot's own bugs."""
    logger.warning("%s: refused a malformed payload: %s", platform, str(exc)[:300])
