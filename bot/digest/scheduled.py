"""The weekly digest job: DM every active organiser, then plan next week's digest."""

from __future__ import annotations

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.digest.messaging import render
from bot.digest.service import collect
from bot.members.messaging import lang_of
from bot.members.service import organisers
from bot.messages import Message
from bot.outbox.service import Outgoing
from bot.timed.planner import replan
from bot.timed.registry import JobCtx

logger = logging.getLogger(__name__)

# A digest found more than a day after its moment is old news: next week's will follow.
STALE_AFTER = timedelta(days=1)


def send_digest(jctx: JobCtx) -> None:
    community, job = jctx.community, jctx.job
    local_day = job.due_at.astimezone(ZoneInfo(community.tz)).date().isoformat()
    if jctx.now - job.due_at > STALE_AFTER:
        logger.info("digest %s is stale; not sent", job.key)
    else:
        people = organisers(jctx.session, community_id=community.id)
        if people:
            data = collect(jctx.session, community=community, now=jctx.now)
            # At most one rendering per language, however many organisers there are.
            rendered: dict[str, Message] = {}
            for member in people:
                lang = lang_of(member, community)
                if lang not in rendered:
                    rendered[lang] = render(data, lang)
                jctx.send(
                    Outgoing(
                        key=f"digest:{community.id}:{local_day}:{member.id}",
                        message=rendered[lang],
                        member=member,
                        community=community,
                        deadline=job.due_at + STALE_AFTER,
                    )
                )
        logger.info("digest %s for %d organisers", job.key, len(people))
    # The planner always plans the first digest after 'now', so this creates next week's row;
    # this week's key has run and is never inserted again.
    replan(jctx.session, community=community, now=jctx.now)


JOBS = {"digest": send_digest}
