package course.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import course.race.RaceCost;
import course.race.RaceStrategy;

/**
 * Compares the notebook's lock-cost numbers ({@link RaceCost}) with JMH ({@link LockCostBench}): the ratio of
 * each strategy to {@code AtomicLong}, side by side, for 1 and 2 threads.
 *
 * <p>把笔记本 06 里的"每次 +1 耗时"（{@link RaceCost}）和 JMH 的结果并排打印：
 * 每种写法相对 AtomicLong 的倍数，看两者是否相差在 25 % 以内。两边测的是同一件事：
 * 所有线程持续不停地加同一个计数器时的总吞吐量（JMH 的 Throughput 模式把各线程的吞吐量相加；
 * RaceCost 用同样的方法：同一组线程，2 轮热身，每轮一起出发、一起停下，把各线程的吞吐量相加），
 * 每次 +1 的耗时 = 1 ÷ 总吞吐量；两边跑的是同样的循环。
 *
 * <p>The machine is shared, so its load changes while the report runs, and with it the 2-thread numbers: when
 * both threads really run at once, every increment moves the counter's cache line between the cores (and a
 * contended monitor hands over); when other processes take a core, the threads mostly take turns and the cost
 * drops to nearly the 1-thread cost. Measured minutes apart, the two methods see different machines. So the
 * report runs JMH in this JVM ({@code forks(0)}, like the notebook: one JVM for every strategy) and measures in
 * passes: a pass takes each strategy in turn and measures it with JMH and right after with the notebook's
 * method, about a second for both. Each pass gives a ratio to AtomicLong per strategy and side; the report
 * compares the medians of those ratios over the passes (a warm-up pass is not counted) and prints every pass,
 * so the spread is visible.
 *
 * <pre>
 * ./course lock-cost             # builds lib and bench (profile bench), then runs this
 * ./course lock-cost 15 100 5    # passes, notebook iteration in ms, notebook iterations per strategy and pass (defaults 11, 100, 5)
 * </pre>
 */
public final class LockCostReport {

    static final double TOLERANCE = 0.25;
    /** JMH's measured iterations per strategy and pass, and their length. */
    private static final int JMH_ITERATIONS = 5;
    private static final TimeValue JMH_ITERATION = TimeValue.milliseconds(100);

    private LockCostReport() {
    }

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        Duration window = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 100);
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<Integer> threadCounts = List.of(1, 2);
        Map<RaceStrategy, String> methods = new LinkedHashMap<>();
        methods.put(RaceStrategy.VOLATILE, "volatileIncrement");
        methods.put(RaceStrategy.SYNCHRONIZED, "synchronizedIncrement");
        methods.put(RaceStrategy.REENTRANT_LOCK, "reentrantLockIncrement");
        methods.put(RaceStrategy.ATOMIC_LONG, "atomicLongIncrement");
        methods.put(RaceStrategy.LONG_ADDER, "longAdderIncrement");
        List<RaceStrategy> strategies = new ArrayList<>(methods.keySet());
        int warmUps = RaceCost.WARM_UP_ITERATIONS;
        System.out.printf(Locale.ROOT, "JMH: Throughput, in this JVM, %d × %s warm-up + %d × %s measured per strategy; notebook: RaceCost, "
                + "the same, %d × %d ms after %d warm-up iterations; %d passes after a warm-up pass; %d cores%n%n",
                warmUps, JMH_ITERATION, JMH_ITERATIONS, JMH_ITERATION, iterations, window.toMillis(), warmUps, passes,
                Runtime.getRuntime().availableProcessors());

        boolean allOk = true;
        for (int threads : threadCounts) {
            Map<RaceStrategy, double[]> jmhNs = new LinkedHashMap<>();
            Map<RaceStrategy, double[]> nbNs = new LinkedHashMap<>();
            for (RaceStrategy s : strategies) {
                jmhNs.put(s, new double[passes]);
                nbNs.put(s, new double[passes]);
            }
            for (int pass = -1; pass < passes; pass++) { // pass -1: warm-up (JIT, monitors), not counted
                for (RaceStrategy s : strategies) {
                    // JMH and then the notebook's method on the same strategy, back to back: both see the same machine
                    Options opt = new OptionsBuilder()
                            .include(LockCostBench.class.getName() + "\\." + methods.get(s) + "$")
                            .threads(threads)
                            .forks(0)
                            .warmupIterations(warmUps).warmupTime(JMH_ITERATION)
                            .measurementIterations(JMH_ITERATIONS).measurementTime(JMH_ITERATION)
                            .verbosity(VerboseMode.SILENT)
                            .build();
                    RunResult r = new Runner(opt).runSingle();
                    // throughput summed over the threads, increments per microsecond → ns per increment overall
                    double jmh = 1000.0 / r.getPrimaryResult().getScore();
                    double ours = RaceCost.measure(List.of(s), List.of(threads), window, iterations).nanosPerIncrement(s, threads);
                    if (pass >= 0) {
                        jmhNs.get(s)[pass] = jmh;
                        nbNs.get(s)[pass] = ours;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "== %d 个线程 — 每次 +1 的耗时（各轮中位数），以及相对 AtomicLong 的倍数（各轮倍数的中位数）==%n",
                    threads);
            System.out.printf(Locale.ROOT, "%-18s %12s %12s %10s %10s %8s  %-11s  %s%n", "strategy", "notebook ns", "JMH ns",
                    "nb ratio", "JMH ratio", "diff", "within 25 %", "each pass: nb / JMH ratio");
            double[] nbBase = nbNs.get(RaceStrategy.ATOMIC_LONG);
            double[] jmhBase = jmhNs.get(RaceStrategy.ATOMIC_LONG);
            for (RaceStrategy s : strategies) {
                double[] nbRatios = new double[passes];
                double[] jmhRatios = new double[passes];
                StringBuilder each = new StringBuilder();
                for (int p = 0; p < passes; p++) {
                    nbRatios[p] = nbNs.get(s)[p] / nbBase[p];
                    jmhRatios[p] = jmhNs.get(s)[p] / jmhBase[p];
                    each.append(String.format(Locale.ROOT, " %.2f/%.2f", nbRatios[p], jmhRatios[p]));
                }
                double nbRatio = median(nbRatios);
                double jmhRatio = median(jmhRatios);
                double diff = nbRatio / jmhRatio - 1;
                boolean ok = Math.abs(diff) <= TOLERANCE;
                allOk &= ok;
                System.out.printf(Locale.ROOT, "%-18s %12.2f %12.2f %10.2f %10.2f %+7.0f%%  %-11s %s%n", s.label(),
                        median(nbNs.get(s)), median(jmhNs.get(s)), nbRatio, jmhRatio, 100 * diff, ok ? "✔" : "✘", each);
            }
            System.out.println();
        }
        System.out.println(allOk ? "结论: 所有倍数相差都在 25 % 以内 ✔" : "结论: 有倍数相差超过 25 % ✘（见上表；多线程争用的数字波动大）");
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
