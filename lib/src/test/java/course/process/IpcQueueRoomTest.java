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
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** Issue 17, item 5: how a connected writer of a bounded queue gets room, and the handshake's time limit. */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class IpcQueueRoomTest {

    private static final Duration LONG = IpcQueueTest.LONG;

    @Test
    void aPutWithoutRoomSleepsMarkedInTheSharedRoomAndAfterItsLastPlaceMoreRoomIsOwedUnasked() throws Exception {
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            Blocked<RawPeer> server = RawPeer.acceptLater(fake, 1);
            try (IpcQueue client = IpcQueue.connect(RawPeer.address(fake)); RawPeer owner = server.value(LONG)) {
                Blocked<Void> first = Blocked.run(() -> client.put("a"));
                assertEquals("WANT 0 -1", owner.next(), "no room held: it asks");
                assertFalse(first.done(), "without room the put cannot go on");
                assertTrue(owner.grant(1), "a put without room sleeps, marked so that the owner wakes it");
                assertEquals("SEND a", owner.next());
                first.value(LONG);
                Blocked<Void> second = Blocked.run(() -> client.put("b"));
                awaitAsleep(owner.room);                 // it used its last place: it sleeps without asking again
                assertTrue(owner.grant(1), "the owner grants after a writer's last place, unasked, and wakes it");
                assertEquals("SEND b", owner.next(), "a handle owed room must not ask again");
                second.value(LONG);
                closeConfirmed(client, owner);
            }
        }
    }

    @Test
    void aWriterGetsTheRoomItsMessageFreesAtOnceInTheSharedRoomAndAFrameOnlyWhenItSleeps() throws Exception {
        try (IpcQueue owner = IpcQueue.create(3); RawPeer writer = RawPeer.client(owner)) {
            IpcStore store = owner.owner().store();
            writer.send("WANT 1 -1");
            assertEquals("ROOM 1 3", writer.next(), "all free room at once");
            assertEquals(3, writer.room.places());
            Blocked<String> get = Blocked.start(owner::get);
            assertTrue(store.awaitState(s -> s.takers() == 1, LONG));
            assertEquals(3, writer.room.take());
            writer.send("SEND a");                       // handed straight to the waiting get: its place is free again
            assertEquals("a", get.value(LONG));
            assertTrue(store.awaitState(s -> s.leased() == 3, LONG), "the freed place goes back to the writer, unasked");
            assertEquals(3, writer.room.places(), "in the shared room, without a frame");
            for (int i = 0; i < 3; i++) {
                writer.room.take();
                writer.send("SEND b" + i);
            }
            assertTrue(store.awaitState(s -> s.messages() == 3 && s.leased() == 0 && s.putters() == 1, LONG),
                    "full: the writer that used its last place waits in line unasked " + store.state());
            writer.room.asleep(true);
            assertEquals("b0", owner.get());
            assertEquals("ROOM 0 1", writer.next(), "a writer marked asleep is woken when room comes");
            assertFalse(writer.room.wake(), "the owner clears the mark when it wakes");
            assertEquals(1, writer.room.places());
        }
    }

    @Test
    void roomGrantedToAWriterThatStoppedWritingWhileAnotherWaitsGoesToTheOtherSoon() throws Exception {
        try (IpcQueue owner = IpcQueue.create(1); RawPeer idle = RawPeer.client(owner);
             IpcQueue other = IpcQueue.connect(owner.address())) {
            IpcStore store = owner.owner().store();
            idle.send("WANT 1 -1");
            assertEquals("ROOM 1 1", idle.next());
            idle.room.take();
            idle.send("SEND a");                         // its last place: the owner keeps room coming for it, unasked
            assertTrue(store.awaitState(s -> s.messages() == 1 && s.putters() == 1, LONG), store.state().toString());
            Blocked<Void> put = Blocked.run(() -> other.put("b"));
            assertTrue(store.awaitState(s -> s.putters() == 2, LONG), "the other writer waits behind it");
            assertEquals("a", owner.get());              // the freed place goes to the first in line, which writes no more
            put.value(LONG);                             // without a limit on unused room: it would wait for ever
            assertEquals("b", owner.get(LONG));
            assertEquals("RECALL", idle.next(), "the unused place was taken back");
            assertEquals(0, idle.room.places());
        }
    }

    @Test
    void placesAWriterWritesIntoTheSharedRoomItselfDoNotLetItPutMoreThanItWasGranted() throws Exception {
        try (IpcQueue owner = IpcQueue.create(2); RawPeer writer = RawPeer.client(owner)) {
            writer.room.add(100);
            writer.send("SEND x");
            assertEquals("ERR malformed frame 'SEND x' (53 45 4e 44 20 78): SEND on a bounded queue needs room granted by ROOM",
                    writer.next());
            assertEquals(0, owner.size());
        }
    }

    @Test
    void aWriterKilledWhileItHoldsRoomGivesTheRoomBack() throws Exception {
        try (IpcQueue owner = IpcQueue.create(3);
             ChildJvm writer = ChildJvm.builder(HoldingWriterChild.class).args(owner.address()).echo(false).start()) {
            IpcStore store = owner.owner().store();
            assertTrue(store.awaitState(s -> s.messages() == 1 && s.leased() == 2, LONG),
                    "it put one message and holds the rest of the room: " + store.state());
            writer.handle().destroyForcibly();
            assertTrue(writer.waitFor(LONG));
            assertTrue(store.awaitState(s -> s.connections() == 0 && s.leased() == 0, LONG), store.state().toString());
            owner.putNowait("o1");
            owner.putNowait("o2");
            assertEquals(List.of("w0", "o1", "o2"), List.of(owner.get(), owner.get(), owner.get()));
        }
        assertTrue(ChildJvm.live().isEmpty(), "children left: " + ChildJvm.live());
    }

    @Test
    void aPutInterruptedBeforeItWaitsForRoomPutsNothingAndTheHandleGoesOn() throws Exception {
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            Blocked<RawPeer> server = RawPeer.acceptLater(fake, 1);
            try (IpcQueue client = IpcQueue.connect(RawPeer.address(fake)); RawPeer owner = server.value(LONG)) {
                owner.room.add(1);                       // granted in the shared room: no frame needed
                client.put("a");
                assertEquals("SEND a", owner.next(), "it took the place and did not ask");
                Blocked<Void> put = Blocked.run(() -> {  // owed room, none there: it looks for it (2+ cores), then sleeps
                    Thread.currentThread().interrupt();
                    client.put("b");
                });
                Throwable e = put.failure(LONG);
                assertTrue(e instanceof InterruptedException, String.valueOf(e));
                owner.grant(1);
                client.put("c");
                assertEquals("SEND c", owner.next(), "b was not put");
                closeConfirmed(client, owner);
            }
        }
    }

    /** Closes the handle as its fake owner confirms its SENDs (close waits for that). */
    private static void closeConfirmed(IpcQueue client, RawPeer owner) throws Exception {
        Blocked<Void> closing = Blocked.run(client::close);
        String sync = owner.next();
        assertTrue(sync.startsWith("SYNC "), sync);
        owner.send("OK " + sync.substring(5));
        closing.value(LONG);
    }

    /** Waits until a put of the handle that maps {@code room} sleeps (marked in the room). */
    private static void awaitAsleep(IpcRoom room) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!room.asleep()) {
            assertTrue(System.nanoTime() < deadline, "the put never marked itself asleep");
            Thread.onSpinWait();
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
