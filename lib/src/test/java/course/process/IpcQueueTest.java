package course.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import course.process.demo.QueueReaderChild;
import course.process.demo.QueueWriterChild;

@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class IpcQueueTest {

    static final Duration SHORT = Duration.ofMillis(150);
    static final Duration LONG = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"owner", "client"})
    void fullAndEmptyBehaveLikePythonsQueue(String side) throws Exception {
        try (IpcQueue owner = IpcQueue.create(3); IpcQueue q = side.equals("owner") ? null : IpcQueue.connect(owner.address())) {
            IpcQueue use = q == null ? owner : q;
            assertTrue(use.isEmpty());
            use.put("消息1");
            use.put("消息2");
            assertFalse(use.isFull());
            use.put("消息3");
            assertTrue(use.isFull());
            assertEquals(3, use.size());

            IpcQueue.Full timed = assertThrows(IpcQueue.Full.class, () -> use.put("消息4", SHORT));
            assertEquals("消息队列已满，现有消息数量: 3 / queue is full (capacity 3, 3 messages)", timed.getMessage());
            IpcQueue.Full now = assertThrows(IpcQueue.Full.class, () -> use.putNowait("消息4"));
            assertTrue(now.getMessage().contains("现有消息数量: 3"), now.getMessage());

            assertEquals("消息1", use.get());
            assertEquals("消息2", use.getNowait());
            assertEquals("消息3", use.get(SHORT));
            IpcQueue.Empty e1 = assertThrows(IpcQueue.Empty.class, use::getNowait);
            assertEquals("消息队列是空的 / queue is empty", e1.getMessage());
            assertThrows(IpcQueue.Empty.class, () -> use.get(SHORT));
            assertEquals(0, use.size());
        }
    }

    @Test
    void aBlockedPutGoesOnWhenAnotherProcessTakesAMessage() throws Exception {
        try (IpcQueue owner = IpcQueue.create(1); IpcQueue client = IpcQueue.connect(owner.address())) {
            owner.put("first");
            Blocked<Void> put = Blocked.run(() -> client.put("second"));
            assertTrue(owner.owner().store().awaitState(s -> s.putters() == 1, LONG), "the put waits in line");
            assertEquals("first", owner.get());
            put.value(LONG);
            assertEquals("second", owner.get(LONG));
        }
    }

    @Test
    void messagesKeepNewlinesBackslashesTabsAndChinese() throws Exception {
        try (IpcQueue owner = IpcQueue.create(6); IpcQueue client = IpcQueue.connect(owner.address())) {
            List<String> sent = List.of("a\nb", "c\\nd", "\\", "", "骨头 1 号\r\n", "tab\there 😀");
            for (String s : sent) {
                client.put(s);
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                got.add(client.get());
            }
            assertEquals(sent, got);
        }
    }

    @Test
    void roomGrantedToAnIdleWriterIsCalledBackWhenTheOwnerNeedsIt() throws Exception {
        try (IpcQueue owner = IpcQueue.create(3); IpcQueue writer = IpcQueue.connect(owner.address())) {
            writer.put("w1");                                    // the writer now holds the rest of the room
            assertTrue(owner.owner().store().awaitState(s -> s.messages() == 1 && s.leased() == 2, LONG),
                    owner.owner().store().state().toString());
            owner.put("o1", LONG);                               // must not wait for ever: the room is called back
            owner.put("o2", LONG);
            assertEquals(3, owner.size());
            assertThrows(IpcQueue.Full.class, () -> owner.putNowait("o3"));
            assertEquals(List.of("w1", "o1", "o2"), List.of(owner.get(), owner.get(), owner.get()));
        }
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 3})
    void writersInTwoProcessesAndTheOwnerNeverMakeTheQueueHoldMoreThanItsCapacityAndLoseNothing(int capacity)
            throws Exception {
        int each = 300;
        try (IpcQueue owner = IpcQueue.create(capacity);
             IpcQueue a = IpcQueue.connect(owner.address());
             IpcQueue b = IpcQueue.connect(owner.address())) {
            List<Thread> writers = new ArrayList<>();
            for (IpcQueue w : List.of(a, b, owner)) {
                String name = w == a ? "a" : w == b ? "b" : "o";
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; i < each; i++) {
                            w.put(name + i);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                writers.add(t);
                t.start();
            }
            Map<Character, Integer> next = new HashMap<>(Map.of('a', 0, 'b', 0, 'o', 0));
            for (int i = 0; i < 3 * each; i++) {
                String m = owner.get(LONG);
                IpcStore.State s = owner.owner().store().state();
                assertTrue(s.messages() + s.inFlight() + s.leased() <= capacity, "over capacity: " + s);
                char writer = m.charAt(0);
                assertEquals(writer + String.valueOf(next.merge(writer, 1, Integer::sum) - 1), m, "each writer's messages in order");
            }
            for (Thread t : writers) {
                t.join(LONG.toMillis());
            }
            assertEquals(Map.of('a', each, 'b', each, 'o', each), next);
        }
    }

    /**
     * Writers in two handles and the owner, with random interrupts and short time limits: each put that
     * ended with InterruptedException or Full is tried again, so every message must arrive exactly once,
     * in its writer's order, and never over capacity. (This found a writer that waited for ever.)
     */
    @Test
    @Timeout(value = 120, threadMode = ThreadMode.SEPARATE_THREAD)
    void interruptedAndTimedPutsOfManyWritersPutEachMessageExactlyOnceAndNobodyWaitsForEver() throws Exception {
        Random random = new Random(17);
        for (int round = 0; round < 40; round++) {
            int capacity = 1 + round % 3;
            int each = 200;
            try (IpcQueue owner = IpcQueue.create(capacity);
                 IpcQueue a = IpcQueue.connect(owner.address());
                 IpcQueue b = IpcQueue.connect(owner.address())) {
                List<IpcQueue> handles = List.of(a, a, b, owner);
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < handles.size(); w++) {
                    IpcQueue q = handles.get(w);
                    char name = (char) ('p' + w);
                    Thread t = new Thread(() -> {
                        for (int i = 0; i < each; ) {
                            try {
                                q.put(name + String.valueOf(i), i % 7 == 3 ? Duration.ofMillis(1) : Duration.ofSeconds(30));
                                i++;
                                Thread.interrupted();        // an interrupt that came as it completed
                            } catch (InterruptedException | IpcQueue.Full e) {
                                // nothing was put: try the same message again
                            }
                        }
                    });
                    writers.add(t);
                    t.start();
                }
                Thread interrupter = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        writers.get(random.nextInt(writers.size())).interrupt();
                        LockSupport.parkNanos(200_000);
                    }
                });
                interrupter.start();
                Map<Character, Integer> next = new HashMap<>();
                for (int i = 0; i < handles.size() * each; i++) {
                    String m = owner.get(Duration.ofSeconds(30));
                    IpcStore.State s = owner.owner().store().state();
                    assertTrue(s.messages() + s.inFlight() + s.leased() <= capacity, "over capacity: " + s);
                    char writer = m.charAt(0);
                    assertEquals(writer + String.valueOf(next.getOrDefault(writer, 0)), m, "round " + round);
                    next.merge(writer, 1, Integer::sum);
                }
                interrupter.interrupt();
                interrupter.join();
                for (Thread t : writers) {
                    t.join(LONG.toMillis());
                }
                assertEquals(0, owner.size());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown command | FROB 1       | ERR malformed frame 'FROB 1' (46 52 4f 42 20 31): unknown command 'FROB'",
            "bad millis      | GET 1 soon   | ERR malformed frame 'GET 1 soon' (47 45 54 20 31 20 73 6f 6f 6e): millis (soon) must be -1, 0 or positive",
            "millis < -1     | GET 1 -5     | ERR malformed frame 'GET 1 -5' (47 45 54 20 31 20 2d 35): millis (-5) must be -1, 0 or positive",
            "bad id          | SIZE x       | ERR malformed frame 'SIZE x' (53 49 5a 45 20 78): id (x) must be a number, 0 or more",
            "bad escape      | PUT 1 0 a\\q | ERR malformed frame 'PUT 1 0 a\\q' (50 55 54 20 31 20 30 20 61 5c 71): unknown escape '\\q' at column 2",
            "PUT w/o message | PUT 5        | ERR malformed frame 'PUT 5' (50 55 54 20 35): needs 'PUT <id> <millis> <message>'",
            "ACK of nothing  | ACK 9        | ERR malformed frame 'ACK 9' (41 43 4b 20 39): ACK 9 names no message sent to this connection",
            "SEND w/o room   | SEND x       | ERR malformed frame 'SEND x' (53 45 4e 44 20 78): SEND on a bounded queue needs room granted by ROOM",
    })
    void aMalformedFrameIsAnsweredWithErrAndOnlyThatConnectionIsClosed(String what, String frame, String expected)
            throws Exception {
        try (IpcQueue owner = IpcQueue.create(2); RawPeer raw = RawPeer.client(owner)) {
            raw.send(frame);
            assertEquals(expected, raw.next(), what);
            assertNull(raw.next(), "connection should be closed");
            owner.putNowait("still works");
            assertEquals("still works", owner.getNowait());
        }
    }

    @Test
    void theProtocolCanBeSpokenByHand() throws Exception {
        try (IpcQueue owner = IpcQueue.create(3); RawPeer raw = RawPeer.client(owner)) {
            String[][] talk = {
                    {"PUT 1 -1 骨头1", "OK 1"}, {"PUT 2 0 骨头2", "OK 2"}, {"SIZE 3", "SIZE 3 2"},
                    {"GET 4 0", "ITEM 4 骨头1"}, {"ACK 4", null}, {"SIZE 5", "SIZE 5 1"},
                    {"GET 6 0", "ITEM 6 骨头2"}, {"SIZE 7", "SIZE 7 1"}, {"NACK 6", null}, {"GET 8 0", "ITEM 8 骨头2"},
                    {"ACK 8", null}, {"GET 9 0", "EMPTY 9"}, {"GET 10 -1", null}, {"CANCEL 10", "CANCELLED 10"},
                    {"SYNC 11", "OK 11"},
            };
            for (String[] t : talk) {
                raw.send(t[0]);
                if (t[1] != null) {
                    assertEquals(t[1], raw.next(), t[0]);
                }
            }
            assertEquals(0, owner.size());
        }
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        try (IpcQueue owner = IpcQueue.create(2)) {
            String bad = owner.address().substring(0, owner.address().indexOf('/') + 1) + "0000000000000000";
            IpcQueue.Broken e = assertThrows(IpcQueue.Broken.class, () -> IpcQueue.connect(bad));
            assertTrue(e.getMessage().contains("refused the handshake: bad handshake: expected 'HELLO <token>'"),
                    e.getMessage());
        }
    }

    @Test
    void badArgumentsAreRefusedWithAHint() {
        IllegalArgumentException cap = assertThrows(IllegalArgumentException.class, () -> IpcQueue.create(0));
        assertTrue(cap.getMessage().startsWith("capacity (0) must be positive"), cap.getMessage());
        IllegalArgumentException addr = assertThrows(IllegalArgumentException.class,
                () -> IpcQueue.connect("localhost:80"));
        assertTrue(addr.getMessage().startsWith("address (localhost:80) must be 127.0.0.1:port/token"), addr.getMessage());
        try (IpcQueue q = IpcQueue.unbounded()) {
            IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                    () -> q.get(Duration.ofSeconds(-1)));
            assertEquals("timeout (PT-1S) must not be negative / 等待时间不能是负数", t.getMessage());
        }
    }

    @Test
    void nobodyListeningIsACleanFailure() throws Exception {
        String address;
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            address = RawPeer.address(fake);
        }
        IpcQueue.Broken e = assertThrows(IpcQueue.Broken.class, () -> IpcQueue.connect(address));
        assertTrue(e.getMessage().contains("cannot reach the queue at " + address), e.getMessage());
    }

    @Test
    void writerAndSentinelReaderProcessesPassEveryMessage() throws Exception {
        try (IpcQueue q = IpcQueue.create(2);
             ChildJvm writer = ChildJvm.builder(QueueWriterChild.class)
                     .args(q.address(), "0", "A", "B", "C", QueueReaderChild.SENTINEL)
                     .echo(false).start();
             ChildJvm reader = ChildJvm.builder(QueueReaderChild.class)
                     .args(q.address(), "sentinel", "0").echo(false).start()) {
            assertTrue(writer.waitFor(Duration.ofSeconds(20)), writer.stderr());
            assertTrue(reader.waitFor(Duration.ofSeconds(20)), reader.stderr());
            assertEquals(0, writer.exitCode(), writer.stderr());
            assertEquals(0, reader.exitCode(), reader.stderr());
            assertTrue(reader.stdout().contains("读进程读到 3 条消息"), reader.stdout());
            assertTrue(writer.stdout().contains("写进程 " + writer.pid() + " 放进队列: C"), writer.stdout());
        }
    }

    @Test
    void everyHandleCanBeUsedFromManyThreadsAtOnce() throws Exception {
        try (IpcQueue owner = IpcQueue.unbounded(); IpcQueue client = IpcQueue.connect(owner.address())) {
            int threads = 4;
            int each = 200;
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> ts = new ArrayList<>();
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < each; i++) {
                            client.put(id + ":" + i);
                            got.add(client.get(LONG));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                ts.add(th);
                th.start();
            }
            start.countDown();
            for (Thread th : ts) {
                th.join(LONG.toMillis() * 2);
            }
            assertEquals(threads * each, got.size());
            assertEquals(threads * each, got.stream().distinct().count(), "no message read twice");
            assertEquals(0, client.size());
        }
    }
}
