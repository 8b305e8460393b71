"""Calendar messages: the file with a schedule change, the feed address."""

from __future__ import annotations

from bot.i18n import t
from bot.messages import Block, File, Message, Text


def with_calendar(message: Message, *, lang: str, file: File) -> Message:
    """``message`` with the member's calendar file attached and a line saying what it is."""
    note = t(lang, "invites.attached")
    return Message(text=f"{message.text}\n{note}", blocks=(*message.blocks, Text(note), file))


def change_message(*, lang: str, name: str, change: str, file: File) -> Message:
    title = t(lang, "invites.change_title", name=name)
    blocks: tuple[Block, ...] = (Text(title), Text(change))
    return with_calendar(Message(text=f"{title}\n{change}", blocks=blocks), lang=lang, file=file)


def feed_message(*, lang: str, url: str, public: bool, file: File) -> Message:
    lines = [t(lang, "invites.feed", url=url)]
    if not public:
        lines.append(t(lang, "invites.feed_no_host"))
    lines.append(t(lang, "invites.feed_revoke"))
    text = "\n".join(lines)
    return with_calendar(Message(text=text, blocks=(Text(text),)), lang=lang, file=file)
