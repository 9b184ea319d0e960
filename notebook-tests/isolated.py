"""Runs one notebook through the course's kernel, isolated and under time limits; used by grade.py and
capacity.py, each run in its own worker process:

    isolated.py TASK.json      (TASK: notebook, executed, result, cell_timeout, notebook_timeout,
                                marker, jvm_options, measure)

The kernel gets its own temporary working directory and HOME (also as the JVM's user.home and
java.io.tmpdir), and the variable COURSE_RUN_MARKER=<marker>, which every process it starts inherits:
sweep(marker) finds and ends them all, and the measurement sums them. A cell that runs longer than
cell_timeout is interrupted and the next cells run; a cell that ends the kernel (System.exit) is
skipped: a new kernel runs the notebook again without it (at most MAX_STARTS kernels); at
notebook_timeout the kernel is killed. Nothing of this raises: what happened is returned as events.
"""
import copy
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

MAX_STARTS = 3
MARKER_VARIABLE = "COURSE_RUN_MARKER"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def marked_pids(*markers):
    """The processes whose environment carries one of MARKERS (Linux /proc; elsewhere none are found)."""
    needles = [f"{MARKER_VARIABLE}={m}\0".encode() for m in markers]
    pids = []
    for name in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if name.isdigit() and int(name) != os.getpid():
            try:
                with open(f"/proc/{name}/environ", "rb") as f:
                    environ = f.read()
                if any(n in environ for n in needles):
                    pids.append(int(name))
            except OSError:
                pass
    return pids


def sweep(marker):
    """Kills every process left from the run MARKER; returns how many there were."""
    pids = marked_pids(marker)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return len(pids)


def rss_bytes(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def cpu_seconds(pid):
    """User + system CPU of PID and of the children it has waited for."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


class Sampler(threading.Thread):
    """Every 100 ms: the summed resident memory of the processes of the runs MARKERS; keeps the peak."""

    def __init__(self, markers):
        super().__init__(daemon=True)
        self.markers, self.peak, self.most_processes = markers, 0, 0
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(0.1):
            pids = marked_pids(*self.markers)
            self.peak = max(self.peak, sum(rss_bytes(p) for p in pids))
            self.most_processes = max(self.most_processes, len(pids))


def kernel_spec_manager(folder, jvm_options):
    """A kernelspec folder holding the course's 'java' kernel with extra JVM options after its own
    (so that they win), just before the class path."""
    spec = KernelSpecManager().get_kernel_spec("java")
    at = spec.argv.index("-cp") if "-cp" in spec.argv else 1
    argv = spec.argv[:at] + list(jvm_options) + spec.argv[at:]
    target = os.path.join(folder, "kernels", "java")
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "kernel.json"), "w", encoding="utf-8") as f:
        json.dump({**spec.to_dict(), "argv": argv}, f, ensure_ascii=False)
    return KernelSpecManager(kernel_dirs=[os.path.join(folder, "kernels")])


def kernel_pid(km):
    process = getattr(km.provisioner, "process", None)
    return process.pid if process else None


def execute(nb, cell_timeout, notebook_timeout, marker, jvm_options=(), measure=False):
    """Runs NB's code cells in place; returns (events, measurement).

    events: [{"cell": index, "kind": "timeout" | "died" | "deadline" | "no-kernel", "detail": text}]
    measurement (when MEASURE): peak_bytes (all the run's processes together), kernel_peak_bytes
    (the kernel JVM's own high-water mark), cpu_seconds (kernel and the children it waited for),
    processes (most at once), seconds.
    """
    home = tempfile.mkdtemp(prefix="course-run-")
    work, user_home, tmp = (os.path.join(home, d) for d in ("work", "home", "tmp"))
    for d in (work, user_home, tmp):
        os.makedirs(d)
    jvm = [f"-Duser.home={user_home}", f"-Djava.io.tmpdir={tmp}"] + list(jvm_options)
    ksm = kernel_spec_manager(home, jvm)
    env = {**os.environ, "HOME": user_home, "TMPDIR": tmp, MARKER_VARIABLE: marker}
    deadline = time.monotonic() + notebook_timeout
    sampler = Sampler((marker,)) if measure else None
    if sampler:
        sampler.start()
    events, skip, measurement = [], set(), {}
    t0 = time.monotonic()
    died_outputs = {}
    try:
        for _ in range(MAX_STARTS):
            for c in nb.cells:
                if c.cell_type == "code":
                    c.outputs, c.execution_count = [], None
            died_at = run_once(nb, ksm, cell_timeout, deadline, work, env, skip, events, measurement if measure else None)
            if died_at is None:
                break
            died_outputs[died_at] = copy.deepcopy(nb.cells[died_at].outputs)
            skip.add(died_at)
    finally:
        if sampler:
            sampler.stopped.set()
            sampler.join()
            measurement.update(peak_bytes=sampler.peak, processes=sampler.most_processes)
        measurement["seconds"] = time.monotonic() - t0
        sweep(marker)
        shutil.rmtree(home, ignore_errors=True)
    for i, outputs in died_outputs.items():
        nb.cells[i].outputs = outputs
    return events, measurement


def run_once(nb, ksm, cell_timeout, deadline, work, env, skip, events, measurement):
    """One kernel: runs the cells not in SKIP; returns the index of a cell that ended the kernel, or None."""
    km = KernelManager(kernel_name="java", kernel_spec_manager=ksm)
    client = NotebookClient(nb, km=km, timeout=cell_timeout, interrupt_on_timeout=True, allow_errors=True,
                            startup_timeout=60, shutdown_kernel="immediate")
    past_deadline = threading.Event()

    def kill():
        past_deadline.set()
        pid = kernel_pid(km)
        if pid:
            try:
                os.killpg(os.getpgid(pid), signal.SIGKILL)
            except OSError:
                pass

    timer = threading.Timer(max(0.0, deadline - time.monotonic()), kill)
    try:
        with client.setup_kernel(cleanup_kc=True, cwd=work, env=env):
            timer.start()
            for i, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or i in skip:
                    continue
                started = time.monotonic()
                try:
                    client.execute_cell(cell, i)
                except (DeadKernelError, CellTimeoutError) as e:
                    if past_deadline.is_set():
                        events.append({"cell": i, "kind": "deadline", "detail": ""})
                        return None
                    events.append({"cell": i, "kind": "died", "detail": str(e)})
                    return i
                if time.monotonic() - started > cell_timeout:
                    events.append({"cell": i, "kind": "timeout", "detail": ""})
            if measurement is not None:
                pid = kernel_pid(km)
                measurement.update(kernel_peak_bytes=kernel_high_water(pid), cpu_seconds=cpu_seconds(pid))
    except Exception as e:  # the kernel did not start or its connection broke
        kind = "deadline" if past_deadline.is_set() else "no-kernel"
        events.append({"cell": None, "kind": kind, "detail": f"{type(e).__name__}: {e}"})
    finally:
        timer.cancel()
    return None


def kernel_high_water(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, TypeError):
        pass
    return 0


def main(task_path):
    with open(task_path, encoding="utf-8") as f:
        task = json.load(f)
    nb = nbformat.read(task["notebook"], as_version=4)
    events, measurement = execute(nb, task["cell_timeout"], task["notebook_timeout"], task["marker"],
                                  task.get("jvm_options", ()), task.get("measure", False))
    nbformat.write(nb, task["executed"])
    with open(task["result"], "w", encoding="utf-8") as f:
        json.dump({"events": events, "measurement": measurement}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
