package course.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs every interleaving of several threads' instructions over one shared memory and collects the outcomes.
 *
 * <p>穷举交错（interleaving）：几个线程各有自己的寄存器和 PC，共享同一块内存。调度器每次挑一个还没结束的线程
 * 执行它的一整条指令；这里把<b>所有</b>挑法都试一遍，统计共享变量每种最终值出现了多少次。
 *
 * <pre>{@code
 * InterleavingReport r = Interleavings.counterIncrements(2, 2);   // 两个线程各做两次 count = count + 1
 * r.values();                                                     // [2, 3, 4]
 * }</pre>
 *
 * <p>The search is a depth-first walk that undoes each instruction after exploring it, so memory use is tiny;
 * the number of interleavings grows fast (2 threads × 3 increments: 48 620), so the walk stops with an
 * exception after {@link #MAX_INTERLEAVINGS}.
 */
public final class Interleavings {

    /** The shared counter's address in {@link #counterProgram(int)}. */
    public static final int COUNTER = 2000;
    /** Upper bound on complete interleavings explored. */
    public static final long MAX_INTERLEAVINGS = 20_000_000L;
    /** Upper bound on instructions per thread in one interleaving (run-away loops). */
    public static final int MAX_INSTRUCTIONS = 1000;

    private Interleavings() {
    }

    /**
     * The program of one thread doing {@code count = count + 1} {@code increments} times, with count at 2000
     * starting at 0: {@code LOAD A, 2000 / ADDI A, A, 1 / STORE A, 2000} repeated.
     */
    public static String counterProgram(int increments) {
        if (increments <= 0) {
            throw new IllegalArgumentException("increments (" + increments + ") must be positive / 加的次数要大于 0");
        }
        StringBuilder sb = new StringBuilder("DATA 2000, 0        # count = 0\n");
        for (int k = 1; k <= increments; k++) {
            sb.append("LOAD  A, 2000       # 第 ").append(k).append(" 次 count = count + 1：读\n")
              .append("ADDI  A, A, 1       #   加 1\n")
              .append("STORE A, 2000       #   写回\n");
        }
        return sb.toString();
    }

    /** Every interleaving of {@code threads} threads each running {@link #counterProgram(int)}. */
    public static InterleavingReport counterIncrements(int threads, int increments) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads (" + threads + ") must be positive / 线程数要大于 0");
        }
        String[] sources = new String[threads];
        Arrays.fill(sources, counterProgram(increments));
        return of(COUNTER, sources);
    }

    /**
     * Every interleaving of the given thread programs, watching the lowest address set by a {@code DATA} line.
     *
     * @throws IllegalArgumentException when no program has a DATA line
     */
    public static InterleavingReport of(String... threadPrograms) {
        Program[] ps = parse(threadPrograms);
        int address = Arrays.stream(ps).flatMap(p -> p.data().keySet().stream()).min(Integer::compare)
                .orElseThrow(() -> new IllegalArgumentException("no DATA line: say which address to watch, "
                        + "Interleavings.of(2000, …) / 程序里没有 DATA 行，请指明要观察的地址"));
        return explore(address, ps);
    }

    /** Every interleaving of the given thread programs, watching {@code address}. */
    public static InterleavingReport of(int address, String... threadPrograms) {
        return explore(address, parse(threadPrograms));
    }

    /** Every interleaving of the given programs, watching {@code address}. */
    public static InterleavingReport of(int address, Program... programs) {
        return explore(address, programs.clone());
    }

    private static Program[] parse(String[] sources) {
        if (sources.length == 0) {
            throw new IllegalArgumentException("threadPrograms (0) must not be empty / 至少要有一个线程");
        }
        return Arrays.stream(sources).map(Program::parse).toArray(Program[]::new);
    }

    private static InterleavingReport explore(int address, Program[] programs) {
        if (programs.length == 0) {
            throw new IllegalArgumentException("programs (0) must not be empty / 至少要有一个线程");
        }
        Cpu probe = Cpu.threads(programs); // validates memory sizes, gives initial memory
        probe.peek(address);               // validates the address
        Walk w = new Walk(programs, address);
        for (Program p : programs) {
            p.data().forEach((a, v) -> w.mem[a / Program.WORD] = v);
        }
        w.dfs(0);
        List<InterleavingOutcome> outcomes = new ArrayList<>();
        w.counts.forEach((v, c) -> outcomes.add(new InterleavingOutcome(v, c, w.examples.get(v))));
        return new InterleavingReport(address, List.of(programs), w.total, outcomes);
    }

    /** The depth-first walk with undo. */
    private static final class Walk {
        final Program[] programs;
        final int watch;
        final long[] mem;
        final int[] pc;
        final boolean[] done;
        final long[][] regs;
        final int[] executed;
        final List<Integer> path = new ArrayList<>();
        final Map<Long, Long> counts = new TreeMap<>();
        final Map<Long, List<Integer>> examples = new TreeMap<>();
        long total;

        Walk(Program[] programs, int watch) {
            this.programs = programs;
            this.watch = watch;
            int n = programs.length;
            mem = new long[programs[0].memorySize() / Program.WORD];
            pc = new int[n];
            done = new boolean[n];
            regs = new long[n][Register.values().length];
            executed = new int[n];
            for (int t = 0; t < n; t++) {
                pc[t] = programs[t].start();
            }
        }

        void dfs(int depth) {
            boolean any = false;
            for (int t = 0; t < programs.length; t++) {
                if (done[t]) {
                    continue;
                }
                any = true;
                Instruction i = programs[t].at(pc[t]);
                if (executed[t] >= MAX_INSTRUCTIONS) {
                    throw new CpuFault(i.line(), i.source(), "线程 T" + (t + 1) + " 执行了 " + MAX_INSTRUCTIONS
                            + " 条指令还没有结束：程序停不下来，没法穷举所有交错。");
                }
                long[] savedRegs = regs[t].clone();
                int savedPc = pc[t];
                int storeAt = i.opcode() == Opcode.STORE ? (int) i.number() / Program.WORD : -1;
                long savedWord = storeAt >= 0 ? mem[storeAt] : 0;
                Cpu.Effect e = Cpu.execute(i, regs[t], mem, pc[t]);
                pc[t] = e.pc();
                done[t] = i.opcode() == Opcode.HALT || pc[t] == programs[t].end();
                executed[t]++;
                path.add(t);
                dfs(depth + 1);
                path.remove(path.size() - 1);
                executed[t]--;
                done[t] = false;
                pc[t] = savedPc;
                regs[t] = savedRegs;
                if (storeAt >= 0) {
                    mem[storeAt] = savedWord;
                }
            }
            if (!any) {
                if (++total > MAX_INTERLEAVINGS) {
                    throw new IllegalArgumentException("more than " + MAX_INTERLEAVINGS + " interleavings / 交错太多了（超过 "
                            + MAX_INTERLEAVINGS + " 种），请减少线程数或指令数");
                }
                long v = mem[watch / Program.WORD];
                counts.merge(v, 1L, Long::sum);
                examples.computeIfAbsent(v, k -> List.copyOf(path));
            }
        }
    }
}
