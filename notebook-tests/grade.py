"""Grades a class: every student's notebooks run through the course's kernel and are checked by the
course's own check cells.

usage: grade.py SUBMISSIONS [--out DIR] [--jobs N] [--cell-timeout S] [--notebook-timeout S]

SUBMISSIONS holds one folder per student (the folder's name is the student), each with any of the
course's notebooks under their usual file names (04_线程的创建.ipynb; sub-folders are searched too).
For each handed-in notebook:
  - an empty file, broken JSON, a file that is not a notebook, or another lesson's notebook under
    this name gets a reason in the gradebook and is not run;
  - its check cells (metadata.course.check) get the course's own code, with the checker named in
    full (course.exercises.ExNN); a check cell the student deleted is put back; code that could
    forge a verdict (a name `course` hiding the library's package, the kernel's display classes,
    reflection) fails the notebook's exercises with a reason for the teacher to review;
  - it runs in a worker process (isolated.py): its own working directory and HOME, the lesson's
    per-cell time limit (the cell is interrupted and the next cells run), a per-notebook limit, and
    a new kernel without the cell that called System.exit;
  - an exercise passes only when its check cell's result carries a passing verdict as the MIME type
    application/vnd.course.verdict+json (check_cells.py), which printed text cannot imitate.
Up to --jobs notebooks (default: the number of cores) run at once. Writes into DIR (default
build/grades/): gradebook.csv, gradebook.html (gradebook.py) and DIR/<student>/<notebook>.ipynb,
each executed notebook. Exits 0 whatever the students handed in; 2 for a wrong command line; 130
after Ctrl+C (or SIGTERM), which ends every worker and kernel and writes the gradebook of the
notebooks graded so far.
"""
import argparse
import collections
import copy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import uuid
import warnings
from concurrent.futures import ThreadPoolExecutor

import nbformat

import check_cells
import gradebook
import isolated

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("COURSE_ROOT") or os.path.dirname(HERE)
NOTEBOOKS = os.path.join(ROOT, "notebooks")
DEFAULT_CELL_TIMEOUT = 120
DEFAULT_NOTEBOOK_TIMEOUT = 600
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# Code that could make a check cell show a verdict the checker did not give. Scanned with strings
# and comments removed, except the MIME type, which only a string can hold.
SUSPICIOUS = [
    (re.compile(r"(?<![\w.$])course(?![\w$])(?!\s*\.)"),
     "用了名字 course（类、变量或方法）：它会遮住课程库的包名 course，检查单元格可能因此调用不到真正的检查"),
    (re.compile(r"org\s*\.\s*rapaio|\bDisplayData\b"), "直接用了内核的显示类（org.rapaio… / DisplayData），可以伪造检查结果"),
    (re.compile(r"\bsetAccessible\b|\bprivateLookupIn\b|\bdefineClass\b|\bUnsafe\b|jdk\s*\.\s*internal"),
     "用了反射或类加载的底层接口，可以改动课程库的检查"),
]
FORGED_MIME = re.compile(re.escape(check_cells.VERDICT_MIME.split("+")[0]))
RUNNING = {}                  # marker -> worker process, while it runs
RUNNING_LOCK = threading.Lock()
STOPPING = threading.Event()  # Ctrl+C: no new worker starts
STRINGS_AND_COMMENTS = re.compile(r'"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|//[^\n]*|/\*[\s\S]*?\*/')


class Lesson:
    """One of the course's notebooks: its file, its check cells, and the cells that tell it apart."""

    def __init__(self, path):
        nb = nbformat.read(path, as_version=4)
        self.file = os.path.basename(path)
        self.name = self.file[:-len(".ipynb")]
        self.number = check_cells.lesson_number(path)
        self.checks = check_cells.checks(nb)
        self.cell_timeout = nb.metadata.get("course", {}).get("cell_timeout", DEFAULT_CELL_TIMEOUT)
        solution = os.path.join(os.path.dirname(path), "solutions", self.file)
        cells = nb.cells + (nbformat.read(solution, as_version=4).cells if os.path.isfile(solution) else [])
        self.signature = {normal(c.source) for c in cells if c.source.strip()}

    def resemblance(self, nb):
        """How many of NB's cells are cells of this lesson or of its solution."""
        return sum(1 for c in nb.cells if normal(c.source) in self.signature)


def normal(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def lessons():
    """The course's lessons; each one's signature keeps only the cells no other lesson has."""
    course = [Lesson(os.path.join(NOTEBOOKS, f)) for f in sorted(os.listdir(NOTEBOOKS))
              if check_cells.lesson_number(f) and f.endswith(".ipynb")]
    seen = collections.Counter(s for l in course for s in l.signature)
    for l in course:
        l.signature = {s for s in l.signature if seen[s] == 1}
    return course


def submissions(root, course):
    """([(student, lesson, path)], [ignored files]): the first file of each lesson in each student's folder."""
    by_file = {unicodedata.normalize("NFC", l.file): l for l in course}
    tasks, ignored = [], []
    for student in sorted(os.listdir(root)):
        folder = os.path.join(root, student)
        if not os.path.isdir(folder):
            ignored.append(student)
            continue
        found = {}
        for dirpath, dirnames, files in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for f in sorted(files):
                lesson = by_file.get(unicodedata.normalize("NFC", f))
                path = os.path.join(dirpath, f)
                if lesson is None or lesson.file in found:
                    if f.endswith(".ipynb"):
                        ignored.append(os.path.relpath(path, root))
                    continue
                found[lesson.file] = path
        tasks += [(student, l, found[l.file]) for l in course if l.file in found]
    return tasks, ignored


def read_notebook(path):
    """(notebook, None), or (None, why it cannot be graded)."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        return None, f"读不了这个文件：{e.strerror}"
    if not raw.strip():
        return None, f"文件是空的（{len(raw)} 字节）：可能没有保存就交了"
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text)
    except UnicodeDecodeError:
        return None, "文件不是 UTF-8 文本，不是 Jupyter 笔记本"
    except json.JSONDecodeError as e:
        return None, (f"不是有效的 JSON（第 {e.lineno} 行第 {e.colno} 列：{e.msg}）：文件没有保存完整或被改坏了，"
                      "请在 Jupyter 里重新打开、保存后再交")
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, "是 JSON 文件，但不是 Jupyter 笔记本（里面没有 cells）"
    if not data["cells"]:
        return None, "笔记本里没有任何单元格"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return nbformat.reads(text, as_version=4), None
    except Exception as e:
        return None, f"笔记本的格式有错，读不出来：{str(e).splitlines()[0][:200]}"


def wrong_lesson(nb, lesson, course):
    """Why NB is not LESSON's notebook, or None."""
    scores = {l.file: l.resemblance(nb) for l in course}
    best = max(course, key=lambda l: scores[l.file])
    if scores[best.file] == 0:
        return f"看不出这是第 {lesson.number} 节的笔记本：里面既没有这一节的说明文字，也没有它的检查单元格"
    if best is not lesson and scores[best.file] > 2 * scores[lesson.file]:
        return f"这是第 {best.number} 节（{best.name}）的笔记本，不是第 {lesson.number} 节的：可能交错了文件"
    return None


def first_line(source):
    line = next((l.strip() for l in source.splitlines() if l.strip()), "")
    return line if len(line) <= 40 else line[:40] + "…"


def suspicious(source):
    """What in SOURCE could forge a verdict (descriptions), or []."""
    code = STRINGS_AND_COMMENTS.sub(" ", source)
    found = [why for pattern, why in SUSPICIOUS if pattern.search(code)]
    if FORGED_MIME.search(source):
        found.append("代码里写了评分用的 MIME 类型 " + check_cells.VERDICT_MIME)
    return found


def prepare(nb, lesson):
    """(notebook to run, {cell index: exercise}, [the student's cell number of each cell or None], [flags])."""
    wanted = dict(lesson.checks)
    order = {key: n for n, (key, _) in enumerate(lesson.checks)}
    cells, flags = [], []   # cells: (cell, student's number or None, exercise or None)
    for n, c in enumerate(nb.cells, start=1):
        key = check_cells.check_key(c)
        if key in wanted:
            cells.append((nbformat.v4.new_code_cell(check_cells.qualified(wanted[key]), metadata=c.metadata), n, key))
            continue
        if c.cell_type == "code":
            flags += [f"第 {n} 个单元格（{first_line(c.source)}）{why}" for why in suspicious(c.source)]
        cells.append((c, n, None))
    for key, source in lesson.checks:
        if any(k == key for _, _, k in cells):
            continue
        later = [i for i, (_, _, k) in enumerate(cells) if k is not None and order[k] > order[key]]
        at = min(later) if later else len(cells)
        cell = nbformat.v4.new_code_cell(check_cells.qualified(source), metadata={"course": {"check": key}})
        cells.insert(at, (cell, None, key))
    run = copy.deepcopy(nb)
    run.cells = [c for c, _, _ in cells]
    for c in run.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    return run, {i: k for i, (_, _, k) in enumerate(cells) if k}, [n for _, n, _ in cells], flags


def error_text(cell):
    """A short description of the cell's error output, or None."""
    for o in cell.get("outputs", []):
        if o.get("output_type") != "error":
            continue
        lines = [ANSI.sub("", l).strip() for l in o.get("traceback", [])]
        lines = [l for l in lines if l and not l.startswith("|") and not l.startswith("at ")]
        if o.get("ename") == "CompilerException":
            detail = "；".join(dict.fromkeys(" ".join(l.split()) for l in lines if l != "Compile error:"))
            return f"编译错误：{detail}（练习要求的方法或变量没有定义，或者定义它的单元格出错了？）"
        if o.get("ename") == "EvaluationInterruptedException":
            return "被中断了"
        return (lines[0] if lines else f"{o.get('ename')}: {o.get('evalue')}").splitlines()[0][:200]
    return None


def cell_name(origin, run, i):
    if origin[i] is None:
        return "评分程序放回去的检查单元格"
    return f"第 {origin[i]} 个单元格（{first_line(run.cells[i].source)}）"


# What the course kernel's refusal of System.exit says (kernel/.../ExitGuard.java).
EXIT_REFUSED = "没有执行：在笔记本里它会结束整个内核"


def notes(events, run, origin, limits):
    """What went wrong in the run, once per notebook."""
    said = []
    for e in events:
        i = e["cell"]
        if e["kind"] == "timeout":
            said.append(f"{cell_name(origin, run, i)}超过 {limits[0]} 秒没有结束，被中断了")
        elif e["kind"] == "died":
            said.append(f"{cell_name(origin, run, i)}让内核退出了（例如调用了 System.exit），重启内核后跳过了它")
        elif e["kind"] == "deadline":
            at = f"，停在{cell_name(origin, run, i)}" if i is not None else ""
            said.append(f"整个笔记本超过了 {limits[1]} 秒的时限{at}")
        elif e["kind"] == "no-kernel":
            said.append(f"内核没有启动：{e['detail'][:200]}")
    for i, cell in enumerate(run.cells):
        if any(EXIT_REFUSED in str(o.get("evalue", "")) + "".join(o.get("traceback", []))
               for o in cell.get("outputs", []) if o.get("output_type") == "error"):
            said.append(f"{cell_name(origin, run, i)}调用了 System.exit（或 Runtime.exit/halt），内核拒绝执行，这个单元格没有运行完")
    return said


def why_no_verdict(i, run, events, limits):
    for e in events:
        if e["cell"] == i and e["kind"] in ("died", "timeout", "deadline"):
            return {"died": "检查时内核退出了（学生的代码调用了 System.exit？）",
                    "timeout": f"检查超过 {limits[0]} 秒没有结束，被中断了",
                    "deadline": "整个笔记本超时，检查没有运行完"}[e["kind"]]
        if e["kind"] in ("deadline", "no-kernel") and (e["cell"] is None or e["cell"] < i):
            return "检查没有运行（见后面的说明）"
    error = error_text(run.cells[i])
    return f"检查单元格出错：{error}" if error else "检查单元格没有给出检查结果"


def rows_of(student, lesson, run, checks_at, origin, events, flags, limits):
    said = notes(events, run, origin, limits)
    rows = []
    for key, _ in lesson.checks:
        at = [i for i, k in checks_at.items() if k == key]
        records = [r for i in at for r in check_cells.verdicts(run.cells[i])]
        passed = bool(records) and records[-1].get("passed") is True
        if records:
            reason = "" if passed else "没通过：" + "；".join(str(f) for f in records[-1].get("failed") or [])
        else:
            reason = why_no_verdict(at[-1], run, events, limits)
        if flags:
            reason = "需要老师复查，不算通过：" + "；".join(flags) + f"（检查本身{'通过了' if passed else '也没通过'}）"
            passed = False
        if not passed and said:
            reason += "。另外：" + "；".join(said)
        rows.append(gradebook.Row(student, lesson.name, key, passed, reason))
    return rows


def rejected(student, lesson, reason):
    return [gradebook.Row(student, lesson.name, key, False, reason) for key, _ in lesson.checks]


def grade_one(student, lesson, path, out, options):
    """The gradebook rows of one handed-in notebook and the seconds its run took (None when not run)."""
    nb, reason = read_notebook(path)
    reason = reason or wrong_lesson(nb, lesson, options.course)
    if reason:
        return rejected(student, lesson, reason), None
    run, checks_at, origin, flags = prepare(nb, lesson)
    limits = (int(options.cell_timeout or lesson.cell_timeout), options.notebook_timeout)
    target = os.path.join(out, student, lesson.file)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    work = tempfile.mkdtemp(prefix="course-grade-")
    marker = uuid.uuid4().hex
    try:
        task = {"notebook": os.path.join(work, "in.ipynb"), "executed": target,
                "result": os.path.join(work, "result.json"), "cell_timeout": limits[0],
                "notebook_timeout": limits[1], "marker": marker}
        nbformat.write(run, task["notebook"])
        with open(os.path.join(work, "task.json"), "w", encoding="utf-8") as f:
            json.dump(task, f)
        t0 = time.monotonic()
        with open(os.path.join(work, "worker.log"), "wb") as log, RUNNING_LOCK:
            if STOPPING.is_set():
                return rejected(student, lesson, "批改被中断了，这个笔记本没有运行"), None
            worker = subprocess.Popen([sys.executable, os.path.join(HERE, "isolated.py"), os.path.join(work, "task.json")],
                                      stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            RUNNING[marker] = worker
        try:
            worker.wait(timeout=limits[1] + 60 * isolated.MAX_STARTS)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        finally:
            with RUNNING_LOCK:
                RUNNING.pop(marker, None)
        seconds = time.monotonic() - t0
        if not os.path.exists(task["result"]):
            with open(os.path.join(work, "worker.log"), encoding="utf-8", errors="replace") as f:
                tail = " ".join(f.read().split()[-30:])
            return rejected(student, lesson, f"评分程序运行这个笔记本时出了错（{tail}）"), seconds
        with open(task["result"], encoding="utf-8") as f:
            events = json.load(f)["events"]
        executed = nbformat.read(target, as_version=4)
        return rows_of(student, lesson, executed, checks_at, origin, events, flags, limits), seconds
    finally:
        isolated.sweep(marker)
        shutil.rmtree(work, ignore_errors=True)


def stop_all():
    """Ctrl+C: ends every running worker and what its kernel started."""
    with RUNNING_LOCK:
        STOPPING.set()
        running = list(RUNNING.items())
    for marker, worker in running:
        try:
            os.killpg(worker.pid, signal.SIGKILL)
        except OSError:
            pass
        isolated.sweep(marker)


def interrupted(*_):
    raise KeyboardInterrupt


def main(argv):
    parser = argparse.ArgumentParser(prog="./course grade", description="批改全班的笔记本 / grade a class's notebooks")
    parser.add_argument("submissions", help="一个学生一个文件夹 / one folder per student")
    parser.add_argument("--out", default=os.path.join(ROOT, "build", "grades"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cell-timeout", type=int, default=None,
                        help="每个单元格的时限（秒），默认用课程里这一节的设定 / per-cell limit")
    parser.add_argument("--notebook-timeout", type=int, default=DEFAULT_NOTEBOOK_TIMEOUT)
    options = parser.parse_args(argv)
    if not os.path.isdir(options.submissions):
        parser.error(f"{options.submissions} 不是文件夹：请给出放学生作业的文件夹（里面一个学生一个文件夹）")
    if options.jobs < 1 or options.notebook_timeout <= 0 or (options.cell_timeout or 1) <= 0:
        parser.error("--jobs、--cell-timeout 和 --notebook-timeout 必须大于 0")
    try:
        isolated.KernelSpecManager().get_kernel_spec("java")
    except Exception:
        parser.error("找不到课程的内核 java：请用 ./course grade 运行（它先安装内核）/ the course's kernel 'java' is not installed")
    options.course = lessons()
    tasks, ignored = submissions(options.submissions, options.course)
    out = options.out
    os.makedirs(out, exist_ok=True)
    students = sorted({s for s, _, _ in tasks} | {d for d in os.listdir(options.submissions)
                                                  if os.path.isdir(os.path.join(options.submissions, d))})
    print(f"批改 {len(students)} 个学生交的 {len(tasks)} 个笔记本，同时运行 {options.jobs} 个", flush=True)
    for f in ignored:
        print(f"  不认识、不批改：{f}（文件名不是课程里的笔记本，或者同一节交了两份）", flush=True)
    results, lock, done, slowest = {}, threading.Lock(), [0], [0.0, ""]
    t0 = time.monotonic()

    def one(task):
        student, lesson, path = task
        try:
            rows, seconds = grade_one(student, lesson, path, out, options)
        except Exception as e:  # a bug of the grader must not lose the other students' grades
            rows, seconds = rejected(student, lesson, f"评分程序出错：{type(e).__name__}: {e}"), None
        with lock:
            if STOPPING.is_set():
                return
            results[(student, lesson.file)] = rows
            done[0] += 1
            if seconds is not None and seconds > slowest[0]:
                slowest[:] = [seconds, f"{student} {lesson.name}"]
            passed = sum(r.passed for r in rows)
            took = f"{seconds:.1f} s" if seconds is not None else "没有运行：" + rows[0].reason if rows else "没有练习"
            print(f"[{done[0]:>{len(str(len(tasks)))}}/{len(tasks)}] {student} {lesson.name}：{passed}/{len(rows)} 通过，"
                  f"{took}（最慢：{slowest[1] or '—'} {slowest[0]:.1f} s）", flush=True)

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    pool = ThreadPoolExecutor(max_workers=options.jobs)
    try:
        list(pool.map(one, tasks))
        stopped = False
    except KeyboardInterrupt:
        stop_all()
        stopped = True
    pool.shutdown(wait=True, cancel_futures=True)
    rows = [r for s, l, _ in tasks if (s, l.file) in results for r in results[(s, l.file)]]
    seconds = time.monotonic() - t0
    gradebook.write(out, rows, students, options.course, ignored, seconds, options.jobs)
    if stopped:
        print(f"批改被中断：{done[0]}/{len(tasks)} 个笔记本批改完了，成绩册里只有它们。", flush=True)
        return 130
    print(f"用时 {seconds:.0f} s。成绩：{os.path.join(out, 'gradebook.csv')}、{os.path.join(out, 'gradebook.html')}；"
          f"运行过的笔记本：{out}/<学生>/", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
