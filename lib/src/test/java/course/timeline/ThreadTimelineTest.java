package course.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ThreadTimelineTest {

    private static Thread started(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.start();
        return t;
    }

    private static void await(CountDownLatch l) {
        try {
            assertTrue(l.await(10, TimeUnit.SECONDS), "latch timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void eventsForcedInOrderByLatchesAreRecordedInThatOrder() throws Exception {
        ThreadTimeline tl = ThreadTimeline.start();
        CountDownLatch aDone = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        Thread b = started("B", () -> {
            await(aDone);
            tl.event("b1");
            bDone.countDown();
        });
        Thread a = started("A", () -> {
            tl.event("a1");
            aDone.countDown();
            await(bDone);
            tl.event("a2");
        });
        a.join(10_000);
        b.join(10_000);
        List<ThreadTimeline.Event> es = tl.events();
        assertEquals(List.of("a1", "b1", "a2"), es.stream().map(ThreadTimeline.Event::label).toList());
        assertEquals(List.of("A", "B", "A"), es.stream().map(ThreadTimeline.Event::thread).toList());
        assertEquals(List.of("A", "B"), tl.threads());
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void spanThatEndsBeforeAnotherStartsEndsNoLaterThanItsStart() throws Exception {
        ThreadTimeline tl = ThreadTimeline.start();
        CountDownLatch first = new CountDownLatch(1);
        Thread t1 = started("唱歌线程", () -> tl.span("唱歌", first::countDown));
        Thread t2 = started("跳舞线程", () -> {
            await(first);
            // first.countDown() runs inside the span, so wait for t1 to close it
            try {
                t1.join(10_000);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            try (var s = tl.span("跳舞")) {
                tl.event("跳舞 中间");
            }
        });
        t1.join(10_000);
        t2.join(10_000);
        List<ThreadTimeline.Span> ss = tl.spans();
        assertEquals(2, ss.size());
        assertEquals("唱歌", ss.get(0).label());
        assertEquals("唱歌线程", ss.get(0).thread());
        assertTrue(ss.get(0).endNanos() <= ss.get(1).startNanos(), tl.toString());
        ThreadTimeline.Event e = tl.events().get(0);
        assertTrue(ss.get(1).startNanos() <= e.atNanos() && e.atNanos() <= ss.get(1).endNanos());
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void concurrentMarksAreAllKeptAndPerThreadOrderIsPreserved() throws Exception {
        ThreadTimeline tl = ThreadTimeline.start();
        int threads = 4;
        int perThread = 5_000;
        CyclicBarrier go = new CyclicBarrier(threads);
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int id = i;
            ts.add(started("T" + i, () -> {
                try {
                    go.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (int k = 0; k < perThread; k++) {
                    tl.event(id + ":" + k);
                    try (var s = tl.span("s " + k)) {
                        tl.sample("T" + id, k);
                    }
                }
            }));
        }
        for (Thread t : ts) {
            t.join(20_000);
        }
        assertEquals(threads * perThread, tl.events().size());
        assertEquals(threads * perThread, tl.spans().size());
        assertEquals(threads * perThread, tl.samples().size());
        for (int i = 0; i < threads; i++) {
            String name = "T" + i;
            List<Integer> ks = tl.events().stream().filter(e -> e.thread().equals(name))
                    .map(e -> Integer.parseInt(e.label().substring(e.label().indexOf(':') + 1))).toList();
            for (int k = 1; k < ks.size(); k++) {
                assertTrue(ks.get(k - 1) < ks.get(k), "events of " + name + " out of order at " + k);
            }
            List<Double> vs = tl.samples(name).stream().map(ThreadTimeline.Sample::value).toList();
            for (int k = 1; k < vs.size(); k++) {
                assertTrue(vs.get(k - 1) < vs.get(k), "samples of " + name + " out of order at " + k);
            }
        }
        for (ThreadTimeline.Span s : tl.spans()) {
            assertTrue(s.startNanos() <= s.endNanos());
        }
    }

    @Test
    void spanIsRecordedWhenItsBodyThrowsAndCheckedExceptionsAreWrapped() {
        ThreadTimeline tl = ThreadTimeline.start();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> tl.span("下载 页面3", () -> {
                    throw new IOException("HTTP 500");
                }));
        assertTrue(e.getMessage().contains("下载 页面3"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertEquals(1, tl.spans().size());
        assertEquals(42, tl.call("计算", () -> 42));
    }

    @Test
    void interruptedBodyKeepsTheInterruptFlag() {
        ThreadTimeline tl = ThreadTimeline.start();
        Thread.currentThread().interrupt();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tl.span("睡觉", () -> Thread.sleep(10_000)));
        assertTrue(Thread.interrupted(), "interrupt flag must be restored");
        assertTrue(e.getMessage().contains("中断"), e.getMessage());
    }

    @Test
    void closingAnOpenSpanTwiceRecordsItOnce() {
        ThreadTimeline tl = ThreadTimeline.start();
        var s = tl.span("一次");
        s.close();
        s.close();
        assertEquals(1, tl.spans().size());
    }

    @Test
    void badArgumentsFailWithTheValueInTheMessage() {
        ThreadTimeline tl = ThreadTimeline.start();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tl.sampleEvery("队列长度", Duration.ZERO, () -> 1));
        assertEquals("period (PT0S) must be positive / 采样间隔必须大于 0", e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> tl.event(null));
        assertEquals("label (null) must not be null / 标签不能是 null", n.getMessage());
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void samplerStopsItsThreadOnClose() throws Exception {
        ThreadTimeline tl = ThreadTimeline.start();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch threeReads = new CountDownLatch(3);
        Thread sampler;
        try (var s = tl.sampleEvery("队列长度", Duration.ofMillis(1), () -> {
            threeReads.countDown();
            return reads.incrementAndGet();
        })) {
            await(threeReads);
            sampler = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("采样-队列长度")).findFirst().orElseThrow();
            assertTrue(sampler.isDaemon());
        }
        assertFalse(sampler.isAlive(), "sampler thread must end on close");
        assertTrue(tl.samples("队列长度").size() >= 3);
    }

    @Test
    void textShowsWhatWasRecorded() {
        ThreadTimeline tl = ThreadTimeline.start();
        tl.span("唱歌", () -> { });
        tl.event("放入 骨头3");
        tl.sample("队列长度", 2);
        tl.sample("队列长度", 3);
        String text = tl.toString();
        assertTrue(text.startsWith("ThreadTimeline: 1 个线程, 1 个时间段, 1 个事件, 2 个采样"), text);
        assertTrue(text.contains("唱歌") && text.contains("放入 骨头3"), text);
    }
}
