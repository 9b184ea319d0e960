package course.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 17, items 1 and 2: nothing is lost, and an interrupted call leaves its handle consistent. */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class IpcQueueDeliveryTest {

    private static final Duration LONG = IpcQueueTest.LONG;

    @AfterEach
    void noChildLeft() {
        assertTrue(ChildJvm.live().isEmpty(), "children left: " + ChildJvm.live());
    }

    /** Waits until the owner sees {@code takers} remote or local gets waiting. */
    private static void awaitTakers(IpcQueue owner, int takers) throws InterruptedException {
        assertTrue(owner.owner().store().awaitState(s -> s.takers() == takers, LONG),
                "expected " + takers + " waiting gets: " + owner.owner().store().state());
    }

    @Test
    @Timeout(value = 300, threadMode = ThreadMode.SEPARATE_THREAD)
    void aReaderProcessKilledWhileWaitingLosesNoMessagePutRightAfter() throws Exception {
        int lost = 0;
        int twice = 0;
        try (IpcQueue owner = IpcQueue.create(3)) {
            IpcStore store = owner.owner().store();
            for (int i = 0; i < 50; i++) {
                String m = "m" + i;
                try (ChildJvm reader = ChildJvm.builder(BlockedReaderChild.class).args(owner.address())
                        .echo(false).start()) {
                    awaitTakers(owner, 1);
                    long ackedBefore = store.state().acked();
                    if (i % 2 == 0) {
                        reader.handle().destroyForcibly();   // SIGKILL: no clean-up in the reader at all
                    } else {
                        reader.handle().destroy();           // SIGTERM: its shutdown hooks run
                    }
                    owner.put(m);                            // right after: it may still go to the dying reader
                    assertTrue(reader.waitFor(LONG));
                    assertTrue(store.awaitState(s -> s.connections() == 0 && s.inFlight() == 0, LONG), store.state().toString());
                    boolean taken = store.state().acked() > ackedBefore;  // the reader, still alive, acknowledged it
                    boolean stillQueued = owner.size() == 1 && owner.getNowait().equals(m);
                    lost += !taken && !stillQueued ? 1 : 0;
                    twice += taken && stillQueued ? 1 : 0;
                    assertTrue(taken || !reader.stdout().contains("got " + m), "it printed a message it did not take");
                }
            }
            assertEquals(0, owner.size());
        }
        assertEquals(0, lost, "messages lost");
        assertEquals(0, twice, "messages delivered twice");
    }

    @ParameterizedTest(name = "closed with {0}")
    @ValueSource(strings = {"FIN", "RST"})
    void aMessageInFlightToAReaderThatVanishesGoesBackToTheHead(String how) throws Exception {
        try (IpcQueue owner = IpcQueue.create(3)) {
            owner.put("first");
            owner.put("second");
            RawPeer raw = RawPeer.client(owner);
            raw.send("GET 1 0");
            assertEquals("ITEM 1 first", raw.next());       // in flight: sent, not acknowledged
            assertEquals(2, owner.size(), "a message in flight is still counted");
            if (how.equals("RST")) {
                raw.socket.setSoLinger(true, 0);
            }
            raw.close();                                    // the reader is gone before its ACK
            assertTrue(owner.owner().store().awaitState(s -> s.connections() == 0 && s.inFlight() == 0, LONG));
            assertEquals("first", owner.getNowait(), "back at the head, before 'second'");
            assertEquals("second", owner.getNowait());
        }
    }

    @Test
    void aClientGetInterruptedWhileWaitingTakesNothingAndTheNextGetGetsTheNextMessage() throws Exception {
        try (IpcQueue owner = IpcQueue.create(3); IpcQueue client = IpcQueue.connect(owner.address())) {
            Blocked<String> get = Blocked.start(client::get);
            awaitTakers(owner, 1);
            get.interrupt();
            Throwable outcome = get.failure(LONG);
            assertTrue(outcome instanceof InterruptedException, String.valueOf(outcome));
            awaitTakers(owner, 0);                           // the owner heard the CANCEL
            owner.put("A");
            owner.put("B");
            assertEquals("A", client.get(LONG));
            assertEquals("B", client.getNowait());
            assertEquals(0, client.size());
        }
    }

    @Test
    void anItemThatCrossesTheCancelOfAnInterruptedGetIsGivenBack() throws Exception {
        try (ServerSocket fake = RawPeer.fakeOwner()) {
            Blocked<RawPeer> server = RawPeer.acceptLater(fake, 3);
            try (IpcQueue client = IpcQueue.connect(RawPeer.address(fake)); RawPeer owner = server.value(LONG)) {
                Blocked<String> get = Blocked.start(client::get);
                assertEquals("GET 1 -1", owner.next());
                get.interrupt();
                assertEquals("CANCEL 1", owner.next());
                Throwable outcome = get.failure(LONG);
                assertTrue(outcome instanceof InterruptedException, String.valueOf(outcome));
                owner.send("ITEM 1 late");                   // it was on its way when the CANCEL was sent
                assertEquals("NACK 1", owner.next(), "the late message must go back, not be taken");
                Blocked<String> again = Blocked.start(() -> client.get(LONG));
                assertEquals("GET 2 10000", owner.next());
                owner.send("ITEM 2 late");
                assertEquals("ACK 2", owner.next());
                assertEquals("late", again.value(LONG), "the next call gets its own answer");
            }
        }
    }

    @Test
    void aClientPutInterruptedWhileTheQueueIsFullPutsNothingAndTheHandleGoesOn() throws Exception {
        try (IpcQueue owner = IpcQueue.create(1); IpcQueue client = IpcQueue.connect(owner.address())) {
            owner.put("x");
            Blocked<Void> put = Blocked.run(() -> client.put("y"));
            assertTrue(owner.owner().store().awaitState(s -> s.putters() == 1, LONG), "the put waits for room");
            put.interrupt();
            Throwable outcome = put.failure(LONG);
            assertTrue(outcome instanceof InterruptedException, String.valueOf(outcome));
            assertEquals("x", owner.get());
            client.put("z");
            assertEquals("z", owner.get(LONG), "y must not have been put");
            assertEquals(0, client.size());
        }
    }

    @Test
    void anOwnerGetInterruptedWhileWaitingTakesNothing() throws Exception {
        try (IpcQueue owner = IpcQueue.create(2)) {
            Blocked<String> get = Blocked.start(owner::get);
            awaitTakers(owner, 1);
            get.interrupt();
            Throwable outcome = get.failure(LONG);
            assertTrue(outcome instanceof InterruptedException, String.valueOf(outcome));
            owner.put("kept");
            assertEquals("kept", owner.getNowait());
        }
    }
}
