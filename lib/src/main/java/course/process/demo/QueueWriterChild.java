package course.process.demo;

import java.util.Locale;
import java.util.Random;

import course.process.IpcQueue;

/**
 * The seed's writer process: puts each value into the {@link IpcQueue} at the given address, with
 * a short random pause after each.
 *
 * <p>原教程里的"写数据进程"：把每个值放进队列（{@code put}），每放一个随机停一会儿。
 * 一行"放进队列"在 {@code put} 返回之后才打印：队列满时 {@code put} 会一直等，那时还没有这一行；
 * 等了 0.1 秒以上的，这一行还会说出它等了多久。
 *
 * <p>Arguments: {@code address maxPauseMillis value...}.
 *
 * <p>Thread-safety: a child JVM's {@code main}, run by its main thread.
 */
public final class QueueWriterChild {

    private QueueWriterChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        Random random = new Random(pid);
        int maxPause = Integer.parseInt(args[1]);
        // the first line also warms up printing, so the first message's line is not late
        System.out.println("写进程 " + pid + " 开始写 " + (args.length - 2) + " 条消息");
        try (IpcQueue q = IpcQueue.connect(args[0])) {
            for (int i = 2; i < args.length; i++) {
                long t0 = System.nanoTime();
                q.put(args[i]);
                long waited = (System.nanoTime() - t0) / 1_000_000;   // printed only after the put returned
                System.out.println("写进程 " + pid + " 放进队列: " + args[i]
                        + (waited >= 100 ? String.format(Locale.ROOT, "（put 等了 %.2f 秒才返回）", waited / 1000.0) : ""));
                Thread.sleep(random.nextInt(maxPause + 1));
            }
        }
    }
}
