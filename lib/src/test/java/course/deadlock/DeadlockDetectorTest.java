package course.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real deadlock, forced with a barrier, on daemon threads that wait interruptibly. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeadlockDetectorTest {

    private static Thread taker(String name, CyclicBarrier meet, ReentrantLock first, ReentrantLock second,
                                CountDownLatch ended) {
        Thread t = new Thread(() -> {
            try {
                first.lockInterruptibly();
                try {
                    meet.await();
                    second.lockInterruptibly();
                    second.unlock();
                } finally {
                    first.unlock();
                }
            } catch (Exception e) {
                // interrupted: give up
            } finally {
                ended.countDown();
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    @Test
    void detectsAForcedDeadlockAndNamesHolderAndWaiter() throws InterruptedException {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        DeadlockDetector detector = DeadlockDetector.create().name(a, "锁A").name(b, "锁B");
        CyclicBarrier meet = new CyclicBarrier(2);
        CountDownLatch ended = new CountDownLatch(2);
        Thread t1 = taker("测试线程1", meet, a, b, ended);
        Thread t2 = taker("测试线程2", meet, b, a, ended);
        t1.start();
        t2.start();
        try {
            // Both are queued on the other's lock: a deadlock by construction (no sleeping, just a condition).
            while (!(b.hasQueuedThread(t1) && a.hasQueuedThread(t2))) {
                Thread.onSpinWait();
            }
            DeadlockSnapshot r = detector.detect();
            assertTrue(r.found(), r::toString);
            assertEquals(List.of("测试线程1", "测试线程2"), r.threadNames());
            assertEquals(List.of("测试线程1", "锁B", "测试线程2", "锁A", "测试线程1"), r.cycle());
            assertTrue(r.toString().contains("测试线程1 (WAITING): 持有 锁A，等待 锁B，锁B 被 测试线程2 持有"), r.toString());
        } finally {
            t1.interrupt();
            t2.interrupt();
            ended.await();
            t1.join(5000);
            t2.join(5000);
        }
        assertFalse(t1.isAlive() || t2.isAlive());
        assertFalse(detector.detect().found());
    }

    @Test
    void namingAHeldLockFails() throws Exception {
        ReentrantLock a = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            a.lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                // end
            } finally {
                a.unlock();
            }
        });
        holder.setDaemon(true);
        holder.start();
        held.await();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> DeadlockDetector.create().name(a, "锁A"));
            assertEquals("lock 锁A must be free when it is named / 给锁起名字时它不能被别的线程持有", e.getMessage());
        } finally {
            release.countDown();
            holder.join(5000);
        }
    }
}
