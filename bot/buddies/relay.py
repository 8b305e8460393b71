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

from bot.buddies import flows, messaging, service
from bot.buddies.messaging import WRITE_ACTION
from bot.buddies.models import BuddyGroup
from bot.commands.parser import check_text, parse_id
from bot.commands.registry import Action, community_of
from bot.context import Submission
from bot.errors import CopError, InvalidInput, NotFound
from bot.handling import Ctx
from bot.logbook.service import EntryKind, add_entry
from bot.messages import Form, Message, Question

SEND_ACTION = "buddy.send"
# A message to a buddy, not a letter: long enough for what a chat message holds.
MAX_NOTE = 3000
# The logbook keeps who wrote, never what: its text says only the direction.
SENT, RECEIVED = "sent", "received"


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
    for item in flows.relayed(
        community=community, writer=writer, group=group, text=text, now=ctx.now
    ):
        ctx.send(item)
    for other in others:
        add_entry(
            ctx.session, member=other, kind=EntryKind.CONTACT, text=RECEIVED, now=ctx.now,
            meeting_id=group.meeting_id,
        )  # fmt: skip
    add_entry(
        ctx.session, member=writer, kind=EntryKind.CONTACT, text=SENT, now=ctx.now,
        meeting_id=group.meeting_id,
    )  # fmt: skip
    ctx.reply(ctx.t("buddy.note.sent", names=messaging.names(ctx.lang, others)))


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
