"""The outbox's claim reads its queue in index order on PostgreSQL, even where the tables have
no statistics yet (a new installation, a database restored from a dump), and is planned for
its own values even once psycopg has prepared it (a generic plan, made without them, took 67
ms a claim in a wave after idle ticks): a claim costs the same with 20 or 20,000 rows waiting,
instead of gathering and sorting every due row for each batch of 50."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection

from bot.core import RunReport
from bot.db import make_engine, make_session_factory
from bot.outbox.delivery import claim_batch, deliver_pending
from bot.outbox.sender import RecordingSender
from bot.timed.runner import run_jobs
from tests.conftest import private_database
from tests.harness import PLATFORM, Harness
from tests.plans import sent_by_copbot
from tests.test_outbox_delivery import PEOPLE, queue_wave
from tests.test_wave_statements import MOMENT, populate


def nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


def test_a_claim_reads_the_due_index_in_order_without_statistics(postgres_url: str) -> None:
    with private_database(postgres_url) as fresh:
        bot = Harness(fresh)
        try:
            with bot.engine.begin() as connection:
                # What the claim plans with is the table as it is now: no analyze meanwhile.
                connection.execute(text("ALTER TABLE deliveries SET (autovacuum_enabled = off)"))
            bot.community(members=PEOPLE)
            queue_wave(bot, per_member=2000)  # 10,000 due rows
            with bot.engine.connect() as connection:
                analyzed = connection.execute(
                    text("SELECT reltuples FROM pg_class WHERE relname = 'deliveries'")
                ).scalar_one()
            assert analyzed < 0  # never analyzed
            plans, modes = claim_plans(bot)
        finally:
            bot.close()
    assert len(plans) == 1
    assert modes == ["force_custom_plan"]  # planned for its values, prepared or not
    kinds = [(node["Node Type"], node.get("Index Name")) for node in nodes(plans[0])]
    assert ("Index Scan", "ix_deliveries_due") in kinds, kinds
    # The UPDATE takes the picked rows by primary key, not by reading the due rows again.
    assert kinds.count(("Index Scan", "ix_deliveries_due")) == 1, kinds
    assert not [kind for kind in kinds if kind[0] in ("Sort", "Bitmap Heap Scan", "Seq Scan")]


def claim_plans(bot: Harness) -> tuple[list[dict[str, Any]], list[str]]:
    """The plan of each claim of one batch, asked in the claim's own transaction just before
    it runs (with whatever that transaction set), and how a prepared claim is planned."""
    plans: list[dict[str, Any]] = []
    modes: list[str] = []

    def explain(_c: Connection, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "picked" in statement:
            with cursor.connection.cursor() as asking:
                asking.execute(f"EXPLAIN (FORMAT JSON) {statement}", parameters)
                (explained,) = asking.fetchone()
                asking.execute("SHOW plan_cache_mode")
                modes.append(asking.fetchone()[0])
            found = json.loads(explained) if isinstance(explained, str) else explained
            plans.append(found[0]["Plan"])

    event.listen(bot.engine, "before_cursor_execute", explain)
    try:
        with bot.factory() as session:
            now = bot.clock()
            batch = claim_batch(session, now=now, worker="w", platforms=[PLATFORM], stamp=now)
            assert len(batch) == 50
    finally:
        event.remove(bot.engine, "before_cursor_execute", explain)
    return plans, modes


def test_the_claims_update_the_rows_they_picked_by_primary_key(
    sqlite_url: str, postgres_url: str
) -> None:
    """Both claims find the rows they update by primary key, on both databases: an UPDATE
    that repeated the claim's predicate read every due row again (the due index's whole
    range) for every claim, so a wave's claims grew with the square of its size."""
    for url in (sqlite_url, postgres_url):
        engine = make_engine(url)
        try:
            factory = make_session_factory(engine)
            populate(factory, communities=3, members=4, run="p")
            with sent_by_copbot(engine) as sent:
                run_jobs(factory, now=MOMENT, worker="w", report=RunReport())
                deliver_pending(
                    factory, senders={"wave": RecordingSender()}, now=MOMENT, worker="w"
                )
            claims = {
                table: [
                    (s, p)
                    for folded, (s, p) in sent.items()
                    if f"UPDATE {table} " in folded and "claimed_by" in folded and " IN (" in folded
                ]
                for table in ("planned_jobs", "deliveries")
            }
            with engine.connect() as connection:
                for table in ("planned_jobs", "deliveries"):
                    # The due claim and the stale one (rows a stopped worker left).
                    assert len(claims[table]) == 2, (url, table, claims[table])
                    for statement, parameters in claims[table]:
                        # The UPDATE's own read: by key, not a range of the queue.
                        reads = used_indexes(connection, statement, parameters)
                        assert f"pk_{table}" in reads or "rowid" in reads, (url, table, reads)
        finally:
            engine.dispose()


def used_indexes(connection: Connection, statement: str, parameters: Any) -> list[str]:
    """The indexes (and "rowid", SQLite's primary key) each read of ``statement``'s plan
    uses, one entry per read."""
    if connection.dialect.name == "postgresql":
        (explained,) = connection.exec_driver_sql(
            f"EXPLAIN (FORMAT JSON) {statement}", parameters
        ).one()
        found = json.loads(explained) if isinstance(explained, str) else explained
        return [node["Index Name"] for node in nodes(found[0]["Plan"]) if "Index Name" in node]
    used = []
    for *_, detail in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters):
        words = str(detail).split()
        if "INDEX" in words:
            used.append(words[words.index("INDEX") + 1])
        elif "PRIMARY" in words:
            used.append("rowid")
    return used
