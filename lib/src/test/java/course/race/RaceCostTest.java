package course.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RaceCostTest {

    @ParameterizedTest
    @EnumSource(RaceStrategy.class)
    void addUntilAddsWholeBatchesAndAtLeastOne(RaceStrategy s) {
        RaceStrategy.SharedCounter c = s.newCounter();
        long added = c.addUntil(new AtomicBoolean(true)); // already stopped: exactly one batch
        assertEquals(RaceCost.BATCH, added);
        assertEquals(RaceCost.BATCH, c.value());
    }

    @Test
    void measureGivesOnePointPerPairInOrderAndTheFixesAreCorrect() {
        RaceCostResult result = RaceCost.measure(List.of(RaceStrategy.SYNCHRONIZED, RaceStrategy.ATOMIC_LONG),
                List.of(1, 2), Duration.ofMillis(5), 1);
        List<RaceCostResult.Point> points = result.points();
        assertEquals(4, points.size());
        assertEquals(List.of(RaceStrategy.SYNCHRONIZED, RaceStrategy.SYNCHRONIZED, RaceStrategy.ATOMIC_LONG,
                RaceStrategy.ATOMIC_LONG), points.stream().map(RaceCostResult.Point::strategy).toList());
        assertEquals(List.of(1, 2, 1, 2), points.stream().map(RaceCostResult.Point::threads).toList());
        for (RaceCostResult.Point p : points) {
            assertTrue(p.correct(), p::toString);
            assertTrue(p.nanosPerIncrement() > 0 && Double.isFinite(p.nanosPerIncrement()), p::toString);
        }
        assertEquals(points.get(3).nanosPerIncrement(), result.nanosPerIncrement(RaceStrategy.ATOMIC_LONG, 2));
    }

    @Test
    void resultTextIsAHeadingThenOneAlignedLinePerPoint() {
        RaceCostResult r = new RaceCostResult(List.of(new RaceCostResult.Point(RaceStrategy.VOLATILE, 2, 6.789, false),
                new RaceCostResult.Point(RaceStrategy.ATOMIC_LONG, 12, 12.5, true)), Duration.ofMillis(30), 3);
        assertEquals("""
                每次 +1 的平均耗时（热身 2 轮，再测 3 轮，每轮 30 ms）:
                volatile count++    2 个线程     6.79 ns/次  (有丢失更新)
                AtomicLong         12 个线程    12.50 ns/次
                """, r.toString());
        var e = assertThrows(IllegalArgumentException.class, () -> r.nanosPerIncrement(RaceStrategy.ATOMIC_LONG, 1));
        assertTrue(e.getMessage().startsWith("strategy and threads (AtomicLong, 1) must be one of the measured pairs"),
                e.getMessage());
    }

    @Test
    void badArgumentsAreRejectedWithTheRule() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RaceCost.measure(List.of(RaceStrategy.ATOMIC_LONG), List.of(0), Duration.ofMillis(5), 1));
        assertEquals("thread count (0) must be in 1..64 / 线程数要在 1 到 64 之间", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RaceCost.measure(List.of(RaceStrategy.ATOMIC_LONG), List.of(1), Duration.ofSeconds(6), 1));
        assertEquals("window (6000 ms) must be in 1 ms..5 s / 测量窗口要在 1 毫秒到 5 秒之间", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RaceCost.measure(List.of(RaceStrategy.ATOMIC_LONG), List.of(1), Duration.ofMillis(5), 0));
        assertEquals("iterations (0) must be in 1..100 / 轮数要在 1 到 100 之间", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RaceCost.measure(List.of(), List.of(1), Duration.ofMillis(5), 1));
    }
}
