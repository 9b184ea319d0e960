package course.display;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import course.timeline.ThreadTimeline;
import course.timeline.ThreadTimeline.Event;
import course.timeline.ThreadTimeline.Sample;
import course.timeline.ThreadTimeline.Span;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Charts and tables of a {@link ThreadTimeline}: a Gantt chart of what each thread did, a step chart of the
 * sampled values, and the spans and events as a table.
 *
 * <p>线程时间线的图和表：{@link #gantt(String, ThreadTimeline)} 每个线程一行，每个时间段一个色块，
 * 每个事件一条细线；{@link #samples(String, String, ThreadTimeline)} 画出采样值（例如队列长度）随时间的变化；
 * {@link #table(ThreadTimeline)} 把所有时间段和事件按时间顺序列成表。
 *
 * <pre>{@code
 * ThreadTimeline tl = ThreadTimeline.start();
 * ...                                              // 线程里调用 tl.span(...) / tl.event(...) / tl.sample(...)
 * TimelineCharts.gantt("唱歌和跳舞同时进行", tl)
 * }</pre>
 *
 * <p>Colours: a span's colour is the first word of its label (text before the first space), so
 * {@code "下载 页面3"} and {@code "下载 页面4"} share one colour and a legend entry, while the whole label is
 * written inside the bar. 颜色按标签的第一个词（第一个空格之前）区分；色块里写完整标签。
 *
 * <p>Thread-safety: stateless; each call draws what the timeline holds at that moment (its lists are snapshots),
 * so threads may go on recording while a chart is drawn.
 */
public final class TimelineCharts {

    /** Above this length (in nanoseconds) the time axis is in seconds instead of milliseconds. */
    static final long SECONDS_ABOVE_NANOS = 10_000_000_000L;

    private TimelineCharts() {
    }

    /**
     * A Gantt chart: one row per thread, one bar per span, a thin mark per event; time in ms (s when over 10 s).
     *
     * <p>甘特图：每个线程一行，每个时间段一个色块，每个事件一条细线。总时长超过 10 秒时横轴用秒。
     *
     * @throws IllegalStateException when nothing was recorded yet
     */
    public static BufferedImage gantt(String title, ThreadTimeline timeline) {
        List<Span> spans = timeline.spans();
        List<Event> events = timeline.events();
        boolean seconds = last(spans, events) > SECONDS_ABOVE_NANOS;
        return Gantt.chart(title, seconds ? "时间 (秒)" : "时间 (毫秒)", bars(spans, events, timeline.threads(), seconds));
    }

    /** The bars {@link #gantt} draws: spans labelled in full and coloured by first word, events as thin "事件" marks. */
    static List<Gantt.Bar> bars(ThreadTimeline timeline) {
        List<Span> spans = timeline.spans();
        List<Event> events = timeline.events();
        return bars(spans, events, timeline.threads(), last(spans, events) > SECONDS_ABOVE_NANOS);
    }

    /** {@code threads} must be read after the spans and events, so that it names every thread they mention. */
    private static List<Gantt.Bar> bars(List<Span> spans, List<Event> events, List<String> threads, boolean seconds) {
        if (spans.isEmpty() && events.isEmpty()) {
            throw new IllegalStateException("nothing recorded yet / 还没有记录任何时间段或事件：先让线程调用 span(...) 或 event(...)");
        }
        double unit = seconds ? 1e9 : 1e6;
        double tick = Math.max(last(spans, events) / unit * 0.008, 1e-9);
        Map<String, Integer> order = new LinkedHashMap<>();
        threads.forEach(t -> order.put(t, order.size()));
        List<Gantt.Bar> bars = new ArrayList<>();
        for (Span s : spans) {
            bars.add(new Gantt.Bar(s.thread(), s.startNanos() / unit, s.endNanos() / unit, firstWord(s.label()), s.label()));
        }
        for (Event e : events) {
            double at = e.atNanos() / unit;
            bars.add(new Gantt.Bar(e.thread(), at, at + tick, "事件", ""));
        }
        bars.sort(Comparator.comparingInt((Gantt.Bar b) -> order.get(b.row())).thenComparingDouble(Gantt.Bar::start));
        return bars;
    }

    /**
     * A step chart of the sampled values over time, one line per series: a value holds until the next sample.
     *
     * <p>采样值随时间变化的阶梯图（例如队列长度）：每个值保持到下一次采样，每个序列一条线。
     *
     * @param valueAxis label of the value axis, with its unit (for example {@code "队列长度 (个)"})
     * @throws IllegalStateException when no value was sampled yet
     */
    public static BufferedImage samples(String title, String valueAxis, ThreadTimeline timeline) {
        return Charts.steps(title, "时间 (毫秒)", valueAxis, series(timeline));
    }

    /** The lines {@link #samples} draws: series name → (time in ms → value), in time order. */
    static Map<String, Map<Double, Double>> series(ThreadTimeline timeline) {
        List<Sample> all = timeline.samples();
        if (all.isEmpty()) {
            throw new IllegalStateException("no samples yet / 还没有采样：先调用 sample(...) 或 sampleEvery(...)");
        }
        Map<String, Map<Double, Double>> series = new LinkedHashMap<>();
        for (Sample s : all) {
            series.computeIfAbsent(s.series(), k -> new LinkedHashMap<>()).put(s.atMillis(), s.value());
        }
        return series;
    }

    /** Spans and events as one table ordered by time: 线程, 类型, 开始 (ms), 结束 (ms), 时长 (ms), 内容. */
    public static Html table(ThreadTimeline timeline) {
        return Tables.html(data(timeline));
    }

    /**
     * The rows of {@link #table} as a Tablesaw table, to compute on (times rounded to 0.1 ms).
     *
     * <p>同样的内容作为 Tablesaw 表格：可以筛选、排序、求和，例如
     * {@code TimelineCharts.data(tl).where(t -> t.stringColumn("类型").isEqualTo("时间段"))}。
     */
    public static Table data(ThreadTimeline timeline) {
        record Row(long at, String thread, String kind, double start, double end, double millis, String label) {
        }
        List<Row> rows = new ArrayList<>();
        for (Span s : timeline.spans()) {
            rows.add(new Row(s.startNanos(), s.thread(), "时间段", s.startMillis(), s.endMillis(), s.millis(), s.label()));
        }
        for (Event e : timeline.events()) {
            rows.add(new Row(e.atNanos(), e.thread(), "事件", e.atMillis(), e.atMillis(), 0.0, e.label()));
        }
        rows.sort(Comparator.comparingLong(Row::at));
        return Table.create("线程时间线",
                StringColumn.create("线程", rows.stream().map(Row::thread).toList()),
                StringColumn.create("类型", rows.stream().map(Row::kind).toList()),
                DoubleColumn.create("开始 (ms)", rows.stream().mapToDouble(r -> tenth(r.start())).toArray()),
                DoubleColumn.create("结束 (ms)", rows.stream().mapToDouble(r -> tenth(r.end())).toArray()),
                DoubleColumn.create("时长 (ms)", rows.stream().mapToDouble(r -> tenth(r.millis())).toArray()),
                StringColumn.create("内容", rows.stream().map(Row::label).toList()));
    }

    private static long last(List<Span> spans, List<Event> events) {
        return Math.max(spans.stream().mapToLong(Span::endNanos).max().orElse(0),
                events.stream().mapToLong(Event::atNanos).max().orElse(0));
    }

    private static double tenth(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String firstWord(String label) {
        String trimmed = label.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }
}
