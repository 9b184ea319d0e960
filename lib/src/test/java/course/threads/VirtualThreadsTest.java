package course.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class VirtualThreadsTest {

    private static final boolean JAVA_21 = Runtime.version().feature() >= 21;

    @Test
    void availableMatchesTheJavaVersion() {
        assertEquals(JAVA_21, VirtualThreads.available());
    }

    @Test
    void platformThreadIsNotVirtual() {
        assertFalse(VirtualThreads.isVirtual(Thread.currentThread()));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void perTaskExecutorRunsOnVirtualThreadsOrExplainsInChinese() throws Exception {
        if (!JAVA_21) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    VirtualThreads::newPerTaskExecutor);
            assertTrue(e.getMessage().contains("Java 21"), e.getMessage());
            assertTrue(e.getMessage().contains("虚拟线程"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> VirtualThreads.start("v", () -> { }));
            return;
        }
        ExecutorService ex = VirtualThreads.newPerTaskExecutor();
        try {
            Future<Boolean> virtual = ex.submit(() -> VirtualThreads.isVirtual(Thread.currentThread()));
            assertTrue(virtual.get(5, TimeUnit.SECONDS));
        } finally {
            ex.shutdown();
            assertTrue(ex.awaitTermination(5, TimeUnit.SECONDS));
        }
        Thread t = VirtualThreads.start("虚拟-1", () -> { });
        t.join(5000);
        assertFalse(t.isAlive());
        assertEquals("虚拟-1", t.getName());
        assertTrue(VirtualThreads.isVirtual(t));
    }
}
