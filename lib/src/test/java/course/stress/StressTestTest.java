package course.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StressTestTest {

    static final class StoreBuffering {
        volatile int x;
        volatile int y;
        int r1;
        int r2;
    }

    static final class Locked {
        int count;

        synchronized void inc() {
            count++;
        }
    }

    static StressTest<StoreBuffering> volatileStoreBuffering() {
        return StressTest.of(StoreBuffering::new)
                .actor(s -> { s.x = 1; s.r1 = s.y; })
                .actor(s -> { s.y = 1; s.r2 = s.x; })
                .outcome(s -> s.r1 + ", " + s.r2)
                .acceptable("0, 1", "线程 1 先做完").acceptable("1, 0", "线程 2 先做完")
                .acceptable("1, 1", "交错").forbidden("0, 0", "volatile 不许重排");
    }

    @Test
    void volatileStoreBufferingNeverEndsWithBothZeros() {
        StressResult r = volatileStoreBuffering().name("SB volatile").rounds(50_000).timeout(Duration.ofSeconds(20)).run();
        assertTrue(r.rounds() > 0 && r.rounds() <= 50_000, "stops at its round count or its time limit: " + r.rounds());
        assertEquals(r.rounds(), r.outcomes().total());
        assertEquals(0, r.count("0, 0"));
        assertTrue(r.passed(), r.toString());
        assertNull(r.problem());
        assertEquals(2, r.threads());
        assertEquals(Runtime.getRuntime().availableProcessors(), r.cores());
    }

    @Test
    void aRunStopsAtItsRoundCountAlsoWhenItIsNotAMultipleOfTheBatch() {
        assertEquals(37, volatileStoreBuffering().rounds(37).timeout(Duration.ofSeconds(60)).run().rounds());
        assertEquals(1, volatileStoreBuffering().rounds(1).timeout(Duration.ofSeconds(60)).run().rounds());
    }

    @Test
    void theTimeLimitEndsARunEarlyWithoutFailingIt() {
        StressResult r = volatileStoreBuffering().rounds(1_000_000_000L).timeout(Duration.ofMillis(200)).run();
        assertTrue(r.rounds() > 0 && r.rounds() < 1_000_000_000L);
        assertTrue(r.elapsed().compareTo(Duration.ofMillis(200)) >= 0);
        assertTrue(r.passed());
    }

    @Test
    void everyRoundStartsFromAFreshStateSoALockedCounterEndsAtTheNumberOfThreads() {
        StressResult r = StressTest.of(Locked::new)
                .actor(Locked::inc).actor(Locked::inc).actor(Locked::inc)
                .invariant("count == 3", l -> l.count == 3)
                .rounds(5_000).timeout(Duration.ofSeconds(20)).run();
        assertEquals(r.rounds(), r.count(StressTest.INVARIANTS_HOLD));
        assertTrue(r.passed());
        assertEquals(3, r.threads());
    }

    @Test
    void aBrokenInvariantIsAForbiddenOutcomeInEveryRound() {
        StressResult r = StressTest.of(Locked::new).actor(Locked::inc)
                .invariant("count 仍然是 0", l -> l.count == 0)
                .outcome(l -> l.count).acceptable("1", "加了一次")
                .rounds(100).timeout(Duration.ofSeconds(60)).run();
        assertEquals(100, r.count("违反：count 仍然是 0"));
        assertEquals(0, r.count("1"));
        assertEquals(100, r.forbidden());
        assertFalse(r.passed());
        assertTrue(r.summary().contains("✘ 出现了 100 次禁止的结果"), r.summary());
    }

    @Test
    void aRunThatShouldStopAtTheFirstForbiddenOutcomeEndsWithTheBatchThatHadIt() {
        StressResult r = StressTest.of(Locked::new).actor(Locked::inc)
                .invariant("count 仍然是 0", l -> l.count == 0)
                .rounds(1_000_000).timeout(Duration.ofSeconds(60)).stopWhenForbidden().run();
        assertEquals(StressTest.BATCH, r.rounds());
        assertEquals(StressTest.BATCH, r.forbidden());
    }

    @Test
    void anExceptionInAnActorEndsTheRunAndIsReported() throws InterruptedException {
        StressResult r = StressTest.of(Locked::new)
                .actor(l -> { throw new IllegalStateException("坏了"); })
                .actor(Locked::inc)
                .outcome(l -> l.count).acceptable("1", "")
                .timeout(Duration.ofSeconds(10)).run();
        assertFalse(r.passed());
        assertTrue(r.problem().contains("线程 1 的代码抛出了 java.lang.IllegalStateException: 坏了"), r.problem());
        assertTrue(r.rounds() <= StressTest.BATCH, "stops after the batch that failed: " + r.rounds());
        assertNoTestThreadsLeft();
    }

    @Test
    void anActorThatNeverReturnsIsReportedAsStuckAndTheOtherThreadsEnd() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        StressResult r = StressTest.of(Locked::new)
                .actor(l -> {
                    try {
                        never.await();               // ignores the interrupt below: really stuck
                    } catch (InterruptedException e) {
                        try {
                            never.await();
                        } catch (InterruptedException again) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })
                .actor(Locked::inc)
                .invariant("true", l -> true)
                .timeout(Duration.ofMillis(100)).run();
        assertFalse(r.passed());
        assertTrue(r.problem().contains("还没有结束") && r.problem().contains("压力测试-线程1"), r.problem());
        assertFalse(r.problem().contains("压力测试-线程2"), r.problem());
        never.countDown();
        assertNoTestThreadsLeft();
    }

    @Test
    void misuseIsRefusedWithChineseHints() {
        assertTrue(assertThrows(IllegalStateException.class, () -> StressTest.of(Locked::new).invariant("x", l -> true).run())
                .getMessage().contains("还没有线程"));
        assertTrue(assertThrows(IllegalStateException.class, () -> StressTest.of(Locked::new).actor(Locked::inc).run())
                .getMessage().contains("outcome"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StressTest.of(Locked::new).rounds(0))
                .getMessage().contains("rounds (0) must be in 1..1000000000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StressTest.of(Locked::new).timeout(Duration.ZERO))
                .getMessage().contains("时间限制必须大于 0"));
        StressTest<Locked> t = StressTest.of(Locked::new);
        for (int i = 0; i < StressTest.MAX_ACTORS; i++) {
            t.actor(Locked::inc);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.actor(Locked::inc)).getMessage().contains("actors (9) must be at most 8 / 最多 8 个线程"));
    }

    /** The run's own threads end by themselves; waits for that (bounded by the class time-out). */
    private static void assertNoTestThreadsLeft() throws InterruptedException {
        List<Thread> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("压力测试-线程")).toList();
        for (Thread t : left) {
            t.join();
        }
    }
}
