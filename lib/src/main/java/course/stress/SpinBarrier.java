package course.stress;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier that waits by spinning, so that the threads of a stress test leave it within nanoseconds of
 * each other; on one core it yields instead, letting the other threads run.
 *
 * <p>起跑线：所有线程都到了才一起出发。用自旋等待（不睡眠），出发的时间相差只有几十纳秒，
 * 线程才真的"同时"执行测试的那几行代码。只有一个核时自旋没有意义，改成 {@link Thread#yield()}。
 *
 * <p>Thread-safety: shared by the threads of one run; {@link #abort()} may be called from any thread.
 */
final class SpinBarrier {

    /** Spins between two {@link Thread#yield()} calls on a multi-core machine. */
    static final int SPINS = 1 << 12;

    private final int parties;
    private final boolean spin;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int generation;
    private volatile boolean aborted;

    SpinBarrier(int parties) {
        this.parties = parties;
        this.spin = Runtime.getRuntime().availableProcessors() > 1;
    }

    /** Waits until all parties arrived; false when the barrier was aborted (the caller must then stop). */
    boolean await() {
        int g = generation;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            generation = g + 1;
            return !aborted;
        }
        int spins = 0;
        while (generation == g) {
            if (aborted) {
                return false;
            }
            if (spin && ++spins % SPINS != 0) {
                Thread.onSpinWait();
            } else {
                Thread.yield();   // one core, or a partner that is not running: let others run, then spin again
            }
        }
        return !aborted;
    }

    /** Releases every waiting thread for good: {@link #await()} returns false from now on. */
    void abort() {
        aborted = true;
    }
}
