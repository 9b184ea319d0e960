package course.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex05Test {

    private long count;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong hits = new AtomicLong();

    @Test
    void lockedIncrementPassesTheReferenceAndFailsTheUnprotectedCode() {
        Runnable reference = () -> {
            lock.lock();
            try {
                long v = count;
                Thread.yield();
                count = v + 1;
            } finally {
                lock.unlock();
            }
        };
        assertTrue(Ex05.lockedIncrement(reference, () -> count).passed());
        Runnable placeholder = () -> {
            long v = count;
            Thread.yield();
            count = v + 1;
        };
        Exercise_assertFails(Ex05.lockedIncrement(placeholder, () -> count));
    }

    @Test
    void atomicIncrementPassesCasAndIncrementAndGetAndFailsGetThenSet() {
        assertTrue(Ex05.atomicIncrement(hits::incrementAndGet, hits::get).passed());
        Runnable cas = () -> {
            long v;
            do {
                v = hits.get();
                Thread.yield();
            } while (!hits.compareAndSet(v, v + 1));
        };
        assertTrue(Ex05.atomicIncrement(cas, hits::get).passed());
        Runnable getThenSet = () -> {
            long v = hits.get();
            Thread.yield();
            hits.set(v + 1);
        };
        Exercise_assertFails(Ex05.atomicIncrement(getThenSet, hits::get));
    }

    @Test
    void possibleValuesAreComputedExhaustively() {
        assertEquals(Set.of(1L, 2L), Ex05.possible(2));
        assertEquals(Set.of(1L, 2L, 3L), Ex05.possible(3));
        assertTrue(Ex05.possibleValues(Set.of(1L, 2L), Set.of(1L, 2L, 3L)).passed());
        var wrong = Ex05.possibleValues(Set.of(2L), Set.of(3L));
        assertFalse(wrong.passed());
        assertTrue(wrong.toString().contains("得到的是 [2]"), wrong.toString());
    }

    @Test
    void lowestSchedulePassesTheReferenceAndFailsOtherSchedules() {
        assertTrue(Ex05.lowestSchedule(new int[]{0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1}).passed());
        assertTrue(Ex05.lowestSchedule(course.cpu.Interleavings.counterIncrements(2, 2).outcome(2).schedule()).passed());
        var serial = Ex05.lowestSchedule(new int[]{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1});
        Exercise_assertFails(serial);
        assertTrue(serial.toString().contains("得到的是 4"), serial.toString());
        var tooShort = Ex05.lowestSchedule(new int[]{0, 1});
        Exercise_assertFails(tooShort);
        assertTrue(tooShort.toString().contains("得到的是 2"), tooShort.toString());
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
