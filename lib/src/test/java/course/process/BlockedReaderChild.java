package course.process;

/** A test child: connects to the queue at args[0] and waits in {@code get()} until it is killed. */
public final class BlockedReaderChild {

    private BlockedReaderChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        IpcQueue q = IpcQueue.connect(args[0]);
        System.out.println("got " + q.get());
    }
}
