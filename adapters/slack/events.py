"""Slack's side of the inbound contract: each payload type and the function translating it.

``translate.type_of`` names a payload's type; ``EVENT_TYPES`` maps it to its translator. A type
that is not in the table is ignored and answered 200 (``adapters.inbound.route``). Every bot
event named here is subscribed to in both manifests, and nothing else
(``tests/slack/test_manifest.py`` checks it).
"""

from __future__ import annotations

from dataclasses import replace

from adapters.inbound import Inbound, Kind, Malformed, Translator
from adapters.roster import is_members_sync
from adapters.slack.render import FORM_CALLBACK
from adapters.slack.translate import (
    JSON,
    PLATFORM,
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
from adapters.slack.users import lang_of_locale
from bot.context import Actor, Change, ChangeKind

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
    kind: Kind = "roster" if is_members_sync(text) and place.kind != "dm" else "command"
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
    if text_of(view.get("callback_id")) != FORM_CALLBACK:
        return Inbound.ignore("a view copbot did not open", body)
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
    kind: Kind = "roster" if is_members_sync(text) else "command"
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


# -- lifecycle --------------------------------------------------------------------------
def _change(
    kind: ChangeKind,
    body: JSON,
    *,
    place_id: str | None = None,
    actor: Actor | None = None,
    reason: str = "",
    new_place_id: str | None = None,
) -> Inbound:
    change = Change(
        kind, PLATFORM, workspace_id=team_of(body), place_id=place_id, new_place_id=new_place_id,
        actor=actor, reason=reason,
    )  # fmt: skip
    return Inbound("change", body, changes=(change,), key=event_key(body))


def app_uninstalled(body: JSON) -> Inbound:
    if not team_of(body):
        return Inbound.ignore("app_uninstalled without a workspace", body)
    return _change("workspace_removed", body, reason="uninstalled")


def tokens_revoked(body: JSON) -> Inbound:
    """Only the bot token matters: copbot has no user tokens."""
    tokens = as_dict(as_dict(body.get("event")).get("tokens"))
    bot = tokens.get("bot")
    if not team_of(body) or not isinstance(bot, list) or not bot:
        return Inbound.ignore("no bot token revoked", body)
    return _change("workspace_removed", body, reason="token revoked")


def member_joined(body: JSON) -> Inbound:
    """Someone joined a channel copbot is in; or copbot itself was added to one."""
    event = as_dict(body.get("event"))
    user, channel = text_of(event.get("user")), text_of(event.get("channel"))
    if not user or not channel:
        return Inbound.ignore("member_joined_channel without a user or channel", body)
    if user == bot_user_of(body):
        return _change("place_restored", body, place_id=channel, reason="added")
    return _change("joined_place", body, place_id=channel, actor=person(user))


def member_left(body: JSON) -> Inbound:
    """Someone left a channel copbot is in; or copbot itself was taken out."""
    event = as_dict(body.get("event"))
    user, channel = text_of(event.get("user")), text_of(event.get("channel"))
    if not user or not channel:
        return Inbound.ignore("member_left_channel without a user or channel", body)
    if user == bot_user_of(body):
        return _change("place_gone", body, place_id=channel, reason="removed")
    return _change("left_place", body, place_id=channel, actor=person(user))


def about_copbot(inbound: Inbound, bot_user_id: str | None) -> Inbound:
    """A join or leave of copbot's own user, when the payload alone does not say it is copbot
    (no authorizations): the channel gained or lost copbot."""
    if not bot_user_id or inbound.kind != "change":
        return inbound
    changes = tuple(
        Change("place_restored" if c.kind == "joined_place" else "place_gone", c.platform,
               workspace_id=c.workspace_id, place_id=c.place_id,
               reason="added" if c.kind == "joined_place" else "removed")
        if c.kind in ("joined_place", "left_place") and c.actor and c.actor.user_id == bot_user_id
        else c
        for c in inbound.changes
    )  # fmt: skip
    return replace(inbound, changes=changes)


def _channel_event(kind: ChangeKind, reason: str = "") -> Translator:
    def translate(body: JSON) -> Inbound:
        channel = text_of(as_dict(body.get("event")).get("channel"))
        if not channel:
            return Inbound.ignore("a channel event without a channel", body)
        return _change(kind, body, place_id=channel, reason=reason)

    return translate


def channel_id_changed(body: JSON) -> Inbound:
    event = as_dict(body.get("event"))
    old, new = text_of(event.get("old_channel_id")), text_of(event.get("new_channel_id"))
    if not old or not new:
        return Inbound.ignore("channel_id_changed without both ids", body)
    return _change("place_moved", body, place_id=old, new_place_id=new)


def user_change(body: JSON) -> Inbound:
    """A deactivated account, or a new time zone, language or name."""
    user = as_dict(as_dict(body.get("event")).get("user"))
    user_id = text_of(user.get("id"))
    if not user_id or user.get("is_bot"):
        return Inbound.ignore("user_change without a person", body)
    profile = as_dict(user.get("profile"))
    actor = Actor(
        PLATFORM,
        user_id,
        display_name=text_of(profile.get("display_name")) or text_of(profile.get("real_name"))
        or text_of(user.get("real_name")) or None,
        tz=text_of(user.get("tz")) or None,
        lang=lang_of_locale(text_of(user.get("locale"))),
    )  # fmt: skip
    kind: ChangeKind = "person_gone" if user.get("deleted") is True else "person_changed"
    return _change(kind, body, actor=actor, reason="deactivated" if kind == "person_gone" else "")


EVENT_TYPES: dict[str, Translator] = {
    "command": command,
    "block_actions": block_actions,
    "view_submission": view_submission_,
    "event message": message,
    "event app_mention": app_mention,
    "event app_home_opened": home_opened,
    "event app_uninstalled": app_uninstalled,
    "event tokens_revoked": tokens_revoked,
    "event member_joined_channel": member_joined,
    "event member_left_channel": member_left,
    "event channel_left": _channel_event("place_gone", "removed"),
    "event group_left": _channel_event("place_gone", "removed"),
    "event channel_archive": _channel_event("place_gone", "archived"),
    "event group_archive": _channel_event("place_gone", "archived"),
    "event channel_unarchive": _channel_event("place_restored"),
    "event group_unarchive": _channel_event("place_restored"),
    "event channel_deleted": _channel_event("place_gone", "deleted"),
    "event group_deleted": _channel_event("place_gone", "deleted"),
    "event channel_id_changed": channel_id_changed,
    "event user_change": user_change,
}
