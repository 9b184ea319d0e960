package course.cpu;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every final value of one memory word over every interleaving of some threads' instructions.
 *
 * <p>把几个线程的指令所有可能的交错顺序都跑一遍之后的结果：每个可能的最终值、得到它的交错数、一个例子。
 * {@link #replay(long)} 按例子重新运行，返回每一步的记录，可以画表格。
 *
 * @param address  the watched memory address (e.g. 2000, the shared counter)
 * @param programs one program per thread
 * @param total    number of complete interleavings
 * @param outcomes one entry per final value, in increasing value
 */
public record InterleavingReport(int address, List<Program> programs, long total, List<InterleavingOutcome> outcomes) {

    public InterleavingReport {
        programs = List.copyOf(programs);
        outcomes = List.copyOf(outcomes);
    }

    /** The possible final values, smallest first. */
    public SortedSet<Long> values() {
        TreeSet<Long> s = new TreeSet<>();
        outcomes.forEach(o -> s.add(o.value()));
        return s;
    }

    /** How many interleavings end with {@code value} (0 when none). */
    public long count(long value) {
        return outcomes.stream().filter(o -> o.value() == value).mapToLong(InterleavingOutcome::count).sum();
    }

    /** The outcome for {@code value}. */
    public InterleavingOutcome outcome(long value) {
        return outcomes.stream().filter(o -> o.value() == value).findFirst()
                .orElseThrow(() -> new NoSuchElementException("value (" + value + ") is not a possible outcome / "
                        + "没有任何交错得到 " + value + "，可能的值：" + values()));
    }

    /** Number of threads. */
    public int threads() {
        return programs.size();
    }

    /** Re-runs the example schedule for {@code value} on a fresh CPU and returns every step. */
    public List<CpuStep> replay(long value) {
        return Cpu.threads(programs.toArray(Program[]::new)).run(outcome(value).schedule());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("%d 个线程，共 %d 种交错，内存[%d] 的最终值：%n",
                programs.size(), total, address));
        outcomes.forEach(o -> sb.append("  ").append(o).append('\n'));
        return sb.toString();
    }
}
