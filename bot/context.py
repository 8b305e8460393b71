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
    """Where it is said: a channel, a group chat or a 1:1 conversation with the bot.

    ``team_id`` is the Slack workspace or the Teams team; ``tenant_id`` the organisation above
    the teams (Teams' tenant), which a 1:1 chat carries too: `join` typed in a private chat
    looks for the communities of that tenant (or, without one, of that workspace)."""

    platform: str
    conversation_id: str
    kind: PlaceKind = "dm"
    team_id: str | None = None
    address: dict[str, Any] | None = None
    # False where copbot is not part of the conversation (a Slack DM between two colleagues
    # where someone typed /cop): it can answer the caller privately there, never post.
    bot_present: bool = True
    tenant_id: str | None = None


@dataclass(frozen=True)
class Reply:
    """An answer to the caller. ``private`` replies are ephemeral (Slack) or 1:1;
    ``channel`` replies are announcements the whole channel should see."""

    message: Message
    visibility: Visibility = "private"


ChangeKind = Literal[
    "workspace_removed",  # the app was uninstalled or its token revoked
    "workspace_restored",  # installed again
    "place_gone",  # a channel archived or deleted, or copbot removed from it
    "place_restored",  # unarchived, restored, or copbot added again
    "place_moved",  # the channel got a new id
    "joined_place",  # a person joined a channel
    "left_place",  # a person left a channel
    "person_changed",  # a new time zone or language
    "person_gone",  # a deactivated account
    "person_back",  # reactivated
]


@dataclass(frozen=True)
class Change:
    """Something that happened to a workspace, a place or a person, not said by anyone.

    ``workspace_id`` is the Slack workspace or Teams team, ``place_id`` the channel (for
    ``place_moved`` the old id, with ``new_place_id``), ``actor`` the person concerned (with
    what their profile says now) and ``lang`` the language the platform reports for the place.
    """

    kind: ChangeKind
    platform: str
    workspace_id: str | None = None
    place_id: str | None = None
    new_place_id: str | None = None
    actor: Actor | None = None
    place: Place | None = None
    reason: str = ""
    lang: str | None = None


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
