"""Slack's side of the inbound contract: each payload type and the function translating it.

``translate.type_of`` names a payload's type; ``EVENT_TYPES`` maps it to its translator. A type
that is not in the table is ignored and answered 200 (``adapters.inbound.route``). Every bot
event named here is subscribed to in both manifests, and nothing else
(``tests/slack/test_manifest.py`` checks it).
"""

from __future__ import annotations

from adapters.inbound import Inbound, Malformed, Translator
from adapters.roster import is_members_sync
from adapters.slack.translate import (
    JSON,
    action_submission,
    as_dict,
    bot_user_of,
    channel_of_action,
    person,
    place_for,
    strip_mention,
    team_of,
    text_of,
    user_of,
    view_submission,
)

# DM messages that are a person writing: plain ones, with a file attached, sent from a thread
# "also to the channel", and /me. Edits, deletions, joins and bots are not answers.
ANSWER_SUBTYPES = frozenset({"", "file_share", "thread_broadcast", "me_message"})


def command(body: JSON) -> Inbound:
    """``/cop <text>`` (the only slash command the manifest declares)."""
    channel = text_of(body.get("channel_id"))
    if not channel:
        raise Malformed("a slash command without a channel")
    place = place_for(channel, team_of(body), channel_name=text_of(body.get("channel_name")))
    text = text_of(body.get("text"))
    # A DM has no roster to invite: there the core explains that members sync needs a channel.
    kind = "roster" if is_members_sync(text) and place.kind != "dm" else "command"
    return Inbound(kind, body, actor=person(user_of(body)), place=place, text=text)


def block_actions(body: JSON) -> Inbound:
    """A button (or select) in a message copbot sent, on the Home tab or in a modal."""
    actions = body.get("actions")
    if not isinstance(actions, list) or not actions or not isinstance(actions[0], dict):
        raise Malformed("block_actions without an action")
    # Without a channel (Home tab, modal) the click counts as said in copbot's DM.
    place = place_for(channel_of_action(body) or "", team_of(body))
    submission = action_submission(actions[0])
    return Inbound("action", body, actor=person(user_of(body)), place=place, submission=submission)


def view_submission_(body: JSON) -> Inbound:
    """A modal copbot opened (a form), submitted."""
    view = body.get("view")
    if not isinstance(view, dict):
        raise Malformed("view_submission without a view")
    submission, channel = view_submission(view)
    place = place_for(channel or "", team_of(body))
    return Inbound("action", body, actor=person(user_of(body)), place=place, submission=submission)


def message(body: JSON) -> Inbound:
    """message.im: someone writes in their DM with copbot (an answer or a command)."""
    event = as_dict(body.get("event"))
    subtype = text_of(event.get("subtype"))
    user = text_of(event.get("user"))
    if text_of(event.get("channel_type")) != "im":
        return Inbound.ignore("a message outside copbot's DM", body)
    if subtype not in ANSWER_SUBTYPES or event.get("bot_id") or not user:
        return Inbound.ignore(f"a DM message of subtype {subtype or 'none'} or by a bot", body)
    if user == bot_user_of(body):
        return Inbound.ignore("copbot's own message", body)
    channel = text_of(event.get("channel"))
    if not channel:
        raise Malformed("a message event without a channel")
    # Slack sends message.im only for DMs copbot is in: the channel is confirmed its own.
    place = place_for(channel, team_of(body), own_dm=True)
    return Inbound(
        "message", body, actor=person(user), place=place, text=text_of(event.get("text")),
        key=event_key(body),
    )  # fmt: skip


def app_mention(body: JSON) -> Inbound:
    """``@copbot <verb>`` in a channel."""
    event = as_dict(body.get("event"))
    user = text_of(event.get("user"))
    if not user or event.get("bot_id"):
        return Inbound.ignore("a mention by a bot", body)
    channel = text_of(event.get("channel"))
    if not channel:
        raise Malformed("an app_mention without a channel")
    text = strip_mention(text_of(event.get("text")), bot_user_of(body))
    kind = "roster" if is_members_sync(text) else "command"
    return Inbound(
        kind, body, actor=person(user), place=place_for(channel, team_of(body)), text=text,
        key=event_key(body),
    )  # fmt: skip


def home_opened(body: JSON) -> Inbound:
    """The App Home tab opened: copbot publishes the person's overview."""
    event = as_dict(body.get("event"))
    user = text_of(event.get("user"))
    if text_of(event.get("tab")) not in ("", "home") or not user:
        return Inbound.ignore("the messages tab", body)
    return Inbound("home", body, actor=person(user), key=event_key(body))


def event_key(body: JSON) -> str | None:
    """Slack retries an event it thinks was missed with the same event_id."""
    event_id = text_of(body.get("event_id"))
    return f"{team_of(body) or '-'}:{event_id}" if event_id else None


EVENT_TYPES: dict[str, Translator] = {
    "command": command,
    "block_actions": block_actions,
    "view_submission": view_submission_,
    "event message": message,
    "event app_mention": app_mention,
    "event app_home_opened": home_opened,
}
