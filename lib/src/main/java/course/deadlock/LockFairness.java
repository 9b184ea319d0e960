package course.deadlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
}
