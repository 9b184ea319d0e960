"""The teacher's guide (notebooks/solutions/教师指南.md) as a page of the teachers' site.

Used by export_site.py --teachers: write(...) renders the guide's Markdown with nbconvert's own Markdown
filter (the one that renders the notebooks' Markdown cells) into SITE/教师指南.html, a page that needs no
network, and returns its file name for the index (None when the guide is missing).
"""
import os

from nbconvert.filters import markdown2html

GUIDE = "教师指南.md"
PAGE = "教师指南.html"


def write(solutions, site, style):
    """Writes the guide found in SOLUTIONS (the notebooks/solutions folder) into SITE; returns the page name."""
    source = os.path.join(solutions, GUIDE)
    if not os.path.isfile(source):
        return None
    with open(source, encoding="utf-8") as f:
        body = markdown2html(f.read())
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>教师指南</title>{style}
<style>body {{ max-width: 960px; margin: 2em auto; line-height: 1.7; padding: 0 1em; }}
table {{ border-collapse: collapse; margin: 0.8em 0; }} th, td {{ border: 1px solid #ccc; padding: 0.3em 0.6em; vertical-align: top; }}
a.anchor-link {{ display: none; }} code {{ background: #f4f4f4; padding: 0 0.2em; }} pre {{ background: #f4f4f4; padding: 0.6em; overflow-x: auto; }}</style></head>
<body>
<p><a href="index.html">全部参考答案</a></p>
{body}
</body></html>
"""
    with open(os.path.join(site, PAGE), "w", encoding="utf-8") as f:
        f.write(page)
    return PAGE
