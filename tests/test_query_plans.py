"""What copbot asks its database finds its rows through an index, not by reading a whole table
that grows with every community: SQLite's EXPLAIN QUERY PLAN of every distinct statement
copbot's own code sends, in the demo's first meetings and along one person's way from an
invitation to forget-me.

A statement that reads, say, every community's prompts costs nothing in a test and grows with
each community an installation holds: the check-in wave of 1,000 communities read all of their
prompts a thousand times over."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event

from bot.db import make_engine
from copbot.demo import run as demo
from tests.harness import Harness
from tests.test_forget_everywhere import ZELDA, zelda_takes_part

ROOT = Path(__file__).resolve().parents[1]
OWN = tuple(str(ROOT / part) for part in ("bot", "adapters", "scheduler", "copbot"))
# Read whole on purpose: the handful of places copbot cannot reach now, and a claim's own
# candidates (a WITH of one batch).
WHOLE = {"unreachable", "picked"}
# Found by person only for my-data and forget-me: an index on it would be written again by
# every claim and every outcome of every message (each changes the due index's status, so
# PostgreSQL writes every index of the row again), for two commands a person uses once.
BY_PERSON_ONLY = {"deliveries"}


@contextmanager
def sent_by_copbot(engine: Engine) -> Iterator[dict[str, tuple[str, Any]]]:
    """Each distinct statement copbot's own code (not a test's) sends, with its parameters."""
    sent: dict[str, tuple[str, Any]] = {}

    def note(_c: Any, _cursor: Any, statement: str, parameters: Any, _x: Any, many: bool) -> None:
        folded = " ".join(statement.split())
        if many or folded in sent or not folded.startswith(("SELECT", "UPDATE", "DELETE", "WITH")):
            return
        ours = [f.filename for f in traceback.extract_stack() if f.filename.startswith(OWN)]
        if ours:
            sent[folded] = (statement, parameters)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", note)


def whole_table_reads(
    url: str, sent: dict[str, tuple[str, Any]], *, allowed: set[str]
) -> list[str]:
    scans = []
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            for folded, (statement, parameters) in sent.items():
                plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
                for *_, detail in plan:
                    words = str(detail).split()
                    # ("SCAN CONSTANT ROW", "SCAN (subquery-1)": nothing of a table.)
                    table = words[1] if words[0] == "SCAN" and words[2:3] != ["ROW"] else "("
                    if table.isidentifier() and table not in allowed:
                        scans.append(f"{detail}: {folded[:160]}")
    finally:
        engine.dispose()
    return scans


def test_the_programme_reads_no_growing_table_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, tuple[str, Any]]] = []
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
