package course.exercises;

import java.time.Duration;

import course.check.ConceptCheck;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.timing.Timings;

/**
 * Checks for the exercise of notebook 00 (目录): using {@link Timings}.
 *
 * <p>笔记本 00 的练习检查：用 {@code Timings} 测量 {@code Thread.sleep(50)} 三次。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex00 {

    private Ex00() {
    }

    /** 练习: {@code Timings.measure(label, 3, () -> Thread.sleep(50))}. */
    public static Verdict sleepFifty(Timings timings) {
        if (timings == null) {
            return Exercise.named("练习：测量 Thread.sleep(50)")
                    .expect("有一个测量结果", false, "把 Timings.measure(...) 的结果交给检查。").verdict();
        }
        Duration median = timings.median();
        return Exercise.named("练习：测量 Thread.sleep(50)")
                .expectEquals("测量次数", 3, timings.samples().size(), "Timings.measure 的第二个参数是运行次数。")
                .expect("中位数应不少于 50 ms、少于 1 s，实际 " + Timings.format(median),
                        median.toMillis() >= 50 && median.toMillis() < 1000,
                        "要测量的任务是 () -> Thread.sleep(50)：睡 50 毫秒。")
                .verdict();
    }

    /** 概念 1: what a restarted kernel still knows. */
    public static Verdict concept1(Object answer) {
        return ConceptCheck.choice("概念 1：重启内核以后", answer).options("ABCD").correct("B")
                .hint("A", "笔记本文件里存的是代码和输出；变量只在内核（正在运行的那个 JVM）里。")
                .hint("C", "重启内核不会替你运行任何单元格。")
                .hint("D", "笔记本文件里存的是代码和输出；变量只在内核（正在运行的那个 JVM）里。")
                .hint("回到「怎样运行」：Restart 以后该做什么？")
                .verdict();
    }

    /** 概念 2: how long Thread.sleep(100) takes. */
    public static Verdict concept2(Object answer) {
        return ConceptCheck.choice("概念 2：sleep 睡多久", answer).options("ABCD").correct("B")
                .hint("A", "看看上面测出来的中位数：是正好 100 毫秒吗？")
                .hint("C", "sleep 不会提前醒来（除非被 interrupt()，那时它抛出异常）。")
                .hint("D", "sleep 是等待，不是计算：CPU 快慢不改变要等的时间。")
                .hint("回到上面的小例子和它下面的那段话：时间到了以后，操作系统还要做什么？")
                .verdict();
    }
}
