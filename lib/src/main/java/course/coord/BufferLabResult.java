package course.coord;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import course.base.Args;
import course.base.Text;

/**
 * What a {@link BufferLab} run saw: how much went through the buffer, what went wrong, whether it got stuck.
 *
 * <p>缓冲区实验的结果：放进去、拿出来多少个；丢失、重复、{@code null} 或不认识的东西、顺序不对的各有多少
 * （每种最多举 3 个例子）；线程抛出的异常；是否卡住（卡住时每个线程在哪里等）；中断以后还没结束的线程。
 * 作为单元格最后一行时显示对齐的中文结果。
 *
 * <p>Thread-safety: immutable.
 *
 * @param buffer           the buffer's class name
 * @param producers        producer threads per round
 * @param consumers        consumer threads per round
 * @param capacity         the capacity of each buffer
 * @param itemsPerProducer items each producer puts per round
 * @param rounds           rounds planned
 * @param roundsRun        rounds run (the lab stops at the first that goes wrong)
 * @param produced         puts that returned
 * @param received         takes that returned (nulls and strangers included)
 * @param lost             items put and never taken (for a stuck round: beyond what the buffer could still hold)
 * @param duplicated       extra takes of an item already taken
 * @param nulls            takes that returned null
 * @param foreign          takes that returned something nobody put
 * @param reordered        items a consumer got after a later item of the same producer
 * @param examples         a few concrete cases of what went wrong
 * @param errors           what threads threw (or the buffer's constructor)
 * @param stall            how the lab found it stuck, or null
 * @param leftThreads      threads still alive after the interrupt
 * @param elapsed          time of the whole run
 */
public record BufferLabResult(String buffer, int producers, int consumers, int capacity, int itemsPerProducer,
                              int rounds, int roundsRun, long produced, long received, long lost, long duplicated,
                              long nulls, long foreign, long reordered, List<Example> examples, List<String> errors,
                              Stall stall, List<String> leftThreads, Duration elapsed) {

    /** A kind of wrong item. */
    public enum Wrong {
        /** take() returned null. 拿到了 null。 */
        NULL,
        /** take() returned something nobody put. 拿到了没有人放进去的东西。 */
        FOREIGN,
        /** An item was taken more than once. 同一个东西被拿到了两次。 */
        DUPLICATE,
        /** A consumer got an item after a later one of the same producer. 顺序不对。 */
        REORDERED,
        /** An item was put and never taken. 丢失。 */
        LOST
    }

    /** One concrete case of a wrong item, in Chinese. */
    public record Example(Wrong kind, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * How the lab found a round stuck.
     *
     * @param round   the round (from 1)
     * @param kind    why the lab stopped it
     * @param after   how long every thread waited without progress (or the time limit)
     * @param threads  each live thread: name, state and what it waited on
     * @param snapshot where every thread of the round was at that moment, the buffer watched as a monitor
     *                 (draw it with {@code CoordCharts.rooms})
     */
    public record Stall(int round, Kind kind, Duration after, List<String> threads, WaitSnapshot snapshot) {
        /** Why a round was stopped. */
        public enum Kind {
            /** Every live thread waited and nothing moved: nobody is left to wake them. 所有线程都在等，没有人叫醒它们。 */
            ALL_WAITING,
            /** The time limit passed while some thread still ran or waited for a lock. 超过了时间限制。 */
            TIMEOUT,
            /** The thread running the lab was interrupted. 实验被中断了。 */
            INTERRUPTED
        }

        public Stall {
            Args.notNull("kind", kind);
            threads = List.copyOf(threads);
            Args.notNull("snapshot", snapshot);
        }

        /** One Chinese sentence saying what happened. */
        public String describe() {
            return switch (kind) {
                case ALL_WAITING -> String.format(Locale.ROOT,
                        "第 %d 轮卡住了：所有还活着的线程都在等待，%d ms 里没有任何进展（没有人会叫醒它们）", round, after.toMillis());
                case TIMEOUT -> String.format(Locale.ROOT, "第 %d 轮超过了时间限制 %.1f s 还没做完", round, after.toNanos() / 1e9);
                case INTERRUPTED -> "第 " + round + " 轮被中断了";
            };
        }
    }

    public BufferLabResult {
        Args.notNull("buffer", buffer);
        examples = List.copyOf(examples);
        errors = List.copyOf(errors);
        leftThreads = List.copyOf(leftThreads);
        Args.notNull("elapsed", elapsed);
    }

    /** The examples of the given kinds, in the order found. */
    public List<String> examples(Wrong... kinds) {
        List<Wrong> wanted = List.of(kinds);
        return examples.stream().filter(e -> wanted.contains(e.kind())).map(Example::text).toList();
    }

    /** Whether every round ran and nothing went wrong. */
    public boolean ok() {
        return roundsRun == rounds && stall == null && errors.isEmpty() && leftThreads.isEmpty() && wrongItems() == 0
                && lost == 0;
    }

    /** Nulls, strangers, duplicates and reorderings together. */
    public long wrongItems() {
        return nulls + foreign + duplicated + reordered;
    }

    /** Items that went through correctly: taken once, in order, known. */
    public long goodItems() {
        return Math.max(0, received - wrongItems());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "== 缓冲区实验：%s（容量 %d，%d 个生产者 × %d 个，%d 个消费者，%d 轮）==%n",
                buffer, capacity, producers, itemsPerProducer, consumers, rounds));
        row(sb, "完成的轮数", roundsRun + " / " + rounds);
        row(sb, "放进去 / 拿出来", produced + " / " + received);
        row(sb, "丢失", String.valueOf(lost));
        row(sb, "重复", String.valueOf(duplicated));
        row(sb, "null 或不认识的", String.valueOf(nulls + foreign));
        row(sb, "顺序不对", String.valueOf(reordered));
        row(sb, "卡住", stall == null ? "没有" : stall.describe());
        if (stall != null) {
            stall.threads().forEach(t -> sb.append("      ").append(t).append('\n'));
        }
        errors.stream().limit(5).forEach(e -> row(sb, "异常", e));
        examples.forEach(e -> row(sb, "例如", e.text()));
        if (!leftThreads.isEmpty()) {
            row(sb, "没有结束的线程", String.join(", ", leftThreads) + "（守护线程，不响应中断）");
        }
        row(sb, "用时", String.format(Locale.ROOT, "%.2f s", elapsed.toNanos() / 1e9));
        sb.append(ok() ? "  结论：✔ 没有丢失、没有重复、每个生产者的东西按顺序出来，也没有卡住"
                : "  结论：✘ 这个缓冲区有问题（见上面）");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, String value) {
        sb.append("  ").append(Text.padRight(label, 18)).append(value).append('\n');
    }
}
