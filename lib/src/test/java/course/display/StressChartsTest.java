package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import course.stress.Grade;
import course.stress.Outcomes;
import course.stress.StressResult;

class StressChartsTest {

    private static final Outcomes<String> SB = Outcomes.<String>create()
            .acceptable("0, 1", "线程 1 先做完").acceptable("1, 0", "线程 2 先做完")
            .interesting("0, 0", "存储缓冲");

    private static StressResult result(String name, Map<String, Long> counts) {
        long rounds = counts.values().stream().mapToLong(Long::longValue).sum();
        return new StressResult(name, 2, 2, rounds, Duration.ofMillis(500), SB.tally(counts), null);
    }

    private final StressResult plain = result("普通字段", Map.of("0, 1", 9_000L, "1, 0", 900L, "0, 0", 100L));
    private final StressResult broken = result("坏的", Map.of("0, 1", 10L, "7, 7", 2L));

    @Test
    void barsFollowTheRowsOfEachRunWithTheirGradesAndSayWhenAnOutcomeWasNeverSeen() {
        List<StressCharts.Bar> bars = StressCharts.bars(plain, broken);
        assertEquals(List.of("0, 1（允许）", "1, 0（允许）", "0, 0（允许·有趣）", "0, 1（允许）", "1, 0（允许）：0 次",
                "0, 0（允许·有趣）：0 次", "7, 7（禁止）"), bars.stream().map(StressCharts.Bar::outcome).toList());
        assertEquals(List.of(9_000L, 900L, 100L, 10L, 0L, 0L, 2L), bars.stream().map(StressCharts.Bar::count).toList());
        assertEquals(Grade.FORBIDDEN, bars.get(6).grade());
        assertEquals("坏的", bars.get(6).panel());
    }

    @Test
    void chartIsOnePictureWhoseHeightGrowsWithTheRows() {
        BufferedImage one = StressCharts.chart(plain);
        BufferedImage two = StressCharts.chart(plain, broken);
        assertEquals(Charts.WIDTH, one.getWidth());
        assertTrue(two.getHeight() > one.getHeight());
        assertThrows(IllegalArgumentException.class, StressCharts::chart);
    }

    @Test
    void tablesShowCountsSharesAndMarkAForbiddenOutcomeThatWasSeen() {
        String html = StressCharts.table(plain).toHtml();
        assertTrue(html.contains("<td>0, 0</td><td>允许·有趣</td><td>100</td><td>1.00 %</td><td>存储缓冲</td>"), html);
        assertTrue(html.contains("<td>0, 1</td><td>允许</td><td>9,000</td><td>90.00 %</td>"), html);
        assertTrue(StressCharts.table(broken).toHtml().contains("<td>7, 7</td><td>禁止</td><td>2</td><td>16.67 %</td><td>✘ "));
        String summary = StressCharts.table(List.of(plain, broken)).toHtml();
        assertTrue(summary.contains("<td>普通字段</td><td>10,000</td><td>0.50 秒</td><td>2</td><td>100</td><td>0</td><td>通过</td>"), summary);
        assertTrue(summary.contains("<td>✘ 失败</td>"), summary);
        assertEquals("< 0.01 %", StressCharts.share(1, 1_000_000));
        assertEquals("—", StressCharts.share(0, 0));
    }
}
