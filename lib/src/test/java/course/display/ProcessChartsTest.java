package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessChartsTest {

    @Test
    void drawsASpeedupChart() {
        var img = ProcessCharts.speedup("加速比", Map.of("线程", Map.of(1, 1.0, 2, 0.5, 4, 0.5)), 2);
        assertEquals(Charts.WIDTH, img.getWidth());
    }

    @Test
    void aSeriesWithoutOneWorkerIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ProcessCharts.speedup("x", Map.of("进程", Map.of(2, 1.0)), 2));
        assertTrue(e.getMessage().startsWith("series 进程 ({2=1.0}) must have a positive time for 1 worker"), e.getMessage());
    }
}
