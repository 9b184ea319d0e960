package course.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code System.out} or {@code System.err} of the kernel: what a thread writes goes to the cell its output
 * belongs to ({@link Cells#owner()}), as Jupyter stream messages.
 *
 * <p>Each thread's bytes are kept apart and sent line by line, so lines of threads that print at the same
 * time do not mix. A line not yet ended is sent when it has waited {@link #PARTIAL_LINE_MILLIS}, when
 * the thread flushes, before the thread shows a display, and when its cell ends. A thread whose output
 * belongs to no cell (the kernel's own, while no cell runs) writes to the kernel's console.
 *
 * <p>内核的 {@code System.out}/{@code System.err}：每个线程打印的内容按行发给它所属的单元格。
 *
 * <p>Thread-safe.
 */
public final class CellStream extends OutputStream {

    /** Sends one piece of text to a cell, as a stream message of this stream's name. */
    public interface Sender {
        void send(Cells.Cell cell, boolean stderr, String text);
    }

    static final long PARTIAL_LINE_MILLIS = 50;

    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "CellStream-flusher");
        t.setDaemon(true);
        return t;
    });

    /** Set while this thread sends: what sending itself prints (a log line) goes to the console, not round again. */
    private static final ThreadLocal<Boolean> SENDING = ThreadLocal.withInitial(() -> false);

    private final boolean stderr;
    private final PrintStream console;
    private final Sender sender;
    private final Map<Thread, Pending> pending = new ConcurrentHashMap<>();

    /** The bytes a thread wrote that are not sent yet, and the cell they go to. */
    private static final class Pending {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Cells.Cell cell;
        long since;
    }

    /** A stream named stderr or stdout; {@code console} gets what belongs to no cell. */
    public CellStream(boolean stderr, PrintStream console, Sender sender) {
        this.stderr = stderr;
        this.console = console;
        this.sender = sender;
        FLUSHER.scheduleWithFixedDelay(this::sendWaitingPartialLines, PARTIAL_LINE_MILLIS, PARTIAL_LINE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** A UTF-8 PrintStream over this stream (not flushing by itself: this stream sends whole lines). */
    public PrintStream printStream() {
        return new PrintStream(this, false, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Cells.Cell owner = SENDING.get() ? null : Cells.owner();
        if (owner == null) {
            console.write(b, off, len);
            console.flush();
            return;
        }
        Pending p = pending.computeIfAbsent(Thread.currentThread(), t -> new Pending());
        synchronized (p) {
            if (p.cell != owner) {
                send(p, p.bytes.size());
                p.cell = owner;
            }
            if (p.bytes.size() == 0) {
                p.since = System.nanoTime();
            }
            p.bytes.write(b, off, len);
            byte[] all = p.bytes.toByteArray();
            int lines = lastNewline(all) + 1;
            if (lines > 0) {
                send(p, lines);
            }
        }
    }

    /** Sends whatever the current thread has not sent yet. */
    @Override
    public void flush() {
        Pending p = pending.get(Thread.currentThread());
        if (p != null) {
            synchronized (p) {
                send(p, p.bytes.size());
            }
        }
    }

    /** Sends what every thread has not sent yet for this cell (the cell ends). */
    public void flush(Cells.Cell cell) {
        pending.values().forEach(p -> {
            synchronized (p) {
                if (p.cell == cell) {
                    send(p, p.bytes.size());
                }
            }
        });
    }

    private void sendWaitingPartialLines() {
        long now = System.nanoTime();
        pending.values().forEach(p -> {
            synchronized (p) {
                if (p.bytes.size() > 0 && now - p.since >= TimeUnit.MILLISECONDS.toNanos(PARTIAL_LINE_MILLIS)) {
                    send(p, p.bytes.size());
                }
            }
        });
        pending.entrySet().removeIf(e -> {
            if (e.getKey().isAlive()) {
                return false;
            }
            synchronized (e.getValue()) {
                send(e.getValue(), e.getValue().bytes.size());
            }
            return true;
        });
    }

    /** Sends the first {@code n} bytes of p (fewer if they end inside a UTF-8 character); keeps the rest. */
    private void send(Pending p, int n) {
        byte[] all = p.bytes.toByteArray();
        int cut = completeUtf8(all, n);
        if (cut == 0 || p.cell == null) {
            return;
        }
        SENDING.set(true);
        try {
            sender.send(p.cell, stderr, new String(all, 0, cut, StandardCharsets.UTF_8));
        } finally {
            SENDING.set(false);
        }
        p.bytes.reset();
        p.bytes.write(all, cut, all.length - cut);
        p.since = System.nanoTime();
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The largest length ≤ n that does not end inside a UTF-8 sequence. */
    static int completeUtf8(byte[] b, int n) {
        int i = n;
        while (i > 0 && n - i < 3 && (b[i - 1] & 0xC0) == 0x80) {
            i--; // continuation bytes
        }
        int lead = i == 0 ? 0 : b[i - 1] & 0xFF;
        if (lead < 0xC0) {
            return n; // ASCII, or not UTF-8 at all: nothing to wait for
        }
        int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        return n - (i - 1) >= length ? n : i - 1;
    }
}
