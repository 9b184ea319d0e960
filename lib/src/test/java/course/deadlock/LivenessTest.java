package course.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LivenessTest {

    @Test
    void politeThreadsInStepNeverGetBothLocksAndTheDetectorSeesNoDeadlock() {
        LivelockResult r = Livelock.politeThreads().rounds(5).backOff(Duration.ofMillis(1)).run();
        assertTrue(r.livelocked(), r::toString);
        assertEquals(0, r.workers());
        assertEquals(0, r.deadlocksSeen());
        assertEquals(5, r.checks(), "one look a round, while both locks are held");
        for (String t : List.of(DeadlockLab.THREAD_1, DeadlockLab.THREAD_2)) {
            List<String> lines = r.lab().textsOf(t);
            assertEquals(6, lines.size(), "one line per round and one giving up: " + lines);
            assertEquals("5 轮都没有拿到两把锁，放弃", lines.get(5));
        }
        assertTrue(r.toString().contains("活锁"), r::toString);
        assertThrows(IllegalArgumentException.class, () -> Livelock.politeThreads().rounds(0));
        assertThrows(IllegalArgumentException.class, () -> Livelock.politeThreads().backOff(Duration.ZERO));
    }

    @Test
    void fairnessCountsEveryAcquisitionAndLeavesTheLockFree() {
        for (boolean fair : List.of(false, true)) {
            ReentrantLock lock = new ReentrantLock(fair);
            FairnessResult r = LockFairness.measure(lock, 3, Duration.ofMillis(30));
            assertEquals(fair, r.fair());
            assertEquals(3, r.acquisitions().size());
            assertEquals(3, r.longestWaits().size());
            assertTrue(r.handoffs() <= r.total(), r::toString);
            assertFalse(lock.isLocked());
            assertTrue(r.toString().startsWith(fair ? "公平锁 new ReentrantLock(true)" : "不公平锁 new ReentrantLock()"), r::toString);
        }
    }

    @Test
    void fairnessFiguresComeFromTheCounts() {
        FairnessResult r = new FairnessResult(false, Duration.ofMillis(100), Duration.ofMillis(101), List.of(300L, 100L),
                List.of(Duration.ofMillis(2), Duration.ofMillis(40)), 40);
        assertEquals(400, r.total());
        assertEquals(4.0, r.perMillisecond(), 1e-9);
        assertEquals(75.0, r.sharePercent(0), 1e-9);
        assertEquals(3.0, r.spread(), 1e-9);
        assertEquals("3.00 倍", r.spreadText());
        assertEquals(10.0, r.meanRun(), 1e-9);
        assertEquals(Duration.ofMillis(40), r.longestWait());
        FairnessResult starved = new FairnessResult(true, Duration.ofMillis(100), Duration.ofMillis(100), List.of(5L, 0L),
                List.of(Duration.ZERO, Duration.ofMillis(100)), 1);
        assertTrue(Double.isInfinite(starved.spread()));
        assertEquals("∞（有线程一次也没拿到）", starved.spreadText());
        assertTrue(starved.toString().contains("有线程一次也没拿到"), starved::toString);
    }

    @Test
    void readingsAreWordedFromTheNumbers() {
        List<Duration> waits = List.of(Duration.ofMillis(1), Duration.ofMillis(50));
        FairnessResult unfair = new FairnessResult(false, Duration.ofMillis(100), Duration.ofMillis(100), List.of(900L, 100L),
                waits, 10);
        FairnessResult fair = new FairnessResult(true, Duration.ofMillis(100), Duration.ofMillis(100), List.of(240L, 260L),
                List.of(Duration.ofMillis(2), Duration.ofMillis(3)), 400);
        String usual = LockFairness.readings(unfair, fair);
        assertTrue(usual.contains("不公平锁 100.0 次，公平锁 1.3 次：不公平锁让刚放下锁的线程马上又抢到"), usual);
        assertTrue(usual.contains("公平锁下等得最久的线程也等得短些"), usual);
        assertTrue(usual.contains("不公平锁 9.00 倍，公平锁 1.08 倍：这一次公平锁分得更均匀"), usual);
        assertTrue(usual.contains("公平锁一共拿到 500 次，是不公平锁（1,000 次）的 50 %\n"), usual);
        assertTrue(usual.contains("CPU 核数："), usual);
        String reversed = LockFairness.readings(fair, unfair); // the "fair" one now runs longer, waits longer, is less even
        assertTrue(reversed.contains("：这一次两种锁差不多"), reversed);
        assertTrue(reversed.contains("：这一次公平锁下也有线程等了很久"), reversed);
        assertTrue(reversed.contains("：这一次公平锁并没有分得更均匀"), reversed);
        assertTrue(reversed.contains("的 200 %：这一次公平锁并不慢"), reversed);
    }

    @Test
    void fairnessRefusesBadArguments() {
        ReentrantLock lock = new ReentrantLock();
        assertEquals("threads (1) must be in 2..16 / 线程数要在 2 到 16 之间",
                assertThrows(IllegalArgumentException.class, () -> LockFairness.measure(lock, 1, Duration.ofMillis(10))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LockFairness.measure(lock, 2, Duration.ofSeconds(6)));
        lock.lock();
        try {
            assertThrows(IllegalArgumentException.class, () -> LockFairness.measure(lock, 2, Duration.ofMillis(10)));
        } finally {
            lock.unlock();
        }
    }
}
