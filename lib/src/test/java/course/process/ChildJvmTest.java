package course.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import course.process.demo.NumsChild;
import course.process.demo.PidChild;
import course.process.demo.SleepChild;
import course.process.demo.SpawnChild;
import course.process.demo.UpperChild;

@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class ChildJvmTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    @AfterEach
    void nothingLeft() {
        ChildJvm.closeAll();
        assertTrue(ChildJvm.live().isEmpty());
    }

    @Test
    void childReportsThisJvmAsItsParentAndItsOutputIsRead() throws Exception {
        try (ChildJvm child = ChildJvm.builder(PidChild.class).echo(false).start()) {
            assertTrue(child.waitFor(LIMIT));
            assertEquals(0, child.exitCode());
            long me = ProcessHandle.current().pid();
            assertTrue(child.stdout().contains("ppid=" + me), child.stdout());
            assertTrue(child.stdout().contains("pid=" + child.pid()), child.stdout());
        }
    }

    @Test
    void eachChildHasItsOwnCopyOfNums() throws Exception {
        try (ChildJvm a = ChildJvm.builder(NumsChild.class).args("ab", "0").echo(false).start();
             ChildJvm b = ChildJvm.builder(NumsChild.class).args("xyz", "0").echo(false).start()) {
            assertTrue(a.waitFor(LIMIT) && b.waitFor(LIMIT));
            assertTrue(a.stdout().contains("nums=[11, 22, a, b]"), a.stdout());
            assertFalse(a.stdout().contains("x"), a.stdout());
            assertTrue(b.stdout().contains("nums=[11, 22, x, y, z]"), b.stdout());
            assertEquals(java.util.List.of(11, 22), NumsChild.NUMS);
        }
    }

    @Test
    void waitForWithALimitReturnsFalseWhileRunningAndExitCodeSaysSo() throws Exception {
        try (ChildJvm child = ChildJvm.builder(SleepChild.class).args("60000").echo(false).start()) {
            assertFalse(child.waitFor(Duration.ofMillis(100)));
            assertTrue(child.isAlive());
            assertEquals(ProcessHandle.current().pid(), child.parentPid());
            IllegalStateException e = assertThrows(IllegalStateException.class, child::exitCode);
            assertTrue(e.getMessage().contains("child pid " + child.pid() + " (SleepChild) is still running"), e.getMessage());
            assertTrue(e.getMessage().contains("waitFor"), e.getMessage());
        }
    }

    @Test
    void pipesCarryLinesBothWays() throws Exception {
        try (ChildJvm child = ChildJvm.builder(UpperChild.class).echo(false).start()) {
            child.stdin().println("hello 你好");
            String reply = child.nextLine(LIMIT);
            assertNotNull(reply);
            assertTrue(reply.startsWith("HELLO 你好"), reply);
            child.closeStdin();
            assertTrue(child.waitFor(LIMIT));
            assertEquals(0, child.exitCode());
        }
    }

    @Test
    void closeDestroysTheChildAndItsGrandchild() throws Exception {
        ProcessHandle grandchild;
        ChildJvm child = ChildJvm.builder(SpawnChild.class).echo(false).start();
        try (child) {
            grandchild = grandchildOf(child);
            assertTrue(grandchild.isAlive());
        }
        assertFalse(child.isAlive());
        assertTrue(gone(grandchild, Duration.ofSeconds(5)), "grandchild " + grandchild.pid() + " outlived close()");
    }

    /**
     * The middle JVM plays the test JVM killed mid-run: SIGKILL runs no shutdown hook, so only the
     * grandchild's parent watcher can end it.
     */
    @Test
    void noOrphanRemainsWhenTheParentJvmIsKilled() throws Exception {
        try (ChildJvm middle = ChildJvm.builder(SpawnChild.class).echo(false).start()) {
            ProcessHandle grandchild = grandchildOf(middle);
            middle.handle().destroyForcibly();
            assertTrue(middle.waitFor(LIMIT));
            assertTrue(gone(grandchild, Duration.ofSeconds(10)), "orphan " + grandchild.pid() + " remained");
        }
    }

    @Test
    void terminatingTheParentRunsItsShutdownHookWhichDestroysTheGrandchild() throws Exception {
        try (ChildJvm middle = ChildJvm.builder(SpawnChild.class).echo(false).start()) {
            ProcessHandle grandchild = grandchildOf(middle);
            middle.handle().destroy();
            assertTrue(middle.waitFor(LIMIT));
            assertTrue(gone(grandchild, Duration.ofSeconds(10)), "orphan " + grandchild.pid() + " remained");
        }
    }

    @Test
    void theCommandUsesThisJavaAndTheLibraryClassPath() {
        var cmd = ChildJvm.command(PidChild.class, "x");
        assertEquals(ChildJvm.javaExecutable(), cmd.get(0));
        assertTrue(ChildJvm.classPath().contains("classes"), ChildJvm.classPath());
        assertEquals(ChildMain.class.getName(), cmd.get(cmd.size() - 4));
        assertEquals(String.valueOf(ProcessHandle.current().pid()), cmd.get(cmd.size() - 3));
        assertEquals(PidChild.class.getName(), cmd.get(cmd.size() - 2));
    }

    @Test
    void badJvmOptionIsRefusedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChildJvm.builder(PidChild.class).jvmOption("Xmx64m"));
        assertEquals("jvm option (Xmx64m) must start with '-' / JVM 参数以 - 开头", e.getMessage());
    }

    private static ProcessHandle grandchildOf(ChildJvm child) throws InterruptedException {
        String line = child.nextLine(LIMIT);
        assertNotNull(line, "no grandchild line; stderr: " + child.stderr());
        assertTrue(line.startsWith("grandchild "), line);
        long pid = Long.parseLong(line.substring("grandchild ".length()).trim());
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        assertTrue(h.isPresent(), "grandchild " + pid + " not found");
        return h.get();
    }

    private static boolean gone(ProcessHandle h, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!h.isAlive()) {
                return true;
            }
            Thread.sleep(50);
        }
        return !h.isAlive();
    }
}
