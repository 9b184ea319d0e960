package course.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import course.threads.ThreadLab;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LockWatchTest {

    private final CountDownLatch leave = new CountDownLatch(1);
    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void letEveryoneGo() {
        leave.countDown();
        assertEquals(List.of(), ThreadLab.joinOrInterrupt(Duration.ofSeconds(5), started.toArray(Thread[]::new)));
    }

    private Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        started.add(t);
        t.start();
        return t;
    }

    private void stay() {
        try {
            leave.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void seesTheHolderOfAReentrantLockAndItsQueueInArrivalOrder() throws Exception {
        ReentrantLock door = new ReentrantLock();
        LockWatch watch = LockWatch.of(door, "门");
        List<Thread> people = new ArrayList<>();
        for (String name : List.of("甲", "乙", "丙", "丁")) {
            people.add(start(name, () -> {
                door.lock();
                try {
                    stay();
                } finally {
                    door.unlock();
                }
            }));
            assertTrue(watch.awaitArrived(people, Duration.ofSeconds(5)), name + " arrived");
        }
        LockSnapshot s = watch.snapshot(people);
        assertTrue(s.locked());
        assertEquals("甲", s.holder().name());
        assertEquals(List.of("乙", "丙", "丁"), s.queue());
        assertTrue(s.waiting().stream().allMatch(p -> p.state() == Thread.State.WAITING), s.toString());
        assertTrue(s.toString().contains("门口排队（等锁）：乙 (WAITING)、丙 (WAITING)、丁 (WAITING)"), s.toString());
    }

    @Test
    void threadsWaitingForAMonitorAreBlocked() throws Exception {
        Object room = new Object();
        LockWatch watch = LockWatch.of(room, "房间");
        Thread a = start("甲", () -> {
            synchronized (room) {
                stay();
            }
        });
        assertTrue(watch.awaitArrived(List.of(a), Duration.ofSeconds(5)));
        Thread b = start("乙", () -> {
            synchronized (room) {
                Thread.onSpinWait();
            }
        });
        assertTrue(watch.awaitArrived(List.of(a, b), Duration.ofSeconds(5)));
        LockSnapshot s = watch.snapshot(a, b);
        assertEquals("synchronized", s.kind());
        assertEquals("甲", s.holder().name());
        assertEquals(List.of(new LockSnapshot.Person("乙", Thread.State.BLOCKED)), s.waiting());
    }

    @Test
    void aLockWhoseOwnerEndedStaysLockedAndNamesTheOwner() throws Exception {
        ReentrantLock door = new ReentrantLock();
        LockWatch watch = LockWatch.of(door, "门");
        Thread forgetful = start("甲", door::lock);
        forgetful.join(5000);
        assertFalse(forgetful.isAlive());
        LockSnapshot alone = watch.snapshot(forgetful);
        assertTrue(alone.locked(), "nobody waits, yet the lock is held");
        Thread next = start("乙", () -> {
            try {
                door.lockInterruptibly();
            } catch (InterruptedException e) {
                // gave up: expected
            }
        });
        assertTrue(watch.awaitArrived(List.of(next), Duration.ofSeconds(5)));
        LockSnapshot s = watch.snapshot(forgetful, next);
        assertEquals(new LockSnapshot.Person("甲", Thread.State.TERMINATED), s.holder());
        assertEquals(List.of("乙"), s.queue());
        next.interrupt();
    }

    @Test
    void anOpenLockHasNobodyInside() {
        ReentrantLock door = new ReentrantLock();
        LockSnapshot s = LockWatch.of(door, "门").snapshot(Thread.currentThread());
        assertFalse(s.locked());
        assertNull(s.holder());
        assertTrue(s.toString().contains("在里面（持有锁）：没有人"), s.toString());
    }

    @Test
    void aHeldReentrantLockCannotBeWatchedAndTheWaitIsLimited() throws Exception {
        ReentrantLock door = new ReentrantLock();
        LockWatch watch = LockWatch.of(door, "门");
        Thread never = new Thread(() -> { }, "没启动");
        assertFalse(watch.awaitArrived(List.of(never), Duration.ofMillis(20)), "a thread that never comes does not arrive");
        Thread holder = start("甲", () -> {
            door.lock();
            try {
                stay();
            } finally {
                door.unlock();
            }
        });
        assertTrue(watch.awaitArrived(List.of(holder), Duration.ofSeconds(5)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LockWatch.of(door, "门"));
        assertTrue(e.getMessage().contains("给锁起名字时它不能被别的线程持有"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> watch.awaitArrived(List.of(holder), Duration.ZERO));
    }
}
