package course.deadlock;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import course.base.Text;

/**
 * What {@link LockFairness#measure} counted: each thread's acquisitions of one lock in the same time, and how often
 * the lock changed hands.
 *
 * <p>公平性测量的结果：每个线程在同样长的时间里拿到锁的次数、一共多少次（吞吐量）、最多和最少差几倍、
 * 同一个线程平均一口气连续拿到几次。{@code DeadlockCharts.fairness(unfair, fair)} 把两次测量画在一起。
 *
 * <p>Thread-safety: immutable.
 *
 * @param fair         whether the lock was fair ({@code new ReentrantLock(true)})
 * @param window       how long the threads took the lock
 * @param elapsed      from the start until the last thread stopped
 * @param acquisitions acquisitions per thread, 线程1 first
 * @param longestWaits per thread, the longest time from asking for the lock to getting it
 * @param handoffs     times the lock went to a different thread than the one that had it before
 */
public record FairnessResult(boolean fair, Duration window, Duration elapsed, List<Long> acquisitions,
                             List<Duration> longestWaits, long handoffs) {

    public FairnessResult {
        acquisitions = List.copyOf(acquisitions);
        longestWaits = List.copyOf(longestWaits);
    }

    /** The longest any thread waited for the lock. */
    public Duration longestWait() {
        return longestWaits.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** 公平锁 / 不公平锁 with how it was made. */
    public String label() {
        return fair ? "公平锁 new ReentrantLock(true)" : "不公平锁 new ReentrantLock()";
    }

    /** All acquisitions together. */
    public long total() {
        return acquisitions.stream().mapToLong(Long::longValue).sum();
    }

    /** Acquisitions per millisecond of the window, all threads together. */
    public double perMillisecond() {
        return total() / (window.toNanos() / 1e6);
    }

    /** Thread {@code i}'s share of all acquisitions, in percent. */
    public double sharePercent(int i) {
        long total = total();
        return total == 0 ? 0 : 100.0 * acquisitions.get(i) / total;
    }

    /** The fewest acquisitions of any thread. */
    public long fewest() {
        return acquisitions.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** Most over fewest acquisitions, or infinity when a thread got none. */
    public double spread() {
        long fewest = fewest();
        long most = acquisitions.stream().mapToLong(Long::longValue).max().orElse(0);
        return fewest == 0 ? Double.POSITIVE_INFINITY : (double) most / fewest;
    }

    /** {@link #spread()} in words: "2.78 倍", or "∞（有线程一次也没拿到）". */
    public String spreadText() {
        return Double.isInfinite(spread()) ? "∞（有线程一次也没拿到）" : String.format(Locale.ROOT, "%.2f 倍", spread());
    }

    /** How many times in a row, on average, one thread got the lock. */
    public double meanRun() {
        return handoffs == 0 ? total() : (double) total() / handoffs;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s：%d 个线程抢同一把锁 %d ms%n", label(),
                acquisitions.size(), window.toMillis()));
        for (int i = 0; i < acquisitions.size(); i++) {
            sb.append(String.format(Locale.ROOT, "  %s %,12d 次  %5.1f %%   最长等了 %8.3f ms%n", Text.padRight("线程" + (i + 1), 6),
                    acquisitions.get(i), sharePercent(i), longestWaits.get(i).toNanos() / 1e6));
        }
        sb.append(String.format(Locale.ROOT, "  一共 %,d 次（每毫秒 %,.0f 次）；最多 / 最少 = %s；同一个线程平均一口气连续拿到 %,.1f 次%n",
                total(), perMillisecond(), spreadText(), meanRun()));
        return sb.toString();
    }
}
