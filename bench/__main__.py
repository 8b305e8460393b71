"""Run the benches in order, skipping those not present: pairing, fan-out, tick, wave, Slack ack,
the core's cost of status, Slack answer, the meeting series, harvest."""

from __future__ import annotations

import importlib
import sys
import time

BENCHES = (
    ("bench.pairing", "buddy pairing"),
    ("bench.fanout", "fan-out of due work"),
    ("bench.tick", "scheduler tick"),
    ("bench.wave", "the due wave end to end, and memory"),
    ("bench.slack_ack", "Slack acknowledgement latency"),
    ("bench.status_cost", "the core's own cost of /cop status"),
    ("bench.slack_answer", "Slack answer latency of /cop status"),
    ("bench.series", "the longest meeting series"),
    ("bench.harvest", "digest charts, social map and HTML report"),
)


def main() -> int:
    ran = 0
    for name, title in BENCHES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            print(f"== {name}: not present, skipped ==\n", flush=True)
            continue
        print(f"== {name}: {title} ==", flush=True)
        started = time.perf_counter()
        module.main()
        print(f"== {name}: {time.perf_counter() - started:.1f} s ==\n", flush=True)
        ran += 1
    return 0 if ran else 1


if __name__ == "__main__":
    sys.exit(main())
