package course.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import course.base.Args;

/**
 * A tiny CPU with PC, IR, data registers A–D, an ALU and word-addressed memory, one step at a time.
 *
 * <p>一台玩具 CPU：程序计数器 PC（program counter，存下一条指令的地址）、指令寄存器 IR（instruction
 * register，存正在执行的指令）、数据寄存器 A/B/C/D、算术逻辑单元 ALU，以及按字（4 字节）寻址的内存。
 * 每次 {@link #step()} 做一个阶段（取指、译码或执行），返回一条不可变的 {@link CpuStep} 记录。
 *
 * <pre>{@code
 * Cpu cpu = Cpu.load("""
 *         DATA 2000, 6
 *         DATA 2004, 7
 *         LOAD A, 2000
 *         LOAD B, 2004
 *         MUL C, A, B
 *         STORE C, 2008
 *         """);
 * List<CpuStep> trace = cpu.run();   // 4 条指令 × 3 个阶段 = 12 步
 * cpu.peek(2008);                     // 42
 * }</pre>
 *
 * <p>执行完最后一条指令（PC 走出程序）或执行 HALT 时，程序结束。每个线程最多执行
 * {@link #DEFAULT_STEP_LIMIT} 步（可用 {@link #stepLimit(int)} 改），超过就抛出 {@link CpuFault}：
 * 停不下来的程序不会卡住笔记本。没有循环的程序（没有往回跳的指令）每条指令只执行一次，碰不到这个上限。
 *
 * <p>{@link #threads(String...)} 造一台有几个线程的 CPU：每个线程有自己的上下文 {@link ThreadContext}
 * （PC、IR 和寄存器），内存是共享的；{@link #run(int...)} 按给定的调度（每一项 = 哪个线程执行一整条指令）运行。
 * 线程执行 {@code LOCK 地址} 时锁被别人拿着，就被<b>阻塞</b>（blocked），不能被调度；所有没结束的线程都被阻塞时，
 * 就是<b>死锁</b>（deadlock）：{@link #deadlocked()}。
 *
 * <p>Thread safety: not thread-safe; one notebook cell drives it.
 */
public final class Cpu {

    /** Default maximum number of steps (phases) per thread: 10 000 instructions. */
    public static final int DEFAULT_STEP_LIMIT = 30_000;

    private final Program[] programs;
    private final long[] memory;
    private final TreeSet<Integer> shown = new TreeSet<>();
    private final ThreadContext[] contexts;
    private int stepLimit = DEFAULT_STEP_LIMIT;
    private int number;
    private CpuStep last;

    private Cpu(Program... programs) {
        if (programs.length == 0) {
            throw new IllegalArgumentException("programs (0) must not be empty / 至少要有一个线程的程序");
        }
        this.programs = programs.clone();
        int size = programs[0].memorySize();
        for (Program p : programs) {
            if (p.memorySize() != size) {
                throw new IllegalArgumentException("memory sizes (" + p.memorySize() + " vs " + size
                        + ") must be equal / 所有线程共享同一块内存，大小要一样");
            }
        }
        memory = new long[size / Program.WORD];
        contexts = new ThreadContext[programs.length];
        for (int t = 0; t < programs.length; t++) {
            Program p = programs[t];
            p.data().forEach((a, v) -> {
                memory[a / Program.WORD] = v;
                shown.add(a);
            });
            for (Instruction i : p.instructions()) {
                if (i.memoryAddress() >= 0) {
                    shown.add(i.memoryAddress());
                }
            }
            contexts[t] = new ThreadContext(t, p);
        }
    }

    /** A one-thread CPU with {@code source} assembled from address 100. */
    public static Cpu load(String source) {
        return new Cpu(Program.parse(source));
    }

    /** A one-thread CPU running {@code program}. */
    public static Cpu load(Program program) {
        return new Cpu(program);
    }

    /** A CPU with one thread per source text, all over one shared memory. */
    public static Cpu threads(String... sources) {
        return new Cpu(Arrays.stream(sources).map(Program::parse).toArray(Program[]::new));
    }

    /** A CPU with one thread per program, all over one shared memory. */
    public static Cpu threads(Program... programs) {
        return new Cpu(programs);
    }

    /** The same program run by {@code count} threads (like two threads running one method). */
    public static Cpu threads(String source, int count) {
        Args.positive("count", count, "线程数");
        Program p = Program.parse(source);
        Program[] ps = new Program[count];
        Arrays.fill(ps, p);
        return new Cpu(ps);
    }

    /**
     * Sets the maximum number of steps each thread may take before it is stopped as a run-away.
     *
     * @throws IllegalArgumentException when {@code limit} is not positive
     */
    public Cpu stepLimit(int limit) {
        this.stepLimit = Args.positive("stepLimit", limit, "步数上限");
        return this;
    }

    /** Writes {@code value} at a data address before (or between) steps. */
    public Cpu poke(int address, long value) {
        checkAddress(address);
        memory[address / Program.WORD] = value;
        shown.add(address);
        return this;
    }

    /** The word at {@code address}. */
    public long peek(int address) {
        checkAddress(address);
        return memory[address / Program.WORD];
    }

    private void checkAddress(int address) {
        int size = programs[0].memorySize();
        if (address < 0 || address >= size || address % Program.WORD != 0) {
            throw new IllegalArgumentException("address (" + address + ") must be a multiple of 4 in 0.." + (size - 4)
                    + " / 地址要是 0 到 " + (size - 4) + " 之间 4 的倍数");
        }
    }

    /** Number of threads. */
    public int threadCount() {
        return programs.length;
    }

    /** The program of thread 0. */
    public Program program() {
        return programs[0];
    }

    /** The program of thread {@code t}. */
    public Program program(int t) {
        return programs[checkThread(t)];
    }

    /** A copy of thread {@code t}'s context: PC, IR, next phase, registers. */
    public ThreadContext context(int t) {
        return contexts[checkThread(t)].copy();
    }

    /** Program counter of thread 0. */
    public int pc() {
        return contexts[0].pc();
    }

    /** A register of thread 0. */
    public long register(Register r) {
        return contexts[0].register(r);
    }

    /** A register of thread {@code t}. */
    public long register(int t, Register r) {
        return contexts[checkThread(t)].register(r);
    }

    /** Whether every thread has finished. */
    public boolean halted() {
        return Arrays.stream(contexts).allMatch(ThreadContext::halted);
    }

    /** Whether thread {@code t} has finished. */
    public boolean halted(int t) {
        return contexts[checkThread(t)].halted();
    }

    /** The lock address thread {@code t} waits for (its next instruction is a LOCK of a taken lock), or -1. */
    public int waitingFor(int t) {
        return contexts[checkThread(t)].blockedOn(memory);
    }

    /** Whether thread {@code t} can execute now: not finished and not waiting for a lock. */
    public boolean runnable(int t) {
        return !halted(t) && waitingFor(t) < 0;
    }

    /** Whether some thread has not finished and every such thread waits for a lock: nobody can ever go on. */
    public boolean deadlocked() {
        boolean open = false;
        for (int t = 0; t < contexts.length; t++) {
            if (runnable(t)) {
                return false;
            }
            open |= !contexts[t].halted();
        }
        return open;
    }

    /** The most recent step, or null before the first. */
    public CpuStep lastStep() {
        return last;
    }

    /** Data words known to the program (DATA lines, addresses in instructions, pokes): address → value. */
    public SortedMap<Integer, Long> memory() {
        SortedMap<Integer, Long> m = new TreeMap<>();
        for (int a : shown) {
            m.put(a, memory[a / Program.WORD]);
        }
        return m;
    }

    private int checkThread(int t) {
        if (t < 0 || t >= programs.length) {
            throw new IllegalArgumentException("thread (" + t + ") must be in 0.." + (programs.length - 1)
                    + " / 线程编号从 0 开始，这台 CPU 有 " + programs.length + " 个线程");
        }
        return t;
    }

    /**
     * Performs the next phase of the only thread.
     *
     * @throws IllegalStateException when there are several threads (use {@link #step(int)}) or the program has ended
     * @throws CpuFault              when the step limit is reached
     */
    public CpuStep step() {
        if (programs.length != 1) {
            throw new IllegalStateException("this CPU has " + programs.length
                    + " threads: say which one runs with step(thread) / 有多个线程时要用 step(线程编号) 指定谁执行");
        }
        return step(0);
    }

    /**
     * Performs the next phase (fetch, decode or execute) of thread {@code t}.
     *
     * @throws IllegalStateException when the thread has finished or waits for a lock
     * @throws CpuFault              when the step limit is reached, or UNLOCK releases a lock the thread does not hold
     */
    public CpuStep step(int t) {
        String why = whyNot(t);
        if (why != null) {
            throw new IllegalStateException("thread T" + (t + 1) + " cannot run / " + why);
        }
        ThreadContext c = contexts[t];
        Program p = programs[t];
        if (c.steps() >= stepLimit) {
            throw runaway(c);
        }
        CpuPhase phase = c.nextPhase();
        int address = phase == CpuPhase.FETCH ? c.pc() : c.ir().address();
        ThreadContext.Effect e = c.step(memory);
        String note;
        CpuStep.MemoryWrite written = null;
        if (e == null) {
            Instruction i = c.ir();
            note = phase == CpuPhase.FETCH
                    ? "按 PC=" + address + " 从内存取出指令 \"" + i.text() + "\"，放进指令寄存器 IR"
                    : i.opcode() + "：" + i.opcode().meaning();
        } else {
            note = CpuNotes.describe(e, c);
            if (e.written() >= 0) {
                written = new CpuStep.MemoryWrite(e.written(), memory[e.written() / Program.WORD]);
                shown.add(e.written());
            }
            if (c.halted() && e.instruction().opcode() != Opcode.HALT) {
                note += "；PC 走出了程序，程序结束";
            }
        }
        Instruction ir = c.ir();
        last = new CpuStep(++number, t, phase, address, c.pc(), ir == null ? "" : ir.text(),
                ir == null ? 0 : ir.line(), c.registers(), written, memory(), note, p, c.halted());
        return last;
    }

    /** Why thread {@code t} cannot do a step now (in Chinese), or null when it can. */
    private String whyNot(int t) {
        checkThread(t);
        if (contexts[t].halted()) {
            return "线程 T" + (t + 1) + " 已经结束了，不能再执行";
        }
        int lock = waitingFor(t);
        if (lock < 0) {
            return null;
        }
        long owner = memory[lock / Program.WORD];
        String holder = owner == t + 1 ? "它自己拿着这把锁（锁不可重入：再 LOCK 一次就永远等下去）" : "锁被 T" + owner + " 拿着";
        return "线程 T" + (t + 1) + " 在等锁 " + lock + "（" + holder + "），被阻塞了，现在不能执行"
                + (deadlocked() ? "；而且所有没结束的线程都在等锁：死锁了，谁也不能再执行" : "：先调度别的线程");
    }

    private CpuFault runaway(ThreadContext c) {
        Instruction i = c.pending();
        Program p = c.program();
        String what = p.hasLoop()
                ? "程序还没有停下。它有往回跳的指令（循环）：是不是少了 HALT，或者循环的跳转条件永远成立？"
                : "程序还没有结束。这个程序没有循环，" + p.instructions().size() + " 条指令最多 "
                + 3 * p.instructions().size() + " 步就结束：请用 stepLimit(…) 把上限调大。";
        return new CpuFault(i.line(), i.source(), "线程 " + c.name() + " 已经执行了 " + stepLimit
                + " 步（取指、译码、执行各算一步，上限 stepLimit = " + stepLimit + "），" + what);
    }

    /** Runs thread {@code t} through the remaining phases of its current instruction (three steps from a fetch). */
    public List<CpuStep> instruction(int t) {
        List<CpuStep> out = new ArrayList<>();
        do {
            out.add(step(t));
        } while (contexts[t].nextPhase() != CpuPhase.FETCH);
        return out;
    }

    /**
     * Runs the only thread until it halts (or waits for a lock it holds itself: a deadlock) and returns every step.
     *
     * @throws CpuFault when the step limit is reached
     */
    public List<CpuStep> run() {
        if (programs.length != 1) {
            throw new IllegalStateException("this CPU has " + programs.length
                    + " threads: give a schedule, run(0, 1, 0, …) / 有多个线程时要给出调度顺序 run(0, 1, 0, …)");
        }
        List<CpuStep> out = new ArrayList<>();
        while (runnable(0)) {
            out.add(step(0));
        }
        return out;
    }

    /**
     * Runs whole instructions in the given order: each entry is the 0-based thread that executes its next
     * instruction (fetch, decode and execute). 每一项是一个线程编号：该线程执行完整的下一条指令。
     * When the schedule ends in a deadlock, {@link #deadlocked()} says so.
     *
     * @throws IllegalArgumentException when an entry names a thread that does not exist, has finished or waits for
     *                                  a lock
     */
    public List<CpuStep> run(int... schedule) {
        List<CpuStep> out = new ArrayList<>();
        for (int k = 0; k < schedule.length; k++) {
            int t = schedule[k];
            if (t < 0 || t >= programs.length) {
                throw new IllegalArgumentException("schedule[" + k + "] (" + t + ") must be a thread in 0.."
                        + (programs.length - 1) + " / 调度里第 " + (k + 1) + " 项不是存在的线程（编号从 0 开始，这台 CPU 有 "
                        + programs.length + " 个线程）");
            }
            String why = whyNot(t);
            if (why != null) {
                throw new IllegalArgumentException("schedule[" + k + "] (" + t + ") names a thread that cannot run / 调度里第 "
                        + (k + 1) + " 项：" + why);
            }
            out.addAll(instruction(t));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < contexts.length; t++) {
            sb.append(contexts[t]);
            int lock = waitingFor(t);
            if (lock >= 0) {
                sb.append(" (在等锁 ").append(lock).append(')');
            }
            sb.append('\n');
        }
        memory().forEach((a, v) -> sb.append(String.format(Locale.ROOT, "内存[%d] = %d%n", a, v)));
        if (deadlocked()) {
            sb.append("死锁：所有没结束的线程都在等锁\n");
        }
        return sb.toString();
    }
}
