package course.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;

/**
 * The owner's side of an {@link IpcQueue}: the {@link IpcStore} that holds the messages, and the
 * loopback server through which other processes reach it.
 *
 * <p>队列的所有者：消息在 {@link IpcStore} 里；本进程的线程直接读写它，别的进程通过
 * 127.0.0.1 上一个随机端口连进来，每个连接由一个 {@link IpcConnection} 服务。
 * 连接时要先说出地址里的口令（token），别的程序碰巧连上这个端口也用不了队列。
 *
 * <p>本进程的线程在 {@code get}/{@code put} 里等待时，和别的进程的请求排在同一队里（先来先得）；
 * 被中断就离开队伍，什么也不拿走。
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
final class IpcOwner implements IpcQueue.Side {

    private static final int BACKLOG = 50;
    private static final long JOIN_MILLIS = 2000;

    private final IpcStore store;
    private final ServerSocket server;
    private final String token;
    private final Thread acceptor;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicInteger counter = new AtomicInteger();

    IpcOwner(int capacity) {
        byte[] t = new byte[8];
        new SecureRandom().nextBytes(t);
        this.token = HexFormat.of().formatHex(t);
        try {
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        } catch (IOException e) {
            throw new IpcQueue.Broken("无法在 127.0.0.1 上打开队列 / cannot open the queue on 127.0.0.1: "
                    + e.getMessage(), e);
        }
        String name = "ipc-queue-" + server.getLocalPort();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, name + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
        this.store = new IpcStore(capacity, timer);
        this.acceptor = daemon(this::acceptLoop, name + "-accept");
        acceptor.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    IpcStore store() {
        return store;
    }

    String token() {
        return token;
    }

    @Override
    public String address() {
        return "127.0.0.1:" + server.getLocalPort() + "/" + token;
    }

    @Override
    public int capacity() {
        return store.capacity();
    }

    @Override
    public void put(String message, long nanos) throws InterruptedException {
        store.lock().lock();
        try {
            store.ensureOpen();
            if (store.roomNow()) {
                store.admit(message);
            } else {
                if (nanos == 0) {
                    throw store.full();
                }
                if (!await(new Local(message, store.lock().newCondition()), nanos)) {
                    throw store.full();
                }
            }
        } finally {
            store.unlockAndFlush(null);
        }
    }

    @Override
    public String get(long nanos) throws InterruptedException {
        store.lock().lock();
        try {
            store.ensureOpen();
            String m = store.takeHead();
            if (m != null) {
                store.roomFreed();
                return m;
            }
            if (nanos == 0) {
                throw IpcQueue.empty();
            }
            Local w = new Local(null, store.lock().newCondition());
            if (!await(w, nanos)) {
                throw IpcQueue.empty();
            }
            return w.received;
        } finally {
            store.unlockAndFlush(null);
        }
    }

    /** Waits in line (store lock held) until {@code w} is served; false when the time ran out. */
    private boolean await(Local w, long nanos) throws InterruptedException {
        store.waitInLine(w, w.message != null, -1);
        long left = nanos;
        try {
            while (!w.done) {
                if (store.isClosed()) {
                    store.leave(w);
                    throw IpcStore.closedHere();
                }
                if (store.flushBeforeWaiting()) {
                    continue;
                }
                if (nanos < 0) {
                    w.ready.await();
                } else if (left <= 0) {
                    store.leave(w);
                    return false;
                } else {
                    left = w.ready.awaitNanos(left);
                }
            }
            return true;
        } catch (InterruptedException e) {
            if (w.done) {                            // served at the same moment: keep it, keep the interrupt
                Thread.currentThread().interrupt();
                return true;
            }
            store.leave(w);
            throw e;
        }
    }

    /** A thread of this process waiting in line. */
    private static final class Local extends IpcWaiter {
        final Condition ready;
        boolean done;
        String received;

        Local(String message, Condition ready) {
            super(message);
            this.ready = ready;
        }

        @Override
        void serve(String m) {
            done = true;
            received = m;
            ready.signal();
        }

        @Override
        void wake() {
            ready.signal();
        }
    }

    @Override
    public int size() {
        return store.size();
    }

    int connections() {
        return store.state().connections();
    }

    /** The owner's timer (time limits of waiting requests and of handshakes). */
    ScheduledThreadPoolExecutor timer() {
        return timer;
    }

    private void acceptLoop() {
        while (true) {
            Socket s;
            IpcConnection c;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                c = new IpcConnection(this, s);
            } catch (IOException e) {
                closeQuietly(s);
                continue;
            }
            if (!store.connected(c)) {
                closeQuietly(s);
                return;
            }
            c.start("ipc-queue-" + server.getLocalPort() + "-conn-" + counter.incrementAndGet());
        }
    }

    /** Stops serving: waiting calls here end with {@link IpcQueue.Broken}, every connection is told CLOSED. */
    @Override
    public void close() {
        List<IpcConnection> conns = store.close();
        closeQuietly(server);
        for (IpcConnection c : conns) {
            c.flush();
            c.closeSocket();
        }
        timer.shutdownNow();
        try {
            acceptor.join(JOIN_MILLIS);
            for (IpcConnection c : conns) {
                c.join(JOIN_MILLIS);
            }
            timer.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable s) {
        try {
            s.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
