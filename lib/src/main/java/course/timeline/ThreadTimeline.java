package course.timeline;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import course.display.Charts;
import course.display.Gantt;
import course.display.Html;
import course.display.TimelinePictures;

/**
 * A recorder of what real threads did and when: spans (start–end), events (one instant) and sampled values.
 *
 * <p>线程时间线记录器：真实的线程在运行时记下"从什么时候到什么时候做了什么"（时间段, span）、
 * "某一刻发生了什么"（事件, event），以及某个数值随时间的变化（采样, sample，例如队列长度）。
 * 时间都从 {@link #start()} 那一刻算起（{@link System#nanoTime()}）。记录是线程安全的，而且很便宜
 * （一次记录只是往一个无锁队列里加一个对象），可以一直开着。最后一行调用 {@link #chart(String)}
 * 得到甘特图（每个线程一行），{@link #table()} 得到表格。
 *
 * <pre>{@code
 * ThreadTimeline tl = ThreadTimeline.start();
 * Thread t1 = new Thread(() -> tl.span("唱歌", () -> Thread.sleep(1000)), "唱歌线程");
 * Thread t2 = new Thread(() -> {
 *     try (var s = tl.span("跳舞")) {
 *         ...
 *     }
 * }, "跳舞线程");
 * t1.start(); t2.start();
 * t1.join(5000); t2.join(5000);
 * tl.chart("唱歌和跳舞同时进行")
 * }</pre>
 *
 * <p>Colours: a span's colour is the first word of its label (text before the first space), so
 * {@code "下载 页面3"} and {@code "下载 页面4"} share one colour and a legend entry, while the whole label is
 * written inside the bar. 颜色按标签的第一个词（第一个空格之前）区分；色块里写完整标签。
 *
 * <p>Thread safety: every method may be called from any thread. Lists returned are snapshots.
 */
public final class ThreadTimeline {

    /** A finished span of one thread; times in nanoseconds since the recorder started. */
    public record Span(String thread, long startNanos, long endNanos, String label) {
        public double startMillis() {
            return startNanos / 1e6;
        }

        public double endMillis() {
            return endNanos / 1e6;
        }

        public double millis() {
            return (endNanos - startNanos) / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %9.1f ms → %9.1f ms  %s", pad(thread), startMillis(), endMillis(), label);
        }
    }

    /** One instant marked by one thread; time in nanoseconds since the recorder started. */
    public record Event(String thread, long atNanos, String label) {
        public double atMillis() {
            return atNanos / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %9.1f ms   (事件)       %s", pad(thread), atMillis(), label);
        }
    }

    /** One value of a named series at one instant (for example the queue length). */
    public record Sample(String series, long atNanos, double value) {
        public double atMillis() {
            return atNanos / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %9.1f ms  = %s", pad(series), atMillis(), format(value));
        }
    }

    /** Code run inside a span; it may throw, so {@code () -> Thread.sleep(100)} needs no try/catch. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /**
     * A span that has started and not yet ended; {@link #close()} ends it (once; later calls do nothing).
     *
     * <p>用 try-with-resources：{@code try (var s = tl.span("唱歌")) { ... }}，离开代码块时自动结束。
     */
    public final class OpenSpan implements AutoCloseable {
        private final String thread;
        private final long start;
        private final String label;
        private boolean closed;

        private OpenSpan(String thread, long start, String label) {
            this.thread = thread;
            this.start = start;
            this.label = label;
        }

        /** Ends the span now and records it. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                spans.add(new Span(thread, start, now(), label));
            }
        }

        @Override
        public String toString() {
            return "OpenSpan[" + thread + ", " + label + (closed ? ", 已结束]" : ", 进行中]");
        }
    }

    /**
     * A background thread that samples a value at a fixed period until closed.
     *
     * <p>后台采样线程：每隔一段时间读一次数值（例如 {@code queue::size}），{@link #close()} 时停止并等它结束。
     */
    public final class Sampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;

        private Sampler(String series, Duration period, Supplier<? extends Number> value) {
            long periodNanos = period.toNanos();
            thread = new Thread(() -> {
                long next = System.nanoTime();
                while (running) {
                    sample(series, value.get().doubleValue());
                    next += periodNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(this, wait);
                    }
                }
                sample(series, value.get().doubleValue());
            }, "采样-" + series);
            thread.setDaemon(true);
            thread.start();
        }

        /** Stops sampling, takes a last sample and waits (at most 5 s) for the sampling thread to end. */
        @Override
        public void close() {
            running = false;
            java.util.concurrent.locks.LockSupport.unpark(thread);
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final long origin;
    private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

    private ThreadTimeline(long origin) {
        this.origin = origin;
    }

    /** A new, empty recorder whose time zero is now. 新建记录器，时间零点就是现在。 */
    public static ThreadTimeline start() {
        return new ThreadTimeline(System.nanoTime());
    }

    /** Nanoseconds since the recorder started. */
    public long now() {
        return System.nanoTime() - origin;
    }

    /** Time since the recorder started. */
    public Duration elapsed() {
        return Duration.ofNanos(now());
    }

    /**
     * Starts a span of the calling thread; close the result to end it.
     *
     * @throws IllegalArgumentException when label is null
     */
    public OpenSpan span(String label) {
        return new OpenSpan(currentThreadName(), now(), requireLabel(label));
    }

    /**
     * Runs {@code body} in the calling thread as one span, also when it throws.
     *
     * <p>在当前线程运行 {@code body}，把它记成一个时间段。{@code body} 抛出的受检异常被包成
     * {@link IllegalStateException}；被中断时恢复中断标记再抛出。
     *
     * @throws IllegalStateException wrapping a checked exception thrown by body
     */
    public void span(String label, Body body) {
        call(label, () -> {
            body.run();
            return null;
        });
    }

    /**
     * Runs {@code body} as one span and returns its result.
     *
     * @throws IllegalStateException wrapping a checked exception thrown by body
     */
    public <T> T call(String label, Callable<T> body) {
        try (OpenSpan s = span(label)) {
            return body.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + ": 被中断 (interrupted)", e);
        } catch (Exception e) {
            throw new IllegalStateException(label + ": " + e, e);
        }
    }

    /** Records that the calling thread reached this point now (for example {@code "放入 骨头3"}). */
    public void event(String label) {
        events.add(new Event(currentThreadName(), now(), requireLabel(label)));
    }

    /** Records one value of a series now (for example {@code sample("队列长度", q.size())}). */
    public void sample(String series, double value) {
        samples.add(new Sample(requireLabel(series), now(), value));
    }

    /**
     * Starts a daemon thread that records {@code value} every {@code period} until the sampler is closed.
     *
     * <pre>{@code
     * try (var s = tl.sampleEvery("队列长度", Duration.ofMillis(10), q::size)) { ... }
     * }</pre>
     *
     * @throws IllegalArgumentException when period is not positive
     */
    public Sampler sampleEvery(String series, Duration period, Supplier<? extends Number> value) {
        requireLabel(series);
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period (" + period + ") must be positive / 采样间隔必须大于 0");
        }
        return new Sampler(series, period, value);
    }

    /** The finished spans, ordered by start time (then end time). */
    public List<Span> spans() {
        List<Span> list = new ArrayList<>(spans);
        list.sort(Comparator.comparingLong(Span::startNanos).thenComparingLong(Span::endNanos));
        return list;
    }

    /** The events, ordered by time (ties keep the order in which they were recorded). */
    public List<Event> events() {
        List<Event> list = new ArrayList<>(events);
        list.sort(Comparator.comparingLong(Event::atNanos));
        return list;
    }

    /** The samples of every series, ordered by time. */
    public List<Sample> samples() {
        List<Sample> list = new ArrayList<>(samples);
        list.sort(Comparator.comparingLong(Sample::atNanos));
        return list;
    }

    /** The samples of one series, ordered by time. */
    public List<Sample> samples(String series) {
        return samples().stream().filter(s -> s.series().equals(series)).toList();
    }

    /** Names of the threads that recorded spans or events, in order of their first mark. */
    public List<String> threads() {
        record Mark(long at, String thread) {
        }
        List<Mark> marks = new ArrayList<>();
        spans.forEach(s -> marks.add(new Mark(s.startNanos(), s.thread())));
        events.forEach(e -> marks.add(new Mark(e.atNanos(), e.thread())));
        marks.sort(Comparator.comparingLong(Mark::at));
        return List.copyOf(new LinkedHashSet<>(marks.stream().map(Mark::thread).toList()));
    }

    /**
     * A Gantt chart: one row per thread, one bar per span, a thin mark per event; time in ms (s when over 10 s).
     *
     * <p>甘特图：每个线程一行，每个时间段一个色块，每个事件一条细线。总时长超过 10 秒时横轴用秒。
     *
     * @throws IllegalStateException when nothing was recorded yet
     */
    public BufferedImage chart(String title) {
        List<Span> ss = spans();
        List<Event> es = events();
        if (ss.isEmpty() && es.isEmpty()) {
            throw new IllegalStateException("nothing recorded yet / 还没有记录任何时间段或事件：先让线程调用 span(...) 或 event(...)");
        }
        long last = Math.max(ss.stream().mapToLong(Span::endNanos).max().orElse(0),
                es.stream().mapToLong(Event::atNanos).max().orElse(0));
        boolean seconds = last > 10_000_000_000L;
        double unit = seconds ? 1e9 : 1e6;
        double tick = Math.max(last / unit * 0.008, 1e-9);
        Map<String, Integer> order = new LinkedHashMap<>();
        threads().forEach(t -> order.put(t, order.size()));
        List<Gantt.Bar> bars = new ArrayList<>();
        for (Span s : ss) {
            bars.add(new Gantt.Bar(s.thread(), s.startNanos() / unit, s.endNanos() / unit, firstWord(s.label()), s.label()));
        }
        for (Event e : es) {
            double at = e.atNanos() / unit;
            bars.add(new Gantt.Bar(e.thread(), at, at + tick, "事件", ""));
        }
        bars.sort(Comparator.comparingInt((Gantt.Bar b) -> order.get(b.row())).thenComparingDouble(Gantt.Bar::start));
        return Gantt.chart(title, seconds ? "时间 (秒)" : "时间 (毫秒)", bars);
    }

    /**
     * A step chart of the sampled values over time, one line per series: a value holds until the next sample.
     *
     * <p>采样值随时间变化的阶梯图（例如队列长度）：每个值保持到下一次采样，每个序列一条线。
     *
     * @param valueAxis label of the value axis, with its unit (for example {@code "队列长度 (个)"})
     * @throws IllegalStateException when no value was sampled yet
     */
    public BufferedImage sampleChart(String title, String valueAxis) {
        List<Sample> all = samples();
        if (all.isEmpty()) {
            throw new IllegalStateException("no samples yet / 还没有采样：先调用 sample(...) 或 sampleEvery(...)");
        }
        Map<String, Map<Double, Double>> series = new LinkedHashMap<>();
        for (Sample s : all) {
            series.computeIfAbsent(s.series(), k -> new LinkedHashMap<>()).put(s.atMillis(), s.value());
        }
        return Charts.steps(title, "时间 (毫秒)", valueAxis, series);
    }

    /** Spans and events as one table ordered by time: 线程, 类型, 开始 (ms), 结束 (ms), 时长 (ms), 内容. */
    public Html table() {
        return TimelinePictures.html("线程时间线", List.of("线程", "类型", "开始 (ms)", "结束 (ms)", "时长 (ms)", "内容"), rows());
    }

    private List<List<Object>> rows() {
        record Row(long at, List<Object> cells) {
        }
        List<Row> rows = new ArrayList<>();
        for (Span s : spans()) {
            rows.add(new Row(s.startNanos(), List.of(s.thread(), "时间段", s.startMillis(), s.endMillis(), s.millis(), s.label())));
        }
        for (Event e : events()) {
            rows.add(new Row(e.atNanos(), List.of(e.thread(), "事件", e.atMillis(), e.atMillis(), 0.0, e.label())));
        }
        rows.sort(Comparator.comparingLong(Row::at));
        return rows.stream().map(Row::cells).toList();
    }

    /** A summary line, then up to 20 spans and events in time order. */
    @Override
    public String toString() {
        List<Span> ss = spans();
        List<Event> es = events();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "ThreadTimeline: %d 个线程, %d 个时间段, %d 个事件, %d 个采样, 已过 %.1f ms",
                threads().size(), ss.size(), es.size(), samples.size(), now() / 1e6));
        record Line(long at, String text) {
        }
        List<Line> lines = new ArrayList<>();
        ss.forEach(s -> lines.add(new Line(s.startNanos(), s.toString())));
        es.forEach(e -> lines.add(new Line(e.atNanos(), e.toString())));
        lines.sort(Comparator.comparingLong(Line::at));
        lines.stream().limit(20).forEach(l -> sb.append('\n').append("  ").append(l.text()));
        if (lines.size() > 20) {
            sb.append("\n  … 还有 ").append(lines.size() - 20).append(" 行（用 table() 看全部）");
        }
        return sb.toString();
    }

    private static String currentThreadName() {
        Thread t = Thread.currentThread();
        String name = t.getName();
        return name.isEmpty() ? "线程#" + t.getId() : name;
    }

    private static String requireLabel(String label) {
        if (label == null) {
            throw new IllegalArgumentException("label must not be null / 标签不能是 null");
        }
        return label;
    }

    private static String firstWord(String label) {
        String trimmed = label.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    /** Pads to 14 columns, counting a CJK character as two columns. */
    static String pad(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); i++) {
            width += Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.HAN
                    || text.charAt(i) >= 0xFF00 && text.charAt(i) <= 0xFFEF ? 2 : 1;
        }
        return width >= 14 ? text : text + " ".repeat(14 - width);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
