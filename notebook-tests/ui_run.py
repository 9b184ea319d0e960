"""Runs notebooks (lessons or solutions) in a real Jupyter front end in headless Chromium and checks them like
run_notebook.py.

usage: ui_run.py FRONTEND --jdk MAJOR CHROMIUM NOTEBOOK...

FRONTEND  classic: Debian's classic Notebook (this Python's `notebook` package, 6.x);
          lab: JupyterLab 4 from build/venv (made by ./course test from binder/requirements.txt), which serves
          Notebook 7 too: the Binder badge's link of the first notebook (lab/tree/…) and its Notebook 7 form
          (tree/…) must open that notebook.
--jdk     the kernel 'java' of that JDK (build/jupyter/jdk-MAJOR), as in run_notebook.py.

Each notebook is copied (outputs cleared, the leftover check's cells first and last, as run_notebook.py does)
into build/ui/FRONTEND/, a Jupyter server is started there on a free port of 127.0.0.1 with a random token, and
ui_check.mjs opens each copy, restarts the kernel and runs all cells through the menu, checks images and fonts,
keeps screenshots in notebook-tests/target/screenshots/ui/ and hands back the notebook as the front end holds it.
Then the checks of run_notebook.py apply to it (errors, declared expectations, leftovers): this run counts as a
run of the notebook on that JDK. The executed copies go to $COURSE_EXECUTED_DIR (default build/executed/). Prints
one line per notebook; exits 1 if any failed. The server and its kernels are stopped at the end.
"""
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat

import binder_badge
import run_notebook
import site_check

ROOT = run_notebook.ROOT
VENV = os.path.join(ROOT, "build", "venv")
LIMIT_SECONDS = 300  # per notebook, from opening it to the last cell's end


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_command(frontend, port, token, root, settings):
    common = [f"--port={port}", "--ip=127.0.0.1", "--no-browser"] + (["--allow-root"] if os.geteuid() == 0 else [])
    if frontend == "classic":
        return [sys.executable, "-m", "notebook", f"--notebook-dir={root}", f"--NotebookApp.token={token}"] + common
    return [os.path.join(VENV, "bin", "jupyter"), "lab", f"--ServerApp.root_dir={root}", f"--ServerApp.token={token}",
            "--LabApp.expose_app_in_browser=True", f"--LabServerApp.user_settings_dir={settings}",
            f"--LabServerApp.workspaces_dir={os.path.join(settings, 'workspaces')}", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"] + common


# JupyterLab: render every cell (not only those in view), no news or update checks (no network here).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


def started_server(frontend, root, log):
    port, token = free_port(), secrets.token_hex(16)
    settings = os.path.join(os.path.dirname(root), "settings")
    for name, value in LAB_SETTINGS.items():
        os.makedirs(os.path.dirname(os.path.join(settings, name)), exist_ok=True)
        with open(os.path.join(settings, name), "w") as f:
            json.dump(value, f)
    server = subprocess.Popen(server_command(frontend, port, token, root, settings), stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            return server, base, token
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    stop(server)
    raise RuntimeError(f"the {frontend} server did not start (see {log.name})")


def stop(server):
    """Stops the server (it shuts down its kernels), then whatever of its process group is left."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        server.send_signal(signal.SIGINT)  # the classic Notebook asks for a second ^C
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main(argv):
    if len(argv) < 5 or argv[1] != "--jdk" or argv[0] not in ("classic", "lab"):
        print(__doc__)
        return 2
    frontend, jdk, chromium, paths = argv[0], argv[2], argv[3], argv[4:]
    run_notebook.use_jdk(jdk)
    work = os.path.join(ROOT, "build", "ui", frontend)
    shutil.rmtree(work, ignore_errors=True)
    root, returned = os.path.join(work, "root"), os.path.join(work, "returned")
    shots = os.path.join(ROOT, "notebook-tests", "target", "screenshots", "ui")
    os.makedirs(shots, exist_ok=True)
    for old in os.listdir(shots):
        if old.startswith(frontend + "-") or (frontend == "lab" and old.startswith("link-")):
            os.remove(os.path.join(shots, old))

    runs, failed = {}, 0
    for p in paths:
        nb, run_nb, problems = run_notebook.prepared(p)
        rel = os.path.relpath(os.path.abspath(p), ROOT)
        os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
        nbformat.write(run_nb, os.path.join(root, rel))
        runs[rel] = (p, nb, problems)
    links = []
    if frontend == "lab":  # the badge's link (lab/tree/…) and its Notebook 7 form (tree/…) of the first notebook
        first = next(iter(runs))
        lab_path = binder_badge.link("o", "r", "HEAD", first).split("urlpath=")[1]
        lab_path = urllib.request.unquote(lab_path)
        links = [{"url": "/" + lab_path, "notebook": first, "frontend": "lab"},
                 {"url": "/" + lab_path.replace("lab/tree/", "tree/", 1), "notebook": first, "frontend": "notebook7"}]

    with open(os.path.join(work, "server.log"), "w") as log:
        server, base, token = started_server(frontend, root, log)
        try:
            job = {"frontend": frontend, "base": base, "token": token, "chromium": chromium, "shots": shots,
                   "out": returned, "cjk": sorted(site_check.installed_cjk_families()), "limit": LIMIT_SECONDS,
                   "notebooks": list(runs), "links": links}
            with open(os.path.join(work, "job.json"), "w") as f:
                json.dump(job, f)
            t0 = time.monotonic()
            browser = subprocess.Popen(["node", os.path.join(ROOT, "notebook-tests", "ui_check.mjs"),
                                        os.path.join(work, "job.json")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       text=True)
            said = []
            for line in browser.stdout:  # as it comes: a long run shows its progress
                print(line, end="", flush=True)
                said.append(line.rstrip("\n"))
            browser.wait()
            print(f"{frontend}: {len(runs)} notebooks in {time.monotonic() - t0:.0f} s (Java {jdk})")
        finally:
            stop(server)

    seen = [line[5:] for line in said if line.startswith("FAIL ")]
    general = [line for line in seen if not any(line.startswith(f"{frontend} {rel}: ") for rel in runs)]
    for rel, (p, nb, problems) in runs.items():
        problems += [line[len(f"{frontend} {rel}: "):] for line in seen if line.startswith(f"{frontend} {rel}: ")]
        back = os.path.join(returned, rel)
        if not os.path.isfile(back):
            problems.append(f"the {frontend} front end did not run it (see above)")
        else:
            executed = nbformat.reads(open(back, encoding="utf-8").read(), as_version=4)
            problems += run_notebook.executed_problems(nb, executed, finished=True, lesson=run_notebook.lesson_of(p))
            run_notebook.write_executed(p, executed)
        failed += not run_notebook.verdict(rel, f"{frontend}, Java {jdk}", problems)
    for line in general:
        print("FAIL " + line)
    return 1 if failed or general or (browser.returncode != 0 and not seen) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
