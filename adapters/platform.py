"""What a chat platform declares about itself, once, in ``adapters/<name>/platform.py``.

``PLATFORM = Platform(...)`` says how ``copbot serve`` mounts the platform, when its settings
ask for it, how a process without its endpoint (``copbot scheduler``) sends to it, which
tables it keeps in copbot's database, and the other ways it can run (Slack's Socket Mode, the
console's ``copbot chat``). ``adapters.platforms.NAMES`` lists the platforms; the server, the
scheduler, the schema and the command line read the declarations and name no platform.

A declaration module imports no platform SDK: its functions import what they need when they
are called, so declaring Teams costs nothing to a process that only serves Slack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from bot.settings import Settings

if TYPE_CHECKING:
    from aiohttp import web
    from sqlalchemy import MetaData

    from bot.core import Core
    from bot.outbox.sender import Sender

__all__ = ["Command", "Mode", "Platform"]


class Attach(Protocol):
    """Mount the platform's endpoint on ``app`` and register its sender with ``core``."""

    def __call__(self, app: web.Application, *, core: Core, settings: Settings) -> object: ...


class Run(Protocol):
    """Serve in another way than the HTTP endpoint; returns the process's exit status."""

    def __call__(self, settings: Settings, *, core: Core, scheduler: bool) -> int: ...


def never(settings: Settings) -> bool:
    return False


def nothing_to_say(settings: Settings) -> str | None:
    return None


def no_sender(settings: Settings) -> Sender | None:
    return None


@dataclass(frozen=True)
class Mode:
    """``copbot serve --<flag>``: the platform served another way (Slack over Socket Mode)."""

    flag: str
    help: str
    run: Run


@dataclass(frozen=True)
class Command:
    """A ``copbot <name>`` command of the platform's own (the console's ``chat``)."""

    name: str
    help: str
    run: Callable[[Settings], int]


@dataclass(frozen=True)
class Platform:
    """One chat platform, said in one place. Every field but the name has a default that
    means "the platform does not do this", so the console declares only what it has."""

    name: str
    # The settings ask ``serve`` for the HTTP endpoint: ``attach`` is then called, and
    # refuses loudly (in the log) when the settings are incomplete.
    requested: Callable[[Settings], bool] = never
    attach: Attach | None = None
    # Its inputs can be handled in processes of their own (``copbot serve --handlers``):
    # sets up such a process (no endpoint), called where ``attach`` would be. Without it the
    # endpoint handles its inputs itself, handlers or not.
    handle: Attach | None = None
    # The settings are enough for ``serve`` to have something to do for this platform, over
    # HTTP or one of its modes; serve refuses to start when no platform is ready.
    ready: Callable[[Settings], bool] = never
    # How to configure it, for the message serve prints when nothing is configured.
    how_to_configure: str = ""
    # Why the settings given are refused, printed beside that message (None: nothing wrong).
    refusal: Callable[[Settings], str | None] = nothing_to_say
    # Logged by serve when the settings do not ask for the endpoint at all.
    not_requested: str | None = None
    # Logged as a warning by serve (over HTTP) when the settings mean something else than
    # the person likely meant (Slack's app token without --socket-mode).
    warning: Callable[[Settings], str | None] = nothing_to_say
    # The sender of a process without the endpoint (the standalone scheduler); None when the
    # settings do not allow sending.
    sender: Callable[[Settings], Sender | None] = no_sender
    # Wires that sender to the core once the core exists (Teams' file consent).
    bind: Callable[[Sender, Core], None] | None = None
    # Adds the platform's own tables to copbot's metadata (the migration creates them).
    tables: Callable[[MetaData], object] | None = None
    modes: Sequence[Mode] = ()
    commands: Sequence[Command] = ()
