"""Property-based fuzzing of ``POST /slack/events`` of the real aiohttp app: whatever arrives,
signed or not, copbot answers 2xx or 4xx, never 5xx; logs no traceback and no error; and a
request without a valid signature changes nothing in the database. ``make fuzz`` runs the same
strategies (``tests/fuzzing.py``) for thousands of requests against a running ``copbot serve``."""

from __future__ import annotations

import asyncio
import time

from hypothesis import given
from sqlalchemy import func, select

from copbot.schema import metadata
from tests.fuzzing import FUZZ, SlackRequest, failures_logged, slack_headers, slack_requests
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_commands import community
from tests.slack.workspace import SECRET, Workspace


def test_the_slack_endpoint_survives_anything(workspace: Workspace, fake: FakeSlack) -> None:
    loop = asyncio.new_event_loop()
    ws = loop.run_until_complete(workspace.__aenter__())
    loop.run_until_complete(community(ws, "UBOB"))
    statuses: dict[int, int] = {}

    def rows() -> dict[str, int]:
        with ws.core.session_factory() as session:
            return {
                table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in metadata().sorted_tables
            }

    async def send(request: SlackRequest) -> int:
        headers = slack_headers(request, SECRET, int(time.time()))
        response = await ws.client.post("/slack/events", data=request.body, headers=headers)
        await ws.idle()
        return response.status

    @FUZZ
    @given(slack_requests(fake.response_url("fuzz")))
    def check(request: SlackRequest) -> None:
        before = None if request.signed else rows()
        status = loop.run_until_complete(send(request))
        statuses[status] = statuses.get(status, 0) + 1
        assert status < 500, (status, request)
        if not request.signed:
            assert status in (400, 401) and rows() == before
        assert not failures.records, [r.getMessage() for r in failures.records]

    try:
        with failures_logged() as failures:
            check()
    finally:
        loop.run_until_complete(workspace.__aexit__(None, None, None))
        loop.close()
    assert statuses.get(200, 0) and statuses.get(401, 0), statuses
