package course.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import course.process.ChildJvm;
import course.source.SourceException;

@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ModelCheckTest {

    static final String COUNTER = """
            import org.jetbrains.lincheck.datastructures.Operation;

            public class Counter {
                private int value;
                @Operation public void inc() { value++; }
                @Operation public int get() { return value; }
            }
            """;

    static final String ATOMIC_COUNTER = """
            import java.util.concurrent.atomic.AtomicInteger;
            import org.jetbrains.lincheck.datastructures.Operation;

            public class AtomicCounter {
                private final AtomicInteger value = new AtomicInteger();
                @Operation public void inc() { value.incrementAndGet(); }
                @Operation public int get() { return value.get(); }
            }
            """;

    /** Long enough for a loaded machine: these checks take seconds when it is idle; only a hang reaches it. */
    static final Duration SLOW = Duration.ofSeconds(110);

    static ModelCheck check(String code) {
        return ModelCheck.of(code).timeout(SLOW);
    }

    @AfterAll
    static void theWorkerIsGone() {
        ModelCheck.stopWorker();
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList());
    }

    @Test
    void findsTheLostUpdateOfValuePlusPlusEveryTimeAndPassesTheAtomicCounter() {
        for (int i = 0; i < 3; i++) {
            ModelCheckResult broken = check(COUNTER).run();
            assertTrue(broken.failed(), broken.toString());
            assertEquals("Counter", broken.className());
            assertEquals("Invalid execution results", broken.report().kind());
            LincheckReport.Section interleaving = broken.report().interleaving().orElseThrow();
            assertEquals(List.of("Thread 1", "Thread 2"), interleaving.header());
            assertTrue(interleaving.rows().stream().anyMatch(r -> r.stream().anyMatch(c -> c.contains("switch"))));
            assertTrue(broken.toString().contains("导致错误的交错"), broken.toString());
        }
        ModelCheckResult fixed = check(ATOMIC_COUNTER).run();
        assertTrue(fixed.passed(), fixed.toString());
        assertTrue(fixed.summary().startsWith("✔ 通过 Lincheck 检查 AtomicCounter"), fixed.summary());
        assertTrue(fixed.checkTime().compareTo(fixed.total()) <= 0);
        assertTrue(check(ATOMIC_COUNTER).stress().iterations(5).invocations(100).run().passed());
    }

    @Test
    void aChangedClassOfTheSameNameGetsAFreshJvmAndIsCheckedAsWritten() {
        check(COUNTER).run();
        ModelCheckResult changed = check(COUNTER.replace("public void inc()", "public synchronized void inc()")
                .replace("public int get()", "public synchronized int get()")).run();
        assertTrue(changed.startedJvm());
        assertTrue(changed.passed(), changed.toString());
    }

    @Test
    void theWorkerEndsByItselfWhenIdle() throws InterruptedException {
        assertTrue(check(ATOMIC_COUNTER).iterations(1).run().passed());
        while (LincheckSession.running()) {
            Thread.sleep(100);   // polls an observable state; ends after IDLE_SECONDS (bounded by the class time-out)
        }
        while (!ChildJvm.live().isEmpty()) {
            Thread.sleep(100);   // the ended worker's handle is closed by itself, its folder deleted
        }
        ModelCheckResult again = check(ATOMIC_COUNTER).iterations(1).run();
        assertTrue(again.passed() && again.startedJvm(), again.toString());
    }

    @Test
    void aClassWithoutOperationsCannotBeCheckedAndSaysWhy() {
        ModelCheckResult r = check("public class Plain { public void f() { } }").run();
        assertEquals(ModelCheckResult.Status.ERROR, r.status());
        assertTrue(r.problem().contains("没有找到带 @Operation 注解的方法"), r.problem());
        assertFalse(r.passed());
    }

    @Test
    void codeThatDoesNotCompileIsRefusedBeforeAnyJvmStarts() {
        SourceException e = assertThrows(SourceException.class, () -> ModelCheck.of("""
                import org.jetbrains.lincheck.datastructures.Operation;
                public class C { @Operation public int get() { return missing; } }
                """).run());
        assertTrue(e.getMessage().contains("第 2 行：找不到符号"), e.getMessage());
    }

    @Test
    void aCheckThatHangsIsEndedAtTheTimeLimitAndLeavesNothingBehind() {
        ModelCheckResult r = ModelCheck.of("""
                import org.jetbrains.lincheck.datastructures.Operation;
                public class Slow {
                    public Slow() throws InterruptedException { Thread.sleep(600_000); }
                    @Operation public int get() { return 0; }
                }
                """).timeout(Duration.ofSeconds(4)).run();
        assertEquals(ModelCheckResult.Status.TIMED_OUT, r.status());
        assertTrue(r.problem().contains("Lincheck 在 4 秒内没有做完检查，已经结束了运行它的子 JVM"), r.problem());
        assertFalse(LincheckSession.running());
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList());
    }

    @Test
    void aWorkerKilledDuringACheckIsReportedInChineseAndTheNextCheckStartsAFreshOne(@TempDir Path dir) throws Exception {
        Path started = dir.resolve("started");
        String victim = """
                import java.nio.file.*;
                import org.jetbrains.lincheck.datastructures.Operation;
                public class Victim {
                    public Victim() throws Exception { Files.writeString(Path.of("%s"), "x"); Thread.sleep(600_000); }
                    @Operation public int get() { return 0; }
                }
                """.formatted(started.toString().replace("\\", "\\\\"));
        CompletableFuture<ModelCheckResult> running = CompletableFuture.supplyAsync(() -> check(victim).run());
        while (!Files.exists(started)) {
            Thread.onSpinWait();
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        ModelCheckResult r = running.get();
        assertEquals(ModelCheckResult.Status.CRASHED, r.status());
        assertTrue(r.problem().contains("运行 Lincheck 的子 JVM 意外结束了（退出码 137，被信号 9 杀死）"), r.problem());
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList());
        assertTrue(check(ATOMIC_COUNTER).iterations(1).run().passed());
    }

    @Test
    void settingsAreCheckedAndDescribed() {
        ModelCheck c = check(COUNTER).threads(3).actorsPerThread(1).iterations(7).invocations(50);
        assertEquals("模型检查，3 个线程 × 每个 1 个操作，7 个场景 × 每个最多 50 次执行", c.settings());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.threads(1)).getMessage()
                .contains("threads (1) must be in 2..4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.timeout(Duration.ofMinutes(5))).getMessage()
                .contains("时间限制不能超过 120 秒"));
    }
}
