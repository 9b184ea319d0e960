package course.process;

/** A test child: puts "w0" into the queue at args[0] (so it holds the rest of the room), then waits until it is killed. */
public final class HoldingWriterChild {

    private HoldingWriterChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        IpcQueue q = IpcQueue.connect(args[0]);
        q.put("w0");
        Thread.sleep(Long.MAX_VALUE);
    }
}
