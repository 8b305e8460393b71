"""Who may join: the Join button checks its community server-side, and a closed community
(`open=no`) lets people in through an organiser's approval."""

from __future__ import annotations

from sqlalchemy import select

from bot.context import Place
from bot.members.models import JoinRequest, Member, Status
from bot.places.models import CommunityPlace
from tests.harness import CHANNEL, PLATFORM, Harness, buttons


def community_id(bot: Harness, channel: str = CHANNEL) -> str:
    with bot.factory() as session:
        return str(
            session.scalars(
                select(CommunityPlace.community_id).where(CommunityPlace.channel_id == channel)
            ).one()
        )


def texts(replies: list) -> str:  # type: ignore[type-arg]
    return "\n".join(r.message.text for r in replies)


def status_of(bot: Harness, user: str) -> str | None:
    with bot.factory() as session:
        member = session.scalars(select(Member).where(Member.user_id == user)).first()
        return member.status if member is not None else None


def closed(bot: Harness) -> None:
    bot.community(members=("bob",))
    assert "Saved" in bot.text("ann", "config open=no")
    bot.inbox("ann")


def test_the_join_button_only_opens_an_open_door_or_an_invitation(any_bot: Harness) -> None:
    bot = any_bot
    closed(bot)
    # A click naming the closed community: refused like a stale button, nothing stored.
    forged = texts(bot.click("mallory", "member.join", community_id(bot)))
    assert "niet voor jou" in forged, forged  # an outsider hears the default language
    assert status_of(bot, "mallory") is None
    # Invited by a facilitator (members sync): the same button lets in.
    roster = [bot.actor("carol")]
    invited = texts(
        bot.core.handle_roster(bot.actor("ann"), Place(PLATFORM, CHANNEL, "channel"), roster)
    )
    assert "invited 1" in invited, invited
    [invitation] = bot.inbox("carol")
    [(label, action, value)] = buttons(invitation)
    assert (label, action) == ("Join", "member.join")
    assert "Welcome" in texts(bot.click("carol", action, value))
    assert status_of(bot, "carol") == Status.ACTIVE.value
    # An open community's button lets anyone in.
    assert "Saved" in bot.text("ann", "config open=yes")
    assert "Welcome" in texts(bot.click("mallory", "member.join", community_id(bot)))


def test_a_join_in_a_closed_community_waits_for_an_organiser(any_bot: Harness) -> None:
    bot = any_bot
    closed(bot)
    asked = bot.text("carol", "join")
    assert "asked its organisers" in asked, asked
    assert status_of(bot, "carol") is None
    assert "still with its organisers" in bot.text("carol", "join")
    [request] = bot.inbox("ann")
    assert "would like to join Test CoP" in request.text
    [(let_in, approve, value), (no, decline, _)] = buttons(request)
    assert (let_in, approve, no, decline) == (
        "Let in",
        "member.approve",
        "Decline",
        "member.decline",
    )
    # Only an organiser decides.
    assert "Only an organiser" in texts(bot.click("bob", approve, value))
    assert status_of(bot, "carol") is None
    answer = texts(bot.click("ann", approve, value))
    assert "is in Test CoP now" in answer, answer
    assert status_of(bot, "carol") == Status.ACTIVE.value
    told = [m.text for m in bot.inbox("carol")]
    assert any("let you in" in m for m in told), told
    assert any("Welcome to Test CoP" in m for m in told) and any("(1/4)" in m for m in told)
    assert any("Carol" in m.text and "to Test CoP" in m.text for m in bot.all_to(CHANNEL)), (
        bot.all_to(CHANNEL)
    )
    # A second click, by anyone: already answered, nothing twice.
    again = texts(bot.click("ann", decline, value))
    assert "already answered: let in" in again, again
    assert status_of(bot, "carol") == Status.ACTIVE.value
    assert "already a member" in bot.text("carol", "join")


def test_a_declined_request_is_told_and_not_asked_again(any_bot: Harness) -> None:
    bot = any_bot
    closed(bot)
    assert "Opgeslagen" in bot.text("ann", "config lang=nl")
    assert "organisatoren gevraagd" in bot.text("dave", "join")
    [request] = bot.inbox("ann")
    assert "wil graag meedoen" in request.text
    [_, (label, decline, value)] = buttons(request)
    assert label == "Afwijzen"
    assert "niet mee kunnen doen" in texts(bot.click("ann", decline, value))
    assert any("niet toegelaten" in m.text for m in bot.inbox("dave"))
    assert status_of(bot, "dave") is None
    # Asking again changes nothing and troubles no organiser.
    assert "niet toegelaten" in bot.text("dave", "join")
    assert bot.inbox("ann") == []
    # The request is the person's data: my-data shows it, forget-me erases it.
    assert "verzoeken" in bot.dm_text("dave", "mijn-gegevens")
    assert "gewist" in bot.dm_text("dave", "vergeet-mij bevestig")
    with bot.factory() as session:
        assert session.scalars(select(JoinRequest)).all() == []


def test_former_members_of_a_closed_community_come_back_without_asking(any_bot: Harness) -> None:
    bot = any_bot
    closed(bot)
    assert "You have left" in bot.text("bob", "leave")
    bot.clock.advance(__import__("datetime").timedelta(minutes=5))
    assert "Welcome" in bot.text("bob", "join")
    assert bot.inbox("ann") == []
