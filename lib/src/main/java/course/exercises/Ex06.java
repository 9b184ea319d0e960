package course.exercises;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import course.check.ConceptCheck;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.threads.ThreadLab;
import course.threads.ThreadLabResult;

/**
 * Checks for the exercises of notebook 06 (互斥锁): protect a read-modify-write with a lock, make it atomic without
 * one, and release a lock on every path out of the critical section.
 *
 * <p>笔记本 06 的练习检查。练习 1、2 里学习者的 {@code +1} 故意在读和写之间调用 {@code Thread.yield()}，
 * 所以没有保护的写法几乎每次都会丢失更新，检查结果稳定。练习 3 先让一个线程取一笔超过余额的钱
 * （{@code withdraw} 抛出异常），再看锁是不是开着；然后检查 {@code withdraw} 真的用这把锁，
 * 最后两个线程交替地取款、取超额的款。锁被占着时检查用 {@code tryLock} 加时间限制，不会卡住。
 * 课文中间的两个概念检查：门口排队的线程的状态、忘了开锁的线程结束以后。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code on threads of its own and
 * waits for every one of them (with a time limit).
 */
public final class Ex06 {

    /** Threads the counting checks start. */
    public static final int THREADS = 2;
    /** Increments per thread in the counting checks. */
    public static final int INCREMENTS = 2_000;
    /** Runs per counting check. */
    public static final int RUNS = 3;
    /** Rounds per thread in 练习 3's last part: one withdrawal of 1 and one that is too large. */
    public static final int ROUNDS = 20;
    /** Balance 练习 3 needs: 1 for the lock test, then {@link #THREADS} × {@link #ROUNDS}. */
    public static final long NEEDED = 1 + (long) THREADS * ROUNDS;

    private Ex06() {
    }

    /** 练习 1: {@code increment} reads, yields and writes a shared counter inside a ReentrantLock. */
    public static Verdict lockedIncrement(Runnable increment, LongSupplier value) {
        return counted("练习 1：用 ReentrantLock 保护读-改-写", increment, value,
                "用 lock.lock(); try { 读、yield、写 } finally { lock.unlock(); } 把三行都包起来。");
    }

    /** 练习 2: {@code increment} adds one to an AtomicLong without losing updates (CAS or incrementAndGet). */
    public static Verdict atomicIncrement(Runnable increment, LongSupplier value) {
        return counted("练习 2：用 AtomicLong 不加锁地 +1", increment, value,
                "get() 之后再 set(v + 1) 不是原子操作：两次调用之间别的线程可能已经改了它。"
                        + "AtomicLong 有一步完成读-改-写的方法，或者用 compareAndSet 失败就重试。");
    }

    /**
     * Runs the increments {@link #RUNS} times and records one check over all runs: a run that loses no
     * update by chance proves nothing, so it is not shown as passed on its own.
     */
    private static Verdict counted(String title, Runnable increment, LongSupplier value, String hint) {
        Exercise ex = Exercise.named(title);
        long expected = (long) THREADS * INCREMENTS;
        List<Long> deltas = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            Long before = ex.attempt("读取计数器", value::getAsLong, "读计数器的代码抛出了异常。");
            if (before == null) {
                return ex.verdict();
            }
            ThreadLabResult lab = ThreadLab.create(title).timeout(Duration.ofSeconds(10))
                    .threads("练习线程-", THREADS, out -> {
                        for (int i = 0; i < INCREMENTS; i++) {
                            increment.run();
                        }
                    })
                    .run();
            if (!lab.ok()) {
                return ex.expect("两个线程都在 10 秒内正常结束（结局：" + lab.outcomes() + "）", false,
                        "有线程抛出异常或卡住了：是不是有一条路径没有 unlock()？").verdict();
            }
            deltas.add(value.getAsLong() - before);
        }
        long lost = deltas.stream().filter(d -> d < expected).count();
        long extra = deltas.stream().filter(d -> d > expected).count();
        String runs = String.format(Locale.ROOT, "%d 次，每次 %d 个线程各 +1 %,d 次，", RUNS, THREADS, INCREMENTS);
        String each = deltas.stream().map(d -> String.format(Locale.ROOT, "%,d", d)).collect(Collectors.joining("、"));
        boolean exact = lost + extra == 0;
        String what = exact
                ? runs + String.format(Locale.ROOT, "计数器每次都增加了 %,d", expected)
                : runs + "计数器分别增加了 " + each
                        + (lost > 0 ? "：有更新丢失了（" + RUNS + " 次里有 " + lost + " 次）" : "")
                        + (extra > 0 ? "：比 +1 的次数还多（" + RUNS + " 次里有 " + extra + " 次）" : "");
        return ex.expect(what, exact, hint).verdict();
    }

    /** The learner's withdrawal: takes {@code amount} from the balance, or throws when the balance is too low. */
    @FunctionalInterface
    public interface Withdrawal {
        void withdraw(long amount) throws Exception;
    }

    /**
     * 练习 3: {@code withdraw} locks {@code lock}, throws IllegalArgumentException when the amount exceeds the
     * balance, and releases the lock on every path: after a thread's failed withdrawal the lock is free, the
     * withdrawal really waits for the lock, and two threads alternating good and failing withdrawals keep the
     * balance right and leave the lock free.
     */
    public static Verdict unlockOnException(ReentrantLock lock, Withdrawal withdraw, LongSupplier balance) {
        Exercise ex = Exercise.named("练习 3：出了异常也要开锁");
        if (lock == null || withdraw == null || balance == null) {
            return ex.expect("给出锁、withdraw 和余额", false, "三个参数都不能是 null。").verdict();
        }
        if (lock.isLocked()) {
            return ex.expect("检查开始时锁是开着的", false,
                    "锁已经被占着了：多半是上一次检查里抛出异常的线程没有开锁就结束了，这把锁再也打不开。"
                            + "改好 withdraw 之后，重新运行定义 till 和 withdraw 的单元格（换一把新锁），再运行检查。").verdict();
        }
        Long before = ex.attempt("读取余额", balance::getAsLong, "读余额的代码抛出了异常。");
        if (before == null) {
            return ex.verdict();
        }
        if (before < NEEDED) {
            return ex.expect("余额至少 " + NEEDED + "（检查要取这么多）：现在是 " + before, false,
                    "重新运行定义 balance 的单元格，让余额回到初始值。").verdict();
        }
        // 1. a failed withdrawal must leave the lock free
        AtomicBoolean threw = new AtomicBoolean();
        ThreadLabResult tooMuch = ThreadLab.create("取超额的款").timeout(Duration.ofSeconds(2))
                .thread("顾客1", out -> {
                    try {
                        withdraw.withdraw(before + 1_000_000);
                    } catch (IllegalArgumentException e) {
                        threw.set(true);
                    }
                })
                .run();
        if (!tooMuch.ok()) {
            return ex.expect("取超额的款（结局：" + tooMuch.outcomes() + "）", false,
                    "withdraw 应该抛出 IllegalArgumentException，而不是别的异常，也不能卡住。").verdict();
        }
        if (!threw.get()) {
            return ex.expect("取的钱比余额多时 withdraw 抛出 IllegalArgumentException", false,
                    "异常还是要抛出去（告诉调用的人余额不足），只是锁要在离开 withdraw 之前打开。").verdict();
        }
        if (lock.isLocked()) {
            return ex.expect("顾客1 取超额的款抛出异常、线程结束之后，锁开着", false,
                    "锁还锁着，而锁的主人已经结束了：再也没有人能打开它，下一个顾客会永远等下去。"
                            + "把 lock() 之后的代码放进 try { … }，unlock() 放进 finally { … }。"
                            + "改好后先重新运行定义 till 的单元格（换一把新锁）。").verdict();
        }
        ex.expect("顾客1 取超额的款抛出了异常，之后锁是开着的", true, "");
        // 2. the withdrawal must wait for the lock
        if (!waitsForTheLock(ex, lock, withdraw)) {
            return ex.verdict();
        }
        // 3. two threads, good and failing withdrawals alternating
        long start = balance.getAsLong();
        ThreadLabResult both = ThreadLab.create("两个顾客").timeout(Duration.ofSeconds(5))
                .threads("顾客-", THREADS, out -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        withdraw.withdraw(1);
                        try {
                            withdraw.withdraw(Long.MAX_VALUE / 2);
                        } catch (IllegalArgumentException expected) {
                            // 余额不足：正常
                        }
                    }
                })
                .run();
        long taken = start - balance.getAsLong();
        ex.expect(String.format(Locale.ROOT, "%d 个顾客各取 %d 次 1 元、%d 次超额的款：余额少了 %d 元，锁最后是%s（结局：%s）",
                        THREADS, ROUNDS, ROUNDS, taken, lock.isLocked() ? "锁着的" : "开着的", both.outcomes()),
                both.ok() && taken == (long) THREADS * ROUNDS && !lock.isLocked(),
                "每一次取款都要在锁里读余额、改余额；每一条离开 withdraw 的路（正常返回、抛出异常）都要开锁。");
        return ex.verdict();
    }

    /** Holds the lock while a thread withdraws 1: the withdrawal must wait until the lock is released. */
    private static boolean waitsForTheLock(Exercise ex, ReentrantLock lock, Withdrawal withdraw) {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread keeper = new Thread(() -> {
            lock.lock();
            try {
                held.countDown();
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }, "占着锁的检查线程");
        keeper.setDaemon(true);
        AtomicBoolean queued = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (System.nanoTime() < deadline && !queued.get()) {
                    queued.set(lock.getQueueLength() > 0);
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                release.countDown();
            }
        }, "检查：门口有没有人排队");
        watcher.setDaemon(true);
        ThreadLabResult lab = null;
        try {
            keeper.start();
            if (held.await(2, TimeUnit.SECONDS)) {
                watcher.start();
                lab = ThreadLab.create("等锁的取款").timeout(Duration.ofSeconds(3))
                        .thread("顾客2", out -> withdraw.withdraw(1))
                        .run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            release.countDown();
            ThreadLab.joinOrInterrupt(Duration.ofSeconds(2), watcher, keeper);
        }
        boolean ok = lab != null && queued.get() && lab.ok();
        ex.expect("检查占着锁时，顾客2 的 withdraw 在门口等锁" + (lab == null ? "（检查没能拿到锁）"
                        : lab.ok() ? "，锁开了之后取到了钱" : "（结局：" + lab.outcomes() + "）"), ok,
                !queued.get() ? "检查占着锁的时候，withdraw 没有等锁就做完了：读余额、改余额之前要先 till.lock()。"
                        : "锁开了之后，withdraw 应该能正常取到钱。");
        return ok;
    }

    /** 概念 1 (after §1): the states of threads queueing for a lock. */
    public static Verdict concept1(Object answer) {
        return ConceptCheck.choice("概念 1：门口排队的线程是什么状态", answer).options("ABCD").correct("A")
                .hint("B", "正好反了：再看一遍第 1 节两张\"照片\"里门口排队的人。")
                .hint("C", "等锁的线程在不停地检查锁、占着 CPU 吗？第 1 节：它们排进了锁的等待队列。")
                .hint("D", "TIMED_WAITING 是在里面的那个人：他在等 photoTaken，有时间限制。")
                .hint("回到第 1 节：ReentrantLock 的门口和 synchronized 的门口，排队的人各是什么状态？")
                .verdict();
    }

    /** 概念 2 (after §2): what happens after a thread ended without unlocking. */
    public static Verdict concept2(Object answer) {
        return ConceptCheck.choice("概念 2：忘了开锁的线程结束以后", answer).options("ABCD").correct("B")
                .hint("A", "第 2 节：小明的线程已经 TERMINATED，门还锁着吗？")
                .hint("C", "死锁检测找的是互相等待的环。第 2 节里 JVM 的死锁检测看到问题了吗？")
                .hint("D", "第 2 节：主线程想替小明开门，发生了什么？")
                .hint("回到第 2 节：锁的主人不在了，谁还能打开它？")
                .verdict();
    }
}
