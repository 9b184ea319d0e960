package course.process;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link ProcessPool} task returned, and which worker process ran it.
 *
 * <p>进程池任务的结果：返回值（文字）、执行它的工作进程的 pid，以及在工作进程里花了多少时间。
 *
 * <p>Thread-safety: immutable.
 *
 * @param task      the task name
 * @param args      its arguments
 * @param value     the result, as text
 * @param workerPid the pid of the worker JVM that ran it
 * @param elapsed   how long it ran inside the worker
 */
public record ProcessPoolResult(String task, List<String> args, String value, long workerPid, Duration elapsed) {

    public ProcessPoolResult {
        args = List.copyOf(args);
    }

    /** The value as a number. */
    public long asLong() {
        return Long.parseLong(value);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-18s = %-10s 工作进程 pid %-7d 用时 %.3f s",
                task + "(" + String.join(", ", args) + ")", value, workerPid, elapsed.toNanos() / 1e9);
    }
}
