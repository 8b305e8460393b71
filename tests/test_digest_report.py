"""The `report` verb (Markdown + CSV), evaluation figures in the digest, and what forget-me
leaves of them."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from bot.digest.report import MeetingLine, ReportData, render_csv, render_markdown
from bot.digest.sources import EvalSummary, Rate
from bot.messages import File, Message
from tests.harness import Harness

# Meeting 1 is 2027-01-14 14:00-16:00 Amsterdam; its evaluation goes out an hour later.
AFTER_MEETING_1 = datetime(2027, 1, 14, 16, 0, tzinfo=UTC)
AFTER_MEETING_2 = datetime(2027, 2, 25, 16, 0, tzinfo=UTC)


def files(message: Message) -> dict[str, File]:
    return {b.name: b for b in message.blocks if isinstance(b, File)}


def evaluate(bot: Harness, answers: dict[str, tuple[str, str, str]]) -> None:
    """Everyone answers, then a facilitator closes the evaluation: results show only then."""
    for person, (rating, valuable, topics) in answers.items():
        bot.dm(person, rating)
        bot.dm(person, valuable)
        assert "Thank" in bot.dm_text(person, topics), person
    closed = bot.text("ann", "evaluate close")
    assert "is closed" in closed, closed


def report(bot: Harness, args: str = "") -> tuple[Message, str, list[dict[str, str]]]:
    [reply] = bot.say("ann", f"report {args}".strip())
    found = files(reply.message)
    assert found["report.md"].mime == "text/markdown"
    assert found["meetings.csv"].mime == "text/csv"
    rows = list(csv.DictReader(io.StringIO(found["meetings.csv"].content)))
    return reply.message, found["report.md"].content, rows


def test_report_markdown_and_csv_with_anonymous_evaluations(bot: Harness) -> None:
    bot.community(members=("bob", "cat", "dan"), introduced=True)
    bot.text("ann", 'config ambition="Every member tries one new approach"')
    bot.text("ann", "theme 1 Listening to clients")
    bot.run_due(AFTER_MEETING_1)
    evaluate(
        bot,
        {
            "bob": ("4", "The case of Dan", "Loneliness"),
            "cat": ("5", "Hearing other disciplines", "Family carers"),
            "dan": ("3", "-", "-"),
        },
    )
    bot.text("cat", "success A client kept living at home")
    message, markdown, rows = report(bot)
    assert "Report of Test CoP" in message.text and "report.md" in message.text
    assert "## Domain question\n\nHow do we keep elderly people at home?" in markdown
    assert "Every member tries one new approach" in markdown
    assert "| 1 | 2027-01-14 | Listening to clients |" in markdown
    assert "3 answers, mean rating 4.0" in markdown
    assert "Hearing other disciplines" in markdown and "Family carers" in markdown
    assert "A client kept living at home" in markdown
    evaluation_part = markdown.split("## Evaluations")[1].split("## Experiments")[0]
    for name in ("Bob", "Cat", "Dan ", "Ann"):
        assert name not in evaluation_part
    first = rows[0]
    assert first["number"] == "1" and first["date"] == "2027-01-14"
    assert first["theme"] == "Listening to clients"
    assert first["evaluation_count"] == "3" and first["mean_rating"] == "4.0"
    assert sorted(first["topics"].split("; ")) == ["Family carers", "Loneliness"]
    assert len(rows) == 1  # by default up to today: the future meetings are not in it

    # The digest shows the evaluation of the last meeting and the topics asked for.
    digest = bot.text("ann", "digest")
    assert "Evaluation trend: #1 4.0" in digest
    asked = digest.split("Topics asked for next time: ")[1].split("\n")[0]
    assert sorted(asked.split("; ")) == ["Family carers", "Loneliness"], asked

    # Forgetting Bob changes nothing in results already shared: his rating and comment stay
    # as they were shown, without his name (their removal would tell what Bob had said).
    before = markdown.split("## Evaluations")[1].split("## Experiments")[0]
    bot.dm("bob", "forget-me confirm")
    _, markdown, rows = report(bot)
    assert markdown.split("## Evaluations")[1].split("## Experiments")[0] == before
    assert rows[0]["mean_rating"] == "4.0"


def test_falling_ratings_are_a_risk_flag(bot: Harness) -> None:
    bot.community(members=("bob", "cat", "dan"), introduced=True)
    bot.run_due(AFTER_MEETING_1)
    evaluate(bot, {p: ("5", "-", "-") for p in ("bob", "cat", "dan")})
    bot.run_due(AFTER_MEETING_2)
    evaluate(bot, {p: ("3", "-", "-") for p in ("bob", "cat", "dan")})
    digest = bot.text("ann", "digest")
    assert "Ratings are falling: #1 5.0 → #2 3.0" in digest
    assert "#1 5.0 → #2 3.0 ↓" in digest


def test_report_period_and_bad_input(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.clock.set(datetime(2027, 6, 1, 9, 0, tzinfo=UTC))
    _, markdown, rows = report(bot, "2027-01-01 2027-03-31")
    assert [r["number"] for r in rows] == ["1", "2"]
    assert "Period 2027-01-01 to 2027-03-31" in markdown
    assert "No meeting has enough evaluation answers yet" in markdown
    assert "ends (2027-01-01) before it starts" in bot.text("ann", "report 2027-02-01 2027-01-01")
    assert "not a date I understand" in bot.text("ann", "report 2027-02-30 2027-03-01")
    assert "not complete" in bot.text("ann", "report 2027-02-01")
    bot.text("ann", "config lang=nl")
    [reply] = bot.say("ann", "rapport")
    assert "Rapportage van Test CoP" in reply.message.text
    assert "## Vraagstuk" in files(reply.message)["report.md"].content


def _line(number: int, count: int) -> MeetingLine:
    return MeetingLine(
        number=number,
        starts_at=datetime(2027, 1, 14, 13, 0, tzinfo=UTC),
        theme=f"Theme | {number}",
        held=True,
        facilitators={"content": "Ann", "process": "Bob"},
        checkin=Rate(3, 4),
        evaluation=Rate(count, 4),
        summary=EvalSummary(count, 4.5, ("Valuable text",), ("Topic text",)),
    )


def test_small_evaluations_stay_out_of_the_rendered_report() -> None:
    data = ReportData(
        community_name="CoP",
        question="Q?",
        ambition=None,
        tz="Europe/Amsterdam",
        start=date(2027, 1, 1),
        end=date(2027, 12, 31),
        generated_at=datetime(2027, 12, 31, 12, 0, tzinfo=UTC),
        size=12,
        target_size=20,
        meetings=[_line(1, 2), _line(2, 3)],
        entries=5,
        experiments=(4, 2),
        open_experiments=["Ask one open question per visit"],
        successes=[],
    )
    markdown = render_markdown(data, "en")
    assert markdown.count("Valuable text") == 1  # only meeting 2 has three answers
    assert "### Meeting 2" in markdown and "### Meeting 1" not in markdown
    assert "Theme / 1" in markdown  # a pipe never breaks the table
    assert "Ann / Bob" in markdown  # facilitators belong to the meetings, not the evaluations
    assert "4 experiments agreed, 2 reported back" in markdown
    assert "Ask one open question per visit" in markdown
    rows = list(csv.DictReader(io.StringIO(render_csv(data))))
    assert [(r["evaluation_count"], r["mean_rating"]) for r in rows] == [("2", ""), ("3", "4.5")]
    assert rows[0]["checkin_rate"] == "0.75"
    assert rows[0]["theme"] == "Theme | 1"
