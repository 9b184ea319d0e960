package course.quiz;

import java.util.List;
import java.util.Random;

import course.check.Exercise;
import course.cpu.Cpu;
import course.cpu.CpuStep;

/**
 * A generated CPU trace question: a small program on the simulated CPU; predict a memory word when it ends and
 * the number of steps it takes.
 *
 * <p>CPU 题：一段小程序（第 2 节的模拟 CPU），预测它结束时内存[2008] 的值，以及一共执行了多少步
 * （取指、译码、执行各算一步）。答案由 {@link Cpu} 运行得出。
 *
 * <p>Thread safety: immutable.
 */
public final class TraceQuestion extends Question {

    /** The address whose final value is asked for. */
    public static final int RESULT = 2008;

    private final String program;
    private final long value;
    private final int steps;

    private TraceQuestion(long seed, String program, String text) {
        super(seed, text);
        this.program = program;
        Cpu cpu = Cpu.load(program);
        List<CpuStep> trace = cpu.run();
        this.value = cpu.peek(RESULT);
        this.steps = trace.size();
    }

    static TraceQuestion generate(long seed) {
        Random r = new Random(seed);
        String program = r.nextBoolean() ? loop(r) : branch(r);
        return new TraceQuestion(seed, program, "CPU 题（题号 " + seed + "）：下面的程序在第 2 节的模拟 CPU 上运行到结束。\n\n"
                + program + "\n问：结束时内存[" + RESULT + "] 是多少？一共执行了多少步（取指、译码、执行各算一步）？"
                + "写成 q.check(内存[" + RESULT + "] 的值, 步数)");
    }

    private static String loop(Random r) {
        int x = 2 + r.nextInt(4);
        int n = 2 + r.nextInt(4);
        int kind = r.nextInt(3);
        String body = switch (kind) {
            case 0 -> "ADD   C, C, A     # C = C + A";
            case 1 -> "MUL   C, C, A     # C = C × A";
            default -> "ADDI  C, C, " + (1 + r.nextInt(5)) + "     # C = C + 常数";
        };
        int c0 = kind == 1 ? 1 + r.nextInt(2) : r.nextInt(4);
        return """
                DATA 2000, %d
                DATA 2004, %d
                      LOAD  A, 2000
                      LOAD  B, 2004     # B：还要转几圈
                      SET   C, %d
                loop: %s
                      ADDI  B, B, -1
                      JNZ   B, loop     # B 不是 0 就回到 loop
                      STORE C, 2008
                      HALT
                """.formatted(x, n, c0, body);
    }

    private static String branch(Random r) {
        int x = 1 + r.nextInt(6);
        int y = r.nextInt(3) == 0 ? x : 1 + r.nextInt(6);
        int k = 1 + r.nextInt(9);
        return """
                DATA 2000, %d
                DATA 2004, %d
                      LOAD  A, 2000
                      LOAD  B, 2004
                      SUB   C, A, B     # C = A − B
                      JZ    C, same     # C 是 0 就跳到 same
                      ADDI  C, C, %d
                same: STORE C, 2008
                      HALT
                """.formatted(x, y, k);
    }

    /** Checks the predicted final value of memory[2008] and number of steps, without saying the right ones. */
    public Exercise.Verdict check(long... answer) {
        Exercise e = Exercise.practice("CPU 题（题号 " + seed() + "）");
        if (answer.length != 2) {
            return e.expect(answer.length == 0 ? "还没有作答" : "两个数（你写了 " + answer.length + " 个）", false,
                    "写两个数：q.check(内存[2008] 的值, 步数)").verdict();
        }
        return e.expect("内存[2008] 的最终值（你写的是 " + answer[0] + "）", answer[0] == value,
                        "一条一条地执行，在纸上记下 A、B、C 每一步之后的值；循环每转一圈 B 减 1。")
                .expect("步数（你写的是 " + answer[1] + "）", answer[1] == steps,
                        "步数 = 3 × 执行过的指令条数：循环里的指令每转一圈都算一次，没跳过去的指令不算，HALT 也算一条。")
                .verdict();
    }

    /** The answer and how it comes about. */
    @Override
    public String reveal() {
        return "答案（题号 " + seed() + "）：内存[2008] = " + value + "，一共 " + steps + " 步 = " + steps / 3
                + " 条指令 × 3 个阶段。用 Cpu.load(q.program()).run() 可以看到每一步。";
    }

    long[] expected() {
        return new long[]{value, steps};
    }

    /** The program text. */
    public String program() {
        return program;
    }
}
