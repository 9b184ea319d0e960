package course.threads;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import course.base.Args;

/**
 * What a {@link ThreadLab} run produced: every line the threads wrote, in time order, and how each
 * thread ended.
 *
 * <p>一次 {@link ThreadLab} 运行的结果：所有线程按时间顺序写下的输出，以及每个线程的结局
 * （完成 / 抛出异常 / 超时被中断 / 中断后仍卡住）。作为单元格最后一个表达式时显示为对齐的文字。
 *
 * <p>Thread-safety: immutable (the lists are copies); a thrown {@link Outcome#error()} is shared as is.
 *
 * @param title    the lab's title
 * @param lines    every line written, in the order written
 * @param outcomes one per thread, in the order added
 * @param timeout  the time limit the lab had
 * @param elapsed  from the start gate opening until the lab stopped waiting
 */
public record ThreadLabResult(String title, List<LabLog.Line> lines, List<Outcome> outcomes, Duration timeout,
                              Duration elapsed) {

    /** How a thread ended. */
    public enum Status {
        /** The body returned normally. 正常完成。 */
        FINISHED("完成"),
        /** The body threw; see {@link Outcome#error()}. 抛出了异常。 */
        FAILED("抛出异常"),
        /** Still running at the time limit; it ended after being interrupted. 超时，被中断后结束。 */
        INTERRUPTED("超时，已中断"),
        /** Still alive after the interrupt and the grace time (a daemon thread, reported by name). 中断后仍然卡住。 */
        STUCK("卡住！中断后仍未结束");

        private final String chinese;

        Status(String chinese) {
            this.chinese = chinese;
        }

        /** The Chinese word shown in reports. */
        public String chinese() {
            return chinese;
        }
    }

    /**
     * How one thread ended.
     *
     * @param thread the thread's name
     * @param status how it ended
     * @param time   from the start gate until it ended (for a stuck thread: until the lab gave up)
     * @param error  what the body threw, or null
     * @param where  for a stuck thread: its state and top stack frames; otherwise empty
     */
    public record Outcome(String thread, Status status, Duration time, Throwable error, String where) {
        public Outcome {
            Args.notNull("thread", thread);
            Args.notNull("status", status);
            where = where == null ? "" : where;
        }

        @Override
        public String toString() {
            String s = thread + ": " + status.chinese() + String.format(Locale.ROOT, " (%.1f ms)", time.toNanos() / 1e6);
            if (status == Status.FAILED && error != null) {
                s += " — " + error;
            }
            if (status == Status.STUCK) {
                s += " — " + where;
            }
            return s;
        }
    }

    public ThreadLabResult {
        lines = List.copyOf(lines);
        outcomes = List.copyOf(outcomes);
    }

    /** Whether every thread finished normally. */
    public boolean ok() {
        return outcomes.stream().allMatch(o -> o.status() == Status.FINISHED);
    }

    /** Names of threads still alive after the interrupt (daemon threads the lab could not stop). */
    public List<String> stuck() {
        return names(Status.STUCK);
    }

    /** Names of threads whose body threw. */
    public List<String> failed() {
        return names(Status.FAILED);
    }

    /** Names of threads that had to be interrupted (they ended afterwards). */
    public List<String> interrupted() {
        return names(Status.INTERRUPTED);
    }

    /** The texts one thread wrote, in order. */
    public List<String> textsOf(String thread) {
        return lines.stream().filter(l -> l.thread().equals(thread)).map(LabLog.Line::text).toList();
    }

    /**
     * Throws when a thread failed or is stuck; returns this otherwise (for tests and checks).
     *
     * @throws IllegalStateException naming the threads, with the first error as cause
     */
    public ThreadLabResult throwIfFailed() {
        if (ok()) {
            return this;
        }
        Throwable cause = outcomes.stream().map(Outcome::error).filter(Objects::nonNull).findFirst().orElse(null);
        throw new IllegalStateException(title + ": not every thread finished / 不是每个线程都正常完成:\n"
                + outcomesText(), cause);
    }

    private List<String> names(Status s) {
        return outcomes.stream().filter(o -> o.status() == s).map(Outcome::thread).toList();
    }

    private String outcomesText() {
        StringBuilder sb = new StringBuilder();
        for (Outcome o : outcomes) {
            sb.append("  ").append(o).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(title).append(String.format(Locale.ROOT, " (%d 个线程, 用时 %.1f ms) ==%n",
                outcomes.size(), elapsed.toNanos() / 1e6));
        if (lines.isEmpty()) {
            sb.append("  (没有输出)\n");
        } else {
            sb.append(LabLog.format(lines, true));
        }
        sb.append("-- 结局 --\n").append(outcomesText());
        if (!stuck().isEmpty()) {
            sb.append("⚠ 仍在运行的线程: ").append(String.join(", ", stuck()))
                    .append("（守护线程；它们不响应中断，通常是卡在 synchronized 或忙等上）\n");
        }
        return sb.toString();
    }
}
