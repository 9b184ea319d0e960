package course.deadlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import course.base.Args;
import course.threads.LabLog;
import course.threads.ThreadLabResult;
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
 * <p>Thread-safety: configure and run a lab from one thread. {@link #run()} may be called again (each call
 * makes new locks and threads). Every thread it starts (the two workers and the watchdog) is a daemon thread
 * joined within {@link #timeout(Duration)}; nothing is left running when it returns.
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
    private Duration timeout = Duration.ofSeconds(5);
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
        this.tryTimeout = Args.positive("tryLock timeout", timeout, "tryLock 的等待时间");
        this.fix = Fix.TRY_LOCK;
        return this;
    }

    /**
     * Time limit of the whole run (default 5 s): threads still alive then are interrupted.
     *
     * @throws IllegalArgumentException when not positive
     */
    public DeadlockLab timeout(Duration timeout) {
        this.timeout = Args.positive("timeout", timeout, "时间限制");
        return this;
    }

    /** Seed of the back-off delays. */
    public DeadlockLab seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Runs the scenario with its watchdog and reports what happened. */
    public DeadlockResult run() {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        DeadlockDetector detector = DeadlockDetector.create().name(a, "锁A").name(b, "锁B");
        CyclicBarrier meet = new CyclicBarrier(2);
        Workers workers = new Workers();
        ThreadLab lab = ThreadLab.create("两个线程，两把锁（" + fix.chinese() + "）").timeout(timeout);
        LabLog log = lab.log();
        Random random = new Random(seed);
        long seed1 = random.nextLong();
        long seed2 = random.nextLong();
        if (fix == Fix.LOCK_ORDER) {
            lab.thread(THREAD_1, out -> ordered(workers, out, a, "锁A", b, "锁B"))
                    .thread(THREAD_2, out -> ordered(workers, out, a, "锁A", b, "锁B"));
        } else if (fix == Fix.NONE) {
            lab.thread(THREAD_1, out -> opposite(workers, out, meet, a, "锁A", b, "锁B"))
                    .thread(THREAD_2, out -> opposite(workers, out, meet, b, "锁B", a, "锁A"));
        } else {
            lab.thread(THREAD_1, out -> backingOff(workers, out, meet, a, "锁A", b, "锁B", new Random(seed1)))
                    .thread(THREAD_2, out -> backingOff(workers, out, meet, b, "锁B", a, "锁A", new Random(seed2)));
        }
        AtomicReference<DeadlockSnapshot> found = new AtomicReference<>(DeadlockSnapshot.none());
        List<String> broken = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        long[] detectedAt = {-1};
        long t0 = System.nanoTime();
        long patience = Math.max(PATIENCE.toNanos(), 4 * tryTimeout.toNanos());
        Thread watchdog = new Thread(() -> {
            try {
                long since = -1;
                while (!done.await(20, TimeUnit.MILLISECONDS)) {
                    DeadlockSnapshot r = detector.detect();
                    List<String> ours = r.threadNames().stream().filter(workers::contains).toList();
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
                        workers.interrupt(victim);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // the lab is over
            }
        }, "看门狗");
        watchdog.setDaemon(true);
        watchdog.start();
        ThreadLabResult run;
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
        return new DeadlockResult(fix, run, found.get(), brokenCopy, alive,
                detectedAt[0] < 0 ? null : Duration.ofNanos(detectedAt[0]), workers.worked.get());
    }

    /** The lab's two worker threads, by name, and how many of them got both locks and did their work. */
    private static final class Workers {
        private final Map<String, Thread> byName = new ConcurrentHashMap<>();
        final AtomicInteger worked = new AtomicInteger();

        /** Called first by each worker, so the watchdog can find and interrupt it. */
        void register() {
            byName.put(Thread.currentThread().getName(), Thread.currentThread());
        }

        boolean contains(String name) {
            return byName.containsKey(name);
        }

        void interrupt(String name) {
            byName.get(name).interrupt();
        }

        /** The calling worker holds both locks: it does its work (one line in the log) and counts it. */
        void work(LabLog out, String second) {
            out.println("拿到 " + second + "，干活，然后释放两把锁");
            worked.incrementAndGet();
        }
    }

    /** The calling worker holds its first lock and has just taken {@code second}: it works, then releases it. */
    private static void workAndRelease(Workers workers, LabLog out, ReentrantLock second, String n2) {
        try {
            workers.work(out, n2);
        } finally {
            second.unlock();
        }
    }

    private static void ordered(Workers workers, LabLog out, ReentrantLock first, String n1,
                                ReentrantLock second, String n2) throws InterruptedException {
        workers.register();
        first.lockInterruptibly();
        try {
            out.println("拿到 " + n1 + "，去拿 " + n2);
            second.lockInterruptibly();
            workAndRelease(workers, out, second, n2);
        } finally {
            first.unlock();
        }
    }

    private static void opposite(Workers workers, LabLog out, CyclicBarrier meet, ReentrantLock first,
                                 String n1, ReentrantLock second, String n2) throws Exception {
        workers.register();
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
            workAndRelease(workers, out, second, n2);
        } finally {
            first.unlock();
        }
    }

    private void backingOff(Workers workers, LabLog out, CyclicBarrier meet, ReentrantLock first, String n1,
                            ReentrantLock second, String n2, Random random) throws Exception {
        workers.register();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long backOff;
            first.lockInterruptibly();
            try {
                out.println("第 " + attempt + " 次：拿到 " + n1);
                if (attempt == 1) {
                    meet.await(timeout.toMillis(), TimeUnit.MILLISECONDS); // 第一次强制两边都拿到第一把锁
                }
                if (second.tryLock(tryTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    workAndRelease(workers, out, second, n2);
                    return;
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
}
