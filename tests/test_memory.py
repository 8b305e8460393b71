"""copbot.memory: what a long-running process does with the garbage collector once started."""

from __future__ import annotations

import gc

from copbot.memory import YOUNG_THRESHOLD, settle


def test_settle_freezes_what_is_alive_and_collects_the_young_less_often() -> None:
    threshold = gc.get_threshold()
    try:
        settle()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (YOUNG_THRESHOLD, threshold[1], threshold[2])
    finally:
        gc.unfreeze()  # the test process builds many apps: it must not keep their garbage
        gc.set_threshold(*threshold)
