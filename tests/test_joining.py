"""Joining: in the channel, in a private chat (one community in the workspace: joined; several:
offered as buttons) and by the invitation's Join button; the channel hears of every newcomer,
in the community's language."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Place
from bot.messages import names_only
from tests.harness import PLATFORM, Harness, buttons


def channel_posts(bot: Harness, channel: str = "general") -> list[str]:
    return [names_only(m.text) for m in bot.inbox(channel)]


def test_join_in_the_private_chat_joins_the_only_community(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    bot.inbox("general")
    reply = bot.dm_text("bob", "join")
    assert "Welcome to *Test CoP*" in reply
    # Announced in the channel, through the outbox: not in Bob's chat.
    assert channel_posts(bot) == ["Welcome Bob to Test CoP!"]
    received = [m.text for m in bot.inbox("bob")]
    assert any("Welcome to Test CoP" in t for t in received)  # the welcome DM
    assert any("(1/4)" in t for t in received)  # the intake
    assert "Bob" in bot.text("ann", "members")
    assert "already a member" in bot.dm_text("bob", "join")


def test_join_in_the_private_chat_offers_the_communities_of_the_workspace(
    any_bot: Harness,
) -> None:
    bot = any_bot
    bot.community()
    bot.text("olga", "setup Other CoP", channel="other")
    bot.text("olga", "config lang=nl", channel="other")
    replies = bot.dm("cat", "join")
    offered = buttons(replies[0].message)
    assert [(label, action) for label, action, _ in offered] == [
        ("Test CoP", "member.join"),
        ("Other CoP", "member.join"),
    ]
    assert "2 communities" in names_only(replies[0].message.text)
    assert bot.text("ann", "members").count("Cat") == 0  # nothing joined yet
    other = offered[1][2]
    joined = names_only("\n".join(r.message.text for r in bot.click("cat", "member.join", other)))
    assert "Welkom bij *Other CoP*" in joined  # Cat has no language of her own: B's
    assert channel_posts(bot, "other") == ["Welkom Cat bij Other CoP!"]
    assert channel_posts(bot, "general") == []
    # A member of one of them is offered only the other.
    bot.clock.advance(timedelta(minutes=1))
    again = bot.dm("cat", "join")
    assert [label for label, _, _ in buttons(again[0].message)] == ["Test CoP"]


def test_join_in_the_private_chat_with_no_community_says_how_to_start(bot: Harness) -> None:
    replies = bot.core.handle_message(bot.actor("bob", lang="en"), Place(PLATFORM, "bob"), "join")
    reply = replies[0].message.text
    assert "no community here yet" in reply and "setup" in reply


def test_a_closed_community_is_asked_for_from_the_private_chat(bot: Harness) -> None:
    bot.community()
    bot.text("ann", "config open=no")
    bot.inbox("ann")
    reply = bot.dm_text("bob", "join")
    assert "closed community" in reply and "asked its organisers" in reply
    assert "Bob" not in bot.text("ann", "members")
    asks = [m for m in bot.inbox("ann") if any(a == "member.approve" for _, a, _ in buttons(m))]
    assert len(asks) == 1


def test_only_joinable_communities_are_offered(bot: Harness) -> None:
    bot.community()
    bot.text("ann", "config open=no")
    bot.text("olga", "setup Other CoP", channel="other")
    bot.text("olga", "config lang=en open=no", channel="other")
    assert "voor jou nog gesloten" in bot.dm_text("bob", "join")  # no community: the default
    bot.text("olga", "config open=yes", channel="other")
    offered = buttons(bot.dm("bob", "join")[0].message)
    assert [label for label, _, _ in offered] == ["Other CoP"]
    assert "nog één community" in bot.dm_text("bob", "join")


def test_the_join_button_of_an_invitation_announces_the_newcomer(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    bot.inbox("general")
    with bot.factory() as session:
        from sqlalchemy import select

        from bot.communities.models import Community

        community_id = session.scalars(select(Community.id)).one()
    joined = names_only(
        "\n".join(r.message.text for r in bot.click("cat", "member.join", str(community_id)))
    )
    assert "Welcome to *Test CoP*" in joined
    assert channel_posts(bot) == ["Welcome Cat to Test CoP!"]


def test_channel_announcements_are_in_the_communitys_language(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=("bob",))
    assert "Nederlands" in bot.text("ann", "language nl") or "nl" in bot.text("ann", "language nl")
    bot.inbox("general")
    moved = bot.say("ann", "schedule move 2 2027-03-01 10:00")
    announced = [r.message.text for r in moved if r.visibility == "channel"]
    assert announced and announced[0].startswith("Meeting moved"), announced
    # Bob leaves and comes back from his chat, Dutch for him; the channel still reads English.
    bot.text("bob", "language nl")
    bot.text("bob", "leave")
    bot.clock.advance(timedelta(minutes=1))
    assert "Welkom bij *Test CoP*" in bot.dm_text("bob", "join")
    assert channel_posts(bot) == ["Welcome Bob to Test CoP!"]


def test_join_in_a_channel_without_a_community_says_there_is_none(bot: Harness) -> None:
    bot.community(members=("bob",))
    said = bot.text("cat", "join", channel="random")
    assert "no community here" in said.lower() or "geen community" in said.lower(), said
    assert "Cat" not in bot.text("ann", "members")
