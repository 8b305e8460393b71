"""The 'how is your learning goal going?' question: a plain reply or a one-question form, into
the member's logbook."""

from __future__ import annotations

from bot.commands.parser import check_text
from bot.errors import InvalidInput
from bot.handling import Ctx
from bot.logbook.models import EntryKind
from bot.logbook.service import add_entry
from bot.messages import Form, Question
from bot.prompts.models import Prompt
from bot.prompts.registry import PromptKind
from bot.prompts.service import close


def _record(ctx: Ctx, prompt: Prompt, text: str) -> None:
    if not text.strip():
        raise InvalidInput("logbook.error.empty_progress")
    member = ctx.need_member()
    add_entry(
        ctx.session,
        member=member,
        kind=EntryKind.PROGRESS,
        text=check_text(text),
        now=ctx.now,
        meeting_id=prompt.meeting_id,
    )
    close(prompt, now=ctx.now)
    ctx.reply(ctx.t("logbook.saved.progress"))


def answer_text(ctx: Ctx, prompt: Prompt, text: str) -> None:
    _record(ctx, prompt, text)


def submit(ctx: Ctx, prompt: Prompt, fields: dict[str, str]) -> None:
    _record(ctx, prompt, fields.get("progress", ""))


def form(ctx: Ctx, prompt: Prompt) -> Form:
    return Form(
        title=ctx.t("logbook.goal_form_title"),
        action_id="prompt.submit",
        value=str(prompt.id),
        submit_label=ctx.t("prompt.submit"),
        questions=(Question(id="progress", label=ctx.t("logbook.goal_question"), multiline=True),),
    )


PROMPTS = [PromptKind("goal", answer_text=answer_text, submit=submit, form=form)]
