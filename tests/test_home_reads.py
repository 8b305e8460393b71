"""The member's home (Slack's App Home tab) reads its slices' lines in one savepoint, and what
several of them ask once; a slice whose lines fail, even on a statement the database
refuses, is left out and the others still have their say."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.handling import Ctx
from bot.overview import home
from bot.overview.status import providers
from bot.slice import StatusLines
from tests.harness import Harness
from tests.sql import statements
from tests.swing import in_full_swing


def test_the_home_in_full_swing_reads_its_slices_in_one_savepoint(tmp_path: Path) -> None:
    with in_full_swing(tmp_path, meetings=4, held=2) as swing:
        swing.core.home(swing.actors[0])
        for actor in swing.actors[1:6]:
            with statements(swing.engine) as seen:
                page = swing.core.home(actor)
            assert "Je buddy" in page.text, page.text  # make demo's community speaks Dutch
            assert sum(s.startswith("SAVEPOINT") for s in seen) == 1, seen
            # The next meeting, which three slices ask, is read once (each slice's savepoint
            # of its own, released, made the unit of work forget it: three reads).
            # (A member's own turns read their meetings by id besides.)
            nexts = [s for s in seen if s.startswith("SELECT meetings.id") and " IN " not in s]
            assert len(nexts) == 1, seen
            # 22-23 while every slice had a savepoint of its own.
            assert len(seen) <= 13, "\n".join(seen)


def test_a_slice_that_fails_is_left_out_and_the_others_still_speak(
    any_bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    any_bot.community(members=("bob",))
    own = providers(personal=True)

    def refused(ctx: Ctx) -> list[str]:
        # A statement the database refuses: on PostgreSQL it aborts the whole transaction,
        # unless it ran in a savepoint of its own.
        ctx.session.execute(text("SELECT * FROM no_such_table"))
        return ["never shown"]

    def first(ctx: Ctx) -> list[str]:
        return ["the first slice's line"]

    chain: list[StatusLines] = [first, refused, *own]
    monkeypatch.setattr(home, "providers", lambda *, personal=False: chain)
    with caplog.at_level(logging.ERROR, logger="bot.overview.home"):
        page = any_bot.core.home(any_bot.actor("bob"))
    assert "the first slice's line" in page.text and "never shown" not in page.text
    assert "Next meeting" in page.text  # the slices after the failing one
    assert "Waiting for your answer" in page.text or "Nothing waits" in page.text, page.text
    assert [r for r in caplog.records if "refused" in r.getMessage()], caplog.records
