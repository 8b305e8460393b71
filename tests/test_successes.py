"""Celebrating: a success can be shared with the group by its author, per success; shared
successes reach the channel and the digest with their author, the others stay anonymous."""

from __future__ import annotations

from bot.messages import Person, names_only, people_in
from tests.harness import Harness, buttons


def test_the_author_chooses_per_success_whether_the_group_sees_it(bot: Harness) -> None:
    bot.community(members=("bob", "cat"))
    [saved] = bot.say("bob", "success Mrs J. stays home another year")
    assert "Share it with the group?" in saved.message.text
    [(label, action, value)] = buttons(saved.message)
    assert label == "Share with the group"
    assert bot.inbox("general") == []
    assert "Only its author" in bot.click("cat", action, value)[0].message.text
    assert "Shared with the group" in bot.click("bob", action, value)[0].message.text
    [seen] = bot.inbox("general")
    [post] = bot.sender.to("general")  # as sent: the inbox shows people by name
    assert seen.text == names_only(post.text)
    assert names_only(post.text) == "🎉 A success from Bob: Mrs J. stays home another year"
    assert people_in(post.text) == [Person("console", "bob", "Bob")]  # mentioned, not named
    bot.click("bob", action, value)  # twice: still one post
    assert bot.inbox("general") == []

    bot.text("cat", "success The GP now calls us first")  # not shared
    digest = bot.text("ann", "digest")
    assert "• Mrs J. stays home another year (shared by Bob)" in digest
    assert "• The GP now calls us first\n" in digest + "\n"
    assert "Cat" not in digest.split("Highlights")[1].split("\n\n")[0]


def test_sharing_in_dutch(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.text("ann", "config lang=nl")
    [saved] = bot.say("bob", "succes Mevrouw J. blijft thuis")
    [(label, action, value)] = buttons(saved.message)
    assert label == "Deel met de groep" and "Delen met de groep?" in saved.message.text
    bot.click("bob", action, value)
    assert [names_only(m.text) for m in bot.inbox("general")] == [
        "🎉 Een succes van Bob: Mevrouw J. blijft thuis"
    ]
    assert "(gedeeld door Bob)" in bot.text("ann", "overzicht")
