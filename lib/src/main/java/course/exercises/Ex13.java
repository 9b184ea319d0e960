package course.exercises;

import java.time.Duration;
import java.util.List;
import course.check.Answer;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.process.ChildJvm;
import course.process.IpcQueue;
import course.process.demo.QueueReaderChild;
import course.process.demo.QueueWriterChild;

/**
 * Checks for the exercises of notebook 13 (进程间通信).
 *
 * <p>笔记本 13 的练习检查。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex13 {

    /** The values the writer process of exercise 1 puts, before the sentinel. */
    public static final List<String> VALUES = List.of("A", "B", "C", "D", "E");

    private Ex13() {
    }

    /**
     * 练习 1: a writer process puts A..E (with pauses) and then {@link QueueReaderChild#SENTINEL};
     * the learner's reader gets from the queue and returns what it read, without the sentinel.
     */
    public static Verdict sentinelReader(Answer<IpcQueue, List<String>> learnerReader) {
        Exercise ex = Exercise.named("练习 1：用结束标记读完所有消息");
        try (IpcQueue q = IpcQueue.create(3);
             ChildJvm writer = ChildJvm.builder(QueueWriterChild.class)
                     .args(q.address(), "150", "A", "B", "C", "D", "E", QueueReaderChild.SENTINEL).echo(false).start()) {
            List<String> got = ex.attempt("读消息的代码正常结束", () -> learnerReader.apply(q),
                    "IpcQueue.get 可能抛出 InterruptedException 或 IpcQueue.Empty（等太久）：读到 \"STOP\" 就返回。");
            writer.waitFor(Duration.ofSeconds(VALUES.equals(got) ? 20 : 1));
            return ex.expectEquals("读到的消息", VALUES, got,
                    "写进程刚启动时队列还是空的：'不空才读' 会马上退出。一直 get()，读到 \"STOP\" 再停。")
                    .expect("读完以后写进程正常结束", !writer.isAlive() && writer.exitCode() == 0,
                            "读者要把队列读空，写进程的 put 才不会一直等着空位。")
                    .verdict();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * 练习 2: given an empty queue of capacity 3, the learner fills it and tries
     * {@code putNowait("消息4")}, returning true when {@link IpcQueue.Full} was caught.
     */
    public static Verdict fullQueue(Answer<IpcQueue, Boolean> learnerCode) {
        Exercise ex = Exercise.named("练习 2：队列满了，putNowait 立刻失败");
        try (IpcQueue q = IpcQueue.create(3)) {
            long t0 = System.nanoTime();
            Boolean caught = ex.attempt("代码正常返回", () -> learnerCode.apply(q),
                    "IpcQueue.Full 要在代码里捕获（catch），然后返回 true。");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            ex.expectEquals("队列里的消息数", 3, q.size(), "先 put 三条消息，把容量 3 的队列放满。")
                    .expectEquals("捕获到了 IpcQueue.Full", true, caught,
                            "putNowait 在队列满时抛出 IpcQueue.Full：用 try/catch 接住它，然后返回 true。");
            return ex.expectTimeIf(Boolean.TRUE.equals(caught), "还没有捕获到 IpcQueue.Full",
                    "putNowait 不等待：放三条、再试第四条，一共用时", millis, 1000,
                    "put(x) 会一直等空位；putNowait 或 put(x, 很短的时间) 才会失败。").verdict();
        }
    }
}
