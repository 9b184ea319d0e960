package course.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DiningPhilosophersTest {

    @Test
    void theNaiveDinnerDeadlocksAroundTheWholeTableIsBrokenAndTheOthersFinish() {
        PhilosophersResult r = DiningPhilosophers.naive().run();
        assertTrue(r.deadlocked(), r::toString);
        assertEquals(5, r.snapshot().threadNames().size(), "all five wait: " + r);
        List<String> cycle = r.snapshot().cycle();
        assertEquals(11, cycle.size(), "five philosophers, five chopsticks, back to the first: " + cycle);
        assertEquals(cycle.get(0), cycle.get(10));
        assertEquals(List.of(cycle.get(0)), r.broken());
        assertNotNull(r.detectedAfter());
        assertTrue(r.detectedAfter().compareTo(r.timeout()) < 0, r::toString);
        assertEquals(0, r.mealsOf(r.broken().get(0)), "the victim leaves hungry");
        for (String p : r.philosophers()) {
            if (!r.broken().contains(p)) {
                assertEquals(DiningPhilosophers.DEFAULT_MEALS, r.mealsOf(p), p + " finished: " + r);
            }
        }
        assertFalse(r.finished());
        assertEquals(List.of(), r.leftAlive());
        assertTrue(r.toString().contains("✔ 看门狗在"), r::toString);
        assertTrue(r.lab().textsOf(r.broken().get(0)).stream().anyMatch(t -> t.startsWith("被看门狗打断")), r::toString);
    }

    @Test
    void orderedChopsticksAndTheWaiterAlwaysFinish() {
        for (long seed = 1; seed <= 5; seed++) {
            for (DiningPhilosophers dinner : List.of(DiningPhilosophers.orderedChopsticks(), DiningPhilosophers.waiter())) {
                PhilosophersResult r = dinner.seed(seed).meals(5).run();
                assertFalse(r.deadlocked(), r::toString);
                assertTrue(r.finished(), r::toString);
                assertEquals(List.of(), r.broken());
                assertEquals(List.of(), r.leftAlive());
                assertTrue(r.toString().contains("✔ 每个人都吃完了 5 顿"), r::toString);
            }
        }
    }

    @Test
    void anyNumberOfPhilosophersFromTwoToTen() {
        PhilosophersResult two = DiningPhilosophers.naive().philosophers(2).meals(2).run();
        assertTrue(two.deadlocked(), two::toString);
        assertEquals(List.of("孔子", "孟子"), two.philosophers());
        assertTrue(DiningPhilosophers.waiter().philosophers(10).meals(2).run().finished());
        assertEquals("philosophers (1) must be in 2..10 / 哲学家人数要在 2 到 10 之间",
                assertThrows(IllegalArgumentException.class, () -> DiningPhilosophers.naive().philosophers(1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiningPhilosophers.naive().meals(0));
        assertThrows(IllegalArgumentException.class, () -> DiningPhilosophers.naive().timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> two.mealsOf("苏格拉底"));
    }
}
