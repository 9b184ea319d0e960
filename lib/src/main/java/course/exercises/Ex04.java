package course.exercises;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

import course.check.Exercise;
import course.check.Exercise.Verdict;

/**
 * Checks for the exercises of notebook 04 (线程的创建).
 *
 * <p>笔记本 04 的练习检查。每个方法接收学习者写的代码（一个 lambda），运行它并给出反馈。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex04 {

    /** How long each task of exercise 1 sleeps, in milliseconds. */
    public static final long WORK_MILLIS = 300;

    private Ex04() {
    }

    /**
     * 练习 1: the learner's code runs {@code work} three times on three new threads at once and
     * returns the names of the threads that ran it (what {@code work} returned).
     */
    public static Verdict threeThreads(Callable<List<String>> learnerCode) {
        Exercise ex = Exercise.named("练习 1：三个线程同时工作");
        String caller = Thread.currentThread().getName();
        long t0 = System.nanoTime();
        List<String> names = ex.attempt("代码正常返回", learnerCode, "join() 可能抛出 InterruptedException：方法上写 throws 就行。");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        boolean three = names != null && names.size() == 3;
        return ex.expectEquals("work 被执行的次数", 3, names == null ? 0 : names.size(),
                        "每个线程执行一次 work(i)，把它的返回值放进列表。")
                .expect("三次 work 在三个不同的新线程里执行 (线程名: " + names + ")",
                        three && new HashSet<>(names).size() == 3 && !names.contains(caller),
                        "要调用 start()，不是 run()：run() 在当前线程（" + caller + "）里执行。")
                .expect("总耗时 " + millis + " ms，少于 " + 2 * WORK_MILLIS + " ms（三个线程同时睡）",
                        three && millis < 2 * WORK_MILLIS,
                        "先把三个线程都 start()，再逐个 join()；start 一个就 join 一个，等于又变成了顺序执行。")
                .verdict();
    }

    /**
     * The task of exercise 1: sleeps {@link #WORK_MILLIS} ms and returns the name of the thread
     * that ran it.
     */
    public static String work(int i) {
        try {
            Thread.sleep(WORK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Thread.currentThread().getName();
    }

    /**
     * 练习 2: {@code isAlive()} of one thread that sleeps 1 s (long enough for JShell to compile the next line on a
     * busy machine), read before {@code start()},
     * right after {@code start()}, and after {@code join()}.
     */
    public static Verdict aliveStates(boolean beforeStart, boolean afterStart, boolean afterJoin) {
        return Exercise.named("练习 2：isAlive() 的三个时刻")
                .expectEquals("start() 之前", false, beforeStart, "线程对象创建了，但还没有开始运行。")
                .expectEquals("start() 之后（线程还在睡）", true, afterStart, "start() 以后线程就活着，直到 run() 结束。")
                .expectEquals("join() 之后", false, afterJoin, "join() 等到线程结束才返回。")
                .verdict();
    }
}
