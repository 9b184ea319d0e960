package course.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

@Timeout(value = 90, threadMode = ThreadMode.SEPARATE_THREAD)
class ProcessPoolTest {

    @AfterEach
    void noChildLeft() {
        assertTrue(ChildJvm.live().isEmpty(), "children left: " + ChildJvm.live());
    }

    @Test
    void resultsComeFromTheWorkersNotFromThisJvm() throws Exception {
        try (ProcessPool pool = ProcessPool.withWorkers(2)) {
            List<Future<ProcessPoolResult>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit("square", i, 0));
            }
            for (int i = 0; i < 4; i++) {
                ProcessPoolResult r = futures.get(i).get(30, TimeUnit.SECONDS);
                assertEquals((long) i * i, r.asLong());
                assertTrue(pool.workerPids().contains(r.workerPid()), r + " not from " + pool.workerPids());
                assertNotEquals(ProcessHandle.current().pid(), r.workerPid());
            }
            assertEquals(2, pool.workerPids().stream().distinct().count());
        }
    }

    @Test
    void aCrashingWorkerFailsItsFutureWithExitCodeAndStderrAndIsReplaced() throws Exception {
        try (ProcessPool pool = ProcessPool.withWorkers(1)) {
            long first = pool.workerPids().get(0);
            Future<ProcessPoolResult> crash = pool.submit("crash", 7);
            ExecutionException e = assertThrows(ExecutionException.class, () -> crash.get(30, TimeUnit.SECONDS));
            WorkerCrashedException c = (WorkerCrashedException) e.getCause();
            assertEquals(1, pool.replacedWorkers(), "the replacement is ready when the failure is seen");
            assertFalse(pool.workerPids().contains(first));
            assertEquals(first, c.pid());
            assertEquals(7, c.exitCode());
            assertTrue(c.stderrTail().contains("crashing on purpose"), c.stderrTail());
            assertTrue(c.getMessage().startsWith("worker pid " + first + " exited with code 7 while running crash(7)"),
                    c.getMessage());

            ProcessPoolResult after = pool.submit("pid").get(30, TimeUnit.SECONDS);
            assertNotEquals(first, after.workerPid());
            assertEquals(1, pool.replacedWorkers());
            assertFalse(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void aTaskThatThrowsFailsItsFutureButTheWorkerLivesOn() throws Exception {
        try (ProcessPool pool = ProcessPool.withWorkers(1)) {
            long pid = pool.workerPids().get(0);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.submit("fail", "boom").get(30, TimeUnit.SECONDS));
            assertEquals("task fail(boom) failed in worker pid " + pid + ": java.lang.IllegalStateException: boom",
                    e.getCause().getMessage());
            ExecutionException unknown = assertThrows(ExecutionException.class,
                    () -> pool.submit("fly").get(30, TimeUnit.SECONDS));
            assertTrue(unknown.getCause().getMessage().contains("unknown task 'fly'"), unknown.getCause().getMessage());
            assertEquals(pid, pool.submit("pid").get(30, TimeUnit.SECONDS).workerPid());
            assertEquals(0, pool.replacedWorkers());
        }
    }

    @Test
    void argumentsWithTabsAndNewlinesArriveIntact() throws Exception {
        try (ProcessPool pool = ProcessPool.withWorkers(1)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.submit("fail", "a\tb\nc\\d").get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().endsWith("IllegalStateException: a\tb\nc\\d"), e.getCause().getMessage());
        }
    }

    @Test
    void closeFinishesSubmittedTasksThenEndsEveryWorker() throws Exception {
        ProcessPool pool = ProcessPool.withWorkers(2);
        List<Long> pids = pool.workerPids();
        List<Future<ProcessPoolResult>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            futures.add(pool.submit("sleep", 50));
        }
        pool.close();
        for (Future<ProcessPoolResult> f : futures) {
            assertTrue(f.isDone());
            assertTrue(pids.contains(f.get().workerPid()));
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " alive");
        }
        RejectedExecutionException r = assertThrows(RejectedExecutionException.class, () -> pool.submit("pid"));
        assertTrue(r.getMessage().contains("closed"), r.getMessage());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && (t.getName().startsWith("process-pool-") || t.getName().startsWith("child-"))),
                "a pool or child reader thread is still running");
    }

    @Test
    void shutdownNowCancelsWhatIsWaiting() throws Exception {
        ProcessPool pool = ProcessPool.withWorkers(1);
        Future<ProcessPoolResult> running = pool.submit("sleep", 60_000);
        Future<ProcessPoolResult> waiting = pool.submit("sleep", 60_000);
        pool.shutdownNow();
        assertTrue(waiting.isCancelled());
        assertTrue(running.isDone());
    }

    @Test
    void badWorkerCountIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcessPool.withWorkers(0));
        assertEquals("workers (0) must be in 1..64 / 工作进程数要在 1 到 64 之间", e.getMessage());
    }

}
