"""Checks the installed 'java' kernel the way Jupyter uses it.

usage: kernel_check.py [--jdk MAJOR] starts N   start the kernel N times in a row; every start must answer
       kernel_check.py [--jdk MAJOR] cells      in one kernel: late output lands in the cell it belongs to
                                                (a thread's, a reused pool's, the common pool's, while another
                                                cell runs and while the kernel is idle); System.exit and
                                                Runtime.exit/halt in a cell are refused and the kernel lives;
                                                interrupting cells that wait, spin or swallow the interrupt
                                                ends them and the next cells run; an exit the kernel cannot
                                                refuse (by reflection) still tells the running cell
       kernel_check.py [--jdk MAJOR] orphan     the kernel exits once the process that started it is killed
--jdk MAJOR: the kernel ./course test installed for that JDK (as in run_notebook.py).

Prints what it measured and exits 1 when a check fails.
"""
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

import run_notebook

READY_SECONDS = 60


def started_kernel():
    km = KernelManager(kernel_name="java")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    return km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


# Output that arrived for an earlier cell (msg_id → texts), while another cell ran or the kernel was idle.
LATE = {}


def text_of(msg):
    t, c = msg["msg_type"], msg["content"]
    if t == "stream":
        return c["text"]
    if t in ("execute_result", "display_data"):
        return c["data"].get("text/plain", "")
    if t == "error":
        return c["ename"] + ": " + c["evalue"]
    return ""


def keep_late(msg):
    if msg["msg_type"] in ("stream", "display_data", "error"):
        LATE.setdefault(msg["parent_header"].get("msg_id"), []).append(text_of(msg))


def idle_until(kc, arrived, limit):
    """Reads IOPub while no cell runs, keeping what arrives (late output), until arrived() or for limit seconds."""
    deadline = time.monotonic() + limit
    while not arrived() and time.monotonic() < deadline:
        try:
            keep_late(kc.get_iopub_msg(timeout=max(0.05, min(0.5, deadline - time.monotonic()))))
        except queue.Empty:
            pass


def run_cell(kc, code, timeout, once_shown=None):
    """Executes code; returns (reply status, text shown by this cell). once_shown, if given, is (text, action):
    action() is called once, when the cell has shown that text. Output for other cells that arrives meanwhile goes
    to LATE."""
    return run_cell_with_id(kc, code, timeout, once_shown)[:2]


def run_cell_with_id(kc, code, timeout, once_shown=None):
    """run_cell, and the cell's request id (the parent of its output) as a third value."""
    msg_id = kc.execute(code)
    shown = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            keep_late(msg)
            continue
        t, c = msg["msg_type"], msg["content"]
        if t in ("stream", "execute_result", "display_data", "error"):
            shown.append(text_of(msg))
            if once_shown and once_shown[0] in "".join(shown):
                once_shown[1]()
                once_shown = None
        elif t == "status" and c["execution_state"] == "idle":
            break
    reply = shell_reply(kc, msg_id, deadline)
    return reply["content"].get("status"), "".join(shown), msg_id


def shell_reply(kc, msg_id, deadline):
    """The shell reply to msg_id, skipping replies to earlier requests (wait_for_ready may send several)."""
    while True:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def starts(n):
    failed = 0
    times = []
    for i in range(n):
        t0 = time.monotonic()
        km, kc = started_kernel()
        try:
            kc.wait_for_ready(timeout=READY_SECONDS)
            status, shown = run_cell(kc, 'System.out.println(6 * 7);', 30)
            if status != "ok" or shown.strip() != "42":
                raise AssertionError(f"status {status}, output {shown!r}")
            times.append(time.monotonic() - t0)
        except Exception as e:  # a start that does not answer
            failed += 1
            print(f"start {i + 1}: no answer ({type(e).__name__}: {e})", flush=True)
        finally:
            stop(km, kc)
    times.sort()
    median = times[len(times) // 2] if times else float("nan")
    print(f"kernel starts: {n}, answered: {n - failed}, median start-to-first-answer {median:.2f} s")
    return failed == 0


# Cells a learner may need to interrupt: one waits (it answers the interrupt), one spins without ever
# looking at it, and one whose loop swallows the interrupt. The kernel stops the last two with
# Thread.stop() on Java 17-19; on 20+ (no Thread.stop) it says in the cell that the code still runs.
# Each of these is one snippet (a block) that says it has begun: the interrupt comes once the code runs.
# One more has two snippets: the interrupt comes once the first has printed, mostly while JShell compiles the
# second. It must not be lost: the second does not run (or, when it had started already, it is interrupted in
# its sleep). It comes before the two that may leave a thread running, so that only the asking thread is busy.
BEGUN = "开始了"
HANGING = {
    "waits": "{\n    System.out.println(\"开始了\");\n    Thread.sleep(600_000);\n}",
    "compiles its next snippet": 'System.out.println("开始了");\nThread.sleep(600_000);',
    "spins": "{\n    System.out.println(\"开始了\");\n    long spins = 0;\n    while (true) {\n        spins++;\n    }\n}",
    "swallows": "{\n    System.out.println(\"开始了\");\n    while (true) {\n        try {\n            Thread.sleep(600_000);\n"
                "        } catch (InterruptedException e) {\n            System.out.println(\"不理中断\");\n        }\n    }\n}",
}
ENDED, STOPPED, STILL_RUNS, NOT_RUN = "代码已经结束", "已被强行停止", "还在后台运行", "剩下的代码没有运行"
# How many of the kernel's cell threads are busy with a cell (1: only the one running this cell).
BUSY_CELL_THREADS = ('System.out.println(Thread.getAllStackTraces().keySet().stream()'
                     '.filter(t -> t.getName().startsWith("Engine-thread-") && t.getState() != Thread.State.TIMED_WAITING'
                     ' && t.getState() != Thread.State.WAITING).count());')


def interrupted(km, kc, code, timeout=30):
    """Runs code, interrupts it once it has begun; returns (reply status, text shown by the cell)."""
    return run_cell(kc, code, timeout, once_shown=(BEGUN, km.interrupt_kernel))


def interrupts(km, kc):
    _, feature = run_cell(kc, "System.out.println(Runtime.version().feature());", 30)
    can_stop = int(feature) < 20
    print(f"kernel JVM: Java {feature.strip()} ({'has' if can_stop else 'has no'} Thread.stop)", flush=True)
    ok = True
    for name, code in HANGING.items():
        t0 = time.monotonic()
        status, shown = interrupted(km, kc, code)
        after, answer = run_cell(kc, "System.out.println(6 * 7);", 30)
        _, busy = run_cell(kc, BUSY_CELL_THREADS, 30)
        if name == "compiles its next snippet":
            expected = (NOT_RUN in shown or ENDED in shown) and busy.strip() == "1"
        elif name == "waits":
            expected = ENDED in shown and STOPPED not in shown and STILL_RUNS not in shown and busy.strip() == "1"
        elif can_stop:
            expected = STOPPED in shown and busy.strip() == "1"
        else:
            expected = STILL_RUNS in shown
        good = expected and status == "error" and "interrupted" in shown and after == "ok" and answer.strip() == "42"
        ok &= check(good, f"interrupt a cell that {name}",
                    f"{time.monotonic() - t0:.1f} s; the cell ended with {status}: {shown.strip()!r}; the next cell: "
                    f"{after} {answer.strip()!r}; cell threads busy: {busy.strip()} (1: only the one asking)")
    return ok


def check(ok, what, detail=""):
    print(f"{what}: {'ok' if ok else 'FAILED'}{'; ' + detail if detail else ''}", flush=True)
    return ok


SLEEP = "try { Thread.sleep(%d); } catch (InterruptedException e) { }"


def late_output(kc):
    """Output printed after its cell ended lands in that cell: the parent header names that cell's request."""
    ok = True
    _, own, started = run_cell_with_id(kc, "CountDownLatch go = new CountDownLatch(1);\n"
                                           "Thread late = new Thread(() -> { try { go.await(); } catch (InterruptedException e) { }\n"
                                           "    System.out.println(\"晚到的一行\"); });\n"
                                           "late.start();\nSystem.out.println(\"单元格结束\");", 30)
    _, during, _ = run_cell_with_id(kc, "go.countDown();\nlate.join(10_000);\nSystem.out.println(\"下一个单元格\");", 30)
    ok &= check("晚到的一行" in "".join(LATE.get(started, [])) and "晚到的一行" not in own + during,
                "a thread's line printed while the next cell runs goes to the thread's cell",
                f"own {own.strip()!r}, next cell {during.strip()!r}, late {LATE.get(started)}")

    # the thread prints once a file exists; the file is made only after this client has the cell's reply and its
    # idle status, so the line is printed while no cell runs (waiting for Cells.running() == null was not enough:
    # the kernel clears it a moment before it sends the reply, and a line printed then still counts as the cell's own)
    with tempfile.TemporaryDirectory() as folder:
        signal_file = os.path.join(folder, "idle")
        _, _, idle_cell = run_cell_with_id(kc, "new Thread(() -> {\n    while (!java.nio.file.Files.exists(java.nio.file.Path.of("
                                               + json.dumps(signal_file) + "))) { " + SLEEP % 20
                                               + " }\n    System.out.println(\"空闲时的一行\");\n}).start();", 30)
        open(signal_file, "w").close()
        idle_until(kc, lambda: "空闲时的一行" in "".join(LATE.get(idle_cell, [])), 30)
    ok &= check("空闲时的一行" in "".join(LATE.get(idle_cell, [])),
                "a line printed while the kernel is idle goes to the thread's cell", f"late {LATE.get(idle_cell)}")

    run_cell(kc, "ExecutorService pool = Executors.newFixedThreadPool(1);\n"
                 "pool.submit(() -> System.out.println(\"第一个任务\")).get();", 30)
    _, reused, _ = run_cell_with_id(kc, "pool.submit(() -> System.out.println(\"第二个任务\")).get();\npool.shutdown();", 30)
    ok &= check("第二个任务" in reused, "a pool made in one cell and used in the next prints into the next",
                f"the next cell shows {reused.strip()!r}")

    run_cell(kc, "CompletableFuture.runAsync(() -> { }).join();", 30)  # the common pool's threads are made in this cell
    _, parallel, _ = run_cell_with_id(kc, "List.of(1, 2, 3, 4).parallelStream().forEach(i -> System.out.println(\"并行 \" + i));", 30)
    ok &= check(all(f"并行 {i}" in parallel for i in range(1, 5)),
                "a parallel stream prints into the cell that runs it, whichever cell made the common pool's threads",
                f"{parallel.strip()!r}")
    return ok


# Each refused exit: the cell ends with a SecurityException that says in Chinese why, and the kernel lives.
EXITS = ["System.exit(0);", "Runtime.getRuntime().exit(1);", "Runtime.getRuntime().halt(2);",
         "IntConsumer quit = System::exit;\nquit.accept(3);",
         "Thread t = new Thread(() -> System.exit(4));\nt.start();\nt.join();\nSystem.out.println(\"线程里的 exit 也被拦下\");"]
REFUSED = "没有执行"


def exits(kc):
    ok = True
    for code in EXITS:
        status, shown = run_cell(kc, code, 30)
        after, answer = run_cell(kc, "System.out.println(6 * 7);", 30)
        refused = REFUSED in shown and (status == "error" or "线程里的 exit 也被拦下" in shown)
        ok &= check(refused and after == "ok" and answer.strip() == "42", f"{code.splitlines()[0]!r} in a cell",
                    f"{status}: {shown.strip()[:160]!r}; next cell {after} {answer.strip()!r}")
    return ok


LAST_WORDS = "内核正在退出"


def unrefused_exit(km, kc):
    """An exit the kernel cannot rewrite (reflection) ends it, but the running cell is told first."""
    msg_id = kc.execute('System.class.getMethod("exit", int.class).invoke(null, 0);')
    said, deadline = [], time.monotonic() + 30
    while time.monotonic() < deadline and km.is_alive():
        try:
            msg = kc.get_iopub_msg(timeout=0.5)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            said.append(text_of(msg))
    return check(LAST_WORDS in "".join(said) and not km.is_alive(),
                 "System.exit by reflection ends the kernel, with its last words in the cell", f"{''.join(said).strip()[:160]!r}")


def cells():
    km, kc = started_kernel()
    ok = True
    try:
        kc.wait_for_ready(timeout=READY_SECONDS)
        ok &= late_output(kc)
        ok &= exits(kc)
        ok &= interrupts(km, kc)
        ok &= unrefused_exit(km, kc)
    except Exception as e:
        ok = check(False, "the kernel did not answer", f"{type(e).__name__}: {e}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return ok


# Started by orphan() as a process of its own: starts a kernel, prints the kernel's pid, waits to be killed.
LAUNCHER = """
import sys, time
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name="java")
km.start_kernel()
km.client().wait_for_ready(timeout=60)
print("KERNEL-PID", km.provisioner.process.pid, flush=True)
time.sleep(600)
"""


def orphan():
    """Kills (SIGKILL) the process that started a kernel; the kernel must exit by itself."""
    launcher = subprocess.Popen([sys.executable, "-c", LAUNCHER], stdout=subprocess.PIPE, text=True)
    kernel = None
    try:
        kernel = next(int(line.split()[1]) for line in launcher.stdout if line.startswith("KERNEL-PID"))
        launcher.kill()
        launcher.wait()
        t0 = time.monotonic()
        while time.monotonic() - t0 < 30 and alive(kernel):
            time.sleep(0.2)
        gone = not alive(kernel)
        return check(gone, "the kernel exits when the Jupyter process that started it is killed",
                     f"{'gone' if gone else 'still running'} after {time.monotonic() - t0:.1f} s")
    finally:
        launcher.kill()
        if kernel and alive(kernel):
            os.kill(kernel, signal.SIGKILL)


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:  # a zombie has ended; its parent (gone) will not reap it
        return f.read().split(") ")[-1][0] != "Z"


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--jdk"] and len(args) > 1:
        run_notebook.use_jdk(args[1])
        args = args[2:]
    if args == ["cells"]:
        sys.exit(0 if cells() else 1)
    if args == ["orphan"]:
        sys.exit(0 if orphan() else 1)
    if args[:1] == ["starts"]:
        sys.exit(0 if starts(int(args[1]) if len(args) > 1 else 50) else 1)
    sys.exit(__doc__)
