package course.cpu;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The state of one simulated thread that a context switch saves and restores: PC, IR, the next phase and the data
 * registers.
 *
 * <p>线程上下文（thread context）：一个线程自己的程序计数器 PC、指令寄存器 IR、下一步要做的阶段（取指、译码或执行）
 * 和数据寄存器 A–D。操作系统做<b>上下文切换</b>（context switch）时，存下的正是这些值：换下来的线程的上下文存起来，
 * 换上去的线程的上下文装回 CPU。内存不在这里，因为内存是所有线程共享的；锁也在内存里（锁就是一个字）。
 *
 * <p>{@link Cpu} 给每个线程一个上下文；{@link Interleavings} 穷举时也用它。学习者从 {@link Cpu#context(int)}
 * 拿到的是一份副本，改不动 CPU。
 *
 * <p>Thread-safety: not thread-safe. A {@link Cpu} owns its contexts; the copies it hands out are independent.
 */
public final class ThreadContext {

    private final int thread;
    private final Program program;
    private final long[] registers;
    private int pc;
    private Instruction ir;
    private CpuPhase next = CpuPhase.FETCH;
    private boolean halted;
    private int steps;

    ThreadContext(int thread, Program program) {
        this.thread = thread;
        this.program = program;
        this.registers = new long[Register.values().length];
        this.pc = program.start();
    }

    private ThreadContext(ThreadContext c) {
        this.thread = c.thread;
        this.program = c.program;
        this.registers = c.registers.clone();
        this.pc = c.pc;
        this.ir = c.ir;
        this.next = c.next;
        this.halted = c.halted;
        this.steps = c.steps;
    }

    /** An independent copy: what a context switch would save. */
    public ThreadContext copy() {
        return new ThreadContext(this);
    }

    /** Restores everything from {@code saved}, a copy of this same thread taken earlier. */
    void restore(ThreadContext saved) {
        System.arraycopy(saved.registers, 0, registers, 0, registers.length);
        pc = saved.pc;
        ir = saved.ir;
        next = saved.next;
        halted = saved.halted;
        steps = saved.steps;
    }

    /** 0-based thread number (T1 is 0). */
    public int thread() {
        return thread;
    }

    /** The thread's name as learners read it: T1, T2, … */
    public String name() {
        return "T" + (thread + 1);
    }

    /** The program this thread runs. */
    public Program program() {
        return program;
    }

    /** Program counter: address of the next instruction to fetch. */
    public int pc() {
        return pc;
    }

    /** The instruction register: the instruction being worked on, or null before the first fetch. */
    public Instruction ir() {
        return ir;
    }

    /** The phase this thread does next. */
    public CpuPhase nextPhase() {
        return next;
    }

    /** One data register. */
    public long register(Register r) {
        return registers[r.ordinal()];
    }

    /** All data registers, A to D. */
    public Map<Register, Long> registers() {
        EnumMap<Register, Long> m = new EnumMap<>(Register.class);
        for (Register r : Register.values()) {
            m.put(r, registers[r.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Whether the thread has finished (HALT, or the PC left the program). */
    public boolean halted() {
        return halted;
    }

    /** Steps (phases) this thread has done. */
    public int steps() {
        return steps;
    }

    /** The instruction this thread works on next: the one in IR mid-instruction, else the one at PC. */
    public Instruction pending() {
        return halted ? null : next == CpuPhase.FETCH ? program.at(pc) : ir;
    }

    /**
     * The lock address this thread waits for in {@code memory} (its pending instruction is a LOCK of a word that is
     * not 0), or -1 when it can run.
     */
    int blockedOn(long[] memory) {
        Instruction i = pending();
        if (i == null || i.opcode() != Opcode.LOCK) {
            return -1;
        }
        return memory[i.memoryAddress() / Program.WORD] != 0 ? i.memoryAddress() : -1;
    }

    /** The lock owner number this thread writes into a lock word: 1 for T1, 2 for T2, … */
    long lockValue() {
        return thread + 1;
    }

    /** Does the next phase; on execute, runs the instruction against {@code memory}. */
    Effect step(long[] memory) {
        steps++;
        CpuPhase phase = next;
        switch (phase) {
            case FETCH -> {
                ir = program.at(pc);
                next = CpuPhase.DECODE;
                return null;
            }
            case DECODE -> {
                next = CpuPhase.EXECUTE;
                return null;
            }
            default -> {
                next = CpuPhase.FETCH;
                return execute(memory);
            }
        }
    }

    /** Fetches, decodes and executes the whole next instruction (three steps) from a fetch. */
    Effect instruction(long[] memory) {
        steps += 3;
        ir = program.at(pc);
        return execute(memory);
    }

    /** What executing one instruction did. */
    record Effect(Instruction instruction, int before, int written, long read) {
    }

    /**
     * Executes IR on these registers and {@code memory}: the ALU, the bus and the lock, nothing else. A LOCK is only
     * executed when the lock is free (the caller checks {@link #blockedOn(long[])}).
     *
     * @throws CpuFault when UNLOCK releases a lock this thread does not hold
     */
    private Effect execute(long[] mem) {
        Instruction i = ir;
        long[] r = registers;
        int before = pc;
        int nextPc = pc + Program.WORD;
        int written = -1;
        long read = 0;
        int word = i.memoryAddress() / Program.WORD;
        switch (i.opcode()) {
            case LOAD -> {
                read = mem[word];
                r[i.r1().ordinal()] = read;
            }
            case STORE -> {
                written = i.memoryAddress();
                mem[word] = r[i.r1().ordinal()];
            }
            case SET -> r[i.r1().ordinal()] = i.number();
            case ADD -> r[i.r1().ordinal()] = r[i.r2().ordinal()] + r[i.r3().ordinal()];
            case SUB -> r[i.r1().ordinal()] = r[i.r2().ordinal()] - r[i.r3().ordinal()];
            case MUL -> r[i.r1().ordinal()] = r[i.r2().ordinal()] * r[i.r3().ordinal()];
            case ADDI -> r[i.r1().ordinal()] = r[i.r2().ordinal()] + i.number();
            case JMP -> nextPc = (int) i.number();
            case JZ -> nextPc = r[i.r1().ordinal()] == 0 ? (int) i.number() : nextPc;
            case JNZ -> nextPc = r[i.r1().ordinal()] != 0 ? (int) i.number() : nextPc;
            case LOCK -> {
                written = i.memoryAddress();
                mem[word] = lockValue();
            }
            case UNLOCK -> {
                read = mem[word];
                if (read != lockValue()) {
                    throw new CpuFault(i.line(), i.source(), "线程 " + name() + " 没有拿着锁 " + i.memoryAddress()
                            + "（锁现在" + (read == 0 ? "空着" : read > 0 && read <= 64 ? "被 T" + read + " 拿着"
                            : "的值是 " + read) + "），不能解锁：只有拿着锁的线程才能 UNLOCK。是不是 LOCK 和 UNLOCK 没有配对？");
                }
                written = i.memoryAddress();
                mem[word] = 0;
            }
            case CAS -> {
                read = mem[word];
                boolean ok = read == r[i.r1().ordinal()];
                if (ok) {
                    written = i.memoryAddress();
                    mem[word] = r[i.r2().ordinal()];
                }
                r[i.r1().ordinal()] = ok ? 1 : 0;
            }
            case HALT -> {
            }
        }
        pc = nextPc;
        halted = i.opcode() == Opcode.HALT || pc == program.end();
        return new Effect(i, before, written, read);
    }

    /** Puts this context's PC (or -1 once halted) and registers into {@code key} at {@code at}; returns the next slot. */
    int encode(long[] key, int at) {
        key[at] = halted ? -1 : pc;
        System.arraycopy(registers, 0, key, at + 1, registers.length);
        return at + 1 + registers.length;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s PC=%-4d IR=%-16s", name(), pc,
                ir == null ? "" : ir.text()));
        for (Register r : Register.values()) {
            sb.append(String.format(Locale.ROOT, " %s=%-4d", r, registers[r.ordinal()]));
        }
        return sb.append(halted ? " (已结束)" : "").toString();
    }

    /** Number of longs {@link #encode} writes. */
    static int encodedSize() {
        return 1 + Register.values().length;
    }
}
