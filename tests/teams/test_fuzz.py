"""Property-based fuzzing of ``POST /api/messages`` of the real aiohttp app: whatever arrives
(any activity type, every field of the wrong shape, bodies that are not JSON), copbot answers
2xx or 4xx, never 5xx, and logs no traceback and no error."""

from __future__ import annotations

from hypothesis import given

from tests.fuzzing import FUZZ, failures_logged, teams_activities
from tests.teams.conftest import TeamsClient
from tests.teams.test_commands import community


def test_the_teams_endpoint_survives_anything(teams: TeamsClient) -> None:
    community(teams, "bob")
    statuses: dict[int, int] = {}

    @FUZZ
    @given(teams_activities(teams.fake.base_url))
    def check(body: bytes) -> None:
        status, _ = teams.post(None, raw=body)
        statuses[status] = statuses.get(status, 0) + 1
        assert status < 500, (status, body[:300])
        assert not failures.records, [r.getMessage() for r in failures.records]

    with failures_logged() as failures:
        check()
    assert statuses.get(200, 0) and statuses.get(400, 0), statuses
