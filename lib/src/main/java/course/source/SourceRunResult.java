package course.source;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link JavaSource} program did in its child JVM: each line it printed and when, and how it ended.
 *
 * <p>子 JVM 里运行的程序做了什么：打印的每一行和时间（从启动算起），以及它是怎么结束的——
 * 自己正常结束、出错结束、被杀死，还是到了时间限制还没结束、被课程库结束（destroy）。
 *
 * <p>Thread-safety: immutable.
 *
 * @param className the class whose main ran
 * @param lines     standard-output lines in order, with the seconds since the start at which each arrived
 * @param stderr    everything it wrote to standard error
 * @param exitCode  its exit code, or null when it was still running at the time limit and was destroyed
 * @param elapsed   from start to end (or to the time limit)
 * @param timeout   the time limit
 */
public record SourceRunResult(String className, List<Line> lines, String stderr, Integer exitCode, Duration elapsed,
                              Duration timeout) {

    /** One line of standard output and when it arrived. */
    public record Line(double seconds, String text) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[%5.2f s] %s", seconds, text);
        }
    }

    /** Exit codes above this mean "killed by signal (code − 128)". */
    static final int SIGNAL_BASE = 128;

    public SourceRunResult {
        Objects.requireNonNull(className, "className");
        lines = List.copyOf(lines);
        Objects.requireNonNull(stderr, "stderr");
    }

    /** Whether the program ended before the time limit (by itself, with an error, or killed). */
    public boolean ended() {
        return exitCode != null;
    }

    /** Whether it was still running at the time limit (then the child JVM was destroyed). */
    public boolean timedOut() {
        return exitCode == null;
    }

    /** Whether it ended by itself with exit code 0. */
    public boolean succeeded() {
        return exitCode != null && exitCode == 0;
    }

    /** Whether some line contains {@code text}. */
    public boolean printed(String text) {
        return lines.stream().anyMatch(l -> l.text().contains(text));
    }

    /** When the first line containing {@code text} arrived, in seconds since the start; -1 when none did. */
    public double secondsOf(String text) {
        return lines.stream().filter(l -> l.text().contains(text)).mapToDouble(Line::seconds).findFirst().orElse(-1);
    }

    /** How it ended, in one Chinese sentence. */
    public String verdict() {
        if (exitCode == null) {
            return String.format(Locale.ROOT, "%s 秒内程序没有结束：时间到，已经结束了子 JVM（destroy）", seconds(timeout));
        }
        if (exitCode == 0) {
            return String.format(Locale.ROOT, "程序在 %.2f 秒时自己结束了（退出码 0）", elapsed.toNanos() / 1e9);
        }
        if (exitCode > SIGNAL_BASE && exitCode < SIGNAL_BASE + 65) {
            return String.format(Locale.ROOT, "子 JVM 在 %.2f 秒时被信号 %d 杀死了（退出码 %d）：不是程序自己结束的",
                    elapsed.toNanos() / 1e9, exitCode - SIGNAL_BASE, exitCode);
        }
        return String.format(Locale.ROOT, "程序在 %.2f 秒时出错结束（退出码 %d）%s", elapsed.toNanos() / 1e9, exitCode,
                stderr.isBlank() ? "" : "：" + stderr.strip().lines().findFirst().orElse(""));
    }

    private static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.1f", s);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("子 JVM 运行 ").append(className).append("：\n");
        lines.forEach(l -> sb.append("  ").append(l).append('\n'));
        if (!stderr.isBlank()) {
            sb.append("  标准错误：\n");
            stderr.strip().lines().forEach(l -> sb.append("    ").append(l).append('\n'));
        }
        return sb.append("  ").append(verdict()).toString();
    }
}
