"""No read or write of a programme's routine reads a whole table that grows with the number of
communities: each finds its rows through an index (SQLite's EXPLAIN QUERY PLAN of every
distinct statement the demo's community sends in its first meetings).

A statement that scans, say, every community's prompts costs nothing in a test and grows with
every community a shared installation holds: the check-in wave of 1,000 communities read all
of their prompts a thousand times over."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event

from bot.db import make_engine
from copbot.demo import run as demo

# Read whole on purpose: the handful of places copbot cannot reach now; and a claim's own
# candidates (a WITH of at most one batch).
WHOLE = ("unreachable", "picked")


def test_the_programme_reads_no_growing_table_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: dict[str, Any] = {}

    def watched(url: str, **options: Any) -> Engine:
        engine = make_engine(url, **options)

        def note(
            _c: Any, _cursor: Any, statement: str, parameters: Any, _x: Any, many: bool
        ) -> None:
            if not many:
                sent.setdefault(" ".join(statement.split()), (statement, parameters))

        event.listen(engine, "before_cursor_execute", note)
        return engine

    monkeypatch.setattr(demo, "make_engine", watched)
    demo.play(seed=7, out_dir=tmp_path, meetings=3)
    scans: list[str] = []
    engine = create_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        with engine.connect() as connection:
            for folded, (statement, parameters) in sent.items():
                if not folded.startswith(("SELECT", "UPDATE", "DELETE", "WITH")):
                    continue
                plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
                for *_, detail in plan:
                    words = str(detail).split()
                    # ("SCAN CONSTANT ROW", "SCAN (subquery-1)": nothing of a table.)
                    table = words[1] if words[0] == "SCAN" and words[2:3] != ["ROW"] else "("
                    if table.isidentifier() and table not in WHOLE:
                        scans.append(f"{detail}: {folded[:160]}")
    finally:
        engine.dispose()
    assert len(sent) > 100  # the routine was really played
    assert scans == []
