package course.exercises;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import course.check.Answer;
import course.check.ConceptCheck;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.coord.Buffer;
import course.coord.BufferLab;
import course.coord.BufferLabResult;
import course.coord.BufferLabResult.Stall;
import course.coord.BufferLabResult.Wrong;

/**
 * Checks for the exercise of notebook 10 (线程协作): the learner's bounded buffer.
 *
 * <p>笔记本 10 的练习检查：学习者补全的有界缓冲区。先用一个线程检查容量（放满之前不等，满了才等，
 * 拿走一个以后等着的 put 才放进去）；再用 {@link BufferLab} 做压力测试：容量 1，{@value #PRODUCERS} 个生产者、
 * {@value #CONSUMERS} 个消费者（消费者比生产者多，最容易暴露 {@code if} 和 {@code notify()} 的错误），
 * {@value #ROUNDS} 轮；通过以后再用容量 {@value #CAPACITY}、3 个生产者和 4 个消费者跑几轮。
 * 检查有时间限制：卡住的线程会被中断，中断后还不结束的线程按名字报告。
 *
 * <p>Thread-safety: call the check from the cell's thread; it starts the producers and consumers itself and
 * waits for them under a time limit, interrupts them when it ends and names any that still run.
 */
public final class Ex10 {

    /** Capacity of the buffer in the single-thread check and the second stress run. */
    public static final int CAPACITY = 4;
    /** Producers of the first stress run. */
    public static final int PRODUCERS = 2;
    /** Consumers of the first stress run. */
    public static final int CONSUMERS = 6;
    /** Rounds of the first stress run. */
    public static final int ROUNDS = 8;

    private Ex10() {
    }

    /**
     * 练习: {@code learnerCode} makes a new, empty buffer of the capacity it is given
     * ({@code capacity -> new MyBuffer<>(capacity)}).
     */
    public static Verdict boundedBuffer(Answer<Integer, Buffer<Object>> learnerCode) {
        Exercise ex = Exercise.named("练习：有界缓冲区");
        LearnerRun.Outcome<String> single = LearnerRun.run(() -> capacityProblem(learnerCode), 6000, 1000, true);
        String singleProblem = single.ok() ? single.result() : single.problem();
        ex.expect("容量 " + CAPACITY + "：一个线程放满 " + CAPACITY + " 个不用等，第 " + (CAPACITY + 1)
                        + " 个要等，拿走一个以后它才放进去，拿出来的顺序和放进去的一样"
                        + (singleProblem == null ? "" : "：" + singleProblem),
                singleProblem == null,
                "缓冲区满了，put 就 wait()；take 拿走一个以后，要叫醒在等空位的 put。");

        BufferLabResult first = BufferLab.of(capacity -> learnerCode.apply(capacity))
                .producers(PRODUCERS).consumers(CONSUMERS).capacity(1).items(300).rounds(ROUNDS)
                .timeout(Duration.ofSeconds(6)).progress(System.out::println).run();
        List<BufferLabResult> runs = new ArrayList<>(List.of(first));
        if (first.ok()) {
            runs.add(BufferLab.of(capacity -> learnerCode.apply(capacity))
                    .producers(3).consumers(4).capacity(CAPACITY).items(200).rounds(4)
                    .timeout(Duration.ofSeconds(6)).progress(System.out::println).run());
        }
        BufferLabResult bad = runs.stream().filter(r -> !r.ok()).findFirst().orElse(runs.get(runs.size() - 1));
        String scenario = runs.stream()
                .map(r -> String.format(Locale.ROOT, "容量 %d、%d 个生产者、%d 个消费者、%d/%d 轮", r.capacity(),
                        r.producers(), r.consumers(), r.roundsRun(), r.rounds()))
                .reduce((a, b) -> a + "；" + b).orElseThrow();
        ex.expect("压力测试（" + scenario + "）：take() 只拿到放进去的东西，每个只拿到一次"
                        + detail(bad.nulls() + bad.foreign() + bad.duplicated(),
                                bad.examples(Wrong.NULL, Wrong.FOREIGN, Wrong.DUPLICATE)),
                bad.goodItems() > 0 && bad.nulls() + bad.foreign() + bad.duplicated() == 0,
                "wait() 醒来的时候，条件不一定成立：可能别的消费者先把东西拿走了，也可能是虚假唤醒（spurious wake-up）。"
                        + "所以要用 while (count == 0) wait(); 醒来以后再检查一次，而不是 if。");
        if (bad.goodItems() > 0) {
            Stall stall = bad.stall();
            ex.expect("没有卡住" + (stall == null ? "" : "：" + stall.describe() + "，例如 " + String.join("；",
                                    stall.threads().subList(0, Math.min(3, stall.threads().size())))),
                    stall == null,
                    stall != null && stall.kind() == Stall.Kind.ALL_WAITING
                            ? "生产者和消费者在同一个对象上 wait()：notify() 只叫醒一个，可能叫醒的是同一类的线程"
                            + "（消费者叫醒了消费者），它发现条件不成立又去睡了，谁也没有叫醒真正能干活的线程。用 notifyAll()。"
                            : "有线程一直没有结束：是不是在 synchronized 里忙等（while 循环里没有 wait()）？");
            ex.expect("放进去的每一个都被拿走了（没有丢失）"
                            + detail(bad.lost(), bad.examples(Wrong.LOST)),
                    bad.lost() == 0,
                    "put 要放在 items[putIndex]，然后 putIndex 往前走一格，到末尾回到 0（环形数组）；count 加 1。"
                            + "满的时候不要覆盖还没有被拿走的东西。");
            ex.expect("先进先出：每个消费者拿到同一个生产者的东西，顺序和放进去的一样"
                            + detail(bad.reordered(), bad.examples(Wrong.REORDERED)),
                    bad.reordered() == 0,
                    "take 要拿 items[takeIndex]（最早放进去的那个），然后 takeIndex 往前走一格，到末尾回到 0。");
        }
        if (!bad.errors().isEmpty()) {
            boolean monitor = bad.errors().stream().anyMatch(e -> e.contains("IllegalMonitorStateException"));
            ex.expect("没有抛出异常：" + String.join("；", bad.errors().subList(0, Math.min(3, bad.errors().size()))), false,
                    monitor ? "wait() 和 notifyAll() 只能在持有这个对象的锁的时候调用：把方法写成 synchronized。"
                            : "看看异常是在哪里抛出的；数组下标要在 0 到 items.length - 1 之间。");
        }
        List<String> left = new ArrayList<>(bad.leftThreads());
        single.leftThreads().forEach(t -> left.add(t.getName()));
        if (!left.isEmpty()) {
            ex.expect("中断以后所有线程都结束了：还在运行的是 " + left, false,
                    "不要把 InterruptedException 吞掉再接着等：让它从 put/take 抛出去（方法上写 throws InterruptedException）。"
                            + "如果线程在忙等，它会一直占着 CPU：改好以后重启内核（Kernel → Restart）。");
        }
        return ex.verdict();
    }

    /** {@code "：N 次，例如 …"}, or "" when {@code count} is 0. */
    private static String detail(long count, List<String> examples) {
        return count == 0 ? "" : "：" + count + " 次" + (examples.isEmpty() ? "" : "，例如 " + examples.get(0));
    }

    /**
     * The single-thread capacity check: null when it passed, else what went wrong (in Chinese). Runs under
     * {@link LearnerRun}'s time limit, so a take that never returns only ends this check.
     */
    static String capacityProblem(Answer<Integer, Buffer<Object>> learnerCode) throws Exception {
        Buffer<Object> buffer = learnerCode.apply(CAPACITY);
        if (buffer == null) {
            return "新建缓冲区的代码返回了 null";
        }
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread putter = new Thread(() -> {
            try {
                for (int i = 1; i <= CAPACITY + 1; i++) {
                    buffer.put("第" + i + "个");
                    done.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                error.set(e);
            }
        }, "练习-放东西的线程");
        putter.setDaemon(true);
        putter.start();
        try {
            boolean settled = waitUntilSettled(putter, done);
            if (error.get() != null) {
                return "put 抛出了 " + error.get();
            }
            if (!putter.isAlive()) {
                return "缓冲区满了（容量 " + CAPACITY + "），第 " + (CAPACITY + 1) + " 个 put 也没有等，直接返回了";
            }
            if (!settled) {
                return "第 " + (done.get() + 1) + " 个 put 2 秒还没有返回，也没有停下来等（在忙等？）";
            }
            if (done.get() < CAPACITY) {
                return "只放了 " + done.get() + " 个，put 就开始等了；容量是 " + CAPACITY + "，放满之前不用等";
            }
            List<Object> got = new ArrayList<>();
            got.add(buffer.take());
            putter.join(2000);
            if (putter.isAlive()) {
                return "拿走一个以后，第 " + (CAPACITY + 1) + " 个 put 2 秒还在等：take() 拿走东西以后要叫醒等空位的线程";
            }
            for (int i = 0; i < CAPACITY; i++) {
                got.add(buffer.take());
            }
            List<Object> order = new ArrayList<>();
            for (int i = 1; i <= CAPACITY + 1; i++) {
                order.add("第" + i + "个");
            }
            return got.equals(order) ? null : "放进去的顺序是 第1个…第" + (CAPACITY + 1) + "个，5 次 take() 拿到的是 " + got;
        } finally {
            putter.interrupt();
        }
    }

    /**
     * Waits (at most 2 s) until {@code putter} ended or has stayed stopped, with the same number of puts
     * done, for 200 ms: a thread is briefly BLOCKED or WAITING in the JVM's own code too (class loading,
     * thread exit), which is not the put waiting. Returns whether it stayed stopped.
     */
    private static boolean waitUntilSettled(Thread putter, AtomicInteger done) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        long stoppedSince = 0;
        int doneWhenStopped = -1;
        while (putter.isAlive() && System.nanoTime() < deadline) {
            if (!stopped(putter) || done.get() != doneWhenStopped) {
                stoppedSince = System.nanoTime();
                doneWhenStopped = stopped(putter) ? done.get() : -1;
            } else if (System.nanoTime() - stoppedSince > 200_000_000L) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    /** Whether {@code t} stopped to wait (in wait()/await()/park, or queued for a monitor). */
    private static boolean stopped(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED;
    }

    /** 概念 1: why wait() is called in a while loop, not in an if. */
    public static Verdict concept1(Object answer) {
        return ConceptCheck.choice("概念 1：为什么是 while，不是 if", answer).options("ABCD").correct("B")
                .hint("A", "wait() 会放开锁：第 1 小节 King 在 wait() 里等着的时候，主线程才进得了 put。")
                .hint("C", "notifyAll() 叫醒所有在等的线程；只叫醒一个的是 notify()。")
                .hint("D", "情况一里只有 Wang 一个人在等，用 if 的他照样拿到了 null。")
                .hint("回到第 2 小节：从 wait() 醒来的时候，盘子上一定有骨头吗？看情况一和情况二。")
                .verdict();
    }

    /** 概念 2: why signal() is enough with two conditions, where notify() on one object got stuck. */
    public static Verdict concept2(Object answer) {
        return ConceptCheck.choice("概念 2：notify() 会卡住，signal() 为什么不会", answer).options("ABCD").correct("B")
                .hint("A", "快慢不是问题：NotifyPlate 卡住，是因为被叫醒的线程不对。")
                .hint("C", "第 4 小节说了：await() 照样写在 while 里，虚假唤醒一样会发生。")
                .hint("D", "看第 4 小节的对照表：signal() 对应的是 notify()，不是 notifyAll()。")
                .hint("回到第 3、4 小节：NotifyPlate 里，生产者和消费者在几个等待室里等？BoundedBuffer 里呢？")
                .verdict();
    }
}
