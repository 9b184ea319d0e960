package course.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import course.timing.Timings;

class Ex00Test {

    static Timings millis(long... ms) {
        return new Timings("t", java.util.Arrays.stream(ms).mapToObj(Duration::ofMillis).toList());
    }

    @Test
    void threeRunsOfFiftyMillisecondsPass() {
        assertTrue(Ex00.sleepFifty(millis(50, 51, 53)).passed());
        assertTrue(Ex00.sleepFifty(Timings.measure("真的睡", 3, () -> Thread.sleep(50))).passed());
    }

    @Test
    void theNotebookStubPassesNothing() {
        Verdicts.passesNothing(Ex00.sleepFifty(Timings.measure("睡 50 毫秒", 1, () -> Thread.sleep(5))));
    }

    @Test
    void wrongRunCountOrWrongSleepFails() {
        var oneRun = Ex00.sleepFifty(millis(50));
        assertFalse(oneRun.passed());
        assertTrue(oneRun.toString().contains("测量次数：得到的是 1"), oneRun::toString);
        Verdicts.failsWithoutTheAnswer(oneRun);
        assertFalse(Ex00.sleepFifty(millis(5, 5, 6)).passed());
        assertFalse(Ex00.sleepFifty(new Timings("t", List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)))).passed());
        assertFalse(Ex00.sleepFifty(null).passed());
    }
}
