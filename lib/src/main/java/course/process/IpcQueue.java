package course.process;

import java.time.Duration;
import java.util.Locale;

import course.base.Args;

/**
 * A queue of text messages shared by several processes, like Python's {@code multiprocessing.Queue}:
 * the process that creates it owns the messages and serves the others over 127.0.0.1.
 *
 * <p>跨进程的队列（inter-process queue）。进程之间不共享内存，所以消息必须"搬"过去：
 * 创建队列的进程（所有者, owner）在 127.0.0.1 上开一个随机端口，消息存在它这里；
 * 别的进程用 {@link #address()} 连接（{@link #connect(String)}），每个操作是一行文字（一帧, frame），
 * 例如 {@code PUT 1 -1 消息1}，回答也是一行，例如 {@code OK 1}。消息是字符串，不用 Java
 * 反序列化（从别的进程收到的字节永远不要反序列化成对象）。
 *
 * <p><b>送达保证（delivery）：一条消息只有真正交到一个活着的读者手里，才离开队列；读者在等待时、
 * 或者消息还在路上时死掉或被中断，这条消息就回到队首，留给下一个读者。</b>
 * (A reader acknowledges each message it receives; one that dies or gives up before that returns
 * the message to the head of the queue, so no message is lost and none is read twice.)
 *
 * <table>
 *   <caption>Python → Java</caption>
 *   <tr><td>{@code q.put(x)} / {@code q.put(x, True, 2)}</td><td>{@link #put(String)} / {@link #put(String, Duration)}</td></tr>
 *   <tr><td>{@code q.put_nowait(x)}</td><td>{@link #putNowait(String)} → {@link Full}</td></tr>
 *   <tr><td>{@code q.get()} / {@code q.get(True, 2)}</td><td>{@link #get()} / {@link #get(Duration)}</td></tr>
 *   <tr><td>{@code q.get_nowait()}</td><td>{@link #getNowait()} → {@link Empty}</td></tr>
 *   <tr><td>{@code q.qsize() / q.empty() / q.full()}</td><td>{@link #size()} / {@link #isEmpty()} / {@link #isFull()}</td></tr>
 * </table>
 *
 * <p>注意"先检查再行动"（check-then-act）：{@link #size()}、{@link #isEmpty()}、{@link #isFull()}
 * 的答案在你拿到的那一刻就可能过时了（别的进程刚放进或取走一条），只能用来"看看"，
 * 不能用来决定下一步；要决定，就用会阻塞/会抛异常的 put/get，或者约定一个结束标记（sentinel）。
 *
 * <p>A put from another process returns early, as Python's does: once there is room for the message
 * it is written to the connection, and {@code put} returns before the owner has it. (On a bounded
 * queue the owner grants a writer room ahead, in a few bytes of memory the two processes share, so
 * that a writer that keeps writing neither waits for an answer to each message nor for a frame
 * that says it may go on; granted room counts as taken, and the owner takes back what is unused as
 * soon as anyone else has to wait for room, or 50 ms after it granted it while others were waiting,
 * so the queue never holds more than its capacity and no writer waits for room another one left
 * unused.) {@link #close()} then waits until the owner has confirmed every message put through
 * the handle, and throws {@link Broken} if it cannot (the owner ended first): close every handle
 * (try-with-resources; a JVM that ends normally closes the ones left open). A process killed right
 * after a put may lose its last messages, as with Python's feeder thread.
 *
 * <p>Messages are at most {@link #MAX_MESSAGE_BYTES} bytes in UTF-8; a longer one is refused by
 * {@code put} on either side with {@link IllegalArgumentException}, and nothing else changes.
 * Every failure says what happened: the owner closed the queue, the owner's process ended, this
 * handle was closed in this process, the other side sent a malformed frame (with its first bytes).
 *
 * <pre>{@code
 * try (IpcQueue q = IpcQueue.create(3)) {
 *     q.put("消息1");
 *     try (ChildJvm reader = ChildJvm.start(QueueReaderChild.class, q.address(), "sentinel")) { ... }
 * }
 * }</pre>
 *
 * <p>Protocol (UTF-8, one frame per line, {@code \\}, {@code \n}, {@code \r}, {@code \t} escaped in
 * messages): {@code HELLO token} → {@code OK capacity maxBytes roomFile} (capacity 0: unbounded,
 * without a room file);
 * {@code PUT id millis message} → {@code OK id} | {@code FULL id size} | {@code TOOBIG id bytes limit};
 * {@code GET id millis} → {@code ITEM id message} (answer {@code ACK id}: taken, or {@code NACK id}:
 * back to the head) | {@code EMPTY id}; {@code CANCEL id} → {@code CANCELLED id} (or the request's
 * own answer, when it came first); {@code SIZE id} → {@code SIZE id n}; {@code SYNC id} → {@code OK id}.
 * What {@link #connect} handles use to put: {@code SEND message} (no answer; on a bounded queue only
 * into granted room); {@code WANT id millis} → {@code ROOM id k} (k places granted; 0: you hold some)
 * | {@code FULL id size}. Granted places are counted in the room file (mapped by both processes); the
 * writer takes one with a compare-and-set before each {@code SEND}. The owner grants room unasked
 * there, writes {@code ROOM 0 k} only to wake a writer that marked itself asleep in it, and says
 * {@code RECALL} when it took unused places back. {@code BYE} ends the connection. {@code millis} is -1 (wait for
 * ever), 0 (do not wait) or a time limit. The owner answers a malformed frame with {@code ERR reason}
 * and closes that connection; closing the queue sends {@code CLOSED} to every connection.
 *
 * <p>Thread-safety: every method may be called from any thread, also at the same time on one
 * handle; each call waits for its own answer. Interrupting a thread blocked in {@code get} or
 * {@code put} ends that call with {@link InterruptedException}: a get takes nothing, a put puts
 * nothing (when the message or the room came at that very moment, the call completes and returns
 * with the interrupt status set), and the handle stays usable.
 */
public final class IpcQueue implements AutoCloseable {

    /** The longest message, in UTF-8 bytes (16 MiB). */
    public static final int MAX_MESSAGE_BYTES = 16 << 20;

    /** What both sides of a queue do; the facade checks arguments and delegates. */
    interface Side {
        void put(String message, long nanos) throws InterruptedException;

        String get(long nanos) throws InterruptedException;

        int size();

        String address();

        int capacity();

        void close();
    }

    private final Side side;
    private final IpcOwner owner;    // null on a connected handle

    private IpcQueue(Side side) {
        this.side = side;
        this.owner = side instanceof IpcOwner o ? o : null;
    }

    // ---------------------------------------------------------------- exceptions

    /** Thrown by a put that may not wait (or waited in vain) on a full queue; Python's {@code queue.Full}. */
    public static final class Full extends RuntimeException {
        Full(String message) {
            super(message);
        }
    }

    /** Thrown by a get that may not wait (or waited in vain) on an empty queue; Python's {@code queue.Empty}. */
    public static final class Empty extends RuntimeException {
        Empty(String message) {
            super(message);
        }
    }

    /**
     * The queue cannot be used any more, and the message says why: the owner closed it, the
     * owner's process ended, this handle was closed, or the other side sent a malformed frame.
     */
    public static final class Broken extends RuntimeException {
        Broken(String message) {
            super(message);
        }

        Broken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---------------------------------------------------------------- factories

    /**
     * Creates a queue owned by this process holding at most {@code capacity} messages, reachable on
     * 127.0.0.1 (a random free port).
     *
     * @throws IllegalArgumentException when capacity is not positive
     */
    public static IpcQueue create(int capacity) {
        Args.check(capacity > 0 && capacity < Integer.MAX_VALUE, "capacity", capacity, "be positive and below "
                + Integer.MAX_VALUE, "容量必须大于 0；想要\"无上限\"请用 IpcQueue.unbounded()");
        return new IpcQueue(new IpcOwner(capacity));
    }

    /** Creates a queue without a capacity limit (Python: {@code Queue()}); {@link #isFull()} is then always false. */
    public static IpcQueue unbounded() {
        return new IpcQueue(new IpcOwner(Integer.MAX_VALUE));
    }

    /**
     * Connects to the queue whose {@link #address()} is given (as passed to a child process).
     *
     * @throws IllegalArgumentException when the address is not {@code 127.0.0.1:port/token}
     * @throws Broken when nobody answers there or the answer is not the queue protocol
     */
    public static IpcQueue connect(String address) {
        return new IpcQueue(IpcClient.open(address));
    }

    /** Where other processes find this queue: {@code 127.0.0.1:port/token}; pass it as an argument. */
    public String address() {
        return side.address();
    }

    /** The most messages the queue holds ({@link Integer#MAX_VALUE} when unbounded). */
    public int capacity() {
        return side.capacity();
    }

    // ---------------------------------------------------------------- operations

    /**
     * Puts a message, waiting as long as needed for room (Python: {@code q.put(x)}).
     *
     * @throws IllegalArgumentException when the message is longer than {@link #MAX_MESSAGE_BYTES}
     */
    public void put(String message) throws InterruptedException {
        side.put(checked(message), -1);
    }

    /**
     * Puts a message, waiting at most {@code timeout} for room (Python: {@code q.put(x, True, seconds)}).
     *
     * @throws Full when the queue is still full after {@code timeout}
     * @throws IllegalArgumentException when the message is too long or the timeout negative
     */
    public void put(String message, Duration timeout) throws InterruptedException {
        side.put(checked(message), nanos(timeout));
    }

    /**
     * Puts a message only if there is room now (Python: {@code q.put_nowait(x)}).
     *
     * @throws Full at once when the queue is full
     */
    public void putNowait(String message) {
        try {
            side.put(checked(message), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Broken("被中断 / interrupted", e);
        }
    }

    /** Takes the oldest message, waiting as long as needed (Python: {@code q.get()}). */
    public String get() throws InterruptedException {
        return side.get(-1);
    }

    /**
     * Takes the oldest message, waiting at most {@code timeout} (Python: {@code q.get(True, seconds)}).
     *
     * @throws Empty when the queue is still empty after {@code timeout}
     */
    public String get(Duration timeout) throws InterruptedException {
        return side.get(nanos(timeout));
    }

    /**
     * Takes the oldest message only if there is one now (Python: {@code q.get_nowait()}).
     *
     * @throws Empty at once when the queue is empty
     */
    public String getNowait() {
        try {
            return side.get(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Broken("被中断 / interrupted", e);
        }
    }

    /**
     * The number of messages now, counting those on their way to a reader that has not confirmed
     * them yet; may be stale by the time you read it (check-then-act).
     */
    public int size() {
        return side.size();
    }

    /** Whether the queue is empty now; may be stale by the time you act on it. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** Whether the queue is full now; may be stale by the time you act on it. */
    public boolean isFull() {
        return size() >= capacity();
    }

    /** The number of processes (connections) attached to this queue now; 0 on a connected handle. */
    public int connections() {
        return owner != null ? owner.connections() : 0;
    }

    /** The owner's side, for tests in this package; null on a connected handle. */
    IpcOwner owner() {
        return owner;
    }

    /**
     * Owner: stops serving; waiting calls here and in every connected process end with
     * {@link Broken} ("the owner closed the queue"). Connected handle: waits until the owner has
     * every message put through it, then disconnects. Safe to call more than once.
     *
     * @throws Broken on a connected handle whose early-returned puts may not have reached the owner
     */
    @Override
    public void close() {
        side.close();
    }

    @Override
    public String toString() {
        int cap = capacity();
        return String.format(Locale.ROOT, "IpcQueue %s  容量 %s  %s", address(),
                cap == Integer.MAX_VALUE ? "无上限" : String.valueOf(cap), owner != null ? "所有者" : "已连接");
    }

    // ---------------------------------------------------------------- shared by both sides

    static Full full(int capacity, int size) {
        return new Full("消息队列已满，现有消息数量: " + size
                + " / queue is full (capacity " + capacity + ", " + size + " messages)");
    }

    static Empty empty() {
        return new Empty("消息队列是空的 / queue is empty");
    }

    static IllegalArgumentException tooBig(long bytes, int limit) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "message (%d bytes) must be at most %d bytes / 消息太大：%.1f MiB，上限是 %.0f MiB；"
                        + "大的数据请写进文件，队列里只放文件名", bytes, limit, bytes / 1048576.0, limit / 1048576.0));
    }

    /** Refuses a message longer than {@code limit} UTF-8 bytes. */
    static void checkSize(String message, int limit) {
        if (message.length() > limit / 3) {                 // cheap test first: a char is at most 3 bytes
            long bytes = Frames.utf8Length(message);
            if (bytes > limit) {
                throw tooBig(bytes, limit);
            }
        }
    }

    private static String checked(String message) {
        Args.notNull("message", message);
        checkSize(message, MAX_MESSAGE_BYTES);
        return message;
    }

    private static long nanos(Duration timeout) {
        Args.notNegative("timeout", timeout, "等待时间");
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;                           // about 292 years: as good as for ever
        }
    }
}
