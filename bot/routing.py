"""What an input is: a command, the answer to which open question, or which button, and so
which community it belongs to. ``bot.core`` runs the unit of work around it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from bot.commands import parser
from bot.commands.registry import Verb, actions, check_args, role_needed, verbs
from bot.context import Submission
from bot.errors import CopError, UsageError
from bot.events import PlainReply, ask
from bot.handling import Ctx
from bot.meetings.service import meetings_by_ids
from bot.prompts.messaging import which_question
from bot.prompts.models import Prompt
from bot.prompts.replies import Reading, file_under, hold, read_reply
from bot.scope import current_memberships


@dataclass(frozen=True)
class Routed:
    """What an input turned out to be: the community it names (None: nothing says; the place
    or a guess decides) and the work to do there."""

    about: int | None
    run: Callable[[Ctx], object]


def is_command(text: str) -> bool:
    try:
        parsed = parser.parse(text)
    except CopError:
        return False
    return bool(parsed.text) and parsed.verb in verbs()


def writes(text: str) -> bool:
    """Whether the command ``text`` may change anything (every command that is not a known
    read-only verb), so its unit of work waits for the person's other inputs."""
    try:
        parsed = parser.parse(text)
    except CopError:
        return True
    verb = verbs().get(parsed.verb)
    return verb is None or verb.writes(parsed)


def permitted(ctx: Ctx, *, text: str) -> tuple[parser.Parsed, Verb]:
    """The command ``text`` parsed, once the caller may run it: permissions are checked here,
    before any handler runs."""
    parsed = parser.parse(text)
    verb = verbs().get(parsed.verb)
    if verb is None:
        raise CopError("error.unknown_verb", verb=parsed.verb[:40])
    needed = role_needed(verb, parsed)
    if needed is not None:
        ctx.require(needed)
    check_args(verb, parsed)
    return parsed, verb


def dispatch(ctx: Ctx, *, text: str) -> None:
    parsed, verb = permitted(ctx, text=text)
    try:
        verb.handler(ctx, parsed)
    except UsageError as exc:
        exc.params.setdefault("verb", verb.name)
        raise


def message(ctx: Ctx, text: str) -> Routed:
    """A command, or the answer to the person's open question in whichever of their
    communities asked it: the answer belongs to that question's community. When more than one
    open question could take it, the reply is kept and copbot asks which one it answers
    (``bot.prompts.replies``)."""
    stripped = text.strip()
    if not stripped:
        # A picture or a file without words: say what copbot can read, not nothing.
        return Routed(None, lambda c: c.reply(c.t("error.text_only")))
    mine = [m.id for m in current_memberships(ctx.session, actor=ctx.actor)]
    reading = read_reply(ctx.session, member_ids=mine, text=stripped, now=ctx.now)
    newest = reading.newest
    if is_command(stripped) and (newest is None or typed_as_command(stripped)):
        return Routed(None, partial(dispatch, text=stripped))
    question = PlainReply(
        member_ids=tuple(mine),
        text=stripped,
        open_kind=newest.kind if newest is not None else None,
        now=ctx.now,
    )
    for understood in ask(ctx.session, question):
        if understood is not None:
            return Routed(understood.community_id, understood.run)
    if newest is None:
        return Routed(None, lambda c: c.reply(c.t("error.no_open_prompt")))
    answer = parser.check_text(stripped)
    if reading.answer is not None:
        return Routed(newest.community_id, partial(file_under, prompt=reading.answer, text=answer))
    return Routed(newest.community_id, partial(ask_which, reading=reading, text=answer))


def ask_which(ctx: Ctx, *, reading: Reading, text: str) -> None:
    """Keep the reply (stored before copbot answers: nothing said is lost) and ask which of
    the questions it answers; a click on one files it there (``prompt.file``)."""
    held = hold(ctx.session, prompts=reading.offer, text=text, now=ctx.now)
    numbers = {
        m.id: m.number
        for m in meetings_by_ids(
            ctx.session, meeting_ids=[p.meeting_id for p in reading.offer if p.meeting_id]
        )
    }
    choices = [(p.id, label(ctx, p, numbers)) for p in reading.offer]
    ctx.reply(
        which_question(
            ctx.lang, text=text, held_id=held.id, choices=choices, earlier=reading.earlier
        )
    )


def label(ctx: Ctx, prompt: Prompt, numbers: dict[int, int]) -> str:
    """The question's name on its button: ``reply.kind.<kind>`` of the slice that asks it."""
    number = numbers.get(prompt.meeting_id) if prompt.meeting_id is not None else None
    return ctx.t(f"reply.kind.{prompt.kind}", meeting=number if number is not None else "?")


def action(ctx: Ctx, submission: Submission) -> Routed:
    found = actions().get(submission.action_id)
    if found is None:
        raise CopError("error.unknown_action")
    about = found.about(ctx.session, submission.value) if found.about else None
    return Routed(about, lambda c: found.handler(c, submission))


def typed_as_command(text: str) -> bool:
    """While a question is open, is this reply a command rather than an answer?

    Answers often begin with a word that is also a verb ("Experiment went well", "Log: we
    called the GP"). A command is a lone verb (``status``), starts with ``/``, or has its verb
    typed in lower case; a capitalised first word followed by more text reads as prose.
    """
    first, _, rest = text.strip().partition(" ")
    return text.startswith("/") or not rest.strip() or first == first.lower()
