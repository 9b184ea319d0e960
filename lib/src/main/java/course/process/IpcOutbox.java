package course.process;

import java.util.ArrayList;
import java.util.List;

/**
 * The connections that have frames queued while the {@link IpcStore}'s lock was held; they are
 * written once it is released, so no thread waits for a socket while holding the lock.
 *
 * <p>"待发的信"：持有锁时只把回答放进连接的缓冲区，记下是哪些连接；放开锁以后再真正写出去。
 *
 * <p>Thread-safety: {@link #add}, {@link #take} and {@link #clear} are called with the store's lock held.
 */
final class IpcOutbox {

    private final List<IpcConnection> waiting = new ArrayList<>();

    void add(IpcConnection c) {
        if (!c.dirty) {
            c.dirty = true;
            waiting.add(c);
        }
    }

    /** The connections to write, or null when there are none. */
    IpcConnection[] take() {
        if (waiting.isEmpty()) {
            return null;
        }
        IpcConnection[] f = waiting.toArray(new IpcConnection[0]);
        for (IpcConnection c : f) {
            c.dirty = false;
        }
        waiting.clear();
        return f;
    }

    void clear() {
        waiting.clear();
    }

    /** Writes them (without the lock), except {@code self}, a connection that writes its own after its batch. */
    static void write(IpcConnection[] conns, IpcConnection self) {
        if (conns != null) {
            for (IpcConnection c : conns) {
                if (c != self) {
                    c.flush();
                }
            }
        }
    }
}
