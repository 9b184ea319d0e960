package course.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimingsTest {

    static Timings of(long... millis) {
        return new Timings("t", Arrays.stream(millis).mapToObj(Duration::ofMillis).toList());
    }

    @Test
    void medianMinMaxAndSpreadOfKnownSamples() {
        Timings t = of(30, 10, 20);
        assertEquals(Duration.ofMillis(20), t.median());
        assertEquals(Duration.ofMillis(10), t.min());
        assertEquals(Duration.ofMillis(30), t.max());
        assertEquals(1.0, t.spread(), 1e-9);
        assertEquals(Duration.ofMillis(25), of(10, 20, 30, 40).median());
    }

    @Test
    void toStringHasUnitsAndRunCount() {
        assertEquals("t: 中位数 20.0 ms (最快 10.0 ms, 最慢 2.000 s, 3 次)", of(20, 10, 2000).toString());
        assertEquals("t: 150.0 µs", new Timings("t", List.of(Duration.ofNanos(150_000))).toString());
    }

    @Test
    void measureRunsTheTaskTheGivenNumberOfTimes() {
        int[] runs = {0};
        Timings t = Timings.measure("count", 5, () -> runs[0]++);
        assertEquals(5, runs[0]);
        assertEquals(5, t.samples().size());
        assertTrue(t.samples().stream().noneMatch(Duration::isNegative));
    }

    @Test
    void badRunCountAndFailingTasksGiveClearMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> Timings.measure("x", 0, () -> { }));
        assertEquals("runs (0) must be positive / 运行次数必须大于 0", e.getMessage());
        var f = assertThrows(IllegalStateException.class, () -> Timings.measure("坏任务", 3, () -> {
            throw new IOException("disk");
        }));
        assertEquals("坏任务: run 1 failed: java.io.IOException: disk", f.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Timings("x", List.of()));
    }
}
