package course.deadlock;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

import course.base.Args;
import course.threads.ThreadLab;
import course.threads.ThreadLabResult;

/**
 * Measures how fairly a lock is shared: several threads take it again and again for a fixed time, and each counts
 * its acquisitions.
 *
 * <p>锁的公平性：几个线程在同样长的时间里不停地拿锁、放锁，各自数一数拿到了几次。
 * 不公平的锁（{@code new ReentrantLock()}，也包括 {@code synchronized}）允许"插队"（barging）：
 * 刚放下锁的线程还在运行，马上又抢到了，排队的线程还没醒过来——次数可能很不均匀，有的线程甚至很久拿不到
 * （饥饿，starvation）。公平的锁（{@code new ReentrantLock(true)}）按排队的顺序交给等得最久的线程：
 * 次数均匀，但每次交接都要唤醒一个睡着的线程，一共能拿到的次数（吞吐量）少得多。
 * 每次拿到锁都在锁里忙 {@link #HOLD}（约 1 微秒），所以没拿到锁的线程多半在排队。
 * 锁里还记下"换人"的次数：同一个线程平均一口气连续拿到几次锁。
 *
 * <pre>{@code
 * FairnessResult unfair = LockFairness.measure(new ReentrantLock(), 4, Duration.ofMillis(200));
 * FairnessResult fair = LockFairness.measure(new ReentrantLock(true), 4, Duration.ofMillis(200));
 * System.out.print(LockFairness.readings(unfair, fair));   // 从这一次的数字读出的结论
 * }</pre>
 *
 * <p>Thread-safety: {@link #measure} may be called from any thread; its threads are daemons joined before it returns.
 * The lock must not be used by anyone else meanwhile.
 */
public final class LockFairness {

    /** How long each acquisition holds the lock (a busy wait: the thread stays on its core). */
    public static final Duration HOLD = Duration.ofNanos(1_000);
    /** Longest window accepted. */
    public static final Duration MAX_WINDOW = Duration.ofSeconds(5);

    private LockFairness() {
    }

    /** Keeps the CPU busy for about {@code d}. */
    private static void busy(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /**
     * Lets {@code threads} threads take {@code lock} again and again for {@code window}, released together, and
     * counts each thread's acquisitions.
     *
     * @throws IllegalArgumentException when threads is not in 2..16, the window not in 1 ms..5 s, or the lock is held
     * @throws IllegalStateException    when a thread fails or does not stop in time
     */
    public static FairnessResult measure(ReentrantLock lock, int threads, Duration window) {
        Args.notNull("lock", lock);
        Args.inRange("threads", threads, 2, 16, "线程数");
        Args.notNull("window", window);
        Args.check(window.toMillis() >= 1 && window.compareTo(MAX_WINDOW) <= 0, "window", window, "be 1 ms to 5 s",
                "测量时间要在 1 毫秒到 5 秒之间");
        Args.check(!lock.isLocked(), "lock", lock, "be free", "测量开始时锁要空着");
        AtomicLongArray counts = new AtomicLongArray(threads);
        AtomicLongArray waits = new AtomicLongArray(threads);
        AtomicLong deadline = new AtomicLong();
        long[] handoffs = {0};
        int[] owner = {-1};
        ThreadLab lab = ThreadLab.create("锁的公平性").timeout(window.plusSeconds(5));
        for (int i = 0; i < threads; i++) {
            int me = i;
            lab.thread("线程" + (i + 1), out -> {
                deadline.compareAndSet(0, System.nanoTime() + window.toNanos()); // 第一个出发的线程定下结束时间
                long end = deadline.get();
                long mine = 0;
                long longest = 0;
                while (true) {
                    long asked = System.nanoTime();
                    if (asked >= end) {
                        break;
                    }
                    lock.lock();
                    longest = Math.max(longest, System.nanoTime() - asked);
                    try {
                        busy(HOLD);            // 在锁里做一点事
                        mine++;
                        if (owner[0] != me) { // 在锁里读写：换人了
                            owner[0] = me;
                            handoffs[0]++;
                        }
                    } finally {
                        lock.unlock();
                    }
                }
                counts.set(me, mine);
                waits.set(me, longest);
            });
        }
        ThreadLabResult run = lab.run().throwIfFailed();
        List<Long> acquisitions = new ArrayList<>();
        List<Duration> longestWaits = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            acquisitions.add(counts.get(i));
            longestWaits.add(Duration.ofNanos(waits.get(i)));
        }
        long measured = run.outcomes().stream().mapToLong(o -> o.time().toNanos()).max().orElse(window.toNanos());
        lock.lock(); // every thread has ended: reading handoffs under the lock sees their last write
        try {
            return new FairnessResult(lock.isFair(), window, Duration.ofNanos(measured), acquisitions, longestWaits,
                    handoffs[0]);
        } finally {
            lock.unlock();
        }
    }

    /**
     * What this pair of measurements shows, one line each, worded from the numbers: runs in a row, the longest wait,
     * most over fewest and the price in throughput; then the machine's load and cores, which the numbers depend on.
     *
     * <p>从这一次的数字读出的结论，每行以"→"开头：每一句都按数字本身的大小来写（比如公平锁这一次并不慢，就这么说），
     * 最后一行是测量时机器的负载和核数。
     */
    public static String readings(FairnessResult unfair, FairnessResult fair) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "→ 同一个线程平均连续拿到锁：不公平锁 %,.1f 次，公平锁 %,.1f 次%s%n",
                unfair.meanRun(), fair.meanRun(), unfair.meanRun() > fair.meanRun()
                        ? "：不公平锁让刚放下锁的线程马上又抢到" : "：这一次两种锁差不多"));
        double unfairWait = unfair.longestWait().toNanos() / 1e6;
        double fairWait = fair.longestWait().toNanos() / 1e6;
        sb.append(String.format(Locale.ROOT, "→ 等得最久的一次：不公平锁 %.1f ms，公平锁 %.1f ms%s%n", unfairWait, fairWait,
                fairWait < unfairWait ? "：公平锁下等得最久的线程也等得短些" : "：这一次公平锁下也有线程等了很久"));
        sb.append(String.format(Locale.ROOT, "→ 最多 / 最少：不公平锁 %s，公平锁 %s%s%n", unfair.spreadText(), fair.spreadText(),
                fair.spread() < unfair.spread() ? "：这一次公平锁分得更均匀" : "：这一次公平锁并没有分得更均匀"));
        double price = unfair.total() == 0 ? 1 : (double) fair.total() / unfair.total();
        sb.append(String.format(Locale.ROOT, "→ 公平的代价：公平锁一共拿到 %,d 次，是不公平锁（%,d 次）的 %.0f %%%s%n",
                fair.total(), unfair.total(), 100 * price, price < 1 ? "" : "：这一次公平锁并不慢"));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        if (load < 0) { // not available on this OS
            sb.append(String.format(Locale.ROOT, "  测量时 CPU 核数：%d%n", cores));
        } else {
            sb.append(String.format(Locale.ROOT, "  测量时机器的负载（最近 1 分钟平均的可运行任务数）：%.1f，CPU 核数：%d%s%n",
                    load, cores, load > cores ? "：别的程序也在抢 CPU，这次的数字受它们影响很大" : ""));
        }
        return sb.toString();
    }
}
