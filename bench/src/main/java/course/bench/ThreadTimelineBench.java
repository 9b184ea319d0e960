package course.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import course.timeline.ThreadTimeline;

/**
 * The cost of one mark in {@link ThreadTimeline}: an event, a span (open + close), a sample; one thread and two.
 *
 * <p>A new recorder per iteration keeps the heap small; the garbage collection of the recorded marks is part of
 * the cost, as it is in a notebook. Run: {@code java -jar bench/target/benchmarks.jar ThreadTimelineBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ThreadTimelineBench {

    private ThreadTimeline tl;

    @Setup(Level.Iteration)
    public void fresh() {
        tl = ThreadTimeline.start();
    }

    @Benchmark
    public void event() {
        tl.event("放入 骨头");
    }

    @Benchmark
    public void span() {
        try (var s = tl.span("吃 骨头")) {
            // empty body: the cost of the mark alone
        }
    }

    @Benchmark
    public void sample() {
        tl.sample("队列长度", 3);
    }

    @Benchmark
    @Threads(2)
    public void eventTwoThreads() {
        tl.event("放入 骨头");
    }

    /** The floor: reading the clock, which every mark does once. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}
