package course.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import course.base.Args;

/**
 * A pool of worker JVMs that run named tasks, like Python's {@code ProcessPoolExecutor}:
 * {@link #submit} returns a {@link Future} at once; the result names the worker's pid.
 *
 * <p>进程池（process pool）：Java 标准库里没有 {@code ProcessPoolExecutor}，这里用几个子 JVM
 * 当工作进程（worker），默认个数 = CPU 核数。{@code submit("square", 3)} 立刻返回一个
 * {@link Future}，任务在某个空闲的工作进程里执行；{@code future.get()} 等结果。
 * 任务不能是 lambda（进程之间不共享内存，代码和对象都"递"不过去），只能是工作进程里已有的
 * 具名任务（见 {@link PoolTasks}），参数和结果都是文字。
 *
 * <p>一个工作进程崩溃（进程退出）时，它手上那个任务的 Future 以 {@link WorkerCrashedException}
 * 失败（带退出码和标准错误的最后几行），进程池马上换上一个新的工作进程。
 * {@link #close()}（像 Python 的 {@code shutdown(wait=True)}）等已提交的任务做完，再结束所有工作进程。
 *
 * <pre>{@code
 * try (ProcessPool pool = ProcessPool.create()) {
 *     List<Future<ProcessPoolResult>> futures = new ArrayList<>();
 *     for (int i = 0; i < 10; i++) futures.add(pool.submit("square", i));   // 异步：立刻返回
 *     for (var f : futures) System.out.println(f.get());
 * }
 * }</pre>
 *
 * <p>Thread-safety: {@link #submit} and the accessors may be called from any thread at the same
 * time; each worker is fed by its own thread, one task at a time, in the order submitted.
 * {@link #close()} and {@link #shutdownNow()} may be called from any thread, also while tasks run.
 * What a task prints in its worker appears in this JVM's {@code System.out} while the task runs.
 */
public final class ProcessPool implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(120);
    private static final int STDERR_TAIL_LINES = 8;

    private final int size;
    private final LinkedBlockingQueue<Job> pending = new LinkedBlockingQueue<>();
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger replaced = new AtomicInteger();
    private final Duration startupTime;
    private volatile boolean shutdown;
    private volatile boolean stopNow;

    private record Job(long id, String task, List<String> args, CompletableFuture<ProcessPoolResult> future) {
        String call() {
            return task + "(" + String.join(", ", args) + ")";
        }
    }

    private ProcessPool(int size) {
        this.size = size;
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < size; i++) {
                slots.add(new Slot(i));
            }
            for (Slot s : slots) {
                s.awaitReady(s.worker);
            }
        } catch (RuntimeException e) {
            slots.forEach(Slot::kill);
            throw e;
        }
        this.startupTime = Duration.ofNanos(System.nanoTime() - t0);
        for (Slot s : slots) {
            s.thread.start();
        }
    }

    /** A pool with one worker per CPU core (Python: {@code ProcessPoolExecutor()}). */
    public static ProcessPool create() {
        return withWorkers(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A pool with {@code workers} worker JVMs, started now (this waits until each is ready).
     *
     * @throws IllegalArgumentException when workers is not between 1 and 64
     */
    public static ProcessPool withWorkers(int workers) {
        return new ProcessPool(Args.inRange("workers", workers, 1, 64, "工作进程数"));
    }

    /**
     * Submits the named task (see {@link PoolTasks}) with its arguments and returns at once.
     *
     * @return a future whose {@code get()} gives the result, or throws {@link java.util.concurrent.ExecutionException}
     *         caused by {@link WorkerTaskException} or {@link WorkerCrashedException}
     * @throws RejectedExecutionException after {@link #close()}
     */
    public Future<ProcessPoolResult> submit(String task, Object... args) {
        Args.notNull("task", task);
        if (shutdown) {
            throw new RejectedExecutionException("the pool is closed / 进程池已经关闭，不能再提交任务");
        }
        List<String> texts = Arrays.stream(args).map(String::valueOf).collect(Collectors.toList());
        Job job = new Job(ids.incrementAndGet(), task, texts, new CompletableFuture<>());
        pending.add(job);
        return job.future;
    }

    /** The number of worker processes. */
    public int workers() {
        return size;
    }

    /** The pids of the current worker processes. */
    public List<Long> workerPids() {
        return slots.stream().map(s -> s.worker.pid()).collect(Collectors.toList());
    }

    /** How many crashed workers were replaced so far. */
    public int replacedWorkers() {
        return replaced.get();
    }

    /** How long starting the workers took (JVM start until each said READY). */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Stops taking tasks, waits (up to 2 minutes) for the submitted ones to finish, then ends every
     * worker. Python: {@code shutdown(wait=True)}.
     */
    @Override
    public void close() {
        shutdown = true;
        long deadline = System.nanoTime() + CLOSE_LIMIT.toNanos();
        for (Slot s : slots) {
            try {
                s.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        shutdownNow();
    }

    /** Stops at once: pending tasks are cancelled and every worker is destroyed. */
    public void shutdownNow() {
        shutdown = true;
        stopNow = true;
        Job j;
        while ((j = pending.poll()) != null) {
            j.future.cancel(false);
        }
        for (Slot s : slots) {
            s.thread.interrupt();
        }
        for (Slot s : slots) {
            try {
                s.thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s.kill();
        }
    }

    @Override
    public String toString() {
        return "ProcessPool " + size + " 个工作进程 pid " + workerPids() + (shutdown ? " (已关闭)" : "");
    }

    /** One worker JVM and the thread that feeds it. */
    private final class Slot {
        final int index;
        final Thread thread;
        volatile ChildJvm worker;

        Slot(int index) {
            this.index = index;
            this.worker = startWorker();
            this.thread = new Thread(this::loop, "process-pool-" + index);
            thread.setDaemon(true);
        }

        private ChildJvm startWorker() {
            return ChildJvm.builder(PoolWorker.class).echo(false).start();
        }

        void awaitReady(ChildJvm w) {
            try {
                String line = w.nextLine(START_LIMIT);
                if (line == null || !line.startsWith("READY\t")) {
                    w.close();
                    throw new IllegalStateException("worker pid " + w.pid() + " did not start: "
                            + (line == null ? "no answer in " + START_LIMIT.toSeconds() + " s" : "'" + line + "'")
                            + "; stderr: " + tail(w));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                w.close();
                throw new IllegalStateException("interrupted while starting workers", e);
            }
        }

        private void loop() {
            try {
                while (!stopNow) {
                    Job job = pending.poll(100, TimeUnit.MILLISECONDS);
                    if (job == null) {
                        if (shutdown) {
                            return;
                        }
                        continue;
                    }
                    if (!job.future.isDone()) {
                        run(job);
                    }
                }
            } catch (InterruptedException e) {
                // shutdownNow
            }
        }

        private void run(Job job) throws InterruptedException {
            ChildJvm w = worker;
            StringBuilder frame = new StringBuilder("RUN\t").append(job.id).append('\t').append(Frames.escape(job.task));
            for (String a : job.args) {
                frame.append('\t').append(Frames.escape(a));
            }
            w.stdin().print(frame.append('\n'));
            w.stdin().flush();
            try {
                while (true) {
                    String line = w.nextLine(Duration.ofMillis(100));
                    if (line == null) {
                        if (!w.isAlive()) {
                            w.waitFor(Duration.ofSeconds(2));
                            line = w.nextLine(Duration.ZERO);
                            if (line == null) {
                                crashed(job, w);
                                return;
                            }
                        } else {
                            continue;
                        }
                    }
                    String[] f = line.split("\t", -1);
                    switch (f[0]) {
                        case "OUT" -> System.out.println(Frames.unescape(f.length > 1 ? f[1] : ""));
                        case "DONE" -> {
                            job.future.complete(new ProcessPoolResult(job.task, job.args, Frames.unescape(f[3]),
                                    w.pid(), Duration.ofNanos(Long.parseLong(f[2]))));
                            return;
                        }
                        case "FAIL" -> {
                            job.future.completeExceptionally(new WorkerTaskException(job.call(), w.pid(),
                                    Frames.unescape(f[2])));
                            return;
                        }
                        default -> System.out.println(line);
                    }
                }
            } catch (InterruptedException e) {
                job.future.completeExceptionally(new CancellationException("the pool was shut down / 进程池被立即关闭"));
                throw e;
            } catch (RuntimeException e) {
                job.future.completeExceptionally(e);
            }
        }

        private void crashed(Job job, ChildJvm dead) {
            int code = dead.isAlive() ? -1 : dead.exitCode();
            String tail = tail(dead);
            dead.close();
            WorkerCrashedException crash = new WorkerCrashedException(job.call(), dead.pid(), code, tail);
            try {
                if (!stopNow) {                    // replace first: whoever sees the failure sees the new worker
                    ChildJvm fresh = startWorker();
                    worker = fresh;
                    awaitReady(fresh);
                    replaced.incrementAndGet();
                }
            } finally {
                job.future.completeExceptionally(crash);
            }
        }

        void kill() {
            ChildJvm w = worker;
            w.closeStdin();
            try {
                w.waitFor(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            w.close();
        }
    }

    private static String tail(ChildJvm w) {
        List<String> lines = Arrays.asList(w.stderr().split("\n"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size()));
    }
}
