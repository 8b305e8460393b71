"""One parser for every platform: tokens, quoted values, mentions, dates, times, durations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.context import Mention
from bot.errors import InvalidInput, NotFound, UsageError

MAX_COMMAND_LENGTH = 4000
MAX_TEXT_LENGTH = 2000
QUOTES = {'"': '"', "“": "”", "„": "”", "”": "”"}
MENTION = re.compile(r"^<@([A-Za-z0-9:_.\-]+)(?:\|([^>]*))?>$")
DURATION = re.compile(r"^(?:(\d{1,6})w)?(?:(\d{1,6})d)?(?:(\d{1,6})h)?(?:(\d{1,6})m)?$", re.ASCII)
INTEGER = re.compile(r"[+-]?[0-9]{1,30}", re.ASCII)
# Ids and numbers live in INTEGER columns (PostgreSQL's int4): a number outside 1..MAX_ID
# names nothing that can exist, and asking the database about it would be an error there.
MAX_ID = 2**31 - 1
NO_MEETING = "error.no_such_meeting"


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offset of the token's first character in the command text
    quoted: bool = False


@dataclass(frozen=True)
class Parsed:
    verb: str
    tokens: tuple[Token, ...]
    text: str  # the full command text

    def arg(self, index: int) -> str | None:
        return self.tokens[index].text if index < len(self.tokens) else None

    @property
    def args(self) -> list[str]:
        return [t.text for t in self.tokens]

    def number(self, index: int, *, unknown: str = NO_MEETING) -> int:
        """Argument ``index`` as a number that can exist (see ``parse_number``)."""
        return parse_number(self.arg(index), unknown=unknown)

    def rest(self, index: int) -> str:
        """The raw text from argument ``index`` on, exactly as typed (for free text)."""
        if index >= len(self.tokens):
            return ""
        if index == len(self.tokens) - 1 and self.tokens[index].quoted:
            return self.tokens[index].text.strip()
        return self.text[self.tokens[index].start :].strip()


def _quoted(text: str, i: int) -> tuple[str, int]:
    """The value of the quote that opens at ``text[i]`` and the index just past its close."""
    close = QUOTES[text[i]]
    j = i + 1
    while j < len(text) and text[j] not in (close, '"'):
        j += 1
    if j >= len(text):
        raise UsageError("error.unclosed_quote")
    return text[i + 1 : j], j + 1


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        if text[i] in QUOTES:
            value, i = _quoted(text, i)
            tokens.append(Token(value, start, quoted=True))
            continue
        buf: list[str] = []
        while i < n and not text[i].isspace():
            if text[i] in QUOTES:  # key="some value"
                value, i = _quoted(text, i)
                buf.append(value)
                continue
            buf.append(text[i])
            i += 1
        tokens.append(Token("".join(buf), start))
    return tokens


def parse(text: str) -> Parsed:
    """Split a command. The verb is case-insensitive; a leading '/cop' or '/' is dropped."""
    text = text.strip()
    if len(text) > MAX_COMMAND_LENGTH:
        raise InvalidInput("error.too_long", limit=MAX_COMMAND_LENGTH)
    for prefix in ("/cop ", "/cop"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :].strip()
            break
    text = text.lstrip("/").strip()
    tokens = tokenize(text)
    if not tokens:
        return Parsed(verb="help", tokens=(), text=text)
    return Parsed(verb=tokens[0].text.lower(), tokens=tuple(tokens[1:]), text=text)


def parse_mention(token: str) -> Mention | None:
    match = MENTION.match(token.strip())
    if match is None:
        return None
    return Mention(user_id=match.group(1), name=match.group(2) or None)


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput("error.bad_date", value=value) from None


def parse_time(value: str) -> time:
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", value.strip())
    if match is None:
        raise InvalidInput("error.bad_time", value=value)
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise InvalidInput("error.bad_time", value=value)
    return time(hour, minute)


def parse_local_datetime(day: str, clock: str, *, tz: str) -> datetime:
    """A wall-clock date and time in the community's timezone, as an aware UTC datetime.

    Times that do not exist (the hour skipped when clocks go forward) are refused rather
    than silently shifted.
    """
    local = datetime.combine(parse_date(day), parse_time(clock), tzinfo=ZoneInfo(tz))
    round_trip = local.astimezone(ZoneInfo("UTC")).astimezone(ZoneInfo(tz))
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise InvalidInput("error.nonexistent_time", value=f"{day} {clock}")
    return local.astimezone(ZoneInfo("UTC"))


def parse_duration(value: str) -> timedelta:
    """'6w', '3d', '2h', '15m', '0m', '1d12h' -> timedelta."""
    raw = value.strip().lower()
    match = DURATION.fullmatch(raw)
    if not raw or match is None or not any(match.groups()):
        raise InvalidInput("error.bad_duration", value=value)
    weeks, days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes)


def format_duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes == 0:
        return "0m"
    parts = []
    for unit, size in (("w", 7 * 24 * 60), ("d", 24 * 60), ("h", 60), ("m", 1)):
        amount, minutes = divmod(minutes, size)
        if amount:
            parts.append(f"{amount}{unit}")
    return "".join(parts)


def as_int(value: str | None) -> int | None:
    """``value`` as an integer ('12', '+12', '-3'), or None when it is no integer at all.

    Only ASCII digits count, and at most 30 of them: ``int`` would also read '١٢' and
    refuse more than 4,300 digits with an error of its own.
    """
    if value is None or INTEGER.fullmatch(value.strip()) is None:
        return None
    return int(value.strip())


def parse_id(value: str | None) -> int | None:
    """A row id from a button value or a command: None when it is not a number, or a number
    no row can have (0, negative, beyond the column's range). Callers treat None exactly as
    an id that does not exist, so a forged or garbled value gets the same answer as a stale one.
    """
    number = as_int(value)
    return number if number is not None and 1 <= number <= MAX_ID else None


def parse_number(value: str | None, *, unknown: str = NO_MEETING) -> int:
    """The one reader of numbered things people type (meeting numbers, mostly).

    Missing: the verb's usage. Not a number: 'not a number'. A number that cannot exist
    (0, -3, 2**63, a hundred digits): the same friendly ``unknown`` answer as any number that
    is not there ('There is no meeting 99'), never a database error.
    """
    if value is None:
        raise UsageError()
    raw = value.strip()
    digits = raw.lstrip("+-")
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidInput("error.bad_number", value=raw[:40])
    number = parse_id(raw)
    if number is None:
        raise NotFound(unknown, n=raw[:40], value=raw[:40])
    return number


def check_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise UsageError()
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidInput("error.too_long", limit=MAX_TEXT_LENGTH)
    return text
