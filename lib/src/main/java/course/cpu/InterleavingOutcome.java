package course.cpu;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One way the threads can end: all finished with some final value of the watched word, deadlocked, or able to loop
 * for ever; how many interleavings end so, and one of them.
 *
 * <p>一种可能的结局：所有线程都结束、共享变量的最终值是 {@code value}；或者<b>死锁</b>（没结束的线程都在等锁）；
 * 或者<b>永远转圈</b>（有的调度能让线程一直重复同样的状态，例如一直在等一个标志）。{@code count} 是有多少种交错顺序
 * （interleaving）得到它（永远转圈时交错有无穷多种，记作 -1），{@code example} 是其中一种调度（每一项是执行一整条
 * 指令的线程编号，从 0 开始）。
 *
 * @param kind    finished, deadlock or endless
 * @param words   the watched addresses' values at the end (for a deadlock: when it happened), in the order watched
 * @param count   number of interleavings ending so, or -1 when there are infinitely many
 * @param example one schedule giving it: 0-based thread per instruction (for endless: up to one full round of the loop)
 */
public record InterleavingOutcome(Kind kind, List<Long> words, long count, List<Integer> example) {

    /** How the threads end. */
    public enum Kind {
        FINISHED("结束"), DEADLOCK("死锁"), ENDLESS("永远转圈");

        private final String chinese;

        Kind(String chinese) {
            this.chinese = chinese;
        }

        /** The Chinese name. */
        public String chinese() {
            return chinese;
        }
    }

    public InterleavingOutcome {
        words = List.copyOf(words);
        example = List.copyOf(example);
    }

    /** The first watched address's value (the only one when one address is watched). */
    public long value() {
        return words.get(0);
    }

    /** The watched values as learners read them: {@code 2}, or {@code (0, 1)} for several addresses. */
    public String valueText() {
        return words.size() == 1 ? String.valueOf(value())
                : words.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Whether the threads end deadlocked. */
    public boolean deadlock() {
        return kind == Kind.DEADLOCK;
    }

    /** The example schedule as learners read it: {@code T1 T1 T2 …}. */
    public String exampleText() {
        return example.stream().map(t -> "T" + (t + 1)).collect(Collectors.joining(" "));
    }

    /** The example as an int array for {@link Cpu#run(int...)}. */
    public int[] schedule() {
        return example.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The count as text: a number, or 无穷多. */
    public String countText() {
        return count < 0 ? "无穷多" : String.format(Locale.ROOT, "%,d", count);
    }

    /** What happened, e.g. {@code 最终值 2} or {@code 死锁（值 0）}. */
    public String label() {
        return switch (kind) {
            case FINISHED -> "最终值 " + valueText();
            case DEADLOCK -> "死锁（此时值 " + valueText() + "）";
            case ENDLESS -> "永远转圈（值 " + valueText() + "）";
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-12s %12s 种交错  例如 %s", label(), countText(), exampleText());
    }
}
