"""``make plan-audit``: the whole test suite on SQLite, then every distinct statement copbot's
own code sent during it explained: a whole-table read of a table that grows with the
communities fails the run, listed with its statement. The plan tests
(``tests/test_query_plans.py``) follow two paths through copbot; this follows every path the
suite takes. A pytest plugin: ``python -m pytest -p tests.plan_audit``."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from copbot.migrate import upgrade
from tests.plans import BY_PERSON_ONLY, WHOLE, Sent, note, whole_table_reads

# Read whole and rare, beside the tables the plan tests allow: the once-a-minute prunes of
# held files and of the journal's finished inputs (a day of them), the installations of
# bolt's own store, by user, when an installer is forgotten, and the migration's version.
RARE = frozenset({"held_files", "inbound_items", "slack_installations", "alembic_version"})

SENT: Sent = {}


def _listener(
    conn: Any, _cursor: Any, statement: str, parameters: Any, _x: Any, many: bool
) -> None:
    if conn.dialect.name == "sqlite":
        note(SENT, statement, parameters, many=many)


def pytest_configure(config: pytest.Config) -> None:
    event.listen(Engine, "before_cursor_execute", _listener)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    event.remove(Engine, "before_cursor_execute", _listener)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'schema.db'}"
        upgrade(url)
        scans = whole_table_reads(url, SENT, allowed=WHOLE | BY_PERSON_ONLY | RARE)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    write = reporter.write_line if reporter is not None else print
    write(f"plan audit: {len(SENT)} statements of copbot's own code explained")
    for scan in scans:
        write(f"plan audit: whole-table read: {scan}")
    if scans:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
