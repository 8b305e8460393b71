"""A digest that earns attention: no false alarms about ratings, a real drop stated with both
figures, and pairs without a report-back named once per cycle unless there is news."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.digest.service import falling
from bot.messages import people_in
from tests.buddies_helpers import PAIRING_AT, community
from tests.harness import Harness


def test_only_a_real_drop_is_a_falling_rating() -> None:
    assert not falling([(1, 3.84), (2, 3.76)])  # both shown as 3.8
    assert not falling([(1, 3.8), (2, 3.8)])
    assert not falling([(1, 3.9), (2, 3.8)])  # a tenth is noise
    assert falling([(1, 4.0), (2, 3.8)])
    assert falling([(1, 5.0), (2, 3.0)])
    assert not falling([(1, 3.0), (2, 4.0)]) and not falling([(1, 3.0)])


# Mondays 09:00 Amsterdam after meeting 1 (2027-01-14); the cycle's midpoint is 2027-02-04.
AFTER_MIDPOINT = (
    datetime(2027, 2, 8, 8, 0, tzinfo=UTC),
    datetime(2027, 2, 15, 8, 0, tzinfo=UTC),
    datetime(2027, 2, 22, 8, 0, tzinfo=UTC),
)


def no_report_lines(bot: Harness) -> list[str]:
    return [
        line
        for m in bot.inbox("ann")
        if "Weekly digest" in m.text
        for line in m.text.splitlines()
        if "not reported back" in line
    ]


def test_unreported_pairs_are_named_once_unless_there_is_news(bot: Harness) -> None:
    community(bot)
    bot.run_due(PAIRING_AT)
    for monday in (18, 25):  # before the midpoint a missing report is simply not due yet
        bot.run_due(datetime(2027, 1, monday, 8, 0, tzinfo=UTC))
    bot.run_due(datetime(2027, 2, 1, 8, 0, tzinfo=UTC))
    assert no_report_lines(bot) == []
    bot.run_due(AFTER_MIDPOINT[0])
    first = no_report_lines(bot)
    assert len(first) == 1
    # The pairs are mentioned (people, not plain names) in the digest as sent.
    sent = next(m.text for m in reversed(bot.sender.to("ann")) if "not reported back" in m.text)
    flag = next(line for line in sent.splitlines() if "not reported back" in line)
    assert len(people_in(flag)) >= 2, flag
    bot.run_due(AFTER_MIDPOINT[1])
    assert no_report_lines(bot) == []  # the same pairs, no news: not again
    bot.text("bob", "experiment Call the GP before the home visit")  # news
    bot.run_due(AFTER_MIDPOINT[2])
    assert len(no_report_lines(bot)) == 1
