"""A member of two communities is never routed to the wrong one: a DM answer, a button or a form
belongs to the community of the prompt or row it names, whatever community the member joined
last; only what names nothing (a command typed in the DM) goes to a guess."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.checkins.models import CheckinAnswer
from bot.communities.models import Community
from bot.context import Actor, Place
from bot.evaluations.models import EvaluationAnswer
from bot.members.models import Member
from bot.messages import Message, names_only
from tests.harness import PLATFORM, Harness, buttons, forms

# The harness community (A, "Test CoP" in #general, English) meets 2027-01-14 13:00 UTC; its
# check-in is three days before, its evaluation an hour after the two-hour meeting.
CHECKIN_A = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)
EVALUATION_A = datetime(2027, 1, 14, 16, 0, tzinfo=UTC)
PAIRED_A = datetime(2027, 1, 14, 15, 0, tzinfo=UTC)


def two_communities(bot: Harness, *, a_members: tuple[str, ...] = ("bob",)) -> None:
    """A (English, in #general) with ``a_members``; then B (Dutch, "Other CoP" in #other),
    which Bob joins last: B is his latest community."""
    bot.community(members=a_members)
    bot.clock.advance(timedelta(minutes=1))
    assert "Other CoP" in bot.text("olga", "setup Other CoP", channel="other")
    assert "Opgeslagen" in bot.text(
        "olga", "config lang=nl start=2027-01-21 time=10:00", channel="other"
    )
    bot.clock.advance(timedelta(minutes=1))
    assert "Welkom" in bot.text("bob", "join", channel="other")
    for who in ("ann", "bob", "olga", *a_members, "general", "other"):
        bot.inbox(who)


def text(replies: list) -> str:  # type: ignore[type-arg]
    return names_only("\n".join(r.message.text for r in replies))


def member_of(bot: Harness, user: str, community: str) -> Member:
    with bot.factory() as session:
        found = session.scalars(
            select(Member)
            .join(Community, Community.id == Member.community_id)
            .where(Member.user_id == user, Community.name == community)
        ).one()
        session.expunge(found)
        return found


def prompt_button(message: Message, action: str = "prompt.form") -> str:
    return next(value for _, a, value in buttons(message) if a == action)


def test_the_older_communitys_checkin_form_is_answered_there(any_bot: Harness) -> None:
    bot = any_bot
    two_communities(bot)
    bot.run_due(CHECKIN_A)
    asked = [m for m in bot.inbox("bob") if "Check-in for meeting" in m.text]
    assert len(asked) == 1
    prompt_id = prompt_button(asked[0])
    opened = bot.click("bob", "prompt.form", prompt_id)
    form = forms(opened[0].message)[0]
    assert form.questions[0].label.startswith("What do you bring in")  # A speaks English
    done = text(bot.click("bob", "prompt.submit", prompt_id, {"bring_in": "Our intake method"}))
    assert "Thanks for checking in" in done
    assert "meant for someone else" not in done
    assert "Bob: Our intake method" in bot.text("ann", "checkin summary")
    with bot.factory() as session:
        answer = session.scalars(select(CheckinAnswer)).one()
    assert answer.member_id == member_of(bot, "bob", "Test CoP").id


def test_a_typed_answer_lands_in_the_intake_of_the_community_that_asked(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    bot.clock.advance(timedelta(minutes=1))
    assert "Welcome" in bot.text("bob", "join")  # A's intake
    bot.text("olga", "setup Other CoP", channel="other")
    bot.text("olga", "config lang=nl start=2027-01-21", channel="other")
    bot.clock.advance(timedelta(minutes=1))
    bot.text("bob", "join", channel="other")  # B's intake, newer; B is his latest community
    intakes = [m for m in bot.inbox("bob") if "(1/4)" in m.text]
    assert len(intakes) == 2
    b_intake = prompt_button(intakes[-1])
    done = text(bot.click("bob", "prompt.submit", b_intake, {"organisation": "Gemeente"}))
    assert "Dank je" in done
    # Only A's intake is open now. Asked before Bob answered B's, it is no longer the live
    # conversation: copbot checks before taking a reply as its answer. Said so, the reply
    # lands in A's intake, in A's language.
    reply = text(bot.dm_for("bob", "Acme Care", "Introduction (about you)"))
    assert "(2/4)" in reply and "discipline" in reply.lower()
    assert member_of(bot, "bob", "Test CoP").organisation == "Acme Care"
    assert member_of(bot, "bob", "Other CoP").organisation == "Gemeente"


def test_an_evaluation_button_of_the_older_community_counts_there(any_bot: Harness) -> None:
    bot = any_bot
    two_communities(bot)
    bot.run_due(EVALUATION_A)
    asked = next(m for m in bot.inbox("bob") if "How was meeting" in m.text)
    four = next(v for label, a, v in buttons(asked) if a == "prompt.answer" and label == "4")
    answered = text(bot.click("bob", "prompt.answer", four))
    assert "meant for someone else" not in answered and "valuable" in answered.lower()
    # The open questions that follow are typed answers: they stay in A.
    bot.dm("bob", "The case discussion")
    assert "Thank you" in bot.dm_text("bob", "Planning with families")
    with bot.factory() as session:
        row = session.scalars(select(EvaluationAnswer)).one()
        community = session.get(Community, row.community_id)
    assert community is not None and community.name == "Test CoP"
    assert row.rating == 4


def test_buddy_prompts_and_the_done_button_stay_in_their_community(any_bot: Harness) -> None:
    bot = any_bot
    two_communities(bot)
    assert "group" in bot.text("ann", "pair")
    pairing = next(m for m in bot.inbox("bob") if prompt_button_or_none(m))
    prompt_id = prompt_button(pairing)
    saved = text(
        bot.click("bob", "prompt.submit", prompt_id, {"experiment": "Call one family a week"})
    )
    assert "Noted" in saved or "experiment" in saved.lower(), saved
    told = [m.text for m in bot.inbox("ann")]
    assert any("Call one family a week" in t for t in told)
    with bot.factory() as session:
        from bot.buddies.models import BuddyGroup

        group_id = session.scalars(select(BuddyGroup.id)).one()
    asked = text(bot.click("bob", "experiment.done", str(group_id)))
    assert "How did your experiment go" in asked, asked
    assert "not in that buddy group" not in asked


def prompt_button_or_none(message: Message) -> str | None:
    return next((v for _, a, v in buttons(message) if a == "prompt.form"), None)


def test_a_swap_is_confirmed_in_the_swaps_community(any_bot: Harness) -> None:
    bot = any_bot
    two_communities(bot, a_members=("bob", "cat"))
    bot.text("ann", "rotate")
    with bot.factory() as session:
        from bot.facilitation.service import facilitators_for
        from bot.meetings.models import Meeting

        meeting = session.scalars(select(Meeting).where(Meeting.number == 1)).first()
        assert meeting is not None
        roles = facilitators_for(session, meeting_ids=[meeting.id])[meeting.id]
        pair = {role: m.user_id for role, m in roles.items()}
    if "bob" in pair.values():
        role = next(r for r, u in pair.items() if u == "bob")
        other = next(u for u in ("ann", "cat") if u not in pair.values())
        bot.text("ann", f"swap 1 <@bob> <@{other}>")
        giver, taker = "bob", other
    else:
        giver, taker, role = pair["content"], "bob", "content"
        bot.text("ann", f"swap 1 <@{giver}> <@bob>")
    for user in (giver, taker):
        ask = next(m for m in bot.inbox(user) if any(a == "swap.confirm" for _, a, _ in buttons(m)))
        value = next(v for _, a, v in buttons(ask) if a == "swap.confirm")
        answer = text(bot.click(user, "swap.confirm", value))
        assert "meant for others" not in answer, answer
    assert "Swapped" in "\n".join(names_only(m.text) for m in bot.inbox("general"))
    with bot.factory() as session:
        roles = facilitators_for(session, meeting_ids=[meeting.id])[meeting.id]
    assert roles[role].user_id == taker


def test_a_command_in_the_dm_names_nothing_and_goes_to_the_latest_community(
    any_bot: Harness,
) -> None:
    bot = any_bot
    two_communities(bot)
    assert "Other CoP" in bot.dm_text("bob", "status")
    # In the channel of A it is A's, whatever he joined last.
    assert "Test CoP" in bot.text("bob", "status")


def test_the_guess_prefers_a_community_of_the_dms_workspace(any_bot: Harness) -> None:
    """Teams: one person reachable in two tenants' communities talks, in the 1:1 chat of a
    tenant, to the community of that tenant."""
    bot = any_bot
    core = bot.core

    def place(channel: str, tenant: str, kind: str = "channel") -> Place:
        return Place(PLATFORM, channel, kind, tenant_id=tenant)  # type: ignore[arg-type]

    def say(user: str, where: Place, words: str) -> str:
        return text(core.handle_command(Actor(PLATFORM, user, user.capitalize()), where, words))

    assert "North CoP" in say("ann", place("north", "t-north"), "setup North CoP")
    assert "South CoP" in say("olga", place("south", "t-south"), "setup South CoP")
    say("bob", place("north", "t-north"), "join")
    bot.clock.advance(timedelta(minutes=1))
    say("bob", place("south", "t-south"), "join")
    assert "North CoP" in say("bob", place("bob", "t-north", "dm"), "status")
    assert "South CoP" in say("bob", place("bob", "t-south", "dm"), "status")


def test_sharing_a_success_of_the_older_community_posts_in_its_channel(
    any_bot: Harness,
) -> None:
    bot = any_bot
    two_communities(bot)
    [saved] = bot.say("bob", "success Mrs J. stays home")
    [(_, action, value)] = buttons(saved.message)
    shared = text(bot.click("bob", action, value))
    assert "Shared" in shared, shared  # A speaks English
    assert [names_only(m.text) for m in bot.inbox("general")] == [
        "🎉 A success from Bob: Mrs J. stays home"
    ]
    assert bot.inbox("other") == []
