/*
 * Replaces org.rapaio.jupyter.kernel.core.java.RapaioExecutionControl of rapaio-jupyter-kernel 3.0.1
 * (MIT License, Copyright (c) Aurelian Tutuianu), loaded ahead of the kernel jar.
 *
 * Interrupt (Kernel → Interrupt, or nbclient's interrupt) calls interrupt(), stop() and JShell's stop(),
 * which calls stop() again. The original stop() shut the executor down: the interrupted cell ended, but
 * every later cell failed, since no snippet could run any more (the kernel had to be restarted). Here
 * stop() only cancels what runs, like interrupt(); the executor lives until close().
 *
 * Cancelling interrupts the cell's thread, which ends code that waits (sleep, join, a queue, lockInterruptibly);
 * the cell says in Chinese that it was interrupted and the next cells run as usual.
 * Code that never looks at the interrupt flag (a busy loop, a thread blocked entering synchronized) would go on
 * running in the background, holding its locks and a core. So after a short grace the thread is stopped with
 * Thread.stop() where the JVM still has it (Java 17 to 19); where it does not (20+), or when the thread does not
 * die, the cell says so in Chinese and advises a restart. An interrupt that comes while no snippet of the cell
 * runs (JShell compiles the next one) is not lost: the cell's snippets that have not started do not run.
 *
 * The classes JShell compiled for a cell are rewritten as they load so that System.exit cannot end the kernel
 * (course.kernel.ExitGuard), and remembered as the cell's (course.kernel.Cells: output of their code belongs
 * to that cell). Each snippet runs with the running cell as its thread's cell, so the threads it creates
 * print into that cell.
 *
 * An exception from a cell's code is shown with the frames a learner needs (course.kernel.LearnerTraces).
 */
package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import course.kernel.Cells;
import course.kernel.ExitGuard;
import course.kernel.KernelThreads;
import course.kernel.LearnerTraces;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.SPIResolutionException;

public class RapaioExecutionControl extends DirectExecutionControl {

    public static final String TIMEOUT_MARKER = "## Timeout Marker ##";
    public static final String INTERRUPTED_MARKER = "## Interrupted Marker ##";

    /** How long an interrupted cell's thread gets to end by itself, and then after Thread.stop(). */
    private static final long GRACE_MILLIS = 1000;

    private final ExecutorService executor;
    private final long timeoutTime;
    private final ConcurrentMap<String, Future<Object>> running = new ConcurrentHashMap<>();
    /** The thread running each snippet, while it runs. */
    private final ConcurrentMap<String, Thread> runners = new ConcurrentHashMap<>();
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    /**
     * The cell the last interrupt came for. Set before the running snippets are cancelled, and read after a
     * snippet is registered, so an interrupt either cancels a snippet or keeps it from starting.
     */
    private volatile Cells.Cell interruptedCell;

    public RapaioExecutionControl(long timeoutTime) {
        this.timeoutTime = timeoutTime;
        this.executor = Executors.newCachedThreadPool(KernelThreads.factory("Engine-thread"));
    }

    public long getTimeout() {
        return timeoutTime;
    }

    public Object takeResult(String key) {
        Object result = results.remove(key);
        if (result == null) {
            throw new IllegalStateException("No result with key: " + key);
        }
        return result;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        for (ClassBytecodes c : classes) {
            Cells.classLoaded(c.name());
        }
        super.load(ExitGuard.rewrite(classes));
    }

    @Override
    protected String invoke(Method methodCall) throws Exception {
        String id = UUID.randomUUID().toString();
        Object value = execute(id, methodCall);
        results.put(id, value);
        return id;
    }

    private Object execute(String id, Method methodCall) throws Exception {
        FutureTask<Object> runningTask = new FutureTask<>(() -> {
            Cells.enterRunningCell();
            runners.put(id, Thread.currentThread());
            try {
                return methodCall.invoke(null);
            } finally {
                runners.remove(id);
            }
        });
        // registered before it can run: an interrupt that comes as soon as the cell has printed finds it
        running.put(id, runningTask);
        if (interruptedCell != null && interruptedCell == Cells.running()) {
            // the interrupt came while no snippet of this cell ran (JShell was compiling this one)
            running.remove(id, runningTask);
            System.err.println("已中断：这个单元格剩下的代码没有运行，后面的单元格照常运行。");
            throw new UserException("Execution interrupted.", INTERRUPTED_MARKER, new StackTraceElement[0]);
        }
        executor.execute(runningTask);

        try {
            if (timeoutTime > 0) {
                return runningTask.get(timeoutTime, TimeUnit.MILLISECONDS);
            }
            return runningTask.get();
        } catch (CancellationException e) {
            if (executor.isShutdown()) {
                throw new StoppedException();
            } else {
                endInterrupted(id);
                throw new UserException("Execution interrupted.", INTERRUPTED_MARKER, e.getStackTrace());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvocationTargetException) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw new UserException("null", "Unknown Invocation Exception", e.getStackTrace());
            } else if (cause instanceof SPIResolutionException spiResCause) {
                throw new ResolutionException(spiResCause.id(), cause.getStackTrace());
            } else {
                throw new UserException(LearnerTraces.message(cause), cause.getClass().getName(),
                        LearnerTraces.forLearner(cause.getStackTrace()));
            }
        } catch (TimeoutException e) {
            throw new UserException("Execution timed out", TIMEOUT_MARKER, e.getStackTrace());
        } finally {
            running.remove(id, runningTask);
        }
    }

    /**
     * After a cancel: waits for the snippet's thread to end; stops it if it ignores the interrupt; tells the
     * learner (this cell's stderr) when it still runs.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private void endInterrupted(String id) {
        Thread runner = runners.get(id);
        if (runner == null || ends(id)) {
            System.err.println("已中断：这个单元格的代码已经结束，后面的单元格照常运行。");
            return;
        }
        try {
            runner.stop();
            if (ends(id)) {
                System.err.println("已中断：这个单元格的代码没有响应中断（例如忙循环，或卡在 synchronized 上），"
                        + "已被强行停止 (Thread.stop)，它改到一半的数据可能不完整。");
                return;
            }
        } catch (UnsupportedOperationException noStopInThisJvm) {
            // Java 20+: Thread.stop() is gone
        }
        System.err.println("已中断，但这个单元格的代码没有响应中断（例如忙循环，或卡在 synchronized 上），还在后台运行，"
                + "占着 CPU 和它拿到的锁。后面的单元格可以照常运行；如果变慢或卡住，请重启内核（Kernel → Restart）。");
    }

    /** Whether the snippet's code has ended within the grace time. */
    private boolean ends(String id) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        try {
            while (runners.containsKey(id) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !runners.containsKey(id);
    }

    /** Cancels the snippet that runs (its thread is interrupted); the cell's snippets that have not started do not run. */
    public void interrupt() {
        interruptedCell = Cells.running();
        running.forEach((id, future) -> future.cancel(true));
    }

    /** JShell's stop(): the same as {@link #interrupt()}; the executor stays for the next snippet. */
    @Override
    public void stop() {
        interrupt();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        super.close();
    }
}
