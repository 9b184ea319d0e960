package course.race;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import course.base.Args;
import course.threads.ThreadLab;
import course.threads.ThreadLabResult;

/**
 * What one increment costs with each strategy and thread count: the steady-state throughput of all
 * threads incrementing one shared counter together, measured like a JMH throughput benchmark.
 *
 * <p>每种写法、每种线程数下，一次 +1 平均花多少纳秒。测法和 JMH 的吞吐量（throughput）模式一样：
 * 同一组线程先跑 2 轮热身（让 JIT 编译好），再跑几轮正式测量；每一轮所有线程同时出发、不停地加同一个计数器，
 * 到时间一起停下、会合。每轮算出所有线程合起来每纳秒加了多少次（吞吐量），各轮取平均，
 * 每次 +1 的耗时 = 1 ÷ 平均吞吐量。
 * 线程的创建、启动和收尾都不计入。
 *
 * <pre>{@code
 * RaceCostResult cost = RaceCost.measure(RaceStrategy.fixes(), List.of(1, 2, 4), Duration.ofMillis(30), 5);
 * RaceCharts.cost(cost)
 * }</pre>
 *
 * <p>What makes the numbers agree with JMH ({@code course.bench.LockCostReport} prints both):
 * <ul>
 *   <li>run length: every thread runs for the whole window and only the part where all of them run counts, so
 *       thread start-up is outside the timing and the threads really overlap even on a busy machine;</li>
 *   <li>the protocol: the same threads through warm-up and measured iterations, released together, each
 *       starting its clock once all run and going on until all have stopped (JMH's synchronized iterations);
 *       threads woken together are scheduled differently from threads that just started;</li>
 *   <li>false sharing: the counter and its lock sit on cache lines of their own (JMH pads its state); without
 *       it the same loop costs 1, 2 or 4 times as much from one run to the next;</li>
 *   <li>the loop: a batch of {@link #BATCH} increments is a method of its own per strategy, called again and
 *       again until the stop flag is set, like a JMH benchmark method called by JMH's loop. A loop that never
 *       returns runs as an on-stack replacement, and then the contended {@code synchronized} costs about 40 %
 *       more than in JMH.</li>
 * </ul>
 *
 * <p>Thread-safety: {@link #measure} may be called from any thread; it starts its own daemon threads (one
 * group per strategy and thread count, plus a stopwatch) and returns only when all of them have ended.
 * Measurements running at the same time disturb each other's numbers, not their correctness.
 */
public final class RaceCost {

    /**
     * Increments between two looks at the stop flag; the JMH benchmark's loop has the same length.
     */
    public static final int BATCH = 1024;
    /** Length of the one-thread run that precedes each strategy's measurements, for the JIT. */
    private static final Duration JIT_WARM_UP = Duration.ofMillis(50);
    /** Longs of padding (256 bytes) on each side of a measured counter, and before its lock. */
    static final int PAD_LONGS = 32;
    /** Longest window accepted. */
    public static final Duration MAX_WINDOW = Duration.ofSeconds(5);

    private RaceCost() {
    }

    /**
     * Measures every strategy with every thread count. For each pair the same threads run {@link #WARM_UP_ITERATIONS}
     * warm-up iterations and then {@code iterations} measured ones of {@code window} each, released together at
     * the start of each and meeting again at its end (JMH's protocol); an iteration's cost is 1 / the sum of the
     * threads' throughputs, the point is 1 / their mean throughput (JMH's score). Before a strategy's first pair,
     * one thread runs its loop for 50 ms ({@code JIT_WARM_UP}), not counted, so the JIT has compiled it. Takes
     * about strategies × (0.05 s + thread counts × (iterations + 2) × window).
     *
     * @throws IllegalArgumentException when a list is empty, a thread count is not in 1..64, the window is not
     *                                  in 1 ms..5 s or iterations is not in 1..100
     * @throws IllegalStateException    when a measurement does not end in time or a thread throws
     */
    public static RaceCostResult measure(List<RaceStrategy> strategies, List<Integer> threadCounts, Duration window,
                                         int iterations) {
        Args.notNull("strategies", strategies);
        Args.notNull("threadCounts", threadCounts);
        Args.notNull("window", window);
        Args.check(!strategies.isEmpty(), "strategies", strategies, "not be empty", "至少要一种写法");
        Args.check(!threadCounts.isEmpty(), "threadCounts", threadCounts, "not be empty", "至少要一种线程数");
        threadCounts.forEach(t -> Args.inRange("thread count", t, 1, 64, "线程数"));
        Args.check(window.toMillis() >= 1 && window.compareTo(MAX_WINDOW) <= 0, "window", window.toMillis() + " ms",
                "be in 1 ms..5 s", "测量窗口要在 1 毫秒到 5 秒之间");
        Args.inRange("iterations", iterations, 1, 100, "轮数");
        List<RaceCostResult.Point> points = new ArrayList<>();
        for (RaceStrategy s : strategies) {
            once(s, 1, JIT_WARM_UP, 1); // not counted: lets the JIT compile this strategy's loop before the first pair
            for (int t : threadCounts) {
                Run r = once(s, t, window, iterations);
                points.add(new RaceCostResult.Point(s, t, harmonicMean(r.nanosPerIncrement()), r.correct()));
            }
        }
        return new RaceCostResult(points, window, iterations);
    }

    /** Warm-up iterations before the measured ones (JIT compilation, lock inflation), as in {@code LockCostReport}'s JMH run. */
    public static final int WARM_UP_ITERATIONS = 2;

    /**
     * What one group of threads did.
     *
     * @param nanosPerIncrement per measured iteration, 1 / (sum over the threads of increments / nanoseconds)
     * @param correct           whether the counter ended equal to the increments done
     */
    record Run(double[] nanosPerIncrement, boolean correct) {
    }

    /**
     * Runs {@code threads} threads on one fresh counter through the warm-up and measured iterations; a
     * stopwatch thread releases them at the start of each iteration and stops them after {@code window}. As in
     * JMH ("synchronized iterations"), a thread starts its clock only once every thread runs and keeps
     * incrementing after its clock stopped until every thread has stopped, so the measured part is always
     * contended by all threads.
     */
    static Run once(RaceStrategy strategy, int threads, Duration window, int iterations) {
        // 256 bytes of nothing before and after the counter's objects, allocated next to each other: no other data
        // shares their cache lines (JMH pads its @State objects for the same reason)
        long[] padBefore = new long[PAD_LONGS];
        RaceStrategy.SharedCounter counter = strategy.newCounter();
        long[] padAfter = new long[PAD_LONGS];
        int total = WARM_UP_ITERATIONS + iterations;
        long[][] ops = new long[total][threads];    // written by each thread before the end barrier,
        long[][] nanos = new long[total][threads];  // read by the stopwatch after it (CyclicBarrier: happens-before)
        double[] cost = new double[iterations];
        long[] done = new long[threads];
        AtomicBoolean allIn = new AtomicBoolean();   // every thread is running: the measured part begins
        AtomicBoolean stop = new AtomicBoolean();    // the stopwatch's time is up: each thread stops measuring
        AtomicBoolean allOut = new AtomicBoolean();  // every thread has stopped measuring: the iteration ends
        AtomicInteger arrived = new AtomicInteger();
        AtomicInteger left = new AtomicInteger();
        CyclicBarrier begin = new CyclicBarrier(threads + 1);
        CyclicBarrier end = new CyclicBarrier(threads + 1);
        ThreadLab lab = ThreadLab.create("代价 " + strategy.label() + " × " + threads)
                .timeout(window.multipliedBy(total).plusSeconds(10));
        for (int i = 0; i < threads; i++) {
            int me = i;
            lab.thread("计数线程-" + (i + 1), out -> {
                for (int it = 0; it < total; it++) {
                    begin.await();
                    if (arrived.incrementAndGet() == threads) {
                        allIn.set(true);
                    }
                    done[me] += counter.addUntil(allIn);   // keep contending until the last thread has started
                    long t0 = System.nanoTime();
                    long n = counter.addUntil(stop);
                    nanos[it][me] = System.nanoTime() - t0;
                    ops[it][me] = n;
                    done[me] += n;
                    if (left.incrementAndGet() == threads) {
                        allOut.set(true);
                    }
                    done[me] += counter.addUntil(allOut);  // keep contending until the last thread has stopped
                    end.await();
                }
            });
        }
        lab.thread("秒表", out -> {
            boolean finished = false;
            try {
                for (int it = 0; it < total; it++) {
                    allIn.set(false);
                    stop.set(false);
                    allOut.set(false);
                    arrived.set(0);
                    left.set(0);
                    begin.await();
                    while (!allIn.get()) {
                        Thread.sleep(1);
                    }
                    Thread.sleep(window.toMillis(), (int) (window.toNanos() % 1_000_000));
                    stop.set(true);
                    end.await();
                    if (it >= WARM_UP_ITERATIONS) {
                        double perNano = 0;
                        for (int k = 0; k < threads; k++) {
                            perNano += ops[it][k] / (double) Math.max(1, nanos[it][k]);
                        }
                        cost[it - WARM_UP_ITERATIONS] = perNano == 0 ? Double.NaN : 1 / perNano;
                    }
                }
                finished = true;
            } finally {
                allIn.set(true);
                stop.set(true);
                allOut.set(true);
                if (!finished) { // a worker failed or the lab timed out: release every thread still waiting
                    begin.reset();
                    end.reset();
                }
            }
        });
        ThreadLabResult run = lab.run();
        if (!run.ok()) {
            throw new IllegalStateException("measuring " + strategy.label() + " with " + threads
                    + " threads did not finish / 测量没有正常结束:\n" + run);
        }
        Reference.reachabilityFence(padBefore);
        Reference.reachabilityFence(padAfter);
        return new Run(cost, counter.value() == Arrays.stream(done).sum());
    }

    /**
     * 1 / the mean of 1 / cost: the cost at the mean throughput, as JMH reports a throughput benchmark. With
     * 2 threads the iterations are bimodal (tens of ns when both threads really run at once, a few ns when they
     * take turns on one core); a median would pick one mode, JMH's mean weighs both by the increments done.
     */
    private static double harmonicMean(double[] costs) {
        double perNano = 0;
        for (double c : costs) {
            perNano += 1 / c;
        }
        return costs.length / perNano;
    }
}
