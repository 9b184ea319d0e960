package course.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CpuTest {

    static final String SEED = """
            DATA 2000, 6
            DATA 2004, 7
            LOAD A, 2000
            LOAD B, 2004
            MUL C, A, B
            STORE C, 2008
            """;

    @Test
    void seedProgramIsPlacedAt100To112() {
        Program p = Program.parse(SEED);
        assertEquals(List.of(100, 104, 108, 112), p.instructions().stream().map(Instruction::address).toList());
        assertEquals("MUL C, A, B", p.at(108).text());
        assertEquals(116, p.end());
    }

    @Test
    void seedProgramMultipliesInTwelveSteps() {
        Cpu cpu = Cpu.load(SEED);
        List<CpuStep> trace = cpu.run();
        assertEquals(12, trace.size());
        assertEquals(42, cpu.peek(2008));
        assertTrue(cpu.halted());
        String phases = trace.stream().map(s -> s.phase().chinese()).reduce((a, b) -> a + b).orElseThrow();
        assertEquals("取指译码执行".repeat(4), phases);
        assertEquals(List.of(100, 100, 104, 104, 104, 108, 108, 108, 112, 112, 112, 116),
                trace.stream().map(CpuStep::pc).toList());
        CpuStep fetch = trace.get(0);
        assertEquals("LOAD A, 2000", fetch.ir());
        assertEquals(0, fetch.register(Register.A));
        assertEquals(6, trace.get(2).register(Register.A));
        assertEquals(7, trace.get(5).register(Register.B));
        assertEquals(42, trace.get(8).register(Register.C));
        assertEquals(new CpuStep.MemoryWrite(2008, 42), trace.get(11).written());
        assertNull(trace.get(10).written());
        assertEquals(42L, trace.get(11).memory().get(2008));
        assertEquals(0L, trace.get(10).memory().get(2008));
    }

    @Test
    void stepRecordsAreImmutableSnapshots() {
        Cpu cpu = Cpu.load(SEED);
        CpuStep first = cpu.step();
        cpu.run();
        assertEquals(0, first.register(Register.A));
        assertThrows(UnsupportedOperationException.class, () -> first.memory().put(1, 2L));
    }

    @Test
    void loopWithConditionalJumpSumsOneToFive() {
        Cpu cpu = Cpu.load("""
                DATA 2000, 0
                      SET  A, 5        # i = 5
                      SET  B, 0        # sum = 0
                loop: ADD  B, B, A     # sum += i
                      ADDI A, A, -1    # i--
                      JNZ  A, loop     # i != 0 → loop
                      STORE B, 2000
                      HALT
                """);
        List<CpuStep> trace = cpu.run();
        assertEquals(15, cpu.peek(2000));
        // 2 + 5×3 + 2 instructions, 3 steps each
        assertEquals((2 + 15 + 2) * 3, trace.size());
    }

    @Test
    void jzJumpsOnlyOnZero() {
        Cpu cpu = Cpu.load("""
                SET A, 0
                JZ A, skip
                SET B, 1
                skip: SET C, 2
                """);
        cpu.run();
        assertEquals(0, cpu.register(Register.B));
        assertEquals(2, cpu.register(Register.C));
    }

    @Test
    void haltStopsEarlyAndFurtherStepsFail() {
        Cpu cpu = Cpu.load("HALT\nSET A, 1");
        assertEquals(3, cpu.run().size());
        assertEquals(0, cpu.register(Register.A));
        IllegalStateException e = assertThrows(IllegalStateException.class, cpu::step);
        assertTrue(e.getMessage().contains("已经结束"), e.getMessage());
    }

    @Test
    void runawayProgramStopsAtStepLimitNamingTheLine() {
        Cpu cpu = Cpu.load("SET A, 1\nloop: ADDI A, A, 1\nJMP loop").stepLimit(300);
        CpuFault f = assertThrows(CpuFault.class, cpu::run);
        assertTrue(f.getMessage().contains("300 步"), f.getMessage());
        assertTrue(f.line() == 2 || f.line() == 3, f.getMessage());
        assertTrue(f.getMessage().startsWith("第 " + f.line() + " 行"), f.getMessage());
    }

    @Test
    void runawayLoopMessageAsksAboutTheLoop() {
        CpuFault f = assertThrows(CpuFault.class, () -> Cpu.load("SET A, 1\nloop: ADDI A, A, 1\nJMP loop").run());
        assertTrue(f.getMessage().contains("已经执行了 " + Cpu.DEFAULT_STEP_LIMIT + " 步"), f.getMessage());
        assertTrue(f.getMessage().contains("循环的跳转条件永远成立"), f.getMessage());
    }

    @Test
    void longStraightLineProgramRunsToTheEnd() {
        String program = "DATA 4000, 0\n" + "LOAD A, 4000\nADDI A, A, 1\nSTORE A, 4000\n".repeat(300);
        Cpu cpu = Cpu.load(program);
        assertEquals(900 * 3, cpu.run().size());
        assertEquals(300, cpu.peek(4000));
        CpuFault f = assertThrows(CpuFault.class, () -> Cpu.load(program.replace("4000", "2000")));
        assertTrue(f.getMessage().endsWith("数据请放在程序后面，例如 4000。"), f.getMessage());
    }

    @Test
    void stepLimitBelowAStraightLineProgramSaysThereIsNoLoop() {
        String program = "SET A, 1\n".repeat(40);
        CpuFault f = assertThrows(CpuFault.class, () -> Cpu.load(program).stepLimit(60).run());
        assertTrue(f.getMessage().contains("这个程序没有循环，40 条指令最多 120 步就结束：请用 stepLimit(…) 把上限调大"),
                f.getMessage());
        assertTrue(!f.getMessage().contains("HALT"), f.getMessage());
    }

    @Test
    void contextIsACopyOfTheThreadsRegistersAndPc() {
        Cpu cpu = Cpu.load(SEED);
        cpu.run();
        ThreadContext c = cpu.context(0);
        assertEquals(116, c.pc());
        assertEquals(42, c.register(Register.C));
        assertTrue(c.halted());
        assertEquals(12, c.steps());
    }

    @Test
    void threadsHaveOwnRegistersAndShareMemory() {
        String inc = Interleavings.counterProgram(1);
        Cpu cpu = Cpu.threads(inc, 2);
        // T1 LOAD, T2 LOAD, T1 ADDI, T1 STORE, T2 ADDI, T2 STORE: one update lost
        List<CpuStep> trace = cpu.run(0, 1, 0, 0, 1, 1);
        assertEquals(18, trace.size());
        assertEquals(1, cpu.peek(2000));
        assertEquals(1, cpu.register(0, Register.A));
        assertEquals(1, cpu.register(1, Register.A));
        assertEquals("T2", trace.get(3).threadName());
        Cpu serial = Cpu.threads(inc, 2);
        serial.run(0, 0, 0, 1, 1, 1);
        assertEquals(2, serial.peek(2000));
    }

    @Test
    void scheduleNamingHaltedThreadFails() {
        Cpu cpu = Cpu.threads(Interleavings.counterProgram(1), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpu.run(0, 0, 0, 0));
        assertTrue(e.getMessage().contains("schedule[3] (0)"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, cpu::step);
        assertTrue(s.getMessage().contains("step(thread)"), s.getMessage());
    }

    @Test
    void invalidApiArgumentsNameTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cpu.load(SEED).stepLimit(0))
                .getMessage().startsWith("stepLimit (0) must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cpu.load(SEED).poke(2001, 1))
                .getMessage().startsWith("address (2001) must be a multiple of 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Program.parse("HALT", 102, 4096))
                .getMessage().startsWith("start (102)"));
    }

    @Test
    void fullWidthPunctuationFromChineseInputIsAccepted() {
        Cpu cpu = Cpu.load("DATA 2000，3\nloop： LOAD A，2000\nHALT");
        cpu.run();
        assertEquals(3, cpu.register(Register.A));
    }
}
