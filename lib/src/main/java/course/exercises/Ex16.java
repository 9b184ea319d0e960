package course.exercises;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import course.check.ConceptCheck;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.cpu.InterleavingResult;
import course.cpu.Interleavings;
import course.lincheck.ModelCheck;
import course.lincheck.ModelCheckResult;
import course.source.SourceException;

/**
 * Checks for the exercises of notebook 16 (怎样测试并发程序).
 *
 * <p>笔记本 16 的练习检查。练习 1：在 CPU 模拟器上用 LOCK/UNLOCK 修好"先检查再卖票"，检查穷举所有交错；
 * 练习 2：找出并修好一个看起来线程安全（只用了 {@code AtomicInteger}）的售票处，检查用 Lincheck 做模型检查，
 * 和一个一次只卖一张票的参考实现（{@link TicketOfficeSpec}）比较结果。
 *
 * <p>Thread-safety: stateless; the Lincheck check shares the one worker JVM of {@link ModelCheck}.
 */
public final class Ex16 {

    /** Where the simulated ticket office counts the tickets it handed out. */
    public static final int HANDED_OUT = 2004;
    /** Seats of the ticket office of 练习 2. */
    public static final int SEATS = 2;
    /** Time limit of 练习 2's check: a few seconds are enough on an idle machine; a loaded one may need many more. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);

    private Ex16() {
    }

    /**
     * 练习 1: one thread's program that sells the only ticket when it is still there (sold at 2000 is 0) and counts
     * the ticket it hands out at {@link #HANDED_OUT}; two threads run it. Every interleaving must end with exactly one
     * ticket handed out, without a deadlock.
     */
    public static Verdict lockedSell(String program) {
        Exercise ex = Exercise.named("练习 1：只卖出一张票");
        InterleavingResult r;
        try {
            r = Interleavings.of(HANDED_OUT, program, program);
        } catch (IllegalArgumentException e) {
            return ex.expect("程序能在模拟器上运行", false, e.getMessage()).verdict();
        }
        if (r.canDeadlock()) {
            return ex.expect("没有会死锁的交错", false, "有的交错停在了 LOCK 上：是不是有一条路（比如卖完了直接跳到结尾）"
                    + "没有 UNLOCK？每一条走出临界区的路都要解锁。").verdict();
        }
        Set<Long> values = r.values();
        long oversold = values.stream().filter(v -> v > 1).mapToLong(r::count).sum();
        long none = r.count(0);
        return ex.expect(String.format(Locale.ROOT, "%s 种交错里，%s", r.totalText(),
                                oversold == 0 && none == 0 ? "每一种都正好出了 1 张票"
                                        : oversold > 0 ? String.format(Locale.ROOT, "%,d 种出了不止 1 张票", oversold)
                                        : String.format(Locale.ROOT, "%,d 种一张票也没出", none)),
                        oversold == 0 && none == 0 && !values.isEmpty(),
                        oversold > 0 ? "两个线程都可能在对方写回之前读到 sold = 0：让\"检查\"和\"写回\"成为一个整体，"
                                + "用 LOCK 3000 … UNLOCK 3000 把它们包起来。"
                                : "检查还剩票以后，要把 sold（2000）写成 1，再把出票数（2004）加 1。")
                .verdict();
    }

    /**
     * 练习 2: the source of a ticket office with operations {@code boolean sell()} and {@code int sold()} selling at
     * most {@link #SEATS} seats; Lincheck model-checks it against {@link TicketOfficeSpec}.
     */
    public static Verdict ticketOffice(String source) {
        Exercise ex = Exercise.named("练习 2：修好售票处");
        ModelCheckResult r;
        try {
            r = ModelCheck.of(source).sequentialSpecification(TicketOfficeSpec.class).timeout(CHECK_TIMEOUT).run();
        } catch (SourceException e) {
            return ex.expect("代码能编译", false, e.getMessage()).verdict();
        }
        return switch (r.status()) {
            case PASSED -> ex.expect("Lincheck 没有找到错误（" + r.settings() + "）", true, "").verdict();
            case FAILED -> ex.expect("Lincheck 找到了错误：" + r.report().kindChinese(), false,
                    "读一读下面的交错：哪两步之间换了线程，让两个线程都以为还有票？"
                            + "\"检查还有没有票\"和\"卖出\"要一步完成：用 compareAndSet 循环，或者 synchronized。\n"
                            + r.report().interleavingText()).verdict();
            case ERROR -> ex.expect("Lincheck 能检查这个类", false, r.problem()
                    + "。要有 @Operation 的 public boolean sell() 和 public int sold()，以及不带参数的构造函数。").verdict();
            default -> ex.expect("检查做完了", false, r.problem()).verdict();
        };
    }

    /**
     * The ticket office run by one thread, one operation after another: what a correct concurrent one must look
     * like to its callers (Lincheck's sequential specification).
     *
     * <p>参考实现：一次只有一个线程调用时售票处应有的行为。Lincheck 把学习者的类在并发下得到的结果和它比较。
     */
    public static final class TicketOfficeSpec {
        private int sold;

        /** Sells a seat when one is left. */
        public boolean sell() {
            if (sold < SEATS) {
                sold++;
                return true;
            }
            return false;
        }

        /** Seats sold so far. */
        public int sold() {
            return sold;
        }
    }

    /** 概念 1: what a test that passed many times shows. */
    public static Verdict concept1(Object answer) {
        return ConceptCheck.choice("概念 1：跑了 1000 次都通过", answer).options("ABCD").correct("D")
                .hint("A", "第 1 节的计数器是错的，可它的测试也可能 100 次都通过。")
                .hint("B", "次数多一点也证明不了：两个线程可能从来没有同时运行过，坏的交错一次也没碰上。")
                .hint("C", "换到 1 个核上，两个线程根本不能同时运行，坏的交错更少见，不是更多。")
                .hint("回到第 1 节：100 次测试失败了几次？竞态实验换了规模以后呢？")
                .verdict();
    }

    /** 概念 2: why an interesting outcome is never required. */
    public static Verdict concept2(Object answer) {
        return ConceptCheck.choice("概念 2：为什么不要求\"有趣\"的结果出现", answer).options("ABCD").correct("A")
                .hint("B", "\"有趣\"的结果是允许的（评级是允许·有趣），只有禁止的结果出现才算失败。")
                .hint("C", "压力测试是在碰运气：机器很忙或者只有 1 个核时，它可能一次也碰不上。")
                .hint("D", "要求它出现，测试在忙的机器上就会时灵时不灵：这正是课程测试规则要避免的。")
                .hint("回到第 2 节的规则 4：测试只判断什么？")
                .verdict();
    }

    /** 概念 3: what Lincheck's "not linearizable" means. */
    public static Verdict concept3(Object answer) {
        return ConceptCheck.choice("概念 3：Lincheck 说结果不可线性化", answer).options("ABCD").correct("B")
                .hint("A", "没有异常：两次 withdraw() 都正常返回了 true，错在返回值本身。")
                .hint("C", "死锁是线程一直在等；这里的执行正常结束了，只是结果不对。")
                .hint("D", "和快慢无关：Lincheck 比较的是返回值能不能由一个接一个的执行得到。")
                .hint("回到第 4 节：Lincheck 怎样判断一次执行的结果对不对？")
                .verdict();
    }
}
