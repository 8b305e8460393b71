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
from bot.prompts.registry import kinds as prompt_kinds
from bot.prompts.service import current_prompt
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
    """A command, or the answer to the person's open prompt in whichever of their communities
    asked it last: the answer belongs to that prompt's community."""
    stripped = text.strip()
    if not stripped:
        # A picture or a file without words: say what copbot can read, not nothing.
        return Routed(None, lambda c: c.reply(c.t("error.text_only")))
    mine = [m.id for m in current_memberships(ctx.session, actor=ctx.actor)]
    prompt = current_prompt(ctx.session, member_ids=mine, now=ctx.now)
    if is_command(stripped) and (prompt is None or typed_as_command(stripped)):
        return Routed(None, partial(dispatch, text=stripped))
    question = PlainReply(
        member_ids=tuple(mine),
        text=stripped,
        open_kind=prompt.kind if prompt is not None else None,
        now=ctx.now,
    )
    for understood in ask(ctx.session, question):
        if understood is not None:
            return Routed(understood.community_id, understood.run)
    kind = prompt_kinds().get(prompt.kind) if prompt is not None else None
    if prompt is None or kind is None:
        return Routed(None, lambda c: c.reply(c.t("error.no_open_prompt")))
    answer = parser.check_text(stripped)
    return Routed(prompt.community_id, lambda c: kind.answer_text(c, prompt, answer))


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
