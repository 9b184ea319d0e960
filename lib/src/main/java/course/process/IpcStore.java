package course.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The messages of an {@link IpcQueue} at its owner, with the lines of waiting gets and puts, from
 * this process's threads and from connected processes alike.
 *
 * <p>队列所有者手里的消息，以及排队等待的 get 和 put（先来先得，不管来自本进程的线程还是别的进程）。
 * 交给别的进程的消息，在它回答 {@code ACK} 之前仍算在队列里（"在路上", in flight）：
 * 那个进程死了或者放弃了，消息回到队首。
 *
 * <p>Room granted in advance to connected writers ({@link IpcConnection}) counts as taken; as soon
 * as anyone else has to wait for room, the store takes back what writers that are not waiting have not
 * used yet (from their {@link IpcRoom}, and tells them with {@code RECALL}); room granted while others
 * still wait is taken back the same way if it is still unused {@link #UNUSED_ROOM_MILLIS} later (its
 * writer may have stopped writing). Invariant: {@code messages + inFlight + leased <= capacity}.
 *
 * <p>Thread-safety: all state is guarded by one lock; frames for connections are queued while it
 * is held and written after it is released ({@link #unlockAndFlush(IpcConnection)}), so no thread
 * waits for a socket while holding it.
 */
final class IpcStore {

    /** How long room granted to a writer may stay unused while others wait for room. */
    static final long UNUSED_ROOM_MILLIS = 50;

    private final int capacity;                 // Integer.MAX_VALUE: unbounded
    private final ScheduledExecutorService timer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<String> messages = new ArrayDeque<>();
    private final ArrayDeque<IpcWaiter> takers = new ArrayDeque<>();
    private final ArrayDeque<IpcWaiter> putters = new ArrayDeque<>();
    private final Set<IpcConnection> connections = new LinkedHashSet<>();
    private final IpcOutbox outbox = new IpcOutbox();
    private int inFlight;
    private int leased;
    private long acked;                         // messages connected readers have taken so far
    private boolean closed;
    private ScheduledFuture<?> unusedRoomCheck; // planned while someone waits and room is held

    /** A snapshot of the counters, for tests that wait for a state instead of sleeping. */
    record State(int messages, int inFlight, int leased, int takers, int putters, int connections, long acked) {
    }

    IpcStore(int capacity, ScheduledExecutorService timer) {
        this.capacity = capacity;
        this.timer = timer;
    }

    int capacity() {
        return capacity;
    }

    boolean bounded() {
        return capacity != Integer.MAX_VALUE;
    }

    // ---------------------------------------------------------------- this process's threads (lock held)

    ReentrantLock lock() {
        return lock;
    }

    /** A waiting thread gives up (interrupted, out of time, queue closed). */
    void leave(IpcWaiter w) {
        (w.message != null ? putters : takers).remove(w);
        changed.signalAll();
    }

    /** Before a thread waits: frames queued meanwhile (a RECALL) are written, without the lock; true if some were. */
    boolean flushBeforeWaiting() {
        IpcConnection[] f = outbox.take();
        if (f == null) {
            return false;
        }
        lock.unlock();
        try {
            IpcOutbox.write(f, null);
        } finally {
            lock.lock();
        }
        return true;
    }

    boolean isClosed() {
        return closed;
    }

    IpcQueue.Full full() {
        return IpcQueue.full(capacity, count());
    }

    int size() {
        lock.lock();
        try {
            return messages.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    State state() {
        lock.lock();
        try {
            return snapshot();
        } finally {
            lock.unlock();
        }
    }

    private State snapshot() {
        return new State(messages.size(), inFlight, leased, takers.size(), putters.size(), connections.size(), acked);
    }

    /** Waits until the state satisfies {@code p}; true when it did within {@code timeout}. */
    boolean awaitState(Predicate<State> p, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!p.test(snapshot())) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- connections (lock held unless said)

    /** Releases the lock, then writes what was queued for connections; {@code self} flushes itself later. */
    void unlockAndFlush(IpcConnection self) {
        IpcConnection[] f = outbox.take();
        lock.unlock();
        IpcOutbox.write(f, self);
    }

    /** Registers a new connection (takes the lock); false when the queue is already closed. */
    boolean connected(IpcConnection c) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            connections.add(c);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a put may go in now: nobody waits ahead of it and there is room. */
    boolean roomNow() {
        return putters.isEmpty() && hasRoom();
    }

    /** The oldest message, taken off the queue to be lent, or null. */
    String takeHead() {
        return messages.pollFirst();
    }

    /**
     * A put or a WANT joins the line of putters ({@code forRoom}), a get the line of takers; a request
     * of a connection is answered {@code EMPTY}/{@code FULL} after {@code millis} (-1: never).
     */
    void waitInLine(IpcWaiter w, boolean forRoom, long millis) {
        (forRoom ? putters : takers).addLast(w);
        if (w instanceof IpcWaiter.Remote r) {
            schedule(r, millis);
        }
        if (forRoom) {
            recall();
        }
        changed.signalAll();
    }

    /** A waiting WANT gets the time limit of a newer request that takes it over. */
    void retime(IpcWaiter.Remote w, long millis) {
        w.cancelTimeout();
        schedule(w, millis);
    }

    /** The connection puts a message into room it was granted. */
    void useRoom(IpcConnection c) {
        if (c.leases == 0) {
            throw new IllegalArgumentException("SEND on a bounded queue needs room granted by ROOM");
        }
        c.leases--;
        leased--;
    }

    /** The reader has the message (ACK): now it leaves the queue. */
    void taken(IpcConnection c, long id) {
        if (c.lent.remove(id) == null) {
            throw new IllegalArgumentException("ACK " + id + " names no message sent to this connection");
        }
        acked++;
        inFlight--;
        roomFreed();
    }

    /** The reader gives the message back (NACK: its get was given up): it returns to the head. */
    void givenBack(IpcConnection c, long id) {
        String m = c.lent.remove(id);
        if (m == null) {
            throw new IllegalArgumentException("NACK " + id + " names no message sent to this connection");
        }
        inFlight--;
        giveBack(List.of(m));
        roomFreed();
    }

    /** Takes a waiting request out of its line; false when it is not waiting (it was answered already). */
    boolean withdraw(IpcConnection c, long id) {
        for (ArrayDeque<IpcWaiter> line : List.of(takers, putters)) {
            for (IpcWaiter w : line) {
                if (w instanceof IpcWaiter.Remote r && r.conn == c && r.id == id) {
                    line.remove(w);
                    w.cancelTimeout();
                    if (c.want == w) {
                        c.want = null;
                    }
                    changed.signalAll();
                    return true;
                }
            }
        }
        return false;
    }

    /** The connection ended (takes the lock): its waits end, what it had in flight returns to the head, its room is free. */
    void disconnected(IpcConnection c) {
        lock.lock();
        try {
            connections.remove(c);
            for (ArrayDeque<IpcWaiter> line : List.of(takers, putters)) {
                Predicate<IpcWaiter> ours = w -> w instanceof IpcWaiter.Remote r && r.conn == c;
                line.stream().filter(ours).forEach(IpcWaiter::cancelTimeout);
                line.removeIf(ours);
            }
            c.want = null;
            List<String> back = new ArrayList<>(c.lent.values());
            c.lent.clear();
            inFlight -= back.size();
            leased -= c.leases;
            c.leases = 0;
            giveBack(back);
            roomFreed();
        } finally {
            unlockAndFlush(c);
        }
    }

    /**
     * Closes the store (takes the lock): this process's waiting calls end with {@link IpcQueue.Broken},
     * every connection is sent {@code CLOSED}. Returns the connections, to be flushed and closed.
     */
    List<IpcConnection> close() {
        lock.lock();
        try {
            if (closed) {
                return List.of();
            }
            closed = true;
            for (ArrayDeque<IpcWaiter> line : List.of(takers, putters)) {
                for (IpcWaiter w : line) {
                    w.wake();                        // a thread of this process finds the queue closed
                }
            }
            for (IpcConnection c : connections) {
                c.enqueue("CLOSED");
            }
            outbox.clear();
            return List.copyOf(connections);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- the lines (lock held)

    /** Messages in the queue, counting those in flight. */
    int count() {
        return messages.size() + inFlight;
    }

    boolean hasRoom() {
        return !bounded() || messages.size() + inFlight + leased < capacity;
    }

    int free() {
        return capacity - messages.size() - inFlight - leased;
    }

    /** The message enters the queue: to the first waiting reader, else to the tail. */
    void admit(String m) {
        IpcWaiter t = takers.pollFirst();
        if (t != null) {
            give(t, m);
        } else {
            messages.addLast(m);
        }
        changed.signalAll();
    }

    private void give(IpcWaiter taker, String m) {
        taker.cancelTimeout();
        if (taker instanceof IpcWaiter.Remote r) {
            lend(r.conn, r.id, m);
        } else {
            taker.serve(m);
        }
    }

    /** Sends the message to a connected reader; it stays in the queue (in flight) until its ACK. */
    void lend(IpcConnection c, long id, String m) {
        inFlight++;
        c.lent.put(id, m);
        c.enqueue("ITEM " + id + " " + Frames.escape(m));
        changed.signalAll();
    }

    /** Messages that were in flight return to the head of the queue, oldest first. */
    private void giveBack(List<String> back) {
        int i = 0;
        while (i < back.size() && !takers.isEmpty()) {
            give(takers.pollFirst(), back.get(i++));
        }
        for (int j = back.size() - 1; j >= i; j--) {
            messages.addFirst(back.get(j));
        }
        changed.signalAll();
    }

    /** Room was freed: the waiting putters go in, in order. */
    void roomFreed() {
        while (!putters.isEmpty() && hasRoom()) {
            IpcWaiter p = putters.pollFirst();
            p.cancelTimeout();
            if (p instanceof IpcWaiter.Remote r && r.message == null) {
                r.conn.want = null;
                grant(r.conn, r.id, putters.isEmpty() ? free() : 1);
            } else if (p instanceof IpcWaiter.Remote r) {
                admit(r.message);
                r.conn.enqueue("OK " + r.id);
            } else {
                admit(p.message);
                p.serve(null);
            }
        }
        if (!putters.isEmpty() && leased > 0 && unusedRoomCheck == null && !closed) {
            unusedRoomCheck = timer.schedule(this::recallUnused, UNUSED_ROOM_MILLIS, TimeUnit.MILLISECONDS);
        }
        changed.signalAll();
    }

    private void recallUnused() {
        lock.lock();
        try {
            unusedRoomCheck = null;
            recall();
        } finally {
            unlockAndFlush(null);
        }
    }

    /** Grants k places in the connection's {@link IpcRoom}: {@code ROOM id k} answers a WANT id, {@code ROOM 0 k} wakes a sleeping put. */
    void grant(IpcConnection c, long id, int k) {
        c.leases += k;
        leased += k;
        c.room.add(k);
        if (id != 0 || c.room.wake()) {
            c.enqueue("ROOM " + id + " " + k);
        }
    }

    /** Someone waits for room: connections that hold room and do not wait for more give back what they have not taken. */
    private void recall() {
        if (leased == 0 || putters.isEmpty()) {
            return;
        }
        for (IpcConnection c : connections) {
            if (c.leases > 0 && c.want == null) {
                int k = Math.min(c.room.takeAll(), c.leases);   // the rest is on its way (SENDs not read yet)
                if (k > 0) {
                    c.leases -= k;
                    leased -= k;
                    c.enqueue("RECALL");                // a handle that counted on room to come unasked asks again
                }
            }
        }
        roomFreed();
    }

    private void schedule(IpcWaiter.Remote w, long millis) {
        if (millis > 0) {
            w.timeout = timer.schedule(() -> expire(w), millis, TimeUnit.MILLISECONDS);
        }
    }

    private void expire(IpcWaiter.Remote w) {
        lock.lock();
        try {
            if (takers.remove(w)) {
                w.conn.enqueue("EMPTY " + w.id);
            } else if (putters.remove(w)) {
                if (w.conn.want == w) {
                    w.conn.want = null;
                }
                w.conn.enqueue("FULL " + w.id + " " + count());
            }
            changed.signalAll();
        } finally {
            unlockAndFlush(null);
        }
    }

    void markDirty(IpcConnection c) {
        outbox.add(c);
    }

    void ensureOpen() {
        if (closed) {
            throw closedHere();
        }
    }

    static IpcQueue.Broken closedHere() {
        return new IpcQueue.Broken("这个队列已经在本进程里关闭了 / this queue was closed in this process (IpcQueue.close())");
    }
}
