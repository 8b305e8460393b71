"""The handling context (``Ctx``) every command, action and prompt answer works in: the
session, the clock, who and where (``bot.context``), the replies and what goes out."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.commands.parser import parse_mention
from bot.communities.models import Community
from bot.context import Actor, Place, Reply
from bot.errors import NoCommunity, NotFound, PermissionDenied
from bot.i18n import Lang, as_lang, t
from bot.members.models import Member, Role, Status
from bot.members.service import member_of
from bot.messages import Message, plain
from bot.outbox.service import Outgoing
from bot.places.models import CommunityPlace
from bot.places.service import place_at
from bot.records import PlatformRecords
from bot.scope import FoundBy


@dataclass
class Ctx:
    session: Session
    now: datetime
    actor: Actor
    place: Place
    community: Community | None = None
    member: Member | None = None
    # How the community was found (``bot.scope``): a verb such as `join` ignores a guess.
    found_by: FoundBy | None = None
    replies: list[Reply] = field(default_factory=list)
    outgoing: list[Outgoing] = field(default_factory=list)
    # The fingerprint of a schedule change the organiser confirmed (bot.meetings.confirm):
    # the command runs again and applies that change without asking a second time.
    confirmed: str | None = None
    # copbot's public address (COPBOT_PUBLIC_URL), for links people open outside the chat.
    public_url: str | None = None
    # The adapters' own records about people (Slack's installer), by platform: forget-me.
    records: Mapping[str, PlatformRecords] = field(default_factory=dict)

    @property
    def lang(self) -> Lang:
        if self.member is not None and self.member.lang:
            return as_lang(self.member.lang)
        if self.community is not None:
            return as_lang(self.community.lang)
        return as_lang(self.actor.lang)

    def t(self, key: str, /, **params: Any) -> str:
        return t(self.lang, key, **params)

    @property
    def channel_lang(self) -> Lang:
        """The language of what the whole channel reads: the community's, whoever spoke."""
        return as_lang(self.community.lang) if self.community is not None else self.lang

    def channel_t(self, key: str, /, **params: Any) -> str:
        return t(self.channel_lang, key, **params)

    # -- replies -------------------------------------------------------------------------
    def reply(self, message: Message | str) -> None:
        self.replies.append(Reply(plain(message) if isinstance(message, str) else message))

    def announce(self, message: Message | str) -> None:
        """A message the whole channel should see (a newcomer, a moved meeting): write it with
        ``channel_t``. Said in the community's channel, it is a reply there; said elsewhere (a
        DM, a button in a DM, another channel), it goes to the community's channel through the
        outbox, never to where it was said."""
        msg = plain(message) if isinstance(message, str) else message
        community = self.community
        if community is None:
            self.replies.append(Reply(msg, visibility="channel"))
            return
        here = self.here(community)
        if here is not None:
            self.replies.append(Reply(msg, visibility="channel"))
        # Every other place of the community hears it through the outbox, each rendered for
        # its platform. The same words by the same person at the same moment are one
        # announcement.
        digest = hashlib.sha256(msg.text.encode()).hexdigest()[:16]
        stamp = self.now.isoformat()
        self.send(
            Outgoing(
                key=f"announce:{community.id}:{self.actor.user_id}:{stamp}:{digest}",
                community=community,
                message=msg,
                skip_place=here.id if here is not None else None,
            )
        )

    def here(self, community: Community) -> CommunityPlace | None:
        """The place of ``community`` this was said in (its home or a linked channel), or
        None when it was said elsewhere (a DM, another channel)."""
        if self.place.kind == "dm":
            return None
        found = place_at(
            self.session, platform=self.place.platform, channel_id=self.place.conversation_id
        )
        return found if found is not None and found.community_id == community.id else None

    def in_channel_of(self, community: Community) -> bool:
        """Was this said in one of ``community``'s channels?"""
        return self.here(community) is not None

    def send(self, item: Outgoing) -> None:
        """Queue a message to someone else (or a channel), delivered through the outbox."""
        if item.member is not None and self.member is not None and item.member.id == self.member.id:
            # The recipient is the person acting right now (their welcome, their form): they
            # are awake, so quiet hours must not hold it until the morning.
            item = replace(item, deadline=self.now)
        self.outgoing.append(item)

    # -- who and where -------------------------------------------------------------------
    def need_community(self) -> Community:
        if self.community is None:
            raise NoCommunity()
        return self.community

    def need_member(self) -> Member:
        self.need_community()
        if self.member is None or not self.member.is_current:
            raise PermissionDenied("error.not_member")
        return self.member

    def require(self, role: Role) -> Member:
        member = self.need_member()
        if member.role_enum.rank < role.rank:
            raise PermissionDenied(f"error.permission.{role.value}")
        return member

    def find_member(self, token: str) -> Member:
        """Resolve '<@U123>', '<@U123|name>', '@name' or 'name' to a current member."""
        community = self.need_community()
        mention = parse_mention(token)
        query = select(Member).where(Member.community_id == community.id)
        if mention is not None:
            # A mention names someone on the platform it was typed on.
            found = member_of(
                self.session,
                community_id=community.id,
                platform=self.actor.platform,
                user_id=mention.user_id,
            )
        else:
            name = token.lstrip("@").strip().lower()
            candidates = [
                m for m in self.session.scalars(query) if m.display_name.lower() == name
            ] or [
                m
                for m in self.session.scalars(query)
                if m.display_name.lower().startswith(name) and name
            ]
            found = candidates[0] if len(candidates) == 1 else None
        if found is not None and found.status == Status.MERGED.value and found.merged_into_id:
            found = self.session.get(Member, found.merged_into_id)
        if found is None or not found.is_current:
            raise NotFound("error.no_such_member", who=token)
        return found
