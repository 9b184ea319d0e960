package course.cpu;

import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every way some threads' instructions can interleave, grouped by how they end: final values of one memory word,
 * deadlock, or a loop that can go on for ever.
 *
 * <p>把几个线程的指令所有可能的交错顺序都算一遍之后的结果：每种结局（最终值、死锁、永远转圈）、得到它的交错数、
 * 一个例子。{@link #replay(long)} 按例子重新运行，返回每一步的记录，可以画表格。{@link #states()} 是穷举时
 * 走过的不同状态（所有线程的 PC 和寄存器、内存、锁）的个数：不同的交错常常走到同一个状态，每个状态只算一次。
 *
 * @param addresses the watched memory addresses (e.g. 2000, the shared counter); outcomes differ by their values
 * @param programs one program per thread
 * @param total    number of complete interleavings (finished or deadlocked), or -1 when some schedule loops for ever
 * @param states   number of distinct states explored
 * @param outcomes one entry per ending: finished values in increasing order, then deadlocks, then endless
 */
public record InterleavingResult(List<Integer> addresses, List<Program> programs, long total, long states,
                                 List<InterleavingOutcome> outcomes) {

    public InterleavingResult {
        addresses = List.copyOf(addresses);
        programs = List.copyOf(programs);
        outcomes = List.copyOf(outcomes);
    }

    /** The first watched address (the only one when one address is watched). */
    public int address() {
        return addresses.get(0);
    }

    /** The possible final values of all watched addresses together, for threads that all finished. */
    public List<List<Long>> finals() {
        return outcomes.stream().filter(o -> o.kind() == InterleavingOutcome.Kind.FINISHED)
                .map(InterleavingOutcome::words).toList();
    }

    /** The possible final values of the first watched address, for threads that all finished, smallest first. */
    public SortedSet<Long> values() {
        TreeSet<Long> s = new TreeSet<>();
        outcomes.stream().filter(o -> o.kind() == InterleavingOutcome.Kind.FINISHED).forEach(o -> s.add(o.value()));
        return s;
    }

    /** How many interleavings finish with {@code value} (0 when none, -1 when infinitely many). */
    public long count(long value) {
        return find(value).map(InterleavingOutcome::count).orElse(0L);
    }

    /** The outcome where all threads finish with {@code value}. */
    public InterleavingOutcome outcome(long value) {
        return find(value).orElseThrow(() -> new NoSuchElementException("value (" + value
                + ") is not a possible outcome / 没有任何交错得到 " + value + "，可能的值：" + values()));
    }

    private Optional<InterleavingOutcome> find(long value) {
        return outcomes.stream().filter(o -> o.kind() == InterleavingOutcome.Kind.FINISHED && o.value() == value)
                .findFirst();
    }

    /** Whether some interleaving ends in a deadlock. */
    public boolean canDeadlock() {
        return deadlock().isPresent();
    }

    /** The first deadlock outcome, if any interleaving deadlocks. */
    public Optional<InterleavingOutcome> deadlock() {
        return outcomes.stream().filter(InterleavingOutcome::deadlock).findFirst();
    }

    /** Whether some schedule can make the threads repeat a state for ever (the interleavings are infinitely many). */
    public boolean endless() {
        return total < 0;
    }

    /** Number of threads. */
    public int threads() {
        return programs.size();
    }

    /** Re-runs the example schedule for final value {@code value} on a fresh CPU and returns every step. */
    public List<CpuStep> replay(long value) {
        return replay(outcome(value));
    }

    /** Re-runs the example schedule of {@code outcome} on a fresh CPU and returns every step. */
    public List<CpuStep> replay(InterleavingOutcome outcome) {
        return Cpu.threads(programs.toArray(Program[]::new)).run(outcome.schedule());
    }

    /** The total as text: a number, or 无穷多. */
    public String totalText() {
        return total < 0 ? "无穷多" : String.format(Locale.ROOT, "%,d", total);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%d 个线程，共 %s 种交错（%,d 个不同的状态），%s 的结局：%n", programs.size(), totalText(), states,
                addresses.stream().map(a -> "内存[" + a + "]").collect(Collectors.joining("、"))));
        outcomes.forEach(o -> sb.append("  ").append(o).append('\n'));
        return sb.toString();
    }
}
