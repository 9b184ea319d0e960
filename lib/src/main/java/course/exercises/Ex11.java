package course.exercises;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import course.check.Answer;
import course.check.ConceptCheck;
import course.check.Exercise;
import course.check.Exercise.Verdict;

/**
 * Checks for the exercises of notebook 11 (线程池).
 *
 * <p>笔记本 11 的练习检查。任务只是睡一会儿（模拟下载网页），所以结果不依赖网络。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex11 {

    /** How long each task of exercise 1 takes, in milliseconds. */
    public static final long TASK_MILLIS = 400;

    private Ex11() {
    }

    /** The four tasks of exercise 1: task i sleeps {@link #TASK_MILLIS} ms and returns "网页i". */
    public static List<Callable<String>> pageTasks() {
        return pageTasks(new AtomicInteger(), new AtomicInteger());
    }

    /** {@link #pageTasks()} counting the tasks running at once in {@code running}, the most ever in {@code most}. */
    private static List<Callable<String>> pageTasks(AtomicInteger running, AtomicInteger most) {
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String name = "网页" + i;
            tasks.add(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(TASK_MILLIS);
                } finally {
                    running.decrementAndGet();
                }
                return name;
            });
        }
        return tasks;
    }

    /**
     * 练习 1: the learner's code runs the four {@link #pageTasks()} on a pool at the same time, returns their results
     * in task order (like Python's {@code map}) and shuts the pool down. Whether they ran at the same time is
     * counted, not timed: the most tasks running at once must be 4.
     */
    public static Verdict poolInOrder(Answer<List<Callable<String>>, List<String>> learnerCode) {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        LearnerRun.Outcome<List<String>> out = LearnerRun.run(() -> learnerCode.apply(pageTasks(running, most)), 10_000, 2000, false);
        Exercise ex = Exercise.named("练习 1：线程池 + invokeAll");
        if (!out.ok()) {
            ex.expect("代码正常结束：" + out.problem(), false, "Future.get() 会把任务的异常包成 ExecutionException。");
        }
        boolean together = most.get() == 4;
        ex.expect("4 个任务同时运行（最多同时运行了 " + most.get() + " 个）", together,
                "线程池至少要有 4 个线程，任务要一起提交（invokeAll 或先全部 submit 再逐个 get）；一个接一个地 call() 就只有 1 个。");
        if (!together) {
            return ex.notChecked("结果按任务的顺序", "任务还没有同时运行").notChecked("线程池关掉了", "任务还没有同时运行").verdict();
        }
        return ex.expectEquals("结果按任务的顺序", List.of("网页1", "网页2", "网页3", "网页4"), out.result(),
                        "invokeAll 返回的 Future 和任务的顺序一样；对每个 Future 调用 get()。")
                .expect("线程池关掉了" + (out.leftThreads().isEmpty() ? "" : "，还活着的线程：" + LearnerRun.names(out.leftThreads())),
                        out.leftThreads().isEmpty(),
                        "最后调用 pool.shutdown()（放在 finally 里），否则池里的线程一直等新任务，不会结束。")
                .verdict();
    }

    /**
     * The four tasks of exercise 2, in this order: 慢 (700 ms), 快 (100 ms), 坏 (fails after 250 ms with
     * {@code IOException("HTTP 500")}), 中 (450 ms).
     */
    public static List<Callable<String>> mixedTasks() {
        return List.of(
                sleeping("慢", 700),
                sleeping("快", 100),
                () -> {
                    Thread.sleep(250);
                    throw new IOException("HTTP 500");
                },
                sleeping("中", 450));
    }

    private static Callable<String> sleeping(String name, long millis) {
        return () -> {
            Thread.sleep(millis);
            return name;
        };
    }

    /**
     * 练习 2: the learner's code runs the {@link #mixedTasks()} on a pool and returns the results in the order the
     * tasks finish (like Python's {@code as_completed}); a failed task gives {@code "失败: " + its message}.
     */
    public static Verdict firstFinishedFirst(Answer<List<Callable<String>>, List<String>> learnerCode) {
        LearnerRun.Outcome<List<String>> out = LearnerRun.run(() -> learnerCode.apply(mixedTasks()), 10_000, 2000, false);
        Exercise ex = Exercise.named("练习 2：先完成的先处理");
        if (!out.ok()) {
            ex.expect("代码正常结束：" + out.problem(), false,
                    "失败的任务在 future.get() 时抛出 ExecutionException：在循环里捕获它，用 e.getCause().getMessage()。");
        }
        ex.expectEquals("完成的顺序", List.of("快", "失败: HTTP 500", "中", "慢"), out.result(),
                "用 ExecutorCompletionService：submit 全部任务，再 take() 几次，每次拿到的是最先完成的那个；"
                        + "失败的任务在 get() 时抛出 ExecutionException，用 e.getCause().getMessage()。");
        String closed = "线程池关掉了";
        return (out.result() != null && !out.result().isEmpty()
                ? ex.expect(closed + (out.leftThreads().isEmpty() ? "" : "，还活着的线程：" + LearnerRun.names(out.leftThreads())),
                        out.leftThreads().isEmpty(), "最后调用 pool.shutdown()（放在 finally 里）。")
                : ex.notChecked(closed, "还没有结果")).verdict();
    }

    /** 概念 1: in which order a ThreadPoolExecutor fills its core threads, its queue and its extra threads. */
    public static Verdict concept1(Object answer) {
        return ConceptCheck.choice("概念 1：先开线程，还是先排队", answer).options("ABCD").correct("B")
                .hint("A", "很多人以为线程池先把线程开到最大、再排队。看 execute 的第 2 步和第 3 步谁先谁后。")
                .hint("C", "拒绝是最后一步：队列满了的时候，线程数还没到最大线程数。")
                .hint("D", "ArrayBlockingQueue<>(3) 最多排 3 个：第 6 个来的时候，队列已经满了。")
                .hint("回到第 3 节（ThreadPoolExecutor）：提交一个任务时，线程池按顺序问的三个问题。")
                .verdict();
    }

    /** 概念 2: whether CPU-bound work gets faster with more threads than cores. */
    public static Verdict concept2(Object answer) {
        return ConceptCheck.choice("概念 2：CPU 密集的工作，线程比核多", answer).options("ABC").correct("B")
                .hint("A", "线程多了 4 倍，核可没有多：4 个线程的时候，4 个核已经都在算了。")
                .hint("C", "上面量过：一次切换只要几微秒，CPU 时间合计几乎不变。")
                .hint("回到第 11 节（线程池多大合适）的 CPU 密集型：在空闲的机器上，线程数超过核数以后，时间还变不变短？")
                .verdict();
    }
}
