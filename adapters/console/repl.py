"""``copbot chat``: talk to copbot in the terminal as any member, on a clock you can move.

The shape is errbot's text backend: a readline loop that exits cleanly on EOF and Ctrl-C.
Lines starting with ``/`` steer the console (who you are, where you type, the clock);
everything else goes to the core exactly as Slack or Teams would send it. ``ConsoleRepl``
takes its input and output streams, so tests push lines and read what it printed.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TextIO
from zoneinfo import ZoneInfo

from adapters.console.render import render
from adapters.console.sender import ConsoleSender
from bot.clock import Clock, utcnow
from bot.commands.parser import parse_duration, parse_local_datetime
from bot.context import Actor, Place, Reply, Submission
from bot.core import Core
from bot.errors import CopError
from bot.messages import Button, Form, Message, Question
from bot.outbox.sender import Recipient
from bot.settings import Settings

logger = logging.getLogger(__name__)

PLATFORM = "console"
CHANNEL = "general"
DEFAULT_TZ = "Europe/Amsterdam"

HELP = """Console commands (everything else goes to copbot, e.g. `help`, `setup My CoP`, `join`):
  /as <name>              act as this person (user id = the name in lower case)
  /where channel|dm       type in #general or in your DM with copbot (/channel, /dm)
  /time                   show the simulated time
  /time +3d | -2h         move the clock (w, d, h, m)
  /time YYYY-MM-DD [HH:MM] set the clock (local time); /time now goes back to real time
  /run                    do the work that is due now (prompts, reminders, digests); /tick
  /inbox [all]            the messages copbot sent you (new ones, or all of them)
  /click <n>              press button [n] of the messages shown last
  /who                    who and where you are
  /help                   this list
  /quit                   leave (Ctrl-D and Ctrl-C work too)"""


class Exit(Exception):
    """The person at the keyboard wants to leave (``/quit``, EOF or Ctrl-C)."""


@dataclass
class SimClock:
    """Real time plus an offset the person can move: travel to next week, then ``/run``."""

    base: Clock = utcnow
    offset: timedelta = timedelta(0)

    def __call__(self) -> datetime:
        return self.base() + self.offset

    def shift(self, delta: timedelta) -> None:
        self.offset += delta

    def set(self, moment: datetime) -> None:
        self.offset = moment - self.base()

    def reset(self) -> None:
        self.offset = timedelta(0)


@dataclass
class Shown:
    """A button from the messages shown last, with where it was shown (a DM or the channel)."""

    button: Button
    place: Place


@dataclass
class ConsoleRepl:
    core: Core
    sender: ConsoleSender
    clock: SimClock
    stdin: TextIO | None = None  # None: the terminal, read with input() (readline editing)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    user: str = "You"
    where: str = "channel"
    tz: str = DEFAULT_TZ
    echo: bool = False  # write each input line back (transcripts of non-interactive runs)
    shown: list[Shown] = field(default_factory=list)
    _channel_posts: list[Message] = field(default_factory=list)
    _dm_counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sender.listener = self._delivered

    # -- the loop ------------------------------------------------------------------------
    def run(self) -> int:
        self.say(f"copbot console. You are {self.user} in {self._where_label()}. Type /help.")
        try:
            while True:
                line = self.read(self._prompt())
                self.handle(line)
        except Exit:
            pass
        except KeyboardInterrupt:
            self.say("")
        self.say("Bye.")
        return 0

    def read(self, prompt: str) -> str:
        """One line from the person; raises Exit at end of input."""
        if self.stdin is None:
            try:
                return input(prompt)
            except EOFError:
                self.say("")
                raise Exit() from None
        line = self.stdin.readline()
        if not line:
            raise Exit()
        line = line.rstrip("\r\n")
        if self.echo:
            self.say(f"{prompt}{line}")
        return line

    def say(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def handle(self, line: str) -> None:
        text = line.strip()
        if not text:
            return
        if text.startswith("/") and not text.lower().startswith("/cop"):
            self.console_command(text)
        else:
            self.to_core(text)
        self._flush_notices()

    # -- console commands ---------------------------------------------------------------
    def console_command(self, text: str) -> None:
        word, _, rest = text[1:].partition(" ")
        rest = rest.strip()
        handlers: dict[str, Callable[[str], None]] = {
            "as": self._as,
            "where": self._where,
            "channel": lambda _: self._where("channel"),
            "dm": lambda _: self._where("dm"),
            "time": self._time,
            "run": self._run,
            "tick": self._run,
            "inbox": self._inbox,
            "click": self._click,
            "who": lambda _: self.say(self._who()),
            "help": lambda _: self.say(HELP),
            "quit": self._quit,
            "exit": self._quit,
        }
        handler = handlers.get(word.lower())
        if handler is None:
            self.say(f"Unknown console command /{word}. Try /help.")
            return
        handler(rest)

    def _quit(self, _: str) -> None:
        raise Exit()

    def _as(self, name: str) -> None:
        if not name:
            self.say("Usage: /as <name>")
            return
        self.user = name
        self.shown = []
        unread = self.sender.inbox(self.user_id).unread_count
        note = f" {unread} new message(s): /inbox" if unread else ""
        self.say(f"You are now {self.user}.{note}")

    def _where(self, where: str) -> None:
        choice = where.lower().lstrip("#")
        if choice in ("channel", "general", "kanaal"):
            self.where = "channel"
        elif choice in ("dm", "direct", "private"):
            self.where = "dm"
        else:
            self.say("Usage: /where channel|dm")
            return
        self.say(f"You now type in {self._where_label()}.")

    def _time(self, arg: str) -> None:
        try:
            if arg in ("now", "reset"):
                self.clock.reset()
            elif arg.startswith(("+", "-")):
                delta = parse_duration(arg[1:])
                self.clock.shift(delta if arg[0] == "+" else -delta)
            elif arg:
                day, _, clock = arg.partition(" ")
                self.clock.set(parse_local_datetime(day, clock.strip() or "09:00", tz=self.tz))
        except CopError as exc:
            self.say(
                f"Cannot set the clock to {arg!r} ({exc.key}). Try /time +3d or /time 2027-01-14 10:00."
            )
            return
        self.say(f"It is now {self._now_label()}.")

    def _run(self, _: str) -> None:
        report = self.core.run_due(self.clock())
        self.say(
            f"Ran due work at {self._now_label()}: {report.jobs_done} job(s) done, "
            f"{report.jobs_skipped} skipped, {report.jobs_failed} failed; "
            f"{report.delivery.sent} message(s) delivered."
        )

    def _inbox(self, arg: str) -> None:
        inbox = self.sender.inbox(self.user_id)
        messages = list(inbox.messages) if arg == "all" else inbox.unread()
        if arg == "all":
            inbox.read = len(inbox.messages)
        if not messages:
            self.say("No new messages. (/inbox all shows every message.)")
            return
        dm = self._dm_place()
        self.show([(m, dm, "copbot (DM)") for m in messages])

    def _click(self, arg: str) -> None:
        try:
            index = int(arg) - 1
        except ValueError:
            index = -1
        if not 0 <= index < len(self.shown):
            self.say("Usage: /click <n>, with n a button number from the messages shown last.")
            return
        chosen = self.shown[index]
        self.say(f"(you press “{chosen.button.label}”)")
        submission = Submission(chosen.button.action_id, chosen.button.value)
        self.reply_batch(self.core.handle_action(self.actor(), chosen.place, submission))

    # -- talking to the core ------------------------------------------------------------
    def to_core(self, text: str) -> None:
        place = self._place()
        if place.kind == "dm":
            replies = self.core.handle_message(self.actor(), place, text)
        else:
            replies = self.core.handle_command(self.actor(), place, text)
        self.reply_batch(replies)

    def reply_batch(self, replies: list[Reply]) -> None:
        here = self._place()
        items = []
        for reply in replies:
            if reply.visibility == "channel":
                items.append((reply.message, self._channel_place(), f"copbot in #{CHANNEL}"))
            else:
                items.append((reply.message, here, "copbot (only you)"))
        forms = self.show(items)
        for form, place in forms:
            self.fill_form(form, place)

    def show(self, items: list[tuple[Message, Place, str]]) -> list[tuple[Form, Place]]:
        """Print messages, numbering their buttons afresh; returns the forms to fill in."""
        self.shown = []
        forms: list[tuple[Form, Place]] = []
        for message, place, who in items:
            rendered = render(message, first_button=len(self.shown) + 1)
            self.say(f"{who}:")
            self.say("  " + rendered.text.replace("\n", "\n  "))
            self.shown.extend(Shown(button, place) for button in rendered.buttons)
            forms.extend((form, place) for form in rendered.forms)
        return forms

    def fill_form(self, form: Form, place: Place) -> None:
        """Ask a form's questions one by one, then submit it as the platform would."""
        self.say(f"Filling in “{form.title}” (/cancel stops).")
        fields: dict[str, str] = {}
        for question in form.questions:
            answer = self._ask(question)
            if answer is None:
                self.say("Form cancelled.")
                return
            fields[question.id] = answer
        submission = Submission(form.action_id, form.value, fields)
        self.reply_batch(self.core.handle_action(self.actor(), place, submission))

    def _ask(self, question: Question) -> str | None:
        options = {}
        if question.choices:
            for number, (value, label) in enumerate(question.choices, start=1):
                self.say(f"    {number}) {label}")
                options[str(number)] = value
                options[value.lower()] = value
                options[label.lower()] = value
        suffix = " (optional)" if question.optional else ""
        # A label that ends a sentence ("What do you bring in?") needs no colon after it.
        colon = "" if question.label.rstrip().endswith(("?", ".", "!", ":")) else ":"
        while True:
            answer = self.read(f"  {question.label}{suffix}{colon} ").strip()
            if answer == "/cancel":
                return None
            if not answer and question.optional:
                return ""
            if question.choices:
                if answer.lower() in options:
                    return options[answer.lower()]
                self.say("    Pick one of the numbers above.")
            elif answer:
                return answer
            else:
                self.say("    This one needs an answer.")

    # -- deliveries while we work -----------------------------------------------------------
    def _delivered(self, recipient: Recipient, message: Message) -> None:
        if recipient.to_channel:
            self._channel_posts.append(message)
        else:
            self._dm_counts[recipient.recipient] = self._dm_counts.get(recipient.recipient, 0) + 1

    def _flush_notices(self) -> None:
        posts, self._channel_posts = self._channel_posts, []
        if posts:
            channel = self._channel_place()
            self.show([(m, channel, f"copbot posted in #{CHANNEL}") for m in posts])
        counts, self._dm_counts = self._dm_counts, {}
        for user_id, count in sorted(counts.items()):
            mine = " (that's you: /inbox)" if user_id == self.user_id else ""
            self.say(f"✉ {count} new DM(s) for {user_id}{mine}")

    # -- who, where, when -----------------------------------------------------------------
    @property
    def user_id(self) -> str:
        return self.user.strip().lower()

    def actor(self) -> Actor:
        return Actor(PLATFORM, self.user_id, display_name=self.user.strip())

    def _channel_place(self) -> Place:
        return Place(PLATFORM, CHANNEL, "channel")

    def _dm_place(self) -> Place:
        return Place(PLATFORM, self.user_id, "dm")

    def _place(self) -> Place:
        return self._dm_place() if self.where == "dm" else self._channel_place()

    def _where_label(self) -> str:
        return "your DM with copbot" if self.where == "dm" else f"#{CHANNEL}"

    def _now_label(self) -> str:
        return self.clock().astimezone(ZoneInfo(self.tz)).strftime("%a %Y-%m-%d %H:%M %Z")

    def _who(self) -> str:
        return f"You are {self.user} in {self._where_label()}; it is {self._now_label()}."

    def _prompt(self) -> str:
        where = "dm" if self.where == "dm" else f"#{CHANNEL}"
        local = self.clock().astimezone(ZoneInfo(self.tz)).strftime("%Y-%m-%d %H:%M")
        return f"{self.user}@{where} {local}> "


def build_repl(
    settings: Settings,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    user: str = "You",
    base_clock: Clock = utcnow,
    echo: bool = False,
) -> ConsoleRepl:
    """A REPL on the configured database, migrated first."""
    from copbot.wiring import build_core

    sender = ConsoleSender()
    clock = SimClock(base=base_clock)
    core = build_core(settings, senders={PLATFORM: sender}, deliver_inline=True)
    # The console travels in time: the core reads "now" from the REPL's clock.
    core.clock = clock
    return ConsoleRepl(
        core=core,
        sender=sender,
        clock=clock,
        stdin=stdin,
        stdout=stdout or sys.stdout,
        user=user,
        echo=echo,
    )


def run_chat(settings: Settings) -> int:
    import getpass

    root = logging.getLogger()
    if root.level == logging.INFO:
        # The REPL is the conversation; routine INFO lines would interleave with it.
        root.setLevel(logging.WARNING)
    interactive = sys.stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
    try:
        name = getpass.getuser().capitalize()
    except Exception:  # no login name in some containers
        name = "You"
    # Piped input is not shown by a terminal: echo it, so the output reads as a transcript.
    repl = build_repl(
        settings,
        stdin=None if interactive else sys.stdin,
        user=name or "You",
        echo=not interactive,
    )
    print(f"Database: {settings.database_url}")
    return repl.run()
