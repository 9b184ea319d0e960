package course.exercises;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import course.check.Exercise;
import course.check.Exercise.Verdict;

/**
 * Checks for the exercises of notebook 03 (程序、进程与线程).
 *
 * <p>笔记本 03 的练习检查：让一个线程进入 TIMED_WAITING；把 Java 的线程状态对应到进程的三种状态。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex03 {

    /** A piece of code that may throw, run on a new thread. 可以抛异常的一段代码。 */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private Ex03() {
    }

    /**
     * 练习 1: runs {@code body} on a new daemon thread, watches it for up to 3 s until it is TIMED_WAITING,
     * then interrupts it and waits for it to end.
     */
    public static Verdict timedWaiting(Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                // expected: the check interrupts the thread once it has seen the state
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "练习1-线程");
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        Thread.State seen = t.getState();
        while (seen != Thread.State.TIMED_WAITING && seen != Thread.State.TERMINATED && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            seen = t.getState();
        }
        boolean reached = seen == Thread.State.TIMED_WAITING;
        t.interrupt();
        try {
            t.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Exercise.named("练习 1：让线程进入 TIMED_WAITING")
                .expect("观察到的状态是 TIMED_WAITING（实际最后看到 " + seen + "）", reached,
                        "TIMED_WAITING = 有时间限制的等待：Thread.sleep(毫秒)、join(毫秒)、latch.await(时间, 单位)……"
                                + "代码一下子就执行完的话，线程直接变成 TERMINATED。")
                .expect("被 interrupt() 之后线程结束了", !t.isAlive(),
                        "不要吞掉 InterruptedException 再接着等：让它抛出去，线程就会结束。")
                .verdict();
    }

    /**
     * 练习 2: the learner maps each Java {@link Thread.State} to the seed's process states (就绪 / 执行 / 等待)
     * or to 新建 / 终止.
     */
    public static Verdict stateMapping(Map<Thread.State, String> mapping) {
        Exercise e = Exercise.named("练习 2：Java 线程状态 ↔ 就绪 / 执行 / 等待");
        Map<Thread.State, String> m = mapping == null ? Map.of() : mapping;
        for (Thread.State s : Thread.State.values()) {
            String a = m.getOrDefault(s, "");
            a = a == null ? "" : a;
            boolean ok = switch (s) {
                case NEW -> a.contains("新建");
                case RUNNABLE -> a.contains("就绪") && a.contains("执行");
                case BLOCKED, WAITING, TIMED_WAITING -> a.contains("等待") && !a.contains("执行");
                case TERMINATED -> a.contains("终止");
            };
            String hint = switch (s) {
                case NEW -> "创建了还没 start() 的线程：还没进入调度，叫 新建。";
                case RUNNABLE -> "Java 不区分排队等 CPU 和正在 CPU 上跑：RUNNABLE 同时包括 就绪 和 执行 两种。";
                case BLOCKED, WAITING, TIMED_WAITING -> "线程在等锁、等别的线程或者等时间到：给它 CPU 也没用，是 等待。";
                case TERMINATED -> "run() 已经结束：终止。";
            };
            e.expect(s + " → \"" + a + "\"", ok, hint);
        }
        return e.verdict();
    }

    /** The reference answer of 练习 2 (for tests and the solution notebook). */
    static Map<Thread.State, String> stateMappingAnswer() {
        Map<Thread.State, String> m = new EnumMap<>(Thread.State.class);
        m.put(Thread.State.NEW, "新建");
        m.put(Thread.State.RUNNABLE, "就绪或执行");
        m.put(Thread.State.BLOCKED, "等待");
        m.put(Thread.State.WAITING, "等待");
        m.put(Thread.State.TIMED_WAITING, "等待");
        m.put(Thread.State.TERMINATED, "终止");
        return m;
    }
}
