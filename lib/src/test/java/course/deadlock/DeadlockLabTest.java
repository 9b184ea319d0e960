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

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeadlockLabTest {

    @Test
    void theSeedScenarioDeadlocksIsDetectedAndBrokenLeavingNothing() {
        DeadlockResult run = DeadlockLab.twoLocks().run();
        assertTrue(run.deadlocked(), run::toString);
        assertEquals(List.of("线程1", "锁B", "线程2", "锁A", "线程1"), run.snapshot().cycle());
        assertEquals(List.of("线程1"), run.broken());
        assertEquals(List.of(), run.leftAlive());
        assertEquals(1, run.workers(), "the victim gave up, the other thread finished");
        assertNotNull(run.detectedAfter());
        assertTrue(run.lab().textsOf("线程1").contains("被中断：放弃 锁B，释放 锁A"), run::toString);
        assertTrue(run.toString().contains("剩下的线程：无"), run::toString);
    }

    @Test
    void aGlobalLockOrderAlwaysFinishes() {
        for (int i = 0; i < 5; i++) {
            DeadlockResult run = DeadlockLab.twoLocks().lockOrder().run();
            assertFalse(run.deadlocked(), run::toString);
            assertTrue(run.finished(), run::toString);
            assertEquals(List.of(), run.leftAlive());
        }
    }

    @Test
    void tryLockWithBackOffFinishesEvenWhenBothHoldTheirFirstLock() {
        for (long seed = 1; seed <= 5; seed++) {
            DeadlockResult run = DeadlockLab.twoLocks().tryLock(Duration.ofMillis(20)).seed(seed).run();
            assertFalse(run.deadlocked(), run::toString);
            assertTrue(run.finished(), run::toString);
            assertEquals(List.of(), run.broken());
            assertTrue(run.lab().lines().stream().anyMatch(l -> l.text().contains("退避")),
                    "the first attempt is forced to fail: " + run);
        }
    }

    @Test
    void badDurationsFail() {
        assertEquals("tryLock timeout (PT0S) must be positive / tryLock 的等待时间必须大于 0",
                assertThrows(IllegalArgumentException.class, () -> DeadlockLab.twoLocks().tryLock(Duration.ZERO)).getMessage());
        assertEquals("timeout (PT-0.001S) must be positive / 时间限制必须大于 0", assertThrows(IllegalArgumentException.class,
                () -> DeadlockLab.twoLocks().timeout(Duration.ofMillis(-1))).getMessage());
    }
}
