package course.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import course.cpu.InterleavingResult;
import course.cpu.Interleavings;

/**
 * Time to enumerate every interleaving of a shared counter: the lost-update program with 2 threads × 2 increments
 * (924 interleavings), 2 × 3 (48 620, the baseline the notebook always ran), 3 × 1 (1 680) and 3 × 3 (about
 * 2.3·10¹¹), and 3 × 3 increments each inside LOCK/UNLOCK. The enumerator explores distinct states once and counts
 * interleavings by dynamic programming, so its time follows the number of states, printed once per case before the
 * measurement ("states"), not the number of interleavings. Run: {@code ./course bench InterleavingsBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class InterleavingsBench {

    /** threads × increments; "locked" puts each increment inside LOCK 3000 / UNLOCK 3000. */
    @Param({"2x2", "2x3", "3x1", "3x3", "3x3-locked"})
    public String shape;

    private String[] programs;

    @Setup(Level.Trial)
    public void describe() {
        String[] p = shape.split("[x-]");
        int threads = Integer.parseInt(p[0]);
        int increments = Integer.parseInt(p[1]);
        String one = p.length > 2 ? lockedCounter(increments) : Interleavings.counterProgram(increments);
        programs = new String[threads];
        Arrays.fill(programs, one);
        InterleavingResult r = enumerate();
        System.out.printf("%n%s: %s interleavings, %,d states, values %s%n", shape, r.totalText(), r.states(),
                r.values());
    }

    @Benchmark
    public InterleavingResult enumerate() {
        return Interleavings.of(Interleavings.COUNTER, programs);
    }

    private static String lockedCounter(int increments) {
        StringBuilder sb = new StringBuilder("DATA 2000, 0\n");
        for (int k = 0; k < increments; k++) {
            sb.append("LOCK 3000\nLOAD A, 2000\nADDI A, A, 1\nSTORE A, 2000\nUNLOCK 3000\n");
        }
        return sb.toString();
    }
}
