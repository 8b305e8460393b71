"""What the core receives from adapters (actor, place) and what it gives back (replies)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.messages import Message

PlaceKind = Literal["channel", "dm", "group"]
Visibility = Literal["private", "channel"]


@dataclass(frozen=True)
class Actor:
    """Who is talking: a platform user. ``address`` is an opaque platform reference
    (for example a Teams conversation reference) that the core stores but never reads."""

    platform: str
    user_id: str
    display_name: str | None = None
    tz: str | None = None
    lang: str | None = None
    address: dict[str, Any] | None = None


@dataclass(frozen=True)
class Place:
    """Where it is said: a channel, a group chat or a 1:1 conversation with the bot."""

    platform: str
    conversation_id: str
    kind: PlaceKind = "dm"
    team_id: str | None = None
    address: dict[str, Any] | None = None


@dataclass(frozen=True)
class Reply:
    """An answer to the caller. ``private`` replies are ephemeral (Slack) or 1:1;
    ``channel`` replies are announcements the whole channel should see."""

    message: Message
    visibility: Visibility = "private"


@dataclass(frozen=True)
class Mention:
    """A user mentioned in a command, normalised by the adapter to ``<@user_id>``."""

    user_id: str
    name: str | None = None


@dataclass(frozen=True)
class Submission:
    """A button click or form submission, coming back with a core-owned action id."""

    action_id: str
    value: str = ""
    fields: dict[str, str] = field(default_factory=dict)
