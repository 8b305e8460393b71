"""The intake: organisation, discipline, practice case and learning goals, asked one by one."""

from __future__ import annotations

from datetime import timedelta

from bot.communities.models import Community
from bot.errors import InvalidInput
from bot.handling import Ctx
from bot.i18n import t
from bot.meetings.school import REGIONS, is_skip, parse_region
from bot.members import flows
from bot.members.messaging import intake_question, intake_steps, lang_of
from bot.members.models import Member
from bot.messages import Form, Question
from bot.prompts.models import Prompt
from bot.prompts.registry import PromptKind
from bot.prompts.service import close, open_prompt, was_asked

MAX_FIELD = {"organisation": 200, "discipline": 200}
# The intake stays open this long for its form and its one reminder; after it, a stray
# "thanks" weeks later must not become someone's organisation. The form and `my-data` remain.
INTAKE_OPEN_FOR = timedelta(days=14)


def start_intake(ctx: Ctx, member: Member) -> None:
    """Open the member's intake and DM its first question."""
    community = ctx.need_community()
    prompt = open_prompt(
        ctx.session,
        member=member,
        kind="intake",
        now=ctx.now,
        expires_at=ctx.now + INTAKE_OPEN_FOR,
        fresh=True,
    )
    ctx.send(flows.intake(community=community, member=member, prompt=prompt, now=ctx.now))


def _store(member: Member, field: str, value: str) -> None:
    value = value.strip()
    if field == "region":
        region = parse_region(value)
        if region is None and value and not is_skip(value):
            raise InvalidInput("intake.error.region", value=value[:40])
        member.region = region
        return
    setattr(member, field, value[: MAX_FIELD.get(field, 2000)] or None)


def start_intake_once(ctx: Ctx, member: Member) -> None:
    """The founder's intake: asked after their first `config` rather than at `setup`, so that
    it comes in the language they just chose; never asked twice."""
    if not was_asked(ctx.session, member_id=member.id, kind="intake"):
        start_intake(ctx, member)


def answer_text(ctx: Ctx, prompt: Prompt, text: str) -> None:
    member = ctx.need_member()
    community = ctx.need_community()
    steps = intake_steps(community)
    field = steps[prompt.step]
    _store(member, field, text)
    prompt.answers = {**prompt.answers, field: text}
    prompt.step += 1
    if prompt.step < len(steps):
        ctx.reply(intake_question(member, community, prompt_id=prompt.id, step=prompt.step))
        return
    close(prompt, now=ctx.now)
    ctx.reply(ctx.t("intake.done"))


def submit(ctx: Ctx, prompt: Prompt, fields: dict[str, str]) -> None:
    member = ctx.need_member()
    steps = intake_steps(ctx.need_community())
    for field in steps:
        if fields.get(field, "").strip():
            _store(member, field, fields[field])
    prompt.answers = {**prompt.answers, **{k: v for k, v in fields.items() if k in steps}}
    close(prompt, now=ctx.now)
    ctx.reply(ctx.t("intake.done"))


def form(ctx: Ctx, prompt: Prompt) -> Form:
    member = ctx.need_member()
    community: Community = ctx.need_community()
    lang = lang_of(member, community)
    return Form(
        title=t(lang, "intake.form_title"),
        action_id="prompt.submit",
        value=str(prompt.id),
        submit_label=t(lang, "prompt.submit"),
        questions=tuple(
            Question(
                id=field,
                label=t(lang, f"intake.q.{field}"),
                multiline=field in ("practice_case", "learning_goals"),
                optional=True,
                choices=tuple((r, r.capitalize()) for r in REGIONS) if field == "region" else (),
            )
            for field in intake_steps(community)
        ),
    )


PROMPTS = [
    PromptKind(
        "intake",
        answer_text=answer_text,
        submit=submit,
        form=form,
        # A plain reply is the intake's answer only while the intake is the live conversation:
        # right after its question, its reminder or the person's last answer to it, until the
        # person moves on to something copbot asked since (answers or works on it, or it is
        # settled or closes). Open for two weeks, the intake would otherwise take whatever
        # is typed after a later message: an experiment typed after the buddy pairing, whose
        # group had agreed one already, became someone's organisation. Its answers are the
        # profile others see (the social map, the pairing), so a sentence meant for another
        # question must never land there; once it is no longer live, copbot asks before
        # filing a reply under it (``bot.prompts.replies``).
        only_while_live=True,
    )
]
