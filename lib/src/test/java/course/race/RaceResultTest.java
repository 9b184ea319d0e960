package course.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import course.stress.Grade;
import course.stress.OutcomeTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RaceResultTest {

    private static RaceResult result(RaceStrategy s, int threads, long increments, Long... finals) {
        return new RaceResult(s, threads, increments, false, List.of(finals),
                Collections.nCopies(finals.length, Duration.ofMillis(1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "exactly the expected total is correct,          2, 1000, 2000, CORRECT",
            "one lost increment,                              2, 1000, 1999, LOST_UPDATES",
            "one thread's work entirely lost,                 2, 1000, 1000, LOST_UPDATES",
            "the theoretical minimum 2 is still possible,     2, 1000,    2, LOST_UPDATES",
            "below the minimum is impossible,                 2, 1000,    1, FORBIDDEN",
            "above the expected total is impossible,          2, 1000, 2001, FORBIDDEN",
            "one increment each: 1 is possible,               3,    1,    1, LOST_UPDATES",
            "one increment each: 0 is impossible,             3,    1,    0, FORBIDDEN",
            "a single thread can only be correct,             1,  500,  499, FORBIDDEN",
    })
    void gradesLikeJcstress(String description, int threads, long increments, long value, RaceResult.Grade grade) {
        assertEquals(grade, result(RaceStrategy.PLAIN, threads, increments, value).grade(value), description);
    }

    @Test
    void rowsCountRunsPerGradeWithRanges() {
        RaceResult r = result(RaceStrategy.VOLATILE, 2, 1000, 2000L, 1500L, 1200L, 2000L);
        List<RaceResult.Row> rows = r.rows();
        assertEquals(3, rows.size());
        assertEquals(2, rows.get(0).runs());
        assertEquals(2, rows.get(1).runs());
        assertEquals(1200, rows.get(1).min());
        assertEquals(1500, rows.get(1).max());
        assertEquals(0.5, r.lostShare());
        assertEquals(Map.of(1200L, 1, 1500L, 1, 2000L, 2), r.counts());
        assertTrue(r.acceptable(), "lost updates are acceptable (interesting) for an unsafe strategy");
        String text = r.toString();
        assertTrue(text.contains("丢失更新    2 次  50.0 %  1,200 … 1,500"), text);
    }

    @Test
    void theTableIsTheSharedJcstressGradingOfTheStressPackage() {
        OutcomeTable<Long> plain = result(RaceStrategy.PLAIN, 2, 1000, 2000L, 1500L, 2001L).tally();
        assertEquals(List.of("正确", "丢失更新", "禁止"), plain.rows().stream().map(OutcomeTable.Row::label).toList());
        assertEquals(List.of(Grade.ACCEPTABLE, Grade.ACCEPTABLE_INTERESTING, Grade.FORBIDDEN),
                plain.rows().stream().map(OutcomeTable.Row::grade).toList());
        assertEquals(1, plain.forbidden());
        assertEquals(Grade.FORBIDDEN, result(RaceStrategy.SYNCHRONIZED, 2, 1000, 2000L).outcomes().grade(1999L));
    }

    @Test
    void lostUpdatesAreNotAcceptableForASafeStrategy() {
        RaceResult r = result(RaceStrategy.SYNCHRONIZED, 2, 1000, 2000L, 1999L);
        assertFalse(r.acceptable());
        assertTrue(r.toString().contains("✘ 不应出现"), r.toString());
    }

    @Test
    void forbiddenIsNeverAcceptable() {
        assertFalse(result(RaceStrategy.PLAIN, 2, 1000, 2001L).acceptable());
        assertEquals(1, result(RaceStrategy.PLAIN, 2, 1000, 2001L, 2000L).forbiddenRuns());
    }

    @Test
    void timesGiveMedianAndCostPerIncrement() {
        RaceResult r = new RaceResult(RaceStrategy.ATOMIC_LONG, 2, 500, false, List.of(1000L, 1000L, 1000L),
                List.of(Duration.ofNanos(3000), Duration.ofNanos(1000), Duration.ofNanos(2000)));
        assertEquals(Duration.ofNanos(2000), r.medianTime());
        assertEquals(2.0, r.nanosPerIncrement(), 1e-9);
    }

    @Test
    void rejectsMismatchedLists() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RaceResult(RaceStrategy.PLAIN, 2, 1, false, List.of(1L), List.of()));
        assertEquals("finals and times (1 and 0) must be non-empty and of equal size / 每次运行都要有一个最终值和一个用时", e.getMessage());
    }
}
