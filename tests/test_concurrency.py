"""Rejoining, and concurrent inputs of one person: real threads against the real core.

Each thread waits at a barrier and then calls the core at the same moment; whatever order the
database lets them in, the answers must be the ones inputs one after the other would get.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from bot.context import Reply
from bot.members.models import Member, Status
from bot.texts import TEXTS
from tests.harness import Harness, buttons

INTERNAL = (TEXTS["error.internal"]["en"], TEXTS["error.internal"]["nl"])


def text(replies: list[Reply]) -> str:
    return "\n".join(r.message.text for r in replies)


def at_once(*calls: Callable[[], list[Reply]]) -> list[str]:
    """Run ``calls`` in threads released together by a barrier; their answers, in call order."""
    barrier = threading.Barrier(len(calls))
    answers: list[str | BaseException] = [""] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            answers[index] = text(calls[index]())
        except BaseException as exc:  # reported below, in the test's own thread
            answers[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for answer in answers:
        if isinstance(answer, BaseException):
            raise answer
    assert not any(internal in str(a) for a in answers for internal in INTERNAL), answers
    return [str(a) for a in answers]


def intake(bot: Harness, user: str) -> None:
    for answer in ("Gemeente Utrecht", "Social work", "Loneliness", "Listening better"):
        bot.dm(user, answer)


# -- rejoining ---------------------------------------------------------------------------------
def test_a_member_who_finished_the_intake_and_left_can_rejoin(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    assert "Welcome" in bot.text("bob", "join")
    intake(bot, "bob")
    assert "You have left" in bot.text("bob", "leave")
    for _ in range(2):  # every time, not only the first
        bot.clock.advance(timedelta(minutes=5))
        joined = bot.text("bob", "join")
        assert "Welcome" in joined, joined
        # The intake starts again at its first question, and a reply answers it.
        first = [m.text for m in bot.inbox("bob") if "(1/4)" in m.text]
        assert first, "no first intake question after rejoining"
        assert "(2/4)" in bot.dm_text("bob", "Gemeente Amersfoort")
        bot.clock.advance(timedelta(minutes=5))
        assert "You have left" in bot.text("bob", "leave")
    with bot.factory() as session:
        bob = session.scalars(select(Member).where(Member.user_id == "bob")).one()
        assert bob.organisation == "Gemeente Amersfoort"


def test_rejoining_through_the_join_button(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    assert "Welcome" in bot.text("bob", "join")
    intake(bot, "bob")
    bot.text("bob", "leave")
    bot.inbox("bob")
    with bot.factory() as session:
        from bot.communities.models import Community

        community_id = session.scalars(select(Community.id)).one()
    bot.clock.advance(timedelta(minutes=5))
    joined = text(bot.click("bob", "member.join", str(community_id)))
    assert "Welcome" in joined, joined
    first = [m for m in bot.inbox("bob") if "(1/4)" in m.text]
    assert first and ("Answer in a form", "prompt.form") in [b[:2] for b in buttons(first[0])]


# -- races -------------------------------------------------------------------------------------
def test_six_simultaneous_joins_of_one_person(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    answers = at_once(*(lambda: bot.say("bob", "join") for _ in range(6)))
    welcomed = [a for a in answers if "Welcome" in a]
    assert len(welcomed) == 1, answers
    assert sum("already a member" in a for a in answers) == 5, answers
    with bot.factory() as session:
        assert len(session.scalars(select(Member).where(Member.user_id == "bob")).all()) == 1
    # One welcome and one intake question, not six.
    assert sum("(1/4)" in m.text for m in bot.inbox("bob")) == 1


def test_simultaneous_joins_through_channel_and_button(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    with bot.factory() as session:
        from bot.communities.models import Community

        community_id = str(session.scalars(select(Community.id)).one())
    answers = at_once(
        lambda: bot.say("bob", "join"),
        lambda: bot.click("bob", "member.join", community_id),
        lambda: bot.say("bob", "join"),
        lambda: bot.click("bob", "member.join", community_id),
    )
    assert sum("already a member" in a for a in answers) == 3, answers


def test_leave_and_forget_me_at_the_same_moment(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    for round_ in range(4):
        user = f"bob{round_}"
        assert "Welcome" in bot.text(user, "join")
        answers = at_once(
            lambda user=user: bot.say(user, "leave"),  # type: ignore[misc]
            lambda user=user: bot.dm(user, "forget-me confirm"),  # type: ignore[misc]
        )
        assert "erased" in answers[1], answers
        with bot.factory() as session:
            rows = session.scalars(select(Member).where(Member.community_id.is_not(None))).all()
            statuses = {m.user_id: m.status for m in rows}
        assert user not in statuses, statuses  # no row carries the user id any more
        forgotten = [m for m in rows if m.status == Status.FORGOTTEN.value]
        assert len(forgotten) == round_ + 1, statuses


def test_many_inputs_of_one_person_at_once(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=("bob",))
    answers = at_once(
        *(lambda i=i: bot.say("bob", f"log note {i}") for i in range(4)),
        lambda: bot.say("bob", "goal listen better"),
        lambda: bot.say("bob", "status"),
    )
    assert all(a for a in answers), answers
    entries = bot.text("bob", "my-data")
    assert all(f"note {i}" in entries for i in range(4)), entries
