package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import course.race.RaceCostResult;
import course.race.RaceResult;
import course.race.RaceStrategy;

class RaceChartsTest {

    private final RaceResult lost = new RaceResult(RaceStrategy.PLAIN, 2, 10_000, true,
            List.of(10_000L, 10_500L, 12_000L, 20_000L), Collections.nCopies(4, Duration.ofMillis(2)));

    @Test
    void histogramIsAPicture() {
        BufferedImage img = RaceCharts.histogram(lost);
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
    }

    @Test
    void histogramOfAlwaysCorrectResultHasOneBar() {
        RaceResult ok = new RaceResult(RaceStrategy.ATOMIC_LONG, 2, 1000, false, List.of(2000L, 2000L),
                Collections.nCopies(2, Duration.ofMillis(1)));
        assertEquals(Charts.WIDTH, RaceCharts.histogram(ok).getWidth());
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
        assertEquals("0.995M", RaceCharts.compact(994_714, 2_000_000));
    }

    @Test
    void costAndShareChartsArePictures() {
        assertEquals(Charts.WIDTH, RaceCharts.cost(new RaceCostResult(List.of(
                new RaceCostResult.Point(RaceStrategy.ATOMIC_LONG, 1, 2.5, true),
                new RaceCostResult.Point(RaceStrategy.ATOMIC_LONG, 2, 3.5, true)), Duration.ofMillis(5), 1)).getWidth());
        assertEquals(Charts.WIDTH, RaceCharts.lostShare("演示", List.of(lost)).getWidth());
    }
}
