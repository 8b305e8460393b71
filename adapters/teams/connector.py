"""A small synchronous client for the Bot Framework connector REST API (``/v3/conversations``).

Synchronous on purpose: the outbox delivers from the scheduler's worker thread and inbound
turns run the (synchronous) core in a thread, so one blocking client serves both without
bridging event loops. Failures are mapped onto the core's delivery errors here, once.
"""

from __future__ import annotations

import http.client
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from bot.outbox.sender import PermanentDeliveryError, TransientDeliveryError

logger = logging.getLogger(__name__)

TokenSource = Callable[[], str | None]
TIMEOUT = 15.0


class Connector:
    """Calls the connector of one bot. ``token`` returns the bearer token (None in dev mode)."""

    def __init__(self, token: TokenSource, *, timeout: float = TIMEOUT) -> None:
        self._token = token
        self._timeout = timeout

    # -- conversations -------------------------------------------------------------------
    def create_conversation(
        self,
        service_url: str,
        *,
        bot: dict[str, Any],
        member: dict[str, Any],
        tenant_id: str | None,
    ) -> str:
        """The 1:1 chat with ``member`` (Teams returns the existing one when there is one)."""
        body: dict[str, Any] = {
            "bot": bot,
            "members": [{"id": member["id"]}],
            "isGroup": False,
            "channelData": {"tenant": {"id": tenant_id}} if tenant_id else {},
        }
        if tenant_id:
            body["tenantId"] = tenant_id
        answer = self._call("POST", service_url, "/v3/conversations", body)
        conversation_id = answer.get("id") if isinstance(answer, dict) else None
        if not conversation_id:
            raise TransientDeliveryError("create conversation returned no id")
        return str(conversation_id)

    def send(self, service_url: str, conversation_id: str, activity: dict[str, Any]) -> str:
        path = f"/v3/conversations/{_quote(conversation_id)}/activities"
        return _id_of(self._call("POST", service_url, path, activity))

    def reply(
        self, service_url: str, conversation_id: str, activity_id: str, activity: dict[str, Any]
    ) -> str:
        path = f"/v3/conversations/{_quote(conversation_id)}/activities/{_quote(activity_id)}"
        return _id_of(self._call("POST", service_url, path, activity))

    def members(self, service_url: str, conversation_id: str) -> list[dict[str, Any]]:
        """Everyone in a team or chat, following the paged members API to the end."""
        people: list[dict[str, Any]] = []
        token: str | None = None
        base = f"/v3/conversations/{_quote(conversation_id)}/pagedmembers"
        for _ in range(200):  # a 100 000-member team is far beyond any CoP; stop runaway paging
            query = "?pageSize=500" + (
                f"&continuationToken={urllib.parse.quote(token)}" if token else ""
            )
            page = self._call("GET", service_url, base + query, None)
            if not isinstance(page, dict):
                break
            people.extend(m for m in page.get("members") or [] if isinstance(m, dict))
            token = page.get("continuationToken")
            if not token:
                break
        return people

    def upload(self, url: str, data: bytes) -> None:
        """Put a whole file into the OneDrive upload session Teams handed over on consent.
        That URL carries its own authorisation: no bot token goes with it."""
        request = urllib.request.Request(url, data=data, method="PUT")
        request.add_header("Content-Length", str(len(data)))
        request.add_header("Content-Range", f"bytes 0-{len(data) - 1}/{len(data)}")
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            raise _delivery_error(exc, method="PUT", url=url.split("?")[0]) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise TransientDeliveryError(f"PUT upload: {exc}") from None

    # -- transport -----------------------------------------------------------------------
    def _call(self, method: str, service_url: str, path: str, body: dict[str, Any] | None) -> Any:
        url = service_url.rstrip("/") + path
        data = json.dumps(body).encode() if body is not None else None
        try:
            request = urllib.request.Request(url, data=data, method=method)
        except ValueError as exc:  # a serviceUrl that is not a URL: it never will be one
            raise PermanentDeliveryError(f"{method} {url[:200]}: {exc}") from None
        request.add_header("Content-Type", "application/json; charset=utf-8")
        token = self._token()
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise _delivery_error(exc, method=method, url=url) from None
        except (ValueError, http.client.InvalidURL) as exc:  # no valid port, say: never will
            raise PermanentDeliveryError(f"{method} {url[:200]}: {exc}") from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            # Refused, reset, timed out, or an answer that is not HTTP: try again later.
            raise TransientDeliveryError(f"{method} {url}: {exc}") from None
        if not raw:
            return {}
        try:
            return json.loads(raw)
        except ValueError:
            return {}


def _delivery_error(
    exc: urllib.error.HTTPError, *, method: str, url: str
) -> PermanentDeliveryError | TransientDeliveryError:
    try:
        detail = exc.read().decode("utf-8", "replace")[:300]
    except Exception:  # the body is only for the log line
        detail = ""
    message = f"{method} {url}: HTTP {exc.code} {detail}".strip()
    # 403/404: the bot is not in the conversation or the user removed the app; 400: a payload
    # the connector will never accept. Retrying any of these cannot succeed.
    if exc.code in (400, 403, 404, 410):
        return PermanentDeliveryError(message)
    retry_after: float | None = None
    header = exc.headers.get("Retry-After") if exc.headers else None
    if header:
        try:
            retry_after = float(header)
        except ValueError:
            retry_after = None
    # 429 and 5xx are the connector asking us to come back later; 401 is usually an expired
    # token that the next attempt refreshes.
    return TransientDeliveryError(message, retry_after=retry_after)


def _quote(value: str) -> str:
    try:
        return urllib.parse.quote(value, safe=":@;=")
    except UnicodeEncodeError:  # a lone surrogate: no conversation has such an id
        raise PermanentDeliveryError(f"not a conversation id: {value[:80]!r}") from None


def _id_of(answer: Any) -> str:
    if isinstance(answer, dict) and answer.get("id"):
        return str(answer["id"])
    return ""
