"""Declared claims: the numbers and orders a lesson's text states about its outputs, checked on every run.

A notebook's metadata.course.expect may hold, besides images/text/forbid:

  "values": {NAME: REGEX, ...}
      each REGEX is searched in the text of all outputs (as run_notebook.output_text gives it); every
      match's first group is one reading of NAME, as a number ("1,676,000" and "1 676 000" read as
      1676000; a trailing % is ignored). A value that matches nothing is a problem.
  "claims": [{"claim": SENTENCE, "range": [NAME, LOW, HIGH]}, {"claim": SENTENCE, "order": [NAME, OP, NAME, ...]}, ...]
      SENTENCE is what the markdown says, quoted in the failure message.
      range: every reading of NAME lies in [LOW, HIGH] (null for no bound).
      order: OP is one of < <= > >=; each pair holds for every reading on both sides (for "a < b": the
      largest reading of a is below the smallest of b). A chain "a < b < c" is a ranking.
      "cores": N or [N, M] (optional) checks the claim only when the run may use at least N (and at most
      M) cores: the kernel inherits the harness's CPU affinity, taskset -c 0 makes it 1. Say in the text
      which machines the sentence is about ("在 2 个以上的核上……", "只有 1 个核时……").

Example (lesson 15):
  "values": {"process2": "进程 ×2[^\\n]*加速比 ([0-9.]+)", "thread2": "线程 ×2[^\\n]*加速比 ([0-9.]+)"},
  "claims": [{"claim": "2 个进程的加速比在 1 和 2 之间", "range": ["process2", 1.0, 2.1]},
             {"claim": "进程的加速比不超过线程", "order": ["process2", "<=", "thread2"], "cores": 2}]
"""
import operator
import os
import re

OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:[,_ ]\d{3})+|\d+)(?:\.\d+)?")


def number(text):
    """The number written in TEXT ('1,676,000', '1.96', '42 %'), or None."""
    m = NUMBER.search(text)
    return float(re.sub(r"[,_ ]", "", m.group(0))) if m else None


def readings(values, text):
    """{name: [numbers]} of the declared VALUES found in TEXT, and the problems (a pattern that found nothing)."""
    found, problems = {}, []
    for name, pattern in values.items():
        try:
            numbers = [number(m.group(1)) for m in re.finditer(pattern, text)]
        except (re.error, IndexError) as e:
            problems.append(f"value {name!r}: pattern {pattern!r} is not a regex with one group ({e})")
            continue
        numbers = [n for n in numbers if n is not None]
        if not numbers:
            problems.append(f"value {name!r}: pattern {pattern!r} matched nothing in the outputs")
        found[name] = numbers
    return found, problems


def cores():
    """How many cores this process (and the kernel it starts) may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def show(name, numbers):
    return f"{name} = " + ", ".join(f"{n:g}" for n in numbers)


def claim_problem(claim, found):
    """Why CLAIM does not hold for the readings FOUND, or None when it holds (or cannot be read)."""
    sentence = claim.get("claim", "?")
    wanted = claim.get("cores", 1)
    low, high = (wanted, None) if isinstance(wanted, int) else wanted
    if cores() < low or high is not None and cores() > high:
        return None
    if "range" in claim:
        name, low, high = claim["range"]
        if name not in found:
            return f"claim {sentence!r} names an undeclared value {name!r}"
        bad = [n for n in found[name] if (low is not None and n < low) or (high is not None and n > high)]
        if bad:
            return f"the run contradicts {sentence!r}: {show(name, bad)} is outside [{low}, {high}]"
        return None
    if "order" in claim:
        chain = claim["order"]
        if len(chain) < 3 or len(chain) % 2 == 0 or any(op not in OPS for op in chain[1::2]):
            return f"claim {sentence!r}: order must be NAME OP NAME [OP NAME ...] with OP in {list(OPS)}"
        for name in chain[0::2]:
            if name not in found:
                return f"claim {sentence!r} names an undeclared value {name!r}"
        for left, op, right in zip(chain[0::2], chain[1::2], chain[2::2]):
            if found[left] and found[right] and not all(OPS[op](a, b) for a in found[left] for b in found[right]):
                return (f"the run contradicts {sentence!r}: not {left} {op} {right} "
                        f"({show(left, found[left])}; {show(right, found[right])})")
        return None
    return f"claim {sentence!r} has neither 'range' nor 'order'"


def problems(expect, text):
    """What the outputs TEXT contradict of the claims declared in EXPECT (metadata.course.expect)."""
    values, claims = expect.get("values", {}), expect.get("claims", [])
    if not values and not claims:
        return []
    found, out = readings(values, text)
    for claim in claims:
        p = claim_problem(claim, found)
        if p:
            out.append(p)
    return out
