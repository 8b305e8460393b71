"""A Community of Practice and its settings (defaults from the source material: DESIGN.md §1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, UTCDateTime, now_default

TARGET_SIZE = 20
SIZE_RANGE = (8, 25)
CADENCE_DAYS = 42  # a meeting every six weeks
DURATION_MONTHS = 18
# Evaluation results need at least this many answers: fewer could point at a person.
EVALUATION_MIN_ANSWERS = 3


class Community(Base):
    __tablename__ = "communities"

    # Where it lives (its channels, on any platform) is in ``bot.places``: a community may
    # span channels in several Slack workspaces and Teams teams.
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)

    question: Mapped[str | None] = mapped_column(Text)
    ambition: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(2), default="nl")
    tz: Mapped[str] = mapped_column(String(64), default="Europe/Amsterdam")
    cadence_days: Mapped[int] = mapped_column(Integer, default=CADENCE_DAYS)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    weekday: Mapped[int | None] = mapped_column(Integer)  # 0 = Monday
    meeting_time: Mapped[str] = mapped_column(String(5), default="14:00")
    duration_minutes: Mapped[int] = mapped_column(Integer, default=120)
    target_size: Mapped[int] = mapped_column(Integer, default=TARGET_SIZE)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    facilitation: Mapped[str] = mapped_column(String(10), default="all")  # core | all
    holiday_country: Mapped[str] = mapped_column(String(8), default="NL")

    # Lead times in minutes, all anchored to a meeting (or to the check-in prompt).
    checkin_before_min: Mapped[int] = mapped_column(Integer, default=3 * 24 * 60)
    reminder_after_min: Mapped[int] = mapped_column(Integer, default=24 * 60)
    brief_before_min: Mapped[int] = mapped_column(Integer, default=24 * 60)
    evaluation_after_min: Mapped[int] = mapped_column(Integer, default=60)
    evaluation_window_min: Mapped[int] = mapped_column(Integer, default=5 * 24 * 60)
    # Results of an evaluation are shown from this many answers on (``min_answers``).
    evaluation_min_answers: Mapped[int] = mapped_column(Integer, default=EVALUATION_MIN_ANSWERS)
    digest_weekday: Mapped[int] = mapped_column(Integer, default=0)
    digest_time: Mapped[str] = mapped_column(String(5), default="09:00")
    # Direct messages are held back in this window of the member's local time.
    quiet_hours: Mapped[str] = mapped_column(String(11), default="22:00-07:00")

    @property
    def min_answers(self) -> int:
        """Answers an evaluation needs before its results are shown (never fewer than 3)."""
        return max(EVALUATION_MIN_ANSWERS, self.evaluation_min_answers or EVALUATION_MIN_ANSWERS)
