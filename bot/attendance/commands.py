"""coming (yes/no/maybe), attendance (the lists; facilitators correct who came), and the
check-in's answer buttons."""

from __future__ import annotations

from bot.attendance import answers, service
from bot.attendance.messaging import ANSWER, head_count_line
from bot.attendance.models import Intent
from bot.commands.parser import Parsed, parse_id
from bot.commands.registry import ANY_ARGS, Action, Args, Verb, community_of
from bot.context import Submission
from bot.errors import Conflict, InvalidInput, NotFound, PermissionDenied, UsageError
from bot.handling import Ctx
from bot.i18n import join_and
from bot.meetings.messaging import meeting_label
from bot.meetings.models import Meeting
from bot.meetings.service import by_number, meeting_by_id, next_meeting
from bot.members.messaging import person
from bot.members.models import Member, Role
from bot.messages import Header, Message, Text

WORDS = {
    "yes": Intent.YES, "ja": Intent.YES, "y": Intent.YES, "j": Intent.YES, "wel": Intent.YES,
    "no": Intent.NO, "nee": Intent.NO, "n": Intent.NO, "niet": Intent.NO,
    "maybe": Intent.MAYBE, "misschien": Intent.MAYBE, "unsure": Intent.MAYBE,
}  # fmt: skip
CAME = ("came", "present", "wel", "aanwezig", "was")
ABSENT = ("absent", "niet", "afwezig", "missed")


def _meeting(ctx: Ctx, parsed: Parsed, index: int) -> Meeting:
    """Meeting ``<n>`` from argument ``index``, or the next one when it is not given."""
    community = ctx.need_community()
    if parsed.arg(index) is not None:
        return by_number(ctx.session, community_id=community.id, number=parsed.number(index))
    meeting = next_meeting(ctx.session, community_id=community.id, now=ctx.now)
    if meeting is None:
        raise Conflict("attendance.error.no_meeting")
    return meeting


def coming(ctx: Ctx, parsed: Parsed) -> None:
    """`coming yes|no|maybe [<n>]`, `kom ja|nee|misschien [<n>]`."""
    member = ctx.need_member()
    word = (parsed.arg(0) or "").lower()
    if word not in WORDS:
        raise InvalidInput("attendance.error.bad_word")
    meeting = _meeting(ctx, parsed, 1)
    answers.say(ctx, member=member, meeting=meeting, intent=WORDS[word])


def attendance(ctx: Ctx, parsed: Parsed) -> None:
    """`attendance [<n>]` shows who comes (and who came); `attendance <n> came|absent @a @b`
    corrects who came, for facilitators."""
    community = ctx.need_community()
    meeting = _meeting(ctx, parsed, 0)
    if len(parsed.tokens) > 1:
        _correct(ctx, meeting, parsed)
        return
    lines = [
        head_count_line(
            ctx.lang, service.head_count(ctx.session, community=community, meeting=meeting)
        )
    ]
    lists = service.lists(ctx.session, meeting_id=meeting.id)
    for key in ("yes", "no", "maybe", "came", "absent"):
        if lists[key]:
            names = join_and(ctx.lang, [str(person(m)) for m in lists[key]])
            lines.append(ctx.t(f"attendance.list.{key}", names=names))
    if meeting.starts_at > ctx.now or not (lists["came"] or lists["absent"]):
        lines.append(ctx.t("attendance.not_recorded", n=meeting.number))
    title = ctx.t("attendance.title", meeting=meeting_label(community, meeting))
    body = "\n".join(lines)
    ctx.reply(Message(text=f"{title}\n{body}", blocks=(Header(title), Text(body))))


def _correct(ctx: Ctx, meeting: Meeting, parsed: Parsed) -> None:
    ctx.require(Role.FACILITATOR)
    word = (parsed.arg(1) or "").lower()
    if word not in (*CAME, *ABSENT) or len(parsed.tokens) < 3:
        raise UsageError()
    if meeting.is_cancelled:
        raise Conflict("attendance.error.cancelled", n=meeting.number)
    if meeting.starts_at > ctx.now:
        raise Conflict("attendance.error.not_yet", n=meeting.number)
    people: list[Member] = [ctx.find_member(token) for token in parsed.args[2:]]
    came = word in CAME
    service.correct(ctx.session, meeting=meeting, members=people, came=came, now=ctx.now)
    names = join_and(ctx.lang, [str(person(m)) for m in people])
    key = "attendance.corrected.came" if came else "attendance.corrected.absent"
    ctx.reply(ctx.t(key, n=meeting.number, names=names))


def answer_button(ctx: Ctx, submission: Submission) -> None:
    """The check-in's Ik kom / Ik kom niet / Weet ik nog niet (value '<meeting id>:<intent>')."""
    meeting_part, _, intent_part = submission.value.partition(":")
    meeting_id = parse_id(meeting_part)
    meeting = meeting_by_id(ctx.session, meeting_id=meeting_id)
    if meeting is None or intent_part not in {i.value for i in Intent}:
        raise NotFound("error.unknown_action")
    if ctx.community is None or ctx.member is None or not ctx.member.is_current:
        raise PermissionDenied("error.not_member")
    answers.say(ctx, member=ctx.member, meeting=meeting, intent=Intent(intent_part))


VERBS = [
    Verb("coming", coming, role=Role.PARTICIPANT, aliases=("kom", "komen"), args=Args(1, 2)),
    Verb(
        "attendance",
        attendance,
        role=Role.PARTICIPANT,
        aliases=("aanwezigheid", "presence"),
        args=ANY_ARGS,
    ),
]

ACTIONS = {ANSWER: Action(answer_button, about=community_of(Meeting))}
