package course.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
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
        Verdicts.passesNothing(Ex01.finishTimes(Map.of("A", 0, "B", 0, "C", 0)));
        Verdicts.failsWithoutTheAnswer(Ex01.finishTimes(Map.of("A", 50, "B", 40, "C", 30)));
    }

    @Test
    void ex01FewestCores() {
        assertEquals(2, Ex01.fewestCoresAnswer());
        assertTrue(Ex01.fewestCores(2).passed());
        assertFalse(Ex01.fewestCores(3).passed());
        assertFalse(Ex01.fewestCores(1).passed());
        Verdicts.passesNothing(Ex01.fewestCores(0));
        assertTrue(Ex01.fewestCores(1).toString().contains("核不够"), Ex01.fewestCores(1)::toString);
        assertTrue(Ex01.fewestCores(3).toString().contains("再少一个核也能"), Ex01.fewestCores(3)::toString);
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
        Verdicts.passesNothing(Ex02.sumLoop("""
                DATA 2000, 10
                      LOAD  A, 2000
                      STORE A, 2008
                      HALT
                """));
    }

    @Test
    void ex02CountdownSteps() {
        assertTrue(Ex02.countdownSteps(24).passed());  // SET + 3 × (ADDI, JNZ) + HALT = 8 instructions × 3
        Verdicts.passesNothing(Ex02.countdownSteps(12));
        assertTrue(Ex02.countdownSteps(12).toString().contains("你的答案是 12"));
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ex03TimedWaiting() {
        assertTrue(Ex03.timedWaiting(() -> Thread.sleep(10_000)).passed());
        assertTrue(Ex03.timedWaiting(() -> new java.util.concurrent.CountDownLatch(1).await(10, TimeUnit.SECONDS)).passed());
        Verdicts.passesNothing(Ex03.timedWaiting(() -> { }));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ex03PredictStatesComparesWithWhatARealThreadShows() {
        for (String key : Ex03.SITUATIONS.keySet()) {
            assertEquals(Ex03.predictStatesAnswer().get(key), Ex03.observe(key), key + "：" + Ex03.SITUATIONS.get(key));
        }
        Verdicts.passes(Ex03.predictStates(Ex03.predictStatesAnswer()));
        Map<String, Thread.State> stub = new HashMap<>();
        Ex03.SITUATIONS.keySet().forEach(k -> stub.put(k, null));
        Verdicts.passesNothing(Ex03.predictStates(stub));
        Map<String, Thread.State> blocked = new HashMap<>(Ex03.predictStatesAnswer());
        blocked.put("A", Thread.State.BLOCKED);
        var v = Ex03.predictStates(blocked);
        Verdicts.failsWithoutTheAnswer(v);
        assertEquals("你的答案是 BLOCKED", v.items().get(0).detail(), v::toString);
    }
}
