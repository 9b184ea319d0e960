package course.race;

import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The ways a shared counter can be incremented by several threads: two unsafe, four correct.
 *
 * <p>多个线程给同一个计数器加 1 的六种写法：前两种（普通字段、volatile）不安全，会丢失更新（lost update）；
 * 后四种（synchronized、ReentrantLock、AtomicLong、LongAdder）保证结果正确。
 * 每种写法的循环都写在各自的类里，让 JIT 对每种写法单独优化（普通字段的循环可能被 JIT 合并，
 * 这正是"竞争有时看不见"的原因之一）。
 *
 * <p>The loops below look alike on purpose (the enum constants' factories too): each counter class has its own
 * {@code add}, {@code batch} and {@code addWidened}, so the JIT compiles and profiles each strategy's loop
 * separately, as JMH's benchmark methods are ({@code course.bench.LockCostBench}). One shared loop over a
 * {@code SharedCounter} call would be compiled once for all strategies, with a megamorphic call inside, and
 * would hide what the JIT does to the plain field. Do not merge them.
 *
 * <p>Thread-safety: the constants are immutable; each counter is meant to be shared by the threads of one run.
 */
public enum RaceStrategy {

    /** {@code count++} on a plain field: not atomic, not even visible to other threads in time. 普通字段。 */
    PLAIN("普通字段 count++", false) {
        @Override
        SharedCounter newCounter() {
            return new Plain();
        }
    },
    /** {@code count++} on a volatile field: every read and write goes to memory, still not atomic. */
    VOLATILE("volatile count++", false) {
        @Override
        SharedCounter newCounter() {
            return new Volatile();
        }
    },
    /** {@code synchronized (lock) { count++; }}: one thread at a time in the critical section. */
    SYNCHRONIZED("synchronized", true) {
        @Override
        SharedCounter newCounter() {
            return new Synchronized();
        }
    },
    /** {@code lock.lock(); try { count++; } finally { lock.unlock(); }}: Java's {@code with lock:}. */
    REENTRANT_LOCK("ReentrantLock", true) {
        @Override
        SharedCounter newCounter() {
            return new Locked();
        }
    },
    /** {@code AtomicLong.incrementAndGet()}: one atomic CPU instruction (lock xadd / CAS), no lock. */
    ATOMIC_LONG("AtomicLong", true) {
        @Override
        SharedCounter newCounter() {
            return new Atomic();
        }
    },
    /** {@code LongAdder.increment()}: one cell per contending thread, summed at the end. */
    LONG_ADDER("LongAdder", true) {
        @Override
        SharedCounter newCounter() {
            return new Adder();
        }
    };

    private final String label;
    private final boolean safe;

    RaceStrategy(String label, boolean safe) {
        this.label = label;
        this.safe = safe;
    }

    /** The name shown in tables and charts. */
    public String label() {
        return label;
    }

    /** Whether this strategy always gives the correct total (a lost update would be forbidden). */
    public boolean safe() {
        return safe;
    }

    /** A fresh counter at zero. */
    abstract SharedCounter newCounter();

    /** The four correct strategies. */
    public static List<RaceStrategy> fixes() {
        return Arrays.stream(values()).filter(RaceStrategy::safe).toList();
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * A counter that one strategy increments; each subclass holds its own loops so the JIT compiles
     * them separately (a loop over an interface call would hide what the JIT does to a plain field).
     */
    abstract static class SharedCounter {
        /** Adds 1, {@code n} times. */
        abstract void add(long n);

        /**
         * Adds 1, {@code n} times, calling {@link Thread#yield()} between reading and writing: the
         * demo mode that makes the read-modify-write window wide enough to see on any number of cores.
         */
        abstract void addWidened(long n);

        /**
         * Adds 1, {@link RaceCost#BATCH} times: the loop {@link RaceCost} times, the same as the body of each
         * benchmark method in {@code course.bench.LockCostBench}. Each subclass compiles its own.
         */
        abstract void batch();

        /**
         * Runs {@link #batch()} until {@code stop} is set or the thread is interrupted, and returns how many it
         * added: JMH's loop around a benchmark method (see {@link RaceCost}).
         */
        final long addUntil(AtomicBoolean stop) {
            long n = 0;
            do {
                batch();
                n += RaceCost.BATCH;
            } while (!stop.get() && !Thread.currentThread().isInterrupted());
            return n;
        }

        abstract long value();

        /**
         * Makes a lock (or an atomic) after allocating 256 bytes of nothing, so that it does not share a cache line
         * with this counter's own fields or with whatever was allocated just before: a thread waiting for the lock
         * does not keep pulling away the line the owner is writing (false sharing). JMH pads its @State objects for
         * the same reason. Measured without it ({@link RaceCost}), the same loop cost 1, 2 or 4 times as much from
         * one run to the next, depending on where the objects happened to land.
         */
        static <T> T separate(Supplier<T> make) {
            long[] gap = new long[RaceCost.PAD_LONGS];
            T made = make.get();
            Reference.reachabilityFence(gap);
            return made;
        }
    }

    static final class Plain extends SharedCounter {
        private long count;

        @Override
        void add(long n) {
            for (long i = 0; i < n; i++) {
                count++;
            }
        }

        @Override
        void batch() {
            for (int i = 0; i < RaceCost.BATCH; i++) {
                count++;
            }
        }

        @Override
        void addWidened(long n) {
            for (long i = 0; i < n && !Thread.currentThread().isInterrupted(); i++) {
                long v = count;       // LOAD
                Thread.yield();       // 在读和写之间让出 CPU：相当于操作系统恰好在这里切换线程
                count = v + 1;        // ADD + STORE
            }
        }

        @Override
        long value() {
            return count;
        }
    }

    static final class Volatile extends SharedCounter {
        private volatile long count;

        @Override
        void add(long n) {
            for (long i = 0; i < n; i++) {
                count++;
            }
        }

        @Override
        void batch() {
            for (int i = 0; i < RaceCost.BATCH; i++) {
                count++;
            }
        }

        @Override
        void addWidened(long n) {
            for (long i = 0; i < n && !Thread.currentThread().isInterrupted(); i++) {
                long v = count;
                Thread.yield();
                count = v + 1;
            }
        }

        @Override
        long value() {
            return count;
        }
    }

    static final class Synchronized extends SharedCounter {
        private final Object lock = separate(Object::new);
        private long count;

        @Override
        void add(long n) {
            for (long i = 0; i < n; i++) {
                synchronized (lock) {
                    count++;
                }
            }
        }

        @Override
        void batch() {
            for (int i = 0; i < RaceCost.BATCH; i++) {
                synchronized (lock) {
                    count++;
                }
            }
        }

        @Override
        void addWidened(long n) {
            for (long i = 0; i < n && !Thread.currentThread().isInterrupted(); i++) {
                synchronized (lock) {
                    long v = count;
                    Thread.yield();   // 持有锁时让出 CPU：别的线程进不来
                    count = v + 1;
                }
            }
        }

        @Override
        long value() {
            synchronized (lock) {
                return count;
            }
        }
    }

    static final class Locked extends SharedCounter {
        private final ReentrantLock lock = separate(ReentrantLock::new);
        private long count;

        @Override
        void add(long n) {
            for (long i = 0; i < n; i++) {
                lock.lock();
                try {
                    count++;
                } finally {
                    lock.unlock();
                }
            }
        }

        @Override
        void batch() {
            for (int i = 0; i < RaceCost.BATCH; i++) {
                lock.lock();
                try {
                    count++;
                } finally {
                    lock.unlock();
                }
            }
        }

        @Override
        void addWidened(long n) {
            for (long i = 0; i < n && !Thread.currentThread().isInterrupted(); i++) {
                lock.lock();
                try {
                    long v = count;
                    Thread.yield();
                    count = v + 1;
                } finally {
                    lock.unlock();
                }
            }
        }

        @Override
        long value() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }
    }

    static final class Atomic extends SharedCounter {
        private final AtomicLong count = separate(AtomicLong::new);

        @Override
        void add(long n) {
            for (long i = 0; i < n; i++) {
                count.incrementAndGet();
            }
        }

        @Override
        void batch() {
            for (int i = 0; i < RaceCost.BATCH; i++) {
                count.incrementAndGet();
            }
        }

        @Override
        void addWidened(long n) {
            for (long i = 0; i < n && !Thread.currentThread().isInterrupted(); i++) {
                long v;
                do {
                    v = count.get();
                    Thread.yield();                      // 同样在读和写之间让出 CPU……
                } while (!count.compareAndSet(v, v + 1)); // ……但 CAS 发现值变了就重试
            }
        }

        @Override
        long value() {
            return count.get();
        }
    }

    static final class Adder extends SharedCounter {
        private final LongAdder count = separate(LongAdder::new);

        @Override
        void add(long n) {
            for (long i = 0; i < n; i++) {
                count.increment();
            }
        }

        @Override
        void batch() {
            for (int i = 0; i < RaceCost.BATCH; i++) {
                count.increment();
            }
        }

        @Override
        void addWidened(long n) {
            for (long i = 0; i < n && !Thread.currentThread().isInterrupted(); i++) {
                count.increment();  // 没有"先读后写"的窗口可放大；仍然每次让出 CPU，线程切换一样频繁
                Thread.yield();
            }
        }

        @Override
        long value() {
            return count.sum();
        }
    }
}
