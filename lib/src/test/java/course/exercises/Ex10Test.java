package course.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import course.check.Exercise.Verdict;
import course.coord.Buffers;

@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex10Test {

    @AfterAll
    static void releaseDeafThreads() {
        Buffers.Deaf.releaseAll();
    }

    @Test
    void theSolutionPasses() {
        Verdict v = Ex10.boundedBuffer(Buffers.Monitor::correct);
        assertTrue(v.passed(), v::toString);
    }

    @Test
    void theLessonsBufferWithOneLockAndTwoConditionsPassesToo() {
        Verdict v = Ex10.boundedBuffer(Buffers.TwoConditions::new);
        assertTrue(v.passed(), v::toString);
    }

    @Test
    void theUntouchedStubPassesNothing() {
        Verdict v = Ex10.boundedBuffer(Buffers.Stub::new);
        assertFalse(v.passed());
        assertFalse(v.toString().contains("✔"), v::toString);
        assertTrue(v.toString().contains("没有等"), v::toString);
    }

    /** Repeated: the scenario must catch the bug every time, or the test would be flaky. */
    @RepeatedTest(3)
    void ifInsteadOfWhileFailsWithTheWhileHint() {
        Verdict v = Ex10.boundedBuffer(Buffers.Monitor::withIf);
        assertFalse(v.passed());
        assertTrue(v.toString().contains("✘ 压力测试"), v::toString);
        assertTrue(v.toString().contains("while (count == 0) wait()"), v::toString);
    }

    @RepeatedTest(3)
    void notifyWhereNotifyAllIsNeededFailsAsStuckWithTheNotifyAllHint() {
        Verdict v = Ex10.boundedBuffer(Buffers.Monitor::withNotify);
        assertFalse(v.passed());
        assertTrue(v.toString().contains("✘ 没有卡住"), v::toString);
        assertTrue(v.toString().contains("用 notifyAll()"), v::toString);
    }

    @Test
    void aStackFailsFirstInFirstOut() {
        Verdict v = Ex10.boundedBuffer(Buffers.Lifo::new);
        assertFalse(v.passed());
        assertTrue(v.toString().contains("5 次 take() 拿到的是"), v::toString);
    }

    @Test
    void threadsThatIgnoreTheInterruptAreReported() {
        Verdict v = Ex10.boundedBuffer(Buffers.Deaf::new);
        assertFalse(v.passed());
        assertTrue(v.toString().contains("✘ 中断以后所有线程都结束了"), v::toString);
        assertTrue(v.toString().contains("不要把 InterruptedException 吞掉"), v::toString);
    }

    @Test
    void aBufferWithoutSynchronizedReportsTheMonitorException() {
        Verdict v = Ex10.boundedBuffer(c -> new Buffers.Monitor<Object>(c, true, true) {
            @Override
            public void put(Object x) throws InterruptedException {
                notifyAll();   // not holding the monitor
            }
        });
        assertFalse(v.passed());
        assertTrue(v.toString().contains("IllegalMonitorStateException"), v::toString);
    }

    @Test
    void conceptChecksPassOnlyTheirAnswer() {
        Verdicts.conceptPassesOnly(Ex10::concept1, "B", "A", "C", "D", "BD");
        Verdicts.conceptPassesOnly(Ex10::concept2, "b", "A", "C", "D");
    }
}
