"""Checks the exported HTML site (export_site.py) the way a reader meets it.

usage: site_check.py links SITE_DIR
       site_check.py links --teachers PAGES_DIR
       site_check.py browser SITE_DIR SCREENSHOT_DIR CHROMIUM

links    every page is readable offline: no file:// reference, no script, stylesheet, image or
         CSS url() loaded from the network; index.html links a page for every lesson
         (notebooks/*.ipynb), in order; every page links the previous page, the next page and the
         index, and those files exist. The learners' site has no other page: no reference solution
         and no link to one. No page says 种子 (the source tutorial is 原教程).
         With --teachers: the same for the teachers' pages, one per reference solution
         (notebooks/solutions/*.ipynb).
browser  opens index.html and two notebook pages with charts in headless Chromium (driven over
         --remote-debugging-pipe, no extra packages) and checks from the rendered page that every
         image decoded (naturalWidth > 0) and that the Chinese characters of the h1 heading and of
         the first Chinese paragraph were drawn with an installed CJK font (Chromium's own
         answer, CSS.getPlatformFontsForNode, against `fc-list :lang=zh`), not as boxes. Saves
         PNG screenshots (top of each page, and around the first chart) to SCREENSHOT_DIR.

Prints what it checked and exits 1 when a check fails.
"""
import base64
import glob
import html
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from urllib.parse import urlsplit
from urllib.request import pathname2url

ROOT = os.environ.get("COURSE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)
CSS_REMOTE_URL = re.compile(r"url\(\s*['\"]?\s*(https?:)?//", re.I)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                  "--hide-scrollbars", "--remote-debugging-pipe"]
WIDTH, HEIGHT = 1280, 900


class Page(HTMLParser):
    """The references of one HTML page: links, scripts, stylesheets, images, inline styles."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.links, self.scripts, self.sheets, self.images, self.styles = [], [], [], [], []
        self.title, self._in = "", None
        with open(path, encoding="utf-8") as f:
            self.text = f.read()
        self.feed(self.text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "script":
            self.scripts.append(a.get("src") or "")
        elif tag == "link" and "stylesheet" in (a.get("rel") or ""):
            self.sheets.append(a.get("href") or "")
        elif tag == "img":
            self.images.append(a.get("src") or "")
        if a.get("style"):
            self.styles.append(a["style"])
        self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.styles.append(data)
        elif self._in == "title":
            self.title += data


def expected_pages(kind="learners"):
    """The page of every notebook of the site of KIND, in the order of the site: the lessons for the
    learners, the reference solutions for the teachers."""
    folder = NOTEBOOKS if kind == "learners" else os.path.join(NOTEBOOKS, "solutions")
    return [os.path.splitext(os.path.basename(p))[0] + ".html" for p in sorted(glob.glob(os.path.join(folder, "*.ipynb")))]


def check_links(site, kind="learners"):
    problems = []
    pages = expected_pages(kind)
    if not pages:
        return [f"no notebooks under {NOTEBOOKS}"]
    index_path = os.path.join(site, "index.html")
    if not os.path.isfile(index_path):
        return [f"{index_path} is missing: the export did not run"]
    every = sorted(os.path.relpath(p, site) for p in glob.glob(os.path.join(site, "**", "*.html"), recursive=True))
    for rel in every:
        page = Page(os.path.join(site, rel))
        if rel != "index.html" and rel not in pages:
            problems.append(f"{rel}: is not a page of the {kind}' site (only {'lessons' if kind == 'learners' else 'solutions'} "
                            "belong there)")
        if "file://" in page.text:
            problems.append(f"{rel}: references file:// (readable only on the machine that exported it)")
        if "种子" in html.unescape(page.text):
            problems.append(f"{rel}: says 种子: the source tutorial is 原教程")
        if kind == "learners":
            for href in page.links:
                if not REMOTE.match(href) and "solutions" in href:
                    problems.append(f"{rel}: links a reference solution ({href}): solutions are for teachers "
                                    "(./course html --teachers), not on the learners' site")
        for src in page.scripts:
            if src:
                problems.append(f"{rel}: loads a script from {src[:80]} (the site must need no network and run no remote code)")
        for href in page.sheets:
            if REMOTE.match(href):
                problems.append(f"{rel}: loads a stylesheet from the network: {href[:80]}")
        for src in page.images:
            if REMOTE.match(src):
                problems.append(f"{rel}: loads an image from the network: {src[:80]}")
            elif not src.startswith("data:") and not os.path.isfile(os.path.join(site, os.path.dirname(rel), src)):
                problems.append(f"{rel}: image {src[:80]} does not exist")
        for css in page.styles:
            if CSS_REMOTE_URL.search(css):
                problems.append(f"{rel}: CSS loads from the network: {CSS_REMOTE_URL.search(css).group(0)}")
        if not page.title.strip():
            problems.append(f"{rel}: has no <title>")

    index_links = Page(index_path).links
    positions = []
    for href in pages:
        if href not in index_links:
            problems.append(f"index.html does not link {href}")
        else:
            positions.append(index_links.index(href))
    if positions != sorted(positions):
        problems.append("index.html lists the notebooks out of order")

    for i, href in enumerate(pages):
        path = os.path.join(site, href)
        if not os.path.isfile(path):
            problems.append(f"{href} is missing (its notebook was not exported)")
            continue
        targets = {os.path.normpath(link) for link in Page(path).links if not REMOTE.match(link)}
        wanted = [("index", "index.html")]
        if i > 0:
            wanted.append(("previous", pages[i - 1]))
        if i + 1 < len(pages):
            wanted.append(("next", pages[i + 1]))
        for what, target in wanted:
            if os.path.normpath(target) not in targets:
                problems.append(f"{href} does not link its {what} page {target}")
    print(f"links ({kind}): {len(every)} pages checked, {len(pages)} notebooks expected")
    return problems


class Chromium:
    """Headless Chromium driven with the DevTools protocol over --remote-debugging-pipe."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="course-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Chromium reads commands from fd 3 and writes answers to fd 4.
        cmd = ["sh", "-c", f'exec "$0" "$@" 3<&{to_browser_r} 4>&{from_browser_w}', binary,
               *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}"]
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, pass_fds=(to_browser_r, from_browser_w),
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buf, self._events, self._next_id = b"", [], 0

    def _read_message(self, deadline):
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                self.log.seek(0)
                raise EOFError("Chromium closed the connection:\n" + self.log.read().decode(errors="replace")[-2000:])
            self._buf += chunk
        message, _, self._buf = self._buf.partition(b"\0")
        return json.loads(message)

    def call(self, method, params=None, session=None, timeout=30):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self._next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m["result"]
            if "method" in m:
                self._events.append(m)

    def wait_event(self, method, session, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            for m in self._events:
                if m["method"] == method and m.get("sessionId") == session:
                    self._events.remove(m)
                    return m.get("params", {})
            self._events.append(self._read_message(deadline))

    def evaluate(self, session, expression):
        r = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True},
                      session)
        if "exceptionDetails" in r:
            raise RuntimeError(f"page script failed: {r['exceptionDetails']}")
        return r["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_browser, self._from_browser):
            os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


def installed_cjk_families():
    if not shutil.which("fc-list"):
        return set()
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


# Marks the h1 and the first paragraph with Chinese text, and lists every image, for the checks.
# An element's "own" text is that of its direct text nodes: what Chromium's font report covers.
PAGE_FACTS = r"""
(() => {
  const cjk = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  const own = e => [...e.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim();
  const h1 = document.querySelector('h1');
  if (h1) h1.setAttribute('data-course-check', 'h1');
  const p = [...document.querySelectorAll('p, li')].find(e => cjk.test(own(e)));
  if (p) p.setAttribute('data-course-check', 'p');
  const imgs = [...document.images].map(i => {
    const r = i.getBoundingClientRect();
    return {src: i.getAttribute('src').slice(0, 40), complete: i.complete, w: i.naturalWidth, h: i.naturalHeight,
            top: r.top + window.scrollY, height: r.height};
  });
  return {h1: h1 ? own(h1) : null, h1Font: h1 ? getComputedStyle(h1).fontFamily : null,
          p: p ? own(p) : null, images: imgs,
          height: document.documentElement.scrollHeight};
})()
"""


def rendered_fonts(browser, session, selector):
    """{family: glyphs drawn} for the text directly inside the element, as Chromium rendered it."""
    root = browser.call("DOM.getDocument", {"depth": 0}, session)["root"]["nodeId"]
    node = browser.call("DOM.querySelector", {"nodeId": root, "selector": selector}, session)["nodeId"]
    fonts = browser.call("CSS.getPlatformFontsForNode", {"nodeId": node}, session)["fonts"]
    return {f["familyName"]: f["glyphCount"] for f in fonts}


def check_page(browser, site, rel, shots, cjk_families):
    problems = []
    url = "file://" + pathname2url(os.path.abspath(os.path.join(site, rel)))
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    try:
        for domain in ("Page", "DOM", "CSS"):
            browser.call(domain + ".enable", session=session)
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}, session)
        nav = browser.call("Page.navigate", {"url": url}, session)
        if nav.get("errorText"):
            return [f"{rel}: could not open {url}: {nav['errorText']}"]
        browser.wait_event("Page.loadEventFired", session)
        browser.evaluate(session, "document.fonts.ready.then(() => document.fonts.status)")
        facts = browser.evaluate(session, PAGE_FACTS)

        broken = [i for i in facts["images"] if not i["complete"] or i["w"] <= 0 or i["h"] <= 0]
        for i in broken:
            problems.append(f"{rel}: image {i['src']}... did not render (naturalWidth {i['w']})")
        for what, selector, text in (("h1", '[data-course-check="h1"]', facts["h1"]),
                                     ("paragraph", '[data-course-check="p"]', facts["p"])):
            if not text or not CJK.search(text):
                problems.append(f"{rel}: no {what} with Chinese text found ({text!r})")
                continue
            fonts = rendered_fonts(browser, session, selector)
            drawn_cjk = sum(n for family, n in fonts.items() if family in cjk_families)
            chinese = len(CJK.findall(text))
            if drawn_cjk < chinese:
                problems.append(f"{rel}: the {what} {text[:30]!r} has {chinese} Chinese characters but is drawn with "
                                f"{fonts}: {drawn_cjk} glyphs from an installed CJK font (such as {min(cjk_families)}), "
                                f"the rest show as boxes or in a font without Chinese")
            else:
                print(f"  {rel}: {what} {text[:24]!r} drawn with {fonts}")
        print(f"  {rel}: {len(facts['images'])} images, {len(broken)} broken; h1 font-family {facts['h1Font']}")

        name = os.path.splitext(rel.replace("/", "_"))[0]
        shots_taken = [("top", 0, HEIGHT)]
        if facts["images"]:
            first = facts["images"][0]
            top = max(0, first["top"] - 150)
            shots_taken.append(("chart", top, min(first["height"] + 300, 1400)))
        for label, y, h in shots_taken:
            h = max(1, min(h, facts["height"] - y))
            png = browser.call("Page.captureScreenshot",
                               {"format": "png", "captureBeyondViewport": True,
                                "clip": {"x": 0, "y": y, "width": WIDTH, "height": h, "scale": 1}}, session)["data"]
            out = os.path.join(shots, f"{name}-{label}.png")
            with open(out, "wb") as f:
                f.write(base64.b64decode(png))
            print(f"  screenshot {out}")
    finally:
        browser.call("Target.closeTarget", {"targetId": target})
    return problems


def pages_to_open(site):
    """index.html, then the first and the last course page that show at least one chart."""
    with_charts = [href for href in expected_pages()
                   if os.path.isfile(os.path.join(site, href))
                   and any(src.startswith("data:image") for src in Page(os.path.join(site, href)).images)]
    return ["index.html"] + (with_charts[:1] + with_charts[-1:] if len(with_charts) > 1 else with_charts)


def check_browser(site, shots, binary):
    cjk_families = installed_cjk_families()
    if not cjk_families:
        return ["no CJK font installed (fc-list :lang=zh is empty): install fonts-wqy-microhei or Noto Sans CJK"]
    os.makedirs(shots, exist_ok=True)
    pages = pages_to_open(site)
    if len(pages) < 3:
        return [f"need two course pages with charts to open, found {pages[1:]}"]
    print(f"browser: {binary}; CJK fonts installed: {sorted(cjk_families)}")
    browser = Chromium(binary)
    problems = []
    try:
        version = browser.call("Browser.getVersion")["product"]
        print(f"browser: {version}")
        for rel in pages:
            problems += check_page(browser, site, rel, shots, cjk_families)
    finally:
        browser.close()
    return problems


def main(argv):
    if len(argv) == 2 and argv[0] == "links":
        problems = check_links(argv[1])
    elif len(argv) == 3 and argv[:2] == ["links", "--teachers"]:
        problems = check_links(argv[2], "teachers")
    elif len(argv) == 4 and argv[0] == "browser":
        problems = check_browser(argv[1], argv[2], argv[3])
    else:
        print(__doc__)
        return 2
    for p in problems:
        print("  - " + p)
    print("FAIL" if problems else "PASS")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
