package course.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** LOCK, UNLOCK and CAS on the simulated CPU and in the enumerator; blocked threads; deadlock. */
class SynchronizationTest {

    static final String LOCKED_INCREMENT = """
            DATA 2000, 0
            LOCK  3000
            LOAD  A, 2000
            ADDI  A, A, 1
            STORE A, 2000
            UNLOCK 3000
            """;

    static final String FIRST_A_THEN_B = """
            DATA 2000, 0
            LOCK 3000
            LOCK 3004
            UNLOCK 3004
            UNLOCK 3000
            """;

    static final String FIRST_B_THEN_A = """
            DATA 2000, 0
            LOCK 3004
            LOCK 3000
            UNLOCK 3000
            UNLOCK 3004
            """;

    static final String CAS_INCREMENT = """
            DATA 2000, 0
            retry: LOAD A, 2000
                   ADDI B, A, 1
                   CAS  A, B, 2000
                   JZ   A, retry
            """;

    @Test
    void lockWritesTheOwnerAndUnlockFreesIt() {
        Cpu cpu = Cpu.threads(LOCKED_INCREMENT, 2);
        List<CpuStep> steps = cpu.run(0);
        assertEquals(new CpuStep.MemoryWrite(3000, 1), steps.get(2).written());
        assertTrue(steps.get(2).note().contains("T1 拿到了锁 3000"), steps.get(2).note());
        assertEquals(Set.of(3000), cpu.program().lockAddresses());
        assertEquals(3000, cpu.waitingFor(1));
        assertFalse(cpu.runnable(1));
        cpu.run(0, 0, 0, 0);
        assertEquals(0, cpu.peek(3000));
        assertEquals(-1, cpu.waitingFor(1));
        cpu.run(1, 1, 1, 1, 1);
        assertEquals(2, cpu.peek(2000));
        assertTrue(cpu.halted());
    }

    @Test
    void scheduleNamingABlockedThreadIsRefusedWithTheLockAndItsOwner() {
        Cpu cpu = Cpu.threads(LOCKED_INCREMENT, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpu.run(0, 1));
        assertTrue(e.getMessage().contains("调度里第 2 项：线程 T2 在等锁 3000（锁被 T1 拿着），被阻塞了"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> cpu.step(1));
        assertTrue(s.getMessage().contains("在等锁 3000"), s.getMessage());
    }

    @Test
    void scheduleNamingAFinishedThreadIsRefused() {
        Cpu cpu = Cpu.threads(Interleavings.counterProgram(1), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpu.run(0, 0, 0, 0));
        assertTrue(e.getMessage().contains("调度里第 4 项：线程 T1 已经结束了"), e.getMessage());
    }

    @Test
    void unlockingALockYouDoNotHoldNamesTheLine() {
        Cpu cpu = Cpu.threads("DATA 2000, 0\nLOCK 3000\nUNLOCK 3000", "DATA 2000, 0\nSET A, 1\nUNLOCK 3000");
        cpu.run(0, 1);
        CpuFault f = assertThrows(CpuFault.class, () -> cpu.run(1));
        assertEquals(3, f.line());
        assertTrue(f.getMessage().startsWith("第 3 行 \"UNLOCK 3000\"：线程 T2 没有拿着锁 3000（锁现在被 T1 拿着）"),
                f.getMessage());
        CpuFault free = assertThrows(CpuFault.class, () -> Cpu.load("UNLOCK 3000").run());
        assertTrue(free.getMessage().contains("锁现在空着"), free.getMessage());
    }

    @Test
    void badLockInstructionsAreRejectedWhenAssembled() {
        CpuFault noAddress = assertThrows(CpuFault.class, () -> Program.parse("LOCK"));
        assertTrue(noAddress.getMessage().contains("LOCK 需要 1 个操作数（写法：LOCK 地址）"), noAddress.getMessage());
        CpuFault register = assertThrows(CpuFault.class, () -> Program.parse("LOCK A"));
        assertTrue(register.getMessage().contains("\"A\" 不是LOCK 的地址"), register.getMessage());
        CpuFault odd = assertThrows(CpuFault.class, () -> Program.parse("UNLOCK 3001"));
        assertTrue(odd.getMessage().contains("不是 4 的倍数"), odd.getMessage());
        CpuFault cas = assertThrows(CpuFault.class, () -> Program.parse("CAS A, 2000"));
        assertTrue(cas.getMessage().contains("CAS 需要 3 个操作数"), cas.getMessage());
    }

    @Test
    void locksTakenInOppositeOrderCanDeadlockTheRun() {
        Cpu cpu = Cpu.threads(FIRST_A_THEN_B, FIRST_B_THEN_A);
        cpu.run(0, 1);
        assertTrue(cpu.deadlocked());
        assertTrue(cpu.toString().contains("死锁"), cpu.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpu.run(0));
        assertTrue(e.getMessage().contains("死锁了"), e.getMessage());
    }

    @Test
    void aThreadLockingTwiceDeadlocksItselfAndRunStops() {
        Cpu cpu = Cpu.load("LOCK 3000\nLOCK 3000\nHALT");
        assertEquals(3, cpu.run().size());
        assertTrue(cpu.deadlocked());
        IllegalStateException e = assertThrows(IllegalStateException.class, cpu::step);
        assertTrue(e.getMessage().contains("它自己拿着这把锁"), e.getMessage());
    }

    @Test
    void casSucceedsOnlyWhenMemoryStillHoldsTheExpectedValue() {
        Cpu cpu = Cpu.threads(CAS_INCREMENT, 2);
        cpu.run(0, 0, 1, 1, 1);                          // T2 increments first: T1's CAS must fail
        assertEquals(1, cpu.peek(2000));
        List<CpuStep> fail = cpu.run(0);
        assertEquals(0, cpu.register(0, Register.A));
        assertEquals(null, fail.get(2).written());
        assertTrue(fail.get(2).note().startsWith("CAS 失败"), fail.get(2).note());
        cpu.run(1, 0, 0, 0, 0, 0);
        assertEquals(2, cpu.peek(2000));
        assertTrue(cpu.halted());
    }

    @Test
    void lockedCounterHasExactlyOneOutcome() {
        InterleavingResult r = Interleavings.of(2000, LOCKED_INCREMENT, LOCKED_INCREMENT);
        assertEquals(1, r.outcomes().size());
        assertEquals(Set.of(2L), r.values());
        assertFalse(r.canDeadlock());
        assertEquals(2, r.total());                      // whoever locks first runs all five instructions
    }

    @Test
    void locksInOppositeOrderHaveDeadlockAmongOutcomesWithAReplayableExample() {
        InterleavingResult r = Interleavings.of(2000, FIRST_A_THEN_B, FIRST_B_THEN_A);
        InterleavingOutcome d = r.deadlock().orElseThrow();
        assertEquals(Set.of(0L), r.values());
        Cpu cpu = Cpu.threads(FIRST_A_THEN_B, FIRST_B_THEN_A);
        cpu.run(d.schedule());
        assertTrue(cpu.deadlocked());
        // finishing orders: one thread runs all four before the other starts (2 ways) or the second starts after
        // the first took both locks: T1's LOCK LOCK then T2 blocked until UNLOCK 3004 ... counted by hand: 2 · 3 = 6
        assertTrue(r.count(0) > 0);
        assertEquals(r.total(), r.count(0) + d.count());
    }

    @Test
    void casCounterNeverLosesAnUpdate() {
        InterleavingResult r = Interleavings.of(2000, CAS_INCREMENT, CAS_INCREMENT, CAS_INCREMENT);
        assertEquals(Set.of(3L), r.values());
        assertFalse(r.endless());
    }

    @Test
    void threeThreadsThreeIncrementsCountAllInterleavingsWithoutWalkingThem() {
        InterleavingResult r = Interleavings.counterIncrements(3, 3);
        assertEquals(Set.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), r.values());
        assertEquals(227_873_431_500L, r.total());      // 27! / (9!)^3
        assertTrue(r.states() < 100_000, "states " + r.states());
    }
}
