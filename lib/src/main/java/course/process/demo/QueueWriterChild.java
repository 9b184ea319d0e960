package course.process.demo;

import java.util.Random;

import course.process.IpcQueue;

/**
 * The seed's writer process: puts each value into the {@link IpcQueue} at the given address, with
 * a short random pause after each.
 *
 * <p>原教程里的"写数据进程"：把每个值放进队列（{@code put}），每放一个随机停一会儿。
 *
 * <p>Arguments: {@code address maxPauseMillis value...}.
 */
public final class QueueWriterChild {

    private QueueWriterChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Random random = new Random(ProcessHandle.current().pid());
        int maxPause = Integer.parseInt(args[1]);
        try (IpcQueue q = IpcQueue.connect(args[0])) {
            for (int i = 2; i < args.length; i++) {
                System.out.println("Put " + args[i] + " to queue...  (writer pid " + ProcessHandle.current().pid() + ")");
                q.put(args[i]);
                Thread.sleep(random.nextInt(maxPause + 1));
            }
        }
    }
}
