package course.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import course.check.Answer;
import course.check.BiAnswer;
import course.check.Exercise;
import course.check.Exercise.Verdict;

/**
 * Checks for the exercises of notebook 09 (线程间通信).
 *
 * <p>笔记本 09 的练习检查。学习者的代码在一个有时间限制的线程里运行：就算它一直等下去，
 * 检查也会结束，并把它留下的线程中断掉，内核不会被卡住。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex09 {

    /** Pause of the producer in exercise 1 between two bones, in milliseconds. */
    public static final long PRODUCER_PAUSE_MILLIS = 50;

    private Ex09() {
    }

    /**
     * 练习 1: the learner's code takes bones from {@code queue} until none arrives for 200 ms, and returns them.
     * A producer puts 骨头1 … 骨头5, one every {@link #PRODUCER_PAUSE_MILLIS} ms, then stops for good.
     */
    public static Verdict drainUntilQuiet(Answer<BlockingQueue<String>, List<String>> learnerCode) {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(10);
        List<String> expected = List.of("骨头1", "骨头2", "骨头3", "骨头4", "骨头5");
        Thread producer = new Thread(() -> {
            try {
                for (String bone : expected) {
                    Thread.sleep(PRODUCER_PAUSE_MILLIS);
                    queue.put(bone);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "练习-生产者");
        producer.setDaemon(true);
        producer.start();
        LearnerRun.Outcome<List<String>> out = LearnerRun.run(() -> learnerCode.apply(queue), 3000, 1000, true);
        producer.interrupt();
        Exercise ex = Exercise.named("练习 1：用 poll 超时结束消费者")
                .expectEquals("取到的骨头（按顺序）", expected, out.result(),
                        "每次 poll 到的不是 null，就加进列表；生产者每 " + PRODUCER_PAUSE_MILLIS
                                + " ms 放一根，poll() 不带超时会在生产者放下一根之前就放弃。");
        return LearnerRun.ended(ex, out, "消费者取完骨头以后自己结束了", out.result() != null && !out.result().isEmpty(),
                "take() 在队列空了以后会一直等下去；用 poll(200, TimeUnit.MILLISECONDS)，返回 null 就结束循环。").verdict();
    }

    /**
     * 练习 2: the learner's code starts one producer of {@code bones} bones and {@code consumers} consumers,
     * ends them with poison pills, joins them, and returns every bone eaten.
     */
    public static Verdict poisonPill(BiAnswer<Integer, Integer, List<String>> learnerCode) {
        int bones = 20;
        int consumers = 3;
        LearnerRun.Outcome<List<String>> out = LearnerRun.run(() -> learnerCode.apply(bones, consumers), 10_000, 2000, true);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= bones; i++) {
            expected.add("骨头" + i);
        }
        List<String> eaten = out.result() == null ? null : new ArrayList<>(out.result());
        if (eaten != null) {
            eaten.sort((a, b) -> Integer.compare(number(a), number(b)));
        }
        Exercise ex = Exercise.named("练习 2：毒丸让消费者结束")
                .expectEquals("吃掉的骨头（排序后）", expected, eaten,
                        "每根骨头只能被一个消费者吃一次；毒丸不算骨头，不要放进结果里。用线程安全的列表收集结果。");
        boolean ate = eaten != null && !eaten.isEmpty();
        LearnerRun.ended(ex, out, "生产者和消费者都结束了，代码返回了", ate,
                "每个消费者都要收到一颗毒丸：生产者放完骨头以后，再放 consumers 颗毒丸；然后 join 每个线程（带时间限制）。");
        String left = "没有留下还在运行的线程";
        return (ate ? ex.expect(left + (out.leftThreads().isEmpty() ? "" : "：" + LearnerRun.names(out.leftThreads())),
                        out.leftThreads().isEmpty(),
                        "返回之前 join 生产者和所有消费者；还活着的线程多半在 take() 里等一颗没来的毒丸。")
                : ex.notChecked(left, "还没有吃到骨头")).verdict();
    }

    private static int number(String bone) {
        try {
            return Integer.parseInt(bone.replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
