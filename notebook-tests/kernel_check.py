"""Checks the installed 'java' kernel the way Jupyter uses it.

usage: kernel_check.py starts N     start the kernel N times in a row; every start must answer

Prints what it measured and exits 1 when a check fails.
"""
import sys
import time

from jupyter_client.manager import KernelManager

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


def run_cell(kc, code, timeout):
    """Executes code; returns (reply status, text shown by this cell)."""
    msg_id = kc.execute(code)
    shown = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t, c = msg["msg_type"], msg["content"]
        if t == "stream":
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


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "starts":
        sys.exit(0 if starts(int(sys.argv[2]) if len(sys.argv) > 2 else 50) else 1)
    sys.exit(__doc__)
