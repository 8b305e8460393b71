"""Buddies write to each other through copbot, whatever platform each is on.

Buddies on different platforms (or in different workspaces) cannot message each other
directly, so copbot relays: `buddy <text>`, or the *Write to your buddy* button and its form,
sends the text as a DM to every other buddy of the group, on their own platform, naming the
writer (a person element: a mention where their platforms match, the name elsewhere), with a
*Reply* button. The text is not kept beyond the message itself; both logbooks note that they
were in touch. forget-me erases what a forgotten person wrote to others
(``bot.buddies.privacy``).
"""

from __future__ import annotations

from bot.buddies import messaging, service
from bot.buddies.models import BuddyGroup
from bot.commands.parser import check_text, parse_id
from bot.commands.registry import Action, community_of
from bot.context import Submission
from bot.errors import CopError, InvalidInput, NotFound
from bot.handling import Ctx
from bot.i18n import t
from bot.logbook.models import EntryKind
from bot.logbook.service import add_entry
from bot.members.messaging import lang_of, person
from bot.members.models import Member
from bot.messages import Button, Buttons, Form, Message, Question, Text
from bot.outbox.service import Outgoing

WRITE_ACTION = "buddy.write"
SEND_ACTION = "buddy.send"
# A message to a buddy, not a letter: long enough for what a chat message holds.
MAX_NOTE = 3000
# The logbook keeps who wrote, never what: its text says only the direction.
SENT, RECEIVED = "sent", "received"


def write_button(lang: str, group_id: int) -> Button:
    return Button(t(lang, "buddy.note.write_button"), WRITE_ACTION, str(group_id))


def relay(ctx: Ctx, *, group: service.Group, text: str) -> None:
    """Send ``text`` from the caller to every other buddy of ``group``."""
    writer = ctx.need_member()
    community = ctx.need_community()
    if all(m.id != writer.id for m in group.members):
        raise CopError("error.not_your_group")
    others = group.others(writer.id)
    if not others:
        ctx.reply(ctx.t("buddy.none"))
        return
    text = check_text(text).strip()
    if not text:
        raise InvalidInput("buddy.note.empty")
    if len(text) > MAX_NOTE:
        raise InvalidInput("buddy.note.too_long", limit=MAX_NOTE)
    stamp = int(ctx.now.timestamp())
    for other in others:
        ctx.send(
            Outgoing(
                # The writer's member id second: forget-me finds what they wrote by it.
                key=f"buddy-note:{writer.id}:{group.id}:{other.id}:{stamp}",
                member=other,
                community=community,
                message=relayed(member=other, lang=lang_of(other, community), writer=writer,
                                group_id=group.id, text=text),
            )
        )  # fmt: skip
        add_entry(
            ctx.session, member=other, kind=EntryKind.CONTACT, text=RECEIVED, now=ctx.now,
            meeting_id=group.meeting_id,
        )  # fmt: skip
    add_entry(
        ctx.session, member=writer, kind=EntryKind.CONTACT, text=SENT, now=ctx.now,
        meeting_id=group.meeting_id,
    )  # fmt: skip
    ctx.reply(ctx.t("buddy.note.sent", names=messaging.names(ctx.lang, others)))


def relayed(*, member: Member, lang: str, writer: Member, group_id: int, text: str) -> Message:
    said = t(lang, "buddy.note.from", who=person(writer))
    hint = t(lang, "buddy.note.reply_hint")
    quoted = "\n".join(f"> {line}" for line in text.splitlines() or [""])
    button = Button(t(lang, "buddy.note.reply_button"), WRITE_ACTION, str(group_id), "primary")
    return Message(
        text=f"{said}\n{quoted}\n{hint}",
        blocks=(Text(said), Text(quoted), Text(hint), Buttons((button,))),
    )


def clicked_group(ctx: Ctx, submission: Submission) -> service.Group:
    """The group a button names, with the clicker in it (the core resolved its community from
    the button, so ``ctx.member`` is the clicker's row there)."""
    group_id = parse_id(submission.value)
    group = service.group_by_id(ctx.session, group_id=group_id) if group_id is not None else None
    if group is None:
        raise NotFound("error.prompt_closed")
    mine = ctx.member
    if mine is None or not mine.is_current or all(m.id != mine.id for m in group.members):
        raise CopError("error.not_your_group")
    return group


def write(ctx: Ctx, submission: Submission) -> None:
    """*Write to your buddy* / *Reply*: the form to write in."""
    group = clicked_group(ctx, submission)
    others = group.others(ctx.need_member().id)
    if not others:
        ctx.reply(ctx.t("buddy.none"))
        return
    title = ctx.t("buddy.note.form_title")
    question = Question(
        "text", ctx.t("buddy.note.form_label", names=messaging.names(ctx.lang, others)),
        multiline=True,
    )  # fmt: skip
    form = Form(title, SEND_ACTION, str(group.id), (question,), ctx.t("buddy.note.form_submit"))
    ctx.reply(Message(text="", blocks=(form,)))


def send(ctx: Ctx, submission: Submission) -> None:
    relay(ctx, group=clicked_group(ctx, submission), text=submission.fields.get("text", ""))


ACTIONS = {
    WRITE_ACTION: Action(write, about=community_of(BuddyGroup)),
    SEND_ACTION: Action(send, about=community_of(BuddyGroup)),
}
