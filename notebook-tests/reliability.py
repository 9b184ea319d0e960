"""Executes every notebook many times, on all cores and pinned to one core, and starts the kernel many times.

usage: reliability.py [N] [STARTS]     (./course reliability [N] [STARTS]; defaults 20 and 100)

Each round executes every notebook (course and solutions) once through run_notebook.run, the
same checks as ./course test; N rounds on all cores, then N rounds pinned to one core (the
runner's CPU affinity is set to core 0, like `taskset -c 0`, and the kernel JVM it starts
inherits it: its notebooks print "CPU 核数 : 1", which is checked). Then STARTS kernel starts
(kernel_check.starts). Prints per notebook runs, failures, median and max time for both modes,
the time of one full course run (one round), the problems of every failed run, and exits 1 when
anything failed. Executed copies go to build/reliability/executed/ (build/executed/ and site/ are
left alone); the kernels' own start-up chatter goes to build/reliability/kernels.log.
"""
import glob
import os
import re
import statistics
import sys
import time
import unicodedata

import kernel_check
import run_notebook

CORES_SHOWN = re.compile(r"CPU 核数\s*:\s*(\d+)")


def shown_width(text):
    """Terminal columns of text: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def padded(text, width):
    return text + " " * max(0, width - shown_width(text))


def notebooks():
    top = sorted(glob.glob(os.path.join(run_notebook.NOTEBOOKS, "*.ipynb")))
    return top + sorted(glob.glob(os.path.join(run_notebook.NOTEBOOKS, "solutions", "*.ipynb")))


def cores_seen(path):
    """The core count the notebook's Course.start() printed in its executed copy, or None."""
    import nbformat
    executed = os.path.join(run_notebook.EXECUTED, os.path.relpath(path, run_notebook.NOTEBOOKS))
    nb = nbformat.read(executed, as_version=4)
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            found = CORES_SHOWN.search(run_notebook.output_text(o))
            if found:
                return int(found.group(1))
    return None


def rounds(mode, n, paths, results, failures, pinned_cores):
    walls = []
    for r in range(1, n + 1):
        t0 = time.monotonic()
        failed = 0
        for p in paths:
            problems, seconds = run_notebook.run(p)
            results[(mode, p)].append(seconds)
            if mode == "1 core":
                shown = cores_seen(p)
                if shown is not None:
                    pinned_cores.add(shown)
            if problems:
                failed += 1
                failures.append((mode, r, p, problems))
                results[(mode, p, "failed")].append(r)
                print(f"  FAIL {os.path.relpath(p, run_notebook.ROOT)} ({mode}, round {r}, {seconds:.1f} s): "
                      f"{problems[0].splitlines()[0][:200]}", flush=True)
        walls.append(time.monotonic() - t0)
        print(f"round {r}/{n} on {mode}: {len(paths)} notebooks, {failed} failed, {walls[-1]:.1f} s", flush=True)
    return walls


def main(argv):
    n = int(argv[0]) if argv else 20
    starts = int(argv[1]) if len(argv) > 1 else 100
    if n < 1 or starts < 0:
        print(__doc__)
        return 2
    out_dir = os.path.join(run_notebook.ROOT, "build", "reliability")
    run_notebook.EXECUTED = os.path.join(out_dir, "executed")
    os.makedirs(out_dir, exist_ok=True)

    # This script prints to the terminal; the kernels it starts inherit fds 1 and 2, sent to a log.
    report = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    log = open(os.path.join(out_dir, "kernels.log"), "w")
    os.dup2(log.fileno(), 1)
    os.dup2(log.fileno(), 2)
    sys.stdout = report
    sys.stderr = log

    paths = notebooks()
    everywhere = os.sched_getaffinity(0)
    one = {0} if 0 in everywhere else {min(everywhere)}
    print(f"reliability: {len(paths)} notebooks x {n} rounds on all {len(everywhere)} cores, then x {n} pinned "
          f"to core {min(one)}; then {starts} kernel starts", flush=True)
    results = {(m, p): [] for m in ("all cores", "1 core") for p in paths}
    results.update({(m, p, "failed"): [] for m in ("all cores", "1 core") for p in paths})
    failures, pinned_cores = [], set()
    t_all = time.monotonic()
    walls = {"all cores": rounds("all cores", n, paths, results, failures, pinned_cores)}
    os.sched_setaffinity(0, one)
    try:
        walls["1 core"] = rounds("1 core", n, paths, results, failures, pinned_cores)
    finally:
        os.sched_setaffinity(0, everywhere)
    t_starts = time.monotonic()
    starts_ok = kernel_check.starts(starts) if starts else True
    t_end = time.monotonic()

    names = [os.path.relpath(p, run_notebook.NOTEBOOKS) for p in paths]
    name_width = max(shown_width(n) for n in names)
    print()
    print(f"{padded('', name_width)} | {'all cores':^28} | {'1 core (pinned)':^28} |")
    print(f"{padded('notebook', name_width)} |" + " runs fail   median      max |" * 2)
    for p, name in zip(paths, names):
        row = f"{padded(name, name_width)} |"
        for mode in ("all cores", "1 core"):
            t = results[(mode, p)]
            row += (f" {len(t):>4} {len(results[(mode, p, 'failed')]):>4} {statistics.median(t):>6.1f} s"
                    f" {max(t):>6.1f} s |")
        print(row)
    total_fail = len(failures)
    print()
    for mode in ("all cores", "1 core"):
        w = walls[mode]
        print(f"one full course run ({len(paths)} notebooks, {mode}): median {statistics.median(w):.1f} s, "
              f"max {max(w):.1f} s over {len(w)} rounds")
    pin_ok = pinned_cores == {1}
    print(f"pinned runs: the kernel JVM reported {sorted(pinned_cores)} core(s)"
          + ("" if pin_ok else "  <- expected [1]: pinning did not reach the kernel"))
    print(f"notebook runs: {2 * n * len(paths)}, failed: {total_fail}; kernel starts took {t_end - t_starts:.0f} s; "
          f"everything {t_end - t_all:.0f} s")
    for mode, r, p, problems in failures:
        print(f"FAIL {os.path.relpath(p, run_notebook.ROOT)} (round {r}, {mode})")
        for pr in problems:
            print("  - " + pr)
    return 0 if total_fail == 0 and starts_ok and pin_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
