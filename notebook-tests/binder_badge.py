"""Puts a Binder badge in README.md and in the first cell of every notebook (lessons and solutions),
each opening that notebook in JupyterLab on mybinder.org.

usage: binder_badge.py OWNER/REPO[@REF]      (./course binder-badge OWNER/REPO[@REF])

OWNER/REPO is the course's public GitHub repository (or your fork); REF a branch, tag or commit,
HEAD (the default branch) when left out. Run it again with another repository or REF and the
badges are replaced; nothing else in the files changes. Commit the result.
"""
import glob
import os
import re
import sys
from urllib.parse import quote

import nbformat

ROOT = os.environ.get("COURSE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMAGE = "https://mybinder.org/badge_logo.svg"
# A badge, and the blank line in front of it, as this script writes it after a file's first heading.
BADGE = re.compile(r"\n\n\[!\[[^\]\n]*\]\(" + re.escape(IMAGE) + r"\)\]\([^)\s]*\)(?=\n|$)")
REPOSITORY = re.compile(r"([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100})(?:@([A-Za-z0-9._/-]+))?")


def link(owner, repo, ref, path):
    """The mybinder.org address that builds OWNER/REPO at REF and opens path (relative to the repository)."""
    return (f"https://mybinder.org/v2/gh/{owner}/{repo}/{quote(ref, safe='')}"
            f"?urlpath={quote('lab/tree/' + path, safe='')}")


def with_badge(text, url):
    """text with its badge, after the first heading line, pointing at url (an old badge is replaced)."""
    text = BADGE.sub("", text)
    heading = re.search(r"^# .*$", text, re.M)
    at = heading.end() if heading else 0
    badge = f"[![在 Binder 上打开 / Open in Binder]({IMAGE})]({url})"
    return text[:at] + ("\n\n" if heading else "") + badge + ("" if heading else "\n\n") + text[at:]


def main(argv):
    spec = REPOSITORY.fullmatch(argv[0]) if len(argv) == 1 else None
    if not spec:
        print(__doc__, file=sys.stderr)
        print(f"binder-badge: give the repository as OWNER/REPO or OWNER/REPO@REF (for example "
              f"someone/java-concurrency-course@main), not {' '.join(argv) or 'nothing'}", file=sys.stderr)
        return 2
    owner, repo, ref = spec.group(1), spec.group(2), spec.group(3) or "HEAD"
    paths = sorted(glob.glob(os.path.join(ROOT, "notebooks", "**", "*.ipynb"), recursive=True))
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        first = nb.cells[0]
        if first.cell_type != "markdown":
            sys.exit(f"binder-badge: the first cell of {path} is not a markdown cell; the badge goes there")
        rel = os.path.relpath(path, ROOT).replace(os.sep, "/")
        first.source = with_badge(first.source, link(owner, repo, ref, rel))
        nbformat.write(nb, path)
    readme = os.path.join(ROOT, "README.md")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    with open(readme, "w", encoding="utf-8") as f:
        f.write(with_badge(text, link(owner, repo, ref, "notebooks/00_目录.ipynb")))
    print(f"binder-badge: README.md and {len(paths)} notebooks now open {owner}/{repo}@{ref} on mybinder.org")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
