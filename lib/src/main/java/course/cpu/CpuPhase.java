package course.cpu;

/**
 * One of the three phases of executing an instruction.
 *
 * <p>执行一条指令分三步：取指（fetch：按 PC 从内存取出指令放进 IR）、译码（decode：弄清楚指令要做什么）、
 * 执行（execute：真正去读内存、计算、写内存或跳转，并让 PC 指向下一条指令）。
 */
public enum CpuPhase {
    FETCH("取指"), DECODE("译码"), EXECUTE("执行");

    private final String chinese;

    CpuPhase(String chinese) {
        this.chinese = chinese;
    }

    /** The Chinese name: 取指, 译码, 执行. */
    public String chinese() {
        return chinese;
    }
}
