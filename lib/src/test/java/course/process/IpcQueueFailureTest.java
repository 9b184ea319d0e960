package course.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 17, items 3 to 5: the size limit, the true cause of every failure, and puts that return early. */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class IpcQueueFailureTest {

    private static final Duration LONG = IpcQueueTest.LONG;
    private static final String TOO_BIG = "x".repeat(IpcQueue.MAX_MESSAGE_BYTES + 1);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"owner", "client"})
    void anOversizedPutIsRefusedWithItsSizeAndTheLimitAndNothingElseChanges(String side) throws Exception {
        try (IpcQueue owner = IpcQueue.create(3); IpcQueue client = IpcQueue.connect(owner.address())) {
            IpcQueue use = side.equals("owner") ? owner : client;
            use.put("before");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> use.put(TOO_BIG));
            assertEquals("message (16777217 bytes) must be at most 16777216 bytes / 消息太大：16.0 MiB，上限是 16 MiB；"
                    + "大的数据请写进文件，队列里只放文件名", e.getMessage());
            String chinese = "队".repeat(IpcQueue.MAX_MESSAGE_BYTES / 3 + 1);   // 3 bytes each in UTF-8
            IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> use.putNowait(chinese));
            assertTrue(c.getMessage().startsWith("message (16777218 bytes)"), c.getMessage());
            use.put("after");
            assertEquals("before", client.get(LONG));
            assertEquals("after", client.get(LONG));
            assertEquals(0, client.size(), "asked on the same connection: after the ACKs");
        }
    }

    @Test
    void aFrameOverTheLimitFromARawClientIsAnsweredTooBigAndTheConnectionGoesOn() throws Exception {
        try (IpcQueue owner = IpcQueue.create(3); RawPeer raw = RawPeer.client(owner)) {
            raw.send("PUT 7 0 " + TOO_BIG);
            assertEquals("TOOBIG 7 16777217 16777216", raw.next());
            raw.send("PUT 8 0 " + "\\n".repeat(IpcQueue.MAX_MESSAGE_BYTES) + "!".repeat(100));   // a frame too long to read
            assertEquals("TOOBIG 8 " + (2L * IpcQueue.MAX_MESSAGE_BYTES + 108) + " 16777216", raw.next());
            raw.send("SIZE 9");
            assertEquals("SIZE 9 0", raw.next());
        }
    }

    @ParameterizedTest(name = "{0} MiB")
    @ValueSource(ints = {1, 4})
    void notebookSizedMessagesTravelBothWays(int mib) throws Exception {
        String big = "骨头".repeat(mib * 1024 * 1024 / 6) + "\n\t\\ end";
        try (IpcQueue owner = IpcQueue.create(2); IpcQueue client = IpcQueue.connect(owner.address())) {
            client.put(big);
            assertEquals(big, owner.get(LONG));
            owner.put(big);
            assertEquals(big, client.get(LONG));
        }
    }

    @Test
    void theOwnerClosingTheQueueIsNamedAsTheCause() throws Exception {
        IpcQueue owner = IpcQueue.create(2);
        try (IpcQueue client = IpcQueue.connect(owner.address())) {
            Blocked<String> get = Blocked.start(client::get);
            assertTrue(owner.owner().store().awaitState(s -> s.takers() == 1, LONG));
            owner.close();
            Throwable failure = get.failure(LONG);
            assertTrue(failure instanceof IpcQueue.Broken, String.valueOf(failure));
            assertEquals("队列的所有者关闭了队列 / the owner closed the queue at " + owner.address(), failure.getMessage());
            IpcQueue.Broken later = assertThrows(IpcQueue.Broken.class, () -> client.put("x"));
            assertEquals(failure.getMessage(), later.getMessage(), "later calls give the same cause");
        }
    }

    @Test
    void theOwnersProcessEndingIsNamedAsTheCause() throws Exception {
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            Blocked<RawPeer> server = RawPeer.acceptLater(fake, 3);
            try (IpcQueue client = IpcQueue.connect(RawPeer.address(fake)); RawPeer owner = server.value(LONG)) {
                Blocked<String> get = Blocked.start(client::get);
                assertEquals("GET 1 -1", owner.next());
                owner.close();                                  // the "process" ends: no CLOSED
                Throwable e = get.failure(LONG);
                assertTrue(e.getMessage().startsWith("队列的所有者进程已经结束 / the owner process of the queue at "
                        + RawPeer.address(fake) + " ended"), e.getMessage());
            }
        }
    }

    @Test
    void closingThisHandleWhileAnotherThreadWaitsIsNamedAsTheCause() throws Exception {
        try (IpcQueue owner = IpcQueue.create(2)) {
            IpcQueue client = IpcQueue.connect(owner.address());
            Blocked<String> get = Blocked.start(client::get);
            assertTrue(owner.owner().store().awaitState(s -> s.takers() == 1, LONG));
            client.close();
            assertEquals("这个连接已经在本进程里关闭了 / this handle was closed in this process (IpcQueue.close())",
                    get.failure(LONG).getMessage());
            assertTrue(owner.owner().store().awaitState(s -> s.connections() == 0 && s.takers() == 0, LONG));
            owner.put("not lost");
            assertEquals("not lost", owner.getNowait());
        }
    }

    @Test
    void closingTheOwnerWhileItsOwnThreadWaitsIsNamedAsTheCause() throws Exception {
        IpcQueue owner = IpcQueue.create(2);
        Blocked<String> get = Blocked.start(owner::get);
        assertTrue(owner.owner().store().awaitState(s -> s.takers() == 1, LONG));
        owner.close();
        assertEquals("这个队列已经在本进程里关闭了 / this queue was closed in this process (IpcQueue.close())",
                get.failure(LONG).getMessage());
    }

    @Test
    void aMalformedFrameFromTheOwnerIsNamedWithItsFirstBytes() throws Exception {
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            Blocked<RawPeer> server = RawPeer.acceptLater(fake, 3);
            try (IpcQueue client = IpcQueue.connect(RawPeer.address(fake)); RawPeer owner = server.value(LONG)) {
                Blocked<String> get = Blocked.start(client::get);
                assertEquals("GET 1 -1", owner.next());
                owner.send("HTTP/1.1 400 Bad Request");
                Throwable e = get.failure(LONG);
                assertTrue(e.getMessage().contains("malformed frame from the owner of the queue at "
                        + RawPeer.address(fake) + ": 'HTTP/1.1 400 Bad Request' (48 54 54 50 2f 31 2e 31 20 34 30 30"),
                        e.getMessage());
            }
        }
    }

    @Test
    void aHandshakeInAnotherLanguageIsNamedWithItsFirstBytes() throws Exception {
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            Blocked<RawPeer> server = RawPeer.acceptLater(fake, "SSH-2.0-OpenSSH_9.2");
            IpcQueue.Broken e = assertThrows(IpcQueue.Broken.class, () -> IpcQueue.connect(RawPeer.address(fake)));
            assertTrue(e.getMessage().contains("the handshake answer 'SSH-2.0-OpenSSH_9.2' (53 53 48 2d"), e.getMessage());
            server.value(LONG).close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/etc/passwd", "relative/ipc-queue-1.room"})
    void aHandshakeThatNamesNoRoomFileIsRefusedAndTouchesNoOtherFile(String file) throws Exception {
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            Blocked<RawPeer> server = RawPeer.acceptLater(fake, "OK 3 16777216 " + file);
            IpcQueue.Broken e = assertThrows(IpcQueue.Broken.class, () -> IpcQueue.connect(RawPeer.address(fake)));
            assertTrue(e.getMessage().startsWith("对方说的不是队列协议 / malformed frame from the owner")
                    && e.getMessage().contains("the handshake names a room file that cannot be used: '" + file + "'"), e.getMessage());
            server.value(LONG).close();
        }
    }

    @Test
    void aRoomFileThisProcessCannotSeeIsNamedWithWhatBothProcessesNeed() throws Exception {
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            Blocked<RawPeer> server = RawPeer.acceptLater(fake, "OK 3 16777216 /no-such-folder/ipc-queue-1.room");
            IpcQueue.Broken e = assertThrows(IpcQueue.Broken.class, () -> IpcQueue.connect(RawPeer.address(fake)));
            assertTrue(e.getMessage().startsWith("这个进程打不开队列的空位文件：两个进程要在同一台机器上、用同一个用户、看得到同一个临时目录"),
                    e.getMessage());
            server.value(LONG).close();
        }
    }

    @Test
    void aTimedPutThatRunsOutOfTimeWhileRoomIsGrantedSaysFull() throws Exception {
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            Blocked<RawPeer> server = RawPeer.acceptLater(fake, 1);
            try (IpcQueue client = IpcQueue.connect(RawPeer.address(fake)); RawPeer owner = server.value(LONG)) {
                Blocked<Void> put = Blocked.run(() -> client.put("x", Duration.ofMillis(50)));
                assertEquals("WANT 0 -1", owner.next());          // no room held: it asks, then waits 50 ms
                assertEquals("SIZE 1", owner.next());             // out of time: it asks how full the queue is
                owner.grant(1);                                   // a grant crosses the question: the reader thread
                owner.send("SIZE 1 1");                           // must hand it over without waiting for the put
                Throwable e = put.failure(LONG);
                assertTrue(e instanceof IpcQueue.Full && e.getMessage().startsWith("消息队列已满，现有消息数量: 1"),
                        String.valueOf(e));
            }
        }
    }

    @Test
    void aPutReturnsBeforeTheOwnerHasTheMessageAndCloseSaysWhenItNeverArrived() throws Exception {
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            Blocked<RawPeer> server = RawPeer.acceptLater(fake, 0);   // unbounded
            IpcQueue client = IpcQueue.connect(RawPeer.address(fake));
            RawPeer owner = server.value(LONG);
            client.put("one");                                   // returns: the owner has not read a byte yet
            client.put("two");
            assertEquals("SEND one", owner.next());
            owner.close();                                       // the owner ends before it confirmed anything
            IpcQueue.Broken e = assertThrows(IpcQueue.Broken.class, client::close);
            assertTrue(e.getMessage().startsWith("最后放进的 2 条消息可能没有送到 / up to 2 of the messages put through this handle"
                    + " may not have reached the owner"), e.getMessage());
            client.close();                                      // once is enough
        }
    }

    @Test
    void afterCloseReturnsTheOwnerHasEveryMessagePutThroughTheHandle() throws Exception {
        int n = 20_000;
        try (IpcQueue owner = IpcQueue.unbounded()) {
            IpcQueue client = IpcQueue.connect(owner.address());
            for (int i = 0; i < n; i++) {
                client.put("m" + i);
            }
            client.close();                                      // waits for the owner's confirmation
            assertEquals(n, owner.size());
            for (int i = 0; i < n; i++) {
                assertEquals("m" + i, owner.getNowait());
            }
        }
    }

    @Test
    void aProcessThatEndsWithoutClosingStillDeliversItsPuts() throws Exception {
        try (IpcQueue owner = IpcQueue.unbounded();
             ChildJvm writer = ChildJvm.builder(ExitingWriterChild.class).args(owner.address(), "500").echo(false).start()) {
            assertTrue(writer.waitFor(LONG), writer.stderr());
            assertEquals(0, writer.exitCode(), writer.stderr());
            assertTrue(owner.owner().store().awaitState(s -> s.connections() == 0, LONG));
            assertEquals(500, owner.size(), "the shutdown hook flushed the handle");
        }
    }
}
