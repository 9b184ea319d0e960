package course.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one shared-counter increment with each strategy of {@code course.race.RaceStrategy}.
 *
 * <p>每种写法一次 +1 的代价。所有线程共享同一个计数器（{@code Scope.Benchmark}），
 * 线程数用 JMH 的 {@code -t} 参数选（{@code LockCostReport} 用 1 和 2）。
 * 不测普通字段：JIT 会把它的循环合并掉，测出来的不是"一次 +1"。
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LockCostBench {

    private volatile long volatileCount;
    private final Object monitor = new Object();
    private long synchronizedCount;
    private final ReentrantLock lock = new ReentrantLock();
    private long lockedCount;
    private final AtomicLong atomic = new AtomicLong();
    private final LongAdder adder = new LongAdder();

    /** {@code volatile count++}: not atomic (loses updates), the cheapest visible write. */
    @Benchmark
    public void volatileIncrement() {
        volatileCount++;
    }

    /** {@code synchronized (monitor) { count++; }}. */
    @Benchmark
    public void synchronizedIncrement() {
        synchronized (monitor) {
            synchronizedCount++;
        }
    }

    /** {@code lock.lock(); try { count++; } finally { lock.unlock(); }}. */
    @Benchmark
    public void reentrantLockIncrement() {
        lock.lock();
        try {
            lockedCount++;
        } finally {
            lock.unlock();
        }
    }

    /** {@code AtomicLong.incrementAndGet()}. */
    @Benchmark
    public long atomicLongIncrement() {
        return atomic.incrementAndGet();
    }

    /** {@code LongAdder.increment()}. */
    @Benchmark
    public void longAdderIncrement() {
        adder.increment();
    }
}
