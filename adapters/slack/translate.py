"""Inbound Slack payloads -> the core's platform-neutral values.

Pure functions over the JSON Slack sends; no Web API calls (names and timezones are looked
up by ``users.UserDirectory``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from adapters.slack.render import core_action_id
from bot.context import Actor, Place, Submission

PLATFORM = "slack"
JSON = dict[str, Any]
LEADING_MENTION = re.compile(r"^\s*<@([A-Z0-9]+)(?:\|[^>]*)?>[\s:,]*")


def dm_channel(channel_id: str | None) -> str | None:
    """``channel_id`` when it is a DM with the bot (Slack's DM channel ids start with 'D')."""
    return channel_id if channel_id and channel_id.startswith("D") else None


def place_for(channel_id: str, team_id: str | None) -> Place:
    """A DM, or else a channel to the core."""
    if dm_channel(channel_id):
        return Place(PLATFORM, channel_id, "dm", team_id)
    return Place(PLATFORM, channel_id, "channel", team_id)


def clicked_place(channel_id: str | None, team_id: str | None, actor: Actor) -> Place:
    """Where a click or a modal submission counts as said. A button on the Home tab or in a
    modal has no channel: then it is the bot's DM with this person."""
    if channel_id:
        return place_for(channel_id, team_id)
    dm = (actor.address or {}).get("dm")
    return Place(PLATFORM, str(dm or actor.user_id), "dm", team_id)


def strip_mention(text: str, bot_user_id: str | None) -> str:
    """'<@UBOT> schedule' -> 'schedule'. Other mentions stay: the core resolves them."""
    match = LEADING_MENTION.match(text)
    if match is None or (bot_user_id and match.group(1) != bot_user_id):
        return text.strip()
    return text[match.end() :].strip()


def team_of(body: JSON) -> str | None:
    team = body.get("team_id") or body.get("team")
    if isinstance(team, dict):
        team = team.get("id")
    return str(team) if team else None


def user_of(body: JSON) -> str:
    user = body.get("user_id") or body.get("user")
    if isinstance(user, dict):
        user = user.get("id")
    if not user:
        raise ValueError("payload without a user")
    return str(user)


def action_submission(action: JSON) -> Submission:
    value = action.get("value")
    if value is None:  # selects carry their value in the selected option
        value = (action.get("selected_option") or {}).get("value", "")
    return Submission(core_action_id(str(action.get("action_id", ""))), str(value))


def channel_of_action(body: JSON) -> str | None:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    return str(channel) if channel else None


@dataclass(frozen=True)
class FormMeta:
    action_id: str
    value: str
    channel_id: str | None


def form_meta(view: JSON) -> FormMeta:
    data = json.loads(view.get("private_metadata") or "{}")
    if not isinstance(data, dict) or not data.get("a"):
        raise ValueError("a view without copbot metadata")
    return FormMeta(str(data["a"]), str(data.get("v", "")), str(data.get("c") or "") or None)


def view_fields(view: JSON) -> dict[str, str]:
    """The answers of a submitted modal by question id (the block id)."""
    fields: dict[str, str] = {}
    values = (view.get("state") or {}).get("values") or {}
    for block_id, actions in values.items():
        state = (actions or {}).get("value") or {}
        # Text inputs carry ``value``; radio buttons and selects their ``selected_option``.
        option = state.get("selected_option")
        value = option.get("value") if isinstance(option, dict) else state.get("value")
        fields[str(block_id)] = str(value or "")
    return fields


def view_submission(view: JSON) -> tuple[Submission, str | None]:
    meta = form_meta(view)
    return Submission(meta.action_id, meta.value, view_fields(view)), meta.channel_id
