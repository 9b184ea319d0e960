package course.process;

/** A test child: puts args[1] messages into the queue at args[0], then ends the JVM without closing it. */
public final class ExitingWriterChild {

    private ExitingWriterChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        IpcQueue q = IpcQueue.connect(args[0]);
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            q.put("m" + i);
        }
        System.exit(0);
    }
}
