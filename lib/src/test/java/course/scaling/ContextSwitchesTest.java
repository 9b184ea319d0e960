package course.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ContextSwitchesTest {

    @Test
    void parsesTheTwoCountersOfAStatusFile() {
        ContextSwitches c = ContextSwitches.parse(List.of("Name:\tjava", "voluntary_ctxt_switches:\t12",
                "nonvoluntary_ctxt_switches:\t3"));
        assertEquals(new ContextSwitches(12, 3), c);
        assertEquals(15, c.total());
        assertEquals("主动切换 12 次，被动切换 3 次", c.toString());
    }

    @Test
    void aMissingCounterMakesItUnknownAndUnknownSpreads() {
        ContextSwitches u = ContextSwitches.parse(List.of("voluntary_ctxt_switches:\t12"));
        assertEquals(ContextSwitches.UNKNOWN, u);
        assertFalse(u.known());
        assertEquals(-1, u.total());
        assertEquals(ContextSwitches.UNKNOWN, new ContextSwitches(5, 5).minus(u));
        assertEquals(ContextSwitches.UNKNOWN, u.plus(ContextSwitches.NONE));
        assertEquals("切换次数（测不到）", u.toString());
    }

    @Test
    void differencesAndSumsAddUp() {
        assertEquals(new ContextSwitches(2, 1), new ContextSwitches(12, 4).minus(new ContextSwitches(10, 3)));
        assertEquals(new ContextSwitches(3, 5), new ContextSwitches(1, 2).plus(new ContextSwitches(2, 3)));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sleepingCountsAsAVoluntarySwitchOfTheCallingThread() throws InterruptedException {
        assumeTrue(ContextSwitches.available(), "Linux only");
        ContextSwitches before = ContextSwitches.ofCurrentThread();
        for (int i = 0; i < 5; i++) {
            Thread.sleep(2);
        }
        ContextSwitches used = ContextSwitches.ofCurrentThread().minus(before);
        assertTrue(used.voluntary() >= 5, used::toString);
        assertTrue(used.involuntary() >= 0, used::toString);
    }
}
