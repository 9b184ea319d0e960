package course.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

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

    private static final Duration SHORT = Duration.ofMillis(150);

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
            assertEquals("queue is full (capacity 3, 3 messages) / 消息队列已满，现有消息数量: 3", timed.getMessage());
            IpcQueue.Full now = assertThrows(IpcQueue.Full.class, () -> use.putNowait("消息4"));
            assertTrue(now.getMessage().contains("现有消息数量: 3"), now.getMessage());

            assertEquals("消息1", use.get());
            assertEquals("消息2", use.getNowait());
            assertEquals("消息3", use.get(SHORT));
            IpcQueue.Empty e1 = assertThrows(IpcQueue.Empty.class, use::getNowait);
            assertEquals("queue is empty / 消息队列是空的", e1.getMessage());
            assertThrows(IpcQueue.Empty.class, () -> use.get(SHORT));
        }
    }

    @Test
    void aBlockedPutGoesOnWhenAnotherProcessTakesAMessage() throws Exception {
        try (IpcQueue owner = IpcQueue.create(1); IpcQueue client = IpcQueue.connect(owner.address())) {
            owner.put("first");
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread putter = new Thread(() -> {
                started.countDown();
                try {
                    client.put("second");
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            putter.start();
            started.await();
            assertEquals("first", owner.get());
            putter.join(10_000);
            assertFalse(putter.isAlive());
            assertNull(failure.get());
            assertEquals("second", owner.get(Duration.ofSeconds(5)));
        }
    }

    @Test
    void messagesKeepNewlinesBackslashesAndChinese() throws Exception {
        try (IpcQueue owner = IpcQueue.create(5); IpcQueue client = IpcQueue.connect(owner.address())) {
            List<String> sent = List.of("a\nb", "c\\nd", "\\", "", "骨头 1 号\r\n");
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown command | FROB 1        | ERR malformed frame: unknown command 'FROB'",
            "bad millis      | GET soon      | ERR malformed frame: millis (soon) must be -1, 0 or positive",
            "millis < -1     | GET -5        | ERR malformed frame: millis (-5) must be -1, 0 or positive",
            "bad escape      | PUT 0 a\\q    | ERR malformed frame: unknown escape '\\\\q' at column 2",
            "PUT w/o message | PUT 5         | ERR malformed frame: PUT needs '<millis> <message>'",
    })
    void aMalformedFrameIsAnsweredWithErrAndTheConnectionClosed(String what, String frame, String expected)
            throws Exception {
        try (IpcQueue owner = IpcQueue.create(2); Socket raw = rawClient(owner)) {
            send(raw, frame);
            assertEquals(expected, IpcQueue.readFrame(raw.getInputStream()), what);
            assertNull(IpcQueue.readFrame(raw.getInputStream()), "connection should be closed");
            owner.putNowait("still works");
            assertEquals("still works", owner.getNowait());
        }
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        try (IpcQueue owner = IpcQueue.create(2);
             Socket raw = new Socket(InetAddress.getLoopbackAddress(), port(owner))) {
            send(raw, "HELLO 0000000000000000");
            assertEquals("ERR bad handshake: expected 'HELLO <token>'", IpcQueue.readFrame(raw.getInputStream()));
        }
    }

    @Test
    void aPeerThatSpeaksNonsenseGivesAClearError() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = fake.accept()) {
                    IpcQueue.readFrame(s.getInputStream());
                    IpcQueue.writeFrame(s.getOutputStream(), "HTTP/1.1 400 Bad Request");
                } catch (IOException ignored) {
                    // test ends
                }
            });
            server.start();
            IpcQueue.Broken e = assertThrows(IpcQueue.Broken.class,
                    () -> IpcQueue.connect("127.0.0.1:" + fake.getLocalPort() + "/0123456789abcdef"));
            assertTrue(e.getMessage().contains("malformed frame from the queue broker"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP/1.1 400"), e.getMessage());
            server.join(5000);
        }
    }

    @Test
    void aDeadBrokerEndsABlockedGetWithAClearError() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch getSent = new CountDownLatch(1);
            Thread server = new Thread(() -> {
                try (Socket s = fake.accept()) {
                    IpcQueue.readFrame(s.getInputStream());
                    IpcQueue.writeFrame(s.getOutputStream(), "OK 3");
                    IpcQueue.readFrame(s.getInputStream()); // the GET
                    getSent.countDown();
                } catch (IOException ignored) {
                    // test ends
                }                                            // closing = the broker process died
            });
            server.start();
            try (IpcQueue client = IpcQueue.connect("127.0.0.1:" + fake.getLocalPort() + "/0123456789abcdef")) {
                IpcQueue.Broken e = assertThrows(IpcQueue.Broken.class, client::get);
                assertTrue(e.getMessage().contains("dead peer"), e.getMessage());
                IpcQueue.Broken again = assertThrows(IpcQueue.Broken.class, client::getNowait);
                assertTrue(again.getMessage().contains("is closed"), again.getMessage());
            }
            server.join(5000);
        }
    }

    @Test
    void closingTheOwnerWakesAClientBlockedInGet() throws Exception {
        IpcQueue owner = IpcQueue.create(2);
        try (IpcQueue client = IpcQueue.connect(owner.address())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread getter = new Thread(() -> {
                try {
                    client.get();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            getter.start();
            awaitConnections(owner, 1);
            owner.close();
            getter.join(10_000);
            assertFalse(getter.isAlive());
            assertTrue(failure.get() instanceof IpcQueue.Broken, String.valueOf(failure.get()));
        }
    }

    @Test
    void aClientThatDiesWhileWaitingDoesNotSwallowTheNextMessage() throws Exception {
        try (IpcQueue owner = IpcQueue.create(2)) {
            Socket raw = rawClient(owner);
            send(raw, "GET -1");
            raw.close();                      // the waiting reader's process died
            awaitConnections(owner, 0);
            owner.put("x");
            assertEquals("x", owner.get(Duration.ofSeconds(1)));
        }
    }

    @Test
    void writerAndSentinelReaderProcessesPassEveryMessage() throws Exception {
        try (IpcQueue q = IpcQueue.create(2);
             ChildJvm writer = ChildJvm.builder(QueueWriterChild.class)
                     .args(q.address(), "0", "A", "B", "C", QueueReaderChild.SENTINEL).echo(false).start();
             ChildJvm reader = ChildJvm.builder(QueueReaderChild.class)
                     .args(q.address(), "sentinel", "0").echo(false).start()) {
            assertTrue(writer.waitFor(Duration.ofSeconds(20)), writer.stderr());
            assertTrue(reader.waitFor(Duration.ofSeconds(20)), reader.stderr());
            assertEquals(0, writer.exitCode(), writer.stderr());
            assertEquals(0, reader.exitCode(), reader.stderr());
            assertTrue(reader.stdout().contains("reader read 3 messages"), reader.stdout());
        }
    }

    @Test
    void badArgumentsAreRefusedWithAHint() {
        IllegalArgumentException cap = assertThrows(IllegalArgumentException.class, () -> IpcQueue.create(0));
        assertTrue(cap.getMessage().startsWith("capacity (0) must be positive"), cap.getMessage());
        IllegalArgumentException addr = assertThrows(IllegalArgumentException.class,
                () -> IpcQueue.connect("localhost:80"));
        assertTrue(addr.getMessage().startsWith("address (localhost:80) must be 127.0.0.1:port/token"), addr.getMessage());
    }

    private static Socket rawClient(IpcQueue owner) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port(owner));
        send(s, "HELLO " + owner.address().substring(owner.address().indexOf('/') + 1));
        assertEquals("OK " + owner.capacity(), IpcQueue.readFrame(s.getInputStream()));
        return s;
    }

    private static int port(IpcQueue q) {
        String a = q.address();
        return Integer.parseInt(a.substring(a.indexOf(':') + 1, a.indexOf('/')));
    }

    private static void send(Socket s, String frame) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((frame + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }

    private static void awaitConnections(IpcQueue owner, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (owner.connections() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, owner.connections());
    }
}
