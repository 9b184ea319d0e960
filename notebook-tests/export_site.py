"""Writes the course as a static, offline HTML site from executed notebooks: the learners' site, or the
teachers' pages.

usage: export_site.py EXECUTED_DIR SITE_DIR              the learners' site: the lessons only
       export_site.py --teachers EXECUTED_DIR PAGES_DIR  the teachers' pages: the reference solutions

EXECUTED_DIR holds executed notebooks (./course run or ./course test put them in build/executed): the
lessons at its top, reference solutions in solutions/. The learners' site (./course html: site/) has
index.html (the table of contents) and one page per lesson; no solution page and no link to one: a class
can be given the site as it is. The teachers' pages (./course html --teachers: site-teachers/) have their
own index.html, one page per solution, each marked as a reference solution, and the teacher's guide
(notebooks/solutions/教师指南.md, guide_page.py). Every page links the
previous and next page of its kind and its index. Charts are embedded as base64 PNG; the pages load no
script from a file:// path or the network, so they read the same offline, on a file share or on any web
server. The only scripts left are the course's own widgets (inline, marked data-course-widget).
"""
import glob
import html
import os
import re
import sys

import nbformat
from nbconvert import HTMLExporter

import guide_page

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.join(os.environ.get("COURSE_ROOT") or os.path.dirname(HERE), "notebooks")

# Script tags of the template that load code from elsewhere (require.js, MathJax) or configure it. Inline
# scripts of cell outputs marked data-course-widget (the scheduler game: self-contained, no network) stay.
SCRIPT = re.compile(r"<script\b(?![^>]*\bdata-course-widget\b)[^>]*>.*?</script>", re.S | re.I)
MARKUP = re.compile(r"\*\*|__|`")
LIST_NUMBER = re.compile(r"\d+[.)]\s")
# The Binder badge (./course binder-badge) is an image on mybinder.org; offline it would be a broken
# image, so the page shows it as a label of its own (still a link to Binder).
BINDER_IMAGE = re.compile(r'<img\b[^>]*\bsrc="https://mybinder\.org/badge_logo\.svg"[^>]*>')
STYLE = """
<style>
  body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
  nav.course { display: flex; justify-content: space-between; gap: 1em; max-width: 1100px;
               margin: 0.8em auto; padding: 0.6em 1em; background: #f3f6fa; border-radius: 6px; }
  nav.course a { text-decoration: none; color: #2a5db0; }
  table.course-table { border-collapse: collapse; margin: 0.5em 0; }
  table.course-table th, table.course-table td { border: 1px solid #ccc; padding: 2px 8px; }
  table.course-table caption { font-weight: bold; text-align: left; }
  .binder-badge { display: inline-block; padding: 1px 8px; border-radius: 4px; background: #579aca;
                  color: #fff; font-size: 0.85em; }
  .course-teachers { max-width: 1100px; margin: 0.4em auto; padding: 0.5em 1em; background: #fff4e0;
                     border: 1px solid #f0c27a; border-radius: 6px; }
</style>
"""


def first_heading(nb):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return None


def summary(nb):
    """The first plain line of the first markdown cells, for the table of contents: not a heading,
    list, list continuation, table or quote, not a line that only introduces a list ("你能够："), markdown marks removed."""
    for cell in [c for c in nb.cells if c.cell_type == "markdown"][:3]:
        for raw in cell.source.splitlines():
            line = raw.strip()
            if (line and not raw[:1].isspace() and not LIST_NUMBER.match(line)
                    and not line.startswith(("#", "-", "*", "|", ">", "[", "<", "!"))
                    and not line.endswith((":", "："))):
                return MARKUP.sub("", line)
    return ""


def nav(prev, nxt, index):
    """The bar at the top and bottom of a page: previous page, table of contents, next page."""
    left = f'<a href="{html.escape(prev[0])}">← {html.escape(prev[1])}</a>' if prev else "<span></span>"
    right = f'<a href="{html.escape(nxt[0])}">{html.escape(nxt[1])} →</a>' if nxt else "<span></span>"
    return f'<nav class="course">{left}<a href="{index}">目录</a>{right}</nav>'


def page(exporter, nb, prev, nxt, index):
    body, _ = exporter.from_notebook_node(nb)
    body = SCRIPT.sub("", body)
    body = BINDER_IMAGE.sub('<span class="binder-badge">在 Binder 上打开</span>', body)
    bar = nav(prev, nxt, index)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + bar, body, count=1)
    body = body.replace("</body>", bar + "\n</body>", 1)
    body = body.replace("</head>", STYLE + "</head>", 1)
    title = html.escape(first_heading(nb) or "")
    return re.sub(r"<title>.*?</title>", f"<title>{title}</title>", body, count=1, flags=re.S)


KINDS = {
    "learners": {"folder": "", "heading": "课程", "title": "多任务 &amp; 多线程 &amp; 多进程 in Java",
                 "intro": "用 Java 学习多任务、线程与进程。每一页都是一个已经运行过的 Jupyter 笔记本：代码、输出和图表都在页面里。"
                          "想自己运行和修改，请按 README 在本地或 Binder 上打开课程。"},
    "teachers": {"folder": "solutions", "heading": "参考答案", "title": "多任务 &amp; 多线程 &amp; 多进程 in Java：教师用页面",
                 "intro": "教师用：每一页是一节课的参考答案笔记本，和课文的单元格相同，练习填入了参考答案，每个检查都显示 ✅ 通过。"
                          "这些页面不要放到学习者的网站上；学习者的网站（./course html）里没有参考答案，也没有指向这里的链接。"},
}
SOLUTION_BANNER = ('<div class="course-teachers">参考答案（教师用）：和课文的单元格相同，练习填入了参考答案。'
                   '<a href="index.html">全部参考答案</a></div>')


def export(executed, site, kind="learners"):
    """Writes the pages of KIND ('learners': the lessons; 'teachers': the solutions) from EXECUTED to SITE."""
    spec = KINDS[kind]
    os.makedirs(site, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    entries = []
    for p in sorted(glob.glob(os.path.join(executed, spec["folder"], "*.ipynb"))):
        nb = nbformat.read(p, as_version=4)
        name = os.path.splitext(os.path.basename(p))[0]
        entries.append((name + ".html", first_heading(nb) or name, summary(nb), nb))
    if not entries:
        sys.exit(f"no executed notebooks in {os.path.join(executed, spec['folder'])}: run ./course test or ./course html")
    # pages of an earlier export (a renamed lesson, the old solutions/ subfolder) must not stay in the site
    for stale in glob.glob(os.path.join(site, "*.html")) + glob.glob(os.path.join(site, "solutions", "*.html")):
        os.remove(stale)
    if os.path.isdir(os.path.join(site, "solutions")) and not os.listdir(os.path.join(site, "solutions")):
        os.rmdir(os.path.join(site, "solutions"))
    for i, (href, title, _, nb) in enumerate(entries):
        prev = (entries[i - 1][0], entries[i - 1][1]) if i > 0 else None
        nxt = (entries[i + 1][0], entries[i + 1][1]) if i + 1 < len(entries) else None
        body = page(exporter, nb, prev, nxt, "index.html")
        if kind == "teachers":
            body = re.sub(r"(<nav class=\"course\">.*?</nav>)", lambda m: m.group(1) + SOLUTION_BANNER, body, count=1, flags=re.S)
        with open(os.path.join(site, href), "w", encoding="utf-8") as f:
            f.write(body)
    rows = [f'<li><a href="{html.escape(h)}">{html.escape(t)}</a><br><small>{html.escape(s)}</small></li>'
            for h, t, s, _ in entries]
    guide = guide_page.write(os.path.join(NOTEBOOKS, "solutions"), site, STYLE) if kind == "teachers" else None
    intro = spec["intro"] + (f' <a href="{guide}">教师指南</a>：每一节的时间、目标、误解、讨论题和练习，课程安排，'
                             '在哪里运行，一台服务器能容纳多少学生，怎样批改全班的作业。' if guide else "")
    with open(os.path.join(site, "index.html"), "w", encoding="utf-8") as f:
        f.write(f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{spec["title"]}</title>{STYLE}
<style>body {{ max-width: 900px; margin: 2em auto; line-height: 1.6; }} li {{ margin: 0.6em 0; }}</style></head>
<body>
<h1>{spec["title"]}</h1>
<p>{intro}</p>
<h2>{spec["heading"]}</h2>
<ol>
{chr(10).join(rows)}
</ol>
</body></html>
""")
    print(f"[course] {kind}' pages written: {os.path.join(site, 'index.html')} ({len(entries)} pages)", file=sys.stderr)


if __name__ == "__main__":
    args = sys.argv[1:]
    kind = "teachers" if args[:1] == ["--teachers"] else "learners"
    args = args[1:] if kind == "teachers" else args
    if len(args) != 2:
        sys.exit(__doc__)
    export(args[0], args[1], kind)
