"""Sets the course up the way Binder (repo2docker) does, and runs a lesson with the kernel that set-up installed.

usage: binder_check.py WHEELHOUSE LESSON

As a user that is not root (`nobody` when this runs as root, through setpriv), with a fresh, empty HOME and
none of our Jupyter or Java variables: copy the repository (what git tracks or would track) into a folder of
that user, make a fresh venv from binder/requirements.txt (the packages come from a copy of WHEELHOUSE, which
./course test downloads from PyPI with the same file, so that this does not download them again; a copy, because
that user may not be able to read the folder of this repository), put it first on PATH as
Binder's environment is, run binder/postBuild, check that it installed the kernel 'java' into that HOME's Jupyter
data dir, then execute LESSON through run_notebook.py with the venv's nbclient and that kernel. Prints what it
did; exits 1 when a step failed. Removes everything it made.
"""
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.environ.get("COURSE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
USER = "nobody"


def tracked_files():
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                         capture_output=True, check=True).stdout
    return [f for f in out.decode().split("\0") if f and os.path.isfile(os.path.join(ROOT, f))]


def as_user(home, command, env=None, timeout=900):
    """Runs command as the Binder-like user, with an environment of only PATH, HOME, LANG (and env)."""
    path = os.pathsep.join([os.path.join(home, "venv", "bin"), "/usr/local/bin", "/usr/bin", "/bin"])
    clean = {"PATH": path, "HOME": home, "LANG": "C.UTF-8", "PYDEVD_DISABLE_FILE_VALIDATION": "1", **(env or {})}
    prefix = []
    if os.geteuid() == 0:
        prefix = ["setpriv", f"--reuid={USER}", f"--regid={pwd.getpwnam(USER).pw_gid}", "--clear-groups", "--"]
    t0 = time.monotonic()
    r = subprocess.run(prefix + ["env", "-i"] + [f"{k}={v}" for k, v in clean.items()] + command, cwd=home,
                       capture_output=True, text=True, timeout=timeout)
    return r.returncode, r.stdout + r.stderr, time.monotonic() - t0


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    wheelhouse, lesson = os.path.abspath(argv[0]), argv[1]
    work = tempfile.mkdtemp(prefix="course-binder-")
    try:
        os.chmod(work, 0o755)
        wheels = shutil.copytree(wheelhouse, os.path.join(work, "wheelhouse"))
        home, repo = os.path.join(work, "home"), os.path.join(work, "home", "course")
        for f in tracked_files():
            os.makedirs(os.path.dirname(os.path.join(repo, f)), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, f), os.path.join(repo, f))
        if os.geteuid() == 0:
            user = pwd.getpwnam(USER)
            for d, _, files in os.walk(home):
                os.chown(d, user.pw_uid, user.pw_gid)
                for f in files:
                    os.chown(os.path.join(d, f), user.pw_uid, user.pw_gid)
        who = USER if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        print(f"binder: user {who}, HOME {home} (fresh), repository copied ({len(tracked_files())} files)")

        steps = [
            ("a fresh venv from binder/requirements.txt",
             ["sh", "-c", f'{sys.executable} -m venv "$HOME/venv" && "$HOME/venv/bin/pip" install -q --disable-pip-version-check '
                          f'--no-compile --no-index --find-links "{wheels}" -r course/binder/requirements.txt'], {}),
            # Maven takes its home from the user's passwd entry (nobody's is /nonexistent), Binder's user has HOME there
            ("binder/postBuild", ["bash", "course/binder/postBuild"], {"MAVEN_OPTS": f"-Duser.home={home}"}),
        ]
        for what, command, env in steps:
            code, output, seconds = as_user(home, command, env)
            print(f"binder: {what}: exit {code} in {seconds:.0f} s")
            if code != 0:
                print(output[-4000:])
                return 1
        spec = os.path.join(home, ".local", "share", "jupyter", "kernels", "java", "kernel.json")
        if not os.path.isfile(spec) or repo not in open(spec, encoding="utf-8").read():
            print(f"binder: postBuild did not install the kernel 'java' of this copy into {spec}")
            return 1
        print(f"binder: kernel 'java' installed in {os.path.dirname(spec)}")
        code, output, seconds = as_user(home, ["python", "course/notebook-tests/run_notebook.py", f"course/{lesson}"],
                                        {"COURSE_ROOT": repo, "COURSE_EXECUTED_DIR": os.path.join(home, "executed")})
        verdict = [line for line in output.splitlines() if line.startswith(("PASS", "FAIL", "  - "))]
        print("binder: " + "\nbinder: ".join(verdict or [output[-3000:]]))
        return 0 if code == 0 and verdict and verdict[0].startswith("PASS") else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
