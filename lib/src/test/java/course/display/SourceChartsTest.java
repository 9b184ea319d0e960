package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import course.source.SourceRunResult;

class SourceChartsTest {

    private final SourceRunResult killed = new SourceRunResult("StopFlag",
            List.of(new SourceRunResult.Line(0.5, "main 写下了 stop = true")), "", null, Duration.ofSeconds(2), Duration.ofSeconds(2));
    private final SourceRunResult ended = new SourceRunResult("StopFlag",
            List.of(new SourceRunResult.Line(0.4, "main 写下了 stop = true"),
                    new SourceRunResult.Line(0.41, "工作线程看到了 stop = true，转了 123456789 圈")),
            "", 0, Duration.ofMillis(600), Duration.ofSeconds(10));

    private Map<String, SourceRunResult> runs() {
        Map<String, SourceRunResult> m = new LinkedHashMap<>();
        m.put("普通", killed);
        m.put("volatile", ended);
        return m;
    }

    @Test
    void eachRunIsCutAtItsOutputLinesAndTheLastPieceOfAKilledRunIsRed() {
        List<Gantt.Bar> bars = SourceCharts.bars(runs());
        assertEquals(List.of(
                new Gantt.Bar("普通", 0, 0.5, SourceCharts.STARTING, ""),
                new Gantt.Bar("普通", 0.5, 2.0, SourceCharts.KILLED, "main 写下了 stop = true"),
                new Gantt.Bar("volatile", 0, 0.4, SourceCharts.STARTING, ""),
                new Gantt.Bar("volatile", 0.4, 0.41, SourceCharts.RUNNING, "main 写下了 stop = true"),
                new Gantt.Bar("volatile", 0.41, 0.6, SourceCharts.RUNNING, "工作线程看到了 stop = true，转…")), bars);
    }

    @Test
    void timelineIsAPicture() {
        BufferedImage img = SourceCharts.timeline("可见性", runs());
        assertEquals(Charts.WIDTH, img.getWidth());
        assertTrue(img.getHeight() > 0);
    }
}
