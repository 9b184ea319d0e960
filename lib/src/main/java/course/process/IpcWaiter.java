package course.process;

import java.util.concurrent.ScheduledFuture;

/**
 * A get or a put of an {@link IpcQueue} waiting in line at its owner: a thread of the owner's
 * process, or a request of a connected process ({@link Remote}).
 *
 * <p>排队等待的一个 get 或 put：可能是所有者进程里的一个线程，也可能是别的进程发来的一个请求。
 *
 * <p>Thread-safety: guarded by the {@link IpcStore}'s lock.
 */
abstract class IpcWaiter {

    final String message;                       // what a putter puts; null for a taker and a WANT
    ScheduledFuture<?> timeout;

    IpcWaiter(String message) {
        this.message = message;
    }

    void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    /** A thread of this process is served: m is its message, or null for a put that went in. */
    void serve(String m) {
        throw new IllegalStateException("a request of a connection is answered with a frame");
    }

    /** Wakes a waiting thread of this process without serving it (the queue closed). */
    void wake() {
    }

    /** A request of a connected process, answered with a frame. */
    static final class Remote extends IpcWaiter {
        final IpcConnection conn;
        long id;                                // a WANT that takes over a waiting one changes it

        Remote(String message, IpcConnection conn, long id) {
            super(message);
            this.conn = conn;
            this.id = id;
        }
    }
}
