package course.lincheck;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The verdict of one {@link ModelCheck}: passed, a bug found (with Lincheck's report), or the check could not
 * finish, and how long it took.
 *
 * <p>一次 Lincheck 检查的结论：通过；找到了错误（附上 Lincheck 的报告：哪些结果不可能由一个接一个的执行得到，
 * 以及导致错误的交错）；或者没能做完检查（代码有问题、超时、子 JVM 意外结束），并写明原因。
 *
 * <p>Thread-safety: immutable.
 *
 * @param className   the checked class (the one with {@code @Operation} methods)
 * @param settings    how it was checked, in Chinese (strategy, threads, operations, iterations)
 * @param status      the verdict
 * @param checkTime   time Lincheck itself took (zero when it did not run)
 * @param total       time of the whole call: compiling, starting the child JVM when needed, checking
 * @param startedJvm  whether this call had to start the child JVM (the first check pays for Lincheck's start-up)
 * @param report      Lincheck's report when a bug was found, else an empty report
 * @param problem     what went wrong when the check could not finish, else empty
 * @param output      lines the checked code printed (at most {@link #MAX_OUTPUT})
 */
public record ModelCheckResult(String className, String settings, Status status, Duration checkTime, Duration total,
                               boolean startedJvm, LincheckReport report, String problem, List<String> output) {

    /** Lines of the checked code's own output kept. */
    public static final int MAX_OUTPUT = 20;

    /** What the check concluded. */
    public enum Status {
        /** Lincheck found no execution whose results are impossible sequentially. 通过。 */
        PASSED("✔ 通过"),
        /** Lincheck found a bug and reported the interleaving that shows it. 找到了错误。 */
        FAILED("✘ 找到了错误"),
        /** The class could not be checked (no operations, no constructor, …). 没法检查。 */
        ERROR("✘ 没法检查"),
        /** The time limit passed first; the child JVM was ended. 超时。 */
        TIMED_OUT("✘ 超时"),
        /** The child JVM ended unexpectedly (killed, out of memory, System.exit). 子 JVM 意外结束。 */
        CRASHED("✘ 子 JVM 意外结束");

        private final String chinese;

        Status(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    public ModelCheckResult {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(problem, "problem");
        output = List.copyOf(output);
    }

    /** Whether Lincheck checked the class and found no bug. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /** Whether Lincheck found a bug. */
    public boolean failed() {
        return status == Status.FAILED;
    }

    /** One line: verdict, class, settings, times. */
    public String summary() {
        String what = switch (status) {
            case PASSED -> "没有找到不可线性化的执行";
            case FAILED -> report.kindChinese().isEmpty() ? "Lincheck 报告了错误" : report.kindChinese();
            default -> problem;
        };
        return String.format(Locale.ROOT, "%s Lincheck 检查 %s（%s）：%s%n  用时：检查 %.2f 秒，整个调用 %.2f 秒%s",
                status.chinese(), className, settings, what, checkTime.toNanos() / 1e9, total.toNanos() / 1e9,
                startedJvm ? "（包括启动运行 Lincheck 的子 JVM）" : "（子 JVM 已经在运行，直接检查）");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(summary());
        String interleaving = report.interleavingText();
        if (!interleaving.isEmpty()) {
            sb.append("\n导致错误的交错（每一列是一个线程，从上往下是时间；➜ 读，= 写，switch 换线程）：\n").append(interleaving);
        } else if (status == Status.FAILED) {
            sb.append('\n').append(report.text().strip());
        }
        if (!output.isEmpty()) {
            sb.append("\n被检查的代码打印了：\n");
            output.forEach(l -> sb.append("  ").append(l).append('\n'));
        }
        return sb.toString().stripTrailing();
    }
}
