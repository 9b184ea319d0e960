package course.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import course.base.Args;
import course.base.Text;

/**
 * A recorder of what real threads did and when: spans (start–end), events (one instant) and sampled values.
 *
 * <p>线程时间线记录器：真实的线程在运行时记下"从什么时候到什么时候做了什么"（时间段, span）、
 * "某一刻发生了什么"（事件, event），以及某个数值随时间的变化（采样, sample，例如队列长度）。
 * 时间都从 {@link #start()} 那一刻算起（{@link System#nanoTime()}）。记录是线程安全的，而且很便宜
 * （一次记录只是往一个无锁队列里加一个对象），可以一直开着。画图和列表用 {@code course.display.TimelineCharts}：
 * {@code TimelineCharts.gantt(标题, tl)} 得到甘特图（每个线程一行），{@code TimelineCharts.table(tl)} 得到表格。
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
 * TimelineCharts.gantt("唱歌和跳舞同时进行", tl)
 * }</pre>
 *
 * <p>Thread-safety: every method may be called from any thread. Lists returned are snapshots.
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
                        LockSupport.parkNanos(this, wait);
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
            LockSupport.unpark(thread);
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
        Args.positive("period", period, "采样间隔");
        Args.notNull("value", value);
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
            sb.append("\n  … 还有 ").append(lines.size() - 20).append(" 行（用 TimelineCharts.table(timeline) 看全部）");
        }
        return sb.toString();
    }

    private static String currentThreadName() {
        Thread t = Thread.currentThread();
        String name = t.getName();
        return name.isEmpty() ? "线程#" + t.getId() : name;
    }

    private static String requireLabel(String label) {
        Args.check(label != null, "label", null, "not be null", "标签不能是 null");
        return label;
    }

    /** Pads to 14 columns, counting a CJK character as two columns. */
    static String pad(String text) {
        return Text.padRight(text, 14);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
