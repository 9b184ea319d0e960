package course.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import course.check.Exercise.Item;
import course.check.Exercise.Verdict;

/** The course's two rules for exercise feedback, as assertions. */
final class Verdicts {

    private Verdicts() {
    }

    /** Every check passed. */
    static void passes(Verdict v) {
        assertTrue(v.passed(), v::toString);
    }

    /**
     * Rule 2 for an untouched stub: the verdict fails, no item passes (no ✔ line at all), and nothing
     * shows an expected value.
     */
    static void passesNothing(Verdict v) {
        assertFalse(v.passed(), v::toString);
        assertTrue(v.items().stream().noneMatch(Item::passed), v::toString);
        assertFalse(v.toString().contains("✔"), v::toString);
        assertFalse(v.toString().contains("期望"), v::toString);
    }

    /** A failing verdict that shows no expected value. */
    static void failsWithoutTheAnswer(Verdict v) {
        assertFalse(v.passed(), v::toString);
        assertTrue(v.toString().startsWith("❌ 没通过"), v::toString);
        assertFalse(v.toString().contains("期望"), v::toString);
    }
}
