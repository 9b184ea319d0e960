package course.cpu;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One possible final value of the watched memory word, how many interleavings give it, and one of them.
 *
 * <p>一种可能的最终结果：共享变量的最终值 {@code value}，有多少种交错顺序（interleaving）得到它，
 * 以及其中一种调度 {@code example}（每一项是执行一整条指令的线程编号，从 0 开始）。
 *
 * @param value   final value of the watched address
 * @param count   number of interleavings ending with this value
 * @param example one schedule giving it: 0-based thread per instruction
 */
public record InterleavingOutcome(long value, long count, List<Integer> example) {

    public InterleavingOutcome {
        example = List.copyOf(example);
    }

    /** The example schedule as learners read it: {@code T1 T1 T2 …}. */
    public String exampleText() {
        return example.stream().map(t -> "T" + (t + 1)).collect(Collectors.joining(" "));
    }

    /** The example as an int array for {@link Cpu#run(int...)}. */
    public int[] schedule() {
        return example.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return String.format("最终值 %-4d %8d 种交错  例如 %s", value, count, exampleText());
    }
}
