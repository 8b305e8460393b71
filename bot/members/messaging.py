"""Messages to members: the intake questions and a newcomer's welcome."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.communities.models import Community
from bot.i18n import as_lang, t
from bot.meetings.models import Meeting
from bot.members.models import Member, Status
from bot.messages import Button, Buttons, Fields, Header, Message, Person, Text
from bot.prompts.models import Prompt

if TYPE_CHECKING:
    from bot.events import WelcomePart

# Every intake field (my-data shows them, forget-me erases them); a community asks
# ``intake_steps`` of them.
INTAKE_STEPS = ("organisation", "discipline", "practice_case", "learning_goals", "region")
# Asked last and not counted in "(2/4)": a member may skip it with `-`.
OPTIONAL_STEPS = ("region",)


def intake_steps(community: Community) -> tuple[str, ...]:
    """The questions this community's intake asks: the school holiday region only where
    copbot knows the regions' holidays (the Netherlands)."""
    if community.holiday_country == "NL":
        return INTAKE_STEPS
    return tuple(field for field in INTAKE_STEPS if field != "region")


def lang_of(member: Member, community: Community) -> str:
    return as_lang(member.lang or community.lang)


def person(member: Member) -> Person:
    """The member as someone a message names: a mention on their platform, in the
    workspace they joined in (another workspace of a community spanning two shows their
    name). A forgotten member keeps only the anonymous name, with no platform id to mention."""
    if member.status == Status.FORGOTTEN.value:
        return Person(member.platform, "", member.display_name)
    workspaces = (member.team_id,) if member.team_id else ()
    return Person(member.platform, member.user_id, member.display_name, workspaces)


def intake_question(member: Member, community: Community, *, prompt_id: int, step: int) -> Message:
    lang = lang_of(member, community)
    steps = intake_steps(community)
    field = steps[step]
    question = t(lang, f"intake.q.{field}")
    # The four questions about their work are counted; the region is an optional extra.
    counted = [f for f in steps if f not in OPTIONAL_STEPS]
    if field in OPTIONAL_STEPS:
        line = question
    else:
        line = f"{t(lang, 'intake.progress', step=step + 1, total=len(counted))} {question}"
    blocks: tuple[Header | Text | Buttons, ...] = (Text(line),)
    if step == 0:
        blocks = (
            Header(t(lang, "intake.title", name=community.name)),
            Text(t(lang, "intake.intro")),
            *blocks,
            Buttons((Button(t(lang, "prompt.form_button"), "prompt.form", str(prompt_id)),)),
        )
    return Message(text=line, blocks=blocks)


def welcome(
    *,
    member: Member,
    community: Community,
    meetings: Sequence[Meeting],
    now: datetime,
    adds: Sequence[WelcomePart] = (),
) -> Message:
    """What a newcomer reads first: the domain, the ambition, past themes (of ``meetings``),
    recent highlights, and what the features add (``adds``: the logbook's successes, the
    calendar file)."""
    lang = lang_of(member, community)
    themes = [
        f"{m.number}. {m.theme}"
        for m in meetings
        if m.theme and m.starts_at <= now and not m.is_cancelled
    ][-6:]
    highlights = [f"• {text}" for add in adds for text in add.highlights]
    title = t(lang, "welcome.title", name=community.name, who=person(member))
    pairs = (
        (t(lang, "community.question"), community.question or "-"),
        (t(lang, "community.ambition"), community.ambition or "-"),
    )
    parts = [title, *(f"{k}: {v}" for k, v in pairs)]
    blocks: list[Header | Text | Fields] = [Header(title), Fields(pairs)]
    if themes:
        body = t(lang, "welcome.themes") + "\n" + "\n".join(themes)
        parts.append(body)
        blocks.append(Text(body))
    if highlights:
        body = t(lang, "welcome.highlights") + "\n" + "\n".join(highlights)
        parts.append(body)
        blocks.append(Text(body))
    parts.append(t(lang, "welcome.next"))
    blocks.append(Text(t(lang, "welcome.next")))
    message = Message(text="\n".join(parts), blocks=tuple(blocks))
    for add in adds:
        if add.appendix is not None:
            extra = add.appendix
            message = Message(
                text=f"{message.text}\n{extra.text}", blocks=(*message.blocks, *extra.blocks)
            )
    return message


def role_told(*, member: Member, community: Community, by: Member) -> Message:
    """To someone whose role changed: who changed it, and what the new role lets them do."""
    lang = lang_of(member, community)
    title = t(
        lang,
        "member.role_told",
        by=person(by),
        role=t(lang, f"role.{member.role}"),
        name=community.name,
    )
    lines = [t(lang, f"member.role_can.{member.role}")]
    if community.facilitation == "core":
        lines.append(t(lang, "member.core_joined" if member.in_core_group else "member.core_left"))
    body = " ".join(lines)
    return Message(text=f"{title}\n{body}", blocks=(Header(title), Text(body)))


# Let in / Decline on a request to join a closed community (``bot.members.approval``).
APPROVE = "member.approve"
DECLINE = "member.decline"


def join_request(lang: str, community: Community, *, who: Person, request_id: int) -> Message:
    """An organiser is asked to let someone into a closed community."""
    text = t(lang, "member.request", who=who, name=community.name)
    buttons = (
        Button(t(lang, "member.approve_button"), APPROVE, str(request_id), "primary"),
        Button(t(lang, "member.decline_button"), DECLINE, str(request_id), "danger"),
    )
    return Message(text=text, blocks=(Text(text), Buttons(buttons)))


def invitation(community: Community) -> Message:
    """The invitation to join, with a Join button, in the community's language."""
    text = t(
        community.lang, "member.invite", name=community.name, question=community.question or "-"
    )
    button = Button(
        t(community.lang, "member.invite_button"), "member.join", str(community.id), "primary"
    )
    return Message(text=text, blocks=(Text(text), Buttons((button,))))


def intake_reminder(member: Member, community: Community, *, prompt: Prompt) -> Message:
    """The one reminder of an unfinished intake: it opens again where they left it."""
    question = intake_question(member, community, prompt_id=prompt.id, step=prompt.step)
    nudge = t(lang_of(member, community), "intake.reminder", name=community.name)
    return Message(text=f"{nudge}\n{question.text}", blocks=(Text(nudge), *question.blocks))
