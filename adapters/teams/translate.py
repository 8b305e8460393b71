"""Bot Framework activity (JSON) -> who, where and what for the core.

Everything here is pure: no I/O, so the shapes are easy to reason about. ``web.py`` does the
calls. Addresses are stored by the core as opaque dicts and handed back to ``sender.py``:

    {"kind": "personal" | "member" | "channel", "serviceUrl": ..., "tenantId": ...,
     "reference": <serialized ConversationReference>}

``personal`` is the user's 1:1 chat with the bot, ``member`` a user we can reach only by
creating that chat, ``channel`` a team channel or group chat.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from botbuilder.core import TurnContext  # type: ignore[import-untyped]
from botbuilder.schema import Activity  # type: ignore[import-untyped]

from adapters.roster import is_members_sync
from bot.context import Actor, Place, Submission
from bot.i18n import LANGS

PLATFORM = "teams"
ACTION_KEY = "copbot_action"
VALUE_KEY = "copbot_value"

AT_TAG = re.compile(r"<at[^>]*>(.*?)</at>", re.IGNORECASE | re.DOTALL)
HTML_TAG = re.compile(r"<[^>]+>")


class Malformed(ValueError):
    """The activity lacks what every activity of its type must carry: a 400."""


@dataclass(frozen=True)
class Turn:
    """One inbound activity, translated. ``kind`` says which core entry point to call."""

    kind: Literal["command", "message", "action", "roster", "hello", "ignore"]
    activity: dict[str, Any]
    actor: Actor | None = None
    place: Place | None = None
    text: str = ""
    submission: Submission | None = None
    invoke: bool = False  # an Action.Execute invoke: the HTTP response carries the answer
    reasons: list[str] = field(default_factory=list)


def translate(activity: dict[str, Any], *, bot_id: str | None = None) -> Turn:
    kind = _str(activity.get("type"))
    if not kind:
        raise Malformed("activity without a type")
    service_url = _str(activity.get("serviceUrl"))
    conversation = activity.get("conversation")
    has_conversation = isinstance(conversation, dict) and bool(conversation.get("id"))
    if kind in ("message", "invoke", "conversationUpdate") and not (
        service_url and has_conversation
    ):
        raise Malformed("activity without serviceUrl or conversation")
    if kind == "conversationUpdate":
        return _conversation_update(activity, bot_id=bot_id)
    if kind == "invoke":
        if activity.get("name") != "adaptiveCard/action":
            return Turn("ignore", activity, reasons=[f"invoke {activity.get('name')!r}"])
        return _card_action(activity, invoke=True)
    if kind != "message":
        return Turn("ignore", activity, reasons=[f"activity type {kind!r}"])
    if isinstance(activity.get("value"), dict) and ACTION_KEY in activity["value"]:
        return _card_action(activity, invoke=False)
    actor, place = who_and_where(activity)
    text = command_text(activity)
    if place.kind == "dm":
        # In the 1:1 chat plain text is also the answer to the open prompt.
        return Turn("message", activity, actor, place, text=text)
    if is_members_sync(text):
        return Turn("roster", activity, actor, place, text=text)
    return Turn("command", activity, actor, place, text=text)


# -- who and where -----------------------------------------------------------------------
def who_and_where(activity: dict[str, Any]) -> tuple[Actor, Place]:
    sender = activity.get("from")
    if not isinstance(sender, dict) or not sender.get("id"):
        raise Malformed("activity without from.id")
    conversation: dict[str, Any] = activity["conversation"]
    data = _dict(activity.get("channelData"))
    tenant_id = tenant_of(activity)
    service_url = _str(activity.get("serviceUrl"))
    reference = conversation_reference(activity)
    conversation_type = _str(conversation.get("conversationType")) or (
        "personal" if not conversation.get("isGroup") else "groupChat"
    )
    info = client_info(activity)
    if conversation_type == "personal":
        address = _address("personal", service_url, tenant_id, reference)
        place = Place(PLATFORM, str(conversation["id"]), "dm", address=address)
    else:
        address = _member_address(sender, reference, service_url, tenant_id)
        channel_id = _str(_dict(data.get("channel")).get("id")) or str(conversation["id"])
        # Replies in a thread carry ';messageid=' in the conversation id; the channel is
        # the part before it, so the community stays bound to the channel itself.
        channel_id = channel_id.split(";")[0]
        team_id = _str(_dict(data.get("team")).get("id")) or None
        channel_ref = {
            **reference,
            "conversation": {**_dict(reference.get("conversation")), "id": channel_id},
            "activityId": None,
        }
        place = Place(
            PLATFORM,
            channel_id,
            "channel" if conversation_type == "channel" else "group",
            team_id=team_id,
            address=_address("channel", service_url, tenant_id, channel_ref),
        )
    actor = Actor(
        PLATFORM,
        str(sender["id"]),
        display_name=_str(sender.get("name")) or None,
        tz=info.get("timezone"),
        lang=_lang(_str(activity.get("locale")) or info.get("locale", "")),
        address=address,
    )
    return actor, place


def recipient_id(activity: dict[str, Any]) -> str:
    """The bot's own id in this conversation ('28:<app id>' in Teams)."""
    return _str(_dict(activity.get("recipient")).get("id"))


def activity_lang(activity: dict[str, Any]) -> str | None:
    """'nl' or 'en' from the activity's locale, when it says one of them."""
    return _lang(_str(activity.get("locale")))


def tenant_of(activity: dict[str, Any]) -> str | None:
    data = _dict(activity.get("channelData"))
    tenant = _str(_dict(data.get("tenant")).get("id"))
    return tenant or _str(_dict(activity.get("conversation")).get("tenantId")) or None


def conversation_reference(activity: dict[str, Any]) -> dict[str, Any]:
    """botbuilder's serialized reference. It drops the Teams tenant id, so ``_address``
    keeps that beside it."""
    try:
        parsed = Activity().deserialize(activity)
        reference = TurnContext.get_conversation_reference(parsed).serialize()
    except Exception as exc:  # msrest raises a variety of errors on odd shapes
        raise Malformed(f"unreadable activity: {exc}") from None
    return dict(reference)


def _address(
    kind: str, service_url: str, tenant_id: str | None, reference: dict[str, Any]
) -> dict[str, Any]:
    return {"kind": kind, "serviceUrl": service_url, "tenantId": tenant_id, "reference": reference}


def _member_address(
    person: dict[str, Any], reference: dict[str, Any], service_url: str, tenant_id: str | None
) -> dict[str, Any]:
    """A user reachable by creating the 1:1 chat: the user, the bot and the tenant."""
    user = {k: person[k] for k in ("id", "name", "aadObjectId") if person.get(k)}
    member_ref = {**reference, "user": user, "conversation": None, "activityId": None}
    return _address("member", service_url, tenant_id, member_ref)


def client_info(activity: dict[str, Any]) -> dict[str, str]:
    """Timezone and locale from the ``clientInfo`` entity Teams adds to user messages."""
    for entity in _list(activity.get("entities")):
        if isinstance(entity, dict) and entity.get("type") == "clientInfo":
            found: dict[str, str] = {}
            tz = _str(entity.get("timezone"))
            if tz and _valid_tz(tz):
                found["timezone"] = tz
            if _str(entity.get("locale")):
                found["locale"] = _str(entity.get("locale"))
            return found
    return {}


def roster_actors(people: list[dict[str, Any]], *, activity: dict[str, Any]) -> list[Actor]:
    """People from the team roster, each reachable by creating the 1:1 chat. The activity
    that asked for the roster is read once for all of them."""
    reference = conversation_reference(activity)
    service_url, tenant_id = _str(activity.get("serviceUrl")), tenant_of(activity)
    return [
        Actor(
            PLATFORM,
            str(person["id"]),
            display_name=_roster_name(person) or None,
            address=_member_address(person, reference, service_url, tenant_id),
        )
        for person in people
    ]


def _roster_name(person: dict[str, Any]) -> str:
    return _str(person.get("name")) or " ".join(
        x for x in (_str(person.get("givenName")), _str(person.get("surname"))) if x
    )


# -- text ----------------------------------------------------------------------------------
def command_text(activity: dict[str, Any]) -> str:
    """The text with the bot's own mention removed and other mentions as ``<@id|Name>``."""
    text = _str(activity.get("text"))
    bot_id = recipient_id(activity)
    mentions: dict[str, str] = {}
    bot_tags: set[str] = set()
    for entity in _list(activity.get("entities")):
        if not isinstance(entity, dict) or entity.get("type") != "mention":
            continue
        mentioned = _dict(entity.get("mentioned"))
        tag = _str(entity.get("text"))
        if not tag or not mentioned.get("id"):
            continue
        if mentioned["id"] == bot_id:
            bot_tags.add(tag)
        else:
            mentions[tag] = _mention_token(str(mentioned["id"]), _str(mentioned.get("name")))
    for tag in bot_tags:
        text = text.replace(tag, " ")
    # Placeholders first: the markup clean-up below would take '<@id>' for an HTML tag.
    tokens: dict[str, str] = {}
    for n, (tag, token) in enumerate(mentions.items()):
        tokens[f"\x00{n}\x00"] = token
        text = text.replace(tag, f" \x00{n}\x00 ")
    # Mentions without an entity (should not happen) keep their name as plain text.
    text = AT_TAG.sub(lambda m: m.group(1), text)
    text = HTML_TAG.sub(" ", text)
    text = html.unescape(text).replace("\xa0", " ")
    for placeholder, token in tokens.items():
        text = text.replace(placeholder, token)
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()


def _mention_token(user_id: str, name: str) -> str:
    # The core's tokenizer splits on whitespace, so a name with spaces is left out.
    return (
        f"<@{user_id}|{name}>" if name and not any(c.isspace() for c in name) else f"<@{user_id}>"
    )


# -- card submissions ----------------------------------------------------------------------
def _card_action(activity: dict[str, Any], *, invoke: bool) -> Turn:
    actor, place = who_and_where(activity)
    value = _dict(activity.get("value"))
    if invoke:
        action = _dict(value.get("action"))
        data = _dict(action.get("data"))
        data.setdefault(ACTION_KEY, _str(action.get("verb")))
    else:
        data = value
    action_id = _str(data.get(ACTION_KEY))
    if not action_id:
        raise Malformed("card submission without an action id")
    fields = {
        str(k): _field_text(v)
        for k, v in data.items()
        if k not in (ACTION_KEY, VALUE_KEY, "msteams") and v is not None
    }
    submission = Submission(action_id, _str(data.get(VALUE_KEY)), fields)
    return Turn("action", activity, actor, place, submission=submission, invoke=invoke)


def _field_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    return ""


# -- conversation updates ------------------------------------------------------------------
def _conversation_update(activity: dict[str, Any], *, bot_id: str | None) -> Turn:
    recipient = recipient_id(activity) or bot_id
    added = [m for m in _list(activity.get("membersAdded")) if isinstance(m, dict)]
    if any(m.get("id") == recipient for m in added):
        return Turn("hello", activity)
    return Turn("ignore", activity, reasons=["conversation update"])


# -- helpers -------------------------------------------------------------------------------
def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    # Only a JSON array is a list here: a string or number in its place is simply ignored.
    return list(value) if isinstance(value, list) else []


def _lang(locale: str) -> str | None:
    prefix = locale.lower()[:2]
    return prefix if prefix in LANGS else None


def _valid_tz(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
