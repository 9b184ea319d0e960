package course.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import course.race.RaceCost;
import course.race.RaceStrategy;

/**
 * Compares the notebook's lock-cost numbers ({@link RaceCost}, wall-clock) with JMH ({@link LockCostBench}):
 * the ratio of each strategy to {@code AtomicLong}, side by side, for 1 and 2 threads.
 *
 * <p>把笔记本 05 里的"每次 +1 耗时"（{@link RaceCost}，墙上时间）和 JMH 的结果并排打印：
 * 每种写法相对 AtomicLong 的倍数，看两者是否相差在 25 % 以内。
 *
 * <pre>
 * ./mvnw -q -Pbench -pl lib,bench package -DskipTests
 * java -cp bench/target/benchmarks.jar course.bench.LockCostReport
 * </pre>
 */
public final class LockCostReport {

    static final double TOLERANCE = 0.25;

    private LockCostReport() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> threadCounts = List.of(1, 2);
        Map<RaceStrategy, String> methods = new LinkedHashMap<>();
        methods.put(RaceStrategy.VOLATILE, "volatileIncrement");
        methods.put(RaceStrategy.SYNCHRONIZED, "synchronizedIncrement");
        methods.put(RaceStrategy.REENTRANT_LOCK, "reentrantLockIncrement");
        methods.put(RaceStrategy.ATOMIC_LONG, "atomicLongIncrement");
        methods.put(RaceStrategy.LONG_ADDER, "longAdderIncrement");
        List<RaceStrategy> strategies = new ArrayList<>(methods.keySet());

        boolean allOk = true;
        for (int threads : threadCounts) {
            Options opt = new OptionsBuilder()
                    .include(LockCostBench.class.getName() + "\\.")
                    .threads(threads)
                    .forks(1)
                    .warmupIterations(3).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(5).measurementTime(TimeValue.milliseconds(500))
                    .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                    .build();
            Map<String, Double> jmh = new LinkedHashMap<>();
            for (RunResult r : new Runner(opt).run()) {
                String label = r.getParams().getBenchmark();
                jmh.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
            }
            List<RaceCost.Point> ours = RaceCost.measure(strategies, List.of(threads), 4_000_000, 7);
            Map<RaceStrategy, Double> notebook = new LinkedHashMap<>();
            ours.forEach(p -> notebook.put(p.strategy(), p.nanosPerIncrement()));

            double jmhBase = jmh.get(methods.get(RaceStrategy.ATOMIC_LONG)) / threads;
            double nbBase = notebook.get(RaceStrategy.ATOMIC_LONG);
            System.out.printf(Locale.ROOT, "== %d 个线程 (JVM 看到 %d 个核) — 每次 +1 的耗时，以及相对 AtomicLong 的倍数 ==%n",
                    threads, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-18s %12s %12s %10s %10s %8s  %s%n", "strategy", "notebook ns", "JMH ns",
                    "nb ratio", "JMH ratio", "diff", "within 25 %");
            for (RaceStrategy s : strategies) {
                double jmhNs = jmh.get(methods.get(s)) / threads; // JMH: time per op per thread → per increment overall
                double nbNs = notebook.get(s);
                double nbRatio = nbNs / nbBase;
                double jmhRatio = jmhNs / jmhBase;
                double diff = nbRatio / jmhRatio - 1;
                boolean ok = Math.abs(diff) <= TOLERANCE;
                allOk &= ok;
                System.out.printf(Locale.ROOT, "%-18s %12.2f %12.2f %10.2f %10.2f %+7.0f%%  %s%n", s.label(), nbNs, jmhNs,
                        nbRatio, jmhRatio, 100 * diff, ok ? "✔" : "✘");
            }
            System.out.println();
        }
        System.out.println(allOk ? "结论: 所有倍数相差都在 25 % 以内 ✔" : "结论: 有倍数相差超过 25 % ✘（见上表；多线程争用的数字波动大）");
    }
}
