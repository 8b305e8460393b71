"""Answering the halfway reflection: two plain replies in turn, or one form with both
questions; each answer becomes an entry in the member's logbook."""

from __future__ import annotations

from bot.commands.parser import check_text
from bot.errors import InvalidInput
from bot.handling import Ctx
from bot.logbook.service import EntryKind, add_entry
from bot.messages import Form, Question
from bot.prompts.models import Prompt
from bot.prompts.registry import PromptKind
from bot.prompts.service import close
from bot.reflection.service import ANSWERS

FIELDS = ("learned", "next")


def _write(ctx: Ctx, prompt: Prompt, kind: EntryKind, text: str) -> None:
    add_entry(
        ctx.session,
        member=ctx.need_member(),
        kind=kind,
        text=check_text(text),
        now=ctx.now,
        meeting_id=prompt.meeting_id,
    )


def answer_text(ctx: Ctx, prompt: Prompt, text: str) -> None:
    """The first reply answers the first question and asks the second; the second closes."""
    if not text.strip():
        raise InvalidInput("reflection.error.empty")
    step = min(prompt.step, len(ANSWERS) - 1)
    _write(ctx, prompt, ANSWERS[step], text)
    if step == 0:
        prompt.step = 1
        prompt.touched_at = ctx.now  # the next plain reply is this prompt's second answer
        ctx.reply(ctx.t("reflection.ask_next"))
        return
    close(prompt, now=ctx.now)
    ctx.reply(ctx.t("reflection.saved"))


def submit(ctx: Ctx, prompt: Prompt, fields: dict[str, str]) -> None:
    """Both at once; a question left empty is left out (the first may be in the logbook
    already, from a reply)."""
    given = [(kind, fields.get(name, "")) for kind, name in zip(ANSWERS, FIELDS, strict=True)]
    given = [(kind, text) for kind, text in given if text.strip()]
    if not given:
        raise InvalidInput("reflection.error.empty")
    for kind, text in given:
        _write(ctx, prompt, kind, text)
    close(prompt, now=ctx.now)
    ctx.reply(ctx.t("reflection.saved"))


def form(ctx: Ctx, prompt: Prompt) -> Form:
    questions = [
        Question(id="learned", label=ctx.t("reflection.learned"), multiline=True),
        Question(id="next", label=ctx.t("reflection.next"), multiline=True),
    ]
    return Form(
        title=ctx.t("reflection.form_title"),
        action_id="prompt.submit",
        value=str(prompt.id),
        submit_label=ctx.t("prompt.submit"),
        # After a first reply only the second question is left to answer.
        questions=tuple(questions[min(prompt.step, 1) :]),
    )


PROMPTS = [PromptKind("reflection", answer_text=answer_text, submit=submit, form=form)]
