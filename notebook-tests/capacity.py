"""How many learners one machine holds: memory and CPU of the course's kernel, lesson by lesson.

usage: capacity.py [--lessons 04,11] [--kernels 1,2,4,8] [--at-once LESSON] [--jvm "OPTIONS"]...
                   [--out DIR]

1. Each lesson (default: every lesson) runs alone through the kernel (isolated.py, as ./course grade
   runs it): peak resident memory of the kernel JVM and of all the processes it started together
   (child JVMs included, sampled every 100 ms), CPU time, wall time, the longest cell.
2. N kernels (each --kernels value) run the same lesson at once (--at-once; default: the lesson that
   needed the most memory in 1): their memory together, the slowest run and the longest cell.
With --jvm, steps 1 and 2 run once per set of extra JVM options for the kernel (put after `java` in
its argv, after the course's own; "" adds none), so that options can be compared on the same lessons.

Prints tables and writes DIR (default build/capacity/) capacity.json and capacity.md. A run counts as
failed when a cell shows an error it is not tagged to show, or a cell timed out, or the kernel died.
The machine's load is printed before and after: other work on the machine changes every number.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import nbformat

import check_cells
import isolated

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("COURSE_ROOT") or os.path.dirname(HERE)
NOTEBOOKS = os.path.join(ROOT, "notebooks")
MIB = 1024 * 1024
LEARNER_WAIT = 10.0   # seconds a learner waits at most for a cell (the course's rule)


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def memory_total():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    return 0


def longest_cell(nb):
    """Seconds of the slowest cell (from the execution times nbclient records)."""
    longest = 0.0
    for c in nb.cells:
        t = c.get("metadata", {}).get("execution", {})
        start, end = t.get("iopub.execute_input"), t.get("shell.execute_reply")
        if start and end:
            parse = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
            longest = max(longest, (parse(end) - parse(start)).total_seconds())
    return longest


def failures(nb, events):
    bad = [f"{e['kind']} at cell {e['cell']}" for e in events]
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and "raises-exception" not in c.metadata.get("tags", []):
            bad += [f"cell {i + 1}: {o.get('ename')}" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    return bad


def start(lesson, jvm, folder):
    """Starts one measured run of LESSON in a worker; returns (worker, task)."""
    marker = uuid.uuid4().hex
    nb = nbformat.read(os.path.join(NOTEBOOKS, lesson), as_version=4)
    task = {"notebook": os.path.join(folder, marker + ".in.ipynb"), "executed": os.path.join(folder, marker + ".ipynb"),
            "result": os.path.join(folder, marker + ".json"), "marker": marker, "measure": True,
            "cell_timeout": nb.metadata.get("course", {}).get("cell_timeout", 120), "notebook_timeout": 900,
            "jvm_options": jvm.split()}
    nbformat.write(nb, task["notebook"])
    path = os.path.join(folder, marker + ".task.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(task, f)
    log = open(os.path.join(folder, marker + ".log"), "wb")
    worker = subprocess.Popen([sys.executable, os.path.join(HERE, "isolated.py"), path], stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    return worker, task, log


def finish(worker, task, log):
    worker.wait()
    log.close()
    isolated.sweep(task["marker"])
    if not os.path.exists(task["result"]):
        return {"failed": ["the worker crashed"], "seconds": 0, "peak_mib": 0, "kernel_mib": 0, "cpu_s": 0, "longest_cell_s": 0}
    with open(task["result"], encoding="utf-8") as f:
        result = json.load(f)
    nb = nbformat.read(task["executed"], as_version=4)
    m = result["measurement"]
    return {"failed": failures(nb, result["events"]), "seconds": round(m["seconds"], 1),
            "peak_mib": round(max(m.get("peak_bytes", 0), m.get("kernel_peak_bytes", 0)) / MIB), "kernel_mib": round(m.get("kernel_peak_bytes", 0) / MIB),
            "cpu_s": round(m.get("cpu_seconds", 0), 1), "processes": m.get("processes", 0),
            "longest_cell_s": round(longest_cell(nb), 1)}


def alone(lessons, jvm, folder):
    rows = {}
    for lesson in lessons:
        rows[lesson] = finish(*start(lesson, jvm, folder))
        r = rows[lesson]
        print(f"  {lesson:<28} {r['peak_mib']:>6} MiB {r['kernel_mib']:>6} MiB {r['cpu_s']:>7.1f} s {r['seconds']:>7.1f} s "
              f"{r['longest_cell_s']:>6.1f} s  {'ok' if not r['failed'] else 'FAILED ' + '; '.join(r['failed'][:3])}", flush=True)
    return rows


def together(lesson, n, jvm, folder):
    """N runs of LESSON at once; their memory is sampled together."""
    runs = [start(lesson, jvm, folder) for _ in range(n)]
    sampler = isolated.Sampler(tuple(task["marker"] for _, task, _ in runs))
    sampler.start()
    results = [finish(*run) for run in runs]
    sampler.stopped.set()
    sampler.join()
    failed = sum(1 for r in results if r["failed"])
    return {"kernels": n, "peak_mib": round(sampler.peak / MIB), "slowest_s": max(r["seconds"] for r in results),
            "median_s": round(statistics.median(r["seconds"] for r in results), 1),
            "longest_cell_s": max(r["longest_cell_s"] for r in results), "failed_runs": failed,
            "cpu_s": round(sum(r["cpu_s"] for r in results), 1)}


def main(argv):
    p = argparse.ArgumentParser(prog="./course capacity", description=__doc__.splitlines()[0])
    p.add_argument("--lessons", default="", help="comma-separated numbers or names (default: every lesson)")
    p.add_argument("--kernels", default="1,2,4,8")
    p.add_argument("--at-once", default="", help="the lesson for the kernels run at once")
    p.add_argument("--jvm", action="append", default=None, help="extra JVM options for the kernel (repeatable)")
    p.add_argument("--out", default=os.path.join(ROOT, "build", "capacity"))
    o = p.parse_args(argv)
    every = [f for f in sorted(os.listdir(NOTEBOOKS)) if check_cells.lesson_number(f)]
    wanted = [w.strip() for w in o.lessons.split(",") if w.strip()]
    lessons = [f for f in every if not wanted or any(f.startswith(w) for w in wanted)]
    kernels = [int(k) for k in o.kernels.split(",") if k.strip()]
    if not lessons or not kernels or min(kernels) < 1:
        p.error("no such lesson, or --kernels is not a list of positive numbers")
    variants = o.jvm if o.jvm is not None else [""]
    os.makedirs(o.out, exist_ok=True)
    report = {"cores": os.cpu_count(), "memory_mib": round(memory_total() / MIB), "load_before": load_average(),
              "started": time.strftime("%Y-%m-%d %H:%M"), "variants": []}
    print(f"{report['cores']} cores, {report['memory_mib']} MiB; load average before: {report['load_before']}", flush=True)
    with tempfile.TemporaryDirectory(prefix="course-capacity-") as folder:
        for jvm in variants:
            print(f"\nkernel JVM options: {jvm or '(the course’s own)'}\n  {'lesson':<28} {'all procs':>10} {'kernel':>10} "
                  f"{'CPU':>9} {'wall':>9} {'longest cell':>12}", flush=True)
            solo = alone(lessons, jvm, folder)
            pick = next((f for f in every if o.at_once and f.startswith(o.at_once)), None) or \
                max(solo, key=lambda l: solo[l]["peak_mib"])
            print(f"  {'kernels':>7} at once running {pick}: memory together, median and slowest run, longest cell", flush=True)
            crowd = []
            for n in kernels:
                c = together(pick, n, jvm, folder)
                crowd.append(c)
                print(f"  {n:>7} {c['peak_mib']:>8} MiB {c['median_s']:>7.1f} s {c['slowest_s']:>7.1f} s {c['longest_cell_s']:>7.1f} s"
                      f"  {c['failed_runs']} failed; load {load_average()}", flush=True)
            report["variants"].append({"jvm": jvm, "alone": solo, "at_once_lesson": pick, "at_once": crowd})
    report["load_after"] = load_average()
    print(f"\nload average after: {report['load_after']}")
    for v in report["variants"]:
        summary = sizing(v, report["memory_mib"])
        v["sizing"] = summary
        print(f"{v['jvm'] or '(course options)'}: {summary['text']}")
    with open(os.path.join(o.out, "capacity.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    with open(os.path.join(o.out, "capacity.md"), "w", encoding="utf-8") as f:
        f.write(markdown(report))
    print(f"written: {os.path.join(o.out, 'capacity.json')}, {os.path.join(o.out, 'capacity.md')}")
    return 0


def sizing(variant, memory_mib):
    """The sizing rule: memory per kernel from the heaviest lesson, CPU from the kernels-at-once runs."""
    heaviest = max(r["peak_mib"] for r in variant["alone"].values())
    by_memory = int(memory_mib * 0.8 // heaviest) if heaviest else 0
    solo = variant["at_once"][0]["median_s"] if variant["at_once"] and variant["at_once"][0]["kernels"] == 1 else None
    fine = [c["kernels"] for c in variant["at_once"] if c["failed_runs"] == 0 and c["longest_cell_s"] <= LEARNER_WAIT]
    return {"heaviest_mib": heaviest, "by_memory": by_memory, "at_once_ok": max(fine) if fine else 0,
            "text": f"heaviest lesson {heaviest} MiB per learner → {by_memory} kernels in 80 % of the memory; "
                    f"at most {max(fine) if fine else 0} running the same lesson at once with every cell ≤ {LEARNER_WAIT:.0f} s"
                    + (f" (alone: {solo} s)" if solo else "")}


def markdown(report):
    lines = [f"Measured {report['started']} on {report['cores']} cores, {report['memory_mib']} MiB; load average "
             f"before {report['load_before']}, after {report['load_after']}.", ""]
    for v in report["variants"]:
        lines += [f"### Kernel JVM options: {v['jvm'] or 'the course’s own'}", "",
                  "| lesson | peak memory, all processes (MiB) | kernel JVM (MiB) | CPU (s) | wall (s) | longest cell (s) | ok |",
                  "|---|---:|---:|---:|---:|---:|---|"]
        for lesson, r in v["alone"].items():
            lines.append(f"| {lesson[:-6]} | {r['peak_mib']} | {r['kernel_mib']} | {r['cpu_s']} | {r['seconds']} | "
                         f"{r['longest_cell_s']} | {'yes' if not r['failed'] else 'no: ' + '; '.join(r['failed'][:2])} |")
        lines += ["", f"Kernels running {v['at_once_lesson'][:-6]} at once:", "",
                  "| kernels | memory together (MiB) | median run (s) | slowest run (s) | longest cell (s) | failed runs |",
                  "|---:|---:|---:|---:|---:|---:|"]
        lines += [f"| {c['kernels']} | {c['peak_mib']} | {c['median_s']} | {c['slowest_s']} | {c['longest_cell_s']} | "
                  f"{c['failed_runs']} |" for c in v["at_once"]]
        lines += ["", v["sizing"]["text"], ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
