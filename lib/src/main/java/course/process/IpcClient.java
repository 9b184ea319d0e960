package course.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connected side of an {@link IpcQueue}: another process's handle on the queue, talking to the
 * owner over one {@link IpcLink}.
 *
 * <p>别的进程手里的队列"把手"。{@code get} 发 {@code GET}，等回答；被中断就发 {@code CANCEL}，
 * 什么也不拿走。{@code put} 把消息写进连接就返回（{@code SEND}），不等回答：无上限的队列总是这样；
 * 有上限的队列，要先有所有者预先留给这个把手的空位（{@code ROOM 0 k}），没有就等，
 * 需要时先说一声 {@code WANT}。
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
    private static final Set<IpcClient> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(IpcClient::closeQuietly),
                "ipc-queue-client-flush"));
    }

    private final IpcLink link;
    private final AtomicInteger leases = new AtomicInteger();    // room granted by the owner, not used yet
    private final ReentrantLock roomLock = new ReentrantLock();
    private final Condition roomChanged = roomLock.newCondition();
    private boolean owed;                         // the owner will grant room without being asked (guarded by roomLock)
    private final AtomicBoolean closed = new AtomicBoolean();

    private IpcClient(IpcLink link) {
        this.link = link;
    }

    static IpcClient open(String address) {
        IpcClient c = new IpcClient(IpcLink.open(address));
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

    @Override
    public void put(String message, long nanos) throws InterruptedException {
        link.usable();
        IpcQueue.checkSize(message, link.maxMessageBytes);
        if (bounded() && takeRoom(nanos) == 1) {
            roomLock.lock();                         // our last room: the owner sends more once this SEND is in,
            try {                                    // so we are owed room (set before the SEND, which the answer follows)
                owed = leases.get() == 0 || owed;
            } finally {
                roomLock.unlock();
            }
        }
        link.send("SEND " + Frames.escape(message));
    }

    /** Takes one place of the room granted to this handle, waiting for a grant; returns the places there were. */
    private int takeRoom(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, nanos);
        while (true) {
            int before = leases.getAndUpdate(n -> n > 0 ? n - 1 : 0);
            if (before > 0) {
                return before;
            }
            if (nanos == 0) {
                String[] r = link.call("WANT", "0");  // room now, or FULL
                if (r[0].equals("FULL")) {
                    throw IpcQueue.full(capacity(), (int) IpcLink.number(r, 2));
                }
                if (!r[0].equals("ROOM")) {
                    throw link.unexpected(r);
                }
                continue;
            }
            boolean ask = false;
            boolean full = false;
            roomLock.lock();
            try {
                if (leases.get() == 0) {
                    link.usable();
                    if (!owed) {
                        owed = ask = true;
                    } else if (nanos < 0) {
                        roomChanged.await();
                    } else {
                        full = !roomChanged.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                                && leases.get() == 0;
                    }
                }
            } finally {
                roomLock.unlock();
            }
            if (full) {                              // size() waits for the reader thread, which may need roomLock
                throw IpcQueue.full(capacity(), size());
            }
            if (ask) {
                link.send("WANT 0 -1");              // the answer, ROOM 0 k, comes when there is room
            }
        }
    }

    @Override
    public void granted(int places) {
        leases.addAndGet(places);
        changed();
    }

    @Override
    public int recalled() {
        int k = leases.getAndSet(0);
        changed();
        return k;
    }

    /** The room changed (a grant came, it was called back, the connection ended): waiting puts look again. */
    @Override
    public void changed() {
        roomLock.lock();
        try {
            owed = false;
            roomChanged.signalAll();
        } finally {
            roomLock.unlock();
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
