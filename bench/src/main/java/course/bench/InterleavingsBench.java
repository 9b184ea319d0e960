package course.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import course.cpu.InterleavingReport;
import course.cpu.Interleavings;

/**
 * Time to enumerate every interleaving of the lost-update program: 2 threads × 2 increments (924 interleavings),
 * 2 × 3 (48 620) and 3 × 1 (1 680). The course promises 2 × 3 in well under a second in a notebook.
 * Run: {@code ./course bench InterleavingsBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class InterleavingsBench {

    @Benchmark
    public InterleavingReport twoThreadsTwoIncrements() {
        return Interleavings.counterIncrements(2, 2);
    }

    @Benchmark
    public InterleavingReport twoThreadsThreeIncrements() {
        return Interleavings.counterIncrements(2, 3);
    }

    @Benchmark
    public InterleavingReport threeThreadsOneIncrement() {
        return Interleavings.counterIncrements(3, 1);
    }
}
