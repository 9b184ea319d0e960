package course.exercises;

import java.util.List;

import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.cpu.Cpu;
import course.cpu.CpuFault;
import course.cpu.CpuStep;
import course.cpu.Opcode;
import course.cpu.Program;

/**
 * Checks for the exercises of notebook 02 (CPU执行程序的原理).
 *
 * <p>笔记本 02 的练习检查：自己写一个带循环的程序；预测一个程序要走多少步。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex02 {

    /** The program of 练习 2: counts A down from 3 to 0. */
    public static final String COUNTDOWN = """
            SET  A, 3        # A = 3
            loop: ADDI A, A, -1   # A = A - 1
            JNZ  A, loop     # A 不是 0 就跳回 loop
            HALT
            """;

    private Ex02() {
    }

    /**
     * 练习 1: the learner's program reads n from address 2000, computes 1 + 2 + … + n with a loop and stores
     * it at 2008. The check runs it for n = 10 and n = 5.
     */
    public static Verdict sumLoop(String program) {
        Exercise e = Exercise.named("练习 1：用循环算 1 + 2 + … + n");
        Program p;
        try {
            p = Program.parse(program);
        } catch (CpuFault f) {
            return e.expect("程序能汇编", false, f.getMessage()).verdict();
        }
        boolean jumps = p.instructions().stream().anyMatch(i -> i.opcode() == Opcode.JMP
                || i.opcode() == Opcode.JZ || i.opcode() == Opcode.JNZ);
        e.expect("用了跳转指令（JMP / JZ / JNZ）做循环", jumps, "循环 = 做完一遍以后跳回前面；用 JNZ 计数器, 标签。");
        for (int n : new int[]{10, 5}) {
            long want = (long) n * (n + 1) / 2;
            try {
                Cpu cpu = Cpu.load(p).poke(2000, n).stepLimit(3000);
                cpu.run();
                e.expectEquals("n = " + n + " 时内存[2008]", want, cpu.peek(2008),
                        "n 要从内存地址 2000 读（LOAD），结果写到 2008（STORE）；检查会把 2000 改成 10 和 5 各跑一次。");
            } catch (CpuFault f) {
                e.expect("n = " + n + " 时程序能停下", false, f.getMessage());
            }
        }
        return e.verdict();
    }

    /** 练习 2: the learner's prediction of how many steps (rows of the step table) {@link #COUNTDOWN} takes. */
    public static Verdict countdownSteps(int predicted) {
        List<CpuStep> trace = Cpu.load(COUNTDOWN).run();
        return Exercise.named("练习 2：预测步数")
                .expectAnswer("步骤表的行数", trace.size(), predicted,
                        "先数一共执行了多少条指令：SET 1 条，循环体（ADDI + JNZ）执行几遍？最后还有 HALT。"
                                + "每条指令 3 步：取指、译码、执行。")
                .verdict();
    }
}
