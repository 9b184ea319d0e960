package course.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each check passes the reference answer and fails a wrong one. */
class Ex010203Test {

    static final String SUM_LOOP = """
                  LOAD  A, 2000     # n
                  SET   B, 0        # sum
            loop: ADD   B, B, A
                  ADDI  A, A, -1
                  JNZ   A, loop
                  STORE B, 2008
                  HALT
            """;

    @Test
    void ex01FinishTimes() {
        assertEquals(Map.of("A", 50, "B", 45, "C", 30), Ex01.finishTimesAnswer());
        assertTrue(Ex01.finishTimes(Map.of("A", 50, "B", 45, "C", 30)).passed());
        assertFalse(Ex01.finishTimes(Map.of("A", 25, "B", 40, "C", 50)).passed());
        assertFalse(Ex01.finishTimes(null).passed());
    }

    @Test
    void ex01FewestCores() {
        assertEquals(2, Ex01.fewestCoresAnswer());
        assertTrue(Ex01.fewestCores(2).passed());
        assertFalse(Ex01.fewestCores(3).passed());
        assertFalse(Ex01.fewestCores(1).passed());
        assertFalse(Ex01.fewestCores(0).passed());
    }

    @Test
    void ex02SumLoop() {
        assertTrue(Ex02.sumLoop(SUM_LOOP).passed(), Ex02.sumLoop(SUM_LOOP).toString());
        // hard-coded answer without a loop fails for n = 5
        assertFalse(Ex02.sumLoop("SET B, 55\nSTORE B, 2008\nHALT").passed());
        // a typo is reported with the assembler's Chinese message
        String wrong = Ex02.sumLoop("LOD A, 2000\nHALT").toString();
        assertTrue(wrong.contains("第 1 行") && wrong.contains("❌"), wrong);
        // a run-away loop is stopped and reported
        assertTrue(Ex02.sumLoop("x: JMP x").toString().contains("没有停下"));
    }

    @Test
    void ex02CountdownSteps() {
        assertTrue(Ex02.countdownSteps(24).passed());  // SET + 3 × (ADDI, JNZ) + HALT = 8 instructions × 3
        assertFalse(Ex02.countdownSteps(12).passed());
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ex03TimedWaiting() {
        assertTrue(Ex03.timedWaiting(() -> Thread.sleep(10_000)).passed());
        assertTrue(Ex03.timedWaiting(() -> new java.util.concurrent.CountDownLatch(1).await(10, TimeUnit.SECONDS)).passed());
        assertFalse(Ex03.timedWaiting(() -> { }).passed());
    }

    @Test
    void ex03StateMapping() {
        assertTrue(Ex03.stateMapping(Ex03.stateMappingAnswer()).passed());
        Map<Thread.State, String> wrong = new EnumMap<>(Ex03.stateMappingAnswer());
        wrong.put(Thread.State.RUNNABLE, "执行");
        assertFalse(Ex03.stateMapping(wrong).passed());
        assertFalse(Ex03.stateMapping(Map.of()).passed());
    }
}
