package course.cpu;

/**
 * The Chinese sentence that says what an executed instruction did, for step records.
 *
 * <p>执行阶段的中文说明：读了什么、算出什么、写了哪里、跳到哪里、拿到或放下了哪把锁。
 *
 * <p>Thread-safety: stateless.
 */
final class CpuNotes {

    private CpuNotes() {
    }

    /** What {@code e} did, read from the registers of {@code c} after it. */
    static String describe(ThreadContext.Effect e, ThreadContext c) {
        Instruction i = e.instruction();
        int pc = c.pc();
        return switch (i.opcode()) {
            case LOAD -> "内存[" + i.number() + "] = " + e.read() + " 读进寄存器 " + i.r1() + "；PC → " + pc;
            case STORE -> "寄存器 " + i.r1() + " = " + c.register(i.r1()) + " 写到内存[" + i.number() + "]；PC → " + pc;
            case SET -> i.r1() + " ← " + i.number() + "；PC → " + pc;
            case ADD, SUB, MUL, ADDI -> "ALU 算出 " + i.r1() + " = " + c.register(i.r1()) + "；PC → " + pc;
            case JMP -> "跳转：PC → " + pc;
            case JZ, JNZ -> (pc == i.number() && pc != e.before() + Program.WORD ? "条件成立，跳转" : "条件不成立，不跳")
                    + "：" + i.r1() + " = " + c.register(i.r1()) + "；PC → " + pc;
            case LOCK -> c.name() + " 拿到了锁 " + i.number() + "（内存[" + i.number() + "] ← " + c.lockValue()
                    + "）；PC → " + pc;
            case UNLOCK -> c.name() + " 放开了锁 " + i.number() + "（内存[" + i.number() + "] ← 0）；PC → " + pc;
            case CAS -> e.written() >= 0
                    ? "CAS 成功：内存[" + i.number() + "] 等于期望值 " + e.read() + "，写入 " + i.r2() + " = "
                    + c.register(i.r2()) + "，" + i.r1() + " ← 1；PC → " + pc
                    : "CAS 失败：内存[" + i.number() + "] = " + e.read() + "，不等于期望值，什么都没写，" + i.r1()
                    + " ← 0；PC → " + pc;
            case HALT -> "停机，程序结束";
        };
    }
}
