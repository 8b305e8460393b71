"""What copbot asks its database finds its rows through an index, not by reading a whole table
that grows with every community: SQLite's EXPLAIN QUERY PLAN of every distinct statement
copbot's own code sends, in the demo's first meetings and along one person's way from an
invitation to forget-me.

A statement that reads, say, every community's prompts costs nothing in a test and grows with
each community an installation holds: the check-in wave of 1,000 communities read all of their
prompts a thousand times over."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.db import make_engine
from copbot.demo import run as demo
from tests.harness import Harness
from tests.plans import BY_PERSON_ONLY, WHOLE, Sent, sent_by_copbot, whole_table_reads
from tests.test_forget_everywhere import ZELDA, zelda_takes_part


def test_the_programme_reads_no_growing_table_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Sent] = []
    with ExitStack() as watches:

        def watching(url: str, **options: Any) -> Engine:
            engine = make_engine(url, **options)
            seen.append(watches.enter_context(sent_by_copbot(engine)))
            return engine

        monkeypatch.setattr(demo, "make_engine", watching)
        demo.play(seed=7, out_dir=tmp_path, meetings=3)
    sent = {folded: found for each in seen for folded, found in each.items()}
    assert len(sent) > 100  # the routine was really played
    assert whole_table_reads(f"sqlite:///{tmp_path / 'demo.db'}", sent, allowed=WHOLE) == []


def test_one_person_from_invitation_to_forget_me_reads_no_growing_table_whole(
    bot: Harness,
) -> None:
    with sent_by_copbot(bot.engine) as sent:
        zelda_takes_part(bot)
        assert "Everything I store about you" in bot.dm_text(ZELDA, "my-data")
        assert "erased" in bot.dm_text(ZELDA, "forget-me confirm")
    assert len(sent) > 100
    url = bot.engine.url.render_as_string(hide_password=False)
    assert whole_table_reads(url, sent, allowed=WHOLE | BY_PERSON_ONLY) == []
