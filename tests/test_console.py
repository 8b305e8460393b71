"""`copbot chat` driven through its input and output streams: a script of lines goes in,
the transcript comes out. One test runs the real `copbot` command with its stdin piped."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO, cast

from adapters.console.repl import build_repl
from bot.settings import Settings

# Monday 2027-01-04 10:00 in Amsterdam; the community's first meeting is Thursday 14 January.
START = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
PROMPT = re.compile(r"^.+?@(?:dm|#[\w-]+) \d{4}-\d\d-\d\d \d\d:\d\d> (.*)$")


def chat(url: str, *lines: str) -> tuple[int, list[tuple[str, str]]]:
    """Run the console on ``lines`` until their end; returns the exit code and, per line typed
    at the prompt, what the console printed after it (a form's answers stay in that output)."""
    out = io.StringIO()
    repl = build_repl(
        Settings(database_url=url),
        stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
        stdout=out,
        user="Ann",
        base_clock=lambda: START,
        echo=True,
    )
    code = repl.run()
    steps: list[tuple[str, str]] = [("", "")]
    for row in out.getvalue().splitlines():
        typed = PROMPT.match(row)
        if typed:
            steps.append((typed.group(1), ""))
        else:
            line, text = steps[-1]
            steps[-1] = (line, text + row + "\n")
    return code, steps


def after(steps: list[tuple[str, str]], line: str, nth: int = 0) -> str:
    """What the console printed after the ``nth`` time ``line`` was typed."""
    return [text for typed, text in steps if typed == line][nth]


SETUP = (
    "setup Zorg CoP",
    'config lang=en start=2027-01-14 time=14:00 question="How do we keep elderly people at home?"',
)


def test_act_as_people_verbs_dm_inbox_and_click(sqlite_url: str) -> None:
    code, steps = chat(
        sqlite_url,
        "/help",
        *SETUP,
        "/help",
        "/as Bob",
        "join",
        "/inbox",
        "/dm",
        "Gemeente Leiden",
        "/who",
        "/inbox",
        "/click 1",
        "/as Ann",
        "/channel",
        "members",
    )
    assert code == 0
    # The console speaks the core's language: Dutch until the community says English.
    assert steps[0][1].startswith("copbot-console. Je bent Ann in #general. Typ /help.")
    assert "Console-commando's" in after(steps, "/help") and "/click <n>" in after(steps, "/help")
    assert "Console commands" in after(steps, "/help", 1)
    assert "Community *Zorg CoP* is" in after(steps, "setup Zorg CoP")
    assert "Saved: lang = en" in after(steps, SETUP[1])
    assert "You are now Bob." in after(steps, "/as Bob")
    joined = after(steps, "join")
    assert "copbot in #general:\n  Welcome Bob to Zorg CoP!" in joined
    assert "✉ 2 new DMs for bob (that's you: /inbox)" in joined
    inbox = after(steps, "/inbox")
    assert "Welcome to Zorg CoP, Bob" in inbox
    assert "(1/4) Which organisation do you work for?\n  [1] Answer in a form" in inbox
    assert "You now type in your DM with copbot." in after(steps, "/dm")
    # A plain reply in the DM answers the intake; the next question follows.
    assert "(2/4) What is your discipline" in after(steps, "Gemeente Leiden")
    assert "You are Bob in your DM with copbot; it is Mon 2027-01-04 10:00 CET." in after(
        steps, "/who"
    )
    assert "No new messages" in after(steps, "/inbox", 1)
    # Nothing with buttons was shown last: /click explains itself.
    assert "Usage: /click <n>" in after(steps, "/click 1")
    assert "Bob" in after(steps, "members") and "Gemeente Leiden" in after(steps, "members")
    assert after(steps, "members").startswith("copbot (only you):")
    assert steps[-1][1].endswith("Bye.\n")


def test_time_travel_run_and_a_form_filled_in_at_the_prompt(sqlite_url: str) -> None:
    code, steps = chat(
        sqlite_url,
        *SETUP,
        "/inbox",  # the founder's own intake
        "/as Bob",
        "join",
        "/as Ann",
        "/time",
        "/time +3d",
        "/time 2027-01-11 14:30",
        "/run",
        "/inbox",
        "/click 5",
        "A case about loneliness",
        "/run",
        "/time -1h",
        "/time next tuesday",
        "/click 7",
    )
    assert code == 0
    assert "It is now Mon 2027-01-04 10:00 CET." in after(steps, "/time")
    assert "It is now Thu 2027-01-07 10:00 CET." in after(steps, "/time +3d")
    assert "It is now Mon 2027-01-11 14:30 CET." in after(steps, "/time 2027-01-11 14:30")
    ran = after(steps, "/run")
    # The facilitators are chosen the day before the check-in, which is due now.
    assert "Ran due work at Mon 2027-01-11 14:30 CET: jobs done 3, skipped 0, failed 0" in ran
    assert "copbot posted in #general:\n  Facilitators of meeting 1" in ran
    # Besides the turn, the digest and the check-in: one reminder of the unfinished intake.
    assert "✉ 4 new DMs for ann (that's you: /inbox)" in ran
    assert "✉ 3 new DMs for bob\n" in ran
    assert "Which organisation do you work for?" in after(steps, "/inbox")
    inbox = after(steps, "/inbox", 1)
    assert "You facilitate meeting 1" in inbox
    assert "Weekly digest of Zorg CoP (2027-01-11)" in inbox
    assert "Check-in for meeting 1 (2027-01-14 14:00)" in inbox
    assert "your introduction is not finished yet" in inbox
    # The check-in asks who comes (buttons 2-4) before its own form button.
    assert "[1] Answer in a form" in inbox and "[5] Answer in a form" in inbox
    assert "[2] I'm coming" in inbox and "[4] Not sure yet" in inbox
    clicked = after(steps, "/click 5")
    assert "(you press “Answer in a form”)" in clicked
    assert "Filling in “Check-in” (/cancel stops)." in clicked
    # The form's question is asked at its own prompt (the answer echoed), then submitted.
    question = "What do you bring in? A question, a case or an insight from your own practice."
    assert f"  {question} A case about loneliness\n" in clicked
    assert "Thanks for checking in!" in clicked
    assert "jobs done 0" in after(steps, "/run", 1)
    assert "It is now Mon 2027-01-11 13:30 CET." in after(steps, "/time -1h")
    assert "Cannot set the clock to 'next tuesday'" in after(steps, "/time next tuesday")
    assert "Usage: /click <n>" in after(steps, "/click 7")


def test_unknown_verbs_commands_and_bad_input_get_a_friendly_answer(sqlite_url: str) -> None:
    code, steps = chat(
        sqlite_url,
        "frobnicate",
        *SETUP,
        "frobnicate now",
        "/frobnicate",
        "/where moon",
        "/as",
        "schedule move 1 2027-02-30 14:00",
        "log " + "x" * 2100,
        "/cop status",
    )
    assert code == 0
    # Before `setup` the community's language is not known yet: Dutch, the default.
    assert "Het commando `frobnicate` ken ik niet" in after(steps, "frobnicate")
    assert "I don't know the command `frobnicate`" in after(steps, "frobnicate now")
    assert "Unknown console command /frobnicate. Try /help." in after(steps, "/frobnicate")
    assert "Usage: /where channel|dm" in after(steps, "/where moon")
    assert "Usage: /as <name>" in after(steps, "/as")
    moved = after(steps, "schedule move 1 2027-02-30 14:00")
    assert moved == (
        "copbot (only you):\n"
        "  `2027-02-30` is not a date I understand. Use YYYY-MM-DD, for example 2026-03-05.\n"
    )
    assert "at most 2000 characters" in after(steps, "log " + "x" * 2100)
    # Slack's slash command typed as is goes to copbot, not to the console.
    assert "Your role  organiser" in after(steps, "/cop status")


def test_dutch_and_a_form_cancelled_then_filled_in(sqlite_url: str) -> None:
    code, steps = chat(
        sqlite_url,
        "setup Zorg CoP",
        "hulp",
        "/as Bob",
        "aanmelden",
        "/inbox",
        "/click 1",
        "GGD",
        "/cancel",
        "/inbox all",
        "/click 1",
        "GGD",
        "verpleegkundige",
        "",
        "Eenzaamheid eerder zien",
        "2",  # the school holiday region: midden
        "onzin",
        "/dm",
        "/who",
        "/frobnicate",
        "doel Beter samenwerken met de huisarts",
        "logboek",
    )
    assert code == 0
    assert "is opgezet in dit kanaal" in after(steps, "setup Zorg CoP")
    assert "Wat ik voor je kan doen (organisator)" in after(steps, "hulp")
    assert "Welkom Bob bij Zorg CoP!" in after(steps, "aanmelden")
    assert "(1/4) Voor welke organisatie werk je?\n  [1] Antwoord via formulier" in after(
        steps, "/inbox"
    )
    cancelled = after(steps, "/click 1")
    assert "(je drukt op “Antwoord via formulier”)" in cancelled
    assert "[formulier] Over jou" in cancelled
    assert "Formulier “Over jou” invullen (/cancel stopt)." in cancelled
    assert "  Voor welke organisatie werk je? (optioneel) GGD\n" in cancelled
    assert cancelled.endswith("Formulier geannuleerd.\n")
    assert "Welkom bij Zorg CoP, Bob" in after(steps, "/inbox all")
    filled = after(steps, "/click 1", 1)
    assert "  Welke casus uit je eigen praktijk breng je in? (optioneel) \n" in filled
    assert "Dank je!" in filled
    assert "Het commando `onzin` ken ik niet" in after(steps, "onzin")
    assert "Je bent Bob in je DM met copbot; het is ma 2027-01-04 10:00 CET." in after(
        steps, "/who"
    )
    assert "Onbekend console-commando /frobnicate. Probeer /help." in after(steps, "/frobnicate")
    assert "Doel genoteerd in je logboek." in after(steps, "doel Beter samenwerken met de huisarts")
    assert "[doel] Beter samenwerken met de huisarts" in after(steps, "logboek")
    assert steps[-1][1].endswith("Tot ziens.\n")


def test_end_of_input_in_the_middle_of_a_form_still_exits_cleanly(sqlite_url: str) -> None:
    code, steps = chat(sqlite_url, "setup Zorg CoP", "/as Bob", "join", "/inbox", "/click 1")
    assert code == 0
    last = after(steps, "/click 1")
    assert "Formulier “Over jou” invullen (/cancel stopt)." in last
    assert last.endswith("Tot ziens.\n")


def test_copbot_chat_reads_piped_input_and_exits_cleanly_at_its_end(tmp_path: Path) -> None:
    copbot = Path(sys.executable).with_name("copbot")
    script = (
        "/as Ann\nsetup Pipe CoP\n/dm\nstatus\n/as Bob\n/channel\njoin\n/inbox\n/click 1\nGGD\n"
    )
    done = subprocess.run(
        [str(copbot), "--database-url", f"sqlite:///{tmp_path / 'chat.db'}", "chat"],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith(f"Database: sqlite:///{tmp_path / 'chat.db'}\n")
    # Piped input is echoed after the prompt, so the output reads as a transcript.
    assert "@#general " in out and "> setup Pipe CoP\n" in out
    assert "Community *Pipe CoP* is opgezet" in out
    assert "Welkom Bob bij Pipe CoP!" in out
    # End of input in the middle of the intake form: the console still says goodbye.
    assert "Formulier “Over jou” invullen" in out
    assert out.rstrip().endswith("Tot ziens.")
    assert "Traceback" not in done.stderr
    assert "alembic" not in done.stderr


def test_as_finds_a_demo_person_by_display_name(sqlite_url: str) -> None:
    # The demo's people joined as (user id ``marieke.de.vries``, name "Marieke de Vries"),
    # as copbot.demo.crowd makes them; the console must find them by the name one reads.
    from bot.context import Actor, Place
    from copbot.demo.data import PEOPLE
    from copbot.wiring import build_core

    persona = next(p for p in PEOPLE if p.name == "Marieke de Vries")
    core = build_core(Settings(database_url=sqlite_url), migrate=False)
    core.clock = lambda: START
    channel = Place("console", "general", "channel")
    founder = Actor("console", "ann", display_name="Ann")
    core.handle_command(founder, channel, SETUP[0])
    core.handle_command(founder, channel, SETUP[1])
    marieke = Actor("console", persona.user_id, display_name=persona.name)
    core.handle_command(marieke, channel, "join")
    core.handle_command(marieke, channel, "log Kitchen-table talk with the GP")
    code, steps = chat(
        sqlite_url,
        "/as Marieke de Vries",
        "members",
        "my-data",
        "/as marieke",
        "/who",
        "/as Someone New",
        "status",
    )
    assert code == 0
    assert "You are now Marieke de Vries." in after(steps, "/as Marieke de Vries")
    # She is the member the demo made, with her logbook, not a newcomer asked to join.
    assert "Members of Zorg CoP (2)" in after(steps, "members")
    assert "Kitchen-table talk with the GP" in after(steps, "my-data")
    # A unique beginning of the name is enough, and the name keeps its capitals.
    assert "You are Marieke de Vries in #general" in after(steps, "/who")
    # A name nobody has is somebody new.
    assert "join" in after(steps, "status").lower()


def test_the_words_a_newcomer_tries_in_the_console(sqlite_url: str) -> None:
    code, steps = chat(
        sqlite_url,
        *SETUP,
        "/as Bob",
        "join",
        "language de",
        "checkin The case of Mrs J.",
        "back",
        "results 3",
        "/as Ann",
        "role <@bob> facilitator",
        'theme 3 "Loneliness"',
        "theme 3 -",
        "report 2030-01-01 2030-02-01",
        "/as Bob",
        "/inbox",
    )
    assert code == 0
    assert "English (`en`) and Dutch (`nl`)" in after(steps, "language de")
    assert "Thanks for checking in" in after(steps, "checkin The case of Mrs J.")
    assert "You are not marked away" in after(steps, "back")
    assert "has not taken place yet" in after(steps, "results 3")
    role = after(steps, "role <@bob> facilitator")
    assert "Bob is now facilitator" in role and "new DM for bob" in role, role
    assert "Theme cleared: 3." in after(steps, "theme 3 -")
    assert "has not begun yet" in after(steps, "report 2030-01-01 2030-02-01")
    assert "Ann made you facilitator of Zorg CoP" in after(steps, "/inbox")


def test_the_html_report_is_saved_not_printed(sqlite_url: str, tmp_path: Path) -> None:
    out = io.StringIO()
    repl = build_repl(
        Settings(database_url=sqlite_url),
        stdin=io.StringIO("".join(f"{line}\n" for line in (*SETUP, "report"))),
        stdout=out,
        user="Ann",
        base_clock=lambda: START,
        echo=True,
    )
    repl.files_dir = tmp_path / "pages"
    assert repl.run() == 0
    printed = out.getvalue()
    page = tmp_path / "pages" / "report.html"
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "report.html: an HTML page of" in printed and str(page) in printed
    assert "<!DOCTYPE html>" not in printed and "--- report.md ---" in printed


def test_join_typed_in_the_dm_joins_and_the_channel_hears_it(sqlite_url: str) -> None:
    code, steps = chat(sqlite_url, *SETUP, "/as Cas", "/dm", "join", "/inbox")
    assert code == 0
    joined = after(steps, "join")
    assert "Welcome to *Zorg CoP*!" in joined
    # The announcement went to the channel through the outbox, with Cas by name.
    assert "Welcome Cas to Zorg CoP!" in joined, joined
    assert "(1/4) Which organisation" in after(steps, "/inbox")


class Typist:
    """Lines typed one by one, each one allowed to read what the console printed so far: the
    link code copbot hands out is only known once it has been shown."""

    def __init__(self, out: io.StringIO, *lines: str | Callable[[str], str]) -> None:
        self.out, self.lines = out, list(lines)

    def readline(self, size: int | None = -1, /) -> str:
        if not self.lines:
            return ""
        line = self.lines.pop(0)
        return (line if isinstance(line, str) else line(self.out.getvalue())) + "\n"


def test_a_second_channel_linked_to_the_community(sqlite_url: str) -> None:
    """The console has channels besides #general: `/channel other`, where Tina types the code
    Ann got in #general, and from then on #other hears what the community's channel hears."""
    out = io.StringIO()

    def code(printed: str) -> str:
        return "link " + str(re.findall(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}\b", printed)[-1])

    stdin = Typist(
        out, *SETUP, "link", "/channel other", "/as Tina", code, "/channel general", "/as Bob",
        "join", "places",
    )  # fmt: skip
    repl = build_repl(
        Settings(database_url=sqlite_url),
        stdin=cast(TextIO, stdin),  # the console only reads lines from it
        stdout=out,
        user="Ann",
        base_clock=lambda: START,
        echo=True,
    )
    assert repl.run() == 0
    printed = out.getvalue()
    assert "Tina@#other" in printed
    assert "This channel is now part of *Zorg CoP*" in printed
    assert "copbot posted in #general:" in printed and "linked by Tina" in printed
    # Bob's welcome, said in #general, is posted in #other too.
    assert "copbot posted in #other:" in printed.split("Bob@#general")[1]
    assert "lives in 2 channels" in printed
