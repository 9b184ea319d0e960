package course.process.demo;

import java.time.Duration;
import java.util.Random;

import course.process.IpcQueue;

import course.base.Args;

/**
 * The seed's reader process, in two versions: {@code empty-check} reads while the queue is not
 * empty (racy: it stops as soon as it finds the queue empty, even if the writer is still writing);
 * {@code sentinel} reads until it gets the agreed end marker {@code STOP}.
 *
 * <p>原教程里的"读数据进程"。{@code empty-check} 版本照抄原教程：{@code if not q.empty()} 才读，
 * 队列一空就退出——如果写进程还没写完，后面的消息就没人读了（先检查再行动的竞态）。
 * {@code sentinel} 版本一直 {@code get()}，直到读到约定的结束标记 {@code STOP}。
 *
 * <p>Arguments: {@code address empty-check|sentinel [maxPauseMillis]}: after each message the reader
 * rests a random time between half of {@code maxPauseMillis} and all of it (default 100).
 *
 * <p>Thread-safety: a child JVM's {@code main}, run by its main thread.
 */
public final class QueueReaderChild {

    /** The end marker the sentinel reader waits for. */
    public static final String SENTINEL = "STOP";

    private QueueReaderChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args[1];
        Args.check(mode.equals("empty-check") || mode.equals("sentinel"), "mode", mode,
                "be empty-check or sentinel", "读进程的模式只有 empty-check 和 sentinel");
        int maxPause = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        long pid = ProcessHandle.current().pid();
        Random random = new Random(pid);
        boolean sentinel = mode.equals("sentinel");
        // the first line also warms up printing, so the first message's line is not late
        System.out.println("读进程 " + pid + " 开始读" + (sentinel ? "，读到 " + SENTINEL + " 为止" : "，队列一空就停"));
        int got = 0;
        try (IpcQueue q = IpcQueue.connect(args[0])) {
            Duration patience = Duration.ofSeconds(sentinel ? 30 : 5);
            while (sentinel || !q.isEmpty()) {           // empty-check: check ...
                String value = q.get(patience);          // ... then act
                if (sentinel && value.equals(SENTINEL)) {
                    break;
                }
                System.out.println("读进程 " + pid + " 从队列取出: " + value);
                got++;
                Thread.sleep(maxPause / 2 + random.nextInt(maxPause - maxPause / 2 + 1));
            }
        }
        System.out.println("读进程读到 " + got + " 条消息");
    }
}
