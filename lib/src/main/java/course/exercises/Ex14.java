package course.exercises;

import java.util.List;
import java.util.concurrent.TimeUnit;

import course.check.Answer;
import course.check.ConceptCheck;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.process.ProcessPool;

/**
 * Checks for the exercises of notebook 14 (进程池).
 *
 * <p>笔记本 14 的练习检查。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex14 {

    /** How long each square task of exercise 1 sleeps. */
    public static final long TASK_MILLIS = 400;
    /** How many tasks exercise 1 submits. */
    public static final int TASKS = 6;

    private Ex14() {
    }

    /**
     * 练习 1: with a pool of 2 workers, the learner computes the squares of 0..5 with the task
     * {@code square(i, TASK_MILLIS)}, asynchronously, and returns them in order.
     */
    public static Verdict asyncSquares(Answer<ProcessPool, List<Long>> learnerCode) {
        Exercise ex = Exercise.named("练习 1：异步提交，再收结果");
        try (ProcessPool pool = ProcessPool.withWorkers(2)) {
            long t0 = System.nanoTime();
            List<Long> got = ex.attempt("代码正常返回", () -> learnerCode.apply(pool),
                    "future.get() 可能抛出 ExecutionException（任务失败）或 InterruptedException：看异常的原因 getCause()。");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            long sync = TASKS * TASK_MILLIS;
            String results = "结果（按 0..5 的顺序）";
            if (got == null) {
                return ex.notChecked(results, "代码没有正常返回").verdict();
            }
            boolean async = millis < sync * 3 / 4;
            ex.expectTime("6 个任务一共用时（一个一个做要 " + sync + " ms）", millis, sync * 3 / 4,
                    "先把 6 个任务都 submit，把 Future 放进列表，再逐个 get()；submit(...).get() 写在同一个循环里就变成同步了。");
            return (async ? ex.expectEquals(results, List.of(0L, 1L, 4L, 9L, 16L, 25L), got,
                    "submit(\"square\", i, Ex14.TASK_MILLIS) 返回 Future，get() 得到 ProcessPoolResult，asLong() 是平方。")
                    : ex.notChecked(results, "先让用时这一项通过")).verdict();
        }
    }

    /**
     * 练习 2: the learner submits {@code crash(42)}, catches the failure and returns the worker's exit
     * code from {@link course.process.WorkerCrashedException}; then the pool must still work.
     */
    public static Verdict crashExitCode(Answer<ProcessPool, Integer> learnerCode) {
        Exercise ex = Exercise.named("练习 2：工作进程崩溃了");
        try (ProcessPool pool = ProcessPool.withWorkers(1)) {
            Integer code = ex.attempt("代码正常返回", () -> learnerCode.apply(pool),
                    "future.get() 抛出的 ExecutionException 要捕获：它的 getCause() 就是 WorkerCrashedException。");
            boolean stillWorks;
            try {
                stillWorks = pool.submit("pid").get(30, TimeUnit.SECONDS).workerPid() > 0;
            } catch (Exception e) {
                stillWorks = false;
            }
            return ex.expectEquals("读到的退出码", 42, code,
                            "future.get() 抛出 ExecutionException；它的 getCause() 是 WorkerCrashedException，exitCode() 就是退出码。")
                    .expectEquals("进程池换上的新工作进程个数", 1, pool.replacedWorkers(), "要提交 crash 任务：pool.submit(\"crash\", 42)。")
                    .expectIf(pool.replacedWorkers() > 0, "还没有工作进程崩溃", "崩溃以后进程池照常工作", stillWorks,
                            "崩溃只影响一个工作进程：这就是进程的隔离。")
                    .verdict();
        }
    }

    /** 概念 1: how long a loop of submit(...).get() takes on a pool of several workers. */
    public static Verdict concept1(Object answer) {
        return ConceptCheck.choice("概念 1：循环里的 submit(...).get()", answer).options("ABC").correct("B")
                .hint("A", "⌈8 / 4⌉ × 1 秒是先全部 submit、再收结果的时间；这里每个 submit 后面紧跟着什么？")
                .hint("C", "submit 确实立刻返回；可紧跟着的 get() 要等这个任务做完。")
                .hint("回到\"同步：submit(...).get() 写在循环里\"那一节：同一时刻有几个工作进程在干活？")
                .verdict();
    }

    /** 概念 2: what a task that ends its JVM does to a thread pool and to a process pool. */
    public static Verdict concept2(Object answer) {
        return ConceptCheck.choice("概念 2：一个任务让 JVM 结束了", answer).options("ABCD").correct("B")
                .hint("A", "第 11 节的 ExecutionException 装的是任务抛出的异常；System.exit 不抛异常，它结束的是调用它的整个进程。")
                .hint("C", "反过来了：哪一边的任务和你的主程序在同一个 JVM 里？")
                .hint("D", "System.exit 结束的是调用它的那个进程；工作进程是另一个进程。")
                .hint("回到\"崩溃隔离\"那一节：线程池的线程和进程池的工作进程，各在哪个进程里？")
                .verdict();
    }
}
