// Plays the scheduler game (course.game, scheduler-game.js) in headless Chromium and compares it with Java.
//
// usage: node game_check.mjs page  CASES.json PAGE.html   SHOTS CHROMIUM
//        node game_check.mjs site  CASES.json SITE_DIR    SHOTS CHROMIUM
//        node game_check.mjs live  CASES.json NOTEBOOK_URL SHOTS CHROMIUM
//
// CASES.json (written by GameWidgetTest from the Java simulator): the levels with their winning schedules,
// random schedules with the final state Java reached, and schedules whose next pick Java refused, with its reason.
//
// page  opens PAGE.html (every level, from disk): each random schedule played by the widget's own interpreter must
//       end in exactly Java's state (PCs, registers, finished, waiting for a lock, memory, deadlock, goal); each
//       refused pick must be refused with Java's reason; then every level is played by clicking its buttons:
//       winnable ones to the win message, unwinnable ones to the message that they cannot be won; undo and reset.
// site  opens every page of the exported site that holds a game and plays every level found there by clicking;
//       every level must be found somewhere.
// live  opens a notebook in a running Jupyter (classic Notebook or JupyterLab/Notebook 7), runs all cells and plays
//       every level in it by clicking.
// In every mode the browser may load nothing from the network: any request other than file: (and, in live mode,
// the Jupyter server itself) fails the check. Prints what it checked; exits 1 when something failed.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [mode, casesFile, target, shots, executable] = process.argv.slice(2);
const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
const problems = [];
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

function fail(message) {
  problems.push(message);
  console.log("FAIL " + message);
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function open(browser, url, allowedOrigin) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // A live Jupyter page has scripts of its own (seen: Notebook 7 reporting a settings "schema" error); there a page
  // error is only noted, and the games are judged by what clicking them shows.
  page.on("pageerror", (e) => allowedOrigin ? console.log(`note ${url}: page script error: ${e.message}`)
    : fail(`${url}: script error: ${e.message}`));
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith("file:") || u.startsWith("data:") || (allowedOrigin && u.startsWith(allowedOrigin))) {
      return route.continue();
    }
    fail(`${url}: the page asked the network for ${u.slice(0, 120)}`);
    return route.abort();
  });
  await page.goto(url);
  return page;
}

/** Levels shown on the page: number → count, once their widgets have mounted. */
async function mounted(page, expected, seconds) {
  try {
    await page.waitForFunction((n) => window.CourseSchedulerGame && window.CourseSchedulerGame.instances.length >= n,
      expected, { timeout: seconds * 1000 });
  } catch (e) {
    const n = await page.evaluate(() => window.CourseSchedulerGame ? window.CourseSchedulerGame.instances.length : 0);
    fail(`only ${n} of ${expected} games started on the page`);
  }
  return page.evaluate(() => window.CourseSchedulerGame ? window.CourseSchedulerGame.instances.map((g) => g.level.number) : []);
}

/** Plays one level by clicking, in the index-th game on the page showing it. */
async function playByClicking(page, level, index, where) {
  const roots = page.locator(`.course-game[id^="course-game-${level.number}-"]`);
  const root = roots.nth(index);
  await root.scrollIntoViewIfNeeded();
  await root.locator("button.cg-reset").click();
  const schedule = level.solution.length > 0 ? level.solution : level.ending;
  for (const t of schedule) {
    await root.locator(`button.cg-run[data-thread="${t}"]`).click();
  }
  const message = (await root.locator(".cg-message").innerText()).trim();
  const list = (await root.locator("code.cg-list").innerText()).trim();
  if (list !== "[" + schedule.join(", ") + "]") {
    fail(`${where} level ${level.number}: the schedule shown is ${list}, played ${schedule.join(", ")}`);
  }
  if (level.solution.length > 0) {
    if (!message.startsWith("你赢了！第 " + level.number + " 关完成")) {
      fail(`${where} level ${level.number}: no win message after its winning schedule: ${message.slice(0, 200)}`);
    } else if (!message.includes(level.explanation.slice(0, 20)) || !message.includes(level.lessonTitle)) {
      fail(`${where} level ${level.number}: the win message lacks the explanation or the lesson: ${message.slice(0, 200)}`);
    }
    if (!(await root.locator(`button.cg-run[data-thread="0"]`).isDisabled())) {
      fail(`${where} level ${level.number}: the thread buttons still work after the win`);
    }
  } else if (!message.includes("这一关赢不了")) {
    fail(`${where} level ${level.number}: after a full run the unwinnable level does not say so: ${message.slice(0, 200)}`);
  }
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await root.screenshot({ path: path.join(shots, `game-${where}-level-${level.number}.png`) });
  }
  await root.locator("button.cg-undo").click();
  const after = (await root.locator("code.cg-list").innerText()).trim();
  if (after !== "[" + schedule.slice(0, -1).join(", ") + "]") {
    fail(`${where} level ${level.number}: undo left ${after}`);
  }
  if ((await root.locator(".cg-win").count()) > 0) {
    fail(`${where} level ${level.number}: the win message stays after undoing the winning step`);
  }
  await root.locator("button.cg-reset").click();
  console.log(`ok   ${where}: level ${level.number} played by clicking (${schedule.length} steps): ${message.replace(/\s+/g, " ").slice(0, 40)}…`);
}

async function checkPage(browser) {
  const page = await open(browser, pathToFileURL(path.resolve(target)).href);
  await mounted(page, cases.levels.length, 10);
  const result = await page.evaluate((c) => {
    const games = {};
    window.CourseSchedulerGame.instances.forEach((g) => { games[g.level.number] = g; });
    const states = c.random.map((r) => {
      const e = games[r.level].engine;
      e.reset();
      for (const t of r.schedule) {
        const p = e.play(t);
        if (p) {
          return { refused: p };
        }
      }
      return e.state();
    });
    const refusals = c.refused.map((r) => {
      const e = games[r.level].engine;
      e.reset();
      r.schedule.forEach((t) => e.play(t));
      const before = JSON.stringify(e.state());
      const why = e.play(r.pick);
      return { why: why, unchanged: before === JSON.stringify(e.state()) };
    });
    return { states: states, refusals: refusals };
  }, cases);
  let equal = 0;
  result.states.forEach((s, k) => {
    if (same(s, cases.random[k].expected)) {
      equal++;
    } else if (problems.length < 20) {
      fail(`random schedule ${k} of level ${cases.random[k].level} [${cases.random[k].schedule}]: widget ${JSON.stringify(s)}, Java ${JSON.stringify(cases.random[k].expected)}`);
    }
  });
  console.log(`${equal === cases.random.length ? "ok  " : "FAIL"} ${equal} of ${cases.random.length} random schedules end in Java's state`);
  if (equal !== cases.random.length) {
    problems.push("random schedules differ");
  }
  result.refusals.forEach((r, k) => {
    const want = cases.refused[k];
    if (r.why !== want.why || !r.unchanged) {
      fail(`level ${want.level} after [${want.schedule}], picking ${want.pick}: widget says ${r.why}, Java ${want.why}`);
    }
  });
  console.log(`ok   ${result.refusals.length} refused picks (blocked or finished threads) give Java's reason`);
  const bad = await page.evaluate(() => {
    const g = window.CourseSchedulerGame.instances[0];
    g.reset();
    const why = g.play(7);
    return why;
  });
  if (!bad || !bad.startsWith("没有线程 7")) {
    fail(`picking thread 7 says ${bad}`);
  }
  for (const level of cases.levels) {
    await playByClicking(page, level, 0, "page");
  }
}

async function checkSite(browser) {
  const pages = fs.readdirSync(target, { recursive: true }).filter((f) => f.endsWith(".html"))
    .filter((f) => fs.readFileSync(path.join(target, f), "utf8").includes('data-course-widget="scheduler-game"'));
  const found = new Set();
  for (const rel of pages) {
    const html = fs.readFileSync(path.join(target, rel), "utf8");
    const expected = (html.match(/data-course-widget="scheduler-game"/g) || []).length;
    const page = await open(browser, pathToFileURL(path.join(target, rel)).href);
    const shown = await mounted(page, expected, 10);
    const seen = {};
    for (const n of shown) {
      const level = cases.levels.find((l) => l.number === n);
      seen[n] = (seen[n] || 0);
      await playByClicking(page, level, seen[n]++, "site-" + path.basename(rel, ".html"));
      found.add(n);
    }
    await page.close();
  }
  const missing = cases.levels.map((l) => l.number).filter((n) => !found.has(n));
  if (missing.length > 0) {
    fail(`levels ${missing.join(", ")} appear on no page of the site`);
  }
  console.log(`ok   site: ${pages.length} pages with games, levels ${[...found].sort((a, b) => a - b).join(", ")}`);
}

async function checkLive(browser) {
  const origin = new URL(target).origin;
  const page = await open(browser, target, origin);
  const kind = await page.waitForFunction(() => window.Jupyter && window.Jupyter.notebook && window.Jupyter.notebook.kernel
    ? "classic" : document.querySelector(".jp-Notebook") ? "lab" : null, null, { timeout: 60000 }).then((h) => h.jsonValue());
  if (kind === "classic") {
    // The kernel answers the UI's first kernel_info_request only once its shell handlers are up; under load it may
    // miss it and the classic UI never asks again: restart the kernel then (said in the output, not hidden).
    for (let attempt = 1; ; attempt++) {
      const ready = await page.waitForFunction(() => window.Jupyter.notebook.kernel.is_connected(), null,
        { timeout: 30000 }).then(() => true, () => false);
      if (ready) {
        break;
      }
      if (attempt === 3) {
        fail("the classic Notebook's kernel never became ready (3 tries)");
        return;
      }
      console.log(`note live: the kernel did not answer the Notebook's first kernel_info_request; restarting it (try ${attempt})`);
      await page.evaluate(() => window.Jupyter.notebook.kernel.restart());
    }
    // The notebook's first cell prints "kernel ready": run it until it has (a kernel just started may lose it).
    for (let attempt = 1; ; attempt++) {
      await page.evaluate(() => window.Jupyter.notebook.execute_cells([0]));
      const ok = await page.waitForFunction(() => window.Jupyter.notebook.get_cell(0).output_area.outputs
        .some((o) => String(o.text || "").includes("kernel ready")), null, { timeout: 15000 }).then(() => true, () => false);
      if (ok) {
        break;
      }
      if (attempt === 4) {
        fail("the first cell never ran in the classic Notebook");
        return;
      }
      console.log(`note live: the first cell printed nothing; running it again (try ${attempt})`);
    }
    await page.evaluate(() => window.Jupyter.notebook.execute_cells_below(1));
  } else {
    await page.waitForSelector(".jp-Notebook .jp-Cell", { timeout: 60000 });
    await page.waitForFunction(() => /Idle|空闲/.test(document.body.innerText), null, { timeout: 90000 }).catch(() => {});
    await page.locator(".jp-Notebook").first().click();
    const menu = page.locator(".lm-MenuBar-itemLabel", { hasText: "Run" }).first();
    await menu.click();
    await page.locator(".lm-Menu-itemLabel", { hasText: "Run All Cells" }).first().click();
  }
  const shown = await mounted(page, cases.levels.length, 90);
  console.log(`ok   live (${kind}): ${shown.length} games started`);
  const seen = {};
  for (const n of shown) {
    const level = cases.levels.find((l) => l.number === n);
    seen[n] = seen[n] || 0;
    await playByClicking(page, level, seen[n]++, "live-" + kind);
  }
}

const browser = await chromium.launch({ executablePath: executable, headless: true, args: FLAGS });
try {
  if (mode === "page") {
    await checkPage(browser);
  } else if (mode === "site") {
    await checkSite(browser);
  } else if (mode === "live") {
    await checkLive(browser);
  } else {
    fail("unknown mode " + mode);
  }
} catch (e) {
  fail(`${mode}: ${e.stack || e}`);
} finally {
  await browser.close();
}
console.log(problems.length === 0 ? `${mode}: all checks passed` : `${mode}: ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
