package course.quiz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;

import course.check.Exercise;
import course.cpu.InterleavingResult;
import course.cpu.Interleavings;

/**
 * A generated interleaving question: two or three threads each update one shared counter once, in several
 * instructions; predict every final value some interleaving can give.
 *
 * <p>交错题：两三个线程各对共享变量 count 做一次更新（加一个数、乘一个数，或者直接赋值），每个更新都是几条指令；
 * 预测所有交错可能得到的<b>全部</b>最终值。答案由 {@link Interleavings} 穷举得出。
 *
 * <p>Thread safety: immutable.
 */
public final class InterleavingQuestion extends Question {

    private final List<String> programs;
    private final SortedSet<Long> values;

    private InterleavingQuestion(long seed, List<String> programs, String text) {
        super(seed, text);
        this.programs = List.copyOf(programs);
        InterleavingResult r = Interleavings.of(Interleavings.COUNTER, programs.toArray(String[]::new));
        this.values = new TreeSet<>(r.values());
    }

    static InterleavingQuestion generate(long seed) {
        Random r = new Random(seed);
        int start = r.nextInt(3);
        int threads = r.nextInt(4) == 0 ? 3 : 2;
        List<String> programs = new ArrayList<>();
        StringBuilder sb = new StringBuilder("交错题（题号 " + seed + "）：count 一开始是 " + start + "，" + threads
                + " 个线程同时运行，各做一件事：\n");
        for (int t = 0; t < threads; t++) {
            int k = 2 + r.nextInt(3);
            int kind = r.nextInt(3);
            String java = switch (kind) {
                case 0 -> "count = count + " + k;
                case 1 -> "count = count * " + k;
                default -> "count = " + k;
            };
            String asm = switch (kind) {
                case 0 -> "LOAD  A, 2000\nADDI  A, A, " + k + "\nSTORE A, 2000\n";
                case 1 -> "LOAD  A, 2000\nSET   B, " + k + "\nMUL   A, A, B\nSTORE A, 2000\n";
                default -> "SET   A, " + k + "\nSTORE A, 2000\n";
            };
            programs.add("DATA 2000, " + start + "\n" + asm);
            sb.append("  T").append(t + 1).append("：").append(java).append("    （指令：")
                    .append(asm.strip().replace("\n", " / ")).append("）\n");
        }
        sb.append("每一步调度器挑一个线程执行它的下一条指令。问：count 最后可能是哪些值？把所有可能的值都写出来：q.check(…)");
        return new InterleavingQuestion(seed, programs, sb.toString());
    }

    /** Checks the predicted set of final values (order and repeats do not matter), without saying the right one. */
    public Exercise.Verdict check(long... answer) {
        Exercise e = Exercise.practice("交错题（题号 " + seed() + "）");
        if (answer.length == 0) {
            return e.expect("还没有作答", false, "把所有可能的最终值写进 q.check(…)，用逗号隔开").verdict();
        }
        TreeSet<Long> given = new TreeSet<>();
        Arrays.stream(answer).forEach(given::add);
        TreeSet<Long> impossible = new TreeSet<>(given);
        impossible.removeAll(values);
        boolean complete = given.containsAll(values);
        return e.expect("写的值都可能出现" + (impossible.isEmpty() ? "" : "（" + impossible + " 不可能）"),
                        impossible.isEmpty(), "每个最终值都来自某一种交错：找出让它出现的调度；找不到，就想想为什么不可能。")
                .expect("可能的值都写全了", complete,
                        "想想最极端的几种调度：一个线程全做完下一个才开始（每种先后顺序都试试），以及几个线程都先读、再各自写回（最后写的赢）。")
                .verdict();
    }

    long[] expected() {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** The answer: every possible final value, with one schedule for each. */
    @Override
    public String reveal() {
        InterleavingResult r = Interleavings.of(Interleavings.COUNTER, programs.toArray(String[]::new));
        return "答案（题号 " + seed() + "）：可能的最终值 " + values + "\n" + r;
    }
}
