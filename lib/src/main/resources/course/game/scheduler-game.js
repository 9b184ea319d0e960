/*
 * 你来当调度器: the scheduler game of the course, as a widget in a notebook cell's HTML output.
 *
 * Plain JavaScript with no dependencies and no network: course.game.Level embeds this file inline, followed by
 * CourseSchedulerGame.mount(id, level). The interpreter (Engine) mirrors the Java simulator instruction by
 * instruction (course.cpu.ThreadContext#execute, Cpu#waitingFor, Cpu#deadlocked, course.game.Goal); the test run
 * plays random schedules here and in Java and compares every final state.
 *
 * Mounting works where Jupyter front ends run output scripts: the classic Notebook (jQuery evaluates the script,
 * maybe before the output is in the page), JupyterLab 4 / Notebook 7 (trusted outputs: the script is re-created
 * inside the output), and a static page exported by nbconvert.
 */
(function () {
  "use strict";
  if (window.CourseSchedulerGame) {
    return;
  }
  var REGISTERS = ["A", "B", "C", "D"];

  // ---------------------------------------------------------------- the machine
  function Engine(level) {
    this.level = level;
    this.code = level.threads.map(function (p) {
      var byAddress = {};
      p.code.forEach(function (i) { byAddress[i.address] = i; });
      return byAddress;
    });
    this.reset();
  }

  Engine.prototype.reset = function () {
    var memory = {};
    this.level.memory.forEach(function (m) { memory[m.address] = m.value; });
    this.memory = memory;
    this.threads = this.level.threads.map(function (p) {
      return { pc: p.start, registers: [0, 0, 0, 0], halted: false };
    });
    this.schedule = [];
    this.saved = [];
    this.last = "";
  };

  Engine.prototype.read = function (address) {
    return this.memory[address] === undefined ? 0 : this.memory[address];
  };

  Engine.prototype.pending = function (t) {
    var th = this.threads[t];
    return th.halted ? null : this.code[t][th.pc];
  };

  /** The lock address thread t waits for, or -1 (Cpu#waitingFor). */
  Engine.prototype.waitingFor = function (t) {
    var i = this.pending(t);
    return i && i.op === "LOCK" && this.read(i.n) !== 0 ? i.n : -1;
  };

  Engine.prototype.runnable = function (t) {
    return !this.threads[t].halted && this.waitingFor(t) < 0;
  };

  Engine.prototype.halted = function () {
    return this.threads.every(function (th) { return th.halted; });
  };

  /** Some thread unfinished and none can run (Cpu#deadlocked). */
  Engine.prototype.deadlocked = function () {
    var open = false;
    for (var t = 0; t < this.threads.length; t++) {
      if (this.runnable(t)) {
        return false;
      }
      open = open || !this.threads[t].halted;
    }
    return open;
  };

  /** Why thread t cannot run now, in Chinese, or null (Cpu#whyNot). */
  Engine.prototype.whyNot = function (t) {
    var name = "T" + (t + 1);
    if (t < 0 || t >= this.threads.length || t !== Math.floor(t)) {
      return "没有线程 " + t + "：线程编号从 0 开始，这一关有 " + this.threads.length + " 个线程";
    }
    if (this.threads[t].halted) {
      return "线程 " + name + " 已经结束了，不能再执行";
    }
    var lock = this.waitingFor(t);
    if (lock < 0) {
      return null;
    }
    var owner = this.read(lock);
    var holder = owner === t + 1 ? "它自己拿着这把锁（锁不可重入：再 LOCK 一次就永远等下去）" : "锁被 T" + owner + " 拿着";
    return "线程 " + name + " 在等锁 " + lock + "（" + holder + "），被阻塞了，现在不能执行" +
      (this.deadlocked() ? "；而且所有没结束的线程都在等锁：死锁了，谁也不能再执行" : "：先调度别的线程");
  };

  /** Thread t executes its next whole instruction; returns null, or why it could not (nothing changes then). */
  Engine.prototype.play = function (t) {
    var why = this.whyNot(t);
    if (why) {
      return why;
    }
    var snapshot = JSON.stringify({ threads: this.threads, memory: this.memory, last: this.last });
    var problem = this.execute(t);
    if (problem) {
      var back = JSON.parse(snapshot);
      this.threads = back.threads;
      this.memory = back.memory;
      return problem;
    }
    this.saved.push(snapshot);
    this.schedule.push(t);
    return null;
  };

  Engine.prototype.undo = function () {
    if (this.saved.length === 0) {
      return false;
    }
    var back = JSON.parse(this.saved.pop());
    this.threads = back.threads;
    this.memory = back.memory;
    this.last = back.last;
    this.schedule.pop();
    return true;
  };

  /** The ALU, the bus and the lock: course.cpu.ThreadContext#execute. Values stay small in the levels. */
  Engine.prototype.execute = function (t) {
    var th = this.threads[t], i = this.code[t][th.pc], r = th.registers, m = this.memory;
    var next = th.pc + 4, name = "T" + (t + 1), note;
    switch (i.op) {
      case "LOAD": r[i.r[0]] = this.read(i.n); note = REGISTERS[i.r[0]] + " ← 内存[" + i.n + "] = " + r[i.r[0]]; break;
      case "STORE": m[i.n] = r[i.r[0]]; note = "内存[" + i.n + "] ← " + REGISTERS[i.r[0]] + " = " + r[i.r[0]]; break;
      case "SET": r[i.r[0]] = i.n; note = REGISTERS[i.r[0]] + " ← " + i.n; break;
      case "ADD": r[i.r[0]] = r[i.r[1]] + r[i.r[2]]; note = REGISTERS[i.r[0]] + " = " + r[i.r[0]]; break;
      case "SUB": r[i.r[0]] = r[i.r[1]] - r[i.r[2]]; note = REGISTERS[i.r[0]] + " = " + r[i.r[0]]; break;
      case "MUL": r[i.r[0]] = r[i.r[1]] * r[i.r[2]]; note = REGISTERS[i.r[0]] + " = " + r[i.r[0]]; break;
      case "ADDI": r[i.r[0]] = r[i.r[1]] + i.n; note = REGISTERS[i.r[0]] + " = " + r[i.r[0]]; break;
      case "JMP": next = i.n; note = "跳到 " + i.n; break;
      case "JZ": if (r[i.r[0]] === 0) { next = i.n; } note = next === i.n ? "条件成立，跳转" : "条件不成立，不跳"; break;
      case "JNZ": if (r[i.r[0]] !== 0) { next = i.n; } note = next === i.n ? "条件成立，跳转" : "条件不成立，不跳"; break;
      case "LOCK": m[i.n] = t + 1; note = name + " 拿到了锁 " + i.n; break;
      case "UNLOCK": {
        var held = this.read(i.n);
        if (held !== t + 1) {
          return "第 " + i.line + " 行 \"" + i.source + "\"：线程 " + name + " 没有拿着锁 " + i.n + "（锁现在" +
            (held === 0 ? "空着" : "被 T" + held + " 拿着") + "），不能解锁：只有拿着锁的线程才能 UNLOCK。";
        }
        m[i.n] = 0;
        note = name + " 放开了锁 " + i.n;
        break;
      }
      case "CAS": {
        var ok = this.read(i.n) === r[i.r[0]];
        if (ok) {
          m[i.n] = r[i.r[1]];
        }
        r[i.r[0]] = ok ? 1 : 0;
        note = ok ? "CAS 成功：内存[" + i.n + "] ← " + m[i.n] : "CAS 失败：内存[" + i.n + "] 已经被别人改了，什么都没写";
        break;
      }
      case "HALT": note = "停机"; break;
      default: return "不认识的指令 " + i.op;
    }
    th.pc = next;
    th.halted = i.op === "HALT" || th.pc === this.level.threads[t].end;
    this.last = name + " 执行了 " + i.source + "：" + note + (th.halted ? "；" + name + " 结束了" : "");
    return null;
  };

  /** Whether the level's goal holds now (course.game.Goal#reached). */
  Engine.prototype.won = function () {
    var g = this.level.goal;
    function compare(v) {
      return g.compare === "==" ? v === g.value : v >= g.value;
    }
    switch (g.kind) {
      case "final": return this.halted() && compare(this.read(g.address));
      case "reach": return compare(this.read(g.address));
      case "deadlock": return this.deadlocked();
      case "together": return this.threads.every(function (th) {
        return !th.halted && th.pc >= g.from && th.pc < g.to;
      });
      default: return false;
    }
  };

  /** Everything the Java side compares: PCs, registers, finished, waiting, memory, deadlock, goal. */
  Engine.prototype.state = function () {
    var self = this, memory = {};
    Object.keys(this.memory).sort(function (a, b) { return a - b; }).forEach(function (a) {
      memory[a] = self.memory[a];
    });
    return {
      threads: this.threads.map(function (th, t) {
        return { pc: th.pc, halted: th.halted, registers: th.registers.slice(), waitingFor: self.waitingFor(t) };
      }),
      memory: memory,
      deadlocked: this.deadlocked(),
      won: this.won()
    };
  };

  // ---------------------------------------------------------------- the page
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function lessonLink(level) {
    var page = String(window.location && window.location.pathname || "");
    var ext = /\.html?$/i.test(page) ? ".html" : ".ipynb";
    var a = el("a", "cg-lesson", level.lessonTitle);
    a.href = encodeURI(level.lessonFile + ext);
    a.target = "_blank";
    return a;
  }

  function Game(root, level) {
    this.root = root;
    this.level = level;
    this.engine = new Engine(level);
    this.tried = false;
    this.won = false;
    this.message = "";
    this.build();
    this.render();
  }

  Game.prototype.build = function () {
    var self = this, level = this.level, root = this.root;
    var fallback = root.querySelector(".cg-static");
    if (fallback) { fallback.style.display = "none"; }
    var box = el("div", "cg-box");
    box.appendChild(el("div", "cg-title", "你来当调度器 · 第 " + level.number + " 关：" + level.title));
    box.appendChild(el("p", "cg-story", level.story));
    box.appendChild(el("p", "cg-goal", "目标：" + level.goalText));
    var grid = el("div", "cg-grid");
    this.columns = level.threads.map(function (p, t) {
      var col = el("div", "cg-thread");
      var head = el("div", "cg-thread-head");
      head.appendChild(el("b", null, "T" + (t + 1)));
      var status = el("span", "cg-status");
      head.appendChild(status);
      col.appendChild(head);
      var table = el("table", "cg-code"), rows = {};
      p.code.forEach(function (i) {
        var tr = el("tr");
        tr.appendChild(el("td", "cg-addr", String(i.address)));
        tr.appendChild(el("td", "cg-text", i.text));
        table.appendChild(tr);
        rows[i.address] = tr;
      });
      col.appendChild(table);
      var regs = el("div", "cg-regs");
      col.appendChild(regs);
      var button = el("button", "cg-run", "T" + (t + 1) + " 执行下一条");
      button.type = "button";
      button.setAttribute("data-thread", String(t));
      button.addEventListener("click", function () { self.play(t); });
      col.appendChild(button);
      grid.appendChild(col);
      return { status: status, rows: rows, regs: regs, button: button };
    });
    var side = el("div", "cg-side");
    side.appendChild(el("div", "cg-side-head", "共享内存"));
    this.memoryTable = el("table", "cg-memory");
    side.appendChild(this.memoryTable);
    if (level.locks.length > 0) {
      side.appendChild(el("div", "cg-side-head", "锁"));
      this.lockList = el("div", "cg-locks");
      side.appendChild(this.lockList);
    }
    grid.appendChild(side);
    box.appendChild(grid);
    var controls = el("div", "cg-controls");
    this.undoButton = el("button", "cg-undo", "撤销一步");
    this.undoButton.type = "button";
    this.undoButton.addEventListener("click", function () { self.undo(); });
    this.resetButton = el("button", "cg-reset", "重来");
    this.resetButton.type = "button";
    this.resetButton.addEventListener("click", function () { self.reset(); });
    controls.appendChild(this.undoButton);
    controls.appendChild(this.resetButton);
    box.appendChild(controls);
    this.last = el("div", "cg-last");
    box.appendChild(this.last);
    this.scheduleLine = el("div", "cg-schedule");
    box.appendChild(this.scheduleLine);
    this.messageBox = el("div", "cg-message");
    box.appendChild(this.messageBox);
    root.appendChild(box);
  };

  Game.prototype.play = function (t) {
    if (this.won) {
      return "已经赢了：点“撤销一步”或“重来”可以再玩";
    }
    var problem = this.engine.play(t);
    this.message = problem || "";
    if (!problem) {
      this.won = this.engine.won();
      if (!this.won && (this.engine.halted() || this.engine.deadlocked())) {
        this.tried = true;
      }
    }
    this.render();
    return problem;
  };

  Game.prototype.undo = function () {
    this.engine.undo();
    this.won = this.engine.won();
    this.message = "";
    this.render();
  };

  Game.prototype.reset = function () {
    this.engine.reset();
    this.won = false;
    this.message = "";
    this.render();
  };

  Game.prototype.render = function () {
    var e = this.engine, level = this.level, self = this;
    this.columns.forEach(function (c, t) {
      var th = e.threads[t], lock = e.waitingFor(t);
      Object.keys(c.rows).forEach(function (a) {
        c.rows[a].className = !th.halted && Number(a) === th.pc ? (lock >= 0 ? "cg-pc cg-blocked" : "cg-pc") : "";
      });
      c.status.textContent = th.halted ? "已结束" : lock >= 0 ? "在等锁 " + lock : "可运行";
      c.status.className = "cg-status " + (th.halted ? "cg-done" : lock >= 0 ? "cg-wait" : "cg-ready");
      c.regs.textContent = REGISTERS.map(function (r, k) { return r + " = " + th.registers[k]; }).join("   ");
      c.button.disabled = self.won;
      c.button.className = "cg-run" + (e.runnable(t) ? "" : " cg-cannot");
      c.button.title = e.whyNot(t) || "";
    });
    this.memoryTable.textContent = "";
    level.memory.forEach(function (m) {
      var tr = el("tr");
      tr.appendChild(el("td", "cg-addr", String(m.address)));
      tr.appendChild(el("td", "cg-name", m.name));
      tr.appendChild(el("td", "cg-value", String(e.read(m.address))));
      self.memoryTable.appendChild(tr);
    });
    if (this.lockList) {
      this.lockList.textContent = "";
      level.locks.forEach(function (a) {
        var owner = e.read(a);
        self.lockList.appendChild(el("div", owner === 0 ? "cg-free" : "cg-held",
          a + "：" + (owner === 0 ? "空着" : "T" + owner + " 拿着")));
      });
    }
    this.undoButton.disabled = e.schedule.length === 0;
    this.last.textContent = e.last ? "上一步：" + e.last : "还没有执行任何指令：点一个线程的按钮，让它执行下一条指令。";
    var list = e.schedule.join(", ");
    this.scheduleLine.textContent = "";
    this.scheduleLine.appendChild(el("span", null, "调度（每项是执行一整条指令的线程，从 0 开始）："));
    this.scheduleLine.appendChild(el("code", "cg-list", "[" + list + "]"));
    this.scheduleLine.appendChild(el("br"));
    this.scheduleLine.appendChild(el("span", null, "在 Java 里重放："));
    this.scheduleLine.appendChild(el("code", "cg-replay", "SchedulerGame.level(" + level.number + ").cpu().run(" + list + ")"));
    this.renderMessage();
  };

  Game.prototype.renderMessage = function () {
    var e = this.engine, level = this.level, box = this.messageBox;
    box.textContent = "";
    box.className = "cg-message";
    function explain(prefix) {
      box.appendChild(el("p", null, prefix + level.explanation));
      var p = el("p", null, "讲这个道理的是 ");
      p.appendChild(lessonLink(level));
      p.appendChild(document.createTextNode("。"));
      box.appendChild(p);
    }
    if (this.won) {
      box.className = "cg-message cg-win";
      box.appendChild(el("p", "cg-win-title", "你赢了！第 " + level.number + " 关完成，用了 " + e.schedule.length + " 步。"));
      explain("");
      return;
    }
    if (this.message) {
      box.className = "cg-message cg-problem";
      box.appendChild(el("p", null, this.message));
      return;
    }
    var ended = e.halted() || e.deadlocked();
    if (!ended && !(this.tried && !level.winnable)) {
      return;
    }
    if (ended) {
      box.appendChild(el("p", null, (e.deadlocked() ? "死锁了：所有没结束的线程都在等锁。" : "所有线程都结束了。") +
        "没有达成目标。点“撤销一步”退回去，或者“重来”，换一种调度再试。"));
    }
    if (!level.winnable && this.tried) {
      box.className = "cg-message cg-proof";
      explain("");
    }
  };

  // ---------------------------------------------------------------- mounting
  var instances = [];

  function mount(id, level) {
    var script = document.currentScript;
    var tries = 0;
    function find() {
      var before = script && script.previousElementSibling;
      if (before && before.id === id) {
        return before;
      }
      return document.getElementById(id);
    }
    function attempt() {
      var root = find();
      if (root && !root.courseGame) {
        root.courseGame = new Game(root, level);
        instances.push(root.courseGame);
      } else if (!root && tries++ < 200) {
        setTimeout(attempt, 25);
      }
    }
    attempt();
  }

  window.CourseSchedulerGame = { mount: mount, Engine: Engine, instances: instances };
})();
