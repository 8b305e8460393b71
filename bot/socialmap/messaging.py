"""The social map as a message: the map itself (a ``Network`` block the adapters draw) and
its measures in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.i18n import t
from bot.messages import Block, Header, Message, Network, Node, Text, Tie

if TYPE_CHECKING:
    # A type of the data it takes: messaging runs no rule.
    from bot.socialmap.service import SocialMap

STRONGEST = 3


def network(smap: SocialMap, *, lang: str, name: str) -> Network:
    return Network(
        title=t(lang, "map.title", name=name),
        nodes=tuple(Node(org, max(size, 1)) for org, size in smap.organisations.items()),
        ties=tuple(Tie(tie.a, tie.b, tie.weight, tie.age) for tie in smap.ties),
        legend=(
            t(lang, "map.legend.recent"),
            t(lang, "map.legend.last"),
            t(lang, "map.legend.older"),
            t(lang, "map.legend.alone"),
        ),
    )


def measures(smap: SocialMap, *, lang: str) -> list[str]:
    if not smap.organisations:
        return [t(lang, "map.empty")]
    lines = [
        t(
            lang,
            "map.pairs",
            now=smap.pairs_now,
            possible=smap.possible,
            share=smap.connected_share or 0,
        )
    ]
    if smap.pairs_start is not None:
        lines.append(t(lang, "map.pairs_start", start=smap.pairs_start))
    if smap.pairs_now:
        tied = len(smap.organisations) - len(smap.alone)
        clusters = smap.clusters - len(smap.alone)
        if tied:
            lines.append(t(lang, "map.clusters", count=clusters))
        strongest = sorted(smap.ties, key=lambda tie: (-tie.weight, tie.age, tie.a, tie.b))
        lines.append(
            t(
                lang,
                "map.strongest",
                ties=", ".join(f"{x.a} — {x.b} (×{x.weight})" for x in strongest[:STRONGEST]),
            )
        )
    if smap.alone:
        lines.append(t(lang, "map.alone", names=", ".join(smap.alone)))
    if smap.without_organisation:
        lines.append(t(lang, "map.without", count=smap.without_organisation))
    return lines


def map_blocks(smap: SocialMap, *, lang: str, name: str) -> tuple[Block, ...]:
    """The map and its measures, for the `map` reply and the digest."""
    if not smap.organisations:
        return (Text(t(lang, "map.empty")),)
    lines = "\n".join(f"• {line}" for line in measures(smap, lang=lang))
    return (network(smap, lang=lang, name=name), Text(lines))


def map_message(smap: SocialMap, *, lang: str, name: str) -> Message:
    title = t(lang, "map.title", name=name)
    lines = measures(smap, lang=lang)
    blocks: tuple[Block, ...] = (Header(title), *map_blocks(smap, lang=lang, name=name))
    return Message(text="\n".join([title, *lines]), blocks=blocks)
