package course.exercises;

import java.time.Duration;

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
                .expect("中位数 " + Timings.format(median) + " 不少于 50 ms 且少于 1 s",
                        median.toMillis() >= 50 && median.toMillis() < 1000,
                        "要测量的任务是 () -> Thread.sleep(50)：睡 50 毫秒。")
                .verdict();
    }
}
