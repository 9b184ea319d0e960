package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;
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

    @Test
    void barsDrawAPictureOfTheDefaultSizeWithBarsAndText() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("顺序", 4.0);
        values.put("两个线程", 2.0);
        BufferedImage img = Charts.bars("顺序 vs 多线程", "方式", "耗时 (秒)", values);
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
        assertTrue(colours(img) > 10, "a chart has bars, axes and anti-aliased text");
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
    void ganttGrowsWithItsRowsAndRejectsBackwardBars() {
        BufferedImage img = Gantt.chart("甘特图", "时间 (ms)", List.of(
                new Gantt.Bar("线程 1", 0, 10, "唱歌", "唱歌"),
                new Gantt.Bar("线程 2", 5, 20, "跳舞", "跳舞"),
                new Gantt.Bar("线程 3", 5, 20, "跳舞", "")));
        assertTrue(img.getHeight() >= 90 + 44 * 3);
        assertTrue(colours(img) > 10);
        var e = assertThrows(IllegalArgumentException.class, () -> new Gantt.Bar("r", 5, 4, "s", ""));
        assertEquals("end (4.0) must not be before start (5.0) / 结束时间不能早于开始时间", e.getMessage());
    }

    @Test
    void linesAcceptSeveralSeries() {
        BufferedImage img = Charts.lines("队列长度", "时间 (ms)", "长度", Map.of(
                "队列", Map.of(0, 1, 10, 3, 20, 2)));
        assertEquals(Charts.WIDTH, img.getWidth());
    }
}
