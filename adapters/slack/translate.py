"""Reading Slack payloads: pure, defensive helpers over the JSON Slack sends.

No Web API calls here (names and time zones come from ``users.UserDirectory``, whether a DM is
copbot's own from ``users.DmDirectory``). A field of the wrong shape reads as missing, and
what every payload of its kind must carry raises ``Malformed``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from slack_bolt.request.internals import (
    extract_actor_enterprise_id,
    extract_actor_team_id,
    extract_enterprise_id,
    extract_is_enterprise_install,
    extract_team_id,
)

from adapters.inbound import Malformed
from adapters.slack import render
from adapters.slack.installs import Install
from adapters.slack.render import core_action_id
from bot.context import Actor, Place, Submission

PLATFORM = render.PLATFORM
JSON = dict[str, Any]
LEADING_MENTION = re.compile(r"^\s*<@([A-Z0-9]+)(?:\|[^>]*)?>[\s:,]*")
# The channel_name Slack gives a slash command typed in a DM and in a group DM.
DM_NAME = "directmessage"
GROUP_DM_PREFIX = "mpdm-"


def parse_body(body: str, content_type: str) -> JSON:
    """The payload of a request to ``/slack/events``.

    Events come as JSON; slash commands as form fields; interactivity as a form with one
    ``payload`` field holding JSON. The form is decided by its fields, never by looking for the
    word "payload" in the body (bolt does, and so refused ``/cop log … payload …``).
    """
    if content_type == "application/json" or body.lstrip().startswith("{"):
        data = _json(body)
    else:
        fields = dict(parse_qsl(body, keep_blank_values=True))
        interactive = "payload" in fields and "command" not in fields
        data = _json(fields["payload"]) if interactive else fields
    if not isinstance(data, dict) or not data:
        raise Malformed("the body is not a Slack payload")
    return data


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise Malformed("the body is not valid JSON") from None


def type_of(body: JSON) -> str:
    """The key of ``body`` in ``events.EVENT_TYPES``: ``command``, an interactivity type
    (``block_actions``), or ``event <type>`` for the Events API."""
    if "command" in body:
        return "command"
    kind = text_of(body.get("type"))
    if kind == "event_callback":
        event = body.get("event")
        if not isinstance(event, dict):
            raise Malformed("event_callback without an event")
        return f"event {text_of(event.get('type'))}"
    return kind


# -- who and where ---------------------------------------------------------------------------
def dm_channel(channel_id: str | None) -> str | None:
    """``channel_id`` when it is a direct message (Slack's DM channel ids start with 'D')."""
    return channel_id if channel_id and channel_id.startswith("D") else None


def place_for(
    channel_id: str, team_id: str | None, *, channel_name: str = "", own_dm: bool = False
) -> Place:
    """Where something was said. A ``D…`` channel is a DM, but only copbot's own when
    ``own_dm`` (a message.im event) or once ``users.DmDirectory`` confirmed it: until then it
    carries no address, and the core never stores it as the person's DM."""
    if dm_channel(channel_id):
        address = {"dm": channel_id} if own_dm else None
        return Place(PLATFORM, channel_id, "dm", team_id, address=address)
    if channel_name.startswith(GROUP_DM_PREFIX):
        return Place(PLATFORM, channel_id, "group", team_id)
    return Place(PLATFORM, channel_id, "channel", team_id)


def not_present(place: Place) -> Place:
    """A DM between other people, where someone typed /cop: copbot is not part of it."""
    return Place(PLATFORM, place.conversation_id, "group", place.team_id, bot_present=False)


def person(user_id: str) -> Actor:
    """Who acted; the adapter adds the profile (name, time zone, language) before the core."""
    return Actor(PLATFORM, user_id)


def team_of(body: JSON) -> str | None:
    """The workspace copbot met this in. An Events API delivery names it in its
    authorizations: in a Slack Connect channel the outer ``team_id`` may be the acting
    person's workspace instead."""
    grants = body.get("authorizations")
    if isinstance(grants, list) and grants and isinstance(grants[0], dict):
        granted = text_of(grants[0].get("team_id"))
        if granted:
            return granted
    team = body.get("team_id") or body.get("team")
    if isinstance(team, dict):
        team = team.get("id")
    return text_of(team) or None


# What bolt's readers may raise on a payload of an unexpected shape (they trust Slack).
SHAPE_ERRORS = (AttributeError, TypeError, KeyError, IndexError, ValueError)


def installation_of(body: JSON) -> Install:
    """The installation a payload came through, read as bolt reads it for its authorize
    step (authorizations first, so a Slack Connect event finds copbot's own installation).
    An org-wide install names the organisation and ``is_enterprise_install``; the workspace
    id is kept for the cache but not used to find the token."""
    try:
        enterprise = text_of(extract_enterprise_id(body)) or None
        team = text_of(extract_team_id(body)) or None
        org = bool(extract_is_enterprise_install(body))
    except SHAPE_ERRORS:
        return Install(None, team_of(body))
    return Install(enterprise, team or team_of(body), org)


def home_of(body: JSON) -> tuple[str | None, str | None]:
    """The acting person's own workspace and organisation, when Slack says (bolt's actor
    readers: in a shared channel the person may belong to another organisation)."""
    try:
        team = text_of(extract_actor_team_id(body)) or None
        enterprise = text_of(extract_actor_enterprise_id(body)) or None
    except SHAPE_ERRORS:
        return None, None
    if team is None and isinstance(body.get("user"), dict):
        team = text_of(body["user"].get("team_id")) or None
    return team, enterprise


def user_of(body: JSON) -> str:
    user = body.get("user_id") or body.get("user")
    if isinstance(user, dict):
        user = user.get("id")
    found = text_of(user)
    if not found:
        raise Malformed("a payload without a user")
    return found


def bot_user_of(body: JSON) -> str | None:
    """copbot's own user id, from the authorizations an Events API delivery carries."""
    for grant in body.get("authorizations") or []:
        if isinstance(grant, dict) and grant.get("is_bot") and grant.get("user_id"):
            return text_of(grant["user_id"]) or None
    return None


def channel_of_action(body: JSON) -> str | None:
    channel = as_dict(body.get("channel")).get("id") or as_dict(body.get("container")).get(
        "channel_id"
    )
    return text_of(channel) or None


def strip_mention(text: str, bot_user_id: str | None) -> str:
    """'<@UBOT> schedule' -> 'schedule'. Other mentions stay: the core resolves them.

    An app_mention is sent only when copbot is mentioned, so a leading mention is copbot's
    unless copbot's own mention comes later in the text (``<@UANN> ask <@UBOT>``). The user an
    event's authorizations name is not always the one mentioned (Slack's own Socket Mode test
    payload mentions U111 and authorizes U222), and a bare ``<@U…>`` is a call for help."""
    match = LEADING_MENTION.match(text)
    if match is None:
        return text.strip()
    if bot_user_id and match.group(1) != bot_user_id and f"<@{bot_user_id}" in text:
        return text.strip()
    return text[match.end() :].strip()


def response_url_of(body: JSON) -> str | None:
    """The command's or click's response_url, when it is one: Slack's are https, a local fake's
    http. Anything else is treated as absent, so answering falls back to the Web API."""
    url = text_of(body.get("response_url"))
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return None
    if parts.scheme in ("https", "http") and parts.hostname and port_ok:
        return url
    return None


# -- buttons and modals ----------------------------------------------------------------------
def action_submission(action: JSON) -> Submission:
    value = action.get("value")
    if value is None:  # selects carry their value in the selected option
        value = as_dict(action.get("selected_option")).get("value", "")
    return Submission(core_action_id(text_of(action.get("action_id"))), text_of(value))


@dataclass(frozen=True)
class FormMeta:
    action_id: str
    value: str
    channel_id: str | None


def form_meta(view: JSON) -> FormMeta:
    try:
        data = json.loads(text_of(view.get("private_metadata")) or "{}")
    except ValueError:
        data = None
    if not isinstance(data, dict) or not data.get("a"):
        raise Malformed("a view without copbot metadata")
    return FormMeta(text_of(data["a"]), text_of(data.get("v")), text_of(data.get("c")) or None)


def view_fields(view: JSON) -> dict[str, str]:
    """The answers of a submitted modal by question id (the block id)."""
    fields: dict[str, str] = {}
    values = as_dict(as_dict(view.get("state")).get("values"))
    for block_id, actions in values.items():
        state = as_dict(as_dict(actions).get("value"))
        # Text inputs carry ``value``; radio buttons and selects their ``selected_option``.
        option = state.get("selected_option")
        value = option.get("value") if isinstance(option, dict) else state.get("value")
        fields[str(block_id)] = text_of(value)
    return fields


def form_error(body: JSON, text: str) -> JSON:
    """The answer to a modal submission that keeps the modal open, ``text`` under its first
    question (Slack's ``response_action: errors``)."""
    values = as_dict(as_dict(as_dict(body.get("view")).get("state")).get("values"))
    blocks = [b for b in as_list(as_dict(body.get("view")).get("blocks")) if isinstance(b, dict)]
    first = next(iter(values), None) or next((text_of(b.get("block_id")) for b in blocks), "")
    return {"response_action": "errors", "errors": {first: text}} if first else {}


def view_submission(view: JSON) -> tuple[Submission, str | None]:
    meta = form_meta(view)
    return Submission(meta.action_id, meta.value, view_fields(view)), meta.channel_id


# -- shapes ----------------------------------------------------------------------------------
def text_of(value: Any) -> str:
    """A string field; numbers Slack sometimes sends as numbers become text, anything else
    (an object or list in its place) reads as missing."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def as_dict(value: Any) -> JSON:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
