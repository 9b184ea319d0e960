package course.stress;

import course.base.Args;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A stress test done right: a fresh state per round, several threads that start each round together at a
 * spinning barrier, many short rounds until a round count or a time limit, and outcomes graded like jcstress
 * (only a forbidden outcome fails).
 *
 * <p>压力测试（stress test）的正确做法，也是本课程自己测试并发代码的规则：
 * <ol>
 *   <li>每一轮都用<b>新的</b>状态对象，上一轮的结果不会影响下一轮；</li>
 *   <li>所有线程在<b>起跑线</b>（start barrier）等齐后同时出发，否则一个线程早就做完了，另一个才开始；</li>
 *   <li><b>很多很短</b>的轮次（几百万轮），而不是几次长的运行；</li>
 *   <li>只判断<b>不变式和禁止的结果</b>：列出每种结果的评级，"有趣"的结果允许出现但从不要求出现；</li>
 *   <li>有<b>时间限制</b>：到时间就停，报告跑了多少轮。</li>
 * </ol>
 * 这和 jcstress（OpenJDK 的并发压力测试工具）的做法一样。
 *
 * <pre>{@code
 * class SB { int x, y, r1, r2; }
 * StressResult r = StressTest.of(SB::new)
 *         .actor(s -> { s.x = 1; s.r1 = s.y; })
 *         .actor(s -> { s.y = 1; s.r2 = s.x; })
 *         .outcome(s -> s.r1 + ", " + s.r2)
 *         .acceptable("0, 1", "线程 1 先做完").acceptable("1, 0", "线程 2 先做完")
 *         .acceptable("1, 1", "交错执行").interesting("0, 0", "两次写都还没离开各自的核")
 *         .run();
 * }</pre>
 *
 * <p>Thread-safety: configure and run from one thread. The test's threads are daemons; they end when the run
 * ends, unless the test's own code never returns (then {@link StressResult#problem()} says so).
 *
 * @param <S> the state one round works on
 */
public final class StressTest<S> {

    /** Most rounds by default; a run usually ends at its time limit first. */
    public static final long DEFAULT_ROUNDS = 5_000_000;
    /** Time limit by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** How long past its time limit a run waits for its threads before it reports them stuck. */
    public static final Duration GRACE = Duration.ofSeconds(2);
    /** Most threads of one test. */
    public static final int MAX_ACTORS = 8;
    /** Rounds between two start barriers: small, so that the threads stay in step. */
    static final int BATCH = 16;
    /** The outcome of a round when only invariants are checked and all hold. */
    public static final String INVARIANTS_HOLD = "不变式都成立";

    private final Supplier<? extends S> state;
    private String name = "压力测试";
    private final List<Consumer<? super S>> actors = new ArrayList<>();
    private Function<? super S, ?> outcome;
    private Outcomes<String> outcomes = Outcomes.create();
    private final List<Invariant<S>> invariants = new ArrayList<>();
    private long rounds = DEFAULT_ROUNDS;
    private Duration timeout = DEFAULT_TIMEOUT;
    private boolean stopWhenForbidden;

    private record Invariant<S>(String what, Predicate<? super S> holds) {
    }

    private StressTest(Supplier<? extends S> state) {
        this.state = state;
    }

    /** A test whose every round starts from {@code state.get()}, a fresh object. */
    public static <S> StressTest<S> of(Supplier<? extends S> state) {
        return new StressTest<>(Objects.requireNonNull(state, "state"));
    }

    /** The name shown in tables and charts. */
    public StressTest<S> name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Adds a thread that runs {@code actor} on the state of every round.
     *
     * @throws IllegalArgumentException when there are already {@link #MAX_ACTORS}
     */
    public StressTest<S> actor(Consumer<? super S> actor) {
        Objects.requireNonNull(actor, "actor");
        Args.check(actors.size() < MAX_ACTORS, "actors", actors.size() + 1, "be at most " + MAX_ACTORS,
                "最多 " + MAX_ACTORS + " 个线程");
        actors.add(actor);
        return this;
    }

    /** What a round ended with, read after all threads finished it; shown as {@code String.valueOf(...)}. */
    public StressTest<S> outcome(Function<? super S, ?> outcome) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        return this;
    }

    /** The outcome {@code value} is acceptable. */
    public StressTest<S> acceptable(String value, String description) {
        outcomes = outcomes.acceptable(value, description);
        return this;
    }

    /** The outcome {@code value} is allowed and interesting: it shows a race or a reordering. */
    public StressTest<S> interesting(String value, String description) {
        outcomes = outcomes.interesting(value, description);
        return this;
    }

    /** The outcome {@code value} must never happen. */
    public StressTest<S> forbidden(String value, String description) {
        outcomes = outcomes.forbidden(value, description);
        return this;
    }

    /** Grades with {@code rules} instead of the ones added one by one. */
    public StressTest<S> outcomes(Outcomes<String> rules) {
        this.outcomes = Objects.requireNonNull(rules, "rules");
        return this;
    }

    /**
     * Something that must hold after every round; a round where it does not is a forbidden outcome
     * {@code "违反：" + what}, whatever {@link #outcome} says.
     */
    public StressTest<S> invariant(String what, Predicate<? super S> holds) {
        invariants.add(new Invariant<>(Objects.requireNonNull(what, "what"), Objects.requireNonNull(holds, "holds")));
        return this;
    }

    /**
     * Most rounds to run.
     *
     * @throws IllegalArgumentException when not in 1..1 000 000 000
     */
    public StressTest<S> rounds(long max) {
        Args.check(max >= 1 && max <= 1_000_000_000L, "rounds", max, "be in 1..1000000000", "轮数要在 1 到 10 亿之间");
        this.rounds = max;
        return this;
    }

    /**
     * Time limit: the run stops after the round being run when this much time has passed (not a failure).
     *
     * @throws IllegalArgumentException when not positive or over 60 seconds
     */
    public StressTest<S> timeout(Duration limit) {
        Args.positive("timeout", limit, "时间限制");
        Args.check(limit.compareTo(Duration.ofSeconds(60)) <= 0, "timeout", limit, "be at most 60 s", "时间限制不能超过 60 秒");
        this.timeout = limit;
        return this;
    }

    /**
     * Ends the run after the batch of rounds in which a forbidden outcome was first seen: a check that only needs
     * to know whether the code is wrong then answers at once, and runs the whole time only for correct code.
     */
    public StressTest<S> stopWhenForbidden() {
        this.stopWhenForbidden = true;
        return this;
    }

    /**
     * Runs rounds until {@link #rounds} or {@link #timeout}, whichever comes first, and grades the outcomes.
     *
     * @throws IllegalStateException when no actor, or neither an outcome nor an invariant, was given
     */
    public StressResult run() {
        if (actors.isEmpty()) {
            throw new IllegalStateException("no actor: add one with actor(s -> …) / 还没有线程：用 actor(s -> …) 加一个");
        }
        if (outcome == null && invariants.isEmpty()) {
            throw new IllegalStateException("no outcome and no invariant / 要用 outcome(…) 说明每轮的结果，或者用 invariant(…) 写出必须成立的条件");
        }
        Outcomes<String> rules = outcomes;
        if (outcome == null) {
            rules = rules.acceptable(INVARIANTS_HOLD, "每一轮结束时都成立");
        }
        for (Invariant<S> inv : invariants) {
            rules = rules.forbidden(violation(inv), "不变式不成立：" + inv.what());
        }
        Outcomes<String> grading = rules;
        Predicate<String> stopAt = stopWhenForbidden ? o -> grading.grade(o) == Grade.FORBIDDEN : o -> false;
        StressRunner<S> runner = new StressRunner<>(state, actors, this::outcomeOf, stopAt, rounds, timeout, BATCH);
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < actors.size(); k++) {
            int id = k;
            Thread t = new Thread(() -> runner.loop(id), "压力测试-线程" + (k + 1));
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        String stuck = awaitAll(threads, runner, t0 + timeout.plus(GRACE).toNanos());
        long elapsed = System.nanoTime() - t0;
        String problem = stuck != null ? stuck : runner.problem();
        return new StressResult(name, actors.size(), Runtime.getRuntime().availableProcessors(), runner.rounds(),
                Duration.ofNanos(elapsed), rules.tally(runner.counts), problem);
    }

    private String outcomeOf(S s) {
        for (Invariant<S> inv : invariants) {
            if (!inv.holds().test(s)) {
                return violation(inv);
            }
        }
        return outcome == null ? INVARIANTS_HOLD : String.valueOf(outcome.apply(s));
    }

    private static String violation(Invariant<?> inv) {
        return "违反：" + inv.what();
    }

    /** Joins every thread by {@code deadline}; then aborts, interrupts and names the threads still running. */
    private static String awaitAll(List<Thread> threads, StressRunner<?> runner, long deadline) {
        try {
            for (Thread t : threads) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    t.join(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Thread> alive = threads.stream().filter(Thread::isAlive).toList();
        if (alive.isEmpty()) {
            return null;
        }
        runner.abort();
        alive.forEach(Thread::interrupt);
        for (Thread t : alive) {
            try {
                t.join(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> still = alive.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        return String.format(Locale.ROOT, "有线程在时间限制之后 %d 秒还没有结束%s：测试的代码可能卡住了（死循环，或者一直在等一把锁）",
                GRACE.toSeconds(), still.isEmpty() ? "（中断后结束了）" : "，中断后仍在运行：" + still);
    }
}
