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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import course.race.RaceCost;

/**
 * The cost of one shared-counter increment with each strategy of {@code course.race.RaceStrategy}.
 *
 * <p>每种写法一次 +1 的代价。所有线程共享同一个计数器（{@code Scope.Benchmark}），
 * 线程数用 JMH 的 {@code -t} 参数选（{@code LockCostReport} 用 1 和 2）。
 * 不测普通字段：JIT 会把它的循环合并掉，测出来的不是"一次 +1"。
 *
 * <p>Each invocation runs the same loop as the notebook's measurement ({@code RaceStrategy}'s counters, called
 * by {@link RaceCost} {@value RaceCost#BATCH} increments at a time), written here again with plain JDK code, and
 * counts as {@value RaceCost#BATCH} operations: both sides time the same machine code, so what the comparison
 * checks is the timing method.
 *
 * <p>Throughput mode: JMH sums the threads' throughputs, so 1000 / score is the time of one increment of the
 * shared counter overall (what {@code RaceCost} measures). Average-time mode averages each thread's time per
 * operation instead, which over-weights a thread that got the lock less often (locks are not fair) and cannot
 * be turned into a per-increment cost by dividing by the thread count.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LockCostBench {

    private static final int N = RaceCost.BATCH;

    private volatile long volatileCount;
    private final Object monitor = new Object();
    private long synchronizedCount;
    private final ReentrantLock lock = new ReentrantLock();
    private long lockedCount;
    private final AtomicLong atomic = new AtomicLong();
    private final LongAdder adder = new LongAdder();

    /** {@code volatile count++}: not atomic (loses updates), the cheapest visible write. */
    @Benchmark
    @OperationsPerInvocation(RaceCost.BATCH)
    public void volatileIncrement() {
        for (int i = 0; i < N; i++) {
            volatileCount++;
        }
    }

    /** {@code synchronized (monitor) { count++; }}. */
    @Benchmark
    @OperationsPerInvocation(RaceCost.BATCH)
    public void synchronizedIncrement() {
        for (int i = 0; i < N; i++) {
            synchronized (monitor) {
                synchronizedCount++;
            }
        }
    }

    /** {@code lock.lock(); try { count++; } finally { lock.unlock(); }}. */
    @Benchmark
    @OperationsPerInvocation(RaceCost.BATCH)
    public void reentrantLockIncrement() {
        for (int i = 0; i < N; i++) {
            lock.lock();
            try {
                lockedCount++;
            } finally {
                lock.unlock();
            }
        }
    }

    /** {@code AtomicLong.incrementAndGet()}. */
    @Benchmark
    @OperationsPerInvocation(RaceCost.BATCH)
    public void atomicLongIncrement() {
        for (int i = 0; i < N; i++) {
            atomic.incrementAndGet();
        }
    }

    /** {@code LongAdder.increment()}. */
    @Benchmark
    @OperationsPerInvocation(RaceCost.BATCH)
    public void longAdderIncrement() {
        for (int i = 0; i < N; i++) {
            adder.increment();
        }
    }
}
