package course.race;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import course.base.Args;
import course.threads.ThreadLab;
import course.threads.ThreadLabResult;

/**
 * The shared-counter experiment: several threads increment one counter, many times over, and the
 * final values are collected.
 *
 * <p>共享计数器实验：几个线程同时给同一个计数器加 1，重复运行很多次，收集每次的最终值。
 * 每次运行都新建计数器和线程，线程先在起跑线（start gate）等齐再同时出发。
 * 结果 {@link RaceResult} 像 jcstress 一样给每个最终值评级：等于期望值 = 正确，小于 = 丢失更新，
 * 大于或不可能的值 = 禁止。
 *
 * <pre>{@code
 * RaceResult r = Race.of(RaceStrategy.PLAIN).threads(2).increments(1_000_000).runs(20).run();
 * RaceResult demo = Race.of(RaceStrategy.PLAIN).widened().runs(50).run();  // 演示模式：放大读-改-写窗口
 * }</pre>
 *
 * <p><b>Demo mode</b> ({@link #widened()}): each increment calls {@link Thread#yield()} between reading
 * the counter and writing it back, asking the scheduler to switch threads exactly where a real
 * preemption would lose an update. It widens an existing window; it does not create a new bug. The
 * fixed strategies stay correct in this mode too (they yield inside the lock, or retry a CAS).
 *
 * <p>Thread-safety: configure and run from one thread. Every thread is a daemon joined within
 * {@link #timeout(Duration)} per run; a run that does not finish in time fails the experiment.
 */
public final class Race {

    /** Increments per thread by default, in normal mode. */
    public static final long DEFAULT_INCREMENTS = 1_000_000;
    /** Increments per thread by default in demo mode (each one yields, about a microsecond). */
    public static final long DEFAULT_WIDENED_INCREMENTS = 10_000;
    /** Upper bound of threads × increments per run in normal mode (keeps one run under seconds). */
    public static final long MAX_TOTAL = 200_000_000L;
    /** Upper bound of threads × increments per run in demo mode. */
    public static final long MAX_WIDENED_TOTAL = 2_000_000L;

    private final RaceStrategy strategy;
    private int threads = 2;
    private Long increments;
    private int runs = 20;
    private boolean widened;
    private Duration timeout = Duration.ofSeconds(30);

    private Race(RaceStrategy strategy) {
        this.strategy = strategy;
    }

    /** An experiment with {@code strategy}; defaults: 2 threads, 1 000 000 increments each, 20 runs. */
    public static Race of(RaceStrategy strategy) {
        return new Race(Args.notNull("strategy", strategy));
    }

    /**
     * Number of threads incrementing together.
     *
     * @throws IllegalArgumentException when not in 1..64
     */
    public Race threads(int n) {
        this.threads = Args.inRange("threads", n, 1, 64, "线程数");
        return this;
    }

    /**
     * Increments each thread performs in one run.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Race increments(long perThread) {
        this.increments = Args.positive("increments", perThread, "每个线程加的次数");
        return this;
    }

    /**
     * How many times the experiment is repeated.
     *
     * @throws IllegalArgumentException when not in 1..10000
     */
    public Race runs(int n) {
        this.runs = Args.inRange("runs", n, 1, 10_000, "运行次数");
        return this;
    }

    /**
     * Demo mode: yield between read and write so lost updates show on any number of cores; the
     * default increments become {@link #DEFAULT_WIDENED_INCREMENTS}.
     */
    public Race widened() {
        this.widened = true;
        return this;
    }

    /**
     * Time limit of one run.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Race timeout(Duration perRun) {
        this.timeout = Args.positive("timeout", perRun, "时间限制");
        return this;
    }

    /**
     * Runs the experiment {@code runs} times and collects each final value and time.
     *
     * @throws IllegalArgumentException when threads × increments is too large for the mode
     * @throws IllegalStateException    when a run does not finish within the time limit or a thread throws
     */
    public RaceResult run() {
        long perThread = increments != null ? increments : widened ? DEFAULT_WIDENED_INCREMENTS : DEFAULT_INCREMENTS;
        long max = widened ? MAX_WIDENED_TOTAL : MAX_TOTAL;
        Args.check(Math.multiplyHigh(perThread, threads) == 0 && perThread * threads <= max, "threads × increments",
                threads + " × " + perThread, "be at most " + max + (widened ? " in demo mode" : ""),
                widened ? "演示模式每次让出 CPU，总次数太大会很慢" : "总次数太大，一次运行会太久");
        List<Long> finals = new ArrayList<>(runs);
        List<Duration> times = new ArrayList<>(runs);
        for (int r = 0; r < runs; r++) {
            RaceStrategy.SharedCounter counter = strategy.newCounter();
            ThreadLab.Body body = widened
                    ? out -> counter.addWidened(perThread)
                    : out -> counter.add(perThread);
            ThreadLabResult lab = ThreadLab.create(strategy.label() + " 第 " + (r + 1) + " 次")
                    .timeout(timeout)
                    .threads("计数线程-", threads, body)
                    .run();
            if (!lab.ok()) {
                throw new IllegalStateException("run " + (r + 1) + " of " + strategy.label()
                        + " did not finish / 第 " + (r + 1) + " 次运行没有正常结束:\n" + lab);
            }
            finals.add(counter.value());
            times.add(lab.elapsed());
        }
        return new RaceResult(strategy, threads, perThread, widened, finals, times);
    }
}
