"""Facilitator rotation through the black-box bot: timed choice and brief, rotate, swap, pass."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.facilitation import privacy
from bot.facilitation.models import Assignment
from bot.facilitation.service import facilitators_for
from bot.meetings.models import Meeting
from bot.members.models import Member
from bot.messages import Message
from tests.harness import Harness, buttons

PEOPLE = ("ann", "bob", "cat", "dan", "eve")
# Meeting 1 is 2027-01-14 14:00 in Amsterdam (13:00 UTC): the check-in goes out three days
# before, the facilitators are chosen a day before that, the brief a day before the meeting.
ROTATION_AT = datetime(2027, 1, 10, 13, 0, tzinfo=UTC)
BRIEF_AT = datetime(2027, 1, 13, 13, 0, tzinfo=UTC)


def current(bot: Harness, number: int = 1) -> dict[str, str]:
    """role -> user id of meeting ``number``'s facilitators, read back from the database."""
    with bot.factory() as session:
        meeting = session.scalars(select(Meeting).where(Meeting.number == number)).one()
        found = facilitators_for(session, meeting_ids=[meeting.id])[meeting.id]
        return {role: member.user_id for role, member in found.items()}


def received(bot: Harness, marker: str, people: tuple[str, ...] = PEOPLE) -> dict[str, int]:
    """How many new messages containing ``marker`` each person got (pops their inbox)."""
    counts = {}
    for user in people:
        hits = [m for m in bot.inbox(user) if marker in m.text]
        if hits:
            counts[user] = len(hits)
    return counts


def channel(bot: Harness) -> list[Message]:
    return bot.inbox("general")


def test_rotation_job_chooses_two_and_announces_once(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=PEOPLE[1:])
    bot.run_due(ROTATION_AT)
    pair = current(bot)
    assert set(pair) == {"content", "process"} and pair["content"] != pair["process"]
    told = received(bot, "You facilitate meeting 1")
    assert told == {pair["content"]: 1, pair["process"]: 1}
    posts = [m.text for m in channel(bot) if "Facilitators of meeting 1" in m.text]
    assert len(posts) == 1 and "(content)" in posts[0] and "(process)" in posts[0]
    assert "2027-01-14 14:00" in posts[0]

    bot.run_due(ROTATION_AT)  # again: nothing new
    assert received(bot, "You facilitate") == {}
    assert not [m for m in channel(bot) if "Facilitators" in m.text]
    assert current(bot) == pair


def test_brief_goes_to_both_once_with_checkins(bot: Harness) -> None:
    bot.community(members=PEOPLE[1:], introduced=True)
    bot.run_due(ROTATION_AT)
    pair = current(bot)
    other = next(u for u in PEOPLE if u not in pair.values())
    # The check-in prompt goes out; one member answers by replying in the DM.
    bot.run_due(datetime(2027, 1, 11, 13, 0, tzinfo=UTC))
    bot.dm(other, "A case about loneliness in my neighbourhood")
    bot.run_due(BRIEF_AT)
    briefs = {u: [m for m in bot.inbox(u) if "Brief for meeting 1" in m.text] for u in PEOPLE}
    assert {u for u, found in briefs.items() if found} == set(pair.values())
    content_brief = briefs[pair["content"]][0].text
    assert "Your role: content" in content_brief
    assert "A case about loneliness" in content_brief
    assert other.capitalize() in content_brief
    bot.run_due(BRIEF_AT)
    assert received(bot, "Brief for meeting") == {}


def test_rotate_needs_a_facilitator_and_keeps_the_job_quiet(bot: Harness) -> None:
    bot.community(members=PEOPLE[1:])
    assert "Only a facilitator" in bot.text("bob", "rotate")
    reply = bot.text("ann", "rotate")
    assert "Meeting 1 (2027-01-14 14:00)" in reply and "(content)" in reply
    pair = current(bot)
    assert received(bot, "You facilitate meeting 1") == {pair["content"]: 1, pair["process"]: 1}
    assert len([m for m in channel(bot) if "Facilitators of meeting 1" in m.text]) == 1
    # The timed choice later finds the pair made and tells nobody twice.
    bot.run_due(ROTATION_AT)
    assert received(bot, "You facilitate") == {}
    assert not [m for m in channel(bot) if "Facilitators" in m.text]
    assert "still" in bot.text("ann", "rotate")
    listing = bot.text("bob", "facilitators")
    assert "1 (2027-01-14 14:00): " in listing and "not chosen yet" in listing


def test_swap_happens_only_when_both_confirm(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=PEOPLE[1:])
    bot.text("ann", "rotate")
    pair = current(bot)
    giver = pair["content"]
    taker = next(u for u in PEOPLE if u not in pair.values())
    for user in PEOPLE:
        bot.inbox(user)
    channel(bot)
    requester = pair["process"] if pair["process"] == "ann" else "ann"
    reply = bot.text(requester, f"swap 1 <@{giver}> <@{taker}|{taker.capitalize()}>")
    assert "to confirm" in reply
    asks = {u: bot.inbox(u) for u in (giver, taker)}
    value = ""
    for user, messages in asks.items():
        assert len(messages) == 1, user
        labels = buttons(messages[0])
        assert [a for _, a, _ in labels] == ["swap.confirm", "swap.decline"]
        value = labels[0][2]
    assert "Now waiting for" in "\n".join(
        r.message.text for r in bot.click(giver, "swap.confirm", value)
    )
    assert current(bot)["content"] == giver
    assert "done" in "\n".join(r.message.text for r in bot.click(taker, "swap.confirm", value))
    assert current(bot) == {"content": taker, "process": pair["process"]}
    posts = [m.text for m in channel(bot) if "Swapped" in m.text]
    assert len(posts) == 1 and taker.capitalize() in posts[0]
    assert received(bot, "You facilitate meeting 1", (taker,)) == {taker: 1}
    # A second click on a finished swap gets a friendly answer, not an error.
    assert "already happened" in "\n".join(
        r.message.text for r in bot.click(giver, "swap.confirm", value)
    )


def test_swap_declined_changes_nothing_and_permissions(bot: Harness) -> None:
    bot.community(members=PEOPLE[1:])
    bot.text("ann", "rotate")
    pair = current(bot)
    outsiders = [u for u in PEOPLE if u not in pair.values()]
    giver, taker, stranger = pair["content"], outsiders[0], outsiders[1]
    # A participant may not hand over someone else's turn ...
    assert "only offer your own turn" in bot.text(stranger, f"swap 1 <@{giver}> <@{taker}>")
    # ... but may offer their own (if they have one).
    assert "does not facilitate meeting 1" in bot.text(stranger, f"swap 1 <@{stranger}> <@{taker}>")
    assert "not complete" in bot.text(giver, "swap 1")
    assert "no meeting 99" in bot.text(giver, f"swap 99 <@{giver}> <@{taker}>")
    assert "could not find" in bot.text(giver, f"swap 1 <@{giver}> <@nobody>")
    bot.text(giver, f"swap 1 <@{giver}> <@{taker}>")
    value = buttons(bot.inbox(taker)[-1])[0][2]
    assert "meant for others" in "\n".join(
        r.message.text for r in bot.click(stranger, "swap.confirm", value)
    )
    bot.inbox(giver)
    assert "Declined" in "\n".join(r.message.text for r in bot.click(taker, "swap.decline", value))
    assert any("declined the swap" in m.text for m in bot.inbox(giver))
    assert current(bot) == pair
    assert "declined" in "\n".join(r.message.text for r in bot.click(giver, "swap.confirm", value))


def test_swap_between_the_two_exchanges_their_roles(bot: Harness) -> None:
    bot.community(members=PEOPLE[1:])
    bot.text("ann", "rotate")
    pair = current(bot)
    bot.text("ann", f"swap 1 <@{pair['content']}> <@{pair['process']}>")
    value = buttons(bot.inbox(pair["process"])[-1])[0][2]
    bot.click(pair["content"], "swap.confirm", value)
    bot.click(pair["process"], "swap.confirm", value)
    assert current(bot) == {"content": pair["process"], "process": pair["content"]}


def test_pass_gives_the_turn_to_the_next_in_line(bot: Harness) -> None:
    bot.community(members=PEOPLE[1:])
    bot.run_due(ROTATION_AT)
    pair = current(bot)
    outsider = next(u for u in PEOPLE if u not in pair.values())
    assert "does not facilitate meeting 1" in bot.text(outsider, "pass 1")
    assert "not complete" in bot.text(outsider, "pass")
    for user in PEOPLE:
        bot.inbox(user)
    channel(bot)
    reply = bot.text(pair["content"], "pass 1")
    assert "takes over your content role at meeting 1" in reply
    after = current(bot)
    assert after["process"] == pair["process"]
    assert after["content"] not in (pair["content"], pair["process"])
    assert received(bot, "You facilitate meeting 1") == {after["content"]: 1}
    posts = [m.text for m in channel(bot) if "cannot make it" in m.text]
    assert len(posts) == 1 and after["content"].capitalize() in posts[0]
    with bot.factory() as session:
        statuses = sorted(session.scalars(select(Assignment.status)))
    assert statuses == ["assigned", "assigned", "passed"]


def test_paused_members_are_skipped_and_core_group_mode(bot: Harness) -> None:
    bot.community(members=("bob", "cat", "dan"))
    bot.text("bob", "away")
    bot.text("cat", "away 2027-12-31")
    bot.text("ann", "rotate")
    assert set(current(bot).values()) == {"ann", "dan"}
    # Back from holiday and a smaller core group: only the core group facilitates.
    bot.text("bob", "back")
    bot.text("cat", "back")
    bot.text("ann", "config facilitation=core")
    bot.text("ann", "role <@cat> facilitator")
    bot.text("ann", "rotate 2")
    assert set(current(bot, 2).values()) == {"ann", "cat"}
    assert "core group" in bot.text("bob", "facilitators")


def test_away_facilitator_is_replaced_before_the_brief(bot: Harness) -> None:
    bot.community(members=PEOPLE[1:])
    bot.run_due(ROTATION_AT)
    pair = current(bot)
    away = pair["process"] if pair["process"] != "ann" else pair["content"]
    bot.text(away, "away")
    for user in PEOPLE:
        bot.inbox(user)
    bot.run_due(BRIEF_AT)
    after = current(bot)
    assert away not in after.values() and len(after) == 2
    assert any("You keep your place" in m.text for m in bot.inbox(away))
    briefs = received(bot, "Brief for meeting 1")
    assert briefs == {after["content"]: 1, after["process"]: 1}


def test_dutch_texts_and_aliases(bot: Harness) -> None:
    bot.community(
        members=PEOPLE[1:],
        settings="lang=nl start=2027-01-14 time=14:00",
    )
    assert "Alleen een facilitator" in bot.text("bob", "rouleer")
    reply = bot.text("ann", "rouleer")
    assert "Bijeenkomst 1" in reply and "(inhoud)" in reply and "(proces)" in reply
    pair = current(bot)
    dm = [m.text for m in bot.inbox(pair["content"]) if "Jij faciliteert bijeenkomst 1" in m.text]
    assert dm and "Jouw rol: inhoud." in dm[0]
    assert any("Facilitatoren van bijeenkomst 1" in m.text for m in channel(bot))
    assert "Facilitatoren van de komende bijeenkomsten" in bot.text("bob", "facilitatoren")
    assert "Gebruik: `swap <n> @van @naar`" in bot.text("bob", "ruil 1")
    assert "faciliteert bijeenkomst 1 niet" in bot.text(
        next(u for u in PEOPLE if u not in pair.values()), "overdragen 1"
    )


def test_times_follow_the_community_clock_across_dst(bot: Harness) -> None:
    bot.community(members=PEOPLE[1:], settings="lang=en start=2027-01-14 time=14:00")
    listing = bot.text("bob", "facilitators")
    # Winter (CET, UTC+1) and summer (CEST, UTC+2) meetings both show 14:00 local.
    assert "1 (2027-01-14 14:00)" in listing and "3 (2027-04-08 14:00)" in listing
    with bot.factory() as session:
        third = session.scalars(select(Meeting).where(Meeting.number == 3)).one()
        assert third.starts_at == datetime(2027, 4, 8, 12, 0, tzinfo=UTC)
    reply = bot.text("ann", "rotate 3")
    assert "Meeting 3 (2027-04-08 14:00)" in reply
    bot.text("ann", "config tz=America/New_York")
    assert "1 (2027-01-14 08:00)" in bot.text("bob", "facilitators")


def test_status_shows_the_next_pair_and_your_turn(bot: Harness) -> None:
    bot.community(members=PEOPLE[1:])
    assert "not chosen yet" in bot.text("bob", "status")
    bot.text("ann", "rotate")
    pair = current(bot)
    status = bot.text(pair["content"], "status")
    assert "Facilitators of the next meeting:" in status
    assert "You facilitate meeting 1 (2027-01-14 14:00) (content)." in status


def test_help_lists_the_verbs(bot: Harness) -> None:
    bot.community(members=("bob",))
    overview = bot.text("bob", "help")
    assert "`facilitators`" in overview and "`swap`" in overview and "`pass`" in overview
    assert "`rotate`" not in overview
    assert "`rotate`" in bot.text("ann", "help")


def test_privacy_export_and_forget_keep_the_counts(bot: Harness) -> None:
    bot.community(members=PEOPLE[1:])
    bot.run_due(ROTATION_AT)
    first = current(bot)
    bot.run_due(datetime(2027, 1, 14, 16, 0, tzinfo=UTC))  # meeting 1 held, 2 chosen
    second = current(bot, 2)
    user = first["content"]
    with bot.factory() as session:
        member = session.scalars(select(Member).where(Member.user_id == user)).one()
        exported = privacy.export(session, member=member)
        assert exported["turns"][0] == {
            **exported["turns"][0],
            "meeting": 1,
            "role": "content",
            "status": "assigned",
        }
        privacy.forget(session, member=member, now=bot.clock())
        session.commit()
    # The past turn still counts for the rotation; a coming one is given up.
    assert current(bot)["content"] == user
    if user in second.values():
        assert user not in current(bot, 2).values()
