"""The demo's simulated participants: they read what copbot sent them and answer the way
people do in Slack or Teams — by reply, by button or by form, sooner or later, or not at all.

They only use the core's public entry points (``handle_message`` / ``handle_action``) on the
messages they received through the recording sender; they never touch the database.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from adapters.console.repl import PLATFORM
from bot.context import Actor, Place, Reply, Submission
from bot.core import Core
from bot.meetings.school import parse_region
from bot.messages import Button, Buttons, Form, Message, Question
from bot.outbox.sender import RecordingSender
from copbot.demo import data
from copbot.demo.data import Persona

MAX_FOLLOW_UPS = 8

Schedule = Callable[[datetime, str, Callable[[], object]], None]


@dataclass
class Person:
    persona: Persona
    diligence: float  # chance to answer a prompt at all
    prefers_form: bool
    mean_delay_hours: float
    mood: float  # shifts their ratings up or down a little

    @property
    def user_id(self) -> str:
        return self.persona.user_id

    def actor(self) -> Actor:
        return Actor(PLATFORM, self.user_id, display_name=self.persona.name)

    def dm(self) -> Place:
        return Place(PLATFORM, self.user_id, "dm")


@dataclass
class Tally:
    """What the crowd did, for the demo's closing lines."""

    received: int = 0
    answered_by_reply: int = 0
    answered_by_button: int = 0
    answered_by_form: int = 0
    ignored: int = 0
    other_clicks: int = 0


@dataclass
class Crowd:
    core: Core
    sender: RecordingSender
    rng: random.Random
    schedule: Schedule
    clock: Callable[[], datetime]
    people: dict[str, Person] = field(default_factory=dict)
    tally: Tally = field(default_factory=Tally)
    organiser_ids: set[str] = field(default_factory=set)
    # Messages to organisers that are not prompts (digests, briefs), with when they came.
    organiser_mail: list[tuple[datetime, str, Message]] = field(default_factory=list)
    # What each person last wrote in answer to a question (their report: did it work?).
    said: dict[str, str] = field(default_factory=dict)
    # The question each person is answering (its prompt id), for when copbot asks which
    # open question a plain reply answers: they know which one they meant.
    meant: dict[str, str] = field(default_factory=dict)
    _seen: int = 0

    def add(self, persona: Persona) -> Person:
        person = Person(
            persona=persona,
            diligence=self.rng.uniform(0.55, 0.97),
            prefers_form=self.rng.random() < 0.35,
            mean_delay_hours=self.rng.uniform(1.0, 20.0),
            mood=self.rng.uniform(-0.6, 0.6),
        )
        self.people[person.user_id] = person
        return person

    # -- reading the inbox ------------------------------------------------------------------
    def read_new(self) -> None:
        """Look at every message delivered since the last call and decide what to do."""
        fresh = self.sender.sent[self._seen :]
        self._seen = len(self.sender.sent)
        now = self.clock()
        for recipient, message in fresh:
            if recipient.to_channel:
                continue
            person = self.people.get(recipient.recipient)
            if person is None:
                continue
            if not is_prompt(message):
                if recipient.recipient in self.organiser_ids:
                    self.organiser_mail.append((now, recipient.recipient, message))
                self._maybe_click_other(person, message, now)
                continue
            self.tally.received += 1
            if self.rng.random() > person.diligence:
                self.tally.ignored += 1
                continue
            delay = timedelta(hours=min(self.rng.expovariate(1 / person.mean_delay_hours), 60))
            self.schedule(
                now + delay,
                f"{person.persona.name} answers",
                partial(self.answer, person, message),
            )

    def _maybe_click_other(self, person: Person, message: Message, now: datetime) -> None:
        """Buttons that are not a prompt (experiment done, swap confirm): pressed now and then."""
        others = [
            b for b in buttons_of(message) if not b.action_id.startswith(("prompt.", "member."))
        ]
        if not others or self.rng.random() > person.diligence:
            return
        chosen = next((b for b in others if b.style == "primary"), others[0])
        delay = timedelta(hours=self.rng.uniform(2, 72))
        self.schedule(
            now + delay,
            f"{person.persona.name} clicks {chosen.action_id}",
            lambda: self._click_other(person, chosen),
        )

    def _click_other(self, person: Person, button: Button) -> None:
        self.tally.other_clicks += 1
        self._follow_up(person, self._act(person, Submission(button.action_id, button.value)))

    # -- answering ---------------------------------------------------------------------------
    def answer(self, person: Person, message: Message) -> None:
        prompt_id = prompt_of(message)
        if prompt_id is not None:
            self.meant[person.user_id] = prompt_id
        coming = {
            b.value.rpartition(":")[2]: b
            for b in buttons_of(message)
            if b.action_id == "attendance.answer"
        }
        if coming:
            # Most come; a few cannot or do not know yet (they are reminded once).
            said = self.rng.choices(["yes", "no", "maybe"], weights=[80, 8, 12])[0]
            self._act(person, Submission("attendance.answer", coming[said].value))
            if said == "no":
                return
        form_button = next((b for b in buttons_of(message) if b.action_id == "prompt.form"), None)
        choices = answer_buttons(message)
        if form_button is not None and person.prefers_form:
            self.tally.answered_by_form += 1
            self._follow_up(person, self._act(person, Submission("prompt.form", form_button.value)))
            return
        if choices:
            self.tally.answered_by_button += 1
            self._press(person, choices, message.text)
            return
        self.tally.answered_by_reply += 1
        self._reply(person, message.text)

    def _reply(self, person: Person, question: str) -> None:
        replies = self.core.handle_message(
            person.actor(), person.dm(), self.compose(person, question)
        )
        self._follow_up(person, replies)

    def _press(self, person: Person, choices: list[Button], question: str, depth: int = 0) -> None:
        chosen = self.pick_choice(person, [(b.value, b.label) for b in choices], question)
        self._follow_up(person, self._act(person, Submission("prompt.answer", chosen)), depth)

    def _act(self, person: Person, submission: Submission) -> list[Reply]:
        """A click or a form submission in the person's DM."""
        return self.core.handle_action(person.actor(), person.dm(), submission)

    def _follow_up(self, person: Person, replies: list[Reply], depth: int = 0) -> None:
        """A prompt asked by chat goes on one question at a time; a form comes back whole."""
        if depth >= MAX_FOLLOW_UPS:
            return
        for reply in replies:
            message = reply.message
            forms = [b for b in message.blocks if isinstance(b, Form)]
            if forms:
                self._fill(person, forms[0], depth)
                return
            which = {
                b.value.partition(":")[0]: b
                for b in buttons_of(message)
                if b.action_id == "prompt.file"
            }
            if which:
                # copbot asks which open question the reply answers: the one they meant, or
                # none of them when it is no longer offered.
                drop = next(b for b in buttons_of(message) if b.action_id == "prompt.drop")
                button = which.get(self.meant.get(person.user_id, ""), drop)
                self._follow_up(
                    person, self._act(person, Submission(button.action_id, button.value)), depth + 1
                )
                return
            choices = answer_buttons(message)
            if choices:
                self._press(person, choices, message.text, depth + 1)
                return
            outcomes = {
                b.value.rpartition(":")[2]: b
                for b in buttons_of(message)
                if b.action_id == "experiment.outcome"
            }
            if outcomes:
                # Whether the experiment happened, as their own report said.
                said = self.said.get(person.user_id, "").lower()
                chosen = (
                    "not_done"
                    if said.startswith("niet")
                    else ("partly" if said.startswith("half") else "done")
                )
                button = outcomes[chosen]
                self._follow_up(
                    person, self._act(person, Submission(button.action_id, button.value)), depth + 1
                )
                return
            if message.text.rstrip().endswith("?"):
                more = self.core.handle_message(
                    person.actor(), person.dm(), self.compose(person, message.text)
                )
                self._follow_up(person, more, depth + 1)
                return

    def _fill(self, person: Person, form: Form, depth: int) -> None:
        fields: dict[str, str] = {}
        for question in form.questions:
            if question.id == "region":
                fields[question.id] = parse_region(person.persona.region) or ""
            elif question.choices:
                fields[question.id] = self.pick_choice(
                    person, list(question.choices), question.label
                )
            elif question.optional and self.rng.random() < 0.15:
                fields[question.id] = ""
            else:
                fields[question.id] = self.compose(person, question.label, question)
        replies = self._act(person, Submission(form.action_id, form.value, fields))
        self._follow_up(person, replies, depth + 1)

    # -- what they say -------------------------------------------------------------------------
    def pick_choice(self, person: Person, choices: list[tuple[str, str]], question: str) -> str:
        """A rating leans to 4 with the person's mood; other choices are taken at random."""
        values = [value for value, _ in choices]
        tails = [v.rpartition(":")[2] for v in values]
        if tails and all(t.isdigit() for t in tails) and len(tails) >= 3:
            numbers = [int(t) for t in tails]
            target = 3.9 + person.mood
            weights = [max(0.05, 1.6 - abs(n - target)) for n in numbers]
            return self.rng.choices(values, weights=weights)[0]
        return self.rng.choice(values)

    def compose(self, person: Person, question: str, q: Question | None = None) -> str:
        """A fitting Dutch answer to a question, recognised by its words (nl and en)."""
        text = f"{question} {q.id if q is not None else ''}".lower()
        persona = person.persona
        rules: list[tuple[tuple[str, ...], Callable[[], str]]] = [
            (("schoolvakantieregio", "school holiday region"), lambda: persona.region),
            (("organisatie", "organisation"), lambda: persona.organisation),
            (("vakgebied", "beroep", "discipline"), lambda: persona.discipline),
            (("casus", "practice_case", "practice case"), lambda: persona.practice_case),
            (("leren", "learning", "learn"), lambda: persona.learning_goal),
            (("waardevol", "valuable"), lambda: self.rng.choice(data.VALUABLE_TEXTS)),
            (("onderwerp", "topic", "volgende keer", "next time"),
             lambda: self.rng.choice(data.TOPIC_TEXTS)),
            (("hoe ging", "verslag", "gelukt", "report", "how did", "resultaat", "went"),
             lambda: self.rng.choice(data.REPORT_TEXTS)),
            (("experiment", "uitproberen", "stap", "try", "step"),
             lambda: self.rng.choice(data.EXPERIMENT_TEXTS)),
            (("inbreng", "breng", "bring", "check-in", "checkin", "agenda"),
             lambda: self.rng.choice(data.CHECKIN_TEXTS)),
        ]  # fmt: skip
        for words, make in rules:
            if any(word in text for word in words):
                said = make()
                self.said[person.user_id] = said
                return said
        return self.rng.choice(data.FALLBACK_TEXTS)


def buttons_of(message: Message) -> list[Button]:
    return [b for block in message.blocks if isinstance(block, Buttons) for b in block.buttons]


def prompt_of(message: Message) -> str | None:
    """The id of the question a prompt message asks (its form or answer buttons name it)."""
    for button in buttons_of(message):
        if button.action_id in ("prompt.form", "prompt.answer"):
            return button.value.partition(":")[0]
    return None


def answer_buttons(message: Message) -> list[Button]:
    """The choices of a prompt asked by buttons."""
    return [b for b in buttons_of(message) if b.action_id == "prompt.answer"]


def is_prompt(message: Message) -> bool:
    """A message that asks something of its reader: prompt buttons, or a question to reply to."""
    if any(b.action_id in ("prompt.answer", "prompt.form") for b in buttons_of(message)):
        return True
    return any(isinstance(b, Form) for b in message.blocks)
