package course.cpu;

import java.util.Arrays;
import java.util.List;

import course.base.Args;

/**
 * Runs every interleaving of several threads' instructions over one shared memory and collects the outcomes.
 *
 * <p>穷举交错（interleaving）：几个线程各有自己的寄存器和 PC，共享同一块内存。调度器每次挑一个能运行的线程
 * （没结束、没在等锁）执行它的一整条指令；这里把<b>所有</b>挑法都算一遍，统计每种结局（共享变量的最终值、死锁、
 * 永远转圈）有多少种交错。
 *
 * <pre>{@code
 * InterleavingResult r = Interleavings.counterIncrements(2, 2);   // 两个线程各做两次 count = count + 1
 * r.values();                                                     // [2, 3, 4]
 * r.total();                                                      // 924
 * }</pre>
 *
 * <p>The search visits each distinct <em>state</em> (every thread's PC and registers, the memory words the programs
 * use, which includes the locks) once, however many interleavings lead to it, and counts the interleavings through
 * each state by dynamic programming over the graph of states (each edge is one thread executing one instruction), so
 * the count is never walked path by path: 3 threads × 3 increments have about 2.3·10¹¹ interleavings but a few
 * thousand states. A schedule that returns to a state already on its way is a loop that can go on for ever (a
 * thread spinning on a flag); then the interleavings are infinitely many and the result says so. The search stops
 * with an exception after {@link #MAX_STATES} states.
 *
 * <p>不同的交错常常走到同一个状态（例如 T1 先读、T2 再读，和 T2 先读、T1 再读），所以这里每个状态只走一次，
 * 交错数用动态规划（dynamic programming）在状态图上算出来，而不是一条一条地数。
 *
 * <p>Thread safety: stateless; each call works on its own data.
 */
public final class Interleavings {

    /** The shared counter's address in {@link #counterProgram(int)}. */
    public static final int COUNTER = 2000;
    /** Upper bound on distinct states explored. */
    public static final int MAX_STATES = 2_000_000;

    private Interleavings() {
    }

    /**
     * The program of one thread doing {@code count = count + 1} {@code increments} times, with count at 2000
     * starting at 0: {@code LOAD A, 2000 / ADDI A, A, 1 / STORE A, 2000} repeated.
     */
    public static String counterProgram(int increments) {
        Args.positive("increments", increments, "加的次数");
        StringBuilder sb = new StringBuilder("DATA 2000, 0        # count = 0\n");
        for (int k = 1; k <= increments; k++) {
            sb.append("LOAD  A, 2000       # 第 ").append(k).append(" 次 count = count + 1：读\n")
              .append("ADDI  A, A, 1       #   加 1\n")
              .append("STORE A, 2000       #   写回\n");
        }
        return sb.toString();
    }

    /** Every interleaving of {@code threads} threads each running {@link #counterProgram(int)}. */
    public static InterleavingResult counterIncrements(int threads, int increments) {
        Args.positive("threads", threads, "线程数");
        String[] sources = new String[threads];
        Arrays.fill(sources, counterProgram(increments));
        return of(COUNTER, sources);
    }

    /**
     * Every interleaving of the given thread programs, watching the lowest address set by a {@code DATA} line.
     *
     * @throws IllegalArgumentException when no program has a DATA line
     */
    public static InterleavingResult of(String... threadPrograms) {
        Program[] ps = parse(threadPrograms);
        int address = Arrays.stream(ps).flatMap(p -> p.data().keySet().stream()).min(Integer::compare)
                .orElseThrow(() -> new IllegalArgumentException("no DATA line: say which address to watch, "
                        + "Interleavings.of(2000, …) / 程序里没有 DATA 行，请指明要观察的地址"));
        return explore(List.of(address), ps);
    }

    /** Every interleaving of the given thread programs, watching {@code address}. */
    public static InterleavingResult of(int address, String... threadPrograms) {
        return explore(List.of(address), parse(threadPrograms));
    }

    /**
     * Every interleaving of the given thread programs, watching several addresses at once: an outcome is the tuple
     * of their final values (for litmus tests, e.g. the two registers each thread stored: r1, r2).
     */
    public static InterleavingResult of(List<Integer> addresses, String... threadPrograms) {
        return explore(addresses, parse(threadPrograms));
    }

    /** Every interleaving of the given programs, watching {@code address}. */
    public static InterleavingResult of(int address, Program... programs) {
        return explore(List.of(address), programs.clone());
    }

    private static Program[] parse(String[] sources) {
        Args.check(sources.length > 0, "threadPrograms", 0, "not be empty", "至少要有一个线程");
        return Arrays.stream(sources).map(Program::parse).toArray(Program[]::new);
    }

    private static InterleavingResult explore(List<Integer> addresses, Program[] programs) {
        Args.check(programs.length > 0, "programs", 0, "not be empty", "至少要有一个线程");
        Args.check(!addresses.isEmpty(), "addresses", addresses, "not be empty", "至少要观察一个地址");
        Cpu cpu = Cpu.threads(programs);  // validates memory sizes
        addresses.forEach(cpu::peek);     // validates the addresses
        return new StateSearch(programs, addresses, MAX_STATES).run();
    }
}
