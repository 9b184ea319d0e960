package course.cpu;

/**
 * The instructions the simulated CPU understands.
 *
 * <p>模拟 CPU 认识的指令。{@link #form()} 是写法，{@link #meaning()} 是中文解释。{@link #LOCK}、{@link #UNLOCK}
 * 和 {@link #CAS} 是同步指令：锁就是内存里的一个字，0 表示空着，1、2、… 表示被线程 T1、T2、… 拿着。
 */
public enum Opcode {
    LOAD("LOAD 寄存器, 地址", "把内存地址里的数据读进寄存器", Kind.REG_ADDR),
    STORE("STORE 寄存器, 地址", "把寄存器里的数据写到内存地址", Kind.REG_ADDR),
    SET("SET 寄存器, 常数", "把一个常数放进寄存器", Kind.REG_IMM),
    ADD("ADD 目标, 寄存器, 寄存器", "ALU 做加法，结果放进目标寄存器", Kind.REG_REG_REG),
    SUB("SUB 目标, 寄存器, 寄存器", "ALU 做减法（第二个减第三个），结果放进目标寄存器", Kind.REG_REG_REG),
    MUL("MUL 目标, 寄存器, 寄存器", "ALU 做乘法，结果放进目标寄存器", Kind.REG_REG_REG),
    ADDI("ADDI 目标, 寄存器, 常数", "ALU 把寄存器和常数相加，结果放进目标寄存器", Kind.REG_REG_IMM),
    JMP("JMP 目标地址或标签", "跳转：把 PC 改成目标地址", Kind.TARGET),
    JZ("JZ 寄存器, 目标地址或标签", "条件跳转：寄存器等于 0 时跳转，否则顺序执行", Kind.REG_TARGET),
    JNZ("JNZ 寄存器, 目标地址或标签", "条件跳转：寄存器不等于 0 时跳转，否则顺序执行", Kind.REG_TARGET),
    LOCK("LOCK 地址", "加锁：地址里的字是 0（锁空着）就写上自己的线程号，拿到锁；不是 0 就等着（线程被阻塞）",
            Kind.ADDR),
    UNLOCK("UNLOCK 地址", "解锁：把自己拿着的锁（地址里的字）写回 0；没拿着这把锁就是程序错误", Kind.ADDR),
    CAS("CAS 期望, 新值, 地址", "比较并交换（compare-and-swap），一步完成：内存里的值等于期望寄存器时写入新值寄存器，"
            + "期望寄存器变成 1（成功），否则什么都不写，期望寄存器变成 0（失败）", Kind.REG_REG_ADDR),
    HALT("HALT", "停机：程序结束", Kind.NONE);

    /** The operand pattern of an opcode. */
    enum Kind {
        REG_ADDR(2), REG_IMM(2), REG_REG_REG(3), REG_REG_IMM(3), TARGET(1), REG_TARGET(2), ADDR(1), REG_REG_ADDR(3),
        NONE(0);

        final int operands;

        Kind(int operands) {
            this.operands = operands;
        }
    }

    private final String form;
    private final String meaning;
    final Kind kind;

    Opcode(String form, String meaning, Kind kind) {
        this.form = form;
        this.meaning = meaning;
        this.kind = kind;
    }

    /** How to write it, e.g. {@code LOAD 寄存器, 地址}. */
    public String form() {
        return form;
    }

    /** What it does, in Chinese. */
    public String meaning() {
        return meaning;
    }

    /** Number of operands. */
    public int operandCount() {
        return kind.operands;
    }

    static Opcode named(String name) {
        for (Opcode o : values()) {
            if (o.name().equalsIgnoreCase(name)) {
                return o;
            }
        }
        return null;
    }
}
