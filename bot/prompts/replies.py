"""Which open question a plain reply answers, and the replies kept while copbot asks.

A person often has more than one question open (the intake's reminder and a check-in, an
experiment to agree and an evaluation), and a plain reply in their DM does not say which one
it answers. Filing it under the wrong one stores a sentence as their organisation, or their
organisation as what they bring to the meeting. So copbot files a reply only when one
question can take it; otherwise it keeps the text (``HeldReply``, stored before copbot
answers, so nothing said is lost) and asks, one button per question (``prompt.file``).

The rules, in order:

1. A question can take a reply while it is open and unexpired and its kind takes the text at
   its current step (``PromptKind.takes``: a rating step takes "4", not a sentence).
2. A question that stays open long after it was asked (``PromptKind.only_while_live``: the
   intake, open for two weeks for its form and its reminder) takes a reply only while it is
   still the conversation (``still_live``).
3. A question whose step the text unmistakably answers (``PromptKind.claims``: "4" where a
   rating is asked) takes it, when it is the only one.
4. The conversation's turn: the question the person worked on last (an answer to one of its
   steps, a button), after every other question was asked, takes the reply alone: copbot
   has just asked its next step, and the reply follows it. A reminder that asks a question
   again is copbot's turn, not the person's: it makes the question live again (rule 2)
   without settling which question the next reply is for.
5. Otherwise one question takes it as before; with several, copbot asks. With none but a
   question that is no longer live, copbot asks about that one (never files it silently);
   with none that takes the text, the newest open question answers it with its own error
   (a sentence where a rating is asked), and with no open question copbot says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.handling import Ctx
from bot.prompts.models import HeldReply, Prompt, PromptStatus
from bot.prompts.registry import kinds


@dataclass(frozen=True)
class Reading:
    """What a plain reply can answer: ``answer`` when one question takes it; else the
    questions to ``offer`` (``earlier``: they are no longer the conversation)."""

    answer: Prompt | None
    offer: tuple[Prompt, ...] = ()
    earlier: bool = False

    @property
    def newest(self) -> Prompt | None:
        """The question asked or worked on last among those the reply could answer."""
        return self.answer if self.answer is not None else next(iter(self.offer), None)


def turn(prompt: Prompt) -> datetime:
    """When the question was last asked (opened, or asked again by a reminder) or worked on."""
    return max(t for t in (prompt.created_at, prompt.reminded_at, prompt.touched_at) if t)


def worked_on_last(prompt: Prompt) -> bool:
    """Is the person's own work (not copbot's asking) the question's latest turn?"""
    return prompt.touched_at is not None and prompt.touched_at >= turn(prompt)


def read_reply(session: Session, *, member_ids: Sequence[int], text: str, now: datetime) -> Reading:
    """Which of these members' open questions the plain reply ``text`` answers (the rules
    above). Two queries, and one more per open question of a kind that takes replies only
    while it is live (usually none, at most the intake)."""
    if not member_ids:
        return Reading(None)
    found = sorted(
        session.scalars(
            select(Prompt).where(
                Prompt.member_id.in_(list(member_ids)), Prompt.status == PromptStatus.OPEN.value
            )
        ),
        # The latest turn first; at the same moment, the person's work before copbot's asking.
        key=lambda p: (turn(p), worked_on_last(p), p.id),
        reverse=True,
    )
    declared = kinds()
    unexpired = [
        p for p in found if (p.expires_at is None or p.expires_at > now) and p.kind in declared
    ]
    live, earlier = [], []
    for p in unexpired:
        if not declared[p.kind].only_while_live or still_live(
            session, prompt=p, member_ids=member_ids, now=now
        ):
            live.append(p)
        elif declared[p.kind].takes(p, text):
            earlier.append(p)
    takers = [p for p in live if declared[p.kind].takes(p, text)]
    claimed = [p for p in takers if (claims := declared[p.kind].claims) and claims(p, text)]
    if len(claimed) == 1:
        return Reading(claimed[0])
    if takers:
        first = takers[0]
        # The person worked on it last: a reply at the same moment as another question was
        # asked still follows their own work (a reminder of copbot's does not count).
        if len(takers) == 1 or (worked_on_last(first) and turn(first) >= turn(takers[1])):
            return Reading(first)
        return Reading(None, tuple(takers))
    if earlier:
        return Reading(None, tuple(earlier), earlier=True)
    # Nothing takes it: the newest question answers it as before, with its own friendly
    # error (a sentence where a rating is asked).
    return Reading(live[0] if live else None)


def still_live(
    session: Session, *, prompt: Prompt, member_ids: Sequence[int], now: datetime
) -> bool:
    """Is ``prompt`` still the conversation: has nothing else happened since it was last
    asked (or worked on) that shows the person moved on?

    Moved on: another question was answered or worked on since, or one asked since was
    settled or closed (a buddy agreed the experiment, the check-in closed at the meeting).
    A question asked since and still waiting does not end it: someone who gets a check-in
    an hour after the intake's reminder may still be answering the reminder, so a reply then
    is asked about rather than given to either (rule 5)."""
    since = turn(prompt)
    others = session.scalars(
        select(Prompt).where(
            Prompt.member_id.in_(list(member_ids)),
            Prompt.id != prompt.id,
            or_(
                Prompt.created_at > since,
                Prompt.answered_at > since,
                Prompt.touched_at > since,
            ),
        )
    ).all()
    return not any(_moved_on(other, since=since, now=now) for other in others)


def _moved_on(other: Prompt, *, since: datetime, now: datetime) -> bool:
    if other.answered_at is not None and other.answered_at > since:
        return True
    if other.touched_at is not None and other.touched_at > since:
        return True
    closed = other.status != PromptStatus.OPEN.value or (
        other.expires_at is not None and other.expires_at <= now
    )
    return other.created_at > since and closed


def file_under(ctx: Ctx, *, prompt: Prompt, text: str) -> None:
    """``text`` answers ``prompt``'s current step: typed in reply to it, or kept and then
    filed by the person's click. A question still open after it has just asked its next
    step, so it is worked on now: the next reply follows it (rule 4)."""
    kinds()[prompt.kind].answer_text(ctx, prompt, text)
    if prompt.status == PromptStatus.OPEN.value:
        prompt.touched_at = ctx.now


# -- replies kept while copbot asks which question they answer -----------------------------
def hold(session: Session, *, prompts: Sequence[Prompt], text: str, now: datetime) -> HeldReply:
    """Keep ``text`` until the person picks which of ``prompts`` it answers."""
    first = prompts[0]
    held = HeldReply(
        community_id=first.community_id,
        member_id=first.member_id,
        text=text,
        prompt_ids=[p.id for p in prompts],
        created_at=now,
    )
    session.add(held)
    session.flush()
    return held


def held_by_id(session: Session, *, held_id: int | None) -> HeldReply | None:
    return session.get(HeldReply, held_id) if held_id is not None else None


def release(session: Session, *, held: HeldReply) -> None:
    """The kept text is filed (it lives on as the answer) or was not meant as one."""
    session.delete(held)
    session.flush()


def held_of(session: Session, *, member_id: int) -> list[HeldReply]:
    """The member's replies still waiting for their question, oldest first."""
    return list(
        session.scalars(
            select(HeldReply)
            .where(HeldReply.member_id == member_id)
            .order_by(HeldReply.created_at, HeldReply.id)
        )
    )
