package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import course.deadlock.DeadlockDetector;
import course.deadlock.DeadlockSnapshot;
import course.deadlock.DiningPhilosophers;
import course.deadlock.FairnessResult;
import course.deadlock.PhilosophersResult;
import course.deadlock.ThreadProbe;
import course.deadlock.ThreadProbe.LockRef;
import course.deadlock.ThreadProbe.ThreadSnapshot;
import course.threads.ThreadLabResult;

class PhilosophersPictureTest {

    private static final ThreadLabResult EMPTY_LAB = new ThreadLabResult("晚饭", List.of(), List.of(), Duration.ofSeconds(5),
            Duration.ofMillis(1));

    /** Two philosophers, each holding his left chopstick and waiting for the other. */
    private static DeadlockSnapshot twoWaiting() {
        LockRef c1 = new LockRef("L", 1);
        LockRef c2 = new LockRef("L", 2);
        List<ThreadSnapshot> ts = List.of(
                new ThreadSnapshot(1, "孔子", Thread.State.WAITING, c2, "孟子", List.of(c1), ""),
                new ThreadSnapshot(2, "孟子", Thread.State.WAITING, c1, "孔子", List.of(c2), ""));
        return DeadlockDetector.using(new ThreadProbe() {
            @Override
            public long[] findDeadlockedThreads() {
                return new long[]{1, 2};
            }

            @Override
            public List<ThreadSnapshot> snapshots(long[] ids) {
                return ts;
            }
        }).name(c1, "筷子1").name(c2, "筷子2").detect();
    }

    @Test
    void aDeadlockedDinnerShowsWhoHoldsAndWhoWaitsForWhichChopstick() {
        PhilosophersResult r = new PhilosophersResult(DiningPhilosophers.Strategy.NAIVE, List.of("孔子", "孟子"),
                List.of("筷子1", "筷子2"), EMPTY_LAB, List.of(3, 0), 3, twoWaiting(), List.of("孟子"), List.of(),
                Duration.ofMillis(250), Duration.ofSeconds(5));
        assertEquals(List.of("孔子 持有 筷子1", "孟子 持有 筷子2", "孔子 等待 筷子2", "孟子 等待 筷子1"),
                PhilosophersPicture.arrows(r).stream().map(Object::toString).toList());
        assertEquals(List.of("吃了 3 顿", "被打断，离席"), PhilosophersPicture.mealLabels(r));
        assertTrue(PhilosophersPicture.title(r).startsWith("哲学家就餐（不修复）"), PhilosophersPicture.title(r));
        BufferedImage img = DeadlockCharts.philosophers(r);
        assertEquals(PhilosophersPicture.WIDTH, img.getWidth());
    }

    @Test
    void aFinishedDinnerHasNoArrowsAndSaysEveryoneAte() {
        PhilosophersResult r = new PhilosophersResult(DiningPhilosophers.Strategy.WAITER, List.of("孔子", "孟子", "老子"),
                List.of("筷子1", "筷子2", "筷子3"), EMPTY_LAB, List.of(2, 2, 2), 2,
                new DeadlockSnapshot(List.of(), Map.of()), List.of(), List.of(), null, Duration.ofSeconds(5));
        assertEquals(List.of(), PhilosophersPicture.arrows(r));
        assertEquals("哲学家就餐（修复 2）：每人都吃完了 2 顿", PhilosophersPicture.title(r));
        assertEquals("修复 2：服务员最多让 2 人同时拿筷子", PhilosophersPicture.subtitle(r));
        assertEquals(PhilosophersPicture.HEIGHT, DeadlockCharts.philosophers(r).getHeight());
    }

    @Test
    void theFairnessChartDrawsEachThreadsAcquisitionsPerLock() {
        FairnessResult unfair = new FairnessResult(false, Duration.ofMillis(100), Duration.ofMillis(100), List.of(90L, 10L),
                List.of(Duration.ZERO, Duration.ofMillis(50)), 3);
        FairnessResult fair = new FairnessResult(true, Duration.ofMillis(100), Duration.ofMillis(100), List.of(20L, 21L),
                List.of(Duration.ZERO, Duration.ZERO), 40);
        Map<String, Map<String, Long>> series = DeadlockCharts.fairnessSeries(unfair, fair);
        assertEquals(List.of("不公平锁 new ReentrantLock()", "公平锁 new ReentrantLock(true)"), List.copyOf(series.keySet()));
        assertEquals(Map.of("线程1", 90L, "线程2", 10L), series.get("不公平锁 new ReentrantLock()"));
        assertEquals(Charts.WIDTH, DeadlockCharts.fairness(unfair, fair).getWidth());
        FairnessResult other = new FairnessResult(true, Duration.ofMillis(50), Duration.ofMillis(50), List.of(1L, 1L),
                List.of(Duration.ZERO, Duration.ZERO), 2);
        assertThrows(IllegalArgumentException.class, () -> DeadlockCharts.fairnessSeries(unfair, other));
        assertThrows(IllegalArgumentException.class, DeadlockCharts::fairnessSeries);
    }
}
