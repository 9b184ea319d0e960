package course.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;

/** A hand-driven end of a queue connection for tests: a raw client of a real owner, or a fake owner. */
final class RawPeer implements AutoCloseable {

    final Socket socket;
    private final Frames.Reader in;
    private final Frames.Writer out;
    IpcRoom room;                           // the shared room of a bounded queue's connection

    RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new Frames.Reader(socket.getInputStream(), IpcConnection.MAX_FRAME_BYTES);
        this.out = new Frames.Writer(socket.getOutputStream());
    }

    /** Connects to a real owner and says HELLO with the right token. */
    static RawPeer client(IpcQueue owner) throws IOException {
        String a = owner.address();
        int port = Integer.parseInt(a.substring(a.indexOf(':') + 1, a.indexOf('/')));
        RawPeer p = new RawPeer(new Socket(InetAddress.getLoopbackAddress(), port));
        p.send("HELLO " + a.substring(a.indexOf('/') + 1));
        String ok = p.next();
        if (!ok.startsWith("OK ")) {
            throw new IllegalStateException("handshake answered " + ok);
        }
        String[] f = ok.split(" ", 4);
        if (f.length == 4) {
            p.room = IpcRoom.open(Path.of(f[3]));
        }
        return p;
    }

    /** Accepts one connection on a fake owner's server socket and answers its HELLO with {@code hello}. */
    static RawPeer accept(ServerSocket server, String hello) throws IOException {
        RawPeer p = new RawPeer(server.accept());
        p.next();
        p.send(hello);
        return p;
    }

    /** {@link #accept} on its own thread, so the test can connect meanwhile. */
    static Blocked<RawPeer> acceptLater(ServerSocket server, String hello) {
        return Blocked.start(() -> accept(server, hello));
    }

    /** A fake owner of a queue of this capacity (0: unbounded), with the room file a real owner makes. */
    static Blocked<RawPeer> acceptLater(ServerSocket server, int capacity) throws IOException {
        if (capacity == 0) {
            return acceptLater(server, "OK 0 " + IpcQueue.MAX_MESSAGE_BYTES);
        }
        IpcRoom r = IpcRoom.create();
        return Blocked.start(() -> {
            RawPeer p = accept(server, "OK " + capacity + " " + IpcQueue.MAX_MESSAGE_BYTES + " " + r.file);
            p.room = r;
            return p;
        });
    }

    /** As a fake owner: grants k places as a real owner does, and wakes a put that sleeps ({@code ROOM 0 k}); true if one did. */
    boolean grant(int k) throws IOException {
        room.add(k);
        boolean woke = room.wake();
        if (woke) {
            send("ROOM 0 " + k);
        }
        return woke;
    }

    static ServerSocket fakeOwner() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    static String address(ServerSocket fake) {
        return "127.0.0.1:" + fake.getLocalPort() + "/0123456789abcdef";
    }

    void send(String frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    /** The next frame, or null when the other side closed the connection. */
    String next() throws IOException {
        return in.next();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        if (room != null) {
            room.delete();                   // a fake owner's file that no client mapped
        }
    }
}
