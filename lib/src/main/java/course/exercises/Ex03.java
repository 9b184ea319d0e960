package course.exercises;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import course.check.Exercise;
import course.check.Exercise.Verdict;

/**
 * Checks for the exercises of notebook 03 (程序、进程与线程).
 *
 * <p>笔记本 03 的练习检查：让一个线程进入 TIMED_WAITING；预测线程在几种情况下的状态（检查真的让线程进入
 * 这些情况，再读它的状态）。
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
        join(t);
        Exercise e = Exercise.named("练习 1：让线程进入 TIMED_WAITING")
                .expect("线程进入了 TIMED_WAITING" + (reached ? "" : "（最后看到的是 " + seen + "）"), reached,
                        "TIMED_WAITING = 有时间限制的等待：Thread.sleep(毫秒)、join(毫秒)、latch.await(时间, 单位)……"
                                + "代码一下子就执行完的话，线程直接变成 TERMINATED。");
        return (reached ? e.expect("被 interrupt() 之后线程结束了", !t.isAlive(),
                        "不要吞掉 InterruptedException 再接着等：让它抛出去，线程就会结束。")
                : e.notChecked("被 interrupt() 之后线程结束了", "线程还没有进入 TIMED_WAITING")).verdict();
    }

    /**
     * The situations of 练习 2, keyed A to E: what a thread is doing when its state is read. The check
     * makes each of them happen on a real thread.
     */
    public static final Map<String, String> SITUATIONS = situations();

    private static Map<String, String> situations() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("A", "线程调用 lock.lock()，这把 ReentrantLock 正被别的线程拿着");
        m.put("B", "线程调用 queue.take()，这个 ArrayBlockingQueue 是空的");
        m.put("C", "线程调用 lock.tryLock(10, TimeUnit.SECONDS)，锁正被别的线程拿着");
        m.put("D", "线程调用 future.get(10, TimeUnit.SECONDS)，任务还没做完");
        m.put("E", "线程在一个循环里不停地调用 Thread.yield()");
        return Collections.unmodifiableMap(m);
    }

    private static final Map<String, String> HINTS = Map.of(
            "A", "BLOCKED 只用于等 synchronized 的锁。java.util.concurrent 的锁让等锁的线程怎样等？有没有时间限制？",
            "B", "队列空着，take() 要等到别的线程放进东西为止；它没有时间参数。",
            "C", "tryLock 带着时间参数：等不到锁，时间一到就放弃。",
            "D", "get 带着时间参数：任务再不完成，时间一到就抛出 TimeoutException。",
            "E", "yield() 只是告诉调度器\"可以先让别人用 CPU\"：线程并没有在等什么，随时可以接着执行。");

    /**
     * 练习 2: the learner's prediction of {@link Thread#getState()} in each of the {@link #SITUATIONS}. The check
     * puts a real thread into each situation and compares the state it reads with the prediction; a wrong
     * prediction is answered with a hint, not with the state.
     */
    public static Verdict predictStates(Map<String, Thread.State> predicted) {
        Exercise e = Exercise.named("练习 2：预测线程的状态");
        Map<String, Thread.State> p = predicted == null ? Map.of() : predicted;
        for (Map.Entry<String, String> situation : SITUATIONS.entrySet()) {
            String key = situation.getKey();
            e.expectAnswer(key + "：" + situation.getValue(), observe(key), p.get(key), HINTS.get(key));
        }
        return e.verdict();
    }

    /** Puts a new thread into situation {@code key}, reads its state, lets it finish and returns the state. */
    static Thread.State observe(String key) {
        ReentrantLock lock = new ReentrantLock();
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(1);
        CompletableFuture<String> future = new CompletableFuture<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Body situation = switch (key) {
            case "A" -> () -> {
                lock.lock();
                lock.unlock();
            };
            case "B" -> queue::take;
            case "C" -> () -> {
                if (lock.tryLock(10, TimeUnit.SECONDS)) {
                    lock.unlock();
                }
            };
            case "D" -> () -> future.get(10, TimeUnit.SECONDS);
            case "E" -> () -> {
                while (!stop.get()) {
                    Thread.yield();
                }
            };
            default -> throw new IllegalArgumentException("situation (" + key + ") must be one of A-E / 情况只有 A 到 E");
        };
        lock.lock();
        Thread t = new Thread(() -> {
            started.countDown();
            try {
                situation.run();
            } catch (Exception ignored) {
                // interrupted or timed out when the check ends the situation: the state was read already
            }
        }, "练习2-情况" + key);
        t.setDaemon(true);
        Thread.State seen;
        try {
            t.start();
            await(started);
            seen = settle(t, !key.equals("E"));
        } finally {
            lock.unlock();
            queue.offer("结束");
            future.complete("结束");
            stop.set(true);
            join(t);
            t.interrupt();
        }
        return seen;
    }

    /** The state of {@code t} once it has stopped running (when {@code waits}) or at once; at most 3 s. */
    private static Thread.State settle(Thread t, boolean waits) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        Thread.State s = t.getState();
        while (waits && s == Thread.State.RUNNABLE && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            s = t.getState();
        }
        return s;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t) {
        try {
            t.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reference answer of 练习 2 (for tests). */
    static Map<String, Thread.State> predictStatesAnswer() {
        return Map.of("A", Thread.State.WAITING, "B", Thread.State.WAITING, "C", Thread.State.TIMED_WAITING,
                "D", Thread.State.TIMED_WAITING, "E", Thread.State.RUNNABLE);
    }
}
