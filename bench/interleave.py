#!/usr/bin/env python3
"""Times commands in turns: A, B, C, A, B, C, ... so that a machine whose
speed drifts during the run (a shared virtual machine) slows all of them
alike, where timing all runs of A and then all of B compares two moments.

    interleave.py RUNS SETUP COMMAND...

SETUP (a shell command) runs before every run of every command and is not
timed. Prints, per command, the minimum, the first quartile and the median
of the wall times in milliseconds.
"""

import shlex
import statistics
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    runs = int(sys.argv[1])
    setup = sys.argv[2]
    commands = sys.argv[3:]
    times = {c: [] for c in commands}
    for _ in range(runs):
        for command in commands:
            subprocess.run(setup, shell=True, check=True)
            start = time.perf_counter()
            subprocess.run(shlex.split(command), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            times[command].append((time.perf_counter() - start) * 1000)
    for command in commands:
        t = sorted(times[command])
        print(f"    {t[0]:7.1f} {t[len(t) // 4]:7.1f} {statistics.median(t):7.1f}  {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
