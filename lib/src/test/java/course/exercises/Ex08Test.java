package course.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex08Test {

    static void ordered(Ex08.Account from, Ex08.Account to, long amount) {
        Ex08.Account first = from.id() < to.id() ? from : to;
        Ex08.Account second = first == from ? to : from;
        first.lock();
        try {
            second.lock();
            try {
                from.moveTo(to, amount);
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    static void naive(Ex08.Account from, Ex08.Account to, long amount) {
        from.lock();
        try {
            to.lock();
            try {
                from.moveTo(to, amount);
            } finally {
                to.unlock();
            }
        } finally {
            from.unlock();
        }
    }

    @Test
    void lockOrderPassesTheReferenceAndFailsOppositeOrderWithoutLeavingThreads() {
        var ok = Ex08.lockOrder(Ex08Test::ordered);
        assertTrue(ok.passed(), ok.toString());
        var bad = Ex08.lockOrder(Ex08Test::naive);   // the notebook's stub
        Verdicts.passesNothing(bad);
        assertTrue(bad.toString().contains("· 没有留下线程：还没有检查"), bad.toString());
    }

    @Test
    void tryLockPassesTheReferenceAndFailsPlaceholders() {
        Ex08.TryBoth reference = (first, second) -> {
            if (!first.tryLock(100, TimeUnit.MILLISECONDS)) {
                return false;
            }
            try {
                if (!second.tryLock(100, TimeUnit.MILLISECONDS)) {
                    return false;
                }
                try {
                    return true;
                } finally {
                    second.unlock();
                }
            } finally {
                first.unlock();
            }
        };
        var ok = Ex08.tryLock(reference);
        assertTrue(ok.passed(), ok.toString());
        Ex08.TryBoth placeholder = (first, second) -> first.tryLock();   // the notebook's stub
        var wrong = Ex08.tryLock(placeholder);
        Verdicts.passesNothing(wrong);
        assertTrue(wrong.toString().contains("两把锁都要拿"), wrong.toString());
        Verdicts.passesNothing(Ex08.tryLock((first, second) -> false));
        Ex08.TryBoth keepsTheFirst = (first, second) -> {
            if (!first.tryLock(100, TimeUnit.MILLISECONDS)) {
                return false;
            }
            if (!second.tryLock(100, TimeUnit.MILLISECONDS)) {
                return false;
            }
            second.unlock();
            first.unlock();
            return true;
        };
        var leaky = Ex08.tryLock(keepsTheFirst);
        Verdicts.failsWithoutTheAnswer(leaky);
        assertTrue(leaky.toString().contains("先 unlock() 第一把锁"), leaky.toString());
        Ex08.TryBoth blocking = (first, second) -> {
            first.lock();
            try {
                second.lock();
                second.unlock();
                return true;
            } finally {
                first.unlock();
            }
        };
        var stuck = Ex08.tryLock(blocking);
        assertFalse(stuck.passed(), stuck.toString());
        assertTrue(stuck.toString().contains("✘ 第二把锁被别的线程占着时") && stuck.toString().contains("不要用 lock()"),
                stuck.toString());
    }
}
