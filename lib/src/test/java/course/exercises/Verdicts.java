package course.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import course.check.Exercise.Item;
import course.check.Exercise.Verdict;

/** Assertions on a check's verdict shared by the exercise tests. */
final class Verdicts {

    private Verdicts() {
    }

    /**
     * Every item passed except, perhaps, those whose text contains {@code timingItem}: a wall-clock check
     * ("用时 … 少于 800 ms") can miss on a busy machine, so a unit test must not require it (the solution
     * notebooks' runs show it).
     */
    static void passesExceptTiming(Verdict v, String timingItem) {
        List<Item> failed = v.items().stream().filter(i -> !i.passed()).toList();
        assertTrue(failed.stream().allMatch(i -> i.what().contains(timingItem)), v::toString);
    }
}
