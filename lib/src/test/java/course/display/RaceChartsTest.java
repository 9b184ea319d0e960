package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

import course.race.RaceCostResult;
import course.race.RaceResult;
import course.race.RaceStrategy;

class RaceChartsTest {

    /** 2 × 10 000 increments: three runs lost updates (10 000, 10 500, 12 000), one was correct (20 000). */
    private final RaceResult lost = result(RaceStrategy.PLAIN, 10_000, 10_000L, 10_500L, 12_000L, 20_000L);

    static RaceResult result(RaceStrategy s, long increments, Long... finals) {
        return new RaceResult(s, 2, increments, true, List.of(finals), Collections.nCopies(finals.length, Duration.ofMillis(2)));
    }

    @Test
    void histogramOfAlwaysCorrectResultHasOneBar() {
        List<RaceCharts.Bar> bars = RaceCharts.histogramBars(result(RaceStrategy.ATOMIC_LONG, 1000, 2000L, 2000L), 12);
        assertEquals(List.of(new RaceCharts.Bar("2,000（正确）", 2, RaceCharts.CORRECT)), bars);
    }

    @Test
    void histogramBinsLostUpdatesBelowTheExpectedTotalAndCountEveryRunOnce() {
        List<RaceCharts.Bar> bars = RaceCharts.histogramBars(lost, 2);
        assertEquals(List.of("10,000–14,999", "15,000–19,999", "20,000（正确）"), bars.stream().map(RaceCharts.Bar::label).toList());
        assertEquals(List.of(3.0, 0.0, 1.0), bars.stream().map(RaceCharts.Bar::value).toList());
        assertEquals(List.of(RaceCharts.LOST, RaceCharts.LOST, RaceCharts.CORRECT),
                bars.stream().map(RaceCharts.Bar::colour).toList());
        assertEquals(4, RaceCharts.histogramBars(lost, 12).stream().mapToDouble(RaceCharts.Bar::value).sum(),
                "with 12 bins too, every run is in exactly one bar");
    }

    @Test
    void aValueAboveTheExpectedTotalGetsABlackForbiddenBar() {
        List<RaceCharts.Bar> bars = RaceCharts.histogramBars(result(RaceStrategy.SYNCHRONIZED, 1000, 2000L, 2001L), 12);
        assertEquals(List.of(new RaceCharts.Bar("2,000（正确）", 1, RaceCharts.CORRECT),
                new RaceCharts.Bar("> 2,000（禁止）", 1, RaceCharts.FORBIDDEN)), bars);
    }

    @Test
    void histogramIsAPicture() {
        BufferedImage img = RaceCharts.histogram(lost);
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
    }

    @Test
    void lostShareIsAPercentPerResultGreenForSafeRedForUnsafe() {
        RaceResult fixed = result(RaceStrategy.LONG_ADDER, 10_000, 20_000L, 20_000L);
        assertEquals(List.of(new RaceCharts.Bar("普通字段 count++（演示）", 75, RaceCharts.LOST),
                new RaceCharts.Bar("LongAdder（演示）", 0, RaceCharts.CORRECT)), RaceCharts.lostShareBars(List.of(lost, fixed)));
        assertEquals(Charts.WIDTH, RaceCharts.lostShare("演示", List.of(lost, fixed)).getWidth());
    }

    @Test
    void tableShowsGradesAndRanges() {
        String html = RaceCharts.table(lost).toHtml();
        assertTrue(html.contains("<td>丢失更新</td><td>3</td><td>75 %</td><td>10,000 … 12,000</td>"), html);
        assertTrue(html.contains("期望值 20,000"), html);
        assertTrue(RaceCharts.table(List.of(lost)).toHtml().contains("<td>75 %</td>"));
    }

    @Test
    void compactLabelsSwitchToMillionsByScale() {
        assertEquals("994,714", RaceCharts.compact(994_714, 10_000));
        assertEquals("99.5万", RaceCharts.compact(994_714, 2_000_000));
        assertEquals("167.6万", RaceCharts.compact(1_676_000, 2_000_000));
        assertEquals("200万", RaceCharts.compact(2_000_000, 2_000_000));
    }

    @Test
    void percentageTicksEndAtAHundredEvenWhenTheAxisLeavesRoomForLabels() {
        RaceCharts.PercentAxis axis = new RaceCharts.PercentAxis("%");
        axis.setRange(0, 112);
        var g = new java.awt.image.BufferedImage(400, 300, java.awt.image.BufferedImage.TYPE_INT_RGB).createGraphics();
        List<?> ticks = axis.refreshTicks(g, new org.jfree.chart.axis.AxisState(), new java.awt.geom.Rectangle2D.Double(0, 0, 400, 300),
                org.jfree.chart.ui.RectangleEdge.BOTTOM);
        double highest = ticks.stream().mapToDouble(t -> ((org.jfree.chart.axis.ValueTick) t).getValue()).max().orElseThrow();
        assertEquals(100.0, highest);
    }

    @Test
    void costHasOneSeriesPerStrategyAndOneGroupPerThreadCount() {
        RaceCostResult cost = new RaceCostResult(List.of(
                new RaceCostResult.Point(RaceStrategy.SYNCHRONIZED, 1, 6.531, true),
                new RaceCostResult.Point(RaceStrategy.SYNCHRONIZED, 2, 30.8, true),
                new RaceCostResult.Point(RaceStrategy.ATOMIC_LONG, 1, 2.75, true),
                new RaceCostResult.Point(RaceStrategy.ATOMIC_LONG, 2, 5.734, true)), Duration.ofMillis(5), 1);
        CategoryDataset data = RaceCharts.costBars(cost).build().getCategoryPlot().getDataset();
        assertEquals(List.of("synchronized", "AtomicLong"), data.getRowKeys());
        assertEquals(ChartsTest.ordered("1 个线程", 6.53, "2 个线程", 30.8), ChartsTest.values(data, "synchronized"));
        assertEquals(ChartsTest.ordered("1 个线程", 2.75, "2 个线程", 5.73), ChartsTest.values(data, "AtomicLong"));
        assertEquals(Charts.WIDTH, RaceCharts.cost(cost).getWidth());
    }
}
