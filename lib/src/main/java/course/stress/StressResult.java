package course.stress;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What one {@link StressTest} run saw: how many rounds, how long, and the graded outcome table.
 *
 * <p>一次压力测试的结果：跑了多少轮、用了多久、JVM 看到几个核，以及评级后的结果表。
 * {@link #passed()}：没有出现禁止的结果，测试代码也没有出错或卡住。
 *
 * <p>Thread-safety: immutable.
 *
 * @param name     the test's name
 * @param threads  threads that ran together
 * @param cores    processors the JVM saw ({@code Runtime.availableProcessors()})
 * @param rounds   rounds run
 * @param elapsed  wall-clock time of the run
 * @param outcomes the graded outcomes
 * @param problem  an exception in the test's code, or threads that did not end; null when none
 */
public record StressResult(String name, int threads, int cores, long rounds, Duration elapsed,
                           OutcomeTable<String> outcomes, String problem) {

    public StressResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(outcomes, "outcomes");
    }

    /** How many rounds ended with {@code outcome}. */
    public long count(String outcome) {
        return outcomes.count(outcome);
    }

    /** Whether some round ended with {@code outcome}. */
    public boolean observed(String outcome) {
        return count(outcome) > 0;
    }

    /** How many rounds ended with an outcome of {@code grade}. */
    public long count(Grade grade) {
        return outcomes.count(grade);
    }

    /** Rounds with a forbidden outcome. */
    public long forbidden() {
        return outcomes.forbidden();
    }

    /** No forbidden outcome, no exception, no stuck thread. */
    public boolean passed() {
        return problem == null && outcomes.passed();
    }

    /** Rounds per second. */
    public double roundsPerSecond() {
        return elapsed.isZero() ? 0 : rounds / (elapsed.toNanos() / 1e9);
    }

    /** One line: name, rounds, time, verdict. */
    public String summary() {
        return String.format(Locale.ROOT, "%s：%d 个线程，%,d 轮，%.2f 秒，%d 个核 — %s", name, threads, rounds,
                elapsed.toNanos() / 1e9, cores, verdict());
    }

    private String verdict() {
        if (problem != null) {
            return "出错了：" + problem;
        }
        long f = forbidden();
        long i = count(Grade.ACCEPTABLE_INTERESTING);
        return f > 0 ? String.format(Locale.ROOT, "✘ 出现了 %,d 次禁止的结果", f)
                : i > 0 ? String.format(Locale.ROOT, "通过（没有禁止的结果；有趣的结果 %,d 次）", i)
                : "通过（没有禁止的结果）";
    }

    @Override
    public String toString() {
        return summary() + "\n" + outcomes;
    }
}
