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
        Exercise ex = Exercise.named("练习 1：统一加锁顺序")
                .expect("两个方向的转账都在 3 秒内完成（结局：" + lab.outcomes() + "）", lab.ok(),
                        "两个线程按相反顺序加锁就会死锁：总是先锁 id 小的账户，再锁 id 大的。");
        if (!lab.ok()) {
            return ex.notChecked("两个账户的总额不变", "转账没有完成").notChecked("没有留下线程", "转账没有完成").verdict();
        }
        return ex.expectEquals("两个账户的总额（原来一共 2000）", 2000L, a.balance() + b.balance(), "moveTo 之前两个账户都要锁住。")
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
     * second is busy it gives up within a second, returns false and holds nothing. The busy case is
     * checked once the free case passes.
     */
    public static Verdict tryLock(TryBoth learner) {
        Exercise ex = Exercise.named("练习 2：tryLock 超时放弃");
        // (a) both free
        WatchedLock first = new WatchedLock();
        WatchedLock second = new WatchedLock();
        Attempt free = runLearner(learner, first, second);
        boolean freeOk = Boolean.TRUE.equals(free.result()) && first.taken && second.taken
                && !first.isLocked() && !second.isLocked();
        ex.expect("两把锁都空闲时：拿到两把锁，返回 true，返回前两把锁都释放了（" + free.describe(first, second) + "）", freeOk,
                !first.taken || !second.taken ? "两把锁都要拿：先 first.tryLock(…)，拿到了再 second.tryLock(…)。"
                        : first.isLocked() || second.isLocked() ? "拿到的锁要在 finally 里 unlock()。"
                        : "两把锁都拿到了，就返回 true。");
        String busy = "第二把锁被别的线程占着时：1 秒内放弃，返回 false，第一把锁也释放了";
        if (!freeOk) {
            return ex.notChecked(busy, "先让上一项通过").verdict();
        }
        // (b) second held by another thread
        WatchedLock first2 = new WatchedLock();
        WatchedLock second2 = new WatchedLock();
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
        Attempt taken;
        try {
            held.await(5, TimeUnit.SECONDS);
            taken = runLearner(learner, first2, second2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = new Attempt(null, "检查被中断", false, false);
        } finally {
            release.countDown();
        }
        ThreadLab.joinOrInterrupt(Duration.ofSeconds(5), holder);
        return ex.expect(busy + "（" + taken.describe(first2, null) + "）",
                        !taken.timedOut() && Boolean.FALSE.equals(taken.result()) && taken.firstFree(),
                        taken.timedOut() ? "用 second.tryLock(100, TimeUnit.MILLISECONDS)，不要用 lock()（会一直等下去）。"
                                : !Boolean.FALSE.equals(taken.result()) ? "拿不到第二把锁就返回 false。"
                                : "拿不到第二把锁时，要先 unlock() 第一把锁再返回，否则别人也拿不到它。")
                .verdict();
    }

    /** A lock that remembers whether anyone ever took it. */
    private static final class WatchedLock extends ReentrantLock {
        private volatile boolean taken;

        @Override
        public void lock() {
            super.lock();
            taken = true;
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            super.lockInterruptibly();
            taken = true;
        }

        @Override
        public boolean tryLock() {
            return took(super.tryLock());
        }

        @Override
        public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
            return took(super.tryLock(timeout, unit));
        }

        private boolean took(boolean got) {
            taken |= got;
            return got;
        }
    }

    /** What the learner's code did: its result (or a problem), whether it overran, whether it let go of the first lock. */
    private record Attempt(Boolean result, String problem, boolean timedOut, boolean firstFree) {
        String describe(WatchedLock first, WatchedLock second) {
            if (timedOut) {
                return "1 秒内没有返回";
            }
            if (problem != null) {
                return problem;
            }
            String took = second == null ? "" : "拿到了" + (first.taken && second.taken ? "两把锁" : first.taken || second.taken
                    ? "一把锁" : "零把锁") + "，";
            return took + "返回 " + result;
        }
    }

    /** Runs the learner's code on a daemon thread, at most a second. */
    private static Attempt runLearner(TryBoth learner, ReentrantLock first, ReentrantLock second) {
        Object[] out = new Object[2];
        ThreadLabResult lab = ThreadLab.create("练习 2").timeout(Duration.ofSeconds(1)).grace(Duration.ofMillis(200))
                .thread("练习线程", o -> {
                    out[0] = learner.tryBoth(first, second);
                    out[1] = !first.isHeldByCurrentThread();
                })
                .run();
        boolean timedOut = !lab.interrupted().isEmpty() || !lab.stuck().isEmpty();
        String problem = lab.failed().isEmpty() ? null : "抛出了异常 " + lab.outcomes().get(0).error();
        return new Attempt((Boolean) out[0], problem, timedOut, Boolean.TRUE.equals(out[1]));
    }
}
