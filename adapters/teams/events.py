"""Teams' side of the inbound contract: each activity type and the function translating it.

``type_of`` names an activity's type (``message``, ``invoke adaptiveCard/action``,
``conversationUpdate``); ``EVENT_TYPES`` maps it to its translator. A type that is not in the
table is ignored and answered 200 (``adapters.inbound.route``).
"""

from __future__ import annotations

from typing import Any

from adapters.inbound import Inbound, Kind, Malformed, Translator
from adapters.roster import is_members_sync
from adapters.teams.translate import (
    ACTION_KEY,
    FILE_CONSENT,
    PLATFORM,
    VALUE_KEY,
    activity_lang,
    as_dict,
    as_list,
    command_text,
    consent,
    conversation_kind,
    place_of,
    recipient_id,
    roster_actors,
    text_of,
    who_and_where,
)
from bot.context import Actor, Change, ChangeKind, Submission

JSON = dict[str, Any]


def type_of(activity: JSON) -> str:
    kind = text_of(activity.get("type"))
    if not kind:
        raise Malformed("activity without a type")
    if kind == "invoke":
        return f"invoke {text_of(activity.get('name'))}"
    return kind


def conversational(activity: JSON) -> None:
    """What every activity copbot acts on carries: where to answer, and the conversation."""
    if not text_of(activity.get("serviceUrl")) or not text_of(
        as_dict(activity.get("conversation")).get("id")
    ):
        raise Malformed("activity without serviceUrl or conversation")


def message(activity: JSON) -> Inbound:
    """Text typed to copbot (``@copbot <verb>`` in a channel, anything in the 1:1 chat), or an
    Action.Submit of one of its cards."""
    conversational(activity)
    if isinstance(activity.get("value"), dict) and ACTION_KEY in activity["value"]:
        return card_action(activity, invoke=False)
    actor, place = who_and_where(activity)
    text = command_text(activity)
    key = delivery_key(activity)
    if place.kind == "dm":
        # In the 1:1 chat plain text is also the answer to the open prompt; a file or a
        # picture without words gets an answer too.
        return Inbound("message", activity, actor=actor, place=place, text=text, key=key)
    kind: Kind = "roster" if is_members_sync(text) else "command"
    return Inbound(kind, activity, actor=actor, place=place, text=text, key=key)


def card_invoke(activity: JSON) -> Inbound:
    """An Action.Execute (``adaptiveCard/action`` invoke): the HTTP response is its answer."""
    conversational(activity)
    return card_action(activity, invoke=True)


def card_action(activity: JSON, *, invoke: bool) -> Inbound:
    actor, place = who_and_where(activity)
    value = as_dict(activity.get("value"))
    if invoke:
        action = as_dict(value.get("action"))
        data = as_dict(action.get("data"))
        data.setdefault(ACTION_KEY, text_of(action.get("verb")))
    else:
        data = value
    # A card that is not copbot's (an Action.Execute without a verb, data copbot never put
    # there) names no action: the core answers that the button does not work, which Teams
    # shows as the invoke's response. A 400 would show the person an error on the card.
    action_id = text_of(data.get(ACTION_KEY))
    fields = {
        str(k): _field_text(v)
        for k, v in data.items()
        if k not in (ACTION_KEY, VALUE_KEY, "msteams") and v is not None
    }
    submission = Submission(action_id, text_of(data.get(VALUE_KEY)), fields)
    return Inbound(
        "action", activity, actor=actor, place=place, submission=submission,
        key=delivery_key(activity),
    )  # fmt: skip


def file_consent(activity: JSON) -> Inbound:
    """The person accepted or declined a file copbot offered in the 1:1 chat."""
    if consent(activity) is None:
        return Inbound.ignore("a file consent for no file copbot offered", activity)
    conversational(activity)
    actor, place = who_and_where(activity)
    return Inbound("file", activity, actor=actor, place=place, key=delivery_key(activity))


def conversation_update(activity: JSON) -> Inbound:
    """People (or copbot) added to or removed from a team or chat, and what happened to the
    team or a channel (``channelData.eventType``)."""
    data = as_dict(activity.get("channelData"))
    team = text_of(as_dict(data.get("team")).get("id")) or None
    bot = recipient_id(activity)
    changes: list[Change] = []
    for member in _accounts(activity.get("membersAdded")):
        if bot and text_of(member.get("id")) == bot:
            changes.append(_here(activity, "place_restored", reason="added"))
        else:
            changes.append(_people(activity, "joined_place", member, team))
    for member in _accounts(activity.get("membersRemoved")):
        if bot and text_of(member.get("id")) == bot:
            changes.append(_removed(activity, team))
        else:
            changes.append(_people(activity, "left_place", member, team))
    if not changes:
        event = TEAM_EVENTS.get(text_of(data.get("eventType")).lower())
        channel = text_of(as_dict(data.get("channel")).get("id")) or None
        if event is not None and (team or channel):
            kind, reason, whole_team = event
            place = None if whole_team else channel
            if whole_team or place:
                changes.append(Change(kind, PLATFORM, workspace_id=team, place_id=place,
                                      reason=reason))  # fmt: skip
    if not changes:
        return Inbound.ignore("conversation update copbot has no use for", activity)
    return Inbound("change", activity, changes=tuple(changes), key=delivery_key(activity))


# eventType (lower case: Microsoft's own examples spell ``teamrestored``) -> what happened:
# (kind, reason, whether it concerns the whole team rather than one channel).
TEAM_EVENTS: dict[str, tuple[ChangeKind, str, bool]] = {
    "channeldeleted": ("place_gone", "deleted", False),
    "channelrestored": ("place_restored", "", False),
    "teamarchived": ("place_gone", "archived", True),
    "teamunarchived": ("place_restored", "", True),
    "teamdeleted": ("workspace_removed", "deleted", True),
    "teamharddeleted": ("workspace_removed", "deleted", True),
    "teamrestored": ("place_restored", "", True),
}


def installation_update(activity: JSON) -> Inbound:
    """The app added to or removed from a team, chat or someone's personal scope. An add
    carries the locale copbot introduces itself in."""
    action = text_of(activity.get("action")).lower()
    data = as_dict(activity.get("channelData"))
    team = text_of(as_dict(data.get("team")).get("id")) or None
    if action in ("add", "add-upgrade") and _conversation_id(activity):
        change = _here(activity, "place_restored", reason="added")
    elif action in ("remove", "remove-upgrade") and (team or _conversation_id(activity)):
        change = _removed(activity, team)
    else:
        return Inbound.ignore(f"installation update {action or 'without an action'}", activity)
    return Inbound("change", activity, changes=(change,), key=delivery_key(activity))


def _here(activity: JSON, kind: ChangeKind, *, reason: str) -> Change:
    """A change of the conversation the activity comes from (copbot added there)."""
    place = place_of(activity) if _conversation_id(activity) else None
    data = as_dict(activity.get("channelData"))
    team = text_of(as_dict(data.get("team")).get("id")) or None
    return Change(
        kind, PLATFORM, workspace_id=team, place_id=place.conversation_id if place else None,
        place=place, reason=reason, lang=activity_lang(activity),
    )  # fmt: skip


def _removed(activity: JSON, team: str | None) -> Change:
    """copbot taken out of a team (all its channels), a group chat, or someone's own chat."""
    if team:
        return Change("workspace_removed", PLATFORM, workspace_id=team, reason="removed")
    if conversation_kind(activity) == "personal":
        sender = as_dict(activity.get("from"))
        actor = Actor(PLATFORM, text_of(sender.get("id"))) if sender.get("id") else None
        return Change("person_gone", PLATFORM, actor=actor, reason="removed")
    return Change("place_gone", PLATFORM, place_id=_conversation_id(activity), reason="removed")


def _people(activity: JSON, kind: ChangeKind, member: JSON, team: str | None) -> Change:
    """Someone joined or left: in a team that is every channel of it, in a chat the chat."""
    address = None
    if kind == "joined_place" and text_of(activity.get("serviceUrl")):
        address = roster_actors([member], activity=activity)[0].address
    actor = Actor(PLATFORM, text_of(member.get("id")),
                  display_name=text_of(member.get("name")) or None, address=address)  # fmt: skip
    place = None if team else _conversation_id(activity)
    return Change(kind, PLATFORM, workspace_id=team, place_id=place, actor=actor)


def _accounts(value: Any) -> list[JSON]:
    return [m for m in as_list(value) if isinstance(m, dict) and text_of(m.get("id"))]


def _conversation_id(activity: JSON) -> str | None:
    conversation_id = text_of(as_dict(activity.get("conversation")).get("id"))
    return conversation_id.split(";")[0] or None


def delivery_key(activity: JSON) -> str | None:
    """A redelivered activity carries the same id in the same conversation."""
    activity_id = text_of(activity.get("id"))
    conversation = text_of(as_dict(activity.get("conversation")).get("id"))
    return f"{conversation}:{activity_id}" if activity_id and conversation else None


def _field_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    return ""


EVENT_TYPES: dict[str, Translator] = {
    "message": message,
    "invoke adaptiveCard/action": card_invoke,
    f"invoke {FILE_CONSENT}": file_consent,
    "conversationUpdate": conversation_update,
    "installationUpdate": installation_update,
}
