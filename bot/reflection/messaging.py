"""The halfway reflection's DM, in the member's language."""

from __future__ import annotations

from bot.communities.models import Community
from bot.i18n import t
from bot.members.messaging import lang_of
from bot.members.models import Member
from bot.messages import Button, Buttons, Message, Text


def reflection_question(*, member: Member, community: Community, prompt_id: int) -> Message:
    """Both questions at once, so the member sees where it is going; a plain reply answers
    the first and the form both (every platform renders the button as its own form)."""
    lang = lang_of(member, community)
    lines = [
        t(lang, "reflection.intro", community=community.name),
        f"1. {t(lang, 'reflection.learned')}",
        f"2. {t(lang, 'reflection.next')}",
        t(lang, "reflection.how"),
    ]
    button = Button(t(lang, "prompt.form_button"), "prompt.form", str(prompt_id))
    text = "\n".join(lines)
    return Message(text=text, blocks=(Text(text), Buttons((button,))))
