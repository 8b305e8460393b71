"""Reading Bot Framework activities (JSON): who, where, the text, what a card sent.

Everything here is pure: no I/O, so the shapes are easy to reason about (``events.py`` holds
the table of activity types, ``web.py`` does the calls). Addresses are stored by the core as
opaque dicts and handed back to ``sender.py``:

    {"kind": "personal" | "member" | "channel", "serviceUrl": ..., "tenantId": ...,
     "reference": <serialized ConversationReference>}

``personal`` is the user's 1:1 chat with the bot, ``member`` a user we can reach only by
creating that chat, ``channel`` a team channel or group chat.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from botbuilder.core import TurnContext  # type: ignore[import-untyped]
from botbuilder.schema import Activity  # type: ignore[import-untyped]

from adapters.inbound import Malformed
from bot.context import Actor, Place
from bot.i18n import LANGS

PLATFORM = "teams"
ACTION_KEY = "copbot_action"
VALUE_KEY = "copbot_value"
FILE_CONSENT = "fileConsent/invoke"
FILE_KEY = "copbot_file"  # the held file's token in a consent card's accept/decline context

AT_TAG = re.compile(r"<at[^>]*>(.*?)</at>", re.IGNORECASE | re.DOTALL)
HTML_TAG = re.compile(r"<[^>]+>")


# -- who and where -----------------------------------------------------------------------
# Teams ids of team channels (``19:…@thread.tacv2``, older ``@thread.skype``) and of group and
# meeting chats (``19:…@thread.v2``).
CHANNEL_ID = re.compile(r"^19:[^;]*@thread\.(tacv2|skype)(;|$)")
GROUP_CHAT_ID = re.compile(r"^19:[^;]*@thread\.v2(;|$)")
ConversationKind = Literal["personal", "channel", "groupChat"]


def conversation_kind(activity: dict[str, Any]) -> ConversationKind:
    """Whether the activity comes from a 1:1 chat with copbot, a team channel or a group chat,
    from what the payload says. ``conversationType`` is not always there (Microsoft's own
    example of a channel mention has none): then the team in ``channelData``, the shape of the
    conversation id and ``isGroup`` decide. Only what says nothing else is a 1:1 chat."""
    conversation = as_dict(activity.get("conversation"))
    stated = text_of(conversation.get("conversationType"))
    if stated in ("personal", "channel", "groupChat"):
        return stated  # type: ignore[return-value]
    data = as_dict(activity.get("channelData"))
    conversation_id = text_of(conversation.get("id"))
    if data.get("team") or data.get("teamsTeamId") or CHANNEL_ID.match(conversation_id):
        return "channel"
    if conversation.get("isGroup") is True or GROUP_CHAT_ID.match(conversation_id):
        return "groupChat"
    return "personal"


def place_of(activity: dict[str, Any], reference: dict[str, Any] | None = None) -> Place:
    """Where the activity was said, with the address copbot answers it at."""
    conversation = as_dict(activity.get("conversation"))
    data = as_dict(activity.get("channelData"))
    tenant_id = tenant_of(activity)
    service_url = text_of(activity.get("serviceUrl"))
    reference = reference if reference is not None else conversation_reference(activity)
    kind = conversation_kind(activity)
    if kind == "personal":
        address = _address("personal", service_url, tenant_id, reference)
        return Place(
            PLATFORM, text_of(conversation.get("id")), "dm", address=address, tenant_id=tenant_id
        )
    channel_id = text_of(as_dict(data.get("channel")).get("id")) or text_of(conversation.get("id"))
    # Replies in a thread carry ';messageid=' in the conversation id; the channel is the part
    # before it, so the community stays bound to the channel itself.
    channel_id = channel_id.split(";")[0]
    team_id = text_of(as_dict(data.get("team")).get("id")) or None
    channel_ref = {
        **reference,
        "conversation": {**as_dict(reference.get("conversation")), "id": channel_id},
        "activityId": None,
    }
    return Place(
        PLATFORM,
        channel_id,
        "channel" if kind == "channel" else "group",
        team_id=team_id,
        address=_address("channel", service_url, tenant_id, channel_ref),
        tenant_id=tenant_id,
    )


def who_and_where(activity: dict[str, Any]) -> tuple[Actor, Place]:
    sender = activity.get("from")
    if not isinstance(sender, dict) or not text_of(sender.get("id")):
        raise Malformed("activity without from.id")
    reference = conversation_reference(activity)
    place = place_of(activity, reference)
    if place.kind == "dm":
        # Said in the 1:1 chat: that chat is confirmed as the person's address.
        address = place.address
    else:
        address = _member_address(
            sender, reference, text_of(activity.get("serviceUrl")), tenant_of(activity)
        )
    return person_of(sender, activity, address=address), place


def person_of(
    person: dict[str, Any], activity: dict[str, Any], *, address: dict[str, Any] | None
) -> Actor:
    info = client_info(activity)
    return Actor(
        PLATFORM,
        text_of(person.get("id")),
        display_name=text_of(person.get("name")) or None,
        tz=info.get("timezone"),
        lang=_lang(text_of(activity.get("locale")) or info.get("locale", "")),
        address=address,
    )


def recipient_id(activity: dict[str, Any]) -> str:
    """The bot's own id in this conversation ('28:<app id>' in Teams)."""
    return text_of(as_dict(activity.get("recipient")).get("id"))


def activity_lang(activity: dict[str, Any]) -> str | None:
    """'nl' or 'en' from the activity's locale, when it says one of them."""
    return _lang(text_of(activity.get("locale")))


def tenant_of(activity: dict[str, Any]) -> str | None:
    data = as_dict(activity.get("channelData"))
    tenant = text_of(as_dict(data.get("tenant")).get("id"))
    return tenant or text_of(as_dict(activity.get("conversation")).get("tenantId")) or None


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
    for entity in as_list(activity.get("entities")):
        if isinstance(entity, dict) and entity.get("type") == "clientInfo":
            found: dict[str, str] = {}
            tz = text_of(entity.get("timezone"))
            if tz and _valid_tz(tz):
                found["timezone"] = tz
            if text_of(entity.get("locale")):
                found["locale"] = text_of(entity.get("locale"))
            return found
    return {}


def roster_actors(people: list[dict[str, Any]], *, activity: dict[str, Any]) -> list[Actor]:
    """People from the team roster, each reachable by creating the 1:1 chat. The activity
    that asked for the roster is read once for all of them."""
    reference = conversation_reference(activity)
    service_url, tenant_id = text_of(activity.get("serviceUrl")), tenant_of(activity)
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
    return text_of(person.get("name")) or " ".join(
        x for x in (text_of(person.get("givenName")), text_of(person.get("surname"))) if x
    )


# -- text ----------------------------------------------------------------------------------
def command_text(activity: dict[str, Any]) -> str:
    """The text with the bot's own mention removed and other mentions as ``<@id|Name>``."""
    text = text_of(activity.get("text"))
    bot_id = recipient_id(activity)
    mentions: dict[str, str] = {}
    bot_tags: set[str] = set()
    for entity in as_list(activity.get("entities")):
        if not isinstance(entity, dict) or entity.get("type") != "mention":
            continue
        mentioned = as_dict(entity.get("mentioned"))
        tag = text_of(entity.get("text"))
        if not tag or not mentioned.get("id"):
            continue
        if mentioned["id"] == bot_id:
            bot_tags.add(tag)
        else:
            mentions[tag] = _mention_token(str(mentioned["id"]), text_of(mentioned.get("name")))
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


# -- helpers -------------------------------------------------------------------------------
def text_of(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def as_dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
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


# -- file consent --------------------------------------------------------------------------
@dataclass(frozen=True)
class Consent:
    """The person's answer to a file consent card (a ``fileConsent/invoke``)."""

    accepted: bool
    token: str
    upload_url: str
    content_url: str
    name: str
    unique_id: str
    file_type: str


def consent(activity: dict[str, Any]) -> Consent | None:
    """The answer in a ``fileConsent/invoke`` to a file copbot offered; None when it is not
    one (no token of copbot's in its context, no action it knows, an accept without the upload
    URL): such an invoke is not copbot's to act on, and is ignored."""
    value = as_dict(activity.get("value"))
    token = text_of(as_dict(value.get("context")).get(FILE_KEY))
    action = text_of(value.get("action"))
    info = as_dict(value.get("uploadInfo"))
    if action not in ("accept", "decline") or not token:
        return None
    if action == "accept" and not text_of(info.get("uploadUrl")):
        return None
    return Consent(
        accepted=action == "accept",
        token=token,
        upload_url=text_of(info.get("uploadUrl")),
        content_url=text_of(info.get("contentUrl")),
        name=text_of(info.get("name")),
        unique_id=text_of(info.get("uniqueId")),
        file_type=text_of(info.get("fileType")),
    )
