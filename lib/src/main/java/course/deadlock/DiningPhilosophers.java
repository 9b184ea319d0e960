package course.deadlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;

import course.base.Args;
import course.threads.LabLog;
import course.threads.ThreadLab;
import course.threads.ThreadLabResult;

/**
 * The dining philosophers (Dijkstra): n philosophers around a table, one chopstick between each two neighbours;
 * to eat, a philosopher needs both chopsticks next to him. Run naively it deadlocks; the watchdog detects and breaks
 * it. Two fixes always finish.
 *
 * <p>哲学家就餐问题：n 位哲学家（默认 5 位：孔子、孟子、老子、庄子、墨子）围着圆桌坐，每两人之间放一根筷子
 * （一共 n 根，每根是一把 {@link ReentrantLock}）；吃饭要同时拿起左手和右手的两根筷子，吃完放下，想一会儿，再吃。
 * <ul>
 *   <li>{@link #naive()}：每人先拿左手的筷子，再拿右手的。第一顿饭时所有人都拿起左手的筷子后在栅栏处碰头
 *       （保证每次都出现最坏的时机），然后去拿右手的——谁也拿不到：死锁。看门狗（{@link Watchdog}）发现等待环，
 *       中断一位哲学家：他放下筷子离席，其余的人吃完。</li>
 *   <li>{@link #orderedChopsticks()}：每人先拿编号小的筷子（最后一位先拿右手的）：统一加锁顺序，不可能出现等待环。</li>
 *   <li>{@link #waiter()}：服务员（{@link Semaphore}，n − 1 个许可）最多让 n − 1 人同时去拿筷子：
 *       总有一人能拿到两根，环合不上。</li>
 * </ul>
 *
 * <pre>{@code
 * DiningPhilosophers.naive().run()                // 死锁 → 检测 → 打破
 * DiningPhilosophers.orderedChopsticks().run()    // 修复 1
 * DiningPhilosophers.waiter().run()               // 修复 2
 * }</pre>
 *
 * <p>Thread-safety: configure and run from one thread; {@link #run()} may be called again (new chopsticks and
 * threads each time). Every thread it starts is a daemon joined within {@link #timeout(Duration)}; nothing is left
 * running when it returns.
 */
public final class DiningPhilosophers {

    /** Which version runs. */
    public enum Strategy {
        /** Left chopstick first, then the right one: deadlock. */
        NAIVE("不修复", "不修复：每人先拿左手的筷子，再拿右手的"),
        /** The smaller-numbered chopstick first: one global order. */
        ORDERED("修复 1", "修复 1：每人先拿编号小的筷子"),
        /** A waiter (semaphore of n − 1) lets at most n − 1 philosophers reach for chopsticks at once. */
        WAITER("修复 2", "修复 2：服务员最多让 n − 1 人同时拿筷子");

        private final String shortName;
        private final String chinese;

        Strategy(String shortName, String chinese) {
            this.shortName = shortName;
            this.chinese = chinese;
        }

        /** A short name: 不修复, 修复 1, 修复 2. */
        public String shortName() {
            return shortName;
        }

        /** What the philosophers do, in Chinese; {@code n − 1} stands for the number of seats the waiter allows. */
        public String chinese() {
            return chinese;
        }
    }

    /** Names of the philosophers, in seat order (the first n are used). */
    public static final List<String> NAMES = List.of("孔子", "孟子", "老子", "庄子", "墨子", "荀子", "韩非", "列子", "惠子",
            "孙子");
    /** Meals each philosopher eats by default. */
    public static final int DEFAULT_MEALS = 10;
    /** How long a deadlock must last before the watchdog breaks it. */
    public static final Duration PATIENCE = Duration.ofMillis(200);
    /** How long one meal takes. */
    public static final Duration MEAL = Duration.ofMillis(2);

    private final Strategy strategy;
    private int philosophers = 5;
    private int meals = DEFAULT_MEALS;
    private Duration timeout = Duration.ofSeconds(5);
    private long seed = 42;

    private DiningPhilosophers(Strategy strategy) {
        this.strategy = strategy;
    }

    /** Everyone takes the left chopstick, then the right one. */
    public static DiningPhilosophers naive() {
        return new DiningPhilosophers(Strategy.NAIVE);
    }

    /** Fix 1: everyone takes the smaller-numbered of his two chopsticks first. */
    public static DiningPhilosophers orderedChopsticks() {
        return new DiningPhilosophers(Strategy.ORDERED);
    }

    /** Fix 2: a waiter ({@code new Semaphore(n - 1)}) lets at most n − 1 philosophers reach for chopsticks. */
    public static DiningPhilosophers waiter() {
        return new DiningPhilosophers(Strategy.WAITER);
    }

    /**
     * How many philosophers (and chopsticks) sit at the table (default 5).
     *
     * @throws IllegalArgumentException when not in 2..10
     */
    public DiningPhilosophers philosophers(int n) {
        this.philosophers = Args.inRange("philosophers", n, 2, NAMES.size(), "哲学家人数");
        return this;
    }

    /**
     * How many meals each philosopher eats (default {@value #DEFAULT_MEALS}).
     *
     * @throws IllegalArgumentException when not in 1..1000
     */
    public DiningPhilosophers meals(int meals) {
        this.meals = Args.inRange("meals", meals, 1, 1000, "每人吃几顿");
        return this;
    }

    /**
     * Time limit of the whole dinner (default 5 s): philosophers still at the table then are interrupted.
     *
     * @throws IllegalArgumentException when not positive
     */
    public DiningPhilosophers timeout(Duration timeout) {
        this.timeout = Args.positive("timeout", timeout, "时间限制");
        return this;
    }

    /** Seed of the thinking times. */
    public DiningPhilosophers seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Name of chopstick {@code i} (0-based), e.g. 筷子1. */
    static String chopstick(int i) {
        return "筷子" + (i + 1);
    }

    /** Serves dinner under the watchdog and reports who ate how much. */
    public PhilosophersResult run() {
        int n = philosophers;
        List<String> names = NAMES.subList(0, n);
        List<String> sticks = new ArrayList<>();
        ReentrantLock[] chopsticks = new ReentrantLock[n];
        DeadlockDetector detector = DeadlockDetector.create();
        for (int i = 0; i < n; i++) {
            chopsticks[i] = new ReentrantLock();
            sticks.add(chopstick(i));
            detector.name(chopsticks[i], chopstick(i));
        }
        ThreadLab lab = ThreadLab.create("哲学家就餐（" + strategy.chinese().replace("n − 1", String.valueOf(n - 1)) + "）")
                .timeout(timeout);
        Watchdog watchdog = new Watchdog(detector, PATIENCE, lab.log());
        CyclicBarrier allHoldLeft = new CyclicBarrier(n);
        Semaphore waiter = new Semaphore(n - 1);
        AtomicIntegerArray eaten = new AtomicIntegerArray(n);
        Random seeds = new Random(seed);
        for (int i = 0; i < n; i++) {
            int seat = i;
            Random thinking = new Random(seeds.nextLong());
            lab.thread(names.get(i), out -> dine(seat, n, chopsticks, watchdog, allHoldLeft, waiter, eaten, thinking, out));
        }
        watchdog.start();
        ThreadLabResult dinner;
        try {
            dinner = lab.run();
        } finally {
            lab.close();
        }
        List<String> alive = new ArrayList<>(dinner.stuck());
        alive.addAll(watchdog.stop());
        List<Integer> ate = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ate.add(eaten.get(i));
        }
        return new PhilosophersResult(strategy, names, sticks, dinner, ate, meals, watchdog.found(), watchdog.broken(),
                alive, watchdog.detectedAfter(), timeout);
    }

    /** One philosopher's dinner: {@link #meals} times take two chopsticks, eat, put them down, think. */
    private void dine(int seat, int n, ReentrantLock[] chopsticks, Watchdog watchdog, CyclicBarrier allHoldLeft,
                      Semaphore waiter, AtomicIntegerArray eaten, Random thinking, LabLog out) throws Exception {
        watchdog.register();
        int left = seat;
        int right = (seat + 1) % n;
        int first = strategy == Strategy.ORDERED ? Math.min(left, right) : left;
        int second = strategy == Strategy.ORDERED ? Math.max(left, right) : right;
        for (int meal = 1; meal <= meals; meal++) {
            if (strategy == Strategy.WAITER) {
                waiter.acquire();
            }
            try {
                chopsticks[first].lockInterruptibly();
                try {
                    if (meal == 1) {
                        out.println("拿起 " + chopstick(first) + (first == left ? "（左手）" : "（右手）"));
                    }
                    if (strategy == Strategy.NAIVE && meal == 1) {
                        allHoldLeft.await(timeout.toMillis(), TimeUnit.MILLISECONDS); // 最坏的时机：所有人都拿着左手的筷子
                        out.println("等 " + chopstick(second) + " …");
                    }
                    try {
                        chopsticks[second].lockInterruptibly();
                    } catch (InterruptedException e) {
                        out.println("被看门狗打断：放下 " + chopstick(first) + "，离开餐桌（吃了 " + eaten.get(seat) + " 顿）");
                        return;
                    }
                    try {
                        Thread.sleep(MEAL.toMillis()); // 吃饭
                        eaten.incrementAndGet(seat);
                    } finally {
                        chopsticks[second].unlock();
                    }
                } finally {
                    chopsticks[first].unlock();
                }
            } finally {
                if (strategy == Strategy.WAITER) {
                    waiter.release();
                }
            }
            Thread.sleep(thinking.nextInt((int) MEAL.toMillis() + 1)); // 想一会儿
        }
        out.println("吃完了 " + meals + " 顿");
    }
}
