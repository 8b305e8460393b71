"""Messages about facilitator turns, each in its reader's language.

DMs are in the member's language, channel posts in the community's. Meeting times are shown
on the community's wall clock (the meeting happens there), converted with zoneinfo so they
stay right across daylight-saving changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.attendance.messaging import head_count_line
from bot.buddies.messaging import experiment_text
from bot.communities.models import Community
from bot.facilitation.models import SwapRequest
from bot.facilitation.rotation import SEATS, other_role
from bot.i18n import as_lang, t
from bot.meetings.messaging import meeting_label
from bot.meetings.models import Meeting
from bot.members.messaging import lang_of, person
from bot.members.models import Member
from bot.messages import Button, Buttons, Header, Message, Person, Text

if TYPE_CHECKING:
    # A type of the data it takes: messaging runs no rule.
    from bot.attendance.service import HeadCount
    from bot.facilitation.service import Outcome


def role_name(lang: str, role: str) -> str:
    return t(lang, f"facilitation.role.{role}")


def names_by_role(roles: Mapping[str, Member]) -> dict[str, Person | str]:
    """The ``content`` and ``process`` parameters of a pair text: each facilitator mentioned
    ('?' for a role nobody has)."""
    return {role: person(roles[role]) if role in roles else "?" for role in SEATS}


def roles_text(lang: str, roles: Mapping[str, Member]) -> str:
    """'content: Ann, process: Bob' for the facilitators by role, or that none are chosen."""
    if not roles:
        return t(lang, "facilitation.nobody_yet")
    return t(lang, "facilitation.pair", **names_by_role(roles))


def pair_text(lang: str, outcome: Outcome) -> str:
    return roles_text(lang, {role: m for role in SEATS if (m := outcome.member(role)) is not None})


def partner_line(lang: str, role: str, partner: Member | None) -> str:
    """Who the other facilitator is ('' while there is none)."""
    if partner is None:
        return ""
    return t(
        lang,
        "facilitation.assigned.partner",
        partner=person(partner),
        partner_role=role_name(lang, other_role(role)),
    )


def _message(title: str, *lines: str) -> Message:
    body = [line for line in lines if line]
    return Message(text="\n".join([title, *body]), blocks=(Header(title), *(Text(x) for x in body)))


def assigned_message(
    *, community: Community, meeting: Meeting, member: Member, role: str, partner: Member | None
) -> Message:
    lang = lang_of(member, community)
    label = meeting_label(community, meeting)
    number = meeting.number or "-"
    return _message(
        t(lang, "facilitation.assigned.title", meeting=label),
        t(lang, "facilitation.assigned.role", role=role_name(lang, role)),
        partner_line(lang, role, partner),
        t(lang, f"facilitation.tip.{role}"),
        t(lang, "facilitation.assigned.next", n=number),
    )


def released_message(
    *, community: Community, meeting: Meeting, member: Member, role: str
) -> Message:
    lang = lang_of(member, community)
    text = t(
        lang,
        "facilitation.released",
        meeting=meeting_label(community, meeting),
        role=role_name(lang, role),
    )
    return Message(text=text, blocks=(Text(text),))


def announcement(community: Community, outcome: Outcome, *, note: str = "") -> Message:
    lang = as_lang(community.lang)
    title = t(lang, "facilitation.announce", meeting=meeting_label(community, outcome.meeting))
    return _message(title, note, pair_text(lang, outcome))


# -- swaps ----------------------------------------------------------------------------------


def swap_request_message(
    *,
    community: Community,
    meeting: Meeting,
    swap: SwapRequest,
    reader: Member,
    giver: Member,
    taker: Member,
    by: Member,
) -> Message:
    lang = lang_of(reader, community)
    title = t(lang, "facilitation.swap.title", meeting=meeting_label(community, meeting))
    body = t(
        lang,
        "facilitation.swap.body",
        by=person(by),
        giver=person(giver),
        taker=person(taker),
        role=role_name(lang, swap.role),
    )
    ask = t(lang, "facilitation.swap.ask")
    value = str(swap.id)
    return Message(
        text=f"{title}\n{body}\n{ask}",
        blocks=(
            Header(title),
            Text(body),
            Text(ask),
            Buttons(
                (
                    Button(t(lang, "facilitation.swap.confirm"), "swap.confirm", value, "primary"),
                    Button(t(lang, "facilitation.swap.decline"), "swap.decline", value, "danger"),
                )
            ),
        ),
    )


def swap_declined_message(
    *, community: Community, meeting: Meeting, reader: Member, decliner: Member
) -> Message:
    lang = lang_of(reader, community)
    text = t(
        lang,
        "facilitation.swap.declined_note",
        who=person(decliner),
        meeting=meeting_label(community, meeting),
    )
    return Message(text=text, blocks=(Text(text),))


# -- the brief before a meeting ---------------------------------------------------------------


@dataclass(frozen=True)
class BriefInputs:
    """What the facilitators should know before the meeting."""

    checkins: list[tuple[str, str | None, str | None]]  # name, bring-in, experiment report
    topics: list[str]
    experiments: list[tuple[Sequence[str], str]]  # names, experiment
    groups: int = 0  # buddy groups of the cycle before the meeting
    agreed: int = 0  # how many of them agreed an experiment
    # Groups whose experiment did not happen: on the content facilitator's agenda.
    not_run: list[tuple[Sequence[str], str | None]] = field(default_factory=list)
    # Who said they come: the expected head count.
    head_count: HeadCount | None = None


def brief_message(
    *,
    community: Community,
    meeting: Meeting,
    member: Member,
    role: str,
    partner: Member | None,
    inputs: BriefInputs,
) -> Message:
    lang = lang_of(member, community)
    title = t(lang, "facilitation.brief.title", meeting=meeting_label(community, meeting))
    roles = t(lang, "facilitation.brief.roles", role=role_name(lang, role))
    partner_text = partner_line(lang, role, partner)
    lines = [
        f"{roles} {partner_text}" if partner_text else roles,
        t(lang, f"facilitation.tip.{role}"),
    ]
    if inputs.head_count is not None:
        lines.append(head_count_line(lang, inputs.head_count))
    if not inputs.checkins:
        lines.append(t(lang, "facilitation.brief.checkins_none"))
    else:
        entries = []
        for name, bring_in, report in inputs.checkins:
            entry = f"• {name}: {bring_in or '-'}"
            if report:
                entry += "\n  " + t(lang, "facilitation.brief.report", report=report)
            entries.append(entry)
        lines.append(
            t(lang, "facilitation.brief.checkins", count=len(inputs.checkins))
            + "\n"
            + "\n".join(entries)
        )
    if not inputs.topics:
        lines.append(t(lang, "facilitation.brief.topics_none"))
    else:
        lines.append(
            t(lang, "facilitation.brief.topics") + "\n" + "\n".join(f"• {x}" for x in inputs.topics)
        )
    if inputs.groups and not inputs.agreed:
        # A whole round without a single experiment is a signal, not an empty list.
        lines.append(t(lang, "facilitation.brief.experiments_none_agreed", count=inputs.groups))
    elif not inputs.experiments and inputs.groups:
        lines.append(t(lang, "facilitation.brief.experiments_reported"))
    elif not inputs.experiments:
        lines.append(t(lang, "facilitation.brief.experiments_none"))
    else:
        lines.append(
            t(lang, "facilitation.brief.experiments")
            + "\n"
            + "\n".join(
                f"• {' & '.join(names)}: {experiment_text(lang, text)}"
                for names, text in inputs.experiments
            )
        )
    if role == "content" and inputs.not_run:
        lines.append(
            t(lang, "facilitation.brief.not_run")
            + "\n"
            + "\n".join(
                f"• {' & '.join(names)}: "
                + (
                    experiment_text(lang, text)
                    if text
                    else t(lang, "facilitation.brief.none_agreed")
                )
                for names, text in inputs.not_run
            )
        )
    lines.append(t(lang, "facilitation.brief.footer"))
    return _message(title, *lines)
