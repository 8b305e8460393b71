"""Messages about reaching people: the question to someone who left the channel."""

from __future__ import annotations

from bot.communities.models import Community
from bot.i18n import t
from bot.messages import Button, Buttons, Message, Text


def left_channel(lang: str, community: Community) -> Message:
    """Someone left the channel: leave the community too, or stay?"""
    text = t(lang, "reach.left_channel", name=community.name)
    buttons = (
        Button(t(lang, "reach.leave_button"), "reach.leave", str(community.id), "danger"),
        Button(t(lang, "reach.stay_button"), "reach.stay", str(community.id)),
    )
    return Message(text=text, blocks=(Text(text), Buttons(buttons)))
