"""A local fake of the Bot Framework at its HTTP edge: the connector REST API, the OpenID
metadata and signing keys, and the Azure AD token endpoint.

It records every call so tests can assert on what copbot sent, answers create-conversation,
send-to-conversation, reply-to-activity and the paged member list, and
can sign channel tokens with its own RSA key the way the Bot Framework does.
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://api.botframework.com"
KEY_ID = "fake-key-1"


@dataclass
class Call:
    method: str
    conversation_id: str
    activity_id: str | None
    body: dict[str, Any]
    authorization: str | None


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@dataclass
class FakeConnector:
    base_url: str = ""
    calls: list[Call] = field(default_factory=list)
    created: list[dict[str, Any]] = field(default_factory=list)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    token_paths: list[str] = field(default_factory=list)
    rosters: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # conversation id or member id -> HTTP status to answer with instead of success
    fail_with: dict[str, int] = field(default_factory=dict)
    page_size: int = 2
    roster_reads: int = 0  # pages of a member list read
    # OneDrive upload sessions, as a file consent hands them to the bot: name -> bytes put.
    uploads: dict[str, bytes] = field(default_factory=dict)
    upload_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    # -- the aiohttp app ---------------------------------------------------------------------
    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{cid}/activities", self._send)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self._send)
        app.router.add_get("/v3/conversations/{cid}/pagedmembers", self._paged_members)
        app.router.add_put("/upload/{name}", self._upload)
        app.router.add_get("/openid", self._openid)
        app.router.add_get("/jwks", self._jwks)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        return app

    def _record(self, request: web.Request, body: dict[str, Any]) -> Call:
        call = Call(
            request.method,
            request.match_info.get("cid", ""),
            request.match_info.get("aid"),
            body,
            request.headers.get("Authorization"),
        )
        with self._lock:
            self.calls.append(call)
        return call

    def _failure(self, *keys: str) -> web.Response | None:
        for key in keys:
            status = self.fail_with.get(key)
            if status is not None:
                headers = {"Retry-After": "7"} if status == 429 else {}
                return web.json_response(
                    {"error": {"code": "Fake", "message": "fake failure"}},
                    status=status,
                    headers=headers,
                )
        return None

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        member = body["members"][0]["id"]
        failed = self._failure(member)
        if failed is not None:
            return failed
        with self._lock:
            self.created.append({**body, "authorization": request.headers.get("Authorization")})
        return web.json_response({"id": f"a:{member}", "activityId": None}, status=201)

    async def _send(self, request: web.Request) -> web.Response:
        """Send to a conversation, or reply to one of its activities (the path names it)."""
        failed = self._failure(request.match_info["cid"])
        if failed is not None:
            return failed
        self._record(request, await request.json())
        return web.json_response({"id": f"act-{next(self._ids)}"}, status=201)

    async def _upload(self, request: web.Request) -> web.Response:
        """A OneDrive upload session URL: takes the whole file in one PUT."""
        name = request.match_info["name"]
        failed = self._failure(f"upload:{name}")
        if failed is not None:
            return failed
        data = await request.read()
        with self._lock:
            self.uploads[name] = data
            self.upload_headers[name] = dict(request.headers)
        return web.json_response({"id": f"drive-item-{name}", "size": len(data)}, status=201)

    def upload_url(self, name: str) -> str:
        return f"{self.base_url}/upload/{name}"

    async def _paged_members(self, request: web.Request) -> web.Response:
        with self._lock:
            self.roster_reads += 1
        people = self.rosters.get(request.match_info["cid"])
        if people is None:
            return web.json_response({"error": {"code": "NotFound"}}, status=404)
        start = int(request.query.get("continuationToken") or 0)
        page = people[start : start + self.page_size]
        answer: dict[str, Any] = {"members": page}
        if start + self.page_size < len(people):
            answer["continuationToken"] = str(start + self.page_size)
        return web.json_response(answer)

    async def _openid(self, request: web.Request) -> web.Response:
        return web.json_response({"issuer": ISSUER, "jwks_uri": f"{self.base_url}/jwks"})

    async def _jwks(self, request: web.Request) -> web.Response:
        public = self._key.public_key().public_numbers()
        key = {
            "kty": "RSA",
            "use": "sig",
            "kid": KEY_ID,
            "n": _b64(public.n),
            "e": _b64(public.e),
            "endorsements": ["msteams"],
        }
        return web.json_response({"keys": [key]})

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        with self._lock:
            self.token_requests.append({k: str(v) for k, v in form.items()})
            self.token_paths.append(request.path)
        return web.json_response(
            {"token_type": "Bearer", "expires_in": 3600, "access_token": "fake-connector-token"}
        )

    # -- tokens --------------------------------------------------------------------------------
    def channel_token(
        self,
        *,
        app_id: str,
        service_url: str,
        issuer: str = ISSUER,
        key: rsa.RSAPrivateKey | None = None,
        expires_in: int = 3600,
        **overrides: Any,
    ) -> str:
        """A token shaped like the ones the Bot Framework sends to bots; ``overrides``
        replace claims, ``key`` signs with another key than the published one."""
        now = int(time.time())
        claims = {
            "iss": issuer,
            "aud": app_id,
            "serviceurl": service_url,
            "nbf": now - 10,
            "iat": now - 10,
            "exp": now + expires_in,
            **overrides,
        }
        return jwt.encode(claims, key or self._key, algorithm="RS256", headers={"kid": KEY_ID})

    # -- what copbot sent ----------------------------------------------------------------------
    def to(self, conversation_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return [c.body for c in self.calls if c.conversation_id == conversation_id]

    def texts(self, conversation_id: str) -> list[str]:
        return [str(b.get("text", "")) for b in self.to(conversation_id)]

    def dm_texts(self, user_id: str) -> list[str]:
        """Everything sent to ``user_id``'s 1:1 chat (ids are ``a:<user id>`` here)."""
        return self.texts(f"a:{user_id}")

    def created_for(self, user_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return [c for c in self.created if c["members"][0]["id"] == user_id]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()
            self.created.clear()
            self.roster_reads = 0


def pretty(body: Any) -> str:
    return json.dumps(body, indent=1)[:2000]
