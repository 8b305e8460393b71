"""Experiment outcomes: done / partly / not done with what was learned; pairs whose experiment
did not happen go on the content facilitator's agenda and are not paired together again."""

from __future__ import annotations

from sqlalchemy import select

from bot.buddies.models import Experiment, ExperimentReport
from bot.buddies.pairing import Person, pair_up
from bot.messages import people_in
from tests.buddies_helpers import (
    BRIEF_2_AT,
    NUDGE_AT,
    PAIRING_AT,
    PEOPLE,
    announced_groups,
    community,
    group_with,
    texts,
)
from tests.harness import Harness, buttons
from tests.test_buddies_experiments import briefs


def outcomes(bot: Harness) -> list[tuple[str | None, str | None]]:
    with bot.factory() as session:
        return [
            (r.outcome, e.outcome)
            for r, e in session.execute(
                select(ExperimentReport, Experiment).join(
                    Experiment, Experiment.id == ExperimentReport.experiment_id
                )
            )
        ]


def test_a_report_back_asks_whether_the_experiment_happened(bot: Harness) -> None:
    community(bot)
    bot.run_due(PAIRING_AT)
    groups = announced_groups(bot)
    bot.text("bob", "experiment Invite the district nurse to our team meeting")
    bot.run_due(NUDGE_AT)
    [thanks] = bot.dm("bob", "The nurse came and told us about the new care paths")
    assert "in your logbook" in thanks.message.text
    assert "Did the experiment happen?" in thanks.message.text
    choices = {label: (action, value) for label, action, value in buttons(thanks.message)}
    assert list(choices) == ["Done", "Partly", "Not done"]
    assert outcomes(bot) == [(None, None)]
    stranger = next(iter(set(PEOPLE) - group_with(groups, "bob")))
    assert "not yours" in texts(bot.click(stranger, *choices["Partly"]))
    assert "in your logbook" in texts(bot.click("bob", *choices["Partly"]))
    assert outcomes(bot) == [("partly", "partly")]


def test_not_done_in_words_then_what_was_learned(bot: Harness) -> None:
    community(bot)
    bot.run_due(PAIRING_AT)
    groups = announced_groups(bot)
    bot.text("cat", "experiment Use the new signalling card with five clients")
    bot.run_due(NUDGE_AT)
    assert "what did you learn" in bot.dm_text("cat", "Nee")
    said = bot.dm_text("cat", "Five clients is too many in a month with holidays")
    assert "on the next meeting's agenda" in said
    assert outcomes(bot) == [("not_done", "not_done")]
    assert "Five clients is too many" in bot.text("cat", "log")

    bot.run_due(BRIEF_2_AT)
    found = {text.split("\n")[1].split(".")[0]: text for text in briefs(bot, PEOPLE)}
    content, process = found["Your role: content"], found["Your role: process"]
    agenda = content.split("pairs whose experiment did not happen")[1]
    cats = " & ".join(sorted(n.capitalize() for n in group_with(groups, "cat")))
    assert f"• {cats}: Use the new signalling card with five clients" in agenda
    # On the agenda as sent, the pair is mentioned: people, not plain names.
    sent = [m.text for u in PEOPLE for m in bot.sender.to(u) if "did not happen" in m.text]
    assert sent and all(
        {p.user_id for p in people_in(text.split("did not happen")[1])}
        >= set(group_with(groups, "cat"))
        for text in sent
    ), sent
    # Groups that never agreed one are on it too; the process facilitator's brief has no agenda.
    assert "no experiment agreed" in agenda
    assert "did not happen" not in process


def test_members_whose_experiments_did_not_happen_are_not_paired_together() -> None:
    people = [Person(1, "A", idle=True), Person(2, "B", idle=True), Person(3, "A"), Person(4, "B")]
    result = pair_up(people, [])
    together = [set(g) for g in result.groups]
    assert {1, 2} not in together and all(len(g) == 2 for g in together)
    # Only when every alternative repeats a pair or crosses less organisations does it give in.
    assert pair_up([Person(1, "A", idle=True), Person(2, "B", idle=True)], []).groups == ((1, 2),)
