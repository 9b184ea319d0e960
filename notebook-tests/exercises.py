"""The exercises of a lesson: which cells the learner writes, what their checks may show, and the
reference solution that repeats the lesson with those cells answered.

usage: exercises.py sync SOLUTION.ipynb [...]
    rewrites each solution (notebooks/solutions/NN_x.ipynb) from its lesson (notebooks/NN_x.ipynb): every cell
    is the lesson's, except the exercise cells, which keep the solution's answers (the k-th exercise cell of
    an exercise in the lesson gets the k-th of the same exercise in the solution). The solution's notebook
    metadata (its own expect) is kept. Run it after changing a lesson.

An exercise cell is a cell the learner edits to answer an exercise (code, or markdown for a written answer):
its metadata.course.exercise names the exercise ("练习 1", as the check cell's metadata.course.check does; one
exercise cell may answer several checks: "爬虫" answers "爬虫 1" … "爬虫 4"). Rules, checked by run_notebook.py:
  - every check cell has an exercise cell of its exercise before it;
  - a solution has its lesson's cells, in order, differing only in the sources of exercise cells;
  - in a lesson (whose exercise cells are untouched stubs), no cell shows a passed verdict, a ✔ line or an
    expected value (期望): an untouched stub passes nothing and nothing gives an answer away;
  - in a solution, every verdict shown is ✅ 通过.
"""
import os
import re
import sys

import nbformat

import check_cells

VERDICT = re.compile(r"^(✅ 通过|❌ 没通过) ", re.M)


def exercise_key(cell):
    """The exercise an exercise cell answers ('练习 1'), or None."""
    course = cell.get("metadata", {}).get("course")
    key = course.get("exercise") if isinstance(course, dict) else None
    return key if isinstance(key, str) and key.strip() else None


def lesson_problems(nb):
    """Exercises whose check cell has no exercise cell before it."""
    seen, problems = set(), []
    for cell in nb.cells:
        if exercise_key(cell):
            seen.add(exercise_key(cell))
        key = check_cells.check_key(cell)
        if key and not any(key == k or key.startswith(k + " ") for k in seen):
            problems.append(f"check cell {key!r} has no exercise cell before it: mark the cells the learner edits "
                            f"with metadata.course.exercise = {key!r}")
    return problems


def sync_problems(solution, lesson):
    """How SOLUTION differs from LESSON beyond the sources of exercise cells."""
    fix = "; run `python3 notebook-tests/exercises.py sync` on the solution to copy the lesson's cells"
    if len(solution.cells) != len(lesson.cells):
        return [f"the solution has {len(solution.cells)} cells, its lesson {len(lesson.cells)}: a solution is its "
                f"lesson with the exercises answered{fix}"]
    differ = []
    for number, (s, l) in enumerate(zip(solution.cells, lesson.cells), start=1):
        if s.cell_type != l.cell_type or exercise_key(s) != exercise_key(l):
            differ.append(f"{number} ({l.cell_type} {exercise_key(l) or ''} in the lesson, "
                          f"{s.cell_type} {exercise_key(s) or ''} in the solution)".replace("  ", " "))
        elif not exercise_key(l) and (s.source != l.source or s.get("metadata", {}) != l.get("metadata", {})):
            differ.append(str(number))
    if differ:
        return [f"the solution differs from its lesson outside the exercise cells, in cells {', '.join(differ[:8])}"
                f"{' …' if len(differ) > 8 else ''}{fix}"]
    return []


def verdict_problems(texts, solution):
    """TEXTS: [(cell number, text of the cell's outputs)]. In a lesson no verdict passes, no check shows ✔ or
    期望; in a solution every verdict passes."""
    problems = []
    for number, text in texts:
        shown = VERDICT.findall(text)
        if not shown:
            continue
        if solution and any(v != "✅ 通过" for v in shown):
            problems.append(f"cell {number}: the reference solution does not pass its check: "
                            + text.strip().splitlines()[0][:120])
        if not solution:
            bad = [what for what, found in (("✅ 通过", "✅ 通过" in shown), ("a ✔ line", "✔" in text),
                                            ("an expected value (期望)", "期望" in text)) if found]
            if bad:
                problems.append(f"cell {number}: the check of an untouched stub shows {' and '.join(bad)}: "
                                "a stub must pass nothing, and no check may give the answer away")
    return problems


def synced(solution, lesson):
    """LESSON's cells with SOLUTION's exercise cells in place of the lesson's (matched per exercise, in order)."""
    answers = {}
    for cell in solution.cells:
        if exercise_key(cell):
            answers.setdefault(exercise_key(cell), []).append(cell)
    used, cells = {}, []
    for cell in lesson.cells:
        key = exercise_key(cell)
        if key:
            k = used.get(key, 0)
            used[key] = k + 1
            if k >= len(answers.get(key, [])):
                raise SystemExit(f"the solution has no answer for the {k + 1}. exercise cell of {key!r}")
            cells.append(answers[key][k])
        else:
            cells.append(cell)
    out = nbformat.from_dict(dict(solution))
    out.cells = cells
    return out


def lesson_path(solution_path):
    folder = os.path.dirname(os.path.abspath(solution_path))
    return os.path.join(os.path.dirname(folder), os.path.basename(solution_path))


def main(args):
    if len(args) < 2 or args[0] != "sync":
        print(__doc__)
        return 2
    for path in args[1:]:
        solution = nbformat.read(path, as_version=4)
        lesson = nbformat.read(lesson_path(path), as_version=4)
        nbformat.write(synced(solution, lesson), path)
        print(f"synced {path} with {lesson_path(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
