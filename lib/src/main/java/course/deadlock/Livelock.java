package course.deadlock;

import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import course.base.Args;
import course.threads.LabLog;
import course.threads.ThreadLab;
import course.threads.ThreadLabResult;

/**
 * A livelock: two polite threads that each take one lock, find the other lock taken, put theirs down and back off
 * for the same time, in step, round after round; neither ever gets both, though neither is blocked.
 *
 * <p>活锁（livelock）：两个"礼貌"的线程。线程1 先拿锁A 再拿锁B，线程2 反过来；拿不到第二把锁（{@code tryLock()}
 * 不等待），就放下第一把锁、退避同样长的时间再试。两个人在走廊里迎面相遇、每次都往同一边让，就是这样：
 * 谁都在动，谁也过不去。一个栅栏（{@link CyclicBarrier}）让两个线程每一轮都同时行动
 * ——真实程序里，两个一模一样的线程、一模一样的退避时间也会这样碰在一起，只是迟早会被一点时间差错开；
 * 栅栏把这点时间差去掉，让每次运行都看得到活锁。轮数有上限，所以它一定会结束。
 *
 * <p>每一轮两个线程都试过第二把锁之后，线程1 用 {@link DeadlockDetector} 查一次死锁：两把锁都被拿着，
 * 死锁检测却什么也发现不了——没有线程卡在锁上等，可是也没有进展。修复：退避时间随机（{@code DeadlockLab.tryLock}）。
 *
 * <pre>{@code
 * Livelock.politeThreads().rounds(10).run()
 * }</pre>
 *
 * <p>Thread-safety: configure and run from one thread; both threads it starts are daemons joined before
 * {@link #run()} returns.
 */
public final class Livelock {

    /** Rounds by default. */
    public static final int DEFAULT_ROUNDS = 10;

    private int rounds = DEFAULT_ROUNDS;
    private Duration backOff = Duration.ofMillis(5);
    private Duration timeout = Duration.ofSeconds(5);

    private Livelock() {
    }

    /** Two polite threads, two locks, opposite order, the same back-off. */
    public static Livelock politeThreads() {
        return new Livelock();
    }

    /**
     * How many times each thread tries before it gives up (default {@value #DEFAULT_ROUNDS}).
     *
     * @throws IllegalArgumentException when not in 1..100
     */
    public Livelock rounds(int rounds) {
        this.rounds = Args.inRange("rounds", rounds, 1, 100, "轮数");
        return this;
    }

    /**
     * How long each thread waits after putting its lock down (default 5 ms, the same for both).
     *
     * @throws IllegalArgumentException when not positive
     */
    public Livelock backOff(Duration backOff) {
        this.backOff = Args.positive("backOff", backOff, "退避时间");
        return this;
    }

    /**
     * Time limit of the whole run (default 5 s).
     *
     * @throws IllegalArgumentException when not positive
     */
    public Livelock timeout(Duration timeout) {
        this.timeout = Args.positive("timeout", timeout, "时间限制");
        return this;
    }

    /** Runs the two polite threads; 线程1 asks the deadlock detector once a round. */
    public LivelockResult run() {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        DeadlockDetector detector = DeadlockDetector.create().name(a, "锁A").name(b, "锁B");
        CyclicBarrier step = new CyclicBarrier(2);
        AtomicInteger worked = new AtomicInteger();
        ThreadLab lab = ThreadLab.create("两个礼貌的线程（退避时间一样，步调一致）").timeout(timeout);
        int[] looks = new int[2]; // written by 线程1 only, read after the lab has joined it
        lab.thread(DeadlockLab.THREAD_1, out -> polite(out, step, a, "锁A", b, "锁B", worked, () -> {
                    looks[0]++;
                    if (detector.detect().found()) {
                        looks[1]++;
                    }
                }))
                .thread(DeadlockLab.THREAD_2, out -> polite(out, step, b, "锁B", a, "锁A", worked, () -> { }));
        ThreadLabResult run;
        try {
            run = lab.run();
        } finally {
            lab.close();
        }
        return new LivelockResult(run, rounds, backOff, worked.get(), looks[0], looks[1]);
    }

    private void polite(LabLog out, CyclicBarrier step, ReentrantLock first, String n1,
                        ReentrantLock second, String n2, AtomicInteger worked, Runnable look) throws Exception {
        long limit = timeout.toMillis();
        for (int round = 1; round <= rounds; round++) {
            first.lockInterruptibly();
            try {
                step.await(limit, TimeUnit.MILLISECONDS); // 两个人同时拿到了自己的第一把锁
                boolean both = second.tryLock();
                step.await(limit, TimeUnit.MILLISECONDS); // 两个人都试过了第二把锁
                look.run();                               // 线程1 查一次死锁：两把锁都被拿着，
                step.await(limit, TimeUnit.MILLISECONDS); // 查完之前谁也不放手
                if (both) {
                    try {
                        out.println("第 " + round + " 轮：拿到 " + n1 + " 和 " + n2 + "，干活");
                        worked.incrementAndGet();
                        return;
                    } finally {
                        second.unlock();
                    }
                }
                out.println("第 " + round + " 轮：拿着 " + n1 + "，" + n2 + " 被占着 → 放下 " + n1 + "，礼让 "
                        + backOff.toMillis() + " ms");
            } finally {
                first.unlock();
            }
            Thread.sleep(backOff.toMillis());
        }
        out.println(rounds + " 轮都没有拿到两把锁，放弃");
    }
}
