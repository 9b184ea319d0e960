package course.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import course.base.Args;

/**
 * Opens the connection of a connected {@link IpcQueue} handle: connects to the owner, says HELLO
 * with the token of the address, and learns the capacity and the size limit.
 *
 * <p>连接队列的所有者：按地址里的端口连上 127.0.0.1，报上口令（{@code HELLO token}），
 * 得到队列的容量和消息大小上限；有上限的队列，还有一个和所有者共享的空位文件（{@link IpcRoom}）。
 * 10 秒内没有回答，就说清楚是握手超时。
 *
 * <p>Thread-safety: stateless; each call opens its own socket.
 */
final class IpcHandshake {

    private static final Pattern ADDRESS = Pattern.compile("127\\.0\\.0\\.1:(\\d{1,5})/([0-9a-f]{16})");
    /** How long either end of a connection waits for the other's side of the handshake. */
    static final int HANDSHAKE_MILLIS = 10_000;
    private static final int SHAKING = 0;
    private static final int SHAKEN = 1;
    private static final int TOO_LATE = 2;

    private IpcHandshake() {
    }

    /**
     * Connects, says HELLO with the token of the address and learns the capacity and the size limit.
     * The time limit is kept by closing the socket, not by a connect or read timeout: either would leave
     * the socket non-blocking for good, and every later read would become read + poll + read again.
     */
    static IpcLink open(String address) {
        Matcher m = ADDRESS.matcher(Args.notNull("address", address));
        Args.check(m.matches(), "address", address, "be 127.0.0.1:port/token", "地址要用 IpcQueue.address() 的原样字符串");
        Socket s = new Socket();
        AtomicInteger handshake = new AtomicInteger(SHAKING);
        CompletableFuture.delayedExecutor(HANDSHAKE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
            if (handshake.compareAndSet(SHAKING, TOO_LATE)) {
                IpcLink.closeQuietly(s);
            }
        });
        try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1))));
            s.setTcpNoDelay(true);
            Frames.Writer w = new Frames.Writer(s.getOutputStream());
            w.write("HELLO " + m.group(2));
            w.flush();
            Frames.Reader in = new Frames.Reader(s.getInputStream(), IpcConnection.MAX_FRAME_BYTES);
            String reply = in.next();
            if (!handshake.compareAndSet(SHAKING, SHAKEN)) {
                throw new IOException("closed");     // the time ran out just now
            }
            if (reply == null) {
                throw new IpcQueue.Broken("队列在握手时断开了连接 / the queue at " + address
                        + " closed the connection during the handshake");
            }
            if (reply.startsWith("ERR ")) {
                throw new IpcQueue.Broken("队列拒绝了连接" + (reply.startsWith("ERR bad handshake") ? "：地址里的口令不对？" : "")
                        + " / the queue at " + address + " refused the handshake: " + reply.substring(4));
            }
            String[] f = reply.split(" ", 4);
            if (f.length < 3 || !f[0].equals("OK") || !f[1].matches("\\d{1,9}") || !f[2].matches("\\d{1,9}")
                    || (f.length == 4) != !f[1].equals("0")) {
                throw new IpcQueue.Broken(IpcLink.malformed(address, "the handshake answer " + Frames.preview(reply)));
            }
            int cap = Integer.parseInt(f[1]);
            return new IpcLink(address, s, in, cap == 0 ? Integer.MAX_VALUE : cap,
                    Math.min(IpcQueue.MAX_MESSAGE_BYTES, Integer.parseInt(f[2])), cap == 0 ? null : room(address, f[3]));
        } catch (IOException e) {
            IpcLink.closeQuietly(s);
            if (handshake.get() == TOO_LATE) {
                throw new IpcQueue.Broken("队列在 " + HANDSHAKE_MILLIS / 1000 + " 秒内没有回答握手：它的所有者进程还在吗？ / the queue at "
                        + address + " did not answer the handshake within " + HANDSHAKE_MILLIS + " ms", e);
            }
            throw new IpcQueue.Broken("连不上队列：它的所有者进程还在吗？ / cannot reach the queue at " + address
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            IpcLink.closeQuietly(s);
            throw e;
        }
    }

    /** Maps the room file the owner named; a name that is not one's is a malformed answer. */
    private static IpcRoom room(String address, String file) {
        try {
            return IpcRoom.open(Path.of(file));
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new IpcQueue.Broken("这个进程打不开队列的空位文件：两个进程要在同一台机器上、用同一个用户、看得到同一个临时目录"
                    + " / this process cannot open the room file of the queue at " + address + " (" + e + ")", e);
        } catch (IOException | InvalidPathException e) {
            throw new IpcQueue.Broken(IpcLink.malformed(address, "the handshake names a room file that cannot be used: "
                    + Frames.preview(file) + " (" + e.getMessage() + ")"), e);
        }
    }
}
