package course.exercises;

import java.util.Map;
import java.util.function.DoubleBinaryOperator;

import course.check.Exercise;
import course.check.Exercise.Verdict;

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

    /** efficiency(t1, tk, k). */
    @FunctionalInterface
    public interface Efficiency {
        double apply(double t1, double tk, int k);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
