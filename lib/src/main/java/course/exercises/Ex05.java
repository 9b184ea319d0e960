package course.exercises;

import java.util.Set;
import java.util.TreeSet;

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
 * 锁和原子类的练习在笔记本 06（{@link Ex06}）。
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
        ex.expect(threads + " 个线程各 +1 一次：你写的是 " + mine, possible(threads).equals(mine),
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
}
