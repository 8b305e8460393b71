"""The cyclic garbage collector in a long-running copbot process (``serve``, ``scheduler``).

Measured with ``bench.slack_ack`` and ``bench.wave``: the collector's full collections scan
every object alive, and a serving process holds a large, permanent heap (the modules, the
SDKs, SQLAlchemy's mappers and compiled statements). A due wave allocates many short-lived
objects (rows, messages, payloads), so the youngest generation filled every 700 allocations
and full collections followed; at 1,000 communities they cost about 1 s of the wave's 15.
"""

from __future__ import annotations

import gc

# Allocations between two collections of the youngest generation (CPython's default: 700).
# A wave's unit of work allocates thousands of objects that die with it; collecting them
# every 700 found little to free. 10,000 cut the collector's share of the 1,000-community
# wave from about 1.0 s to 0.3 s, and left the worker's peak memory where it was.
YOUNG_THRESHOLD = 10_000


def settle() -> None:
    """Once a long-running process has started: collect, freeze what is alive (never scanned
    again; otherwise full collections held every request for 80-100 ms, bench.slack_ack's
    p99), and collect the youngest generation less often. Only for serving and scheduling
    processes: a process that builds many apps (the tests) would keep each one's garbage."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, oldest)
