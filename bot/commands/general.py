"""``help`` and the prompt actions every slice's prompts share (answer button, form, submit),
and the buttons that file a kept plain reply under the question it answers."""

from __future__ import annotations

from bot.commands.parser import Parsed, parse_id
from bot.commands.registry import Action, Verb, canonical_verbs, community_of, up_to, verbs
from bot.context import Submission
from bot.errors import CopError, NotFound
from bot.handling import Ctx
from bot.members.models import Role
from bot.messages import Header, Message, Text
from bot.prompts.models import HeldReply, Prompt, PromptStatus
from bot.prompts.registry import kinds
from bot.prompts.replies import file_under, held_by_id, release
from bot.prompts.service import prompt_by_id


def help_verb(ctx: Ctx, parsed: Parsed) -> None:
    topic = parsed.arg(0)
    if topic:
        verb = verbs().get(topic.lower())
        if verb is None:
            raise CopError("error.unknown_verb", verb=topic[:40])
        ctx.reply(f"`{verb.name}`: {ctx.t('help.' + verb.name)}\n{ctx.t('usage.' + verb.name)}")
        return
    member = ctx.member if ctx.member is not None and ctx.member.is_current else None
    if member is None:
        ctx.reply(newcomer_help(ctx))
        return
    role = member.role_enum
    lines = []
    for verb in sorted(canonical_verbs(), key=lambda v: v.name):
        if verb.name in OUTSIDER_VERBS:
            continue
        if verb.role is not None and verb.role.rank > role.rank:
            continue
        lines.append(f"• `{verb.name}`: {ctx.t('help.' + verb.name)}")
    title = ctx.t("help.title", role=ctx.t(f"role.{role.value}"))
    body = "\n".join(lines)
    ctx.reply(
        Message(
            text=f"{title}\n{body}\n\n{ctx.t('help.footer')}",
            blocks=(Header(title), Text(body), Text(ctx.t("help.footer"))),
        )
    )


def newcomer_help(ctx: Ctx) -> Message:
    """`help` for someone outside a community: what copbot does, and how to start."""
    title, intro = ctx.t("help.intro_title"), ctx.t("help.intro")
    start, footer = ctx.t("help.start"), ctx.t("help.footer")
    return Message(
        text="\n\n".join((title, intro, start, footer)),
        blocks=(Header(title), Text(intro), Text(start), Text(footer)),
    )


# Verbs for people outside a community; a member's `help` leaves them out.
OUTSIDER_VERBS = frozenset({"setup", "join"})

VERBS = [Verb("help", help_verb, role=None, aliases=("hulp", "?"), args=up_to(1))]


def _own_prompt(ctx: Ctx, prompt_id: str) -> Prompt:
    """The prompt a button or form answers. The core has resolved the prompt's community, so
    the caller's member row there is the one the prompt must belong to."""
    number = parse_id(prompt_id.split(":")[0])
    prompt = prompt_by_id(ctx.session, prompt_id=number)
    if prompt is None:
        raise NotFound("error.prompt_closed")
    if ctx.member is None or prompt.member_id != ctx.member.id:
        raise CopError("error.not_your_prompt")
    ctx.need_member()
    if prompt.status != PromptStatus.OPEN.value or (
        prompt.expires_at is not None and prompt.expires_at <= ctx.now
    ):
        raise CopError("error.prompt_closed")
    return prompt


def answer_button(ctx: Ctx, submission: Submission) -> None:
    """A choice button in a prompt: value '<prompt id>:<choice>' answers the current step."""
    prompt = _own_prompt(ctx, submission.value)
    _, _, choice = submission.value.partition(":")
    prompt.touched_at = ctx.now
    kinds()[prompt.kind].answer_text(ctx, prompt, choice)


def open_form(ctx: Ctx, submission: Submission) -> None:
    """'Answer in a form' button: reply with the prompt's form (Slack opens it as a modal)."""
    prompt = _own_prompt(ctx, submission.value)
    # Opening its form is working on it: a reply typed instead follows it.
    prompt.touched_at = ctx.now
    ctx.reply(Message(text="", blocks=(kinds()[prompt.kind].form(ctx, prompt),)))


def submit_form(ctx: Ctx, submission: Submission) -> None:
    prompt = _own_prompt(ctx, submission.value)
    kinds()[prompt.kind].submit(ctx, prompt, dict(submission.fields))


def file_held(ctx: Ctx, submission: Submission) -> None:
    """'This answers that question', about a plain reply copbot kept because more than one
    question could take it (value '<prompt id>:<kept reply id>'): filed there exactly as if
    it had been typed in answer to it. A question closed since leaves the reply kept, so
    another button still files it."""
    prompt_part, _, held_part = submission.value.partition(":")
    held = held_by_id(ctx.session, held_id=parse_id(held_part))
    if held is None:
        raise CopError("reply.gone")
    prompt = _own_prompt(ctx, prompt_part)
    if prompt.id not in held.prompt_ids:  # not a question this reply was offered for
        raise CopError("error.not_your_prompt")
    text = held.text
    release(ctx.session, held=held)
    file_under(ctx, prompt=prompt, text=text)


def drop_held(ctx: Ctx, submission: Submission) -> None:
    """'None of these': the kept reply answers none of the questions; copbot forgets it."""
    held = held_by_id(ctx.session, held_id=parse_id(submission.value))
    if held is None:
        raise CopError("reply.gone")
    if ctx.member is None or held.member_id != ctx.member.id:
        raise CopError("error.not_your_prompt")
    release(ctx.session, held=held)
    ctx.reply(ctx.t("reply.dropped"))


ACTIONS = {
    "prompt.answer": Action(answer_button, about=community_of(Prompt)),
    "prompt.form": Action(open_form, about=community_of(Prompt)),
    "prompt.submit": Action(submit_form, about=community_of(Prompt)),
    "prompt.file": Action(file_held, about=community_of(Prompt)),
    "prompt.drop": Action(drop_held, about=community_of(HeldReply)),
}

__all__ = ["ACTIONS", "VERBS", "Role"]
