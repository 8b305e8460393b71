"""Bot Framework authentication, both ways.

Inbound: every activity carries a JWT the Bot Framework signed; botbuilder's validator checks
signature (keys from the OpenID metadata), issuer, endorsement of the channel, audience (our
app id) and the ``serviceurl`` claim against the activity. Outbound: a client-credentials
token for the connector, cached until shortly before it expires.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from botframework.connector.auth import (  # type: ignore[import-untyped]
    AuthenticationConstants,
    ChannelValidation,
    JwtTokenExtractor,
    SimpleCredentialProvider,
)

from bot.outbox.sender import TransientDeliveryError

logger = logging.getLogger(__name__)

CONNECTOR_SCOPE = "https://api.botframework.com/.default"
# Multi-tenant bots get their connector token from the Bot Framework's own tenant.
DEFAULT_TOKEN_TENANT = "botframework.com"


def _openid_metadata_url() -> str:
    return str(AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL)


def _login_url() -> str:
    return str(AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX)


@dataclass(frozen=True)
class Endpoints:
    """Where the Microsoft identity services live.

    Read from botframework-connector's constants when the adapter is built (not at import),
    so the platform's addresses have one source, which a test can point at a local fake.
    """

    openid_metadata_url: str = field(default_factory=_openid_metadata_url)
    login_url: str = field(default_factory=_login_url)


class Unauthorized(Exception):
    """The request does not carry a valid Bot Framework token."""


def validate_request(
    auth_header: str | None,
    *,
    app_id: str,
    app_password: str | None,
    service_url: str,
    channel_id: str,
    endpoints: Endpoints,
) -> None:
    """Raise ``Unauthorized`` unless the header holds a channel token for this bot.

    Blocking (botbuilder fetches signing keys with ``requests``): call it from a thread.
    """
    if not auth_header or not auth_header.startswith("Bearer "):
        raise Unauthorized("missing bearer token")
    # A private instance of the extractor: ChannelValidation reads its metadata URL from a
    # class attribute, which would make the endpoint process-global.
    extractor = JwtTokenExtractor(
        ChannelValidation.TO_BOT_FROM_CHANNEL_TOKEN_VALIDATION_PARAMETERS,
        endpoints.openid_metadata_url,
        AuthenticationConstants.ALLOWED_SIGNING_ALGORITHMS,
    )
    credentials = SimpleCredentialProvider(app_id, app_password or "")

    async def check() -> None:
        identity = await extractor.get_identity_from_auth_header(auth_header, channel_id, [])
        identity = await ChannelValidation.validate_identity(identity, credentials)
        if identity.get_claim_value(ChannelValidation.SERVICE_URL_CLAIM) != service_url:
            raise PermissionError("serviceurl claim does not match the activity")

    try:
        asyncio.run(check())
    except Exception as exc:  # any failure of validation means: not authenticated
        raise Unauthorized(str(exc) or type(exc).__name__) from None


class TokenProvider:
    """Client-credentials token for the connector; thread-safe, refreshed 5 minutes early."""

    def __init__(
        self, *, app_id: str, app_password: str, tenant_id: str | None, endpoints: Endpoints
    ) -> None:
        self._app_id = app_id
        self._password = app_password
        tenant = tenant_id or DEFAULT_TOKEN_TENANT
        self._url = f"{endpoints.login_url.rstrip('/')}/{tenant}/oauth2/v2.0/token"
        self._lock = threading.Lock()
        self._token: str | None = None
        self._expires = 0.0

    def __call__(self) -> str:
        with self._lock:
            if self._token is None or time.monotonic() > self._expires:
                self._token, lifetime = self._fetch()
                self._expires = time.monotonic() + max(lifetime - 300, 30)
            return self._token

    def _fetch(self) -> tuple[str, float]:
        body = urllib.parse.urlencode(
            {
                "grant_type": "client_credentials",
                "client_id": self._app_id,
                "client_secret": self._password,
                "scope": CONNECTOR_SCOPE,
            }
        ).encode()
        request = urllib.request.Request(self._url, data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        # Token failures surface as delivery errors (transient) through the connector caller.
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                answer = json.loads(response.read())
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            raise TransientDeliveryError(f"could not get a Bot Framework token: {exc}") from None
        token = answer.get("access_token")
        if not token:
            raise TransientDeliveryError("the token endpoint returned no access_token")
        return str(token), float(answer.get("expires_in", 3600))
