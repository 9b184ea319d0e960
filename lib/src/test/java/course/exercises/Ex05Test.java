package course.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex05Test {

    @Test
    void possibleValuesAreComputedExhaustively() {
        assertEquals(Set.of(1L, 2L), Ex05.possible(2));
        assertEquals(Set.of(1L, 2L, 3L), Ex05.possible(3));
        assertTrue(Ex05.possibleValues(Set.of(1L, 2L), Set.of(1L, 2L, 3L)).passed());
        var wrong = Ex05.possibleValues(Set.of(2L), Set.of(3L));
        Exercise_assertFails(wrong);
        assertTrue(wrong.toString().contains("你写的是 [2]"), wrong.toString());
        assertFalse(wrong.toString().contains("✔") || wrong.toString().contains("[1, 2]"), "the stub gets no ✔ and no answer: " + wrong);
        var half = Ex05.possibleValues(Set.of(1L, 2L), null);
        Exercise_assertFails(half);
        assertTrue(half.toString().contains("你写的是 null"), half.toString());
    }

    @Test
    void lowestSchedulePassesTheReferenceAndFailsOtherSchedules() {
        assertTrue(Ex05.lowestSchedule(new int[]{0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1}).passed());
        assertTrue(Ex05.lowestSchedule(course.cpu.Interleavings.counterIncrements(2, 2).outcome(2).schedule()).passed());
        var serial = Ex05.lowestSchedule(new int[]{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1});
        Exercise_assertFails(serial);
        Verdicts.passesNothing(serial);   // the notebook's stub
        assertTrue(serial.toString().contains("得到的是 4"), serial.toString());
        var tooShort = Ex05.lowestSchedule(new int[]{0, 1});
        Exercise_assertFails(tooShort);
        assertTrue(tooShort.toString().contains("你写了 2 项"), tooShort.toString());
        var unbalanced = Ex05.lowestSchedule(new int[]{0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
        Exercise_assertFails(unbalanced);
        assertTrue(unbalanced.toString().contains("模拟器拒绝了这个调度"), unbalanced.toString());
        Exercise_assertFails(Ex05.lowestSchedule(null));
    }

    private static void Exercise_assertFails(course.check.Exercise.Verdict v) {
        assertFalse(v.passed(), v.toString());
        assertTrue(v.toString().startsWith("❌ 没通过"), v.toString());
    }
}
