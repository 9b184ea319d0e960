package course.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connected process as the {@link IpcOwner} sees it: a thread that reads its request frames,
 * does what each asks to the {@link IpcStore}, and writes the answers.
 *
 * <p>所有者这边的"一个连接"：一个读线程读对方发来的帧（frame），照它说的去读写 {@link IpcStore}；
 * 回答先攒在缓冲区里，等这一批请求都处理完（读缓冲区空了）再一次写出去。
 * 格式错误的帧得到 {@code ERR ...} 并断开连接；太大的消息得到 {@code TOOBIG ...}，连接照常。
 *
 * <p>Room granted in advance: after each {@code SEND} of a writer of a bounded queue, the store gives
 * it all free room at once when nobody waits for room; if there is none and the writer has used the
 * last room it held, it puts an unspoken request for room ({@code WANT}) in the line of putters for it.
 * The places go into memory the two processes share ({@link IpcRoom}); a frame ({@code ROOM 0 k}) is
 * written only to wake a put that sleeps. So a writer that keeps writing never waits for the answer to
 * a single put, and seldom for room while a reader keeps up.
 *
 * <p>Thread-safety: the fields the store reads and writes are guarded by the store's lock;
 * frames may be queued from any thread holding it and are written in the order queued.
 */
final class IpcConnection {

    /** The longest frame read: a message of the limit, every character escaped, and the header. */
    static final int MAX_FRAME_BYTES = 2 * IpcQueue.MAX_MESSAGE_BYTES + 64;

    private final IpcOwner owner;
    private final IpcStore store;
    private final Socket socket;
    private final OutputStream out;
    private Thread thread;

    // guarded by the store's lock
    final Map<Long, String> lent = new LinkedHashMap<>();   // ITEMs sent, not yet ACKed, oldest first
    int leases;                                              // room granted to it and not used yet (its SEND not read)
    IpcRoom room;                                            // where those places are, for a writer of a bounded queue
    IpcWaiter.Remote want;                                    // its request for room in the line, if any
    boolean dirty;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Object writeLock = new Object();

    IpcConnection(IpcOwner owner, Socket socket) throws IOException {
        this.owner = owner;
        this.store = owner.store();
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    void start(String name) {
        thread = new Thread(this::serve, name);
        thread.setDaemon(true);
        thread.start();
    }

    void join(long millis) throws InterruptedException {
        if (thread != null) {
            thread.join(millis);
        }
    }

    private void serve() {
        try {
            socket.setTcpNoDelay(true);
            Frames.Reader in = new Frames.Reader(socket.getInputStream(), MAX_FRAME_BYTES);
            // A time limit by a timer, not by a read timeout: a timed read leaves the socket non-blocking for
            // good, and every later read becomes read + poll + read again.
            ScheduledFuture<?> limit = owner.timer().schedule(this::closeSocket, IpcHandshake.HANDSHAKE_MILLIS,
                    TimeUnit.MILLISECONDS);
            String hello = in.next();
            limit.cancel(false);
            if (hello == null) {
                return;
            }
            if (!hello.equals("HELLO " + owner.token())) {
                writeNow("ERR bad handshake: expected 'HELLO <token>'");
                return;
            }
            if (store.bounded()) {
                try {
                    room = IpcRoom.create();
                } catch (IOException e) {
                    writeNow("ERR 所有者建不了共享的空位文件，临时目录（java.io.tmpdir）满了或不能写？ / the owner cannot create"
                            + " its room file: " + e);
                    return;
                }
                writeNow("OK " + store.capacity() + " " + IpcQueue.MAX_MESSAGE_BYTES + " " + room.file);
            } else {
                writeNow("OK 0 " + IpcQueue.MAX_MESSAGE_BYTES);
            }
            while (true) {
                String frame;
                try {
                    frame = in.next();
                } catch (Frames.OversizedFrame e) {
                    writeNow("TOOBIG " + idIn(e.head) + " " + e.bytes + " " + IpcQueue.MAX_MESSAGE_BYTES);
                    continue;
                }
                if (frame == null || frame.equals("BYE") || !handle(frame)) {
                    return;
                }
                if (!in.buffered()) {
                    flush();
                }
            }
        } catch (Frames.MalformedFrame e) {
            writeNow("ERR malformed frame: " + e.getMessage());
        } catch (IOException e) {
            // the other process went away (or its socket broke, or it said nothing for IpcHandshake.HANDSHAKE_MILLIS)
        } catch (RejectedExecutionException e) {
            // the owner closed the queue (and its timer) while this connection was being accepted
        } finally {
            store.disconnected(this);
            flush();
            closeSocket();
            if (room != null) {
                room.delete();                           // if the writer never mapped it
            }
        }
    }

    /** Handles one request; false when the connection must end (a malformed frame, a closed queue). */
    private boolean handle(String frame) {
        int sp = frame.indexOf(' ');
        String cmd = sp < 0 ? frame : frame.substring(0, sp);
        String rest = sp < 0 ? null : frame.substring(sp + 1);
        store.lock().lock();
        try {
            switch (cmd) {
                case "PUT" -> {
                    String[] f = fields(rest, 3, "PUT <id> <millis> <message>");
                    long id = number("id", f[0]);
                    String m = Frames.unescape(f[2]);
                    if (fits(String.valueOf(id), m)) {
                        put(id, millis(f[1]), m);
                    }
                }
                case "SEND" -> {
                    String m = Frames.unescape(fields(rest, 1, "SEND <message>")[0]);
                    if (fits("-", m)) {
                        send(m);
                    }
                }
                case "WANT" -> {
                    String[] f = fields(rest, 2, "WANT <id> <millis>");
                    want(number("id", f[0]), millis(f[1]));
                }
                case "GET" -> {
                    String[] f = fields(rest, 2, "GET <id> <millis>");
                    get(number("id", f[0]), millis(f[1]));
                }
                case "ACK" -> store.taken(this, number("id", fields(rest, 1, "ACK <id>")[0]));
                case "NACK" -> store.givenBack(this, number("id", fields(rest, 1, "NACK <id>")[0]));
                case "CANCEL" -> {
                    long id = number("id", fields(rest, 1, "CANCEL <id>")[0]);
                    if (store.withdraw(this, id)) {
                        enqueue("CANCELLED " + id);  // else its answer went out already (an ITEM comes back as NACK)
                    }
                }
                case "SIZE" -> enqueue("SIZE " + number("id", fields(rest, 1, "SIZE <id>")[0]) + " " + store.count());
                case "SYNC" -> enqueue("OK " + number("id", fields(rest, 1, "SYNC <id>")[0]));
                default -> throw new IllegalArgumentException("unknown command '"
                        + (cmd.length() > 20 ? cmd.substring(0, 20) + "…" : cmd) + "'");
            }
            return true;
        } catch (IllegalArgumentException e) {
            enqueue("ERR malformed frame " + Frames.preview(frame) + ": " + e.getMessage());
            return false;
        } catch (IpcQueue.Broken closed) {
            return false;                            // the owner closed the queue: CLOSED is on its way
        } finally {
            store.unlockAndFlush(this);
        }
    }

    // ---------------------------------------------------------------- what each request does (store lock held)

    /** A put that is answered: {@code OK id} once the message is in the queue. */
    private void put(long id, long millis, String m) {
        store.ensureOpen();
        if (store.roomNow()) {
            store.admit(m);
            enqueue("OK " + id);
        } else if (millis == 0) {
            enqueue("FULL " + id + " " + store.count());
        } else {
            store.waitInLine(new IpcWaiter.Remote(m, this, id), true, millis);
        }
    }

    /** A put without an answer: on an unbounded queue, or into room this connection was granted. */
    private void send(String m) {
        store.ensureOpen();
        if (store.bounded()) {
            store.useRoom(this);
        }
        store.admit(m);
        store.roomFreed();                           // handed straight to a waiting get, it frees its place at once
        if (store.bounded() && want == null) {       // a writer: it gets the free room at once, so it seldom waits
            if (store.roomNow()) {
                store.grant(this, 0, store.free());
            } else if (leases == 0) {                // it used its last room: it will want more
                want = new IpcWaiter.Remote(null, this, 0);
                store.waitInLine(want, true, -1);
            }
        }
    }

    /** Room for one put, asked for ahead of the message: {@code ROOM id k} (k ≥ 0 places) or {@code FULL id n}. */
    private void want(long id, long millis) {
        store.ensureOpen();
        if (!store.bounded()) {
            throw new IllegalArgumentException("WANT is for bounded queues; use SEND");
        }
        if (leases > 0) {                            // it still holds room, or room is on its way to it
            enqueue("ROOM " + id + " 0");
        } else if (want != null) {                   // it waits in line already: no room now; else it keeps its place
            if (millis == 0) {
                enqueue("FULL " + id + " " + store.count());
            } else {
                want.id = id;                        // the answer goes to the latest request
                store.retime(want, millis);
            }
        } else if (store.roomNow()) {
            store.grant(this, id, store.free());
        } else if (millis == 0) {
            enqueue("FULL " + id + " " + store.count());
        } else {
            want = new IpcWaiter.Remote(null, this, id);
            store.waitInLine(want, true, millis);
        }
    }

    private void get(long id, long millis) {
        store.ensureOpen();
        String m = store.takeHead();
        if (m != null) {
            store.lend(this, id, m);
        } else if (millis == 0) {
            enqueue("EMPTY " + id);
        } else {
            store.waitInLine(new IpcWaiter.Remote(null, this, id), false, millis);
        }
    }

    /** Whether the message is within the limit; if not, answers TOOBIG (the connection goes on). */
    private boolean fits(String id, String m) {
        long bytes = Frames.utf8Length(m);
        if (bytes <= IpcQueue.MAX_MESSAGE_BYTES) {
            return true;
        }
        enqueue("TOOBIG " + id + " " + bytes + " " + IpcQueue.MAX_MESSAGE_BYTES);
        return false;
    }

    private static String[] fields(String rest, int n, String usage) {
        String[] f = rest == null ? new String[0] : rest.split(" ", n);
        if (f.length < n) {
            throw new IllegalArgumentException("needs '" + usage + "'");
        }
        return f;
    }

    private static long number(String name, String s) {
        try {
            long v = Long.parseLong(s);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(name + " (" + s + ") must be a number, 0 or more");
    }

    private static long millis(String s) {
        try {
            long v = Long.parseLong(s);
            if (v >= -1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("millis (" + s + ") must be -1, 0 or positive");
    }

    /** The request id at the start of an oversized frame ({@code PUT 12 ...}), or "-". */
    private static String idIn(String head) {
        String[] f = head.split(" ", 3);
        return f.length >= 2 && f[0].equals("PUT") && f[1].matches("\\d{1,18}") ? f[1] : "-";
    }

    // ---------------------------------------------------------------- writing

    /** Queues a frame (the store's lock is held); it is written at the next {@link #flush()}. */
    void enqueue(String frame) {
        append(frame);
        store.markDirty(this);
    }

    private void writeNow(String frame) {
        append(frame);
        flush();
    }

    private void append(String frame) {
        byte[] b = frame.getBytes(StandardCharsets.UTF_8);
        synchronized (pending) {
            pending.write(b, 0, b.length);
            pending.write('\n');
        }
    }

    /** Writes what was queued; a broken socket ends the connection (its reader thread then cleans up). */
    void flush() {
        synchronized (writeLock) {
            byte[] b;
            synchronized (pending) {
                if (pending.size() == 0) {
                    return;
                }
                b = pending.toByteArray();
                pending.reset();
            }
            try {
                out.write(b);
                out.flush();
            } catch (IOException e) {
                closeSocket();
            }
        }
    }

    void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
