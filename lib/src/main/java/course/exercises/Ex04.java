package course.exercises;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

import course.check.Exercise;
import course.check.Exercise.Verdict;

/**
 * Checks for the exercises of notebook 04 (线程的创建).
 *
 * <p>笔记本 04 的练习检查。每个方法接收学习者写的代码（一个 lambda），运行它并给出反馈：
 * 练习 1 三个线程同时工作；练习 2 用 join(毫秒) 和 isAlive() 最多等一个线程多久。
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
        String where = "三次 work 在三个不同的新线程里执行";
        if (names == null) {
            return ex.notChecked(where, "代码没有正常返回").notChecked("总耗时", "代码没有正常返回").verdict();
        }
        boolean three = names.size() == 3;
        ex.expect(where + "（线程名：" + names + "）", three && new HashSet<>(names).size() == 3 && !names.contains(caller),
                three ? "要调用 start()，不是 run()：run() 在当前线程（" + caller + "）里执行。"
                        : "work 被执行了 " + names.size() + " 次：每个线程执行一次 work(i)，把它的返回值放进列表。");
        return ex.expectTimeIf(three, "还没有三个结果", "总耗时", millis, 2 * WORK_MILLIS,
                "先把三个线程都 start()，再逐个 join()；start 一个就 join 一个，等于又变成了顺序执行。").verdict();
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

    /** The learner's answer to 练习 2. */
    @FunctionalInterface
    public interface FinishedWithin {
        boolean finishedWithin(Thread t, long millis) throws InterruptedException;
    }

    /** 练习 2: the nap of the thread that ends in time, and the time it is given, in milliseconds. */
    public static final long SHORT_NAP_MILLIS = 200;
    public static final long LONG_WAIT_MILLIS = 2000;
    /** 练习 2: the time given to the thread that needs 3 s. */
    public static final long SHORT_WAIT_MILLIS = 300;

    /**
     * 练习 2: {@code finishedWithin(t, millis)} waits at most {@code millis} ms for the started thread {@code t}
     * and says whether it ended in that time, returning as soon as it ends. Checked on a thread that naps
     * {@link #SHORT_NAP_MILLIS} ms (given {@link #LONG_WAIT_MILLIS} ms) and one that needs 3 s (given
     * {@link #SHORT_WAIT_MILLIS} ms).
     */
    public static Verdict finishedWithin(FinishedWithin learnerCode) {
        Exercise ex = Exercise.named("练习 2：最多等多久");
        Wait quick = waitFor(learnerCode, SHORT_NAP_MILLIS, LONG_WAIT_MILLIS);
        ex.expect("线程 " + SHORT_NAP_MILLIS + " ms 就结束、最多等 " + LONG_WAIT_MILLIS + " ms：" + quick,
                quick.returned(true) && !quick.aliveAtReturn() && quick.millis() < LONG_WAIT_MILLIS,
                quick.returned(true) && quick.aliveAtReturn()
                        ? "返回 true 的时候线程还活着：要先等它，再看它是不是真的结束了。"
                        : "线程结束了就该返回 true，而且一结束就返回，不要等满 " + LONG_WAIT_MILLIS + " ms：join(毫秒) 正是这样等的。");
        Wait slow = waitFor(learnerCode, 3000, SHORT_WAIT_MILLIS);
        ex.expect("线程要 3000 ms、最多等 " + SHORT_WAIT_MILLIS + " ms：" + slow,
                slow.returned(false) && slow.millis() >= SHORT_WAIT_MILLIS - 20 && slow.millis() < 3000,
                slow.returned(false) ? "返回得太早了：要等满 " + SHORT_WAIT_MILLIS + " ms，线程还没结束才返回 false。"
                        : "join(毫秒) 时间到了就返回，不管线程结束了没有：返回以后用 isAlive() 看一看。");
        return ex.verdict();
    }

    /** What the learner's code did with one thread: returned (or failed with) what, after how long. */
    private record Wait(Boolean result, String problem, long millis, boolean aliveAtReturn) {
        boolean returned(boolean b) {
            return result != null && result == b;
        }

        @Override
        public String toString() {
            return problem != null ? problem : "返回 " + result + "，用时 " + millis + " ms";
        }
    }

    private static Wait waitFor(FinishedWithin learnerCode, long napMillis, long limitMillis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(napMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "练习2-睡" + napMillis + "毫秒");
        t.setDaemon(true);
        t.start();
        boolean[] alive = new boolean[1];
        LearnerRun.Outcome<Boolean> out = LearnerRun.run(() -> {
            boolean r = learnerCode.finishedWithin(t, limitMillis);
            alive[0] = t.isAlive();
            return r;
        }, napMillis + limitMillis + 2000, 0, false);
        t.interrupt();
        return new Wait(out.result(), out.problem(), out.millis(), alive[0]);
    }
}
