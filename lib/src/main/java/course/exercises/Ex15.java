package course.exercises;

import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import course.check.ConceptCheck;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.scaling.Amdahl;

/**
 * Checks for the exercises of notebook 15 (总结: 线程 vs 进程 vs 虚拟线程).
 *
 * <p>笔记本 15 的练习检查。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex15 {

    /** The scenarios of exercise 1 and their answers. */
    public static final Map<String, String> SCENARIOS = Map.of(
            "A: 四个线程一起算一个大数组的和（CPU 密集，数据共享）", "线程",
            "B: 调用一个可能崩溃的 Python 脚本，崩了也不能拖垮服务", "进程",
            "C: 一万个请求，每个大部分时间在等网络（Java 21+）", "虚拟线程");

    private Ex15() {
    }

    /** 练习 1: for each scenario key A, B, C the learner answers 线程, 进程 or 虚拟线程. */
    public static Verdict choose(Map<String, String> answers) {
        Exercise ex = Exercise.named("练习 1：线程、进程还是虚拟线程？");
        String[] hints = {
                "Java 的线程真正并行（没有 GIL），还共享内存，不用把数据复制到别的进程。",
                "进程之间互相隔离：子进程崩溃，父进程照常运行；别的语言的程序也只能作为进程启动。",
                "虚拟线程等待时不占用操作系统线程，一万个也很便宜。"};
        int i = 0;
        for (String key : new String[] {"A", "B", "C"}) {
            String scenario = SCENARIOS.keySet().stream().filter(s -> s.startsWith(key + ":")).findFirst().orElseThrow();
            String answer = answers == null ? null : answers.get(key);
            ex.expectAnswer(scenario, SCENARIOS.get(scenario), answer, hints[i++]);
        }
        return ex.verdict();
    }

    /**
     * 练习 2: the learner's {@code speedup(t1, tk)} and {@code efficiency(t1, tk, k)}; checked on
     * measured-looking numbers.
     */
    public static Verdict speedup(DoubleBinaryOperator speedup, Efficiency efficiency) {
        return Exercise.named("练习 2：加速比和效率")
                .expectEquals("speedup(4.0, 2.0)", 2.0, round(speedup.applyAsDouble(4.0, 2.0)),
                        "加速比 = 1 个工作者的耗时 ÷ k 个工作者的耗时。")
                .expectEquals("speedup(0.9, 0.6)", 1.5, round(speedup.applyAsDouble(0.9, 0.6)),
                        "t1 是 1 个工作者的耗时，tk 是 k 个工作者的耗时：哪个除以哪个？")
                .expectEquals("efficiency(0.9, 0.6, 2)", 0.75, round(efficiency.apply(0.9, 0.6, 2)),
                        "效率 = 加速比 ÷ 工作者个数：可以直接调用你写的 speedup。")
                .expectEquals("efficiency(8.0, 2.0, 4)", 1.0, round(efficiency.apply(8.0, 2.0, 4)),
                        "k 个工作者正好快 k 倍时，效率是 1.0。")
                .verdict();
    }

    /** Serial fractions the maximum speed-up is asked for in exercise 3. */
    static final double[] FRACTIONS = {0.5, 0.2, 0.05, 1.0};
    /** (serial fraction, target speed-up) pairs of exercise 3; the last one cannot be reached. */
    static final double[][] TARGETS = {{0.05, 12}, {0.3, 2.6}, {0.1, 6.5}, {0.25, 5}};

    /**
     * 练习 3 (Amdahl): {@code maxSpeedup(s)} is the speed-up with infinitely many workers; {@code workersFor(s, target)}
     * the fewest workers whose speed-up reaches {@code target}, or -1 when no number of workers does. The feedback
     * names what is wrong with the learner's own answer, never the expected one.
     */
    public static Verdict amdahl(DoubleUnaryOperator maxSpeedup, WorkersFor workersFor) {
        Exercise ex = Exercise.named("练习 3：Amdahl 定律");
        for (double s : FRACTIONS) {
            double expected = 1 / s;
            double got = Double.NaN;
            String problem;
            try {
                got = maxSpeedup.applyAsDouble(s);
                problem = Math.abs(got - expected) < 1e-6 * expected ? null : "你的答案是 " + format(got);
            } catch (RuntimeException e) {
                problem = "抛出了异常 " + e;
            }
            ex.expect("maxSpeedup(" + format(s) + ")" + (problem == null ? "" : "：" + problem), problem == null,
                    s == 1.0 ? "整件工作都只能一个人做：工作者再多，它也不会更快。"
                            : "工作者无穷多时，(1 − s) / k 趋近于 0：加速比 1 / (s + (1 − s) / k) 趋近于多少？");
        }
        for (double[] t : TARGETS) {
            double s = t[0];
            double target = t[1];
            String call = "workersFor(" + format(s) + ", " + format(target) + ")";
            LearnerRun.Outcome<Integer> out = LearnerRun.run(() -> workersFor.apply(s, target), 2000, 200, true);
            String problem = !out.ok() ? out.problem() + (out.problem().startsWith("超过") ? "（循环一直停不下来？）" : "")
                    : workersProblem(s, target, out.result());
            ex.expect(call + (problem == null ? "" : "：" + problem), problem == null,
                    "加速比随 k 变大而变大，但永远到不了上限 1 / s：目标不低于上限就返回 -1；"
                            + "否则找最小的 k，使 Amdahl.speedup(s, k) ≥ 目标（可以从 k = 1 开始往上试，也可以解不等式再向上取整）。");
        }
        return ex.verdict();
    }

    /** What is wrong with {@code k} as the fewest workers reaching {@code target}, or null when it is right. */
    static String workersProblem(double s, double target, int k) {
        boolean reachable = target < 1 / s;
        if (k == -1) {
            return reachable ? "你的答案是 -1" : null;
        }
        if (k < 1) {
            return "你的答案是 " + k + "：工作者至少要有 1 个（达不到目标时返回 -1）";
        }
        if (Amdahl.speedup(s, k) < target) {
            return "k = " + k + " 时加速比是 " + format(Amdahl.speedup(s, k)) + "，还不到 " + format(target);
        }
        if (k > 1 && Amdahl.speedup(s, k - 1) >= target) {
            return "k = " + (k - 1) + " 时加速比已经是 " + format(Amdahl.speedup(s, k - 1)) + "：" + k + " 不是最少的";
        }
        return null;
    }

    /** workersFor(s, target). */
    @FunctionalInterface
    public interface WorkersFor {
        int apply(double serialFraction, double target);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** efficiency(t1, tk, k). */
    @FunctionalInterface
    public interface Efficiency {
        double apply(double t1, double tk, int k);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** 概念 1: how long waiting tasks take with more threads than cores. */
    public static Verdict concept1(Object answer) {
        return ConceptCheck.choice("概念 1：等待的工作和核数", answer).options("ABCD").correct("A")
                .hint("B", "等待的线程不占 CPU：sleep 的时候核空着，别的线程也能同时等。")
                .hint("C", "8 个线程是同时开始等的，不是一个接一个。")
                .hint("D", "切换只在线程要用 CPU 的时候发生；这 8 个线程几乎一直在睡，一次切换也只要几微秒。")
                .hint("回到\"I/O 密集型：等待\"那一节：等待的时候占不占 CPU？理论耗时怎么算？")
                .verdict();
    }

    /** 概念 2: Amdahl's limit of the speed-up for a serial fraction of 10 %. */
    public static Verdict concept2(Object answer) {
        return ConceptCheck.choice("概念 2：Amdahl 定律的上限", answer).options("ABCD").correct("B")
                .hint("A", "公式里 (1 − s) / k 会随 k 变小，s 那一项呢？")
                .hint("C", "1 ÷ 0.9 用的是可以并行的部分；工作者无穷多时，还剩下多少用时？")
                .hint("D", "加速比 = 原来的用时 ÷ 现在的用时：把一个工作者的用时当作 1，工作者无穷多时还剩多少？")
                .hint("回到 Amdahl 定律那一节：k 越来越大时，s + (1 − s) / k 会越来越接近什么？")
                .verdict();
    }
}
