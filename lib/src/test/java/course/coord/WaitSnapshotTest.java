package course.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import course.coord.WaitSnapshot.Place;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitSnapshotTest {

    final List<Thread> started = new ArrayList<>();

    Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        started.add(t);
        t.start();
        return t;
    }

    @AfterEach
    void endThreads() throws InterruptedException {
        for (Thread t : started) {
            t.interrupt();
            t.join(2000);
        }
    }

    static void until(Thread t, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != state) {
            assertTrue(System.nanoTime() < deadline, t.getName() + " never got " + state + ": " + t.getState());
            Thread.sleep(1);
        }
    }

    @Test
    void aMonitorHasAWaitRoomAndADoor() throws Exception {
        Object plate = new Object();
        Thread waiter = start("消费者1", () -> {
            synchronized (plate) {
                try {
                    plate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        until(waiter, Thread.State.WAITING);
        Thread blocked;
        WaitSnapshot s;
        synchronized (plate) {
            blocked = start("生产者1", () -> {
                synchronized (plate) {
                    plate.notifyAll();
                }
            });
            until(blocked, Thread.State.BLOCKED);
            s = WaitSnapshot.watch().monitor("盘子", plate).take(List.of(waiter, blocked));
            assertTrue(WaitSnapshot.where(waiter).startsWith("WAITING：在 Object@"), WaitSnapshot.where(waiter));
            assertTrue(WaitSnapshot.where(blocked).startsWith("BLOCKED：排队进入 Object@"), WaitSnapshot.where(blocked));
        }
        assertEquals(List.of("消费者1"), s.in("盘子 的 wait()"));
        assertEquals(List.of("生产者1"), s.in("盘子 门口 (synchronized)"));
        assertEquals(List.of("盘子 的 wait()", "盘子 门口 (synchronized)", "在运行", "在别处等", "已结束"),
                s.places().stream().map(Place::name).toList());
        assertEquals(Place.Kind.WAIT_ROOM, s.places().get(0).kind());
        assertEquals(Place.Kind.DOOR, s.places().get(1).kind());
        assertTrue(s.toString().contains("消费者1"), s::toString);
    }

    @Test
    void conditionsAreSeparateWaitRoomsAndTheLockHasADoor() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Condition notFull = lock.newCondition();
        Condition notEmpty = lock.newCondition();
        Runnable awaitFull = () -> {
            lock.lock();
            try {
                notFull.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        };
        Thread p1 = start("生产者1", awaitFull);
        Thread p2 = start("生产者2", awaitFull);
        Thread c1 = start("消费者1", () -> {
            lock.lock();
            try {
                notEmpty.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        assertTrue(WaitSnapshot.awaitWaiting(Duration.ofSeconds(10), List.of(p1, p2, c1)));
        while (!waitersAre(lock, notFull, 2) || !waitersAre(lock, notEmpty, 1)) {
            Thread.sleep(1);
        }
        lock.lock();
        try {
            Thread queued = start("消费者2", () -> {
                lock.lock();
                lock.unlock();
            });
            while (!lock.hasQueuedThread(queued)) {
                Thread.sleep(1);
            }
            AtomicBoolean spin = new AtomicBoolean(true);
            Thread running = start("忙碌的线程", () -> {
                while (spin.get()) {
                    Thread.onSpinWait();
                }
            });
            until(running, Thread.State.RUNNABLE);
            Thread ended = start("结束的线程", () -> { });
            ended.join();
            Thread sleeper = start("睡觉的线程", () -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            until(sleeper, Thread.State.TIMED_WAITING);
            WaitSnapshot s = WaitSnapshot.watch()
                    .condition("notFull", notFull).condition("notEmpty", notEmpty).lock("锁", lock)
                    .take(List.of(p1, p2, c1, queued, running, ended, sleeper));
            spin.set(false);
            assertEquals(List.of("生产者1", "生产者2"), s.in("notFull"));
            assertEquals(List.of("消费者1"), s.in("notEmpty"));
            assertEquals(List.of("消费者2"), s.in("锁"));
            assertEquals(List.of("忙碌的线程"), s.in("在运行"));
            assertEquals(List.of("睡觉的线程"), s.in("在别处等"));
            assertEquals(List.of("结束的线程"), s.in("已结束"));
            assertEquals(List.of(), s.in("没有这个地方"));
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code n} threads wait on {@code c} (getWaitQueueLength needs the lock). */
    static boolean waitersAre(ReentrantLock lock, Condition c, int n) {
        lock.lock();
        try {
            return lock.getWaitQueueLength(c) == n;
        } finally {
            lock.unlock();
        }
    }

    @Test
    void awaitWaitingGivesUpAfterItsTimeout() throws Exception {
        AtomicBoolean spin = new AtomicBoolean(true);
        Thread busy = start("忙碌的线程", () -> {
            while (spin.get()) {
                Thread.onSpinWait();
            }
        });
        try {
            assertFalse(WaitSnapshot.awaitWaiting(Duration.ofMillis(50), List.of(busy)));
        } finally {
            spin.set(false);
        }
    }

    @Test
    void namesMustBeNewAndNotBlank() {
        Object o = new Object();
        var e = assertThrows(IllegalArgumentException.class, () -> WaitSnapshot.watch().monitor("a", o).monitor("a", o));
        assertTrue(e.getMessage().contains("不重复"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WaitSnapshot.watch().monitor(" ", o));
        assertThrows(NullPointerException.class, () -> WaitSnapshot.watch().monitor("a", null));
    }
}
