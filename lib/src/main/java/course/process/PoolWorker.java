package course.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The main class of a {@link ProcessPool} worker JVM: reads {@code RUN id task args} frames from
 * standard input, runs each task, and answers on standard output.
 *
 * <p>进程池里每个工作进程运行的 main：从标准输入读"任务"，一个接一个执行，把结果写回标准输出。
 * 任务自己打印的内容（{@code System.out}）也包成 {@code OUT ...} 帧送回父进程，显示在单元格里。
 *
 * <p>Frames ({@link Frames}: one per line; fields separated by a tab, each escaped):
 * in: {@code RUN id task arg...}; out: {@code READY pid}, {@code OUT text},
 * {@code DONE id nanos result}, {@code FAIL id error}.
 *
 * <p>Thread-safety: one task at a time; the frames on standard output are written whole under one lock.
 */
public final class PoolWorker {

    private PoolWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream proto = System.out;
        System.setOut(new PrintStream(new LineFramer(proto), true, StandardCharsets.UTF_8));
        send(proto, "READY\t" + ProcessHandle.current().pid());
        Frames.Reader in = new Frames.Reader(System.in, IpcConnection.MAX_FRAME_BYTES);
        while (true) {
            String frame;
            try {
                frame = in.next();
            } catch (Frames.OversizedFrame | Frames.MalformedFrame e) {
                send(proto, "FAIL\t?\t" + Frames.escape(e.getMessage()));
                continue;
            }
            if (frame == null) {
                return;
            }
            String[] f = frame.split("\t", -1);
            if (f.length < 3 || !f[0].equals("RUN")) {
                send(proto, "FAIL\t" + (f.length > 1 ? f[1] : "?") + "\t"
                        + Frames.escape("malformed frame: " + Frames.preview(frame)));
                continue;
            }
            String id = f[1];
            long t0 = System.nanoTime();
            try {
                String[] taskArgs = new String[f.length - 3];
                for (int i = 3; i < f.length; i++) {
                    taskArgs[i - 3] = Frames.unescape(f[i]);
                }
                String result = PoolTasks.run(Frames.unescape(f[2]), taskArgs);
                System.out.flush();
                send(proto, "DONE\t" + id + "\t" + (System.nanoTime() - t0) + "\t" + Frames.escape(result));
            } catch (Exception e) {
                System.out.flush();
                send(proto, "FAIL\t" + id + "\t" + Frames.escape(e.toString()));
            }
        }
    }

    private static void send(PrintStream proto, String frame) {
        synchronized (proto) {
            proto.print(frame + "\n");
            proto.flush();
        }
    }

    /** Turns what a task prints into {@code OUT} frames, one per line. */
    private static final class LineFramer extends OutputStream {
        private final PrintStream proto;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFramer(PrintStream proto) {
            this.proto = proto;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                send(proto, "OUT\t" + Frames.escape(line.toString(StandardCharsets.UTF_8)));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                write('\n');
            }
        }
    }
}
