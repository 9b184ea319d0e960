package course.quiz;

/**
 * Seeded generators of practice questions for the scheduler, the CPU and interleavings.
 *
 * <p>题库：每个方法用一个题号（随机数的 seed）生成一道题，同一个题号总是同一道题。
 * <pre>{@code
 * SchedulingQuestion q = Questions.scheduling(1);   // 调度：预测每个任务的完成时刻或等待时间
 * q                                                 // 显示题目
 * q.check(30, 50, 60)                               // 检查答案（不会说出正确答案）
 * q.reveal()                                        // 看答案和解释
 * Questions.trace(1)                                // CPU：预测程序结束时的内存和步数
 * Questions.interleavings(1)                        // 交错：预测所有可能的最终值
 * }</pre>
 *
 * <p>Thread safety: stateless.
 */
public final class Questions {

    private Questions() {
    }

    /** A scheduling question: a few jobs and a policy; predict finish times or waiting times. */
    public static SchedulingQuestion scheduling(long seed) {
        return SchedulingQuestion.generate(seed);
    }

    /** A CPU trace question: a small program; predict a memory word at the end and the number of steps. */
    public static TraceQuestion trace(long seed) {
        return TraceQuestion.generate(seed);
    }

    /** An interleaving question: two or three threads updating one counter; predict every possible final value. */
    public static InterleavingQuestion interleavings(long seed) {
        return InterleavingQuestion.generate(seed);
    }
}
