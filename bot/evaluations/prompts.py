"""The evaluation prompt: a rating (button or reply), then 'what was valuable?' and 'which
topics next?' by reply; or all three in a form."""

from __future__ import annotations

from bot.commands.parser import MAX_TEXT_LENGTH
from bot.errors import InvalidInput
from bot.evaluations import service
from bot.evaluations.messaging import OPEN_STEPS, evaluation_form, open_question
from bot.handling import Ctx
from bot.messages import Form
from bot.prompts.models import Prompt
from bot.prompts.registry import PromptKind
from bot.prompts.service import close, meeting_of

# At most this many words may be a rating ("4", "4 / 5", "vier"); more is a sentence.
RATING_WORDS = 3
# A reply that means "nothing to say here" rather than an answer to list in the summary.
SKIP_WORDS = frozenset({"-", "skip", "pass", "overslaan", "sla over", "nvt", "n.v.t.", "geen"})


def _free_text(value: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidInput("error.too_long", limit=MAX_TEXT_LENGTH)
    return "" if value.lower() in SKIP_WORDS else value


def answer_text(ctx: Ctx, prompt: Prompt, text: str) -> None:
    member = ctx.need_member()
    meeting_id = meeting_of(prompt)
    if prompt.step == 0:
        rating = service.parse_rating(text)
        service.save(ctx.session, member=member, meeting_id=meeting_id, now=ctx.now, rating=rating)
    elif OPEN_STEPS[prompt.step - 1] == "valuable":
        service.save(
            ctx.session,
            member=member,
            meeting_id=meeting_id,
            now=ctx.now,
            valuable=_free_text(text),
        )
    else:
        service.save(
            ctx.session, member=member, meeting_id=meeting_id, now=ctx.now, topics=_free_text(text)
        )
    prompt.step += 1
    if prompt.step <= len(OPEN_STEPS):
        ctx.reply(open_question(ctx.lang, prompt.step))
        return
    close(prompt, now=ctx.now)
    ctx.reply(ctx.t("evaluation.thanks"))


def takes(prompt: Prompt, text: str) -> bool:
    """The first step takes a rating, or a word or two that may be meant as one ("7",
    "zeven": they get the rating's friendly error); a sentence typed while the rating is
    asked is meant for another open question."""
    if prompt.step > 0 or len(text.split()) <= RATING_WORDS:
        return True
    try:
        service.parse_rating(text)
    except InvalidInput:
        return False
    return True


def claims(prompt: Prompt, text: str) -> bool:
    """A rating where the rating is asked is its answer, whatever else is open."""
    if prompt.step > 0:
        return False
    try:
        service.parse_rating(text)
    except InvalidInput:
        return False
    return True


def submit(ctx: Ctx, prompt: Prompt, fields: dict[str, str]) -> None:
    member = ctx.need_member()
    rating = service.parse_rating(fields.get("rating", ""))
    service.save(
        ctx.session,
        member=member,
        meeting_id=meeting_of(prompt),
        now=ctx.now,
        rating=rating,
        valuable=_free_text(fields.get("valuable", "")),
        topics=_free_text(fields.get("topics", "")),
    )
    prompt.step = len(OPEN_STEPS) + 1
    close(prompt, now=ctx.now)
    ctx.reply(ctx.t("evaluation.thanks"))


def form(ctx: Ctx, prompt: Prompt) -> Form:
    return evaluation_form(ctx.lang, prompt_id=prompt.id)


PROMPTS = [
    PromptKind(
        service.KIND, answer_text=answer_text, submit=submit, form=form, takes=takes, claims=claims
    )
]
