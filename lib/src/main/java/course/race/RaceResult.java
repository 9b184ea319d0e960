package course.race;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import course.base.Args;
import course.base.Text;
import course.timing.Timings;

/**
 * The final values of many runs of one {@link Race}, graded like jcstress.
 *
 * <p>一个实验很多次运行的最终值，按 jcstress 的方式评级：
 * <ul>
 *   <li>{@link Grade#CORRECT 正确}：等于期望值（线程数 × 每个线程加的次数）；</li>
 *   <li>{@link Grade#LOST_UPDATES 丢失更新}：小于期望值——有的 +1 被别的线程覆盖了；
 *       不安全写法允许出现（"有趣"的结果），安全写法出现就是错误；</li>
 *   <li>{@link Grade#FORBIDDEN 禁止}：大于期望值或小于理论最小值，任何写法都不可能出现。</li>
 * </ul>
 *
 * <p>Thread-safety: immutable.
 *
 * @param strategy   how the counter was incremented
 * @param threads    threads per run
 * @param increments increments per thread per run
 * @param widened    whether the demo mode (yield between read and write) was on
 * @param finals     the final counter value of each run, in run order
 * @param times      wall-clock time of each run (start gate to last join)
 */
public record RaceResult(RaceStrategy strategy, int threads, long increments, boolean widened, List<Long> finals,
                         List<Duration> times) {

    /** The grade of one final value. */
    public enum Grade {
        /** Equal to the expected total. */
        CORRECT("正确"),
        /** Below the expected total: some increments overwrote others. */
        LOST_UPDATES("丢失更新"),
        /** Above the expected total or below the smallest possible value: no interleaving gives it. */
        FORBIDDEN("禁止");

        private final String chinese;

        Grade(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /**
     * One line of the outcome table: how many runs got a grade, and the range of their values.
     *
     * @param grade       the grade
     * @param runs        runs with that grade
     * @param share       runs / all runs (0..1)
     * @param min         smallest value with that grade (0 when runs is 0)
     * @param max         largest value with that grade (0 when runs is 0)
     * @param allowed     whether this grade is acceptable for the strategy (jcstress ACCEPTABLE[_INTERESTING])
     * @param description a Chinese sentence saying what the grade means here
     */
    public record Row(Grade grade, int runs, double share, long min, long max, boolean allowed, String description) {
    }

    public RaceResult {
        Args.check(!finals.isEmpty() && finals.size() == times.size(), "finals and times",
                finals.size() + " and " + times.size(), "be non-empty and of equal size", "每次运行都要有一个最终值和一个用时");
        finals = List.copyOf(finals);
        times = List.copyOf(times);
    }

    /** The total every run should reach: threads × increments. */
    public long expected() {
        return threads * increments;
    }

    /**
     * The smallest final value some interleaving can give: one thread's increments when it runs
     * alone, 1 when each thread adds once, otherwise 2 (the classic result; the CPU simulator's
     * enumerator shows it for 2 threads × 2 increments).
     */
    public long minimumPossible() {
        if (threads == 1) {
            return increments;
        }
        return increments == 1 ? 1 : 2;
    }

    /** The grade of one final value. */
    public Grade grade(long value) {
        if (value == expected()) {
            return Grade.CORRECT;
        }
        if (value >= minimumPossible() && value < expected()) {
            return Grade.LOST_UPDATES;
        }
        return Grade.FORBIDDEN;
    }

    /** The outcome table: one row per grade, always three rows. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Grade g : Grade.values()) {
            List<Long> vs = finals.stream().filter(v -> grade(v) == g).toList();
            boolean allowed = g == Grade.CORRECT || (g == Grade.LOST_UPDATES && !strategy.safe());
            rows.add(new Row(g, vs.size(), (double) vs.size() / finals.size(),
                    vs.isEmpty() ? 0 : Collections.min(vs), vs.isEmpty() ? 0 : Collections.max(vs), allowed,
                    description(g)));
        }
        return List.copyOf(rows);
    }

    private String description(Grade g) {
        return switch (g) {
            case CORRECT -> "每一次 +1 都留下来了";
            case LOST_UPDATES -> strategy.safe()
                    ? "不应出现：这种写法保证互斥或原子性"
                    : "允许出现：读-改-写不是原子操作，别的线程的 +1 被覆盖";
            case FORBIDDEN -> "不可能：比期望值大，或小于理论最小值 " + minimumPossible();
        };
    }

    /** Runs whose final value shows lost updates. */
    public int lostRuns() {
        return (int) finals.stream().filter(v -> grade(v) == Grade.LOST_UPDATES).count();
    }

    /** Share (0..1) of runs with lost updates. */
    public double lostShare() {
        return (double) lostRuns() / finals.size();
    }

    /** Runs graded forbidden. */
    public int forbiddenRuns() {
        return (int) finals.stream().filter(v -> grade(v) == Grade.FORBIDDEN).count();
    }

    /** Whether every outcome is acceptable for this strategy (jcstress: no FORBIDDEN outcome). */
    public boolean acceptable() {
        return rows().stream().allMatch(r -> r.allowed() || r.runs() == 0);
    }

    /** Each final value and how many runs ended with it, by value. */
    public Map<Long, Integer> counts() {
        Map<Long, Integer> m = new TreeMap<>();
        finals.forEach(v -> m.merge(v, 1, Integer::sum));
        return Collections.unmodifiableMap(m);
    }

    /** Median wall-clock time of one run. */
    public Duration medianTime() {
        return new Timings(strategy.label(), times).median();
    }

    /** Median time of a run divided by all increments of the run, in nanoseconds. */
    public double nanosPerIncrement() {
        return medianTime().toNanos() / (double) expected();
    }

    /** One line: strategy, mode, runs, share of runs with lost updates. */
    public String summary() {
        return String.format(Locale.ROOT, "%s%s: %d 次运行, %d 次丢失更新 (%.0f %%), 期望值 %,d, 最小 %,d, 最大 %,d",
                strategy.label(), widened ? " [演示模式]" : "", finals.size(), lostRuns(), 100 * lostShare(), expected(),
                Collections.min(finals), Collections.max(finals));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s%s: %d 个线程 × %,d 次 +1, 运行 %d 次, 期望值 %,d, 每次中位数 %.1f ms%n",
                strategy.label(), widened ? " [演示模式: 读和写之间让出 CPU]" : "", threads, increments, finals.size(),
                expected(), medianTime().toNanos() / 1e6));
        for (Row r : rows()) {
            String range = r.runs() == 0 ? "—" : r.min() == r.max() ? String.format(Locale.ROOT, "%,d", r.min())
                    : String.format(Locale.ROOT, "%,d … %,d", r.min(), r.max());
            sb.append(String.format(Locale.ROOT, "  %s %4d 次 %5.1f %%  %-27s %s%s%n",
                    Text.padRight(r.grade().chinese(), 8), r.runs(), 100 * r.share(), range, !r.allowed() && r.runs() > 0 ? "✘ " : "",
                    r.description()));
        }
        return sb.toString();
    }
}
