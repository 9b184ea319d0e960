package course.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connected side of an {@link IpcQueue}: another process's handle on the queue, talking to the
 * owner over one {@link IpcLink}.
 *
 * <p>别的进程手里的队列"把手"。{@code get} 发 {@code GET}，等回答；被中断就发 {@code CANCEL}，
 * 什么也不拿走。{@code put} 把消息写进连接就返回（{@code SEND}），不等回答：无上限的队列总是这样；
 * 有上限的队列，要先从和所有者共享的内存（{@link IpcRoom}）里取走一个预先留给这个把手的空位。
 * 没有空位：先盯着看一小会儿（空位通常几微秒后就来；只有一个核时，先让别的线程跑），还没有就睡，
 * 需要时先说一声 {@code WANT}；所有者留了空位、看到有人睡着，就发 {@code ROOM} 叫醒：
 * 读回答的线程替等着的 put 把 {@code SEND} 写出去，再叫醒它（少一次线程切换）。
 *
 * <p>{@link #close()} waits until the owner has confirmed every such put ({@code SYNC}), and says
 * so when it cannot. A JVM that ends without closing its handles closes them in a shutdown hook,
 * as Python joins its feeder thread at exit.
 *
 * <p>Thread-safety: every method may be called from any thread, also at the same time.
 */
final class IpcClient implements IpcQueue.Side, IpcLink.Room {

    /** How long an interrupted get waits for the message the reader thread is handing over. */
    private static final long HANDOVER_MILLIS = 2000;
    /** How long a put without room looks for it before it sleeps (see lib/README, IpcQueue speed). */
    private static final long LOOK_NANOS = 200_000;
    private static final boolean ONE_CORE = Runtime.getRuntime().availableProcessors() == 1;
    private static final Set<IpcClient> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(IpcClient::closeQuietly),
                "ipc-queue-client-flush"));
    }

    private final IpcLink link;
    private final ReentrantLock roomLock = new ReentrantLock();
    private final Condition roomChanged = roomLock.newCondition();
    private volatile boolean owed;                // the owner will grant room without being asked (written under roomLock)
    private final ArrayDeque<Parked> parked = new ArrayDeque<>();   // puts waiting for room, oldest first (roomLock)
    private final AtomicBoolean closed = new AtomicBoolean();

    private IpcClient(IpcLink link) {
        this.link = link;
    }

    static IpcClient open(String address) {
        IpcClient c = new IpcClient(IpcHandshake.open(address));
        OPEN.add(c);
        c.link.start(c);
        return c;
    }

    @Override
    public String address() {
        return link.address;
    }

    @Override
    public int capacity() {
        return link.capacity;
    }

    private boolean bounded() {
        return link.capacity != Integer.MAX_VALUE;
    }

    // ---------------------------------------------------------------- put

    /** A put waiting for room. When room comes, the reader thread writes its SEND itself, then wakes it. */
    private static final class Parked {
        final String frame;
        boolean sent;                                // its SEND is written (or failed); guarded by roomLock
        IpcQueue.Broken failure;

        Parked(String frame) {
            this.frame = frame;
        }
    }

    @Override
    public void put(String message, long nanos) throws InterruptedException {
        link.usable();
        IpcQueue.checkSize(message, link.maxMessageBytes);
        String frame = "SEND " + Frames.escape(message);
        if (bounded() && nanos == 0) {
            putNow(frame);
        } else if (bounded() && !tookRoom() && !lookedForRoom()) {
            putWhenRoom(frame, nanos);
        } else {
            link.send(frame);
        }
    }

    /** Takes one place of the room granted to this handle; returns the places there were (0: none taken). */
    private int takeLease() {
        return link.places.take();
    }

    /**
     * Takes one place of the room granted to this handle, if there is one. Using the last place, the
     * handle is owed room: the owner grants more unasked once this SEND is in (set before the SEND).
     */
    private boolean tookRoom() {
        int before = takeLease();
        if (before == 1) {
            roomLock.lock();
            try {
                owed = link.places.places() == 0 || owed;
            } finally {
                roomLock.unlock();
            }
        }
        return before > 0;
    }

    /** put_nowait: room now (asked with WANT id 0, if none is held), or {@link IpcQueue.Full}. */
    private void putNow(String frame) {
        while (!tookRoom()) {
            String[] r = link.call("WANT", "0");
            if (r[0].equals("FULL")) {
                throw IpcQueue.full(capacity(), (int) IpcLink.number(r, 2));
            }
            if (!r[0].equals("ROOM")) {
                throw link.unexpected(r);
            }
        }
        link.send(frame);
    }

    /**
     * Room the owner owes this handle comes as soon as its reader takes a message, often within
     * microseconds: looks for it for up to {@link #LOOK_NANOS} (spinning, or on one core letting the
     * other threads run) before sleeping, which costs two thread switches and a frame. True when it
     * took a place.
     */
    private boolean lookedForRoom() throws InterruptedException {
        if (!owed) {
            return false;
        }
        long end = System.nanoTime() + LOOK_NANOS;
        do {
            if (ONE_CORE) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();    // nothing taken: the put puts nothing
            }
            if (tookRoom()) {
                return true;
            }
        } while (System.nanoTime() - end < 0 && !link.broken());
        return false;
    }

    /**
     * Waits in this handle's line of puts until the reader thread has written the SEND into room
     * granted to it (one wake-up fewer per message than waking this thread to write it).
     */
    private void putWhenRoom(String frame, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        Parked p = new Parked(frame);
        roomLock.lock();
        try {
            link.usable();
            parked.addLast(p);
        } finally {
            roomLock.unlock();
        }
        serveParked();                               // room may have come meanwhile; else ask for it
        boolean full = false;
        roomLock.lock();
        try {
            while (!p.sent && !full) {
                if (link.broken() && parked.remove(p)) {
                    link.usable();
                }
                if (nanos < 0) {
                    roomChanged.await();
                } else {
                    long left = deadline - System.nanoTime();
                    full = left <= 0 && parked.remove(p);
                    if (!full) {
                        roomChanged.awaitNanos(Math.max(left, 1_000_000));
                    }
                }
            }
        } catch (InterruptedException e) {
            if (parked.remove(p)) {                  // nothing written: the put puts nothing
                throw e;
            }
            while (!p.sent) {                        // the reader thread is writing it right now
                roomChanged.awaitUninterruptibly();
            }
            Thread.currentThread().interrupt();
        } finally {
            roomLock.unlock();
        }
        if (full) {                                  // size() waits for the reader thread, which may need roomLock
            throw IpcQueue.full(capacity(), size());
        }
        if (p.failure != null) {
            throw p.failure;
        }
    }

    /**
     * Writes the SENDs of waiting puts into the room this handle holds, oldest first; while puts still
     * wait, marks them asleep (so the owner wakes them with ROOM), and asks for room (WANT) when none is owed.
     */
    private void serveParked() {
        List<Parked> go = new ArrayList<>();
        boolean ask = false;
        roomLock.lock();
        try {
            while (true) {
                while (!parked.isEmpty() && takeLease() > 0) {
                    go.add(parked.pollFirst());
                }
                link.places.asleep(!parked.isEmpty());   // then look once more: the owner adds places, then looks at the mark
                if (parked.isEmpty() || link.places.places() <= 0) {
                    break;
                }
            }
            if (!go.isEmpty() && link.places.places() == 0) {
                owed = true;                         // the last place is used: more comes unasked
            }
            if (!parked.isEmpty() && !owed && !link.broken()) {
                owed = ask = true;
            }
        } finally {
            roomLock.unlock();
        }
        IpcQueue.Broken failure = null;
        for (Parked p : go) {
            try {
                if (failure == null) {
                    link.send(p.frame);
                }
            } catch (IpcQueue.Broken e) {
                failure = e;
            }
            p.failure = failure;
        }
        if (!go.isEmpty()) {
            roomLock.lock();
            try {
                go.forEach(p -> p.sent = true);
                roomChanged.signalAll();
            } finally {
                roomLock.unlock();
            }
        }
        if (ask) {
            try {
                link.send("WANT 0 -1");              // the answer, ROOM 0 k, comes when there is room
            } catch (IpcQueue.Broken e) {
                changed();                           // the waiting puts see why
            }
        }
    }

    @Override
    public void granted() {
        serveParked();
    }

    /** The room changed (room was called back, the connection ended): waiting puts look again. */
    @Override
    public void changed() {
        roomLock.lock();
        try {
            owed = false;
            roomChanged.signalAll();
        } finally {
            roomLock.unlock();
        }
        if (bounded()) {
            serveParked();
        }
    }

    // ---------------------------------------------------------------- get, size, close

    @Override
    public String get(long nanos) throws InterruptedException {
        link.usable();
        long millis = nanos < 0 ? -1 : nanos == 0 ? 0 : (nanos - 1) / 1_000_000 + 1;
        IpcLink.Call c = new IpcLink.Call(true);
        long id = link.begin(c, "GET", String.valueOf(millis));
        String[] r;
        try {
            r = link.await(id, c, millis);
        } catch (InterruptedException e) {
            if (c.abandon()) {                       // nothing delivered: withdraw (a late ITEM goes back)
                link.abandoned(id);
                throw e;
            }
            IpcLink.awaitUninterruptibly(c, HANDOVER_MILLIS);  // the reader thread is handing it over right now
            Thread.currentThread().interrupt();
            r = link.result(c);
        }
        return switch (r[0]) {
            case "ITEM" -> r[2];
            case "EMPTY" -> throw IpcQueue.empty();
            default -> throw link.unexpected(r);
        };
    }

    @Override
    public int size() {
        link.usable();
        String[] r = link.call("SIZE", "");
        if (!r[0].equals("SIZE")) {
            throw link.unexpected(r);
        }
        return (int) IpcLink.number(r, 2);
    }

    /**
     * Waits until the owner has every message this handle put, then disconnects; other threads'
     * waiting calls end with {@link IpcQueue.Broken}. Safe to call more than once.
     *
     * @throws IpcQueue.Broken when puts that returned early may not have reached the owner
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        String lost = link.close("这个连接已经在本进程里关闭了 / this handle was closed in this process (IpcQueue.close())");
        OPEN.remove(this);
        if (lost != null) {
            throw new IpcQueue.Broken(lost);
        }
    }

    private static void closeQuietly(IpcClient c) {
        try {
            c.close();
        } catch (RuntimeException ignored) {
            // the JVM is ending: nothing more can be done
        }
    }
}
