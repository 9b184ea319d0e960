package course.cpu;

import java.util.Locale;

/**
 * One assembled instruction: where it lives, where it came from, what it does.
 *
 * <p>一条已经汇编好的指令：它在内存里的地址、源程序第几行、原文，以及操作码和操作数。
 *
 * <p>Thread-safety: immutable.
 *
 * @param address where it is stored (the PC value that fetches it)
 * @param line    1-based line of the program text
 * @param source  the line as written, without comment and label
 * @param opcode  the operation
 * @param r1      first register operand, or null
 * @param r2      second register operand, or null
 * @param r3      third register operand, or null
 * @param number  the data address, constant or jump target, or 0
 */
public record Instruction(int address, int line, String source, Opcode opcode,
                          Register r1, Register r2, Register r3, long number) {

    /** The instruction in canonical form, e.g. {@code LOAD A, 2000}. */
    public String text() {
        return switch (opcode.kind) {
            case REG_ADDR, REG_IMM, REG_TARGET -> opcode + " " + r1 + ", " + number;
            case REG_REG_REG -> opcode + " " + r1 + ", " + r2 + ", " + r3;
            case REG_REG_IMM -> opcode + " " + r1 + ", " + r2 + ", " + number;
            case TARGET, ADDR -> opcode + " " + number;
            case REG_REG_ADDR -> opcode + " " + r1 + ", " + r2 + ", " + number;
            case NONE -> opcode.name();
        };
    }

    /** The data address this instruction reads or writes (LOAD, STORE, LOCK, UNLOCK, CAS), or -1. */
    public int memoryAddress() {
        return switch (opcode.kind) {
            case REG_ADDR, ADDR, REG_REG_ADDR -> (int) number;
            default -> -1;
        };
    }

    /** Whether this is a jump whose target is at or before itself: the program can loop. */
    public boolean jumpsBack() {
        return (opcode.kind == Opcode.Kind.TARGET || opcode.kind == Opcode.Kind.REG_TARGET) && number <= address;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%5d: %-18s (第 %d 行)", address, text(), line);
    }
}
