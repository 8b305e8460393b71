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

from bot.outbox.delivery import claim_batch
from tests.conftest import private_database
from tests.harness import PLATFORM, Harness
from tests.test_outbox_delivery import PEOPLE, queue_wave


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
