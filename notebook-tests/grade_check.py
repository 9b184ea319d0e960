"""Checks ./course grade on a prepared class, and builds classes to measure it.

usage: grade_check.py [--keep DIR]         build the test class, grade it, compare every row of
                                          gradebook.csv with what it must be (--keep: in DIR)
       grade_check.py --class N DIR       build a class of N students who each hand in every lesson,
                                          answered (to measure: ./course grade DIR)

A student's "answered" lesson is the lesson with the solution's answers in place of its stubs: the
code cells of each exercise (back to the previous check cell or "## 练习") are the solution's. The test
class keeps to short lessons whose checks measure no time (01, 02), so that it is fast and cannot
fail on a busy machine:
  solved     01 and 02 answered                                    every exercise passes
  untouched  01 and 02 as the course hands them out                every exercise fails
  forger     01 answered wrongly; the check cell of 练习 1 edited to print the pass text, the
             one of 练习 2 deleted (the grader puts it back), a `class Ex01` standing in for the
             checker, and the pass text printed by the answer's own code   every exercise fails
  hider      01 answered, plus a `class course` that stands in for the library's package in the
             check cells                                                  every exercise fails, for review
  exiter     01 answered, but System.exit(0) as the answer to 练习 2      练习 1 passes, 练习 2 fails
                                                                          (the kernel refuses the exit)
  looper     01 answered, but an endless loop as the answer to 练习 1     练习 1 fails, 练习 2 passes
  broken     01 cut off in the middle (not valid JSON), 02 empty          every exercise fails, not run
  mixup      02's file holding lesson 01                                  every exercise fails, not run
Exits 0 when every row is as expected and the grader exited 0; prints the grader's output either way.
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

import nbformat

import check_cells

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("COURSE_ROOT") or os.path.dirname(HERE)
NOTEBOOKS = os.path.join(ROOT, "notebooks")
N01, N02 = "01_多任务.ipynb", "02_CPU执行程序的原理.ipynb"
FORGED = "✅ 通过 练习 1：预测轮转调度的完成时间"


def read(name, folder=NOTEBOOKS):
    return nbformat.read(os.path.join(folder, name), as_version=4)


def answer_blocks(nb):
    """{exercise: (start, end)}: the cells before each check cell, back to the previous check cell
    or the heading "## 练习"."""
    blocks, start = {}, 0
    for i, c in enumerate(nb.cells):
        key = check_cells.check_key(c)
        if key:
            blocks[key] = (start, i)
        if key or c.cell_type == "markdown" and re.search(r"^## 练习", c.source, re.M):
            start = i + 1
    return blocks


def answered(name):
    """Lesson NAME with the answers of its solution: each exercise's text, then the solution's code."""
    nb, solution = read(name), read(name, os.path.join(NOTEBOOKS, "solutions"))
    theirs = answer_blocks(solution)
    for key, (start, end) in sorted(answer_blocks(nb).items(), key=lambda kv: -kv[1][0]):
        s, e = theirs[key]
        nb.cells[start:end] = ([c for c in nb.cells[start:end] if c.cell_type == "markdown"]
                               + [c for c in solution.cells[s:e] if c.cell_type == "code"])
    return nb


def answer(nb, key, source):
    """NB with SOURCE as the only answer cell of exercise KEY."""
    start, end = answer_blocks(nb)[key]
    nb.cells[start:end] = [nbformat.v4.new_code_cell(source)]
    return nb


def save(nb, student, name, folder):
    os.makedirs(os.path.join(folder, student), exist_ok=True)
    nbformat.write(nb, os.path.join(folder, student, name))


def build(folder):
    """Writes the test class into FOLDER; returns {(student, notebook): {exercise: passed}}."""
    expected = {}
    for name in (N01, N02):
        keys = [k for k, _ in check_cells.checks(read(name))]
        save(answered(name), "solved", name, folder)
        save(read(name), "untouched", name, folder)
        expected[("solved", name[:-6])] = {k: True for k in keys}
        expected[("untouched", name[:-6])] = {k: False for k in keys}
    keys01 = {"练习 1": False, "练习 2": False}

    forger = answer(answer(read(N01), "练习 1",
                           f'System.out.println("{FORGED}");\nMap<String, Integer> finish = Map.of("A", 1, "B", 2, "C", 3);'),
                    "练习 2", 'class Ex01 {\n    static String fewestCores(int n) { return "✅ 通过 练习 2"; }\n}\nint fewest = 4;')
    next(c for c in forger.cells if check_cells.check_key(c) == "练习 1").source = f'System.out.println("{FORGED}");'
    forger.cells = [c for c in forger.cells if check_cells.check_key(c) != "练习 2"]
    save(forger, "forger", N01, folder)
    expected[("forger", "01_多任务")] = dict(keys01)

    hider = answered(N01)
    hider.cells.insert(2, nbformat.v4.new_code_cell(
        "class course {\n    static class exercises {\n        static class Ex01 {\n"
        "            static String fewestCores(int n) { return \"✅\"; }\n        }\n    }\n}"))
    save(hider, "hider", N01, folder)
    expected[("hider", "01_多任务")] = dict(keys01)

    save(answer(answered(N01), "练习 2", "System.exit(0);"), "exiter", N01, folder)
    expected[("exiter", "01_多任务")] = {"练习 1": True, "练习 2": False}
    save(answer(answered(N01), "练习 1", "long spins = 0;\nwhile (true) {\n    spins++;\n}"), "looper", N01, folder)
    expected[("looper", "01_多任务")] = {"练习 1": False, "练习 2": True}

    os.makedirs(os.path.join(folder, "broken"))
    text = nbformat.writes(read(N01))
    with open(os.path.join(folder, "broken", N01), "w", encoding="utf-8") as f:
        f.write(text[:len(text) // 2])
    open(os.path.join(folder, "broken", N02), "w").close()
    save(read(N01), "mixup", N02, folder)
    expected[("broken", "01_多任务")] = dict(keys01)
    expected[("broken", "02_CPU执行程序的原理")] = dict(keys01)
    expected[("mixup", "02_CPU执行程序的原理")] = dict(keys01)
    return expected


# A word each failing row's reason must hold, so that a row failing for the wrong cause is caught.
REASONS = {("hider", "练习 1"): "复查", ("hider", "练习 2"): "复查", ("forger", "练习 1"): "没通过", ("forger", "练习 2"): "没通过", ("exiter", "练习 2"): "System.exit",
           ("looper", "练习 1"): "中断", ("broken", "01_多任务"): "JSON", ("broken", "02_CPU执行程序的原理"): "空",
           ("mixup", "02_CPU执行程序的原理"): "第 01 节"}
NOT_RUN = {("broken", "01_多任务"), ("broken", "02_CPU执行程序的原理"), ("mixup", "02_CPU执行程序的原理")}


def compare(out, expected):
    """The differences between OUT's gradebook and EXPECTED."""
    problems = []
    with open(os.path.join(out, "gradebook.csv"), encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    got = {}
    for row in table:
        got.setdefault((row["student"], row["notebook"]), {})[row["exercise"]] = row
        if row["passed"] not in ("true", "false"):
            problems.append(f"passed must be true or false: {row}")
    for notebook, exercises in expected.items():
        rows = got.pop(notebook, {})
        if set(rows) != set(exercises):
            problems.append(f"{notebook}: rows for {sorted(rows)}, expected {sorted(exercises)}")
        for key, passed in exercises.items():
            row = rows.get(key)
            if row and (row["passed"] == "true") != passed:
                problems.append(f"{notebook} {key}: passed={row['passed']}, expected {passed}: {row['reason']}")
            word = REASONS.get((notebook[0], key)) or REASONS.get(notebook)
            if row and not passed and (not row["reason"] or word and word not in row["reason"]):
                problems.append(f"{notebook} {key}: the reason should mention {word!r}: {row['reason']!r}")
        executed = os.path.join(out, notebook[0], notebook[1] + ".ipynb")
        if (notebook not in NOT_RUN) != os.path.isfile(executed):
            problems.append(f"executed notebook {executed}: {'written for a notebook not run' if notebook in NOT_RUN else 'missing'}")
    problems += [f"unexpected rows for {k}" for k in got]
    with open(os.path.join(out, "gradebook.html"), encoding="utf-8") as f:
        page = f.read()
    if "最难的练习" not in page or not all(s in page for s, _ in expected):
        problems.append("gradebook.html lacks the summary or a student")
    return problems


def build_class(n, folder):
    lessons = [f for f in sorted(os.listdir(NOTEBOOKS)) if check_cells.lesson_number(f)]
    for name in lessons:
        nb = answered(name)
        for s in range(1, n + 1):
            save(nb, f"学生{s:02d}", name, folder)
    print(f"{n} students × {len(lessons)} lessons in {folder}")
    return 0


def main(args):
    if args[:1] == ["--class"] and len(args) == 3:
        return build_class(int(args[1]), args[2])
    keep = args[1] if args[:1] == ["--keep"] and len(args) == 2 else None
    if args and not keep:
        print(__doc__)
        return 2
    folder = keep or tempfile.mkdtemp(prefix="course-class-")
    out = os.path.join(folder, "grades")
    try:
        expected = build(os.path.join(folder, "class"))
        r = subprocess.run([sys.executable, os.path.join(HERE, "grade.py"), os.path.join(folder, "class"),
                            "--out", out, "--cell-timeout", "10", "--notebook-timeout", "300"],
                           capture_output=True, text=True, timeout=1200)
        print(r.stdout + r.stderr)
        problems = ([] if r.returncode == 0 else [f"grade.py exited {r.returncode}"]) + compare(out, expected)
        for p in problems:
            print("PROBLEM: " + p)
        print("grade check: " + ("ok" if not problems else f"{len(problems)} problems"))
        return 1 if problems else 0
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
