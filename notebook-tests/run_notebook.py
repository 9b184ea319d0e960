"""Executes course notebooks headless through the installed 'java' kernel and checks them.

usage: run_notebook.py [--jdk MAJOR] NOTEBOOK.ipynb [...]

--jdk MAJOR runs the kernel 'java' that ./course test installed for that JDK (build/jupyter/jdk-MAJOR);
without it, the kernel 'java' that ./course setup installed (the JDK ./course open uses).

A notebook passes when:
  - it was committed clean (no outputs, no execution counts) with kernelspec 'java';
  - no cell shows an error, except cells tagged 'raises-exception', which must show one;
  - no cell runs longer than metadata.course.cell_timeout seconds (default 120);
  - its outputs hold what metadata.course.expect declares: at least 'images' pictures, every
    string of 'text', no string of 'forbid'; and each cell's outputs every string of its own
    metadata.course.shows (output that must be in that very cell, e.g. a thread's late output);
  - every claim its text makes about a number or an order in the outputs, declared in
    metadata.course.expect as 'values' (named patterns that read numbers from the outputs) and
    'claims' (a range or an order of those numbers, with the sentence it checks), holds on this run;
    a run that contradicts the prose fails with a message quoting the sentence (claims.py); a solution, which
    repeats its lesson's cells, is checked against its lesson's claims. Example:
      "values": {"speedup": "加速比 ([0-9.]+)", "seq": "顺序执行 ([0-9.]+) 秒", "par": "两个线程 ([0-9.]+) 秒"},
      "claims": [{"claim": "加速比在 1.2 和 2.1 之间", "range": ["speedup", 1.2, 2.1]},
                 {"claim": "两个线程比顺序执行快", "order": ["par", "<", "seq"]}]
    A range holds for every reading of the value; "a < b" for every pair of readings; "cores": N (or
    [N, M]) on a claim checks it only when the run may use N cores or more (and M or fewer; taskset -c 0
    gives 1);
  - its check cells are marked (metadata.course.check), each shows one exercise verdict and no other
    cell shows one; a solution's check cells are its lesson's (check_cells.py);
  - the cells a learner edits are marked (metadata.course.exercise); a solution is its lesson with only
    those cells changed; in a lesson (untouched stubs) no check passes, shows a ✔ line or an expected
    value (期望); in a solution every check passes (exercises.py);
  - no cell, in its source or its outputs, says 种子: the source tutorial is 原教程;
  - after its last cell no thread it started and no child process it spawned is still alive.
Output that arrives for a cell after it ended (a thread it started that prints later) goes into that cell, as in
the Notebook and JupyterLab.
The executed copy (outputs kept) goes to build/executed/<same relative path> ($COURSE_EXECUTED_DIR
if set).
Prints one line per notebook and exits 1 if any failed.
"""
import copy
import html
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async

import check_cells
import claims
import exercises

ROOT = os.environ.get("COURSE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
EXECUTED = os.environ.get("COURSE_EXECUTED_DIR") or os.path.join(ROOT, "build", "executed")
MARKER = "COURSE-LEFTOVERS:"
DEFAULT_CELL_TIMEOUT = 120
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Words a learner cannot place, and what to say instead.
WORDS = {"种子": "the source tutorial is 原教程 (a random seed: 题号 or seed)"}


class LateOutputClient(NotebookClient):
    """nbclient, but output that arrives for an earlier cell (a thread that printed after its cell ended, while a
    later cell runs) goes into that earlier cell, as the classic Notebook and JupyterLab show it. nbclient itself
    listens only to the cell that runs and drops the rest."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells_by_request = {}

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        self.cells_by_request[parent_msg_id] = (cell, cell_index)
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            parent = msg["parent_header"].get("msg_id")
            if parent == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    return
            elif parent in self.cells_by_request and msg["msg_type"] in LATE_TYPES:
                self.process_message(msg, *self.cells_by_request[parent])


LATE_TYPES = ("stream", "display_data", "update_display_data", "error")


def tidy_outputs(cell):
    """Joins consecutive pieces of the same stream (the kernel sends printf's pieces one by one) and
    drops empty results (a cell ending in printf(...) returns a PrintStream, shown as nothing)."""
    merged = []
    for o in cell.get("outputs", []):
        if o.output_type == "execute_result" and not o.get("data"):
            continue
        if merged and o.output_type == "stream" and merged[-1].output_type == "stream" and merged[-1].name == o.name:
            merged[-1].text += o.text
        else:
            merged.append(o)
    cell.outputs = merged


def output_text(out):
    """The text a reader sees in one output (HTML tags stripped, entities decoded)."""
    if out.output_type == "stream":
        return out.text
    if out.output_type == "error":
        return "\n".join([f"{out.ename}: {out.evalue}"] + [ANSI.sub("", line) for line in out.get("traceback", [])])
    data = out.get("data", {})
    parts = [data.get("text/plain", "")]
    if "text/html" in data:
        parts.append(html.unescape(re.sub(r"<[^>]+>", " ", data["text/html"])))
    if "text/markdown" in data:
        parts.append(data["text/markdown"])
    return "\n".join(parts)


def static_problems(nb):
    problems = []
    name = nb.metadata.get("kernelspec", {}).get("name")
    if name != "java":
        problems.append(f"kernelspec is {name!r}, must be 'java'")
    dirty = [i + 1 for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count"))]
    if dirty:
        problems.append(f"committed with outputs in cells {dirty}: clear all outputs before committing")
    if "expect" not in nb.metadata.get("course", {}):
        problems.append("metadata.course.expect is missing: declare what the notebook must show")
    for number, cell in enumerate(nb.cells, start=1):
        problems += [f"cell {number} says {w!r}: {why}" for w, why in WORDS.items() if w in cell.source]
    return problems


def lesson_of(path):
    """The lesson notebook a solution belongs to (same name one folder up), or None."""
    folder = os.path.dirname(os.path.abspath(path))
    lesson = os.path.join(os.path.dirname(folder), os.path.basename(path))
    if os.path.basename(folder) == "solutions" and os.path.isfile(lesson):
        return nbformat.read(lesson, as_version=4)
    return None


BASELINE = "course.kernel.Leftovers.baseline();"
REPORT = "course.kernel.Leftovers.report(5000);"


def prepared(path):
    """(the notebook, the copy to execute: outputs cleared, the leftover check's cells first and last, problems
    found without running it)."""
    nb = nbformat.read(path, as_version=4)
    run_nb = copy.deepcopy(nb)
    for c in run_nb.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    run_nb.cells = [nbformat.v4.new_code_cell(BASELINE)] + run_nb.cells + [nbformat.v4.new_code_cell(REPORT)]
    lesson = lesson_of(path)
    problems = static_problems(nb) + check_cells.static_problems(nb, path, lesson) + exercises.lesson_problems(nb)
    return nb, run_nb, problems + (exercises.sync_problems(nb, lesson) if lesson is not None else [])


def run(path):
    """Returns (problems, seconds)."""
    nb, run_nb, problems = prepared(path)
    course = nb.metadata.get("course", {})
    client = LateOutputClient(run_nb, kernel_name="java", allow_errors=True,
                              timeout=course.get("cell_timeout", DEFAULT_CELL_TIMEOUT), startup_timeout=60,
                              resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    t0 = time.monotonic()
    finished = False
    try:
        client.execute()
        finished = True
    except CellTimeoutError as e:
        problems.append(f"a cell ran longer than its time limit: {str(e).splitlines()[0]}")
    except DeadKernelError as e:
        problems.append(f"the kernel died: {e}")
    except Exception as e:  # kernel did not start, connection lost, ...
        problems.append(f"could not execute: {type(e).__name__}: {e}")
    seconds = time.monotonic() - t0
    problems += executed_problems(nb, run_nb, finished, lesson=lesson_of(path))
    write_executed(path, run_nb)
    return problems, seconds


def executed_problems(nb, run_nb, finished, lesson=None):
    """What is wrong with run_nb, the executed copy made by prepared(): errors, declared expectations and claims,
    verdicts, leftovers. finished: every cell ran (else only the errors are checked); lesson: nb is the reference
    solution of this lesson (its checks must pass; a lesson's, on untouched stubs, must pass nothing). A solution
    repeats its lesson's cells, so the lesson's claims about their outputs are checked on it too."""
    solution = lesson is not None
    expect = nb.metadata.get("course", {}).get("expect", {})
    claimed = lesson.metadata.get("course", {}).get("expect", {}) if solution else expect
    problems = []
    cells = run_nb.cells[1:-1]
    for cell in cells:
        if cell.cell_type == "code":
            tidy_outputs(cell)
    texts, images, by_cell = [], 0, []
    for number, cell in enumerate(cells, start=1):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        tagged = "raises-exception" in cell.metadata.get("tags", [])
        if errors and not tagged:
            e, first_line = errors[0], (cell.source.strip().splitlines() or [""])[0][:100]
            detail = e.evalue or " | ".join(ANSI.sub("", t).strip() for t in e.get("traceback", [])[:4])
            problems.append(f"cell {number} failed: {e.ename}: {detail}\n    code: {first_line}")
        if tagged and not errors and finished:
            problems.append(f"cell {number} is tagged raises-exception but raised nothing")
        shown = "\n".join(output_text(o) for o in cell.get("outputs", []))
        for t in cell.metadata.get("course", {}).get("shows", []) if finished else []:
            if t not in shown:
                problems.append(f"cell {number} declares that it shows {t!r}, but does not")
        texts.append(shown)
        by_cell.append((number, shown))
        images += sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
    every = "\n".join(texts)

    if finished:
        problems += check_cells.run_problems(cells)
        if images < expect.get("images", 0):
            problems.append(f"shows {images} images, declares at least {expect['images']}")
        for t in expect.get("text", []):
            if t not in every:
                problems.append(f"declared text not shown: {t!r}")
        for t in expect.get("forbid", []):
            if t in every:
                problems.append(f"forbidden text shown: {t!r}")
        problems += claims.problems(claimed, every)
        problems += exercises.verdict_problems(by_cell, solution)
        problems += [f"cell {n} shows {w!r}: {why}" for n, text in by_cell for w, why in WORDS.items() if w in text]
        report = "".join(output_text(o) for o in run_nb.cells[-1].get("outputs", []))
        found = re.search(re.escape(MARKER) + r" (.*)", report)
        if not found:
            problems.append("the leftover check did not run: " + report.strip()[:300])
        elif found.group(1).strip() != "none":
            problems.append("left running after the last cell: " + found.group(1).strip())
    return problems


def write_executed(path, run_nb, executed_dir=None):
    """Keeps the executed copy (without the leftover check's cells) under build/executed/ (or executed_dir)."""
    executed = copy.deepcopy(run_nb)
    executed.cells = run_nb.cells[1:-1]
    rel = os.path.relpath(os.path.abspath(path), NOTEBOOKS)
    target = os.path.join(executed_dir or EXECUTED, rel if not rel.startswith("..") else os.path.basename(path))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    nbformat.write(executed, target)


def use_jdk(major):
    """Makes the kernel 'java' of build/jupyter/jdk-MAJOR the one Jupyter finds first."""
    specs = os.path.join(ROOT, "build", "jupyter", f"jdk-{major}")
    if not os.path.isfile(os.path.join(specs, "kernels", "java", "kernel.json")):
        sys.exit(f"no kernel for Java {major} in {specs}: ./course test installs one per JDK it tests")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in [specs, os.environ.get("JUPYTER_PATH")] if p)


def main(args):
    if args[:1] == ["--jdk"] and len(args) > 1:
        use_jdk(args[1])
        args = args[2:]
    paths = args
    if not paths:
        print(__doc__)
        return 2
    failed = 0
    for p in paths:
        problems, seconds = run(p)
        name = os.path.relpath(p, ROOT) if os.path.abspath(p).startswith(ROOT) else p
        failed += not verdict(name, f"{seconds:.1f} s", problems)
    return 1 if failed else 0


def verdict(name, detail, problems):
    """Prints "PASS name (detail)" or "FAIL name (detail)" and the problems under it; returns whether it passed."""
    print(f"{'FAIL' if problems else 'PASS'} {name} ({detail})")
    for pr in problems:
        print("  - " + pr)
    sys.stdout.flush()
    return not problems


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
