"""Checks the installed 'java' kernel the way Jupyter uses it.

usage: kernel_check.py [--jdk MAJOR] starts N     start the kernel N times in a row; every start must answer
       kernel_check.py [--jdk MAJOR] interrupts   interrupt cells that wait and that spin; each must end as
                                                  interrupted, and the next cells must run as usual
--jdk MAJOR: the kernel ./course test installed for that JDK (as in run_notebook.py).

Prints what it measured and exits 1 when a check fails.
"""
import sys
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


def run_cell(kc, code, timeout, while_running=None):
    """Executes code; returns (reply status, text shown by this cell). while_running, if given, is called
    once, when the kernel reports the cell busy."""
    msg_id = kc.execute(code)
    shown = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t, c = msg["msg_type"], msg["content"]
        if t == "status" and c["execution_state"] == "busy" and while_running:
            while_running()
            while_running = None
        elif t == "stream":
            shown.append(c["text"])
        elif t in ("execute_result", "display_data"):
            shown.append(c["data"].get("text/plain", ""))
        elif t == "error":
            shown.append(c["ename"] + ": " + c["evalue"])
        elif t == "status" and c["execution_state"] == "idle":
            break
    reply = shell_reply(kc, msg_id, deadline)
    return reply["content"].get("status"), "".join(shown)


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
HANGING = {
    "waits": "Thread.sleep(600_000);",
    "spins": "long spins = 0;\nwhile (true) {\n    spins++;\n}",
    "swallows": "while (true) {\n    try {\n        Thread.sleep(600_000);\n    } catch (InterruptedException e) {\n"
                "        System.out.println(\"不理中断\");\n    }\n}",
}
ENDED, STOPPED, STILL_RUNS = "代码已经结束", "已被强行停止", "还在后台运行"
# How many of the kernel's cell threads are busy with a cell (1: only the one running this cell).
BUSY_CELL_THREADS = ('System.out.println(Thread.getAllStackTraces().keySet().stream()'
                     '.filter(t -> t.getName().startsWith("Engine-thread-") && t.getState() != Thread.State.TIMED_WAITING'
                     ' && t.getState() != Thread.State.WAITING).count());')


def interrupted(km, kc, code, timeout=30):
    """Runs code, interrupts it once it runs; returns (reply status, text shown by the cell)."""
    def interrupt():
        time.sleep(0.5)  # the cell's code is running now
        km.interrupt_kernel()
    return run_cell(kc, code, timeout, while_running=interrupt)


def interrupts():
    km, kc = started_kernel()
    ok = True
    try:
        kc.wait_for_ready(timeout=READY_SECONDS)
        _, feature = run_cell(kc, "System.out.println(Runtime.version().feature());", 30)
        can_stop = int(feature) < 20
        print(f"kernel JVM: Java {feature.strip()} ({'has' if can_stop else 'has no'} Thread.stop)", flush=True)
        for name, code in HANGING.items():
            t0 = time.monotonic()
            status, shown = interrupted(km, kc, code)
            after, answer = run_cell(kc, "System.out.println(6 * 7);", 30)
            _, busy = run_cell(kc, BUSY_CELL_THREADS, 30)
            if name == "waits":
                expected = ENDED in shown and STOPPED not in shown and STILL_RUNS not in shown and busy.strip() == "1"
            elif can_stop:
                expected = STOPPED in shown and busy.strip() == "1"
            else:
                expected = STILL_RUNS in shown
            good = expected and status == "error" and "interrupted" in shown and after == "ok" and answer.strip() == "42"
            ok &= good
            print(f"interrupt a cell that {name}: {'ok' if good else 'FAILED'} in {time.monotonic() - t0:.1f} s; "
                  f"the cell ended with {status}: {shown.strip()!r}; the next cell: {after} {answer.strip()!r}; "
                  f"cell threads busy: {busy.strip()} (1: only the one asking)", flush=True)
    except Exception as e:
        ok = False
        print(f"interrupts: the kernel did not answer ({type(e).__name__}: {e})", flush=True)
    finally:
        stop(km, kc)
    return ok


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--jdk"] and len(args) > 1:
        run_notebook.use_jdk(args[1])
        args = args[2:]
    if args == ["interrupts"]:
        sys.exit(0 if interrupts() else 1)
    if args[:1] == ["starts"]:
        sys.exit(0 if starts(int(args[1]) if len(args) > 1 else 50) else 1)
    sys.exit(__doc__)
