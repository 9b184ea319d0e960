package course.exercises;

import java.time.Duration;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.ToIntFunction;

import course.check.Answer;
import course.check.ConceptCheck;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.cpu.Interleavings;
import course.stress.Grade;
import course.stress.Outcomes;
import course.stress.StressResult;
import course.stress.StressTest;

/**
 * Checks for the exercises of notebook 07 (Java内存模型).
 *
 * <p>笔记本 07 的练习检查。练习 1：判断两个消息传递（message passing）试金石测试里哪些结果允许出现；
 * 答案按 Java 内存模型判断，检查还会在本机把测试跑一遍（学习者说不可能的结果如果真的出现了，就指出来），
 * 没有数据竞争的那个变体还在 CPU 模拟器上穷举所有交错。练习 2：修好一个"构造函数里泄露 this"的发布错误，
 * 检查在压力测试下让另一个线程去看刚发布的对象。
 *
 * <p>Thread-safety: stateless; each check runs its own stress threads and waits for them.
 */
public final class Ex07 {

    /** The four outcomes (r1, r2) of a message-passing test, as the lesson writes them. */
    public static final List<String> OUTCOMES = List.of("0, 0", "0, 1", "1, 0", "1, 1");
    /** The port a finished {@code Listener} has. */
    public static final int PORT = 8080;
    /** Every outcome counted, none graded: the checks of 练习 1 only look at what was seen. */
    private static final Outcomes<String> ANY = Outcomes.<String>create().otherwise(Grade.ACCEPTABLE, "本机出现过");
    /** Time limit of each stress run of a check. */
    static final Duration STRESS_TIME = Duration.ofMillis(400);

    private Ex07() {
    }

    /** 练习 1a: {@code data} is volatile, {@code flag} is not. */
    static final class VolatileData {
        volatile int data;
        int flag;
        int r1;
        int r2;
    }

    /** 练习 1b: both threads work inside {@code synchronized (this)}. */
    static final class Locked {
        int data;
        int flag;
        int r1;
        int r2;
    }

    /** The writer (T1) and reader (T2) of 练习 1b on the CPU simulator; the reader leaves r1 at 2008, r2 at 2012. */
    static final String LOCKED_WRITER = """
            DATA 2000, 0      # data
            DATA 2004, 0      # flag
            LOCK  3000        # synchronized (lock) {
            SET   A, 1
            STORE A, 2000     #   data = 1
            STORE A, 2004     #   flag = 1
            UNLOCK 3000       # }
            """;
    static final String LOCKED_READER = """
            LOCK  3000        # synchronized (lock) {
            LOAD  A, 2004     #   r1 = flag
            LOAD  B, 2000     #   r2 = data
            UNLOCK 3000       # }
            STORE A, 2008     # r1
            STORE B, 2012     # r2
            """;

    /**
     * 练习 1: the outcomes (r1, r2) that may happen in (a) message passing with a volatile {@code data} and a plain
     * {@code flag}, (b) message passing with both threads inside the same lock.
     */
    public static Verdict allowedOutcomes(Set<String> volatileData, Set<String> lockedBoth) {
        Exercise ex = Exercise.named("练习 1：哪些结果允许出现");
        classify(ex, "(a) data 是 volatile、flag 是普通字段", volatileData, Set.copyOf(OUTCOMES), volatileDataTest().run(),
                "volatile 只管它自己那个变量：写 flag 不是 volatile 写，读 flag 也不是 volatile 读。"
                        + "线程 2 读 flag 和线程 1 写 flag 之间没有 happens-before，JMM 允许它看到任何顺序。");
        classify(ex, "(b) 两个线程都在 synchronized (lock) 里", lockedBoth, enumerated(), lockedTest().run(),
                "同一把锁保护的两段代码不会交错：要么线程 1 的两行先全部做完，要么线程 2 的两行先全部做完。"
                        + "没有数据竞争的程序，JMM 保证它像顺序执行一样（可以在 CPU 模拟器上用 LOCK/UNLOCK 穷举试试）。");
        return ex.verdict();
    }

    private static void classify(Exercise ex, String variant, Set<String> answer, Set<String> allowed, StressResult seen,
                                 String hint) {
        if (answer == null || answer.isEmpty()) {
            ex.expect(variant + "：还没有选任何结果", false, "把允许出现的结果写进 Set.of(…)，例如 Set.of(\"0, 0\")。");
            return;
        }
        Set<String> unknown = new TreeSet<>(answer);
        unknown.removeAll(OUTCOMES);
        if (!unknown.isEmpty()) {
            ex.expect(variant + "：结果要写成 \"r1, r2\"", false, "只能从 " + OUTCOMES + " 里选；不认识：" + unknown);
            return;
        }
        long wrong = OUTCOMES.stream().filter(o -> answer.contains(o) != allowed.contains(o)).count();
        Set<String> excludedButSeen = new LinkedHashSet<>();
        OUTCOMES.stream().filter(o -> !answer.contains(o) && seen.observed(o)).forEach(excludedButSeen::add);
        String evidence = excludedButSeen.isEmpty() ? ""
                : "刚才在这台机器上把这个测试跑了 " + String.format(Locale.ROOT, "%,d", seen.rounds()) + " 轮，你认为不会出现的结果里有 "
                        + excludedButSeen.size() + " 个真的出现了。";
        ex.expect(variant + (wrong == 0 ? "：四个结果都判断对了" : "：有 " + wrong + " 个结果判断错了"), wrong == 0,
                evidence + hint);
    }

    /** Variant (b)'s outcomes by exhaustive search on the simulator (a race-free program is sequentially consistent). */
    static Set<String> enumerated() {
        Set<String> out = new TreeSet<>();
        for (List<Long> rs : Interleavings.of(List.of(2008, 2012), LOCKED_WRITER, LOCKED_READER).finals()) {
            out.add(rs.get(0) + ", " + rs.get(1));
        }
        return out;
    }

    static StressTest<VolatileData> volatileDataTest() {
        return StressTest.of(VolatileData::new).name("练习 1 (a)")
                .actor(s -> { s.data = 1; s.flag = 1; })
                .actor(s -> { s.r1 = s.flag; s.r2 = s.data; })
                .outcome(s -> s.r1 + ", " + s.r2)
                .outcomes(ANY)
                .timeout(STRESS_TIME);
    }

    static StressTest<Locked> lockedTest() {
        return StressTest.of(Locked::new).name("练习 1 (b)")
                .actor(s -> {
                    synchronized (s) {
                        s.data = 1;
                        s.flag = 1;
                    }
                })
                .actor(s -> {
                    synchronized (s) {
                        s.r1 = s.flag;
                        s.r2 = s.data;
                    }
                })
                .outcome(s -> s.r1 + ", " + s.r2)
                .outcomes(ANY)
                .timeout(STRESS_TIME);
    }

    /** One round of 练习 2: a fresh registry, what the publishing thread made, what the other thread saw. */
    static final class Round<L> {
        final Queue<L> listeners = new ConcurrentLinkedQueue<>();
        volatile L made;
        int seenPort = -1;
        String problem;
    }

    /**
     * Polls of the reading thread before it gives up in one round. The check runs 20 000 rounds (stopping at the
     * first unfinished object seen), or 5 seconds on a machine so busy that they do not fit.
     */
    static final int POLLS = 20_000;

    /**
     * 练习 2: {@code create} makes a listener and registers it in the queue it is given; {@code port} reads its port.
     * Under stress, another thread takes the listener out of the queue as soon as it appears and reads its port:
     * it must never see a listener whose constructor has not finished.
     */
    public static <L> Verdict safePublication(Answer<Queue<L>, L> create, ToIntFunction<L> port) {
        Exercise ex = Exercise.named("练习 2：构造完再发布");
        StressResult r = StressTest.of(Round<L>::new).name("练习 2")
                .actor(s -> {
                    try {
                        s.made = create.apply(s.listeners);
                    } catch (Exception e) {
                        s.problem = "create 抛出了 " + e;
                    }
                })
                .actor(s -> {
                    for (int i = 0; i < POLLS; i++) {
                        L l = s.listeners.peek();
                        if (l != null) {
                            s.seenPort = port.applyAsInt(l);
                            return;
                        }
                        Thread.onSpinWait();
                    }
                })
                .outcome(s -> s.problem != null ? s.problem : registered(s, port))
                .acceptable("看到了构造完的对象", "另一个线程看到 port = " + PORT)
                .acceptable("还没看到", "另一个线程等了一会儿，还没看到对象")
                .rounds(20_000).timeout(Duration.ofSeconds(5)).stopWhenForbidden().run();
        if (r.problem() != null) {
            return ex.expect("压力测试正常结束", false, r.problem()).verdict();
        }
        String odd = r.outcomes().rows().stream().filter(row -> row.observed() && !row.grade().allowed())
                .map(row -> row.label()).filter(l -> !l.startsWith("看到了没构造完")).findFirst().orElse(null);
        if (odd != null) {
            return ex.expect("create 返回并登记了一个构造完的对象", false, odd).verdict();
        }
        long partial = r.count("看到了没构造完的对象");
        return ex.expect(String.format(Locale.ROOT, "%,d 轮里，另一个线程%s看到没构造完的对象", r.rounds(),
                        partial == 0 ? "一次也没有" : "有 " + String.format(Locale.ROOT, "%,d", partial) + " 次"), partial == 0,
                        "构造函数还没执行完，this 就被放进了队列：别的线程可以从队列里拿到它，读到还没赋值的 port。"
                                + "先把对象构造完，再把它放进队列（比如在静态方法 create 里先 new，再 add）。")
                .verdict();
    }

    private static <L> String registered(Round<L> s, ToIntFunction<L> port) {
        if (s.made == null) {
            return "create 返回了 null";
        }
        if (s.listeners.size() != 1 || s.listeners.peek() != s.made) {
            return "队列里应该正好有 create 返回的那一个对象（现在有 " + s.listeners.size() + " 个）";
        }
        if (port.applyAsInt(s.made) != PORT) {
            return "create 返回的对象 port 不是 " + PORT;
        }
        return s.seenPort == -1 ? "还没看到" : s.seenPort == PORT ? "看到了构造完的对象" : "看到了没构造完的对象";
    }

    /** 概念 1: what the JMM promises a thread that spins on a plain flag. */
    public static Verdict concept1(Object answer) {
        return ConceptCheck.choice("概念 1：盯着普通字段 stop 的线程", answer).options("ABCD").correct("B")
                .hint("A", "JMM 没有给普通字段任何\"几毫秒之内\"的保证：JIT 可以只读一次 stop，之后再也不读。")
                .hint("C", "核再多也没用：问题不在缓存，而在 JIT 把读提到了循环外面，这个线程根本不再去读 stop。")
                .hint("D", "interrupt() 只是设一个标志；只会转圈、从不检查这个标志的循环不会因此停下。")
                .hint("回到第 1 节：普通字段那次运行，main 写下 stop = true 之后工作线程怎样了？volatile 改变了什么？")
                .verdict();
    }

    /** 概念 2: what a store-buffering run without (0, 0) on one core tells. */
    public static Verdict concept2(Object answer) {
        return ConceptCheck.choice("概念 2：一个核上没看到 (0, 0)", answer).options("ABCD").correct("C")
                .hint("A", "测试只能找错，不能证明没错：没看到不等于不会发生。")
                .hint("B", "对普通字段，JMM 允许 (0, 0)：它在结果表里是\"允许·有趣\"，不是\"禁止\"。")
                .hint("D", "volatile 的作用正好相反：它让 (0, 0) 变成禁止的结果。")
                .hint("回到第 2 节：(0, 0) 的评级是什么？jcstress 对\"有趣\"的结果有什么原则？")
                .verdict();
    }

    /** 概念 3: happens-before of monitor locks needs the same lock. */
    public static Verdict concept3(Object answer) {
        return ConceptCheck.choice("概念 3：两把不同的锁", answer).options("ABCD").correct("A")
                .hint("B", "unlock → lock 的 happens-before 只在同一把锁上成立；两把不同的锁之间没有先后关系。")
                .hint("C", "JMM 不是按\"刷新缓存\"定义的：它只给出 happens-before 规则，锁的规则要求是同一把锁。")
                .hint("D", "锁不同，两个线程之间就没有 happens-before：这正是一次数据竞争，结果不保证。")
                .hint("回到第 4 节的规则表：监视器锁那一行说的是哪一把锁？")
                .verdict();
    }
}
