package course.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmdahlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "all parallel: k times faster,         0.0, 4,  4.0",
            "all serial: never faster,             1.0, 8,  1.0",
            "a third serial on 2 workers,          0.5, 2,  1.3333333",
            "the seed-like 0.3 on 2 workers,       0.3, 2,  1.5384615",
            "one worker is always 1,               0.7, 1,  1.0",
    })
    void speedupFollowsTheFormula(String what, double s, double k, double expected) {
        assertEquals(expected, Amdahl.speedup(s, k), 1e-6);
    }

    @Test
    void theFitRecoversTheSerialFractionOfExactTimes() {
        Map<Integer, Double> seconds = new TreeMap<>();
        for (int k : List.of(1, 2, 4, 8, 16)) {
            seconds.put(k, 0.3 + 0.7 / k);
        }
        AmdahlFit fit = Amdahl.fit(seconds);
        assertEquals(0.3, fit.serialFraction(), 1e-9);
        assertEquals(List.of(1, 2, 4, 8, 16), List.copyOf(fit.speedups().keySet()));
        assertEquals(1 / (0.3 + 0.7 / 4), fit.speedups().get(4), 1e-9);
        assertEquals(0, fit.rmsError(), 1e-9);
        assertTrue(fit.toString().startsWith("Amdahl 拟合：串行比例 s = 0.300"), fit::toString);
    }

    @Test
    void noisyTimesGiveAFractionNearTheTrueOneAndAnError() {
        AmdahlFit fit = Amdahl.fit(Map.of(1, 1.00, 2, 0.68, 4, 0.46, 8, 0.40));
        assertEquals(0.3, fit.serialFraction(), 0.05);
        assertTrue(fit.rmsError() > 0);
    }

    @Test
    void theFractionStaysBetweenZeroAndOne() {
        assertEquals(0, Amdahl.fit(Map.of(1, 1.0, 2, 0.4)).serialFraction(), "faster than linear: clamped to 0");
        assertEquals(1, Amdahl.fit(Map.of(1, 1.0, 2, 1.5)).serialFraction(), "slower with more workers: clamped to 1");
    }

    @Test
    void badInputIsRefusedWithTheRule() {
        var e = assertThrows(IllegalArgumentException.class, () -> Amdahl.fit(Map.of(2, 1.0, 4, 0.5)));
        assertTrue(e.getMessage().contains("have a time for 1 worker"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Amdahl.fit(Map.of(1, 1.0)));
        assertThrows(IllegalArgumentException.class, () -> Amdahl.fit(Map.of(1, 1.0, 2, 0.0)));
        assertThrows(IllegalArgumentException.class, () -> Amdahl.speedup(1.5, 2));
        assertThrows(IllegalArgumentException.class, () -> Amdahl.speedup(0.5, 0));
    }
}
