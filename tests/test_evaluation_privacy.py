"""Someone who watches the evaluation results after every answer learns nothing about one
person's answer: not from `results`, the digest, the report or its CSV, not from a changed
answer, not from the order of the comments, and not from a figure more precise than shown."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.evaluations.results import one_decimal, shuffled
from bot.messages import File
from tests.harness import Harness

MEETING_AT = datetime(2027, 1, 14, 13, 0, tzinfo=UTC)
EVALUATION_AT = MEETING_AT + timedelta(hours=3)
CLOSE_AT = EVALUATION_AT + timedelta(days=5)
PEOPLE = ("bob", "cat", "dan", "eve", "fay")
# (rating, what was valuable, topics): each comment is unmistakably its author's.
ANSWERS = {
    "bob": ("2", "Comment of bob", "Topic of bob"),
    "cat": ("5", "Comment of cat", "Topic of cat"),
    "dan": ("4", "Comment of dan", "Topic of dan"),
    "eve": ("3", "Comment of eve", "Topic of eve"),
    "fay": ("5", "Comment of fay", "Topic of fay"),
}
# How many answered is a count, never a rating: it (and the hint that enough answered to
# close early) may change while answers come in.
COUNTS = re.compile(r"\d+ (?:people|person) answered so far|answered \d+ of \d+|\d+/\d+|\d+%")
ENOUGH = re.compile(r"\nEnough people answered: .*")


def observe(bot: Harness) -> dict[str, str]:
    """Everything about the evaluation that anyone can see: `results` for a participant and
    a facilitator, the organiser's digest and the report with its CSV."""
    [report] = bot.say("ann", "report")
    found = {b.name: b for b in report.message.blocks if isinstance(b, File)}
    markdown = found["report.md"].content
    rows = list(csv.DictReader(io.StringIO(found["meetings.csv"].content)))
    return {
        "results (participant)": bot.text("bob", "results 1"),
        "results (facilitator)": bot.text("ann", "results 1"),
        "digest": "\n".join(
            line
            for line in bot.text("ann", "digest").splitlines()
            if "Evaluation" in line or "Topics asked" in line
        ),
        "report": markdown.split("## Evaluations")[1].split("## Experiments")[0],
        "csv": repr([(r["mean_rating"], r["topics"]) for r in rows]),
    }


def without_counts(view: dict[str, str]) -> dict[str, str]:
    """The view without its counts: nothing else may change."""
    return {k: COUNTS.sub("#", ENOUGH.sub("", v)) for k, v in view.items()}


def answer(bot: Harness, user: str, rating: str, valuable: str, topics: str) -> None:
    bot.dm(user, rating)
    bot.dm(user, valuable)
    thanks = bot.dm_text(user, topics)
    assert "Thank you" in thanks, thanks


def test_results_cannot_be_differenced_answer_by_answer(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=PEOPLE, introduced=True)
    bot.run_due(EVALUATION_AT)
    views = [observe(bot)]
    for user in PEOPLE:
        answer(bot, user, *ANSWERS[user])
        views.append(observe(bot))
    # A changed answer (bob thinks again) shows nowhere either.
    bot.clock.advance(timedelta(minutes=1))
    assert "How was meeting 1" in bot.text("bob", "evaluate")
    answer(bot, "bob", "1", "Second thought of bob", "-")
    views.append(observe(bot))
    while_open = [without_counts(v) for v in views]
    assert all(v == while_open[0] for v in while_open), "a view changed while answers came in"
    for view in views:
        for user in PEOPLE:
            for what in ANSWERS[user][1:]:
                assert what not in str(view), (what, view)
        assert "average" not in view["results (facilitator)"]
        assert "Evaluation trend: #" not in view["digest"]

    # Closed: the results appear once, with one decimal, and nothing moves any more.
    bot.run_due(CLOSE_AT)
    closed = observe(bot)
    shown = closed["results (participant)"]
    assert "5 answers, average 3.6 / 5" in shown, shown  # (1 + 5 + 4 + 3 + 5) / 5
    assert "Evaluation trend: #1 3.6" in closed["digest"]
    assert "5 answers, mean rating 3.6" in closed["report"]
    assert "3.6" in closed["csv"] and "3.60" not in closed["csv"]
    comments = [line[2:] for line in shown.splitlines() if line.startswith("• Comment")]
    assert sorted(comments) == sorted(f"Comment of {u}" for u in PEOPLE[1:])
    assert "Second thought of bob" in shown and "Comment of bob" not in shown
    attempts: tuple[Callable[[], object], ...] = (
        lambda: bot.text("cat", "evaluate"),
        lambda: bot.dm_text("dan", "1"),
        lambda: bot.text("ann", "evaluate close"),
        lambda: bot.dm_text("eve", "forget-me confirm"),
    )
    for attempt in attempts:
        attempt()
        assert observe(bot) == closed


def test_the_comments_are_in_an_order_that_says_nothing_about_who_wrote_when() -> None:
    texts = [f"Comment {i}" for i in range(6)]
    orders = {tuple(shuffled(list(p), meeting_id=7)) for p in itertools.permutations(texts)}
    assert len(orders) == 1  # the same whatever order they were written in
    [order] = orders
    assert list(order) != sorted(texts)  # and not simply alphabetical
    assert shuffled(texts, meeting_id=8) != list(order)  # another meeting, another order


def test_one_decimal_rounds_half_up_and_is_all_that_leaves() -> None:
    assert one_decimal(13, 4) == 3.3  # 3.25
    assert one_decimal(10, 3) == 3.3  # 3.333...
    assert one_decimal(11, 3) == 3.7  # 3.666...
    assert one_decimal(18, 5) == 3.6


def test_a_facilitator_may_close_early_only_with_enough_answers(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=PEOPLE, introduced=True)
    assert "Saved" in bot.text("ann", "config min_answers=4")
    assert "use 3 to 50" in bot.text("ann", "config min_answers=2")
    bot.run_due(EVALUATION_AT)
    for user in PEOPLE[:3]:
        answer(bot, user, *ANSWERS[user])
    refused = bot.text("ann", "evaluate close")
    assert "Only 3 people answered" in refused and "from 4 answers on" in refused, refused
    answer(bot, "eve", *ANSWERS["eve"])
    [reply] = bot.say("ann", "results 1")
    assert "average" not in reply.message.text
    [(label, action, value)] = [
        (b.label, b.action_id, b.value)
        for block in reply.message.blocks
        for b in getattr(block, "buttons", ())
    ]
    assert (label, action) == ("Close and show results", "evaluation.close")
    assert "Only a facilitator" in "\n".join(
        r.message.text for r in bot.click("bob", action, value)
    )
    bot.inbox("ann")
    closed = "\n".join(r.message.text for r in bot.click("ann", action, value))
    assert "is closed" in closed, closed
    bot.run_due(bot.clock())
    assert any("4 answers, average 3.5 / 5" in m.text for m in bot.inbox("ann"))
    assert "4 answers, average 3.5 / 5" in bot.text("fay", "results 1")
    # The late answer is refused, and the planned close later sends nothing twice.
    assert "already closed" in bot.text("fay", "evaluate")
    bot.run_due(CLOSE_AT)
    assert not [m for m in bot.inbox("ann") if "Evaluation of meeting 1" in m.text]


def test_too_few_answers_stay_hidden_after_the_close(bot: Harness) -> None:
    bot.community(members=PEOPLE, introduced=True)
    bot.text("ann", "config min_answers=5 lang=nl")
    bot.run_due(EVALUATION_AT)
    for user in PEOPLE[:4]:
        bot.dm(user, ANSWERS[user][0])
        bot.dm(user, ANSWERS[user][1])
        bot.dm(user, "-")
    bot.run_due(CLOSE_AT)
    hidden = bot.text("ann", "resultaten 1")
    assert "maar 4" in hidden and "vanaf 5 antwoorden" in hidden, hidden
    assert "Comment of" not in hidden
