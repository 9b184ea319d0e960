package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

class ChartsTest {

    static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    /** The categories and the values of one series of a bar chart's dataset, in order. */
    static Map<String, Double> values(CategoryDataset data, String series) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Object category : data.getColumnKeys()) {
            Number v = data.getValue(series, (Comparable<?>) category);
            m.put(category.toString(), v == null ? null : v.doubleValue());
        }
        return m;
    }

    static Map<String, Double> ordered(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void barsDrawAPictureOfTheDefaultSizeWithBarsAndText() {
        BufferedImage img = Charts.bars("顺序 vs 多线程", "方式", "耗时 (秒)", ordered("顺序", 4.0, "两个线程", 2.0));
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
        assertTrue(colours(img) > 10, "a chart has bars, axes and anti-aliased text");
    }

    @Test
    void groupedBarsKeepTheSeriesAndCategoryOrderAndShowALegendForSeveralSeries() {
        JFreeChart chart = Charts.groupedBars("总时间 vs 线程池大小", "线程池大小", "总时间 (秒)")
                .series("实测", ordered("1 个线程", 6.1, "4 个线程", 1.6))
                .series("理论", ordered("1 个线程", 6.0, "4 个线程", 1.5))
                .build();
        CategoryDataset data = chart.getCategoryPlot().getDataset();
        assertEquals(List.of("实测", "理论"), data.getRowKeys());
        assertEquals(ordered("1 个线程", 6.1, "4 个线程", 1.6), values(data, "实测"));
        assertEquals(ordered("1 个线程", 6.0, "4 个线程", 1.5), values(data, "理论"));
        assertNotNull(chart.getLegend(), "two series: a legend says which colour is which");
        assertNull(Charts.groupedBars("t", "x", "y").series("只有一个", ordered("a", 1)).build().getLegend(),
                "one series: no legend");
        assertEquals("series name (实测) must be unique / 序列名重复了", assertThrows(IllegalArgumentException.class,
                () -> Charts.groupedBars("t", "x", "y").series("实测", Map.of()).series("实测", Map.of())).getMessage());
    }

    @Test
    void barsOfCountsHaveWholeTicksAndLongCategoriesWrap() {
        Map<String, Integer> threads = new LinkedHashMap<>();
        for (int i = 1; i <= 7; i++) {
            threads.put("任务" + i, Math.min(i, 4));
        }
        JFreeChart chart = Charts.groupedBars("线程数", "刚提交的任务", "个数").series("线程数", threads).build();
        Charts.render(chart);
        double tick = ((NumberAxis) chart.getCategoryPlot().getRangeAxis()).getTickUnit().getSize();
        assertEquals(Math.rint(tick), tick, "counts 1..4: no tick at 0.5, 1.5, ...");
        assertEquals(2, chart.getCategoryPlot().getDomainAxis().getMaximumCategoryLabelLines());
    }

    @Test
    void renderAppliesTheChineseFontToTheTitle() {
        JFreeChart chart = ChartFactory.createBarChart("标题", "x", "y", new DefaultCategoryDataset());
        Charts.render(chart, 200, 100);
        assertEquals(Fonts.cjkFamily(), chart.getTitle().getFont().getFamily());
    }

    @Test
    void impossibleSizeIsRejectedWithTheValue() {
        JFreeChart chart = ChartFactory.createBarChart("t", "x", "y", new DefaultCategoryDataset());
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.render(chart, 0, 100));
        assertEquals("width and height (0x100) must be positive / 图的宽和高都要大于 0", e.getMessage());
    }

    @Test
    void linesAcceptSeveralSeries() {
        Map<String, Map<Integer, Double>> series = new LinkedHashMap<>();
        series.put("线程", new TreeMap<>(Map.of(1, 1.0, 2, 1.9)));
        series.put("进程", new TreeMap<>(Map.of(1, 1.0, 2, 1.5, 4, 1.8)));
        JFreeChart chart = Charts.linesChart("加速比", "工作者个数", "加速比 (倍)", series);
        XYDataset data = chart.getXYPlot().getDataset();
        assertEquals(2, data.getSeriesCount());
        assertEquals("线程", data.getSeriesKey(0));
        assertEquals("进程", data.getSeriesKey(1));
        assertEquals(3, data.getItemCount(1));
        assertEquals(4.0, data.getXValue(1, 2), "points in the map's order");
        assertEquals(1.8, data.getYValue(1, 2));
        assertNotNull(chart.getLegend(), "several series: a legend");
        BufferedImage img = Charts.lines("加速比", "工作者个数", "加速比 (倍)", series);
        assertEquals(Charts.WIDTH, img.getWidth());
    }

    @Test
    void countsAreRecognisedForWholeNumberAxes() {
        assertTrue(Charts.wholeValues(Map.of("活着的线程数", Map.of(0.0, 3, 700.5, 1))));
        assertFalse(Charts.wholeValues(Map.of("加速比", Map.of(1, 1.0, 2, 1.96))));
    }

    @Test
    void aGanttLabelIsDrawnOnlyWhereItFitsAndReadsOnItsColour() {
        var metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
                .getFontMetrics(new Font(Fonts.cjkFamily(), Font.PLAIN, 11));
        int width = metrics.stringWidth("吃 骨头10");
        assertTrue(Gantt.fits("吃 骨头10", width + 10, metrics));
        assertFalse(Gantt.fits("吃 骨头10", width, metrics));
        assertFalse(Gantt.fits("", 500, metrics));
        assertEquals(Color.WHITE, Gantt.textOn(new Color(0x4E79A7)));
        assertEquals(new Color(0x333333), Gantt.textOn(new Color(0xA0CBE8)));
    }

    @Test
    void stepsHaveOneSeriesPerNameAndNoLegendForOne() {
        JFreeChart chart = Charts.stepsChart("队列长度", "时间 (毫秒)", "长度", Map.of("队列", Map.of(0.0, 1, 10.5, 3)));
        assertEquals(1, chart.getXYPlot().getDataset().getSeriesCount());
        assertNull(chart.getLegend());
        assertEquals(Charts.WIDTH, Charts.steps("队列长度", "时间 (毫秒)", "长度", Map.of("队列", Map.of(0, 1))).getWidth());
    }

    @Test
    void ganttHasOneRowPerRowNameTopDownAndOneSeriesPerColourKey() {
        List<Gantt.Bar> bars = List.of(
                new Gantt.Bar("线程 1", 0, 10, "唱歌", "唱歌"),
                new Gantt.Bar("线程 2", 5, 20, "跳舞", "跳舞"),
                new Gantt.Bar("线程 1", 12, 20, "跳舞", ""));
        JFreeChart chart = Gantt.build("甘特图", "时间 (ms)", bars, Map.of("跳舞", Color.GREEN));
        XYPlot plot = chart.getXYPlot();
        assertEquals(List.of("线程 2", "线程 1"), List.of(((SymbolAxis) plot.getDomainAxis()).getSymbols()),
                "the first row is drawn on top, so it is the last symbol");
        XYIntervalSeriesCollection data = (XYIntervalSeriesCollection) plot.getDataset();
        assertEquals(2, data.getSeriesCount());
        assertEquals(List.of("唱歌", "跳舞"), List.of(data.getSeriesKey(0), data.getSeriesKey(1)));
        assertEquals(2, data.getItemCount(1), "both 跳舞 bars are one series");
        assertEquals(Color.GREEN, plot.getRenderer().getSeriesPaint(1), "a fixed colour wins over the palette");
        assertEquals(Charts.PALETTE[0], plot.getRenderer().getSeriesPaint(0));
        BufferedImage img = Gantt.chart("甘特图", "时间 (ms)", bars);
        assertEquals(Math.max(220, 90 + 44 * 2), img.getHeight(), "the picture grows with its rows");
        assertTrue(colours(img) > 10);
    }

    @Test
    void aBarThatEndsBeforeItStartsIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Gantt.Bar("r", 5, 4, "s", ""));
        assertEquals("end (4.0) must not be before start (5.0) / 结束时间不能早于开始时间", e.getMessage());
        assertEquals(4.0, new Gantt.Bar("r", 4, 4, "s", "").end(), "a zero-length bar is allowed");
    }
}
