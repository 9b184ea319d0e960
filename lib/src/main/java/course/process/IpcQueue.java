package course.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded queue of text messages shared by several processes: the owner keeps the messages and
 * answers the others over a loopback socket with a line-based text protocol.
 *
 * <p>跨进程的队列（inter-process queue），对应 Python 的 {@code multiprocessing.Queue}。
 * 进程之间不共享内存，所以消息必须"搬"过去：创建队列的进程（所有者, owner）在 127.0.0.1 上开一个
 * 小小的"队列代理"（broker），消息存在它的 {@link BlockingQueue} 里；别的进程用 {@link #address()}
 * 连接（{@link #connect(String)}），每个操作是一行文字，例如 {@code PUT -1 消息1}，回答也是一行，
 * 例如 {@code OK}。消息是字符串，不用 Java 反序列化（从别的进程收到的字节永远不要反序列化成对象）。
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
 * <pre>{@code
 * try (IpcQueue q = IpcQueue.create(3)) {
 *     q.put("消息1");
 *     try (ChildJvm reader = ChildJvm.start(QueueReaderChild.class, q.address(), "sentinel")) { ... }
 * }
 * }</pre>
 *
 * <p>Protocol (UTF-8, one frame per line, {@code \\}, {@code \n}, {@code \r}, {@code \t} escaped in messages):
 * {@code HELLO token} → {@code OK capacity}; {@code PUT millis message} → {@code OK} | {@code FULL size};
 * {@code GET millis} → {@code ITEM message} | {@code EMPTY}; {@code SIZE} → {@code SIZE n};
 * {@code BYE}. {@code millis} is -1 (wait forever), 0 (do not wait) or a time limit. Anything
 * else is answered {@code ERR reason} and the connection is closed.
 *
 * <p>Thread-safety: every method may be called from any thread; a client connection serves one
 * request at a time. Delivery: a message handed to a client whose process dies before reading the
 * reply is lost (at most once).
 */
public final class IpcQueue implements AutoCloseable {

    /** The longest frame accepted, in bytes. */
    public static final int MAX_FRAME_BYTES = 1 << 20;
    static final long SLICE_MILLIS = 100;

    private final int capacity;
    private final Broker broker;   // owner side
    private final Client client;   // connected side

    private IpcQueue(int capacity, Broker broker, Client client) {
        this.capacity = capacity;
        this.broker = broker;
        this.client = client;
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

    /** The other side is gone or spoke nonsense: a dead peer, a closed queue, a malformed frame. */
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
     * Creates a queue owned by this process holding at most {@code capacity} messages, and starts
     * its broker on 127.0.0.1 (a random free port).
     *
     * @throws IllegalArgumentException when capacity is not positive
     */
    public static IpcQueue create(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity (" + capacity + ") must be positive"
                    + " / 容量必须大于 0；想要\"无上限\"请用 IpcQueue.unbounded()");
        }
        return new IpcQueue(capacity, new Broker(new ArrayBlockingQueue<>(capacity), capacity), null);
    }

    /** Creates a queue without a capacity limit (Python: {@code Queue()}); {@link #isFull()} is then always false. */
    public static IpcQueue unbounded() {
        return new IpcQueue(Integer.MAX_VALUE, new Broker(new LinkedBlockingQueue<>(), Integer.MAX_VALUE), null);
    }

    /**
     * Connects to the queue whose {@link #address()} is given (as passed to a child process).
     *
     * @throws IllegalArgumentException when the address is not {@code 127.0.0.1:port/token}
     * @throws Broken when nobody answers there or the answer is not the queue protocol
     */
    public static IpcQueue connect(String address) {
        Client c = Client.open(address);
        return new IpcQueue(c.capacity, null, c);
    }

    /** Where other processes find this queue: {@code 127.0.0.1:port/token}; pass it as an argument. */
    public String address() {
        return broker != null ? broker.address() : client.address;
    }

    /** The most messages the queue holds. */
    public int capacity() {
        return capacity;
    }

    // ---------------------------------------------------------------- operations

    /** Puts a message, waiting as long as needed for room (Python: {@code q.put(x)}). */
    public void put(String message) throws InterruptedException {
        doPut(message, -1);
    }

    /**
     * Puts a message, waiting at most {@code limit} for room (Python: {@code q.put(x, True, seconds)}).
     *
     * @throws Full when the queue is still full after {@code limit}
     */
    public void put(String message, Duration limit) throws InterruptedException {
        doPut(message, millis(limit));
    }

    /**
     * Puts a message only if there is room now (Python: {@code q.put_nowait(x)}).
     *
     * @throws Full at once when the queue is full
     */
    public void putNowait(String message) {
        try {
            doPut(message, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Broken("interrupted", e);
        }
    }

    /** Takes the oldest message, waiting as long as needed (Python: {@code q.get()}). */
    public String get() throws InterruptedException {
        return doGet(-1);
    }

    /**
     * Takes the oldest message, waiting at most {@code limit} (Python: {@code q.get(True, seconds)}).
     *
     * @throws Empty when the queue is still empty after {@code limit}
     */
    public String get(Duration limit) throws InterruptedException {
        return doGet(millis(limit));
    }

    /**
     * Takes the oldest message only if there is one now (Python: {@code q.get_nowait()}).
     *
     * @throws Empty at once when the queue is empty
     */
    public String getNowait() {
        try {
            return doGet(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Broken("interrupted", e);
        }
    }

    /** The number of messages now; may be stale by the time you read it (check-then-act). */
    public int size() {
        return broker != null ? broker.queue.size() : client.size();
    }

    /** Whether the queue is empty now; may be stale by the time you act on it. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** Whether the queue is full now; may be stale by the time you act on it. */
    public boolean isFull() {
        return size() >= capacity;
    }

    /** The number of processes (connections) attached to this queue's broker now; 0 on a client. */
    public int connections() {
        return broker != null ? broker.connections.size() : 0;
    }

    /**
     * Owner: stops the broker and disconnects every client (their waiting calls fail with
     * {@link Broken}). Client: says goodbye and disconnects. Safe to call more than once.
     */
    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        } else {
            client.close();
        }
    }

    @Override
    public String toString() {
        String cap = capacity == Integer.MAX_VALUE ? "无上限" : String.valueOf(capacity);
        return String.format("IpcQueue %s  容量 %s  %s", address(), cap, broker != null ? "所有者" : "已连接");
    }

    private void doPut(String message, long millis) throws InterruptedException {
        Objects.requireNonNull(message, "message must not be null / 消息不能是 null");
        if (broker != null) {
            if (!broker.offer(message, millis, () -> false)) {
                throw full(broker.queue.size());
            }
        } else {
            client.put(message, millis);
        }
    }

    private String doGet(long millis) throws InterruptedException {
        if (broker != null) {
            String m = broker.poll(millis, () -> false);
            if (m == null) {
                throw empty();
            }
            return m;
        }
        return client.get(millis);
    }

    private Full full(int size) {
        return new Full("queue is full (capacity " + capacity + ", " + size + " messages)"
                + " / 消息队列已满，现有消息数量: " + size);
    }

    private static Empty empty() {
        return new Empty("queue is empty / 消息队列是空的");
    }

    private static long millis(Duration limit) {
        if (limit.isNegative()) {
            throw new IllegalArgumentException("limit (" + limit + ") must not be negative / 等待时间不能是负数");
        }
        return limit.toMillis();
    }

    // ---------------------------------------------------------------- text frames

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new IllegalArgumentException("dangling '\\' at the end of the message");
            }
            char n = s.charAt(++i);
            switch (n) {
                case '\\' -> b.append('\\');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                default -> throw new IllegalArgumentException("unknown escape '\\" + n + "' at column " + i);
            }
        }
        return b.toString();
    }

    /** Reads one UTF-8 line without its end; null at end of stream. */
    static String readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (buf.size() == 0) {
                    return null;
                }
                throw new IOException("stream ended inside a frame");
            }
            if (b == '\n') {
                break;
            }
            if (buf.size() >= MAX_FRAME_BYTES) {
                throw new IOException("frame longer than " + MAX_FRAME_BYTES + " bytes");
            }
            buf.write(b);
        }
        byte[] bytes = buf.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("frame is not valid UTF-8", e);
        }
    }

    static void writeFrame(OutputStream out, String frame) throws IOException {
        out.write((frame + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    // ---------------------------------------------------------------- the owner's broker

    private static final class Broker {
        final BlockingQueue<String> queue;
        final int capacity;
        final ServerSocket server;
        final String token;
        final Thread acceptor;
        final Set<Socket> connections = ConcurrentHashMap.newKeySet();
        final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
        final AtomicInteger counter = new AtomicInteger();
        volatile boolean closed;

        Broker(BlockingQueue<String> queue, int capacity) {
            this.queue = queue;
            this.capacity = capacity;
            byte[] t = new byte[8];
            new SecureRandom().nextBytes(t);
            this.token = HexFormat.of().formatHex(t);
            try {
                this.server = new ServerSocket();
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            } catch (IOException e) {
                throw new Broken("cannot open the queue broker on 127.0.0.1 / 无法在 127.0.0.1 上打开队列", e);
            }
            this.acceptor = new Thread(this::acceptLoop, "ipc-queue-" + server.getLocalPort() + "-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String address() {
            return "127.0.0.1:" + server.getLocalPort() + "/" + token;
        }

        private void acceptLoop() {
            while (!closed) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return; // closed
                }
                connections.add(s);
                Thread h = new Thread(() -> serve(s),
                        "ipc-queue-" + server.getLocalPort() + "-conn-" + counter.incrementAndGet());
                h.setDaemon(true);
                handlers.add(h);
                h.start();
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                s.setSoTimeout(10_000);
                String hello = readFrame(in);
                if (hello == null) {
                    return;
                }
                if (!hello.equals("HELLO " + token)) {
                    writeFrame(out, "ERR bad handshake: expected 'HELLO <token>'");
                    return;
                }
                writeFrame(out, "OK " + capacity);
                s.setSoTimeout(0);
                while (!closed) {
                    String frame = readFrame(in);
                    if (frame == null || frame.equals("BYE")) {
                        return;
                    }
                    String reply;
                    try {
                        reply = answer(frame, s);
                    } catch (IllegalArgumentException e) {
                        writeFrame(out, "ERR " + escape(e.getMessage()));
                        return;
                    }
                    if (reply == null) {
                        return; // the client went away while we waited for it
                    }
                    writeFrame(out, reply);
                }
            } catch (IOException e) {
                // a malformed or broken connection: close it, the queue goes on
            } catch (Broken e) {
                // the owner closed the queue while this client waited: closing the socket tells it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                connections.remove(s);
                handlers.remove(Thread.currentThread());
            }
        }

        private String answer(String frame, Socket s) throws IOException, InterruptedException {
            int sp = frame.indexOf(' ');
            String cmd = sp < 0 ? frame : frame.substring(0, sp);
            switch (cmd) {
                case "SIZE" -> {
                    if (sp >= 0) {
                        throw new IllegalArgumentException("malformed frame: SIZE takes no argument");
                    }
                    return "SIZE " + queue.size();
                }
                case "PUT" -> {
                    if (sp < 0) {
                        throw new IllegalArgumentException("malformed frame: PUT needs '<millis> <message>'");
                    }
                    String rest = frame.substring(sp + 1);
                    int sp2 = rest.indexOf(' ');
                    if (sp2 < 0) {
                        throw new IllegalArgumentException("malformed frame: PUT needs '<millis> <message>'");
                    }
                    long millis = parseMillis(rest.substring(0, sp2));
                    String message = unescapeFrame(rest.substring(sp2 + 1));
                    ClientGone gone = new ClientGone(s);
                    boolean ok = offer(message, millis, gone);
                    if (gone.gone) {
                        return null;
                    }
                    return ok ? "OK" : "FULL " + queue.size();
                }
                case "GET" -> {
                    if (sp < 0) {
                        throw new IllegalArgumentException("malformed frame: GET needs '<millis>'");
                    }
                    long millis = parseMillis(frame.substring(sp + 1));
                    ClientGone gone = new ClientGone(s);
                    String m = poll(millis, gone);
                    if (gone.gone) {
                        return null;
                    }
                    return m == null ? "EMPTY" : "ITEM " + escape(m);
                }
                default -> throw new IllegalArgumentException("malformed frame: unknown command '"
                        + (cmd.length() > 20 ? cmd.substring(0, 20) + "…" : cmd) + "'");
            }
        }

        private static long parseMillis(String s) {
            try {
                long v = Long.parseLong(s);
                if (v < -1) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed frame: millis (" + s + ") must be -1, 0 or positive");
            }
        }

        private static String unescapeFrame(String s) {
            try {
                return unescape(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("malformed frame: " + e.getMessage());
            }
        }

        /** Waits in slices so that a closed queue or a departed client stops the wait. */
        boolean offer(String m, long millis, java.util.function.BooleanSupplier stop) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
            while (true) {
                ensureOpen();
                long left = millis < 0 ? SLICE_MILLIS : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (queue.offer(m, Math.max(0, Math.min(SLICE_MILLIS, left)), TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (stop.getAsBoolean() || (millis >= 0 && System.nanoTime() >= deadline)) {
                    return false;
                }
            }
        }

        String poll(long millis, java.util.function.BooleanSupplier stop) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
            while (true) {
                ensureOpen();
                long left = millis < 0 ? SLICE_MILLIS : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                String m = queue.poll(Math.max(0, Math.min(SLICE_MILLIS, left)), TimeUnit.MILLISECONDS);
                if (m != null) {
                    return m;
                }
                if (stop.getAsBoolean() || (millis >= 0 && System.nanoTime() >= deadline)) {
                    return null;
                }
            }
        }

        private void ensureOpen() {
            if (closed) {
                throw new Broken("the queue was closed by its owner / 队列已经被关闭");
            }
        }

        void close() {
            closed = true;
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            for (Socket s : connections) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            try {
                acceptor.join(2000);
                for (Thread h : Set.copyOf(handlers)) {
                    h.join(2000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Checks, between wait slices, whether a waiting client has hung up. */
    private static final class ClientGone implements java.util.function.BooleanSupplier {
        final Socket socket;
        boolean gone;

        ClientGone(Socket socket) {
            this.socket = socket;
        }

        @Override
        public boolean getAsBoolean() {
            try {
                socket.setSoTimeout(1);
                int b = socket.getInputStream().read();
                gone = true; // EOF, or a byte sent while it should wait: either way, stop serving it
                if (b >= 0) {
                    socket.close();
                }
            } catch (SocketTimeoutException e) {
                gone = false;
            } catch (IOException e) {
                gone = true;
            } finally {
                try {
                    if (!socket.isClosed()) {
                        socket.setSoTimeout(0);
                    }
                } catch (IOException ignored) {
                    gone = true;
                }
            }
            return gone;
        }
    }

    // ---------------------------------------------------------------- the connected side

    private static final class Client {
        final String address;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final int capacity;
        volatile boolean closed;

        private Client(String address, Socket socket, int capacity) throws IOException {
            this.address = address;
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.capacity = capacity;
        }

        static Client open(String address) {
            Objects.requireNonNull(address, "address");
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("127\\.0\\.0\\.1:(\\d{1,5})/([0-9a-f]{16})").matcher(address);
            if (!m.matches()) {
                throw new IllegalArgumentException("address (" + address + ") must be 127.0.0.1:port/token"
                        + " / 地址要用 IpcQueue.address() 的原样字符串");
            }
            int port = Integer.parseInt(m.group(1));
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
                s.setSoTimeout(10_000);
                writeFrame(s.getOutputStream(), "HELLO " + m.group(2));
                String reply = readFrame(s.getInputStream());
                if (reply == null) {
                    throw new Broken("queue broker at " + address + " closed the connection during the handshake");
                }
                if (!reply.startsWith("OK ")) {
                    throw new Broken("malformed frame from the queue broker at " + address + ": '" + clip(reply) + "'"
                            + " / 对方说的不是队列协议");
                }
                int cap;
                try {
                    cap = Integer.parseInt(reply.substring(3));
                } catch (NumberFormatException e) {
                    throw new Broken("malformed frame from the queue broker at " + address + ": '" + clip(reply) + "'");
                }
                s.setSoTimeout(0);
                return new Client(address, s, cap);
            } catch (IOException e) {
                closeQuietly(s);
                throw new Broken("cannot reach the queue at " + address + ": " + e.getMessage()
                        + " / 连不上队列：它的所有者进程还在吗？", e);
            } catch (RuntimeException e) {
                closeQuietly(s);
                throw e;
            }
        }

        synchronized void put(String message, long millis) throws InterruptedException {
            String reply = call("PUT " + millis + " " + escape(message), millis);
            if (reply.equals("OK")) {
                return;
            }
            if (reply.startsWith("FULL ")) {
                throw new Full("queue is full (capacity " + capacity + ", " + reply.substring(5) + " messages)"
                        + " / 消息队列已满，现有消息数量: " + reply.substring(5));
            }
            throw malformed(reply);
        }

        synchronized String get(long millis) throws InterruptedException {
            String reply = call("GET " + millis, millis);
            if (reply.equals("EMPTY")) {
                throw empty();
            }
            if (reply.startsWith("ITEM ")) {
                try {
                    return unescape(reply.substring(5));
                } catch (IllegalArgumentException e) {
                    throw malformed(reply);
                }
            }
            throw malformed(reply);
        }

        synchronized int size() {
            try {
                String reply = call("SIZE", 0);
                if (reply.startsWith("SIZE ")) {
                    try {
                        return Integer.parseInt(reply.substring(5));
                    } catch (NumberFormatException e) {
                        throw malformed(reply);
                    }
                }
                throw malformed(reply);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Broken("interrupted", e);
            }
        }

        private String call(String frame, long millis) throws InterruptedException {
            if (closed) {
                throw new Broken("this connection to " + address + " is closed / 这个连接已经关闭");
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            try {
                socket.setSoTimeout(millis < 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, millis + 10_000));
                writeFrame(out, frame);
                String reply = readFrame(in);
                if (reply == null) {
                    closed = true;
                    closeQuietly(socket);
                    throw new Broken("the queue at " + address + " is gone: its owner closed it or its process ended"
                            + " / 队列的所有者进程已经结束或者关闭了队列（dead peer）");
                }
                if (reply.startsWith("ERR ")) {
                    closed = true;
                    closeQuietly(socket);
                    throw new Broken("the queue at " + address + " refused a frame: " + reply.substring(4));
                }
                return reply;
            } catch (SocketTimeoutException e) {
                closed = true;
                closeQuietly(socket);
                throw new Broken("the queue at " + address + " did not answer in time / 队列没有按时回答", e);
            } catch (IOException e) {
                closed = true;
                closeQuietly(socket);
                throw new Broken("the queue at " + address + " is gone: " + e.getMessage()
                        + " / 队列的所有者进程已经结束（dead peer）", e);
            }
        }

        private Broken malformed(String reply) {
            closed = true;
            closeQuietly(socket);
            return new Broken("malformed frame from the queue broker at " + address + ": '" + clip(reply) + "'"
                    + " / 对方说的不是队列协议");
        }

        /** Not synchronized: closing the socket also ends a call waiting in another thread. */
        void close() {
            closed = true;
            closeQuietly(socket);
        }

        private static String clip(String s) {
            return s.length() > 60 ? s.substring(0, 60) + "…" : s;
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
