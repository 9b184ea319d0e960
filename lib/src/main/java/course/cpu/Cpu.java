package course.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * 停不下来的程序不会卡住笔记本。
 *
 * <p>{@link #threads(String...)} 造一台有几个线程的 CPU：每个线程有自己的 PC、IR 和寄存器，
 * 内存是共享的；{@link #run(int...)} 按给定的调度（每一项 = 哪个线程执行一整条指令）运行。
 * Not thread-safe: one notebook cell drives it.
 */
public final class Cpu {

    /** Default maximum number of steps (phases) per thread. */
    public static final int DEFAULT_STEP_LIMIT = 1000;

    private final Program[] programs;
    private final long[] memory;
    private final TreeSet<Integer> shown = new TreeSet<>();
    private final int[] pc;
    private final Instruction[] ir;
    private final CpuPhase[] next;
    private final long[][] regs;
    private final boolean[] halted;
    private final int[] steps;
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
        for (Program p : programs) {
            p.data().forEach((a, v) -> {
                memory[a / Program.WORD] = v;
                shown.add(a);
            });
            for (Instruction i : p.instructions()) {
                if (i.opcode() == Opcode.LOAD || i.opcode() == Opcode.STORE) {
                    shown.add((int) i.number());
                }
            }
        }
        int n = programs.length;
        pc = new int[n];
        ir = new Instruction[n];
        next = new CpuPhase[n];
        regs = new long[n][Register.values().length];
        halted = new boolean[n];
        steps = new int[n];
        for (int t = 0; t < n; t++) {
            pc[t] = programs[t].start();
            next[t] = CpuPhase.FETCH;
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
        if (count <= 0) {
            throw new IllegalArgumentException("count (" + count + ") must be positive / 线程数要大于 0");
        }
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
        if (limit <= 0) {
            throw new IllegalArgumentException("stepLimit (" + limit + ") must be positive / 步数上限要大于 0");
        }
        this.stepLimit = limit;
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

    /** Program counter of thread 0. */
    public int pc() {
        return pc[0];
    }

    /** A register of thread 0. */
    public long register(Register r) {
        return regs[0][r.ordinal()];
    }

    /** A register of thread {@code t}. */
    public long register(int t, Register r) {
        return regs[checkThread(t)][r.ordinal()];
    }

    /** Whether every thread has finished. */
    public boolean halted() {
        for (boolean h : halted) {
            if (!h) {
                return false;
            }
        }
        return true;
    }

    /** Whether thread {@code t} has finished. */
    public boolean halted(int t) {
        return halted[checkThread(t)];
    }

    /** The most recent step, or null before the first. */
    public CpuStep lastStep() {
        return last;
    }

    /** Data words known to the program (DATA lines, LOAD/STORE addresses, pokes): address → value. */
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

    /** Performs the next phase (fetch, decode or execute) of thread {@code t}. */
    public CpuStep step(int t) {
        checkThread(t);
        if (halted[t]) {
            throw new IllegalStateException("thread T" + (t + 1) + " has halted / 线程 T" + (t + 1) + " 已经结束了，不能再执行");
        }
        Program p = programs[t];
        if (steps[t] >= stepLimit) {
            Instruction at = p.at(pc[t]);
            Instruction i = ir[t] != null ? ir[t] : at;
            throw new CpuFault(i.line(), i.source(), "已经执行了 " + stepLimit + " 步（取指、译码、执行各算一步），"
                    + "程序还没有停下：是不是少了 HALT，或者循环的跳转条件永远成立？");
        }
        steps[t]++;
        CpuPhase phase = next[t];
        String note;
        CpuStep.MemoryWrite written = null;
        int address;
        switch (phase) {
            case FETCH -> {
                ir[t] = p.at(pc[t]);
                address = pc[t];
                note = "按 PC=" + pc[t] + " 从内存取出指令 \"" + ir[t].text() + "\"，放进指令寄存器 IR";
                next[t] = CpuPhase.DECODE;
            }
            case DECODE -> {
                address = ir[t].address();
                note = ir[t].opcode() + "：" + ir[t].opcode().meaning();
                next[t] = CpuPhase.EXECUTE;
            }
            default -> {
                Instruction i = ir[t];
                address = i.address();
                long[] r = regs[t];
                int before = pc[t];
                Effect e = execute(i, r, memory, before);
                pc[t] = e.pc;
                note = describe(i, r, e);
                if (e.writtenAddress >= 0) {
                    written = new CpuStep.MemoryWrite(e.writtenAddress, memory[e.writtenAddress / Program.WORD]);
                    shown.add(e.writtenAddress);
                }
                if (i.opcode() == Opcode.HALT || pc[t] == p.end()) {
                    halted[t] = true;
                    note += i.opcode() == Opcode.HALT ? "" : "；PC 走出了程序，程序结束";
                }
                next[t] = CpuPhase.FETCH;
            }
        }
        EnumMap<Register, Long> rm = new EnumMap<>(Register.class);
        for (Register reg : Register.values()) {
            rm.put(reg, regs[t][reg.ordinal()]);
        }
        last = new CpuStep(++number, t, phase, address, pc[t], ir[t] == null ? "" : ir[t].text(),
                ir[t] == null ? 0 : ir[t].line(), rm, written, memory(), note, p, halted[t]);
        return last;
    }

    /** Runs thread {@code t} through the remaining phases of its current instruction (three steps from a fetch). */
    public List<CpuStep> instruction(int t) {
        List<CpuStep> out = new ArrayList<>();
        do {
            out.add(step(t));
        } while (next[t] != CpuPhase.FETCH && !halted[t]);
        return out;
    }

    /**
     * Runs the only thread until it halts and returns every step.
     *
     * @throws CpuFault when the step limit is reached
     */
    public List<CpuStep> run() {
        if (programs.length != 1) {
            throw new IllegalStateException("this CPU has " + programs.length
                    + " threads: give a schedule, run(0, 1, 0, …) / 有多个线程时要给出调度顺序 run(0, 1, 0, …)");
        }
        List<CpuStep> out = new ArrayList<>();
        while (!halted[0]) {
            out.add(step(0));
        }
        return out;
    }

    /**
     * Runs whole instructions in the given order: each entry is the 0-based thread that executes its next
     * instruction (fetch, decode and execute). 每一项是一个线程编号：该线程执行完整的下一条指令。
     *
     * @throws IllegalArgumentException when an entry names a thread that does not exist or has already halted
     */
    public List<CpuStep> run(int... schedule) {
        List<CpuStep> out = new ArrayList<>();
        for (int k = 0; k < schedule.length; k++) {
            int t = schedule[k];
            if (t < 0 || t >= programs.length) {
                throw new IllegalArgumentException("schedule[" + k + "] (" + t + ") must be a thread in 0.."
                        + (programs.length - 1) + " / 调度里第 " + (k + 1) + " 项不是存在的线程");
            }
            if (halted[t]) {
                throw new IllegalArgumentException("schedule[" + k + "] (" + t + ") names a halted thread / 调度里第 "
                        + (k + 1) + " 项：线程 T" + (t + 1) + " 已经结束了");
            }
            out.addAll(instruction(t));
        }
        return out;
    }

    /** What executing one instruction did. */
    record Effect(int pc, int writtenAddress, long loaded) {
    }

    /**
     * Executes {@code i} on registers {@code r} and memory {@code mem}: the ALU and the bus, nothing else.
     * Shared with {@link Interleavings}.
     */
    static Effect execute(Instruction i, long[] r, long[] mem, int pc) {
        int nextPc = pc + Program.WORD;
        int written = -1;
        long loaded = 0;
        switch (i.opcode()) {
            case LOAD -> {
                loaded = mem[(int) i.number() / Program.WORD];
                r[i.r1().ordinal()] = loaded;
            }
            case STORE -> {
                written = (int) i.number();
                mem[written / Program.WORD] = r[i.r1().ordinal()];
            }
            case SET -> r[i.r1().ordinal()] = i.number();
            case ADD -> r[i.r1().ordinal()] = r[i.r2().ordinal()] + r[i.r3().ordinal()];
            case SUB -> r[i.r1().ordinal()] = r[i.r2().ordinal()] - r[i.r3().ordinal()];
            case MUL -> r[i.r1().ordinal()] = r[i.r2().ordinal()] * r[i.r3().ordinal()];
            case ADDI -> r[i.r1().ordinal()] = r[i.r2().ordinal()] + i.number();
            case JMP -> nextPc = (int) i.number();
            case JZ -> nextPc = r[i.r1().ordinal()] == 0 ? (int) i.number() : nextPc;
            case JNZ -> nextPc = r[i.r1().ordinal()] != 0 ? (int) i.number() : nextPc;
            case HALT -> {
            }
        }
        return new Effect(nextPc, written, loaded);
    }

    private static String describe(Instruction i, long[] r, Effect e) {
        return switch (i.opcode()) {
            case LOAD -> "内存[" + i.number() + "] = " + e.loaded + " 读进寄存器 " + i.r1() + "；PC → " + e.pc;
            case STORE -> "寄存器 " + i.r1() + " = " + r[i.r1().ordinal()] + " 写到内存[" + i.number() + "]；PC → " + e.pc;
            case SET -> i.r1() + " ← " + i.number() + "；PC → " + e.pc;
            case ADD, SUB, MUL, ADDI -> "ALU 算出 " + i.r1() + " = " + r[i.r1().ordinal()] + "；PC → " + e.pc;
            case JMP -> "跳转：PC → " + e.pc;
            case JZ, JNZ -> (e.pc == i.number() ? "条件成立，跳转" : "条件不成立，不跳") + "："
                    + i.r1() + " = " + r[i.r1().ordinal()] + "；PC → " + e.pc;
            case HALT -> "停机，程序结束";
        };
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < programs.length; t++) {
            sb.append(String.format("T%d PC=%-4d IR=%-16s", t + 1, pc[t], ir[t] == null ? "" : ir[t].text()));
            for (Register r : Register.values()) {
                sb.append(String.format(" %s=%-4d", r, regs[t][r.ordinal()]));
            }
            sb.append(halted[t] ? " (已结束)" : "").append('\n');
        }
        memory().forEach((a, v) -> sb.append(String.format("内存[%d] = %d%n", a, v)));
        return sb.toString();
    }

    /** Unused-map guard for callers that want a plain map of registers. */
    static Map<Register, Long> registersOf(long[] r) {
        EnumMap<Register, Long> m = new EnumMap<>(Register.class);
        for (Register reg : Register.values()) {
            m.put(reg, r[reg.ordinal()]);
        }
        return m;
    }
}
