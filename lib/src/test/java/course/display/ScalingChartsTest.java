package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import course.scaling.Amdahl;
import course.scaling.AmdahlFit;

class ScalingChartsTest {

    @Test
    void amdahlDrawsTheMeasuredPointsTheFittedCurveAndItsLimit() {
        AmdahlFit fit = Amdahl.fit(Map.of(1, 1.0, 2, 0.65, 4, 0.475));
        Map<String, Map<Double, Double>> series = ScalingCharts.amdahlSeries(fit, 16);
        assertEquals(List.of("实测加速比", "Amdahl 公式（拟合的 s = 0.30）", "上限（工作者无穷多）"), List.copyOf(series.keySet()));
        assertEquals(3, series.get("实测加速比").size());
        assertEquals(16, series.get("Amdahl 公式（拟合的 s = 0.30）").size());
        assertEquals(1 / fit.serialFraction(), series.get("上限（工作者无穷多）").get(16.0), 1e-9);
        assertEquals(Charts.WIDTH, ScalingCharts.amdahl("Amdahl", fit, 16).getWidth());
    }

    @Test
    void noSerialPartHasNoLimitLineAndTheAxisMustCoverTheMeasurements() {
        AmdahlFit linear = Amdahl.fit(Map.of(1, 1.0, 2, 0.5));
        assertTrue(ScalingCharts.amdahlSeries(linear, 4).get("上限（工作者无穷多）").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ScalingCharts.amdahl("x", linear, 1));
    }
}
