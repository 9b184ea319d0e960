package course.cpu;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one step (one phase of one instruction) did: an immutable record for tables and pictures.
 *
 * <p>一步（一条指令的一个阶段：取指、译码或执行）之后 CPU 的样子。{@code pc} 和寄存器是这一步<b>之后</b>的值；
 * {@code address} 是正在处理的指令的地址；执行 STORE 的那一步 {@code written} 记下写了哪个地址、什么值。
 *
 * <p>Thread-safety: immutable.
 *
 * @param number    1-based step number in the run
 * @param thread    0-based thread index (0 when there is one thread)
 * @param phase     fetch, decode or execute
 * @param address   address of the instruction being worked on
 * @param pc        program counter after the step
 * @param ir        the instruction register's text after the step (empty before the first fetch)
 * @param line      source line of the instruction
 * @param registers this thread's data registers after the step
 * @param written   the memory word written in this step, or null
 * @param memory    data words after the step (address → value)
 * @param note      what happened, in Chinese
 * @param program   the program of this thread (for pictures)
 * @param halted    whether the thread has finished after this step
 */
public record CpuStep(int number, int thread, CpuPhase phase, int address, int pc, String ir, int line,
                      Map<Register, Long> registers, MemoryWrite written, SortedMap<Integer, Long> memory,
                      String note, Program program, boolean halted) {

    /** One word written to memory. */
    public record MemoryWrite(int address, long value) {
        @Override
        public String toString() {
            return "[" + address + "] ← " + value;
        }
    }

    public CpuStep {
        registers = Collections.unmodifiableMap(new EnumMap<>(registers));
        memory = Collections.unmodifiableSortedMap(new TreeMap<>(memory));
    }

    /** A register's value after the step. */
    public long register(Register r) {
        return registers.get(r);
    }

    /** Thread name as shown to learners: T1, T2, … */
    public String threadName() {
        return "T" + (thread + 1);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%3d %s %s @%-4d PC=%-4d IR=%-16s A=%-4d B=%-4d C=%-4d D=%-4d %-12s %s",
                number, threadName(), phase.chinese(), address, pc, ir, registers.get(Register.A),
                registers.get(Register.B), registers.get(Register.C), registers.get(Register.D),
                written == null ? "" : written.toString(), note);
    }
}
