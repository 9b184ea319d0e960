package course.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ThreadLabTest {

    @Test
    void threadsAreReleasedTogetherAndAreDaemons() {
        CyclicBarrier all = new CyclicBarrier(3);
        ThreadLabResult run = ThreadLab.create("起跑线")
                .threads("工人", 3, out -> {
                    all.await(5, TimeUnit.SECONDS); // only passes when all three run at once
                    out.println("daemon=" + Thread.currentThread().isDaemon());
                })
                .run();
        assertTrue(run.ok(), run::toString);
        assertEquals(List.of("daemon=true"), run.textsOf("工人2"));
        assertEquals(3, run.lines().size());
    }

    @Test
    void linesAreShownInTheOrderWrittenTaggedWithThreadName() {
        CountDownLatch a1 = new CountDownLatch(1);
        CountDownLatch b1 = new CountDownLatch(1);
        ThreadLabResult run = ThreadLab.create("交替")
                .thread("甲", out -> {
                    out.println("a1");
                    a1.countDown();
                    b1.await();
                    out.println("a2");
                })
                .thread("乙", out -> {
                    a1.await();
                    out.println("b1");
                    b1.countDown();
                })
                .run();
        assertEquals(List.of("甲:a1", "乙:b1", "甲:a2"),
                run.lines().stream().map(l -> l.thread() + ":" + l.text()).toList());
        String text = run.toString();
        assertTrue(text.contains("ms  甲    a1"), text);
        assertTrue(text.contains("乙: 完成"), text);
        assertTrue(run.lines().get(0).nanos() >= 0, "times count from the start gate");
    }

    @Test
    void anExceptionIsReportedAndTheOtherThreadsStillFinish() {
        ThreadLabResult run = ThreadLab.create("异常")
                .thread("好", out -> out.println("ok"))
                .thread("坏", out -> {
                    throw new IllegalStateException("boom");
                })
                .run();
        assertFalse(run.ok());
        assertEquals(List.of("坏"), run.failed());
        assertTrue(run.toString().contains("坏: 抛出异常"), run.toString());
        assertTrue(run.toString().contains("boom"), run.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, run::throwIfFailed);
        assertTrue(e.getMessage().contains("坏: 抛出异常"), e.getMessage());
        assertEquals("boom", e.getCause().getMessage());
    }

    @Test
    void aLateThreadIsInterruptedAndEnds() {
        CountDownLatch never = new CountDownLatch(1);
        Thread[] self = new Thread[1];
        ThreadLabResult run = ThreadLab.create("超时")
                .timeout(Duration.ofMillis(200))
                .thread("等待者", out -> {
                    self[0] = Thread.currentThread();
                    never.await(); // interruptible: ends when the lab interrupts it
                })
                .run();
        assertEquals(List.of("等待者"), run.interrupted());
        assertFalse(self[0].isAlive());
        assertTrue(run.toString().contains("等待者: 超时，已中断"), run.toString());
    }

    @Test
    void aThreadIgnoringInterruptsIsReportedStuckByName() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread[] self = new Thread[1];
        try (ThreadLab lab = ThreadLab.create("卡住")) {
            ThreadLabResult run = lab.timeout(Duration.ofMillis(100)).grace(Duration.ofMillis(100))
                    .thread("顽固", out -> {
                        self[0] = Thread.currentThread();
                        while (true) {
                            try {
                                if (release.await(1, TimeUnit.DAYS)) {
                                    return;
                                }
                            } catch (InterruptedException ignored) {
                                // swallows the interrupt, like a thread blocked on synchronized
                            }
                        }
                    })
                    .run();
            assertEquals(List.of("顽固"), run.stuck());
            assertTrue(run.toString().contains("仍在运行的线程: 顽固"), run.toString());
            assertTrue(run.outcomes().get(0).where().startsWith("WAITING") || run.outcomes().get(0).where().startsWith("TIMED_WAITING"),
                    run.outcomes().get(0).where());
        } finally {
            release.countDown();
            self[0].join(5000);
        }
        assertFalse(self[0].isAlive());
    }

    @Test
    void theCallersInterruptFlagIsKept() {
        Thread.currentThread().interrupt();
        try {
            ThreadLabResult run = ThreadLab.create("主线程被中断").thread("t", out -> new CountDownLatch(1).await()).run();
            assertTrue(Thread.currentThread().isInterrupted());
            assertEquals(List.of("t"), run.interrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void joinOrInterruptReturnsTheNamesOfThreadsThatStayAlive() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        Thread polite = new Thread(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                // ends
            }
        }, "礼貌");
        AtomicBoolean stop = new AtomicBoolean();
        Thread spinner = new Thread(() -> {
            while (!stop.get()) {
                Thread.onSpinWait();
            }
        }, "忙等");
        spinner.setDaemon(true);
        polite.start();
        spinner.start();
        try {
            assertEquals(List.of("忙等"), ThreadLab.joinOrInterrupt(Duration.ofMillis(50), polite, spinner));
            assertFalse(polite.isAlive());
        } finally {
            stop.set(true);
            spinner.join(5000);
        }
    }

    @Test
    void misuseFailsWithAClearMessage() {
        assertEquals("lab 'x' has no threads / 先用 thread(...) 加入至少一个线程",
                assertThrows(IllegalStateException.class, () -> ThreadLab.create("x").run()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ThreadLab.create("x").thread("a", o -> { }).thread("a", o -> { })).getMessage()
                .startsWith("thread name (a) must be unique"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ThreadLab.create("x").timeout(Duration.ZERO)).getMessage().startsWith("timeout (PT0S) must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ThreadLab.create("x").threads("w", 0, o -> { })).getMessage().startsWith("count (0) must be positive"));
        ThreadLab lab = ThreadLab.create("once").thread("a", o -> { });
        lab.run();
        assertThrows(IllegalStateException.class, lab::run);
    }
}
