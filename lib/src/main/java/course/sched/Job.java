package course.sched;

import java.util.Arrays;
import java.util.List;

import course.base.Args;

/**
 * A task for the scheduler simulator: a name, an arrival time and its bursts in order.
 *
 * <p>调度模拟器里的一个任务（进程或线程都行）：名字、什么时候到达（毫秒），以及按顺序要做的各段
 * （算一会儿、等一会儿……）。
 *
 * <pre>{@code
 * Job.of("听音乐", Burst.cpu(5), Burst.io(15), Burst.cpu(5))   // 0 ms 到达
 * Job.cpu("写作业", 30)                                         // 只算 30 ms
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param name    shown in charts and tables
 * @param arrival arrival time in ms, ≥ 0
 * @param bursts  at least one; consecutive bursts may be of any kind
 */
public record Job(String name, int arrival, List<Burst> bursts) {

    public Job {
        Args.check(name != null && !name.isBlank(), "name", name, "not be blank", "任务要有名字");
        Args.check(arrival >= 0, "arrival", arrival + " ms", "not be negative", "到达时间不能是负数");
        Args.check(bursts != null && !bursts.isEmpty(), "bursts of " + name, bursts, "not be empty",
                "任务 " + name + " 至少要有一段");
        bursts = List.copyOf(bursts);
    }

    /** A job arriving at 0 ms. */
    public static Job of(String name, Burst... bursts) {
        return new Job(name, 0, Arrays.asList(bursts));
    }

    /** A job arriving at {@code arrival} ms. */
    public static Job of(String name, int arrival, Burst... bursts) {
        return new Job(name, arrival, Arrays.asList(bursts));
    }

    /** A job that only computes for {@code ms} milliseconds, arriving at 0. */
    public static Job cpu(String name, int ms) {
        return of(name, Burst.cpu(ms));
    }

    /** Total CPU time it needs, in ms. */
    public int cpuTime() {
        return bursts.stream().filter(Burst::cpu).mapToInt(Burst::ms).sum();
    }

    @Override
    public String toString() {
        return name + " (到达 " + arrival + " ms: " + bursts + ")";
    }
}
