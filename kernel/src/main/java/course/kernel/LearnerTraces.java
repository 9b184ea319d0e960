package course.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * What a cell shows of an exception its code threw: the frames of the learner's own cells, and of the
 * rest only the call the cell made; an exception without a message says so in Chinese.
 *
 * <p>单元格里的代码抛出异常时显示什么：学习者自己的单元格里的每一层，以及单元格直接调用的那个方法；
 * 课程库和 JDK 内部更深的调用不显示（例如汇编器内部的方法），只会让人看不清错误信息。
 * 没有附带消息的异常（比如 {@code IllegalThreadStateException}）不显示 "null"，而是说明它没有消息。
 *
 * <p>Thread safety: stateless.
 */
public final class LearnerTraces {

    /** Shown instead of "null" for an exception without a message. */
    public static final String NO_MESSAGE = "（这个异常没有附带消息：看异常的类名和下面出错的那一行）";

    private LearnerTraces() {
    }

    /**
     * The frames of {@code trace} a learner needs: every frame of a cell (a class JShell compiled into the
     * package {@code REPL}; shown as {@code #id}), and of each run of other frames above a cell's frame only
     * the last, the method the cell called. A trace without any cell frame is returned whole.
     */
    public static StackTraceElement[] forLearner(StackTraceElement[] trace) {
        List<StackTraceElement> kept = new ArrayList<>();
        boolean anyCell = false;
        for (int i = 0; i < trace.length; i++) {
            boolean cell = isCell(trace[i]);
            anyCell |= cell;
            if (cell || i + 1 < trace.length && isCell(trace[i + 1])) {
                kept.add(trace[i]);
            }
        }
        return anyCell ? kept.toArray(StackTraceElement[]::new) : trace;
    }

    /** The exception's message, or {@link #NO_MESSAGE}. */
    public static String message(Throwable t) {
        return t.getMessage() == null ? NO_MESSAGE : t.getMessage();
    }

    /** A frame of code a cell defined: JShell compiles every snippet into a class of the package REPL. */
    private static boolean isCell(StackTraceElement e) {
        return e.getClassName().startsWith("REPL.") || e.getFileName() != null && e.getFileName().startsWith("#");
    }
}
