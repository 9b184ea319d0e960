package course.process;

/**
 * A {@link ProcessPool} worker JVM ended while running a task; carries its exit code and the end of
 * its standard error.
 *
 * <p>工作进程在执行任务时崩溃（进程退出）了：异常里有它的 pid、退出码和标准错误的最后几行。
 * 进程池会换一个新的工作进程，其他任务照常执行——这就是用进程做"崩溃隔离"的好处。
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class WorkerCrashedException extends RuntimeException {

    private final long pid;
    private final int exitCode;
    private final String stderrTail;

    WorkerCrashedException(String task, long pid, int exitCode, String stderrTail) {
        super("worker pid " + pid + " exited with code " + exitCode + " while running " + task
                + " / 工作进程崩溃了（进程池已换上新的工作进程）; stderr tail:\n" + stderrTail);
        this.pid = pid;
        this.exitCode = exitCode;
        this.stderrTail = stderrTail;
    }

    public long pid() {
        return pid;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderrTail() {
        return stderrTail;
    }
}
