package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import course.timeline.ThreadTimeline;
import tech.tablesaw.api.Table;

class TimelineChartsTest {

    /** Two threads, recorded one after the other so the order is known: a span and an event, then a span. */
    static ThreadTimeline twoThreads() throws InterruptedException {
        ThreadTimeline tl = ThreadTimeline.start();
        Thread singer = new Thread(() -> {
            tl.span("唱歌 第1首", () -> { });
            tl.event("鞠躬");
        }, "唱歌线程");
        singer.start();
        singer.join();
        Thread dancer = new Thread(() -> tl.span("跳舞", () -> { }), "跳舞线程");
        dancer.start();
        dancer.join();
        return tl;
    }

    @Test
    void ganttHasOneRowPerThreadInOrderOfFirstMarkAndColoursSpansByFirstWord() throws Exception {
        List<Gantt.Bar> bars = TimelineCharts.bars(twoThreads());
        assertEquals(List.of("唱歌线程", "唱歌线程", "跳舞线程"), bars.stream().map(Gantt.Bar::row).toList());
        assertEquals(List.of("唱歌", "事件", "跳舞"), bars.stream().map(Gantt.Bar::series).toList());
        assertEquals(List.of("唱歌 第1首", "", "跳舞"), bars.stream().map(Gantt.Bar::label).toList());
        assertTrue(bars.get(1).end() > bars.get(1).start(), "an event is a thin bar, not an empty one");
    }

    @Test
    void tableAndDataListSpansAndEventsInTimeOrder() throws Exception {
        ThreadTimeline tl = twoThreads();
        Table t = TimelineCharts.data(tl);
        assertEquals(List.of("线程", "类型", "开始 (ms)", "结束 (ms)", "时长 (ms)", "内容"), t.columnNames());
        assertEquals(List.of("唱歌 第1首", "鞠躬", "跳舞"), t.stringColumn("内容").asList());
        assertEquals(List.of("时间段", "事件", "时间段"), t.stringColumn("类型").asList());
        assertEquals(0.0, t.doubleColumn("时长 (ms)").get(1), "an event has no length");
        String html = TimelineCharts.table(tl).html();
        assertTrue(html.contains("<th>线程</th>") && html.contains("鞠躬"), html);
    }

    @Test
    void samplesAreOneStepLinePerSeriesInTimeOrder() {
        ThreadTimeline tl = ThreadTimeline.start();
        tl.sample("队列长度", 2);
        tl.sample("消费者", 1);
        tl.sample("队列长度", 3);
        Map<String, Map<Double, Double>> series = TimelineCharts.series(tl);
        assertEquals(List.of("队列长度", "消费者"), List.copyOf(series.keySet()));
        assertEquals(List.of(2.0, 3.0), List.copyOf(series.get("队列长度").values()));
    }

    @Test
    void nothingRecordedSaysWhatToDo() {
        ThreadTimeline tl = ThreadTimeline.start();
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> TimelineCharts.gantt("空", tl));
        assertTrue(empty.getMessage().contains("还没有记录"), empty.getMessage());
        IllegalStateException noSamples = assertThrows(IllegalStateException.class,
                () -> TimelineCharts.samples("空", "个", tl));
        assertTrue(noSamples.getMessage().contains("还没有采样"), noSamples.getMessage());
    }

    @Test
    void bothChartsRender() throws Exception {
        ThreadTimeline tl = twoThreads();
        tl.sample("队列长度", 2);
        BufferedImage gantt = TimelineCharts.gantt("唱歌和跳舞", tl);
        assertEquals(Charts.WIDTH, gantt.getWidth());
        CpuChartsTest.save(gantt, "timeline-gantt");
        BufferedImage steps = TimelineCharts.samples("队列长度随时间变化", "队列长度 (个)", tl);
        assertEquals(Charts.WIDTH, steps.getWidth());
        CpuChartsTest.save(steps, "timeline-samples");
    }
}
