package course.scaling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How often one thread gave up the CPU: voluntarily (it waited: sleep, a lock, I/O) and involuntarily (the
 * operating system took the CPU away to run something else), as Linux counts them in
 * {@code /proc/thread-self/status}.
 *
 * <p>一个线程的上下文切换（context switch）次数：主动切换（线程自己要等：睡觉、等锁、等 I/O）和
 * 被动切换（时间片用完，被操作系统换下 CPU，让别的线程运行）。数字来自 Linux 的
 * {@code /proc/thread-self/status}（{@code voluntary_ctxt_switches} 和 {@code nonvoluntary_ctxt_switches}）。
 * 在别的系统上（macOS、Windows）测不到：{@link #available()} 返回 false，{@link #ofCurrentThread()} 返回
 * {@link #UNKNOWN}，相减、相加以后仍然是 {@code UNKNOWN}，打印成"（测不到）"。
 *
 * <pre>{@code
 * ContextSwitches before = ContextSwitches.ofCurrentThread();
 * work();
 * ContextSwitches used = ContextSwitches.ofCurrentThread().minus(before);   // 这段工作里切换了几次
 * }</pre>
 *
 * <p>Thread-safety: immutable. {@link #ofCurrentThread()} reads the calling thread's own counters.
 *
 * @param voluntary   switches because the thread waited; -1 when unknown
 * @param involuntary switches because the thread was preempted; -1 when unknown
 */
public record ContextSwitches(long voluntary, long involuntary) {

    /** The value when the counters cannot be read. */
    public static final ContextSwitches UNKNOWN = new ContextSwitches(-1, -1);
    /** No switches at all. */
    public static final ContextSwitches NONE = new ContextSwitches(0, 0);

    static final Path STATUS = Path.of("/proc/thread-self/status");

    /** Whether this system reports context switches per thread (Linux 3.17+). */
    public static boolean available() {
        return Files.isReadable(STATUS);
    }

    /** The calling thread's counters since it started, or {@link #UNKNOWN}. */
    public static ContextSwitches ofCurrentThread() {
        if (!available()) {
            return UNKNOWN;
        }
        try {
            return parse(Files.readAllLines(STATUS, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** Reads the two counters from the lines of a {@code status} file; {@link #UNKNOWN} when one is missing. */
    static ContextSwitches parse(List<String> lines) {
        long voluntary = -1;
        long involuntary = -1;
        for (String line : lines) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return voluntary < 0 || involuntary < 0 ? UNKNOWN : new ContextSwitches(voluntary, involuntary);
    }

    /** Whether the counters were read. */
    public boolean known() {
        return voluntary >= 0 && involuntary >= 0;
    }

    /** The switches since {@code earlier} (of the same thread); unknown when either is. */
    public ContextSwitches minus(ContextSwitches earlier) {
        return known() && earlier.known() ? new ContextSwitches(voluntary - earlier.voluntary, involuntary - earlier.involuntary)
                : UNKNOWN;
    }

    /** Both together (for example the switches of several threads); unknown when either is. */
    public ContextSwitches plus(ContextSwitches other) {
        return known() && other.known() ? new ContextSwitches(voluntary + other.voluntary, involuntary + other.involuntary)
                : UNKNOWN;
    }

    /** Voluntary and involuntary together, or -1 when unknown. */
    public long total() {
        return known() ? voluntary + involuntary : -1;
    }

    /** What to print where the counters cannot be read. */
    public static String unavailableMessage() {
        return "这台机器没有 /proc/thread-self/status（不是 Linux）：测不到上下文切换的次数，只能比较时间。";
    }

    @Override
    public String toString() {
        return known() ? String.format(Locale.ROOT, "主动切换 %d 次，被动切换 %d 次", voluntary, involuntary) : "切换次数（测不到）";
    }
}
