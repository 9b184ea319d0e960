package course.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import course.deadlock.ThreadProbe.LockRef;
import course.deadlock.ThreadProbe.ThreadSnapshot;

/** The report text, against a stub thread bean: no threads, no timing. */
class DeadlockSnapshotTest {

    static final LockRef A = new LockRef("java.util.concurrent.locks.ReentrantLock$NonfairSync", 0x1a);
    static final LockRef B = new LockRef("java.util.concurrent.locks.ReentrantLock$NonfairSync", 0x2b);
    static final LockRef C = new LockRef("java.lang.Object", 0x3c);

    /** A stub probe that always reports the given threads as deadlocked. */
    static ThreadProbe stub(ThreadSnapshot... threads) {
        return new ThreadProbe() {
            @Override
            public long[] findDeadlockedThreads() {
                return Arrays.stream(threads).mapToLong(ThreadSnapshot::id).toArray();
            }

            @Override
            public List<ThreadSnapshot> snapshots(long[] ids) {
                return List.of(threads);
            }
        };
    }

    @Test
    void twoThreadsTwoNamedLocks() {
        DeadlockSnapshot r = DeadlockDetector.using(stub(
                        new ThreadSnapshot(12, "线程2", Thread.State.WAITING, A, "线程1", List.of(B), "x"),
                        new ThreadSnapshot(11, "线程1", Thread.State.WAITING, B, "线程2", List.of(A), "y")))
                .name(A, "锁A").name(B, "锁B")
                .detect();
        assertEquals("""
                发现死锁！2 个线程互相等待 (ThreadMXBean.findDeadlockedThreads):
                  线程1 (WAITING): 持有 锁A，等待 锁B，锁B 被 线程2 持有
                  线程2 (WAITING): 持有 锁B，等待 锁A，锁A 被 线程1 持有
                  等待环: 线程1 → 锁B → 线程2 → 锁A → 线程1
                """, r.toString());
        assertEquals(List.of("线程1", "锁B", "线程2", "锁A", "线程1"), r.cycle());
        assertEquals(Map.of("线程1", List.of("锁A"), "线程2", List.of("锁B")), r.holds());
        assertEquals("线程1 等待 锁B（被 线程2 持有）", r.edges().get(0).toString());
    }

    @Test
    void threeThreadsWithAnUnnamedMonitor() {
        DeadlockSnapshot r = DeadlockDetector.using(stub(
                        new ThreadSnapshot(1, "甲", Thread.State.BLOCKED, B, "乙", List.of(A), ""),
                        new ThreadSnapshot(2, "乙", Thread.State.BLOCKED, C, "丙", List.of(B), ""),
                        new ThreadSnapshot(3, "丙", Thread.State.BLOCKED, A, "甲", List.of(C), "")))
                .name(A, "锁A").name(B, "锁B")
                .detect();
        assertEquals(List.of("丙", "锁A", "甲", "锁B", "乙", "Object@3c", "丙"), r.cycle());
        assertEquals("  乙 (BLOCKED): 持有 锁B，等待 Object@3c，Object@3c 被 丙 持有",
                r.toString().lines().filter(l -> l.startsWith("  乙")).findFirst().orElseThrow());
    }

    @Test
    void noDeadlock() {
        DeadlockSnapshot r = DeadlockDetector.using(stub()).detect();
        assertFalse(r.found());
        assertEquals(List.of(), r.cycle());
        assertEquals("没有发现死锁 (ThreadMXBean.findDeadlockedThreads 返回空)\n", r.toString());
    }

    @Test
    void aMonitorIsNamedByItsIdentityHash() {
        Object monitor = new Object();
        LockRef ref = new LockRef("java.lang.Object", System.identityHashCode(monitor));
        DeadlockSnapshot r = DeadlockDetector.using(stub(
                        new ThreadSnapshot(1, "t1", Thread.State.BLOCKED, ref, "t2", List.of(A), ""),
                        new ThreadSnapshot(2, "t2", Thread.State.BLOCKED, A, "t1", List.of(ref), "")))
                .name(monitor, "门").name(A, "锁A").detect();
        assertEquals(List.of("t1", "门", "t2", "锁A", "t1"), r.cycle());
    }
}
