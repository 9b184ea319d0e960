package course.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RaceTest {

    @ParameterizedTest
    @EnumSource(value = RaceStrategy.class, names = {"SYNCHRONIZED", "REENTRANT_LOCK", "ATOMIC_LONG", "LONG_ADDER"})
    void everyFixAlwaysReachesTheExpectedTotal(RaceStrategy s) {
        RaceResult normal = Race.of(s).threads(3).increments(20_000).runs(5).run();
        assertEquals(5, normal.rows().get(0).runs(), normal::toString);
        RaceResult widened = Race.of(s).widened().threads(2).increments(300).runs(3).run();
        assertEquals(List.of(600L, 600L, 600L), widened.finals(), widened::toString);
    }

    @ParameterizedTest
    @EnumSource(RaceStrategy.class)
    void noStrategyEverProducesAForbiddenValue(RaceStrategy s) {
        RaceResult r = Race.of(s).widened().threads(2).increments(200).runs(3).run();
        assertEquals(0, r.forbiddenRuns(), r::toString);
        assertTrue(r.acceptable(), r::toString);
    }

    @Test
    void aSingleThreadIsAlwaysCorrectEvenUnsafe() {
        RaceResult r = Race.of(RaceStrategy.PLAIN).threads(1).increments(10_000).runs(3).run();
        assertEquals(List.of(10_000L, 10_000L, 10_000L), r.finals());
    }

    @Test
    void widenedModeLowersTheDefaultIncrements() {
        RaceResult r = Race.of(RaceStrategy.LONG_ADDER).widened().runs(1).run();
        assertEquals(Race.DEFAULT_WIDENED_INCREMENTS, r.increments());
        assertTrue(r.widened());
    }

    @Test
    void fixesAreTheFourSafeStrategies() {
        assertEquals(List.of(RaceStrategy.SYNCHRONIZED, RaceStrategy.REENTRANT_LOCK, RaceStrategy.ATOMIC_LONG,
                RaceStrategy.LONG_ADDER), RaceStrategy.fixes());
    }

    @Test
    void badParametersFailWithTheValue() {
        assertEquals("threads (0) must be in 1..64 / 线程数要在 1 到 64 之间",
                assertThrows(IllegalArgumentException.class, () -> Race.of(RaceStrategy.PLAIN).threads(0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Race.of(RaceStrategy.PLAIN).increments(-5))
                .getMessage().startsWith("increments (-5) must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Race.of(RaceStrategy.PLAIN).runs(0))
                .getMessage().startsWith("runs (0) must be in 1..10000"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Race.of(RaceStrategy.PLAIN).widened().increments(2_000_000).run())
                .getMessage().startsWith("threads × increments (2 × 2000000) must be at most 2000000 in demo mode"));
    }
}
