package course.timing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import course.base.Args;

/**
 * Wall-clock times of a task run several times, with median and spread.
 *
 * <p>把一段代码运行若干次，记录每次用了多少时间（墙上时间, wall-clock time），
 * 报告中位数（median）和波动范围。机器上别的程序也在运行，所以一次测量不可靠：看中位数和波动。
 *
 * <pre>{@code
 * Timings t = Timings.measure("两个线程", 3, () -> runTwoThreads());
 * System.out.println(t);   // 两个线程: 中位数 2.003 s (最快 2.001 s, 最慢 2.010 s, 3 次)
 * }</pre>
 *
 * <p>Thread-safety: immutable; {@link #measure} runs the task in the calling thread.
 *
 * @param label   what was measured
 * @param samples one duration per run, in run order
 */
public record Timings(String label, List<Duration> samples) {

    public Timings {
        Args.check(!samples.isEmpty(), "samples", samples, "not be empty", "至少要有一次测量");
        samples = List.copyOf(samples);
    }

    /** A task that may throw: a lambda in a notebook cell often sleeps or joins. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    /**
     * Runs {@code task} {@code runs} times in the calling thread and records each wall-clock time.
     *
     * @throws IllegalArgumentException when runs is not positive
     * @throws IllegalStateException    wrapping what the task threw, naming the run
     */
    public static Timings measure(String label, int runs, Task task) {
        Args.positive("runs", runs, "运行次数");
        List<Duration> samples = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            try {
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(label + ": run " + (i + 1) + " was interrupted", e);
            } catch (Exception e) {
                throw new IllegalStateException(label + ": run " + (i + 1) + " failed: " + e, e);
            }
            samples.add(Duration.ofNanos(System.nanoTime() - t0));
        }
        return new Timings(label, samples);
    }

    /** Runs the task once: {@code measure(label, 1, task)}. */
    public static Timings once(String label, Task task) {
        return measure(label, 1, task);
    }

    public Duration median() {
        List<Duration> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    public Duration min() {
        return sorted().get(0);
    }

    public Duration max() {
        return sorted().get(samples.size() - 1);
    }

    /** The median in seconds, for charts and checks. */
    public double medianSeconds() {
        return median().toNanos() / 1e9;
    }

    /** (max − min) / median: 0 means every run took the same time. */
    public double spread() {
        return (double) max().minus(min()).toNanos() / Math.max(1, median().toNanos());
    }

    private List<Duration> sorted() {
        List<Duration> s = new ArrayList<>(samples);
        Collections.sort(s);
        return s;
    }

    /** Formats a duration with a unit a learner reads at a glance: s, ms or µs. */
    public static String format(Duration d) {
        long ns = d.toNanos();
        if (ns >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
        }
        if (ns >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
    }

    @Override
    public String toString() {
        if (samples.size() == 1) {
            return label + ": " + format(samples.get(0));
        }
        return label + ": 中位数 " + format(median()) + " (最快 " + format(min()) + ", 最慢 " + format(max())
                + ", " + samples.size() + " 次)";
    }
}
