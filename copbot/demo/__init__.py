"""``copbot demo``: a sample Community of Practice plays its whole programme through the
core's public entry points (``bot.core.Core``), as Slack and Teams would drive it.

``run`` directs the calendar, ``crowd`` plays the people, ``data`` holds who they are and
what they say, ``timeline`` and ``markdown`` print and write what happened."""

from copbot.demo.run import play, run_demo

__all__ = ["play", "run_demo"]
