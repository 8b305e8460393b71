"""``make demo``'s community in full swing, for tests and benches that ask its members things:
played until ten days after one of its meetings (meetings held and planned, facilitators,
buddies between experiments, check-ins answered), with a core whose clock stands there."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select

from adapters.console.repl import CHANNEL, PLATFORM
from bot.context import Actor, Place
from bot.core import Core
from bot.db import make_engine, make_session_factory
from bot.members.models import Member, Status
from copbot.demo.run import play


@dataclass(frozen=True)
class Swing:
    core: Core
    engine: Engine
    place: Place  # the community's channel (console)
    actors: list[Actor]  # every active member, in the order they joined


@contextmanager
def in_full_swing(folder: Path, *, meetings: int, held: int) -> Iterator[Swing]:
    """The programme of ``meetings`` meetings played past meeting ``held`` into ``folder``."""
    played = play(seed=7, out_dir=folder, meetings=meetings, held=held)
    engine = make_engine(f"sqlite:///{folder / 'demo.db'}")
    core = Core(
        session_factory=make_session_factory(engine),
        clock=lambda: played.stopped_at,
        deliver_inline=False,
    )
    try:
        with core.session_factory() as session:
            members = session.execute(
                select(Member.platform, Member.user_id, Member.display_name)
                .where(Member.status == Status.ACTIVE.value)
                .order_by(Member.id)
            ).all()
        actors = [Actor(platform, user, display_name=name) for platform, user, name in members]
        yield Swing(core, engine, Place(PLATFORM, CHANNEL, "channel"), actors)
    finally:
        engine.dispose()
