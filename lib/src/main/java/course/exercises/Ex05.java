package course.exercises;

import java.util.Set;
import java.util.TreeSet;

import course.check.ConceptCheck;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.cpu.Cpu;
import course.cpu.Interleavings;

/**
 * Checks for the exercises of notebook 05 (竞态条件): the possible outcomes of racing increments, reasoned out
 * and then forced on the CPU simulator.
 *
 * <p>笔记本 05 的练习检查：练习 1 问几个线程各做一次 {@code count = count + 1} 时可能得到哪些最终值
 * （和模拟器穷举的结果比较），练习 2 要一个让 4 次 +1 只剩下 2 的调度（在模拟器上执行它）。
 * 锁和原子类的练习在笔记本 06（{@link Ex06}）。课文中间的三个概念检查：volatile 和 {@code count++}、
 * 一个调度的结果、运行很多次都对说明什么。
 *
 * <p>Thread-safety: stateless; the checks run on the CPU simulator and start no thread.
 */
public final class Ex05 {

    private Ex05() {
    }

    /**
     * 练习 1: the possible final values of {@code count} (starting at 0) when 2, then 3 threads each run
     * {@code count = count + 1} once as LOAD / ADD / STORE.
     */
    public static Verdict possibleValues(Set<Long> twoThreads, Set<Long> threeThreads) {
        Exercise ex = Exercise.named("练习 1：一次 +1 的所有可能结果");
        possibleValues(ex, 2, twoThreads, "想一想：如果两个线程都在对方 STORE 之前 LOAD，各自写回的是什么？");
        possibleValues(ex, 3, threeThreads,
                "最终值 = 最后一个 STORE 写下的值 = 那个线程 LOAD 时看到的值 + 1；它 LOAD 时，别的线程可能已经写回了几次？");
        return ex.verdict();
    }

    private static void possibleValues(Exercise ex, int threads, Set<Long> answer, String hint) {
        Set<Long> mine = answer == null ? null : new TreeSet<>(answer);
        ex.expectAnswer(threads + " 个线程各 +1 一次", possible(threads), mine,
                "和模拟器穷举所有交错得到的集合不一样（可能多了、少了或者写错了值）。" + hint);
    }

    /** Instructions of one thread in 练习 2: two increments of three instructions each. */
    public static final int SCHEDULE_LENGTH_PER_THREAD = 6;

    /**
     * 练习 2: a schedule (0 = T1, 1 = T2, one entry per whole instruction) under which two threads each doing
     * {@code count = count + 1} twice on the CPU simulator leave {@code count} at 2, the smallest possible value.
     */
    public static Verdict lowestSchedule(int[] schedule) {
        Exercise ex = Exercise.named("练习 2：让 4 次 +1 只剩下 2");
        if (schedule == null) {
            return ex.expect("给出一个调度", false, "schedule 不能是 null：写成 int[] schedule = {0, 1, …};").verdict();
        }
        int expectedLength = 2 * SCHEDULE_LENGTH_PER_THREAD;
        String result = "最终 count";
        if (schedule.length != expectedLength) {
            return ex.expect("调度的长度（每个线程 2 × 3 条指令）：你写了 " + schedule.length + " 项", false,
                    "两个线程各有 LOAD / ADDI / STORE 两遍，一共 12 项，每项是 0（T1）或 1（T2）。")
                    .notChecked(result, "调度的长度不对").verdict();
        }
        Cpu cpu = Cpu.threads(Interleavings.counterProgram(2), 2);
        try {
            cpu.run(schedule);
        } catch (IllegalArgumentException e) {
            return ex.expect("调度可以执行", false, "模拟器拒绝了这个调度：" + e.getMessage()
                    + "。每个线程正好出现 6 次，编号只能是 0 或 1。").notChecked(result, "调度不能执行").verdict();
        }
        if (!cpu.halted()) {
            return ex.expect("两个线程都执行完了自己的 6 条指令", false, "0 和 1 要各出现 6 次。")
                    .notChecked(result, "线程还没有执行完").verdict();
        }
        return ex.expectEquals(result, 2L, cpu.peek(Interleavings.COUNTER),
                        "最终值 = 最后一次 STORE 写下的值。要让一个线程先 LOAD 到旧值、等另一个线程做完一次 +1 再 STORE，"
                                + "把对方的成果盖掉；这样的覆盖要发生两次。")
                .verdict();
    }

    /** Every final value of n threads each doing one {@code count = count + 1}: the simulator's exhaustive search. */
    static Set<Long> possible(int n) {
        return Interleavings.counterIncrements(n, 1).values();
    }

    /** 概念 1 (after §2): what {@code volatile} does to {@code count++} in two threads. */
    public static Verdict concept1(Object answer) {
        return ConceptCheck.choice("概念 1：volatile 和 count++", answer).options("ABCD").correct("B")
                .hint("A", "volatile 让每次读写都去内存，可是\"读\"和\"写\"之间仍然可以插进别的线程。")
                .hint("C", "\"一定\"？第 2 节打印了有丢失更新的运行有几次：不是每一次都丢。")
                .hint("D", "每次 STORE 写下的是\"读到的值 + 1\"：最终值能超过 +1 的总次数吗？")
                .hint("回到第 2 节：volatile 保证的是什么，没有保证的是什么？")
                .verdict();
    }

    /** 概念 2 (after §4): the final count of one schedule of two single increments. */
    public static Verdict concept2(Object answer) {
        return ConceptCheck.number("概念 2：按这个调度，count 最后是几", answer).correct(1)
                .hint("回到第 4 节的表，一行一行地走：每个线程的 LOAD 读到的是几？最后一个 STORE 写下的是几？")
                .verdict();
    }

    /** 概念 3 (after §5): what a thousand correct runs prove. */
    public static Verdict concept3(Object answer) {
        return ConceptCheck.choice("概念 3：运行很多次都对，说明什么", answer).options("ABCD").correct("C")
                .hint("A", "第 5 节：坏交错只占所有交错的一部分，真实的机器上出现的机会可能很小——没出现不等于不会出现。")
                .hint("B", "JIT 可能让竞争很少露面（第 1 节），可它没有让\"读-改-写\"变成一个整体。")
                .hint("D", "第 5 节末尾：在 1 个核上，切换恰好落在 LOAD 和 STORE 之间，也会丢失更新。")
                .hint("回到第 5 节最后一段：为什么不能靠测试证明没有竞争？")
                .verdict();
    }
}
