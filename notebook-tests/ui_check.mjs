// Runs notebooks through a Jupyter front end in headless Chromium, as a learner does: open, restart the kernel and
// run all cells through the menu, wait, look.
//
// usage: node ui_check.mjs JOB.json
//
// JOB.json (written by ui_run.py): {"frontend": "classic" | "lab", "base": "http://127.0.0.1:PORT", "token": "...",
//   "chromium": PATH, "shots": DIR, "out": DIR, "cjk": [installed CJK font families], "limit": seconds per notebook,
//   "notebooks": [paths relative to the server's root], "links": [{"url": path, "notebook": path, "frontend": ...}]}
//
// For each notebook: open it (classic Notebook: a page /notebooks/PATH; JupyterLab: one page for all notebooks, each
// opened in it and closed after), wait for its kernel, click Kernel → Restart (Kernel) and Run All (Cells), confirm
// the dialog, wait until every code cell has run and the kernel is idle, then: every image in the outputs decoded;
// the Chinese of the first heading and of the first Chinese output line drawn with an installed CJK font (Chromium's
// own answer, CSS.getPlatformFontsForNode); screenshots of the top and of the first chart; the notebook as the front
// end holds it (outputs included, late ones too) written to OUT/PATH for ui_run.py, which applies the harness's checks
// to it. The kernel of a notebook that passed is handed to the next one (its session moves to the next path): the next
// notebook opens on a running kernel, as a notebook reopened does, and its restart is the one kernel start it waits
// for; every notebook still runs on a kernel restarted through the menu. For each link: the page opens that notebook.
// The browser may load nothing but the Jupyter server. Prints one line per check; exits 1 when something failed.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const problems = [];
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

function fail(where, message) {
  problems.push(`${where}: ${message}`);
  console.log(`FAIL ${where}: ${message}`);
}

function url(p) {
  return `${job.base}${p}${p.includes("?") ? "&" : "?"}token=${job.token}`;
}

/** The front end's handle on the open notebook, evaluated in the page. */
const FRONTENDS = {
  classic: {
    async open(page, nb) {
      await page.goto(url(`/notebooks/${encodeURI(nb)}`));
    },
    ready: () => !!(window.Jupyter && window.Jupyter.notebook && window.Jupyter.notebook.kernel
      && window.Jupyter.notebook.kernel.is_connected()),
    async restartAndRunAll(page) {
      await page.click("#kernellink");
      await page.click("#restart_run_all a");
      await page.click(".modal-footer button.btn-danger");
    },
    // every code cell has a number (not *), and the kernel is idle
    done: () => {
      const nb = window.Jupyter.notebook;
      const code = nb.get_cells().filter((c) => c.cell_type === "code");
      return !nb.kernel_busy && code.every((c) => typeof c.input_prompt_number === "number");
    },
    progress: () => {
      const nb = window.Jupyter.notebook;
      const code = nb.get_cells().filter((c) => c.cell_type === "code");
      return `${code.filter((c) => typeof c.input_prompt_number === "number").length} of ${code.length} code cells run, `
        + `prompts ${JSON.stringify(code.map((c) => c.input_prompt_number))}, kernel_busy ${nb.kernel_busy}`;
    },
    model: () => window.Jupyter.notebook.toJSON(),
    kernelName: () => window.Jupyter.notebook.kernel.name,
  },
  lab: {
    async open(page, nb) {
      if (page.url() === "about:blank") {
        await page.goto(url("/lab?reset")); // ?reset: a fresh workspace
      }
      await page.waitForFunction(() => window.jupyterapp && window.jupyterapp.commands.hasCommand("docmanager:open"),
        null, { polling: 100 });
      await page.evaluate((p) => window.jupyterapp.restored
        .then(() => window.jupyterapp.commands.execute("docmanager:open", { path: p, factory: "Notebook" })).then(() => true), nb);
    },
    // the notebook's tab goes (unsaved: no dialog); the page stays for the next notebook
    closeNotebook: async (page) => page.evaluate(() => window.jupyterapp.shell.currentWidget.dispose()),
    ready: (nb) => {
      const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
      return !!(w && w.context && w.context.path === nb && w.sessionContext && w.sessionContext.session
        && w.sessionContext.session.kernel && w.sessionContext.kernelDisplayStatus === "idle");
    },
    async restartAndRunAll(page) {
      await page.click(".lm-MenuBar-itemLabel:text-is('Kernel')");
      await page.click(".lm-Menu-itemLabel:text-is('Restart Kernel and Run All Cells…')");
      await page.click(".jp-Dialog-button.jp-mod-accept");
    },
    done: () => {
      const w = window.jupyterapp.shell.currentWidget;
      const code = w.content.widgets.filter((c) => c.model.type === "code");
      return w.sessionContext.kernelDisplayStatus === "idle"
        && code.every((c) => c.model.executionCount !== null && c.model.executionState !== "running")
        && ![...w.node.querySelectorAll(".jp-InputPrompt")].some((p) => p.textContent.includes("[*]"));
    },
    progress: () => {
      const w = window.jupyterapp.shell.currentWidget;
      const code = w.content.widgets.filter((c) => c.model.type === "code");
      return `${code.filter((c) => c.model.executionCount !== null).length} of ${code.length} code cells run, `
        + `kernel ${w.sessionContext.kernelDisplayStatus}`;
    },
    model: () => window.jupyterapp.shell.currentWidget.context.model.toJSON(),
    kernelName: () => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name,
  },
};

let current = ""; // the notebook or link being checked, for the page's script errors

async function newPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(120000); // loading a page or its menu: on a machine with load 40, 30 s were not always enough
  page.on("pageerror", (e) => console.log(`note ${current}: script error in the page: ${e.message}`));
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(job.base) || u.startsWith("data:") || u.startsWith("blob:")) {
      return route.continue();
    }
    return route.abort(); // the front end may try the network (news, updates): the course must work without it
  });
  return page;
}

/** The fonts Chromium drew the element's own text with: [{familyName, glyphCount}]. */
async function fontsOf(page, cdp, selectorIndex) {
  const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
  const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: "[data-course-cjk]" });
  if (nodeIds.length <= selectorIndex) {
    return null;
  }
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId: nodeIds[selectorIndex] });
  return fonts;
}

/** Marks the first heading and the first output text with Chinese in them, for fontsOf. */
const MARK_CHINESE = (cjkSource) => {
  const cjk = new RegExp(cjkSource);
  const own = (e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join("");
  const heading = [...document.querySelectorAll("h1")].find((e) => cjk.test(own(e)));
  const output = [...document.querySelectorAll(".output_text pre, .jp-OutputArea-output pre")].find((e) => cjk.test(own(e)));
  const marked = [];
  for (const [what, e] of [["heading", heading], ["output", output]]) {
    if (e) {
      e.setAttribute("data-course-cjk", what);
      marked.push([what, own(e).slice(0, 40)]);
    }
  }
  return marked;
};

/** The text of a dialog the front end shows (a kernel that died, a restart that failed), or null. */
const DIALOG = () => {
  const d = document.querySelector(".modal.in .modal-content, .jp-Dialog-content");
  return d ? d.innerText.replace(/\s+/g, " ").trim() : null;
};

class KernelDialog extends Error {}

/** Waits until every cell has run, saying every 30 s how far the run is. */
async function waitUntilDone(page, fe, where) {
  const deadline = Date.now() + job.limit * 1000;
  while (!(await page.evaluate(fe.done))) {
    const dialog = await page.evaluate(DIALOG);
    if (dialog) {
      throw new KernelDialog(dialog);
    }
    if (Date.now() > deadline) {
      throw new Error(`not done after ${job.limit} s: ${await page.evaluate(fe.progress)}`);
    }
    await page.waitForTimeout(250);
    if ((deadline - Date.now()) % 30000 < 250) {
      console.log(`...  ${where}: ${await page.evaluate(fe.progress)}`);
    }
  }
}

/** Runs one notebook in the page; true when every check passed. */
async function checkNotebook(page, fe, nb) {
  const where = `${job.frontend} ${nb}`;
  current = where;
  const before = problems.length;
  const t0 = Date.now();
  try {
    await fe.open(page, nb);
    await page.waitForFunction(fe.ready, nb, { timeout: job.limit * 1000, polling: 200 }); // a kernel start at load 50 took over 2 min
    const kernel = await page.evaluate(fe.kernelName);
    if (kernel !== "java") {
      fail(where, `opened with kernel ${kernel}, not java`);
    }
    for (let attempt = 1; ; attempt++) {
      await fe.restartAndRunAll(page);
      if (attempt > 1) {
        await page.waitForTimeout(2000); // the restart begins: until then the cells that ran before look done
      }
      try {
        await waitUntilDone(page, fe, where);
        break;
      } catch (e) {
        // On a machine so busy that the new kernel is not up within the front end's restart time limit, the front end
        // gives up on it and starts another: said here, and tried once more. A kernel that dies again fails the check.
        if (!(e instanceof KernelDialog) || attempt > 1) {
          throw e;
        }
        console.log(`note ${where}: the front end said "${e.message}"; restarting and running all once more`);
        await page.click(".modal.in .modal-footer button, .jp-Dialog-button.jp-mod-accept");
        await page.waitForFunction(fe.ready, nb, { timeout: job.limit * 1000, polling: 200 });
      }
    }
    const seconds = (Date.now() - t0) / 1000;

    const images = await page.evaluate(() => [...document.querySelectorAll(".output_area img, .jp-OutputArea-output img")]
      .map((i) => ({ ok: i.complete && i.naturalWidth > 0, w: i.naturalWidth })));
    const broken = images.filter((i) => !i.ok).length;
    if (broken) {
      fail(where, `${broken} of ${images.length} images did not decode`);
    }
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const marked = await page.evaluate(MARK_CHINESE, CJK.source);
    for (let i = 0; i < marked.length; i++) {
      const fonts = (await fontsOf(page, cdp, i)) || [];
      const drawnCjk = fonts.filter((f) => job.cjk.includes(f.familyName)).reduce((n, f) => n + f.glyphCount, 0);
      if (drawnCjk === 0) {
        fail(where, `the ${marked[i][0]} "${marked[i][1]}" was drawn with ${JSON.stringify(fonts)}, no installed CJK font`);
      }
    }
    await cdp.detach();
    if (!marked.some(([what]) => what === "heading")) {
      fail(where, "no heading with Chinese text was found on the page");
    }

    const name = `${job.frontend}-${path.basename(nb, ".ipynb")}`;
    await page.screenshot({ path: path.join(job.shots, `${name}-top.png`) });
    const chart = page.locator(".output_area img, .jp-OutputArea-output img").first();
    if (images.length > 0) {
      await chart.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(job.shots, `${name}-chart.png`) });
    }
    const model = await page.evaluate(fe.model);
    // the cells that declare what they show (metadata.course.shows, such as a thread's late output), each on its own
    const declaring = model.cells.map((c, i) => (c.metadata.course && c.metadata.course.shows ? i : -1)).filter((i) => i >= 0);
    for (const i of declaring) {
      const cell = page.locator(".cell, .jp-Notebook .jp-Cell").nth(i);
      await cell.scrollIntoViewIfNeeded();
      await cell.screenshot({ path: path.join(job.shots, `${name}-cell${i}.png`) });
    }
    const out = path.join(job.out, nb);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(model));
    console.log(`ok   ${where}: ran in ${seconds.toFixed(1)} s, ${images.length} images decoded, Chinese drawn with a CJK font`
      + ` (${marked.map((m) => m[0]).join(", ")})`);
  } catch (e) {
    fail(where, `${e.message.split("\n")[0]} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await page.screenshot({ path: path.join(job.shots, `${job.frontend}-${path.basename(nb, ".ipynb")}-failed.png`) }).catch(() => {});
  }
  return problems.length === before;
}

/** The server's REST API (sessions). */
async function api(p, options = {}) {
  const headers = { Authorization: `token ${job.token}`, "Content-Type": "application/json" };
  const r = await fetch(`${job.base}${p}`, { ...options, headers });
  return r.status === 204 ? null : r.json();
}

/** Shuts down every kernel of the server: a page closed leaves its kernel running (both front ends). */
async function shutdownKernels() {
  for (const s of await api("/api/sessions")) {
    await api(`/api/sessions/${s.id}`, { method: "DELETE" });
  }
}

/**
 * Moves the kernel of notebook FROM (its session) to notebook TO: opening TO then finds its kernel running, as when
 * a learner reopens a notebook, and TO's Restart is the one kernel start it waits for.
 */
async function handOver(from, to) {
  const session = (await api("/api/sessions")).find((s) => s.path === from);
  if (!session) {
    return shutdownKernels();
  }
  await api(`/api/sessions/${session.id}`, { method: "PATCH", body: JSON.stringify({ path: to, name: path.basename(to) }) });
}

/** A link (a Binder badge's path on the server) opens the notebook it names, in the front end it names. */
async function checkLink(browser, link) {
  const page = await newPage(browser);
  const where = `link ${link.url}`;
  current = where;
  try {
    await page.goto(url(link.url));
    const title = path.basename(link.notebook);
    // JupyterLab and Notebook 7 name the open notebook in a tab or the header, and render its first heading
    await page.waitForFunction((t) => [...document.querySelectorAll(".lm-TabBar-tabLabel, #jp-title, .jp-NotebookPanel-header, title")]
      .some((e) => e.textContent.includes(t.replace(/\.ipynb$/, ""))) && document.querySelector(".jp-MarkdownOutput h1"),
    title, { timeout: 60000, polling: 500 });
    const app = await page.evaluate(() => document.body.dataset.notebook || (document.querySelector("#main-panel") ? "notebook7" : "lab"));
    await page.screenshot({ path: path.join(job.shots, `link-${link.frontend}-${path.basename(title, ".ipynb")}.png`) });
    console.log(`ok   ${where}: opens ${title} (${app})`);
  } catch (e) {
    fail(where, `did not open ${link.notebook}: ${e.message.split("\n")[0]}`);
  } finally {
    await page.close();
    await shutdownKernels();
  }
}

const browser = await chromium.launch({ executablePath: job.chromium, headless: true, args: FLAGS });
try {
  const fe = FRONTENDS[job.frontend];
  let page = null;
  for (const [i, nb] of job.notebooks.entries()) {
    page = page || await newPage(browser);
    const passed = await checkNotebook(page, fe, nb);
    if (passed && fe.closeNotebook) {
      await fe.closeNotebook(page);
    } else { // the classic Notebook has a page per notebook; after a failure the next notebook gets a fresh page
      await page.close();
      page = null;
    }
    const next = job.notebooks[i + 1];
    await (passed && next ? handOver(nb, next) : shutdownKernels());
  }
  if (page) {
    await page.close();
  }
  for (const link of job.links || []) {
    await checkLink(browser, link);
  }
} finally {
  await browser.close();
}
process.exit(problems.length ? 1 : 0);
