"""The gradebook grade.py writes: gradebook.csv and gradebook.html.

gradebook.csv: one row per exercise per handed-in notebook, columns student,notebook,exercise,passed,
reason (passed is true/false), UTF-8 with a byte-order mark so that Excel and WPS show the Chinese.
gradebook.html: one self-contained page: a summary with the hardest exercises first, then one row
per student, one column per exercise (✅, ❌ with its reason on hover, — not handed in), totals, and
each student's reasons below.
"""
import collections
import csv
import html
import os
import time

Row = collections.namedtuple("Row", "student notebook exercise passed reason")

STYLE = """
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: center; }
td.name, td.reason, th.name { text-align: left; }
td.reason { max-width: 48em; }
tr:nth-child(even) td { background: #f6f6f6; }
.pass { color: #1a7f37; } .fail { color: #cf222e; } .none { color: #999; }
details { margin: 0.3em 0; }
"""


def write(out, rows, students, course, ignored, seconds, jobs):
    with open(os.path.join(out, "gradebook.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(Row._fields)
        for r in rows:
            w.writerow([r.student, r.notebook, r.exercise, "true" if r.passed else "false", r.reason])
    with open(os.path.join(out, "gradebook.html"), "w", encoding="utf-8") as f:
        f.write(page(rows, students, course, ignored, seconds, jobs))


def page(rows, students, course, ignored, seconds, jobs):
    e = html.escape
    handed = {r.notebook for r in rows}
    columns = [(l.name, key) for l in course if l.name in handed for key, _ in l.checks]
    cell = {(r.student, r.notebook, r.exercise): r for r in rows}
    parts = [f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>成绩册</title>"
             f"<style>{STYLE}</style></head><body><h1>成绩册</h1>",
             f"<p>{len(students)} 个学生，{len({(r.student, r.notebook) for r in rows})} 个笔记本，"
             f"{len(rows)} 个练习；{time.strftime('%Y-%m-%d %H:%M')} 批改，用时 {seconds:.0f} 秒"
             f"（同时运行 {jobs} 个）。每个练习只看课程自己的检查单元格给出的结果。</p>"]
    if ignored:
        parts.append("<p>没有批改的文件（文件名不是课程里的笔记本，或者同一节交了两份）："
                     + "、".join(e(f) for f in ignored) + "</p>")
    parts.append("<h2>最难的练习</h2><table><tr><th>练习</th><th>通过</th><th>通过率</th><th class='name'>最常见的原因</th></tr>")
    for (notebook, key), tries in sorted(by_exercise(rows).items(), key=lambda kv: pass_rate(kv[1])):
        passed = sum(r.passed for r in tries)
        reasons = collections.Counter(r.reason.split("。另外")[0] for r in tries if not r.passed)
        common = reasons.most_common(1)[0][0] if reasons else ""
        parts.append(f"<tr><td class='name'>{e(notebook)} {e(key)}</td><td>{passed}/{len(tries)}</td>"
                     f"<td>{100 * passed / len(tries):.0f}%</td><td class='reason'>{e(common)}</td></tr>")
    parts.append("</table><h2>每个学生</h2><table><tr><th class='name' rowspan='2'>学生</th>")
    for name in dict.fromkeys(n for n, _ in columns):
        parts.append(f"<th colspan='{sum(1 for n, _ in columns if n == name)}'>{e(name)}</th>")
    parts.append("<th rowspan='2'>通过</th></tr><tr>" + "".join(f"<th>{e(k)}</th>" for _, k in columns) + "</tr>")
    for s in students:
        mine = [r for r in rows if r.student == s]
        parts.append(f"<tr><td class='name'>{e(s)}</td>")
        for name, key in columns:
            r = cell.get((s, name, key))
            if r is None:
                parts.append("<td class='none' title='没有交'>—</td>")
            elif r.passed:
                parts.append("<td class='pass' title='通过'>✅</td>")
            else:
                parts.append(f"<td class='fail' title='{e(r.reason, quote=True)}'>❌</td>")
        parts.append(f"<td>{sum(r.passed for r in mine)} / {len(mine)}</td></tr>")
    parts.append(f"</table><p>“通过”一列：通过的练习 / 交了的笔记本里的练习（全课共 {len(columns)} 个练习有人交）。"
                 "把鼠标放在 ❌ 上可以看到原因。</p><h2>没通过的原因</h2>")
    for s in students:
        failed = [r for r in rows if r.student == s and not r.passed]
        if failed:
            parts.append(f"<details><summary>{e(s)}：{len(failed)} 个练习没通过</summary><table>"
                         + "".join(f"<tr><td class='name'>{e(r.notebook)} {e(r.exercise)}</td>"
                                   f"<td class='reason'>{e(r.reason)}</td></tr>" for r in failed)
                         + "</table></details>")
    parts.append("</body></html>\n")
    return "".join(parts)


def by_exercise(rows):
    groups = collections.OrderedDict()
    for r in rows:
        groups.setdefault((r.notebook, r.exercise), []).append(r)
    return groups


def pass_rate(tries):
    return sum(r.passed for r in tries) / len(tries)
