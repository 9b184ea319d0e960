package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessChartsTest {

    @Test
    void speedupIsTheTimeOfOneWorkerOverTheTimeOfKPlusTheIdealLine() {
        Map<String, Map<Integer, Double>> seconds = new LinkedHashMap<>();
        seconds.put("线程", Map.of(1, 1.0, 2, 0.5, 4, 0.5));
        seconds.put("进程", Map.of(1, 2.0, 4, 1.0));
        Map<String, Map<Integer, Double>> lines = ProcessCharts.speedupLines(seconds, 2);
        assertEquals(List.of("线程", "进程", "理想 (最多 2 核)"), List.copyOf(lines.keySet()));
        assertEquals(Map.of(1, 1.0, 2, 2.0, 4, 2.0), lines.get("线程"));
        assertEquals(Map.of(1, 1.0, 4, 2.0), lines.get("进程"));
        assertEquals(Map.of(1, 1.0, 2, 2.0, 4, 2.0), lines.get("理想 (最多 2 核)"), "min(k, cores)");
        assertEquals(Map.of(1, 1.0, 2, 2.0, 4, 4.0), ProcessCharts.speedupLines(seconds, 0).get("理想 (线性)"));
    }

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
