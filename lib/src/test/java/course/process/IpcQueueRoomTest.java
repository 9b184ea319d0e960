package course.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** Issue 17, item 5: how a connected writer of a bounded queue gets room, and the handshake's time limit. */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class IpcQueueRoomTest {

    private static final Duration LONG = IpcQueueTest.LONG;

    @Test
    void aPutWithoutRoomIsWrittenWhenRoomComesAndAfterItsLastPlaceMoreRoomIsOwedUnasked() throws Exception {
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            Blocked<RawPeer> server = RawPeer.acceptLater(fake, "OK 1 16777216");
            try (IpcQueue client = IpcQueue.connect(RawPeer.address(fake)); RawPeer owner = server.value(LONG)) {
                Blocked<Void> first = Blocked.run(() -> client.put("a"));
                assertEquals("WANT 0 -1", owner.next(), "no room held: it asks");
                assertFalse(first.done(), "without room the put cannot go on");
                owner.send("ROOM 0 1");
                assertEquals("SEND a", owner.next());
                first.value(LONG);
                Blocked<Void> second = Blocked.run(() -> client.put("b"));
                owner.send("ROOM 0 1");                  // the owner grants after a writer's last place, unasked
                assertEquals("SEND b", owner.next(), "a handle owed room must not ask again");
                second.value(LONG);
                Blocked<Void> closing = Blocked.run(client::close);
                String sync = owner.next();                // close waits until the owner confirms both SENDs
                assertTrue(sync.startsWith("SYNC "), sync);
                owner.send("OK " + sync.substring(5));
                closing.value(LONG);
            }
        }
    }

    @Test
    void aWriterGetsTheRoomItsMessageFreesAtOnceSoItSeldomWaits() throws Exception {
        try (IpcQueue owner = IpcQueue.create(3); RawPeer writer = RawPeer.client(owner)) {
            writer.send("WANT 1 -1");
            assertEquals("ROOM 1 3", writer.next(), "all free room at once");
            Blocked<String> get = Blocked.start(owner::get);
            assertTrue(owner.owner().store().awaitState(s -> s.takers() == 1, LONG));
            writer.send("SEND a");                       // handed straight to the waiting get: its place is free again
            assertEquals("ROOM 0 1", writer.next(), "the freed place goes back to the writer, unasked");
            assertEquals("a", get.value(LONG));
            assertEquals(3, owner.owner().store().state().leased(), "the writer holds all the room; the queue is empty");
        }
    }

    @Test
    void closingThisHandleWhileAPutWaitsForRoomIsNamedAsTheCauseAndPutsNothing() throws Exception {
        try (IpcQueue owner = IpcQueue.create(1)) {
            owner.put("x");
            IpcQueue client = IpcQueue.connect(owner.address());
            Blocked<Void> put = Blocked.run(() -> client.put("y"));
            assertTrue(owner.owner().store().awaitState(s -> s.putters() == 1, LONG), "the put waits for room");
            client.close();
            assertEquals("这个连接已经在本进程里关闭了 / this handle was closed in this process (IpcQueue.close())",
                    put.failure(LONG).getMessage());
            assertTrue(owner.owner().store().awaitState(s -> s.connections() == 0 && s.putters() == 0, LONG));
            assertEquals("x", owner.getNowait());
            assertEquals(0, owner.size(), "y was not put");
        }
    }

    @Test
    void aSilentOwnerOrASilentClientIsLeftAfterTheHandshakeTimeLimit() throws Exception {
        try (ServerSocket silent = RawPeer.fakeOwner(); IpcQueue owner = IpcQueue.create(1)) {
            Blocked<Socket> accepted = Blocked.start(silent::accept);
            Blocked<Integer> ownerSide = Blocked.start(() -> silentClientReads(owner));
            IpcQueue.Broken e = assertThrows(IpcQueue.Broken.class, () -> IpcQueue.connect(RawPeer.address(silent)));
            assertEquals("队列在 10 秒内没有回答握手：它的所有者进程还在吗？ / the queue at " + RawPeer.address(silent)
                    + " did not answer the handshake within 10000 ms", e.getMessage());
            assertEquals(-1, ownerSide.value(LONG), "the owner closes a connection that never says HELLO");
            accepted.value(LONG).close();
        }
    }

    /** Connects to the owner, says nothing, and returns what a read gets (-1: the owner closed the connection). */
    private static int silentClientReads(IpcQueue owner) throws IOException {
        String a = owner.address();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(),
                Integer.parseInt(a.substring(a.indexOf(':') + 1, a.indexOf('/'))))) {
            return s.getInputStream().read();
        }
    }
}
