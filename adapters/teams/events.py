"""Teams' side of the inbound contract: each activity type and the function translating it.

``type_of`` names an activity's type (``message``, ``invoke adaptiveCard/action``,
``conversationUpdate``); ``EVENT_TYPES`` maps it to its translator. A type that is not in the
table is ignored and answered 200 (``adapters.inbound.route``).
"""

from __future__ import annotations

from typing import Any

from adapters.inbound import Inbound, Malformed, Translator
from adapters.roster import is_members_sync
from adapters.teams.translate import (
    ACTION_KEY,
    PLATFORM,
    VALUE_KEY,
    activity_lang,
    as_dict,
    as_list,
    command_text,
    place_of,
    recipient_id,
    text_of,
    who_and_where,
)
from bot.context import Change, Submission

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
    kind = "roster" if is_members_sync(text) else "command"
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
    action_id = text_of(data.get(ACTION_KEY))
    if not action_id:
        raise Malformed("card submission without an action id")
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


def conversation_update(activity: JSON) -> Inbound:
    """copbot added to a team, a group chat or a 1:1 chat: it introduces itself there."""
    conversational(activity)
    bot = recipient_id(activity)
    added = [m for m in as_list(activity.get("membersAdded")) if isinstance(m, dict)]
    if bot and any(text_of(m.get("id")) == bot for m in added):
        place = place_of(activity)
        change = Change(
            "place_restored",
            PLATFORM,
            workspace_id=place.team_id,
            place_id=place.conversation_id,
            place=place,
            reason="bot added",
            lang=activity_lang(activity),
        )
        return Inbound("change", activity, place=place, change=change, key=delivery_key(activity))
    return Inbound.ignore("conversation update", activity)


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
    "conversationUpdate": conversation_update,
}
