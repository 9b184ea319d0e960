"""The check cells of a lesson: how they are marked, how their verdicts are read.

A check cell is a code cell whose metadata.course.check names its exercise ("练习 1"), and whose whole
source calls the lesson's checker, for example `Ex04.threeThreads(() -> threeThreads())`. The checker
returns a course.check.Exercise.Verdict; the course's kernel shows it as text and adds its grading
record as an output of MIME type VERDICT_MIME (a JSON object: title, passed, failed). Printed text
cannot produce that output, and `display(...)` refuses an unknown MIME type; ./course grade reads it
only from the execute_result of the course's own check cells.

Used by run_notebook.py (every lesson's check cells are marked, and only they give verdicts) and
grade.py (which swaps the course's check cells into a student's notebook).
"""
import os
import re

VERDICT_MIME = "application/vnd.course.verdict+json"


def lesson_number(path):
    """'04' for .../04_线程的创建.ipynb, None for a file that is not a numbered lesson."""
    m = re.match(r"(\d\d)_", os.path.basename(path))
    return m.group(1) if m else None


def check_key(cell):
    """The exercise a check cell checks ('练习 1'), or None for any other cell."""
    if cell.get("cell_type") != "code":
        return None
    course = cell.get("metadata", {}).get("course")
    key = course.get("check") if isinstance(course, dict) else None
    return key if isinstance(key, str) and key.strip() else None


def is_checker_call(source, number):
    """Whether SOURCE is one call of lesson NUMBER's checker, `ExNN.method(...)`, and nothing else."""
    return re.fullmatch(r"Ex%s\.\w+\(.*\)" % number, source.strip(), re.S) is not None


def qualified(source):
    """SOURCE with every `ExNN.` written `course.exercises.ExNN.`, so that a class a student
    declares under the same simple name (`class Ex04`) cannot stand in for the course's checker."""
    return re.sub(r"(?<![\w.])(Ex\d\d)\.", r"course.exercises.\1.", source)


def checks(nb):
    """[(key, source)] of the notebook's check cells, in order."""
    return [(check_key(c), c.source.strip()) for c in nb.cells if check_key(c)]


def verdicts(cell):
    """The grading records the cell's result carries (only execute_result outputs count)."""
    return [o["data"][VERDICT_MIME] for o in cell.get("outputs", [])
            if o.get("output_type") == "execute_result" and VERDICT_MIME in o.get("data", {})]


def static_problems(nb, path, lesson_nb=None):
    """What is wrong with how the notebook marks its check cells; LESSON_NB: the lesson a solution
    belongs to, whose check cells the solution must repeat unchanged (the grader swaps them in)."""
    number = lesson_number(path)
    problems = []
    keys = [k for k, _ in checks(nb)]
    if number and not keys:
        problems.append("no check cell is marked: give each exercise's check cell metadata.course.check "
                        "(\"练习 1\", …) so that ./course grade finds it")
    if len(set(keys)) != len(keys):
        problems.append(f"two check cells check the same exercise: {keys}")
    for k, source in checks(nb):
        if not is_checker_call(source, number):
            problems.append(f"check cell {k!r} must be one call of Ex{number}'s checker, is: {source[:80]!r}")
    if lesson_nb is not None and checks(nb) != checks(lesson_nb):
        problems.append("the solution's check cells differ from the lesson's (same exercises, same code, same "
                        f"order): solution {checks(nb)}, lesson {checks(lesson_nb)}")
    return problems


def run_problems(cells):
    """After a run: a verdict shown by an unmarked cell, or a check cell that showed none."""
    problems = []
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        shown, key = len(verdicts(cell)), check_key(cell)
        if key and shown != 1:
            problems.append(f"check cell {number} ({key}) showed {shown} exercise verdicts, must show exactly one")
        if not key and shown:
            problems.append(f"cell {number} shows an exercise verdict but is not marked as a check cell "
                            "(metadata.course.check): ./course grade would not see it")
    return problems
