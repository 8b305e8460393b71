"""Messages of the buddy slice, each in the recipient's language."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.buddies.models import Outcome
from bot.communities.models import Community
from bot.i18n import t
from bot.members.messaging import lang_of, person
from bot.members.models import Member
from bot.messages import Button, Buttons, Fields, Header, Message, Person, Text, plain

if TYPE_CHECKING:
    # A type of the data it takes: messaging runs no rule.
    from bot.buddies.service import Group

# A channel post lists the groups only up to this many; big communities get a count.
ANNOUNCE_LIMIT = 30
# Write to your buddy, and Reply on a relayed note: the form to write in (bot.buddies.relay).
WRITE_ACTION = "buddy.write"


def names(lang: str, people: list[Member]) -> str:
    """'Ann', 'Ann and Bob', 'Ann, Bob and Cat': each a mention."""
    shown = [str(person(p)) for p in people]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + t(lang, "buddy.and") + shown[-1]


def with_you(lang: str, people: list[Member]) -> str:
    """'you and Ann', 'you, Ann and Bob': the member and their buddies, in a sentence."""
    you = t(lang, "buddy.you")
    shown = [str(person(p)) for p in people]
    if not shown:
        return you
    return ", ".join([you, *shown[:-1]]) + t(lang, "buddy.and") + shown[-1]


def experiment_text(lang: str, text: str) -> str:
    """The experiment as anyone sees it: its text, or a note that forget-me erased it (see
    ``bot.buddies.privacy.forget``), never an empty line."""
    return text or t(lang, "buddy.experiment_removed")


def about(member: Member) -> str:
    """'Gemeente Leiden · wijkverpleegkundige', either part alone, or '' when neither is known
    (the intake's questions are optional); the e-mail address only when the member chose to
    share it with their buddies (buddies on other platforms cannot look each other up)."""
    return " · ".join(x for x in (member.organisation, member.discipline, member.email) if x)


def introduce(member: Member) -> str:
    """'@Ann: Gemeente Leiden', or just '@Ann' when nothing more is known."""
    known = about(member)
    return f"{person(member)}: {known}" if known else str(person(member))


def pairing_dm(
    *,
    member: Member,
    community: Community,
    group: Group,
    prompt_id: int,
    next_start: datetime | None,
) -> Message:
    lang = lang_of(member, community)
    others = group.others(member.id)
    title = t(lang, "buddy.dm_title")
    together = with_you(lang, others)
    body = t(lang, "buddy.dm_body", together=together[:1].upper() + together[1:])
    # Someone placed in a group later finds its experiment already agreed: nothing to ask.
    agreed = group.experiment
    ask = (
        t(lang, "buddy.dm_ask")
        if agreed is None
        else t(lang, "buddy.dm_agreed", text=experiment_text(lang, agreed.text))
    )
    # What is known about each buddy; their names are in the body already.
    pairs = tuple((str(person(o)), about(o)) for o in others if about(o))
    parts = [title, body, *(f"{a}: {b}" for a, b in pairs), ask]
    blocks: list[Header | Text | Fields | Buttons] = [Header(title), Text(body)]
    if pairs:
        blocks.append(Fields(pairs))
    if next_start is not None:
        local = next_start.astimezone(ZoneInfo(member.tz or community.tz))
        until = t(lang, "buddy.dm_until", when=local.strftime("%Y-%m-%d %H:%M"))
        parts.append(until)
        blocks.append(Text(until))
    blocks.append(Text(ask))
    # copbot relays what buddies write each other, whatever platform each is on.
    how = t(lang, "buddy.note.how")
    parts.append(how)
    blocks.append(Text(how))
    buttons = [Button(t(lang, "buddy.note.write_button"), WRITE_ACTION, str(group.id))]
    if agreed is None:
        buttons.insert(0, Button(t(lang, "buddy.form_button"), "prompt.form", str(prompt_id)))
    blocks.append(Buttons(tuple(buttons)))
    return Message(text="\n".join(parts), blocks=tuple(blocks))


def announcement(*, community: Community, groups: list[Group]) -> Message:
    lang = community.lang
    title = t(lang, "buddy.announce", count=len(groups))
    lines = [f"• {names(lang, g.members)}" for g in groups[:ANNOUNCE_LIMIT]]
    if len(groups) > ANNOUNCE_LIMIT:
        lines.append(t(lang, "buddy.announce_more", count=len(groups) - ANNOUNCE_LIMIT))
    body = "\n".join(lines)
    return Message(text=f"{title}\n{body}", blocks=(Text(title), Text(body)))


def newcomer_told(
    *, member: Member, community: Community, group: Group, added: list[Member]
) -> Message:
    """To the members already in a group: who joins them for the rest of the cycle."""
    lang = lang_of(member, community)
    lines = [t(lang, "buddy.joined", who=names(lang, added))]
    if group.experiment is not None and group.experiment.text:  # an erased one has nothing to share
        lines.append(t(lang, "buddy.joined_experiment", text=group.experiment.text))
    text = " ".join(lines)
    return Message(text=text, blocks=(Text(text),))


def experiment_told(*, member: Member, community: Community, who: Person, text: str) -> Message:
    """To the other buddies when one notes the group's experiment: they see it, and how to
    propose another when it is not what they agreed."""
    lang = lang_of(member, community)
    message = t(lang, "buddy.experiment_told", who=who, text=text)
    hint = t(lang, "buddy.experiment_told_change")
    return Message(text=f"{message}\n{hint}", blocks=(Text(message), Text(hint)))


def nudge(*, member: Member, community: Community, group: Group) -> Message:
    lang = lang_of(member, community)
    title = t(lang, "buddy.nudge_title")
    others = group.others(member.id)
    if group.experiment is None:
        body = t(lang, "buddy.nudge_agree", together=with_you(lang, others))
        return Message(text=f"{title}\n{body}", blocks=(Header(title), Text(body)))
    text = experiment_text(lang, group.experiment.text)
    if others:
        body = t(lang, "buddy.nudge", names=names(lang, others), text=text)
    else:  # their buddies left: the experiment is still theirs
        body = t(lang, "buddy.nudge_solo", text=text)
    button = Button(t(lang, "buddy.done_button"), "experiment.done", str(group.id), "primary")
    return Message(text=f"{title}\n{body}", blocks=(Header(title), Text(body), Buttons((button,))))


def report_question(*, lang: str, text: str, prompt_id: int) -> Message:
    question = t(lang, "buddy.report_question", text=experiment_text(lang, text))
    button = Button(t(lang, "buddy.form_button"), "prompt.form", str(prompt_id))
    return Message(text=question, blocks=(Text(question), Buttons((button,))))


def proposal_message(
    *, member: Member, community: Community, who: object, current: str, text: str, proposal_id: int
) -> Message:
    """To a buddy: another one proposes to change the group's experiment; agree or keep it."""
    lang = lang_of(member, community)
    body = t(lang, "buddy.proposal.ask", who=who, text=text, current=current)
    value = str(proposal_id)
    return Message(
        text=body,
        blocks=(
            Text(body),
            Buttons(
                (
                    Button(t(lang, "buddy.proposal.agree"), "experiment.agree", value, "primary"),
                    Button(t(lang, "buddy.proposal.keep"), "experiment.keep", value),
                )
            ),
        ),
    )


def said(*, member: Member, community: Community, key: str, **params: object) -> Message:
    """A one-line DM about the group's experiment, in the reader's language."""
    text = t(lang_of(member, community), key, **params)
    return Message(text=text, blocks=(Text(text),))


def repaired_dm(
    *,
    member: Member,
    community: Community,
    group: Group,
    prompt_id: int,
    next_start: datetime | None,
) -> Message:
    """To a member whose buddy left: the usual 'meet your buddy', led by why."""
    lead = t(lang_of(member, community), "buddy.repaired")
    meet = pairing_dm(
        member=member, community=community, group=group, prompt_id=prompt_id, next_start=next_start
    )
    return Message(text=f"{lead}\n{meet.text}", blocks=(Text(lead), *meet.blocks))


def outcome_buttons(lang: str, report_id: int) -> Buttons:
    return Buttons(
        tuple(
            Button(
                t(lang, f"buddy.outcome.{o.value}"),
                "experiment.outcome",
                f"{report_id}:{o.value}",
                "primary" if o is Outcome.DONE else "default",
            )
            for o in Outcome
        )
    )


def outcome_question(*, lang: str, report_id: int) -> Message:
    question = t(lang, "buddy.outcome_question")
    return Message(text=question, blocks=(Text(question), outcome_buttons(lang, report_id)))


def report_saved(*, lang: str, report_id: int) -> Message:
    """The thanks for a report-back, asking in one click whether the experiment happened."""
    thanks = t(lang, "buddy.report_saved")
    question = t(lang, "buddy.outcome_question")
    return Message(
        text=f"{thanks}\n{question}",
        blocks=(Text(thanks), Text(question), outcome_buttons(lang, report_id)),
    )


def outcome_noted(*, lang: str, outcome: Outcome) -> Message:
    text = t(lang, "buddy.report_saved")
    if outcome is Outcome.NOT_DONE:
        text += "\n" + t(lang, "buddy.outcome_not_done")
    return plain(text)


def write_button(lang: str, group_id: int) -> Button:
    return Button(t(lang, "buddy.note.write_button"), WRITE_ACTION, str(group_id))


def relayed(*, member: Member, lang: str, writer: Member, group_id: int, text: str) -> Message:
    """A buddy's note as relayed: who wrote it, the text quoted, and a Reply button."""
    said = t(lang, "buddy.note.from", who=person(writer))
    hint = t(lang, "buddy.note.reply_hint")
    quoted = "\n".join(f"> {line}" for line in text.splitlines() or [""])
    button = Button(t(lang, "buddy.note.reply_button"), WRITE_ACTION, str(group_id), "primary")
    return Message(
        text=f"{said}\n{quoted}\n{hint}",
        blocks=(Text(said), Text(quoted), Text(hint), Buttons((button,))),
    )
