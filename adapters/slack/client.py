"""The asyncio Web API client that answers people: pooled connections, 429s honoured.

slack_sdk's async clients open a new aiohttp session (a new TCP and TLS connection) for every
call unless they are given one; ``SlackAdapter`` gives them one for the life of the process.
A rate-limited call is retried after Slack's Retry-After when that is short enough for the
answer to still be useful; connection errors are retried by slack_sdk's own handler.
(The outbox's sender does not wait: a 429 there becomes a retry at Retry-After.)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import aiohttp
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncConnectionErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 15  # every Slack client: Web API, response_urls, Socket Mode
# A reply that waits longer than this would arrive after the person gave up (and a
# response_url lives 30 minutes); the error handler tells them to try again instead.
MAX_RETRY_AFTER = 20.0


def retry_after_seconds(headers: Mapping[str, Any]) -> float | None:
    """Slack's Retry-After in seconds, from the headers of either client's response (a header
    holds a list of values in the retry handlers' responses); None when missing or unreadable."""
    for name, values in headers.items():
        if name.lower() == "retry-after":
            value = values[0] if isinstance(values, list) else values
            try:
                return max(0.0, float(value))
            except ValueError:
                return None
    return None


def retry_after(response: HttpResponse) -> float:
    """Slack's Retry-After in seconds; 1 when it is missing or unreadable."""
    seconds = retry_after_seconds(response.headers)
    return 1.0 if seconds is None else seconds


class RetryAfterHandler(AsyncRetryHandler):
    """Retry a 429 once Retry-After has passed, if that is at most ``max_wait`` seconds.

    slack_sdk's own rate-limit handler waits however long Slack says, plus up to a second
    of jitter; a person waiting for an answer is better served by a bound."""

    def __init__(
        self,
        *,
        max_retry_count: int = 2,
        max_wait: float = MAX_RETRY_AFTER,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait
        self.sleep = sleep

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        wait = retry_after(response)
        if wait > self.max_wait:
            logger.warning("slack asks to wait %.0f s for %s; not retrying", wait, request.url)
            return False
        return True

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        assert response is not None
        wait = retry_after(response)
        logger.info("slack rate limited %s; retrying in %.1f s", request.url, wait)
        state.next_attempt_requested = True
        await self.sleep(wait)
        state.increment_current_attempt()


def retry_handlers() -> list[AsyncRetryHandler]:
    return [AsyncConnectionErrorRetryHandler(max_retry_count=2), RetryAfterHandler()]


def make_async_client(
    *, token: str | None, base_url: str, session: aiohttp.ClientSession | None = None
) -> AsyncWebClient:
    return AsyncWebClient(
        token=token,
        base_url=base_url,
        timeout=TIMEOUT_SECONDS,
        session=session,
        retry_handlers=retry_handlers(),
    )


def make_session() -> aiohttp.ClientSession:
    """One pooled HTTP session for the Web API and response_urls; needs the running loop."""
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS))
