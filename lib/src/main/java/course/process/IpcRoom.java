package course.process;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The room a connected writer of a bounded {@link IpcQueue} holds, in a small file that the owner
 * and that writer's process both map into memory.
 *
 * <p>两个进程共享的一小块内存（内存映射文件, memory-mapped file）：所有者把留给这个连接的空位数加进去，
 * 写进程用一次比较并交换（compare-and-set）取走一个，不用在连接上来回说话。写进程没有空位、要睡了，
 * 先立一个"我在等"的标记；所有者看到标记，才在连接上发一个 {@code ROOM} 叫醒它。
 *
 * <p>The owner's own count of the connection's room ({@code IpcConnection.leases}) stays what it trusts:
 * a {@code SEND} beyond it is refused, whatever the writer did to this memory. The file is deleted as soon
 * as the writer has mapped it (and at the latest when the connection ends); the mappings stay valid.
 *
 * <p>Thread-safety: every operation is one atomic access to the mapped memory (sequentially
 * consistent), valid between threads and between processes.
 */
final class IpcRoom {

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int PLACES = 0;        // room granted and not taken yet
    private static final int ASLEEP = 4;        // 1: a put of the writer sleeps, the owner must send ROOM to wake it
    static final int BYTES = 8;
    private static final String PREFIX = "ipc-queue-";
    private static final String SUFFIX = ".room";

    final Path file;
    private final MappedByteBuffer memory;

    private IpcRoom(Path file, MappedByteBuffer memory) {
        this.file = file;
        this.memory = memory;
    }

    /** The owner's side: a new file of {@link #BYTES} zero bytes, mapped. */
    static IpcRoom create() throws IOException {
        Path f = Files.createTempFile(PREFIX, SUFFIX);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new IpcRoom(f, ch.map(FileChannel.MapMode.READ_WRITE, 0, BYTES));
        }
    }

    /** The writer's side: maps the owner's file (which must be one, exist and have the right size), then deletes it. */
    static IpcRoom open(Path f) throws IOException {
        String name = String.valueOf(f.getFileName());
        if (!f.isAbsolute() || !name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
            throw new IOException("not a room file (" + PREFIX + "*" + SUFFIX + ", absolute)");
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (ch.size() != BYTES) {
                throw new IOException("the room file " + f + " has " + ch.size() + " bytes, not " + BYTES);
            }
            IpcRoom r = new IpcRoom(f, ch.map(FileChannel.MapMode.READ_WRITE, 0, BYTES));
            r.delete();
            return r;
        }
    }

    /** Deletes the file (a mapping stays valid); where a mapped file cannot be deleted, it goes at exit. */
    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    /** Takes one place if there is one; returns the places there were (0: none taken). */
    int take() {
        while (true) {
            int n = places();
            if (n <= 0 || INT.compareAndSet(memory, PLACES, n, n - 1)) {
                return Math.max(n, 0);
            }
        }
    }

    int places() {
        return (int) INT.getVolatile(memory, PLACES);
    }

    /** The owner grants k more places. */
    void add(int k) {
        INT.getAndAdd(memory, PLACES, k);
    }

    /** The owner takes back every place not taken yet; returns how many. */
    int takeAll() {
        return Math.max((int) INT.getAndSet(memory, PLACES, 0), 0);
    }

    /** The writer: whether a put of it sleeps until the owner sends {@code ROOM}. Set before looking at the places again. */
    void asleep(boolean yes) {
        INT.setVolatile(memory, ASLEEP, yes ? 1 : 0);
    }

    boolean asleep() {
        return (int) INT.getVolatile(memory, ASLEEP) == 1;
    }

    /** The owner, after adding places: true once when a put sleeps, so it must be woken (the mark is cleared). */
    boolean wake() {
        return asleep() && INT.compareAndSet(memory, ASLEEP, 1, 0);
    }
}
