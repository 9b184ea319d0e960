package course.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import course.check.Exercise.Verdict;
import course.scaling.Amdahl;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex15AmdahlTest {

    static int fewest(double s, double target) {
        if (target >= 1 / s) {
            return -1;
        }
        int k = 1;
        while (Amdahl.speedup(s, k) < target) {
            k++;
        }
        return k;
    }

    @Test
    void theRightAnswersPass() {
        Verdict v = Ex15.amdahl(s -> 1 / s, Ex15AmdahlTest::fewest);
        assertTrue(v.passed(), v::toString);
    }

    @Test
    void theClosedFormPassesToo() {
        Verdict v = Ex15.amdahl(s -> 1 / s, (s, t) -> t >= 1 / s ? -1 : (int) Math.ceil((1 - s) / (1 / t - s) - 1e-9));
        assertTrue(v.passed(), v::toString);
    }

    @Test
    void theUntouchedStubPassesNothingAndNoAnswerIsShown() {
        Verdict v = Ex15.amdahl(s -> 0, (s, t) -> 0);
        assertFalse(v.passed());
        String text = v.toString();
        assertFalse(text.contains("✔"), text);
        for (String answer : new String[]{"是 2", "是 5", "是 20", "29", "17"}) {
            assertFalse(text.contains(answer), "gives away " + answer + ":\n" + text);
        }
    }

    @Test
    void oneWorkerTooManyOrTooFewIsExplainedWithTheLearnersOwnNumber() {
        assertNull(Ex15.workersProblem(0.05, 12, 29));
        assertEquals("k = 28 时加速比是 11.915，还不到 12", Ex15.workersProblem(0.05, 12, 28));
        assertEquals("k = 29 时加速比已经是 12.083：30 不是最少的", Ex15.workersProblem(0.05, 12, 30));
        assertEquals("你的答案是 -1", Ex15.workersProblem(0.05, 12, -1));
        assertNull(Ex15.workersProblem(0.25, 5, -1));
        assertEquals("k = 1000 时加速比是 3.988，还不到 5", Ex15.workersProblem(0.25, 5, 1000),
                "an unreachable target looks like any too-small answer");
    }

    @Test
    void aLoopThatNeverEndsEndsTheCheckNotTheKernel() {
        Verdict v = Ex15.amdahl(s -> 1 / s, (s, t) -> {
            int k = 1;
            while (Amdahl.speedup(s, k) < t && !Thread.currentThread().isInterrupted()) {
                k++;
                if (k == Integer.MAX_VALUE) {
                    k = 1;
                }
            }
            return k;
        });
        assertFalse(v.passed());
        assertTrue(v.toString().contains("循环一直停不下来"), v::toString);
    }
}
