package course.race;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one increment costs with each strategy and thread count, measured with {@link Race}.
 *
 * <p>每种写法、每种线程数下，一次 +1 平均花多少纳秒：总次数固定，平分给各个线程，
 * 取多次运行的中位数，再除以总次数。线程越多，抢同一把锁（或同一个缓存行）越激烈。
 * 这是粗略的"墙上时间"测量；更严格的数字见 JMH 基准测试（bench 模块）。
 *
 * <pre>{@code
 * List<RaceCost.Point> cost = RaceCost.measure(RaceStrategy.fixes(), List.of(1, 2, 4), 2_000_000, 5);
 * RaceCharts.cost(cost)
 * }</pre>
 */
public final class RaceCost {

    /**
     * One measurement.
     *
     * @param strategy           the strategy
     * @param threads            threads sharing the work
     * @param nanosPerIncrement  median run time / total increments, in nanoseconds
     * @param correct            whether every run reached the expected total
     */
    public record Point(RaceStrategy strategy, int threads, double nanosPerIncrement, boolean correct) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-18s %2d 个线程  %7.2f ns/次%s", strategy.label(), threads,
                    nanosPerIncrement, correct ? "" : "  (有丢失更新)");
        }
    }

    private RaceCost() {
    }

    /**
     * Measures every strategy with every thread count; {@code totalIncrements} are split evenly
     * between the threads; the first run of each pair is a warm-up and is not counted.
     *
     * @throws IllegalArgumentException when a list is empty, a thread count is not in 1..64, the total
     *                                  is not positive or runs is not positive
     */
    public static List<Point> measure(List<RaceStrategy> strategies, List<Integer> threadCounts, long totalIncrements,
                                      int runs) {
        Objects.requireNonNull(strategies, "strategies");
        Objects.requireNonNull(threadCounts, "threadCounts");
        if (strategies.isEmpty() || threadCounts.isEmpty()) {
            throw new IllegalArgumentException("strategies and threadCounts must not be empty / 至少要一种写法和一种线程数");
        }
        if (totalIncrements <= 0 || runs <= 0) {
            throw new IllegalArgumentException("totalIncrements (" + totalIncrements + ") and runs (" + runs
                    + ") must be positive / 次数必须大于 0");
        }
        List<Point> points = new ArrayList<>();
        for (RaceStrategy s : strategies) {
            for (int t : threadCounts) {
                Race race = Race.of(s).threads(t).increments(Math.max(1, totalIncrements / t));
                race.runs(1).run(); // warm-up: let the JIT compile this strategy's loop
                RaceResult r = race.runs(runs).run();
                points.add(new Point(s, t, r.nanosPerIncrement(), r.lostRuns() == 0 && r.forbiddenRuns() == 0));
            }
        }
        return List.copyOf(points);
    }

    /** Aligned text, one line per point. */
    public static String format(List<Point> points) {
        StringBuilder sb = new StringBuilder();
        points.forEach(p -> sb.append(p).append('\n'));
        return sb.toString();
    }
}
