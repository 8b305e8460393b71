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
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from adapters.console.render import render
from adapters.console.sender import ConsoleSender
from adapters.console.texts import text
from bot.clock import Clock, utcnow
from bot.commands.parser import parse_duration, parse_local_datetime
from bot.context import Actor, Place, Reply, Submission
from bot.core import Core
from bot.errors import CopError
from bot.messages import Button, File, Form, Message, Question
from bot.outbox.sender import Recipient
from bot.settings import Settings

logger = logging.getLogger(__name__)

PLATFORM = "console"
CHANNEL = "general"
DEFAULT_TZ = "Europe/Amsterdam"


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
    # The channel typed in: #general, or another one (`/channel other`), which an organiser
    # can link to the community of #general as a second place.
    channel: str = CHANNEL
    tz: str = DEFAULT_TZ
    echo: bool = False  # write each input line back (transcripts of non-interactive runs)
    files_dir: Path = field(default_factory=lambda: Path("copbot-files"))
    shown: list[Shown] = field(default_factory=list)
    _channel_posts: list[tuple[str, Message]] = field(default_factory=list)
    _dm_counts: dict[str, int] = field(default_factory=dict)
    _user_id: str | None = None  # set by /as when the name belongs to a known member

    def __post_init__(self) -> None:
        self.sender.listener = self._delivered

    # -- the loop ------------------------------------------------------------------------
    def run(self) -> int:
        self.say(self._t("console.hello", user=self.user, where=self._where_label()))
        try:
            while True:
                line = self.read(self._prompt())
                self.handle(line)
        except Exit:
            pass
        except KeyboardInterrupt:
            self.say("")
        self.say(self._t("console.bye"))
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
            "channel": self._channel,
            "dm": lambda _: self._where("dm"),
            "time": self._time,
            "run": self._run,
            "tick": self._run,
            "inbox": self._inbox,
            "click": self._click,
            "who": lambda _: self.say(self._who()),
            "help": lambda _: self.say(self._t("console.help")),
            "quit": self._quit,
            "exit": self._quit,
        }
        handler = handlers.get(word.lower())
        if handler is None:
            self.say(self._t("console.unknown", word=word))
            return
        handler(rest)

    def _quit(self, _: str) -> None:
        raise Exit()

    def _as(self, name: str) -> None:
        if not name:
            self.say(self._t("console.usage_as"))
            return
        # Someone already in a community is found by name ("/as Marieke de Vries" is the
        # demo's marieke.de.vries); anyone else is a new person with an id made from the name.
        found = self.core.user_named(PLATFORM, name)
        self.user, self._user_id = (found[1], found[0]) if found else (name, None)
        self.shown = []
        unread = self.sender.inbox(self.user_id).unread_count
        note = " " + self._t("console.unread", count=unread) if unread else ""
        self.say(self._t("console.now_you", user=self.user) + note)

    def _where(self, where: str) -> None:
        choice = where.lower().lstrip("#")
        if choice in ("channel", "general", "kanaal"):
            self.where = "channel"
            self.channel = CHANNEL if choice == "general" else self.channel
        elif choice in ("dm", "direct", "private"):
            self.where = "dm"
        else:
            self.say(self._t("console.usage_where"))
            return
        self.say(self._t("console.typing_in", where=self._where_label()))

    def _channel(self, name: str) -> None:
        """`/channel`: back to the channel; `/channel <name>`: another channel (#<name>)."""
        name = name.strip().lstrip("#")
        if not name:
            self._where("channel")
            return
        if " " in name:
            self.say(self._t("console.usage_where"))
            return
        self.where, self.channel = "channel", name
        self.say(self._t("console.typing_in", where=self._where_label()))

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
            self.say(self._t("console.bad_time", value=repr(arg), key=exc.key))
            return
        self.say(self._t("console.time", now=self._now_label()))

    def _run(self, _: str) -> None:
        report = self.core.run_due(self.clock())
        self.say(
            self._t(
                "console.ran",
                now=self._now_label(),
                done=report.jobs_done,
                skipped=report.jobs_skipped,
                failed=report.jobs_failed,
                sent=report.delivery.sent,
            )
        )

    def _inbox(self, arg: str) -> None:
        inbox = self.sender.inbox(self.user_id)
        messages = list(inbox.messages) if arg == "all" else inbox.unread()
        if arg == "all":
            inbox.read = len(inbox.messages)
        if not messages:
            self.say(self._t("console.no_new"))
            return
        dm = self._dm_place()
        self.show([(m, dm, self._t("console.from_dm", place=dm)) for m in messages])

    def _click(self, arg: str) -> None:
        try:
            index = int(arg) - 1
        except ValueError:
            index = -1
        if not 0 <= index < len(self.shown):
            self.say(self._t("console.usage_click"))
            return
        chosen = self.shown[index]
        self.say(self._t("console.press", place=chosen.place, label=chosen.button.label))
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
                channel = self._channel_place()
                who = self._t("console.in_channel", place=channel, channel=self.channel)
                items.append((reply.message, channel, who))
            else:
                items.append((reply.message, here, self._t("console.only_you", place=here)))
        forms = self.show(items)
        for form, place in forms:
            self.fill_form(form, place)

    def show(self, items: list[tuple[Message, Place, str]]) -> list[tuple[Form, Place]]:
        """Print messages, numbering their buttons afresh; returns the forms to fill in."""
        self.shown = []
        forms: list[tuple[Form, Place]] = []
        for message, place, who in items:
            rendered = render(
                message,
                lang=self._lang(place),
                first_button=len(self.shown) + 1,
                saved=self._save_pages(message),
            )
            self.say(f"{who}:")
            self.say("  " + rendered.text.replace("\n", "\n  "))
            self.shown.extend(Shown(button, place) for button in rendered.buttons)
            forms.extend((form, place) for form in rendered.forms)
        return forms

    def _save_pages(self, message: Message) -> dict[str, Path]:
        """HTML pages (the report) go to ``files_dir`` rather than onto the screen."""
        saved: dict[str, Path] = {}
        for block in message.blocks:
            if isinstance(block, File) and block.mime == "text/html":
                self.files_dir.mkdir(parents=True, exist_ok=True)
                path = self.files_dir / Path(block.name).name
                path.write_text(block.content, encoding="utf-8")
                saved[block.name] = path
        return saved

    def fill_form(self, form: Form, place: Place) -> None:
        """Ask a form's questions one by one, then submit it as the platform would."""
        lang = self._lang(place)
        self.say(text(lang, "console.filling_in", title=form.title))
        fields: dict[str, str] = {}
        for question in form.questions:
            answer = self._ask(question, lang)
            if answer is None:
                self.say(text(lang, "console.cancelled"))
                return
            fields[question.id] = answer
        submission = Submission(form.action_id, form.value, fields)
        self.reply_batch(self.core.handle_action(self.actor(), place, submission))

    def _ask(self, question: Question, lang: str) -> str | None:
        options = {}
        if question.choices:
            for number, (value, label) in enumerate(question.choices, start=1):
                self.say(f"    {number}) {label}")
                options[str(number)] = value
                options[value.lower()] = value
                options[label.lower()] = value
        suffix = " " + text(lang, "console.optional") if question.optional else ""
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
                self.say("    " + text(lang, "console.pick"))
            elif answer:
                return answer
            else:
                self.say("    " + text(lang, "console.needed"))

    # -- deliveries while we work -----------------------------------------------------------
    def _delivered(self, recipient: Recipient, message: Message) -> None:
        if recipient.to_channel:
            self._channel_posts.append((recipient.recipient, message))
        else:
            self._dm_counts[recipient.recipient] = self._dm_counts.get(recipient.recipient, 0) + 1

    def _flush_notices(self) -> None:
        posts, self._channel_posts = self._channel_posts, []
        if posts:
            self.show(
                [
                    (
                        m,
                        Place(PLATFORM, name, "channel"),
                        self._t("console.posted", place=self._channel_place(), channel=name),
                    )
                    for name, m in posts
                ]
            )
        counts, self._dm_counts = self._dm_counts, {}
        for user_id, count in sorted(counts.items()):
            you = self._t("console.thats_you") if user_id == self.user_id else ""
            self.say(self._t("console.new_dms", count=count, user=user_id, you=you))

    # -- the console's own words, in the language the core speaks to the person here -------
    def _lang(self, place: Place | None = None) -> str:
        return self.core.lang(self.actor(), place or self._place())

    def _t(self, key: str, /, *, place: Place | None = None, **params: Any) -> str:
        return text(self._lang(place), key, **params)

    # -- who, where, when -----------------------------------------------------------------
    @property
    def user_id(self) -> str:
        return self._user_id or self.user.strip().lower()

    def actor(self) -> Actor:
        return Actor(PLATFORM, self.user_id, display_name=self.user.strip())

    def _channel_place(self) -> Place:
        return Place(PLATFORM, self.channel, "channel")

    def _dm_place(self) -> Place:
        return Place(PLATFORM, self.user_id, "dm")

    def _place(self) -> Place:
        return self._dm_place() if self.where == "dm" else self._channel_place()

    def _where_label(self) -> str:
        return self._t("console.your_dm") if self.where == "dm" else f"#{self.channel}"

    def _now_label(self) -> str:
        local = self.clock().astimezone(ZoneInfo(self.tz))
        day = self._t("console.weekdays").split()[local.weekday()]
        return f"{day} {local:%Y-%m-%d %H:%M %Z}"

    def _who(self) -> str:
        return self._t(
            "console.who", user=self.user, where=self._where_label(), now=self._now_label()
        )

    def _prompt(self) -> str:
        where = "dm" if self.where == "dm" else f"#{self.channel}"
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
