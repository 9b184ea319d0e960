package course.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import course.base.Args;
import course.threads.ThreadLabResult.Outcome;
import course.threads.ThreadLabResult.Status;

/**
 * Runs a few demo threads safely inside a notebook kernel: released together, joined with a time
 * limit, their output collected, nothing left running.
 *
 * <p>在笔记本内核里安全地运行几个演示线程：
 * <ul>
 *   <li>所有线程先在"起跑线"（start gate）等着，全部就位后同时出发；</li>
 *   <li>每个线程把输出写进 {@link LabLog}（带线程名和毫秒时间），结束后按时间顺序一起显示；</li>
 *   <li>主线程最多等 {@link #timeout(Duration)}（默认 10 秒），没结束的线程会被中断（interrupt）；</li>
 *   <li>线程是守护线程（daemon），抛出的异常被记录下来而不是打断单元格；</li>
 *   <li>中断之后仍然不结束的线程（例如卡在 {@code synchronized} 上）按名字报告出来。</li>
 * </ul>
 *
 * <pre>{@code
 * ThreadLab.create("两个线程")
 *         .thread("线程1", out -> out.println("你好"))
 *         .thread("线程2", out -> out.println("世界"))
 *         .run()            // 作为单元格最后一个表达式：显示按时间排序的输出和每个线程的结局
 * }</pre>
 *
 * <p>Thread-safety: configure and run a lab from one thread. A lab runs once. {@link #run()} returns
 * only when every thread has ended or has been reported as stuck; {@link #close()} interrupts any
 * thread still alive (use try-with-resources when code between creating and running may throw).
 */
public final class ThreadLab implements AutoCloseable {

    /** The code one demo thread runs; it writes its output to {@code out}. */
    @FunctionalInterface
    public interface Body {
        void run(LabLog out) throws Exception;
    }

    /** Default time the lab waits for all threads together. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time a thread gets to end after it was interrupted. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);

    private record Spec(String name, Body body) {
    }

    private final String title;
    private final List<Spec> specs = new ArrayList<>();
    private final List<Thread> started = new ArrayList<>();
    private final LabLog log = LabLog.start();
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration grace = DEFAULT_GRACE;
    private boolean ran;

    private ThreadLab(String title) {
        this.title = title;
    }

    /** A new lab; {@code title} heads its report. */
    public static ThreadLab create(String title) {
        return new ThreadLab(Args.notNull("title", title));
    }

    /**
     * The log the threads write to; other threads (a watchdog, a pool's workers) may write to it too.
     * Its time zero is moved to the moment the start gate opens.
     */
    public LabLog log() {
        return log;
    }

    /**
     * How long {@link #run()} waits for all threads together before interrupting the rest.
     *
     * @throws IllegalArgumentException when not positive
     */
    public ThreadLab timeout(Duration timeout) {
        this.timeout = Args.positive("timeout", timeout, "时间限制");
        return this;
    }

    /**
     * How long an interrupted thread gets to end before it is reported as stuck.
     *
     * @throws IllegalArgumentException when not positive
     */
    public ThreadLab grace(Duration grace) {
        this.grace = Args.positive("grace", grace, "中断后的等待时间");
        return this;
    }

    /**
     * Adds a thread called {@code name} that runs {@code body}.
     *
     * @throws IllegalArgumentException when the name is blank or already used
     */
    public ThreadLab thread(String name, Body body) {
        Args.notNull("name", name);
        Args.notNull("body", body);
        if (ran) {
            throw new IllegalStateException("lab '" + title + "' already ran / 这个实验已经运行过了，请重新 create");
        }
        Args.check(!name.isBlank(), "thread name", "\"" + name + "\"", "not be blank", "线程名不能为空");
        Args.check(specs.stream().noneMatch(s -> s.name().equals(name)), "thread name", name, "be unique", "线程名重复了");
        specs.add(new Spec(name, body));
        return this;
    }

    /**
     * Adds {@code count} threads called {@code prefix1 … prefixN}, all running {@code body}.
     *
     * @throws IllegalArgumentException when count is not positive
     */
    public ThreadLab threads(String prefix, int count, Body body) {
        Args.positive("count", count, "线程数");
        for (int i = 1; i <= count; i++) {
            thread(prefix + i, body);
        }
        return this;
    }

    /**
     * Starts every thread (daemon), opens the start gate when all are ready, joins each within the
     * time limit, interrupts the late ones and reports what happened.
     *
     * @throws IllegalStateException when no thread was added or the lab already ran
     */
    public ThreadLabResult run() {
        if (specs.isEmpty()) {
            throw new IllegalStateException("lab '" + title + "' has no threads / 先用 thread(...) 加入至少一个线程");
        }
        if (ran) {
            throw new IllegalStateException("lab '" + title + "' already ran / 这个实验已经运行过了，请重新 create");
        }
        ran = true;
        int n = specs.size();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch gate = new CountDownLatch(1);
        Throwable[] errors = new Throwable[n];
        long[] ended = new long[n];
        for (int i = 0; i < n; i++) {
            Spec spec = specs.get(i);
            int k = i;
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    gate.await();
                    spec.body().run(log);
                } catch (Throwable e) {
                    errors[k] = e;
                } finally {
                    ended[k] = System.nanoTime();
                }
            }, spec.name());
            t.setDaemon(true);
            started.add(t);
        }
        boolean interrupted = false;
        long t0;
        try {
            started.forEach(Thread::start);
            interrupted = !await(ready, timeout);
        } finally {
            log.resetClock();
            t0 = System.nanoTime();
            gate.countDown();
        }
        long deadline = t0 + timeout.toNanos();
        for (Thread t : started) {
            if (!joinUntil(t, deadline)) {
                interrupted = true; // someone interrupted the cell: stop waiting, interrupt the demo now
                break;
            }
        }
        Set<Thread> late = new LinkedHashSet<>();
        for (Thread t : started) {
            if (t.isAlive()) {
                late.add(t);
                t.interrupt();
            }
        }
        long graceDeadline = System.nanoTime() + grace.toNanos();
        for (Thread t : late) {
            interrupted |= !joinUntil(t, graceDeadline);
        }
        long elapsed = System.nanoTime() - t0;
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = started.get(i);
            // Reading errors[i]/ended[i] after join() (or after seeing !isAlive()) is safe: join happens-before.
            if (t.isAlive()) {
                outcomes.add(new Outcome(t.getName(), Status.STUCK, Duration.ofNanos(elapsed), null, whereStuck(t)));
            } else {
                Status status = late.contains(t) ? Status.INTERRUPTED
                        : errors[i] != null ? Status.FAILED : Status.FINISHED;
                outcomes.add(new Outcome(t.getName(), status, Duration.ofNanos(Math.max(0, ended[i] - t0)), errors[i], ""));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new ThreadLabResult(title, log.lines(), outcomes, timeout, Duration.ofNanos(elapsed));
    }

    /** Interrupts every thread of this lab that is still alive. */
    @Override
    public void close() {
        for (Thread t : started) {
            if (t.isAlive()) {
                t.interrupt();
            }
        }
    }

    /**
     * Joins each thread within {@code timeout} (all together), interrupts those still alive, gives them
     * {@link #DEFAULT_GRACE} to end, and returns the names of those that did not: for demos written
     * with plain {@code new Thread(...)}.
     *
     * <p>给直接用 {@code new Thread} 写的演示用：一共最多等 {@code timeout}；没结束的中断，
     * 再等一会儿；返回仍然活着的线程名（空列表 = 全部结束了）。
     */
    public static List<String> joinOrInterrupt(Duration timeout, Thread... threads) {
        Args.positive("timeout", timeout, "时间限制");
        boolean interrupted = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            if (!joinUntil(t, deadline)) {
                interrupted = true;
                break;
            }
        }
        for (Thread t : threads) {
            if (t.isAlive()) {
                t.interrupt();
            }
        }
        long graceDeadline = System.nanoTime() + DEFAULT_GRACE.toNanos();
        List<String> stuck = new ArrayList<>();
        for (Thread t : threads) {
            interrupted |= !joinUntil(t, graceDeadline);
            if (t.isAlive()) {
                stuck.add(t.getName());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return List.copyOf(stuck);
    }

    /**
     * Joins {@code t} until {@code deadline} (System.nanoTime); false, at once, when the calling thread
     * is interrupted (its flag is then clear: the caller restores it when done).
     */
    static boolean joinUntil(Thread t, long deadline) {
        while (t.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean await(CountDownLatch latch, Duration timeout) {
        boolean ok = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return ok;
            } catch (InterruptedException e) {
                ok = false;
            }
        }
    }

    private static String whereStuck(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        StringBuilder sb = new StringBuilder(t.getState().toString());
        for (int i = 0; i < Math.min(3, stack.length); i++) {
            sb.append(i == 0 ? " at " : " ← ").append(stack[i]);
        }
        return sb.toString();
    }
}
