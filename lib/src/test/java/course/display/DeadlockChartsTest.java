package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import course.deadlock.DeadlockDetector;
import course.deadlock.DeadlockSnapshot;
import course.deadlock.ThreadProbe;
import course.deadlock.ThreadProbe.LockRef;
import course.deadlock.ThreadProbe.ThreadSnapshot;

class DeadlockChartsTest {

    @Test
    void drawsTheWaitForGraphAndAnEmptyOne() {
        LockRef a = new LockRef("L", 1);
        LockRef b = new LockRef("L", 2);
        List<ThreadSnapshot> ts = List.of(
                new ThreadSnapshot(1, "线程1", Thread.State.WAITING, b, "线程2", List.of(a), ""),
                new ThreadSnapshot(2, "线程2", Thread.State.WAITING, a, "线程1", List.of(b), ""));
        ThreadProbe probe = new ThreadProbe() {
            @Override
            public long[] findDeadlockedThreads() {
                return new long[]{1, 2};
            }

            @Override
            public List<ThreadSnapshot> snapshots(long[] ids) {
                return ts;
            }
        };
        DeadlockSnapshot r = DeadlockDetector.using(probe).name(a, "锁A").name(b, "锁B").detect();
        assertEquals(List.of("线程1", "锁B", "线程2", "锁A"), DeadlockCharts.nodes(r), "the cycle, placed round the circle");
        BufferedImage img = DeadlockCharts.waitFor(r);
        assertEquals(640, img.getWidth());
        assertEquals(DeadlockCharts.THREAD.getRGB(), img.getRGB(221, 141), "线程1 is a blue circle top left");
        BufferedImage none = DeadlockCharts.waitFor(DeadlockDetector.using(new ThreadProbe() {
            @Override
            public long[] findDeadlockedThreads() {
                return new long[0];
            }

            @Override
            public List<ThreadSnapshot> snapshots(long[] ids) {
                return List.of();
            }
        }).detect());
        assertEquals(440, none.getHeight());
    }
}
