package course.process;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connection of a connected {@link IpcQueue} handle to the queue's owner: numbered requests, a
 * thread that reads the answers and hands each to the call waiting for it, and, when the
 * connection ends, the true cause.
 *
 * <p>连接的"线路"：每个请求带一个编号（id），回答也带着这个编号，所以几个线程可以同时用同一个连接，
 * 被放弃的请求也不会把后面的回答弄乱。一个后台线程读回答，交给等着它的线程。收到 {@code ITEM}
 * 时，如果还有人等着它，先回 {@code ACK}（消息这才离开队列）再交出去；没人等了（get 被中断），
 * 就回 {@code NACK}，消息回到队首。连接断了，所有等着的调用都得到同一个真实原因。
 *
 * <p>Thread-safety: every method may be called from any thread; frames are written whole under
 * one lock; the first cause of a broken connection wins.
 */
final class IpcLink {

    /** What the handle does when the owner wakes it for room, or took room back. */
    interface Room {
        /** Places came into {@link IpcLink#places}: waiting puts take them. */
        void granted();

        /** Room was called back, or the connection broke or was closed: waiting puts must look again. */
        void changed();
    }

    /** How long past its own time limit a call waits for the owner's answer before calling it lost. */
    static final long GRACE_MILLIS = 10_000;

    final String address;
    final int capacity;
    final int maxMessageBytes;
    final IpcRoom places;                         // the room this handle holds, shared with the owner (bounded queues)
    private final Socket socket;
    private final Frames.Writer out;              // guarded by itself
    private final Thread reader;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, Call> calls = new ConcurrentHashMap<>();
    private final AtomicLong confirmed = new AtomicLong();
    private long sends;                           // SENDs written; guarded by out
    private boolean said;                         // BYE was written; guarded by out
    private Room room;
    private volatile String broken;               // why this connection no longer works
    private volatile boolean closing;

    IpcLink(String address, Socket socket, Frames.Reader in, int capacity, int maxMessageBytes, IpcRoom places)
            throws IOException {
        this.address = address;
        this.socket = socket;
        this.out = new Frames.Writer(socket.getOutputStream());
        this.capacity = capacity;
        this.maxMessageBytes = maxMessageBytes;
        this.places = places;
        this.reader = new Thread(() -> readLoop(in), "ipc-queue-client-" + socket.getLocalPort());
        reader.setDaemon(true);
    }

    /** Starts reading answers; room frames go to {@code r}. */
    void start(Room r) {
        this.room = r;
        reader.start();
    }

    // ---------------------------------------------------------------- calls

    /** One request waiting for its answer. */
    static final class Call {
        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int ABANDONED = 2;
        final boolean claimable;                 // a GET: the reader thread claims it before it ACKs
        final AtomicInteger state = new AtomicInteger(WAITING);
        final CountDownLatch done = new CountDownLatch(1);
        long sendsBefore;
        volatile String[] reply;
        volatile IpcQueue.Broken failure;

        Call(boolean claimable) {
            this.claimable = claimable;
        }

        boolean claim() {
            return state.compareAndSet(WAITING, TAKEN);
        }

        /** The caller gives up; false when the reader thread is handing the answer over already. */
        boolean abandon() {
            return state.compareAndSet(WAITING, ABANDONED);
        }
    }

    /** Writes {@code command id args} and returns the id. */
    long begin(Call c, String command, String args) {
        long id = ids.incrementAndGet();
        calls.put(id, c);
        if (broken != null) {
            calls.remove(id);
            throw new IpcQueue.Broken(broken);
        }
        synchronized (out) {
            c.sendsBefore = sends;
            write(command + " " + id + (args.isEmpty() ? "" : " " + args));
        }
        return id;
    }

    /** Waits for the answer: for ever when {@code millis} is -1, else a little past the owner's own limit. */
    String[] await(long id, Call c, long millis) throws InterruptedException {
        if (millis < 0) {
            c.done.await();
        } else if (!c.done.await(millis + GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
            calls.remove(id);
            throw noAnswer();
        }
        return result(c);
    }

    /** A request that is answered at once ({@code SIZE}, {@code WANT id 0}, {@code SYNC}), waited for without interruption. */
    String[] call(String command, String args) {
        Call c = new Call(false);
        begin(c, command, args);
        if (!awaitUninterruptibly(c, GRACE_MILLIS)) {
            throw noAnswer();
        }
        return result(c);
    }

    /** Cancels an abandoned call; a late ITEM for it comes back as NACK. */
    void abandoned(long id) {
        calls.remove(id);
        sendQuietly("CANCEL " + id);
    }

    static boolean awaitUninterruptibly(Call c, long millis) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (true) {
                try {
                    return c.done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String[] result(Call c) {
        if (c.failure != null) {
            throw new IpcQueue.Broken(c.failure.getMessage(), c.failure);
        }
        return c.reply;
    }

    // ---------------------------------------------------------------- answers

    private void readLoop(Frames.Reader in) {
        String why;
        try {
            String f;
            while ((f = in.next()) != null) {
                if (!dispatch(f)) {
                    return;
                }
            }
            why = ownerGone("the connection was closed");
        } catch (Frames.OversizedFrame | Frames.MalformedFrame e) {
            why = malformed(address, e.getMessage());
        } catch (IOException e) {
            why = ownerGone(e.getMessage());
        }
        breakWith(why);
    }

    /** Handles one frame from the owner; false when the connection is over. */
    private boolean dispatch(String frame) {
        String[] r = frame.split(" ", 3);
        try {
            switch (r[0]) {
                case "OK", "FULL", "EMPTY", "CANCELLED", "SIZE" -> answer(r);
                case "ITEM" -> {
                    r[2] = Frames.unescape(r[2]);
                    item(r);
                }
                case "ROOM" -> {
                    number(r, 2);                       // the places are in the shared memory already
                    room.granted();
                    answer(r);                          // id 0: a wake-up without a waiting call
                }
                case "RECALL" -> room.changed();        // the owner took back what was not used: puts waiting ask again
                case "CLOSED" -> {
                    breakWith("队列的所有者关闭了队列 / the owner closed the queue at " + address);
                    return false;
                }
                case "ERR" -> {
                    breakWith("the owner of the queue at " + address + " refused a frame of this handle: "
                            + frame.substring(Math.min(4, frame.length())));
                    return false;
                }
                default -> throw new IllegalArgumentException("unknown answer");
            }
            return true;
        } catch (RuntimeException e) {
            breakWith(malformed(address, Frames.preview(frame) + " (" + e.getMessage() + ")"));
            return false;
        }
    }

    private void answer(String[] r) {
        Call c = calls.remove(number(r, 1));
        if (c != null) {
            confirmed.accumulateAndGet(c.sendsBefore, Math::max);
            c.reply = r;
            c.done.countDown();
        }
    }

    private void item(String[] r) {
        long id = number(r, 1);
        Call c = calls.remove(id);
        if (c != null && c.claim()) {
            if (sendQuietly("ACK " + id)) {         // from now on the message is ours, not the queue's
                confirmed.accumulateAndGet(c.sendsBefore, Math::max);
                c.reply = r;
            } else {                                // not acknowledged: it stays in the queue, the call fails
                c.failure = new IpcQueue.Broken(broken != null ? broken : ownerGone("the ACK could not be sent"));
            }
            c.done.countDown();
        } else {
            sendQuietly("NACK " + id);              // its get was given up: back to the head of the queue
        }
    }

    /** The first reason wins; every waiting call ends with it. */
    void breakWith(String why) {
        synchronized (this) {
            if (broken == null) {
                broken = why;
            }
        }
        if (!closing) {
            closeQuietly(socket);
        }
        if (room != null) {
            room.changed();
        }
        for (Long id : calls.keySet()) {
            Call c = calls.remove(id);
            if (c != null && (!c.claimable || c.claim())) {
                c.failure = new IpcQueue.Broken(broken);
                c.done.countDown();
            }
        }
    }

    /**
     * Waits until the owner confirmed every SEND, then ends the connection. Returns null, or why
     * up to {@link #unconfirmed()} SENDs may not have reached the owner.
     */
    String close(String why) {
        closing = true;
        long unconfirmed = unconfirmed();
        String lost = null;
        if (unconfirmed > 0) {
            try {
                usable();
                call("SYNC", "");
            } catch (IpcQueue.Broken e) {
                lost = "最后放进的 " + unconfirmed + " 条消息可能没有送到 / up to " + unconfirmed
                        + " of the messages put through this handle may not have reached the owner: " + e.getMessage();
            }
        }
        breakWith(why);
        synchronized (out) {                         // after BYE the owner reads nothing more: a late ACK
            sendQuietly("BYE");                      // must fail (its get fails, the message stays queued)
            said = true;
        }
        closeQuietly(socket);
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return lost;
    }

    // ---------------------------------------------------------------- writing

    /** Writes a frame that needs no answer ({@code SEND}, {@code WANT 0 -1}). */
    void send(String frame) {
        usable();
        synchronized (out) {
            if (frame.startsWith("SEND ")) {
                sends++;
            }
            write(frame);
        }
    }

    /** Writes a frame; false when the connection is closed, broken or said BYE (the reader thread reports why). */
    private boolean sendQuietly(String frame) {
        synchronized (out) {
            if (said) {
                return false;
            }
            try {
                out.write(frame);
                out.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Writes under the lock on {@code out}. */
    private void write(String frame) {
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            breakWith(ownerGone(e.getMessage()));
            throw new IpcQueue.Broken(broken, e);
        }
    }

    /** SENDs written that no answer has confirmed yet. */
    long unconfirmed() {
        synchronized (out) {
            return sends - confirmed.get();
        }
    }

    boolean broken() {
        return broken != null;
    }

    /** Throws the cause when the connection is broken or closed. */
    void usable() {
        String why = broken;
        if (why != null) {
            throw new IpcQueue.Broken(why);
        }
    }

    // ---------------------------------------------------------------- messages

    static long number(String[] r, int i) {
        if (r.length <= i) {
            throw new IllegalArgumentException("field " + i + " is missing");
        }
        return Long.parseLong(i == r.length - 1 ? r[i].split(" ", 2)[0] : r[i]);
    }

    private String ownerGone(String detail) {
        return "队列的所有者进程已经结束 / the owner process of the queue at " + address + " ended: " + detail
                + " (no CLOSED notice came)";
    }

    static String malformed(String address, String what) {
        return "对方说的不是队列协议 / malformed frame from the owner of the queue at " + address + ": " + what;
    }

    private IpcQueue.Broken noAnswer() {
        return new IpcQueue.Broken("队列没有按时回答 / the owner of the queue at " + address + " did not answer in time");
    }

    /** An answer that does not fit its request: the connection cannot be trusted any more. */
    IpcQueue.Broken unexpected(String[] r) {
        String why = malformed(address, "unexpected answer " + Frames.preview(String.join(" ", r)));
        breakWith(why);
        return new IpcQueue.Broken(why);
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
