package course.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Outcome sets derived by hand (see the comments) for small cases. */
class InterleavingsTest {

    @Test
    void twoThreadsTwoIncrementsGiveTwoThreeOrFour() {
        InterleavingResult r = Interleavings.counterIncrements(2, 2);
        assertEquals(new TreeSet<>(Set.of(2L, 3L, 4L)), r.values());
        assertEquals(924, r.total());                       // C(12, 6): 6 instructions each
        assertEquals(6, r.count(4));                        // the 4 increments fully serialised: C(4, 2) orders
        assertEquals(r.total(), r.count(2) + r.count(3) + r.count(4));
    }

    @Test
    void oneThreadAlwaysCountsCorrectly() {
        InterleavingResult r = Interleavings.counterIncrements(1, 3);
        assertEquals(Set.of(3L), r.values());
        assertEquals(1, r.total());
    }

    @Test
    void twoThreadsOneIncrementLoseAnUpdateUnlessOneRunsFirst() {
        // 2 is reached only when one thread's LOAD comes after the other's STORE, i.e. one thread runs
        // completely before the other: 2 schedules of C(6, 3) = 20.
        InterleavingResult r = Interleavings.counterIncrements(2, 1);
        assertEquals(Set.of(1L, 2L), r.values());
        assertEquals(20, r.total());
        assertEquals(2, r.count(2));
        assertEquals(18, r.count(1));
        assertEquals(List.of(0, 0, 0, 1, 1, 1), r.outcome(2).example());
    }

    @Test
    void threeThreadsOneIncrement() {
        // 9! / (3! 3! 3!) = 1680 interleavings; 3 only when the three increments are serialised: 3! = 6.
        InterleavingResult r = Interleavings.counterIncrements(3, 1);
        assertEquals(Set.of(1L, 2L, 3L), r.values());
        assertEquals(1680, r.total());
        assertEquals(6, r.count(3));
    }

    @Test
    void twoThreadsThreeIncrements() {
        // Never below 2 (the classic result), at most 6; 6 needs full serialisation: C(6, 3) = 20 orders.
        InterleavingResult r = Interleavings.counterIncrements(2, 3);
        assertEquals(Set.of(2L, 3L, 4L, 5L, 6L), r.values());
        assertEquals(48620, r.total());                      // C(18, 9)
        assertEquals(20, r.count(6));
    }

    @Test
    void exampleScheduleReplaysToItsValue() {
        InterleavingResult r = Interleavings.counterIncrements(2, 2);
        for (InterleavingOutcome o : r.outcomes()) {
            List<CpuStep> steps = r.replay(o.value());
            assertEquals(o.value(), steps.get(steps.size() - 1).memory().get(2000));
            assertEquals(12 * 3, steps.size());
        }
        assertTrue(r.outcome(4).exampleText().startsWith("T1 T1 T1"));
    }

    @Test
    void atomicSwapStyleProgramsOnDifferentWords() {
        // T1 writes x = 1 then reads y; T2 writes y = 1 then reads x into 2008 (store buffering, sequentially
        // consistent): the watched word 2008 ends 0 only if T2 reads x before T1 writes it.
        String t1 = "DATA 2000, 0\nSET A, 1\nSTORE A, 2000\nLOAD B, 2004";
        String t2 = "DATA 2004, 0\nSET A, 1\nSTORE A, 2004\nLOAD B, 2000\nSTORE B, 2008";
        InterleavingResult r = Interleavings.of(2008, t1, t2);
        assertEquals(Set.of(0L, 1L), r.values());
        assertEquals(35, r.total());                         // C(7, 3)
        // 0 iff T2's LOAD (its 3rd instruction) precedes T1's STORE (its 2nd). Let k1 <= k2 <= k3 be the
        // number of T2 instructions before each T1 instruction; the condition is k2 >= 3:
        // k2 = 3: k1 in 0..3, k3 in 3..4 -> 8; k2 = 4: k1 in 0..4, k3 = 4 -> 5; total 13.
        assertEquals(13, r.count(0));
    }

    @Test
    void watchedAddressDefaultsToLowestDataAddress() {
        assertEquals(2000, Interleavings.of(Interleavings.counterProgram(1)).address());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interleavings.of("HALT"));
        assertTrue(e.getMessage().startsWith("no DATA line"), e.getMessage());
    }

    @Test
    void loopThatRepeatsAStateIsEndlessWithAnExample() {
        InterleavingResult r = Interleavings.of(2000, "DATA 2000, 0\nx: JMP x");
        assertTrue(r.endless());
        assertEquals(-1, r.total());
        assertEquals("无穷多", r.totalText());
        InterleavingOutcome o = r.outcomes().get(0);
        assertEquals(InterleavingOutcome.Kind.ENDLESS, o.kind());
        assertEquals(List.of(0), o.example());
    }

    @Test
    void loopThatChangesMemoryForEverStopsAtTheStateLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StateSearch(new Program[]{Program.parse("DATA 2000, 0\nx: LOAD A, 2000\nADDI A, A, 1\n"
                        + "STORE A, 2000\nJMP x")}, List.of(2000), 1000).run());
        assertTrue(e.getMessage().contains("不同的状态超过了"), e.getMessage());
    }

    @Test
    void severalWatchedAddressesMakeTupleOutcomesLikeALitmusTest() {
        // store buffering: T1 x = 1; r1 = y.  T2 y = 1; r2 = x.  On this sequentially consistent CPU (0, 0) is impossible.
        String t1 = "DATA 2000, 0\nDATA 2004, 0\nSET A, 1\nSTORE A, 2000\nLOAD B, 2004\nSTORE B, 2008";
        String t2 = "DATA 2000, 0\nDATA 2004, 0\nSET A, 1\nSTORE A, 2004\nLOAD B, 2000\nSTORE B, 2012";
        InterleavingResult r = Interleavings.of(List.of(2008, 2012), t1, t2);
        assertEquals(List.of(List.of(0L, 1L), List.of(1L, 0L), List.of(1L, 1L)), r.finals());
        assertEquals(List.of(2008, 2012), r.addresses());
        assertEquals("最终值 (0, 1)", r.outcomes().get(0).label());
        assertEquals(r.total(), r.outcomes().stream().mapToLong(InterleavingOutcome::count).sum());
        assertTrue(r.toString().contains("内存[2008]、内存[2012] 的结局"), r.toString());
    }
}
