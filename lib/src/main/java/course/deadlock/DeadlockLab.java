package course.deadlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import course.threads.LabLog;
import course.threads.LabRun;
import course.threads.ThreadLab;

/**
 * The seed's two-locks deadlock (thread 1 takes A then B, thread 2 takes B then A) run safely under a
 * watchdog, and its two fixes.
 *
 * <p>死锁实验：线程1 先拿锁A 再拿锁B，线程2 先拿锁B 再拿锁A。为了每次都出现死锁，两个线程拿到第一把锁后
 * 在一个栅栏（{@link CyclicBarrier}）处碰头，再去拿第二把锁（原教程用 {@code sleep(1)} 达到同样效果）。
 * 看门狗（watchdog）线程每隔 20 ms 用 {@link DeadlockDetector} 检查一次：等待环持续 {@link #PATIENCE}
 * 以上就记下报告，然后中断环里的一个线程（"牺牲者"）——它用 {@code lockInterruptibly()} 等锁，
 * 所以会放弃并释放手里的锁，另一个线程就能拿到锁完成工作，内核不会卡住。
 *
 * <p>两种修复：{@link #lockOrder()} 两个线程按同一顺序（先 A 后 B）拿锁；
 * {@link #tryLock(Duration)} 拿第二把锁时最多等一会儿，拿不到就放下第一把锁、随机退避（back-off）后重试。
 *
 * <pre>{@code
 * DeadlockLab.twoLocks().run()                                   // 死锁 → 检测 → 打破
 * DeadlockLab.twoLocks().lockOrder().run()                       // 修复 1
 * DeadlockLab.twoLocks().tryLock(Duration.ofMillis(50)).run()    // 修复 2
 * }</pre>
 *
 * <p>Every thread is a daemon thread joined within the time limit; nothing is left running.
 */
public final class DeadlockLab {

    /** Which version of the scenario runs. */
    public enum Fix {
        /** Opposite lock order: deadlock. */
        NONE("不修复：加锁顺序相反"),
        /** Both threads take A then B. */
        LOCK_ORDER("修复 1：统一加锁顺序"),
        /** tryLock with a timeout, release and back off on failure. */
        TRY_LOCK("修复 2：tryLock 超时 + 退避");

        private final String chinese;

        Fix(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** Names of the two demo threads. */
    public static final String THREAD_1 = "线程1";
    public static final String THREAD_2 = "线程2";
    /** Attempts a thread makes in the tryLock fix before it gives up. */
    public static final int MAX_ATTEMPTS = 50;
    /** How long a wait-for cycle must last before the watchdog breaks it (at least 4 × the tryLock timeout). */
    public static final Duration PATIENCE = Duration.ofMillis(200);

    private Fix fix = Fix.NONE;
    private Duration tryTimeout = Duration.ofMillis(50);
    private Duration limit = Duration.ofSeconds(5);
    private long seed = 42;

    private DeadlockLab() {
    }

    /** The seed's scenario: two threads, two locks, opposite order. */
    public static DeadlockLab twoLocks() {
        return new DeadlockLab();
    }

    /** Fix 1: both threads take the locks in one global order (A before B). */
    public DeadlockLab lockOrder() {
        this.fix = Fix.LOCK_ORDER;
        return this;
    }

    /**
     * Fix 2: wait at most {@code timeout} for the second lock; on failure release the first, back off
     * a random 0..2×timeout (seeded) and try again.
     *
     * @throws IllegalArgumentException when not positive
     */
    public DeadlockLab tryLock(Duration timeout) {
        this.tryTimeout = positive("timeout", timeout);
        this.fix = Fix.TRY_LOCK;
        return this;
    }

    /**
     * Time limit of the whole run (default 5 s): threads still alive then are interrupted.
     *
     * @throws IllegalArgumentException when not positive
     */
    public DeadlockLab limit(Duration limit) {
        this.limit = positive("limit", limit);
        return this;
    }

    /** Seed of the back-off delays. */
    public DeadlockLab seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Runs the scenario with its watchdog and reports what happened. */
    public DeadlockRun run() {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        DeadlockDetector detector = DeadlockDetector.create().name(a, "锁A").name(b, "锁B");
        CyclicBarrier meet = new CyclicBarrier(2);
        Map<String, Thread> threads = new ConcurrentHashMap<>();
        ThreadLab lab = ThreadLab.create("两个线程，两把锁（" + fix.chinese() + "）").timeout(limit);
        LabLog log = lab.log();
        Random random = new Random(seed);
        long seed1 = random.nextLong();
        long seed2 = random.nextLong();
        if (fix == Fix.LOCK_ORDER) {
            lab.thread(THREAD_1, out -> ordered(threads, out, a, "锁A", b, "锁B"))
                    .thread(THREAD_2, out -> ordered(threads, out, a, "锁A", b, "锁B"));
        } else if (fix == Fix.NONE) {
            lab.thread(THREAD_1, out -> opposite(threads, out, meet, a, "锁A", b, "锁B"))
                    .thread(THREAD_2, out -> opposite(threads, out, meet, b, "锁B", a, "锁A"));
        } else {
            lab.thread(THREAD_1, out -> backingOff(threads, out, meet, a, "锁A", b, "锁B", new Random(seed1)))
                    .thread(THREAD_2, out -> backingOff(threads, out, meet, b, "锁B", a, "锁A", new Random(seed2)));
        }
        AtomicReference<DeadlockReport> found = new AtomicReference<>(DeadlockReport.none());
        List<String> broken = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        long[] detectedAt = {-1};
        long t0 = System.nanoTime();
        long patience = Math.max(PATIENCE.toNanos(), 4 * tryTimeout.toNanos());
        Thread watchdog = new Thread(() -> {
            try {
                long since = -1;
                while (!done.await(20, TimeUnit.MILLISECONDS)) {
                    DeadlockReport r = detector.detect();
                    List<String> ours = r.threadNames().stream().filter(threads::containsKey).toList();
                    if (ours.isEmpty()) {
                        since = -1;
                        continue;
                    }
                    long now = System.nanoTime();
                    if (since < 0) {
                        since = now; // a cycle may be transient (tryLock with a timeout): wait until it persists
                    }
                    if (now - since >= patience) {
                        detectedAt[0] = now - t0;
                        found.set(r);
                        String victim = r.cycle().get(0);
                        log.println("发现死锁: " + String.join(" → ", r.cycle()) + "；中断 " + victim);
                        synchronized (broken) {
                            broken.add(victim);
                        }
                        threads.get(victim).interrupt();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // the lab is over
            }
        }, "看门狗");
        watchdog.setDaemon(true);
        watchdog.start();
        LabRun run;
        try {
            run = lab.run();
        } finally {
            done.countDown();
            lab.close();
        }
        List<String> watchdogLeft = ThreadLab.joinOrInterrupt(Duration.ofSeconds(2), watchdog);
        List<String> alive = new ArrayList<>(run.stuck());
        alive.addAll(watchdogLeft);
        List<String> brokenCopy;
        synchronized (broken) {
            brokenCopy = List.copyOf(broken);
        }
        return new DeadlockRun(fix, run, found.get(), brokenCopy, alive,
                detectedAt[0] < 0 ? null : Duration.ofNanos(detectedAt[0]));
    }

    private static void ordered(Map<String, Thread> threads, LabLog out, ReentrantLock first, String n1,
                                ReentrantLock second, String n2) throws InterruptedException {
        threads.put(Thread.currentThread().getName(), Thread.currentThread());
        first.lockInterruptibly();
        try {
            out.println("拿到 " + n1 + "，去拿 " + n2);
            second.lockInterruptibly();
            try {
                out.println("拿到 " + n2 + "，干活，然后释放两把锁");
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    private static void opposite(Map<String, Thread> threads, LabLog out, CyclicBarrier meet, ReentrantLock first,
                                 String n1, ReentrantLock second, String n2) throws Exception {
        threads.put(Thread.currentThread().getName(), Thread.currentThread());
        first.lockInterruptibly();
        try {
            out.println("拿到 " + n1);
            meet.await(); // 两个线程都拿到了第一把锁（原教程：sleep(1)）
            out.println("等待 " + n2 + " …");
            try {
                second.lockInterruptibly();
            } catch (InterruptedException e) {
                out.println("被中断：放弃 " + n2 + "，释放 " + n1);
                return;
            }
            try {
                out.println("拿到 " + n2 + "，干活，然后释放两把锁");
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    private void backingOff(Map<String, Thread> threads, LabLog out, CyclicBarrier meet, ReentrantLock first, String n1,
                            ReentrantLock second, String n2, Random random) throws Exception {
        threads.put(Thread.currentThread().getName(), Thread.currentThread());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long backOff;
            first.lockInterruptibly();
            try {
                out.println("第 " + attempt + " 次：拿到 " + n1);
                if (attempt == 1) {
                    meet.await(limit.toMillis(), TimeUnit.MILLISECONDS); // 第一次强制两边都拿到第一把锁
                }
                if (second.tryLock(tryTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    try {
                        out.println("拿到 " + n2 + "，干活，然后释放两把锁");
                        return;
                    } finally {
                        second.unlock();
                    }
                }
                backOff = 1 + random.nextInt((int) Math.max(1, 2 * tryTimeout.toMillis()));
                out.println("等 " + n2 + " 超过 " + tryTimeout.toMillis() + " ms，释放 " + n1 + "，退避 " + backOff + " ms");
            } catch (TimeoutException e) {
                throw new IllegalStateException("partner never arrived", e);
            } finally {
                first.unlock();
            }
            Thread.sleep(backOff); // 随机退避：两个线程错开，不再同时拿第一把锁
        }
        throw new IllegalStateException("gave up after " + MAX_ATTEMPTS + " attempts / 重试太多次了");
    }

    private static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " (" + d + ") must be positive / 时间必须大于 0");
        }
        return d;
    }
}
