"""What a bench reads of the processes it starts: their ports, children, CPU time and memory
(from /proc), and cProfile in every thread of one."""

from __future__ import annotations

import cProfile
import os
import pstats
import socket
import sys
import threading
import time
from pathlib import Path


class ThreadProfiles:
    """cProfile in every thread of the process (the event loop, the journal's and the core's
    worker threads): one profiler per thread, merged at the end."""

    def __init__(self) -> None:
        self.profiles: list[cProfile.Profile] = []
        self._lock = threading.Lock()

    def _start(self, *_: object) -> None:
        sys.setprofile(None)
        profile = cProfile.Profile(time.thread_time)  # CPU time: waiting is not cost
        with self._lock:
            self.profiles.append(profile)
        profile.enable()

    def start(self) -> None:
        """Profile this thread and every thread started from now on."""
        threading.setprofile(self._start)
        self._start()

    def dump(self, path: str) -> None:
        threading.setprofile(None)
        with self._lock:
            profiles = list(self.profiles)
        for profile in profiles:
            profile.disable()
        stats = pstats.Stats(profiles[0])
        for profile in profiles[1:]:
            stats.add(profile)
        stats.dump_stats(path)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children_of(pid: int) -> list[int]:
    """The processes ``pid`` started with multiprocessing (not its resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text().rpartition(")")[2].split()
            spawned = b"spawn_main" in (entry / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if int(stat[1]) == pid and spawned:
            found.append(int(entry.name))
    return found


def cpu_of(pid: int | None) -> float:
    # /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks, after the command name.
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_of(pid: int | str = "self") -> tuple[float, float]:
    """Resident memory now and at its peak (VmRSS, VmHWM) of a process, in MB."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)
