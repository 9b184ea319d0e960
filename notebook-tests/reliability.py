"""Executes every notebook many times, on all cores and pinned to one core, and starts the kernel many times.

usage: reliability.py [N] [STARTS] [--together]   (./course reliability ...; defaults 20 and 100)

Each round executes every notebook (course and solutions) once through run_notebook.run, the
same checks as ./course test; N rounds on all cores, then N rounds pinned to one core (the
runner's CPU affinity is set to core 0, like `taskset -c 0`, and the kernel JVM it starts
inherits it: its notebooks print "CPU 核数 : 1", which is checked). Then STARTS kernel starts
(kernel_check.starts). Prints per notebook runs, failures, median and max time for both modes,
the time of one full course run (one round), the problems of every failed run, and exits 1 when
anything failed. Executed copies go to build/reliability/<mode>/executed/ (build/executed/ and
site/ are left alone); the kernels' own start-up chatter goes to build/reliability/<mode>/kernels.log
and build/reliability/kernel-starts.log.

--together runs the two modes at the same time, as two processes (half the wall time, a harsher
test: the all-cores run shares core 0 with the pinned one, so its times are longer than on an
idle machine; the time of one full course run on an idle machine is what ./course test prints).
"""
import contextlib
import glob
import json
import os
import re
import statistics
import subprocess
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


MODES = {"all cores": "all-cores", "1 core": "1-core"}


def run_mode(mode, n, paths):
    """n rounds of every notebook in this process; what happened, as JSON-ready lists and dicts."""
    out = {"times": {p: [] for p in paths}, "failed": {p: [] for p in paths}, "walls": [], "failures": [],
           "pinned_cores": []}
    for r in range(1, n + 1):
        t0 = time.monotonic()
        failed = 0
        for p in paths:
            problems, seconds = run_notebook.run(p)
            out["times"][p].append(seconds)
            if mode == "1 core":
                shown = cores_seen(p)
                if shown is not None and shown not in out["pinned_cores"]:
                    out["pinned_cores"].append(shown)
            if problems:
                failed += 1
                out["failures"].append((r, p, problems))
                out["failed"][p].append(r)
                print(f"  FAIL {os.path.relpath(p, run_notebook.ROOT)} ({mode}, round {r}, {seconds:.1f} s): "
                      f"{problems[0].splitlines()[0][:200]}", flush=True)
        out["walls"].append(time.monotonic() - t0)
        print(f"round {r}/{n} on {mode}: {len(paths)} notebooks, {failed} failed, {out['walls'][-1]:.1f} s", flush=True)
    return out


def mode_dir(mode):
    return os.path.join(run_notebook.ROOT, "build", "reliability", MODES[mode])


@contextlib.contextmanager
def kernels_logged_to(path):
    """Within: sys.stdout still reaches the terminal, but fds 1 and 2, which the kernels started here
    inherit, and sys.stderr go to the log at path."""
    report = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    log = open(path, "w")
    saved = os.dup(1), os.dup(2), sys.stdout, sys.stderr
    os.dup2(log.fileno(), 1)
    os.dup2(log.fileno(), 2)
    sys.stdout, sys.stderr = report, log
    try:
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        sys.stdout, sys.stderr = saved[2], saved[3]
        report.close()
        log.close()


def in_mode(mode, n, paths):
    """Runs one mode here, with its own executed copies and kernel log; pinned to one core for "1 core"."""
    out_dir = mode_dir(mode)
    run_notebook.EXECUTED = os.path.join(out_dir, "executed")
    os.makedirs(out_dir, exist_ok=True)
    everywhere = os.sched_getaffinity(0)
    if mode == "1 core":
        os.sched_setaffinity(0, {0} if 0 in everywhere else {min(everywhere)})
    try:
        with kernels_logged_to(os.path.join(out_dir, "kernels.log")):
            return run_mode(mode, n, paths)
    finally:
        os.sched_setaffinity(0, everywhere)


def together(n, paths):
    """Both modes at the same time, each in a child process of this script that writes its results as JSON."""
    children = {}
    for mode in MODES:
        os.makedirs(mode_dir(mode), exist_ok=True)
        children[mode] = subprocess.Popen([sys.executable, os.path.abspath(__file__), str(n), "--mode", mode])
    results = {}
    for mode, child in children.items():
        if child.wait() != 0:
            raise SystemExit(f"reliability: the {mode} run ended with exit code {child.returncode}")
        with open(os.path.join(mode_dir(mode), "results.json"), encoding="utf-8") as f:
            results[mode] = json.load(f)
    return results


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if "--mode" in argv:  # a child of --together: one mode, results to its folder
        mode = argv[argv.index("--mode") + 1]
        args.remove(mode)
        out = in_mode(mode, int(args[0]), notebooks())
        with open(os.path.join(mode_dir(mode), "results.json"), "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False)
        return 0
    n = int(args[0]) if args else 20
    starts = int(args[1]) if len(args) > 1 else 100
    if n < 1 or starts < 0 or set(argv) - set(args) - {"--together"}:
        print(__doc__)
        return 2
    paths = notebooks()
    cores = len(os.sched_getaffinity(0))
    how = "at the same time as" if "--together" in argv else "then"
    print(f"reliability: {len(paths)} notebooks x {n} rounds on all {cores} cores, {how} x {n} pinned to one core; "
          f"then {starts} kernel starts", flush=True)
    t_all = time.monotonic()
    if "--together" in argv:
        results = together(n, paths)
    else:
        results = {mode: in_mode(mode, n, paths) for mode in MODES}
    t_starts = time.monotonic()
    with kernels_logged_to(os.path.join(run_notebook.ROOT, "build", "reliability", "kernel-starts.log")):
        starts_ok = kernel_check.starts(starts) if starts else True
    t_end = time.monotonic()

    names = [os.path.relpath(p, run_notebook.NOTEBOOKS) for p in paths]
    name_width = max(shown_width(n) for n in names)
    print()
    print(f"{padded('', name_width)} | {'all cores':^28} | {'1 core (pinned)':^28} |")
    print(f"{padded('notebook', name_width)} |" + " runs fail   median      max |" * 2)
    for p, name in zip(paths, names):
        row = f"{padded(name, name_width)} |"
        for mode in MODES:
            t = results[mode]["times"][p]
            row += (f" {len(t):>4} {len(results[mode]['failed'][p]):>4} {statistics.median(t):>6.1f} s"
                    f" {max(t):>6.1f} s |")
        print(row)
    print()
    lessons = [p for p in paths if os.path.dirname(p) == run_notebook.NOTEBOOKS]
    for mode in MODES:
        w = results[mode]["walls"]
        course = [sum(results[mode]["times"][p][r] for p in lessons) for r in range(n)]
        print(f"one full course run ({len(lessons)} lessons, {mode}): median {statistics.median(course):.1f} s, "
              f"max {max(course):.1f} s; with the {len(paths) - len(lessons)} solutions: median "
              f"{statistics.median(w):.1f} s, max {max(w):.1f} s ({len(w)} rounds)")
    pinned = sorted(results["1 core"]["pinned_cores"])
    pin_ok = pinned == [1]
    print(f"pinned runs: the kernel JVM reported {pinned} core(s)"
          + ("" if pin_ok else "  <- expected [1]: pinning did not reach the kernel"))
    failures = [(mode, *f) for mode in MODES for f in results[mode]["failures"]]
    print(f"notebook runs: {2 * n * len(paths)}, failed: {len(failures)}; kernel starts took {t_end - t_starts:.0f} s; "
          f"everything {t_end - t_all:.0f} s")
    for mode, r, p, problems in failures:
        print(f"FAIL {os.path.relpath(p, run_notebook.ROOT)} (round {r}, {mode})")
        for pr in problems:
            print("  - " + pr)
    return 0 if not failures and starts_ok and pin_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
