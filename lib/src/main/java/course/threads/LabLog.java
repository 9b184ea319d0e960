package course.threads;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import course.base.Text;

/**
 * A thread-safe log of what several threads printed, each line tagged with the thread's name and time.
 *
 * <p>多个线程的"输出本"：线程不直接 {@code System.out.println}（笔记本里，单元格结束后打印的内容会
 * 跑到别的单元格或者丢失），而是写到这里。每一行记下是哪个线程写的、在第几毫秒写的；
 * 全部线程结束后再按时间顺序打印出来，读起来一目了然。
 *
 * <pre>{@code
 * LabLog log = LabLog.start();
 * Thread t = new Thread(() -> log.println("你好"), "线程1");
 * t.start(); t.join(1000);
 * System.out.println(log);    //   0.105 ms  线程1  你好
 * }</pre>
 *
 * <p>Thread-safety: any thread may write at any time; {@link #lines()} returns a snapshot ordered by
 * the moment each line was written.
 */
public final class LabLog {

    /**
     * One printed line.
     *
     * @param seq    global order in which lines were written (ties in time are broken by it)
     * @param nanos  time since the log's time zero, in nanoseconds
     * @param thread name of the thread that wrote it
     * @param text   what it wrote
     */
    public record Line(long seq, long nanos, String thread, String text) {

        /** Milliseconds since time zero. */
        public double millis() {
            return nanos / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%9.3f ms  %s  %s", millis(), thread, text);
        }
    }

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
    private final AtomicLong seq = new AtomicLong();
    private volatile long zero;

    private LabLog(long zero) {
        this.zero = zero;
    }

    /** A new empty log whose time zero is now. */
    public static LabLog start() {
        return new LabLog(System.nanoTime());
    }

    /** Moves time zero to now (a start gate opening). */
    void resetClock() {
        zero = System.nanoTime();
    }

    /** Writes one line, tagged with the calling thread's name and the time since time zero. */
    public void println(Object text) {
        long now = System.nanoTime();
        lines.add(new Line(seq.getAndIncrement(), now - zero, Thread.currentThread().getName(), String.valueOf(text)));
    }

    /** {@link #println} of {@code String.format(format, args)}. */
    public void printf(String format, Object... args) {
        println(String.format(Locale.ROOT, format, args));
    }

    /** Every line so far, in time order (ties: in the order written). */
    public List<Line> lines() {
        List<Line> copy = new ArrayList<>(lines);
        copy.sort(Comparator.comparingLong(Line::nanos).thenComparingLong(Line::seq));
        return List.copyOf(copy);
    }

    /** Every line so far, grouped by thread (threads in order of their first line). */
    public Map<String, List<Line>> byThread() {
        Map<String, List<Line>> map = new LinkedHashMap<>();
        for (Line l : lines()) {
            map.computeIfAbsent(l.thread(), k -> new ArrayList<>()).add(l);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return map;
    }

    /** The texts written by one thread, in order. */
    public List<String> textsOf(String thread) {
        return lines().stream().filter(l -> l.thread().equals(thread)).map(Line::text).toList();
    }

    /** The lines in the order written, with aligned time and thread columns. */
    @Override
    public String toString() {
        return format(lines(), false);
    }

    static String format(List<Line> lines, boolean header) {
        int width = Math.max(4, lines.stream().mapToInt(l -> Text.width(l.thread())).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        if (header) {
            sb.append(Text.padLeft("时间", 12)).append("  ").append(Text.padRight("线程", width)).append("  输出\n");
        }
        for (Line l : lines) {
            sb.append(String.format(Locale.ROOT, "%9.3f ms  ", l.millis()))
                    .append(Text.padRight(l.thread(), width)).append("  ").append(l.text()).append('\n');
        }
        return sb.toString();
    }
}
