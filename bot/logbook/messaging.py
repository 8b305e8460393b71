"""Messages of the logbook: the offer to share a success, and a shared success."""

from __future__ import annotations

from bot.communities.models import Community
from bot.i18n import as_lang, t
from bot.members.messaging import lang_of, person
from bot.members.models import Member
from bot.messages import Button, Buttons, Message, Text


def share_offer(*, lang: str, entry_id: int) -> Message:
    saved = t(lang, "logbook.saved.success")
    offer = t(lang, "logbook.share_offer")
    button = Button(t(lang, "logbook.share_button"), "success.share", str(entry_id), "primary")
    return Message(text=f"{saved}\n{offer}", blocks=(Text(saved), Text(offer), Buttons((button,))))


def shared_success(*, community: Community, author: Member, text: str) -> Message:
    """The channel's celebration, in the community's language."""
    said = t(as_lang(community.lang), "logbook.shared_post", who=person(author), text=text)
    return Message(text=said, blocks=(Text(said),))


def goal_question(
    *, member: Member, community: Community, goal: str | None, prompt_id: int
) -> Message:
    lang = lang_of(member, community)
    question = t(lang, "logbook.goal_question")
    lines = [question]
    if goal:
        lines.append(t(lang, "logbook.goal_reminder", goal=goal))
    lines.append(t(lang, "logbook.goal_how"))
    button = Button(t(lang, "prompt.form_button"), "prompt.form", str(prompt_id))
    return Message(text="\n".join(lines), blocks=(Text("\n".join(lines)), Buttons((button,))))
