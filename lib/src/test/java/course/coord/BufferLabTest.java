package course.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import course.coord.BufferLabResult.Stall;
import course.coord.BufferLabResult.Wrong;

@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BufferLabTest {

    @Test
    void arrayBlockingQueueAndTheLessonsTwoConditionBufferPass() {
        for (BufferLab.Factory f : List.<BufferLab.Factory>of(c -> Buffer.of(new ArrayBlockingQueue<>(c)),
                Buffers.TwoConditions::new, Buffers.Monitor::correct)) {
            BufferLabResult r = BufferLab.of(f).rounds(4).run();
            assertTrue(r.ok(), r::toString);
            assertEquals(4, r.roundsRun());
            assertEquals(4 * 2 * 300, r.produced());
            assertEquals(r.produced(), r.received());
            assertEquals(r.received(), r.goodItems());
            assertTrue(r.toString().contains("结论：✔"), r::toString);
        }
    }

    @Test
    void theNameIsTheClassOrTheWrappedQueue() {
        assertEquals("ArrayBlockingQueue", BufferLab.of(c -> Buffer.of(new ArrayBlockingQueue<>(c))).rounds(1).run().buffer());
        assertEquals("TwoConditions", BufferLab.of(Buffers.TwoConditions::new).rounds(1).run().buffer());
    }

    @Test
    void notifyInsteadOfNotifyAllIsFoundStuckWithEveryThreadWaiting() {
        BufferLabResult r = BufferLab.of(Buffers.Monitor::withNotify).run();
        assertFalse(r.ok());
        Stall stall = r.stall();
        assertNotNull(stall, r::toString);
        assertEquals(Stall.Kind.ALL_WAITING, stall.kind(), r::toString);
        assertTrue(stall.after().compareTo(BufferLab.STALL) >= 0);
        assertTrue(stall.threads().stream().allMatch(t -> t.contains("WAITING") && t.contains("Monitor@")), r::toString);
        assertEquals(stall.threads().size(), stall.snapshot().in("Monitor 的 wait()").size(), stall.snapshot()::toString);
        assertEquals(8, stall.snapshot().in("Monitor 的 wait()").size() + stall.snapshot().in("已结束").size());
        assertTrue(r.roundsRun() <= r.rounds());
        assertEquals(List.of(), r.leftThreads(), "interrupted threads end");
        assertTrue(r.toString().contains("没有人会叫醒它们"), r::toString);
    }

    @Test
    void ifInsteadOfWhileTakesNullsAndLosesItems() {
        BufferLabResult r = BufferLab.of(Buffers.Monitor::withIf).run();
        assertFalse(r.ok());
        assertTrue(r.nulls() + r.duplicated() > 0, r::toString);
        assertFalse(r.examples(Wrong.NULL, Wrong.DUPLICATE).isEmpty(), r::toString);
        assertTrue(r.examples(Wrong.NULL).size() <= BufferLab.EXAMPLES);
    }

    @Test
    void aStackIsCaughtReordering() {
        BufferLabResult r = BufferLab.of(Buffers.Lifo::new).capacity(8).producers(1).consumers(1).items(200).rounds(1).run();
        assertTrue(r.reordered() > 0, r::toString);
        assertEquals(0, r.nulls() + r.duplicated() + r.lost(), r::toString);
        assertTrue(r.examples(Wrong.REORDERED).get(0).contains("先拿到"), r::toString);
    }

    @Test
    void theStubTakesOnlyNullsAndLosesEverything() {
        BufferLabResult r = BufferLab.of(Buffers.Stub::new).rounds(2).run();
        assertEquals(1, r.roundsRun(), "stops at the first wrong round");
        assertEquals(600, r.nulls());
        assertEquals(600, r.lost());
        assertEquals(0, r.goodItems());
        assertNull(r.stall());
    }

    @Test
    void threadsThatSwallowTheInterruptAreNamed() {
        BufferLabResult r = BufferLab.of(Buffers.Deaf::new).run();
        assertNotNull(r.stall(), r::toString);
        assertFalse(r.leftThreads().isEmpty(), r::toString);
        assertTrue(r.toString().contains("没有结束的线程"), r::toString);
        Buffers.Deaf.releaseAll();
    }

    @Test
    void aFactoryThatThrowsOrReturnsNullIsReported() {
        BufferLabResult thrown = BufferLab.of(c -> {
            throw new IllegalStateException("坏了");
        }).run();
        assertFalse(thrown.ok());
        assertTrue(thrown.errors().get(0).contains("坏了"), thrown::toString);
        BufferLabResult none = BufferLab.of(c -> null).run();
        assertTrue(none.errors().get(0).contains("null"), none::toString);
    }

    @Test
    void anExceptionInATakeIsReportedAndTheRoundStillEnds() {
        BufferLabResult r = BufferLab.of(c -> new Buffer<>() {
            final Buffer<Object> inner = Buffers.Monitor.correct(c);

            @Override
            public void put(Object item) throws InterruptedException {
                inner.put(item);
            }

            @Override
            public Object take() throws InterruptedException {
                Object x = inner.take();
                if (x instanceof BufferLab.Item i && i.seq() == 7) {
                    throw new ArrayIndexOutOfBoundsException("7");
                }
                return x;
            }
        }).rounds(1).timeout(Duration.ofSeconds(20)).run();
        assertFalse(r.ok());
        assertTrue(r.errors().stream().anyMatch(e -> e.contains("ArrayIndexOutOfBoundsException")), r::toString);
        assertEquals(List.of(), r.leftThreads());
    }

    @Test
    void progressIsReportedWhileLongRunsGoOn() {
        List<String> lines = new ArrayList<>();
        BufferLab.of(Buffers.Monitor::correct).rounds(1).progress(lines::add).run();
        assertTrue(lines.stream().allMatch(l -> l.contains("缓冲区实验")), lines::toString);
    }

    @Test
    void badArgumentsFailAtOnce() {
        var e = assertThrows(IllegalArgumentException.class, () -> BufferLab.of(Buffers.Stub::new).consumers(0));
        assertEquals("consumers (0) must be in 1..32 / 消费者个数要在 1 到 32 之间", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BufferLab.of(Buffers.Stub::new).timeout(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> BufferLab.of(null));
    }
}
