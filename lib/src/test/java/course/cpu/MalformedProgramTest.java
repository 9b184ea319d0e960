package course.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each malformed program fails with a Chinese message naming its line and text. */
class MalformedProgramTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # description                    | program (\\n = new line)                   | line | message contains
            unknown instruction              | LOD A, 2000                               | 1 | 不认识的指令 "LOD"
            unknown instruction line 2       | LOAD A, 2000\\nMOVE B, A                  | 2 | 不认识的指令 "MOVE"
            Python-style statement           | count = count + 1                         | 1 | 不认识的指令 "count"
            bad register E                   | LOAD E, 2000                              | 1 | "E" 不是寄存器
            register and address swapped     | LOAD 2000, A                              | 1 | "2000" 不是寄存器
            number where register expected   | ADD C, A, 5                               | 1 | "5" 不是寄存器
            bad target register              | MUL X, A, B                               | 1 | "X" 不是寄存器
            missing operand                  | LOAD A                                    | 1 | 需要 2 个操作数
            no operands                      | STORE                                     | 1 | 一个也没有
            empty operand after comma        | LOAD A,                                   | 1 | 第 2 个操作数是空的
            ADD missing operand              | ADD C, A                                  | 1 | ADD 需要 3 个操作数
            too many operands                | LOAD A, 2000, 3                           | 1 | 这里有 3 个
            HALT with operand                | HALT A                                    | 1 | HALT 需要 0 个操作数
            missing comma                    | LOAD A 2000                               | 1 | 要用逗号隔开
            address not a number             | LOAD A, abc                               | 1 | "abc" 不是LOAD 的地址
            address out of range             | LOAD A, 99999                             | 1 | 超出了内存范围
            address just past memory         | STORE A, 4096                             | 1 | 超出了内存范围
            negative address                 | LOAD A, -4                                | 1 | 超出了内存范围
            misaligned address               | LOAD A, 2001                              | 1 | 不是 4 的倍数
            store into code                  | LOAD A, 2000\\nSTORE A, 100               | 2 | 存放的是程序的指令
            load from code                   | HALT\\nLOAD A, 104                        | 2 | 存放的是程序的指令
            jump outside program             | SET A, 1\\nJMP 500                        | 2 | 跳转目标 500 不在程序里
            jump before program              | JMP 96                                    | 1 | 跳转目标 96 不在程序里
            jump into middle of instruction  | SET A, 1\\nJMP 102                        | 2 | 不是一条指令的开头
            unknown label                    | loop: SET A, 1\\nJMP lop                  | 2 | 找不到标签 "lop"
            duplicate label                  | x: SET A, 1\\nx: SET A, 2                 | 2 | 已经在第 1 行定义过了
            label starting with digit        | 1abc: HALT                                | 1 | 不能做标签名
            label that is an opcode          | load: HALT                                | 1 | 是指令或寄存器的名字
            label with nothing after it      | SET A, 1\\nend:                           | 2 | 后面没有指令
            JZ missing target                | JZ A                                      | 1 | JZ 需要 2 个操作数
            JNZ bad register                 | x: JNZ Q, x                               | 1 | "Q" 不是寄存器
            jump target not a label/number   | JMP @@                                    | 1 | 不是跳转目标
            ADDI constant not a number       | ADDI A, A, x                              | 1 | "x" 不是整数
            SET constant not a number        | SET A, five                               | 1 | "five" 不是整数
            SET constant too large           | SET A, 99999999999999999999               | 1 | 太大了
            DATA misaligned                  | DATA 2002, 5\\nHALT                       | 1 | 不是 4 的倍数
            DATA missing value               | DATA 2000\\nHALT                          | 1 | DATA 需要 2 个操作数
            DATA value not a number          | DATA 2000, six\\nHALT                     | 1 | "six" 不是整数
            DATA inside code                 | HALT\\nDATA 100, 5                        | 2 | 存放的是程序的指令
            DATA twice                       | DATA 2000, 1\\nDATA 2000, 2\\nHALT        | 2 | 已经用 DATA 设过初值
            """)
    void malformedProgramIsRejectedWithLineAndText(String description, String program, int line, String fragment) {
        String source = program.replace("\\n", "\n");
        CpuFault f = assertThrows(CpuFault.class, () -> Program.parse(source), description);
        String text = source.split("\n")[line - 1].strip();
        assertEquals(line, f.line(), f.getMessage());
        assertEquals(text, f.text());
        assertTrue(f.getMessage().startsWith("第 " + line + " 行 \"" + text + "\"："), f.getMessage());
        assertTrue(f.getMessage().contains(fragment), f.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty text              | ''
            only comments           | # 只有注释\\n; 还是注释
            only data               | DATA 2000, 1
            """)
    void programWithoutInstructionsIsRejected(String description, String program) {
        CpuFault f = assertThrows(CpuFault.class, () -> Program.parse(program.replace("\\n", "\n")), description);
        assertEquals(0, f.line());
        assertTrue(f.getMessage().contains("程序是空的"), f.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jump to itself          | 1 | loop: JMP loop
            counter never reaches 0 | 3 | SET A, 1\\nloop: ADDI A, A, 1\\nJNZ A, loop
            """)
    void runawayProgramIsStopped(String description, int lastLine, String program) {
        Cpu cpu = Cpu.load(program.replace("\\n", "\n")).stepLimit(99);
        CpuFault f = assertThrows(CpuFault.class, cpu::run, description);
        assertTrue(f.getMessage().contains("已经执行了 99 步"), f.getMessage());
        assertTrue(f.line() >= 1 && f.line() <= lastLine, f.getMessage());
    }
}
