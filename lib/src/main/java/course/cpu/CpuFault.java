package course.cpu;

/**
 * A problem in a simulated program: it does not assemble, or it runs away.
 *
 * <p>程序写错了（汇编时发现）、停不下来（运行时超过步数上限），或者放开了一把自己没拿着的锁（运行时发现）。消息是中文，写明第几行、原文是什么、
 * 哪里不对；{@link #line()} 和 {@link #text()} 也可以单独取出。
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class CpuFault extends IllegalArgumentException {

    private final int line;
    private final String text;
    private final String problem;

    CpuFault(int line, String text, String problem) {
        super(line > 0 ? "第 " + line + " 行 \"" + text + "\"：" + problem : problem);
        this.line = line;
        this.text = text;
        this.problem = problem;
    }

    /** The same fault with {@code more} added to the problem. */
    CpuFault with(String more) {
        return new CpuFault(line, text, problem + more);
    }

    /** What is wrong, without the line (in Chinese). */
    public String problem() {
        return problem;
    }

    /** The 1-based line of the program text, or 0 when the problem is the whole program. */
    public int line() {
        return line;
    }

    /** The offending line as written (trimmed), or empty. */
    public String text() {
        return text;
    }
}
