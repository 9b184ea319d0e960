package course.exercises;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.threads.ThreadLabResult;
import course.threads.ThreadLab;

/**
 * Checks for the exercises of notebook 08 (死锁).
 *
 * <p>笔记本 08 的练习检查。练习 1 的账户锁由检查程序提供：它等锁时可以被中断，
 * 并且第一次加锁后会让两个线程碰头，所以顺序不对就一定死锁——但检查会中断它们，内核不会卡住。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex08 {

    /** Transfers each thread makes in exercise 1. */
    public static final int TRANSFERS = 500;

    private Ex08() {
    }

    /** A bank account with an id and a lock (interruptible, provided by the check). */
    public static final class Account {
        private final int id;
        private final ReentrantLock lock = new ReentrantLock();
        private final CyclicBarrier meet;
        private final ThreadLocal<Boolean> met;
        private long balance;

        Account(int id, long balance, CyclicBarrier meet, ThreadLocal<Boolean> met) {
            this.id = id;
            this.balance = balance;
            this.meet = meet;
            this.met = met;
        }

        /** The account number: lock the smaller one first. */
        public int id() {
            return id;
        }

        /** Takes this account's lock (the check can interrupt a thread waiting here). */
        public void lock() {
            try {
                lock.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("等锁时被中断（死锁被检查程序打破）");
            }
            if (!met.get()) {
                met.set(true);
                try {
                    meet.await(300, TimeUnit.MILLISECONDS); // 第一次：让两个线程都拿到第一把锁再继续
                } catch (Exception e) {
                    // the partner could not arrive (it waits for this lock): carry on
                }
            }
        }

        /** Releases this account's lock. */
        public void unlock() {
            lock.unlock();
        }

        /** Moves {@code amount} from this account to {@code to}; both locks must be held. */
        public void moveTo(Account to, long amount) {
            if (!lock.isHeldByCurrentThread() || !to.lock.isHeldByCurrentThread()) {
                throw new IllegalStateException("转账前要先锁住两个账户 / both accounts must be locked");
            }
            balance -= amount;
            to.balance += amount;
        }

        public long balance() {
            return balance;
        }
    }

    /** The learner's transfer. */
    @FunctionalInterface
    public interface Transfer {
        void transfer(Account from, Account to, long amount);
    }

    /** 练习 1: transfers in both directions at once finish (a global lock order) and keep the total. */
    public static Verdict lockOrder(Transfer transfer) {
        CyclicBarrier meet = new CyclicBarrier(2);
        ThreadLocal<Boolean> met = ThreadLocal.withInitial(() -> false);
        Account a = new Account(1, 1000, meet, met);
        Account b = new Account(2, 1000, meet, met);
        ThreadLabResult lab = ThreadLab.create("练习 1").timeout(Duration.ofSeconds(3))
                .thread("转账 1→2", out -> {
                    for (int i = 0; i < TRANSFERS; i++) {
                        transfer.transfer(a, b, 1);
                    }
                })
                .thread("转账 2→1", out -> {
                    for (int i = 0; i < TRANSFERS; i++) {
                        transfer.transfer(b, a, 1);
                    }
                })
                .run();
        return Exercise.named("练习 1：统一加锁顺序")
                .expect("两个方向的转账都在 3 秒内完成（结局：" + lab.outcomes() + "）", lab.ok(),
                        "两个线程按相反顺序加锁就会死锁：总是先锁 id 小的账户，再锁 id 大的。")
                .expectEquals("两个账户的总额不变", 2000L, a.balance() + b.balance(),
                        "moveTo 之前两个账户都要锁住。")
                .expect("没有留下线程", lab.stuck().isEmpty(), "每个 lock() 都要有对应的 unlock()（放在 finally 里）。")
                .verdict();
    }

    /** The learner's tryLock attempt. */
    @FunctionalInterface
    public interface TryBoth {
        boolean tryBoth(ReentrantLock first, ReentrantLock second) throws InterruptedException;
    }

    /**
     * 练习 2: {@code tryBoth} takes both locks with {@code tryLock(timeout)} and releases them; when the
     * second is busy it gives up within a second, returns false and holds nothing.
     */
    public static Verdict tryLock(TryBoth learner) {
        Exercise ex = Exercise.named("练习 2：tryLock 超时放弃");
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        // (a) both free
        Object[] freeResult = runLearner(learner, first, second);
        ex.expectEquals("两把锁都空闲时返回", true, freeResult[0], "两把锁都空闲，应该都拿到、干完活、返回 true。");
        ex.expect("返回之后两把锁都已释放", !first.isLocked() && !second.isLocked(),
                "拿到的锁要在 finally 里 unlock()。");
        // (b) second held by another thread (fresh locks: case (a) may have left the first ones locked)
        ReentrantLock first2 = new ReentrantLock();
        ReentrantLock second2 = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            second2.lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                second2.unlock();
            }
        }, "占着第二把锁的线程");
        holder.setDaemon(true);
        holder.start();
        Object[] busyResult;
        try {
            held.await(5, TimeUnit.SECONDS);
            busyResult = runLearner(learner, first2, second2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            busyResult = new Object[]{null, true, false};
        } finally {
            release.countDown();
        }
        ThreadLab.joinOrInterrupt(Duration.ofSeconds(5), holder);
        ex.expect("第二把锁被占着时 1 秒内放弃", !(Boolean) busyResult[1],
                "用 second.tryLock(100, TimeUnit.MILLISECONDS)，不要用 lock()（会一直等下去）。");
        ex.expectEquals("第二把锁被占着时返回", false, busyResult[0], "拿不到第二把锁就返回 false。");
        ex.expect("放弃时第一把锁也释放了", Boolean.TRUE.equals(busyResult[2]),
                "拿不到第二把锁时，要先 unlock() 第一把锁再返回，否则别人也拿不到它。");
        return ex.verdict();
    }

    /** Runs the learner's code on a daemon thread: {result, timedOut, firstFreeAfterwards}. */
    private static Object[] runLearner(TryBoth learner, ReentrantLock first, ReentrantLock second) {
        Object[] out = new Object[3];
        ThreadLabResult lab = ThreadLab.create("练习 2").timeout(Duration.ofSeconds(1)).grace(Duration.ofMillis(200))
                .thread("练习线程", o -> {
                    out[0] = learner.tryBoth(first, second);
                    out[2] = !first.isHeldByCurrentThread();
                })
                .run();
        out[1] = !lab.interrupted().isEmpty() || !lab.stuck().isEmpty();
        if (!lab.failed().isEmpty()) {
            out[0] = "异常 " + lab.outcomes().get(0).error();
        }
        return out;
    }
}
