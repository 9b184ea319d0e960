package course.exercises;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import course.check.Exercise;

/**
 * Runs a learner's code with a time limit on a daemon thread, and finds the threads it left running.
 *
 * <p>在一个守护线程里运行学习者的代码，限定时间；结束后找出它启动了、还没结束的线程。
 *
 * <p>Thread-safety: call from one thread; the learner's code runs on a daemon thread of its own.
 */
final class LearnerRun<R> {

    /** What happened: the result (or null), what went wrong (or null), the time, the threads left alive. */
    record Outcome<R>(R result, String problem, long millis, List<Thread> leftThreads) {
        boolean ok() {
            return problem == null;
        }
    }

    private LearnerRun() {
    }

    /**
     * Runs {@code code}; waits at most {@code limitMillis}, then up to {@code graceMillis} for the threads
     * it started to end. Threads still alive are interrupted when {@code interruptLeftovers} is true.
     */
    static <R> Outcome<R> run(Callable<R> code, long limitMillis, long graceMillis, boolean interruptLeftovers) {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "练习检查");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        R result = null;
        String problem = null;
        Future<R> f = runner.submit(code);
        try {
            result = f.get(limitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            problem = "超过 " + limitMillis + " ms 还没有结束";
        } catch (ExecutionException e) {
            problem = "抛出了异常 " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "检查被中断";
        } finally {
            runner.shutdownNow();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        try {
            runner.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + graceMillis * 1_000_000;
        List<Thread> left = newThreads(before);
        for (Thread t : left) {
            long rest = (deadline - System.nanoTime()) / 1_000_000;
            if (rest > 0) {
                try {
                    t.join(rest);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        left = newThreads(before);
        if (interruptLeftovers) {
            left.forEach(Thread::interrupt);
        }
        return new Outcome<>(result, problem, millis, left);
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && !t.getName().equals("练习检查")
                        && !t.getName().startsWith("HttpClient-") && !t.getName().startsWith("ForkJoinPool.commonPool")
                        && !t.getName().startsWith("页面服务器-"))
                .toList();
    }

    /**
     * Records whether the learner's code ended by itself: failed when it overran or threw; not checked
     * when it ended without doing the work ({@code didWork} false: an untouched stub ends at once, which
     * proves nothing); passed otherwise, with the time it took.
     */
    static Exercise ended(Exercise ex, Outcome<?> out, String what, boolean didWork, String hint) {
        if (!out.ok()) {
            return ex.expect(what + "：" + out.problem(), false, hint);
        }
        return didWork ? ex.expect(what + "（" + out.millis() + " ms）", true, hint) : ex.notChecked(what, "代码还没有做这件事");
    }

    static String names(List<Thread> threads) {
        return threads.stream().map(Thread::getName).toList().toString();
    }
}
