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
 * <p>Arguments: {@code address empty-check|sentinel [maxPauseMillis]}.
 */
public final class QueueReaderChild {

    /** The end marker the sentinel reader waits for. */
    public static final String SENTINEL = "STOP";

    private QueueReaderChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args[1];
        int maxPause = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Random random = new Random(ProcessHandle.current().pid());
        long pid = ProcessHandle.current().pid();
        int got = 0;
        try (IpcQueue q = IpcQueue.connect(args[0])) {
            if (mode.equals("empty-check")) {
                while (!q.isEmpty()) {                          // check ...
                    String value = q.get(Duration.ofSeconds(5)); // ... then act
                    System.out.println("Get " + value + " from queue.  (reader pid " + pid + ")");
                    got++;
                    Thread.sleep(random.nextInt(maxPause + 1));
                }
            } else if (mode.equals("sentinel")) {
                while (true) {
                    String value = q.get(Duration.ofSeconds(30));
                    if (value.equals(SENTINEL)) {
                        break;
                    }
                    System.out.println("Get " + value + " from queue.  (reader pid " + pid + ")");
                    got++;
                    Thread.sleep(random.nextInt(maxPause + 1));
                }
            } else {
                Args.check(false, "mode", mode, "be empty-check or sentinel", "读进程的模式只有 empty-check 和 sentinel");
            }
        }
        System.out.println("reader read " + got + " messages");
    }
}
