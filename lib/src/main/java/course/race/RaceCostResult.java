package course.race;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import course.base.Args;
import course.base.Text;

/**
 * What {@link RaceCost#measure} found: the cost of one increment for each strategy and thread count, in the
 * order measured.
 *
 * <p>{@link RaceCost#measure} 的结果：每种写法、每种线程数下一次 +1 平均多少纳秒。作为单元格的输出，
 * 它是对齐的文字，一行一个测量点；{@code RaceCharts.cost(result)} 把它画成分组柱状图。
 *
 * <pre>{@code
 * RaceCostResult cost = RaceCost.measure(RaceStrategy.fixes(), List.of(1, 2), Duration.ofMillis(30), 3);
 * System.out.println(cost);
 * cost.nanosPerIncrement(RaceStrategy.ATOMIC_LONG, 2)   // 一个数，例如 5.73
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param points     one per strategy and thread count, strategies in the order given, then thread counts
 * @param window     length of one measured iteration
 * @param iterations measured iterations per point (after {@link RaceCost#WARM_UP_ITERATIONS} warm-up ones)
 */
public record RaceCostResult(List<Point> points, Duration window, int iterations) {

    /**
     * One measurement.
     *
     * @param strategy          the strategy
     * @param threads           threads incrementing together
     * @param nanosPerIncrement 1 / the mean over the measured iterations of the sum of the threads' increments per nanosecond
     * @param correct           whether the counter ended equal to the increments done (no lost update)
     */
    public record Point(RaceStrategy strategy, int threads, double nanosPerIncrement, boolean correct) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %2d 个线程  %7.2f ns/次%s", Text.padRight(strategy.label(), 18),
                    threads, nanosPerIncrement, correct ? "" : "  (有丢失更新)");
        }
    }

    public RaceCostResult {
        points = List.copyOf(points);
        Args.notNull("window", window);
    }

    /**
     * The cost measured for {@code strategy} with {@code threads} threads, in nanoseconds per increment.
     *
     * @throws IllegalArgumentException when that pair was not measured
     */
    public double nanosPerIncrement(RaceStrategy strategy, int threads) {
        return points.stream().filter(p -> p.strategy() == strategy && p.threads() == threads).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("strategy and threads (" + strategy.label() + ", "
                        + threads + ") must be one of the measured pairs / 没有测过这种写法和线程数"))
                .nanosPerIncrement();
    }

    /** A heading with the protocol, then one aligned line per point. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "每次 +1 的平均耗时（热身 %d 轮，再测 %d 轮，每轮 %d ms）:%n", RaceCost.WARM_UP_ITERATIONS, iterations,
                window.toMillis()));
        points.forEach(p -> sb.append(p).append('\n'));
        return sb.toString();
    }
}
