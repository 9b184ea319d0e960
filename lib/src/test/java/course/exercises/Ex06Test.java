package course.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import course.check.Exercise.Verdict;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex06Test {

    private long count;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong hits = new AtomicLong();

    @Test
    void lockedIncrementPassesTheReferenceAndFailsTheUnprotectedCode() {
        Runnable reference = () -> {
            lock.lock();
            try {
                long v = count;
                Thread.yield();
                count = v + 1;
            } finally {
                lock.unlock();
            }
        };
        assertTrue(Ex06.lockedIncrement(reference, () -> count).passed());
        Runnable placeholder = () -> {
            long v = count;
            Thread.yield();
            count = v + 1;
        };
        assertFailsWithoutTick(Ex06.lockedIncrement(placeholder, () -> count), "有更新丢失了");
    }

    @Test
    void atomicIncrementPassesCasAndIncrementAndGetAndFailsGetThenSet() {
        assertTrue(Ex06.atomicIncrement(hits::incrementAndGet, hits::get).passed());
        Runnable cas = () -> {
            long v;
            do {
                v = hits.get();
                Thread.yield();
            } while (!hits.compareAndSet(v, v + 1));
        };
        assertTrue(Ex06.atomicIncrement(cas, hits::get).passed());
        Runnable getThenSet = () -> {
            long v = hits.get();
            Thread.yield();
            hits.set(v + 1);
        };
        assertFailsWithoutTick(Ex06.atomicIncrement(getThenSet, hits::get), "有更新丢失了");
    }

    /** The notebook's till: a balance guarded by a lock, in the stub's and the solution's versions. */
    private static final class Till {
        final ReentrantLock till = new ReentrantLock();
        long balance = 1000;

        /** The stub: an exception leaves the lock locked. */
        void forgetful(long amount) {
            till.lock();
            if (amount > balance) {
                throw new IllegalArgumentException("余额不足");
            }
            balance -= amount;
            till.unlock();
        }

        /** The solution. */
        void careful(long amount) {
            till.lock();
            try {
                if (amount > balance) {
                    throw new IllegalArgumentException("余额不足");
                }
                balance -= amount;
            } finally {
                till.unlock();
            }
        }

        /** Releases the lock but swallows the error. */
        void silent(long amount) {
            till.lock();
            try {
                if (amount <= balance) {
                    balance -= amount;
                }
            } finally {
                till.unlock();
            }
        }

        /** Takes no lock at all. */
        void lockless(long amount) {
            if (amount > balance) {
                throw new IllegalArgumentException("余额不足");
            }
            balance -= amount;
        }
    }

    @Test
    void unlockOnExceptionPassesTryFinally() {
        Till t = new Till();
        Verdict v = Ex06.unlockOnException(t.till, t::careful, () -> t.balance);
        assertTrue(v.passed(), v.toString());
        assertFalse(t.till.isLocked());
    }

    @Test
    void unlockOnExceptionFailsTheStubWithoutATickAndDoesNotHang() {
        Till t = new Till();
        assertFailsWithoutTick(Ex06.unlockOnException(t.till, t::forgetful, () -> t.balance), "锁还锁着");
        // the stub's lock stays locked by a thread that ended: checking again says so instead of waiting
        assertFailsWithoutTick(Ex06.unlockOnException(t.till, t::forgetful, () -> t.balance), "检查开始时锁是开着的");
    }

    @Test
    void unlockOnExceptionFailsAWithdrawalThatSwallowsTheError() {
        Till t = new Till();
        assertFailsWithoutTick(Ex06.unlockOnException(t.till, t::silent, () -> t.balance), "抛出 IllegalArgumentException");
    }

    @Test
    void unlockOnExceptionFailsAWithdrawalWithoutTheLock() {
        Till t = new Till();
        Verdict v = Ex06.unlockOnException(t.till, t::lockless, () -> t.balance);
        assertFalse(v.passed(), v.toString());
        assertTrue(v.toString().contains("没有等锁就做完了"), v.toString());
        assertFalse(t.till.isLocked());
    }

    @Test
    void unlockOnExceptionAsksForARerunWhenTheBalanceIsTooLow() {
        Till t = new Till();
        t.balance = Ex06.NEEDED - 1;
        assertFailsWithoutTick(Ex06.unlockOnException(t.till, t::careful, () -> t.balance), "重新运行定义 balance 的单元格");
    }

    private static void assertFailsWithoutTick(Verdict v, String says) {
        assertFalse(v.passed(), v.toString());
        assertTrue(v.toString().startsWith("❌ 没通过"), v.toString());
        assertFalse(v.toString().contains("✔"), "a wrong answer gets no ✔ here: " + v);
        assertTrue(v.toString().contains(says), v.toString());
    }
}
