package course.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import course.check.Exercise;

/** Every generator over many seeds: repeatable, the right answer passes, a stub and a wrong answer fail quietly. */
class QuestionsTest {

    @Test
    void sameSeedSameQuestionAndSeedsVary() {
        for (LongFunction<Question> make : List.<LongFunction<Question>>of(Questions::scheduling,
                Questions::trace, Questions::interleavings)) {
            assertEquals(make.apply(7).toString(), make.apply(7).toString());
            assertEquals(make.apply(7).reveal(), make.apply(7).reveal());
            Set<String> texts = new HashSet<>();
            LongStream.range(0, 30).forEach(s -> texts.add(make.apply(s).toString()));
            assertTrue(texts.size() >= 20, texts.size() + " distinct questions of 30");
        }
    }

    @Test
    void schedulingAnswersAreCheckedWithoutBeingTold() {
        for (long seed = 0; seed < 60; seed++) {
            SchedulingQuestion q = Questions.scheduling(seed);
            int[] right = q.expected();
            assertPasses(q.check(right));
            assertStubFails(q.check());
            int[] wrong = right.clone();
            wrong[0] += 5;
            Exercise.Verdict v = q.check(wrong);
            assertFalse(v.passed());
            assertFalse(v.toString().contains("期望"), v.toString());
            assertTrue(q.reveal().contains("完成时刻 " + q.expected()[0] + " ms")
                    || q.reveal().contains("等待时间 " + q.expected()[0] + " ms"), q.reveal());
        }
    }

    @Test
    void traceAnswersAreCheckedWithoutBeingTold() {
        for (long seed = 0; seed < 60; seed++) {
            TraceQuestion q = Questions.trace(seed);
            long[] right = q.expected();
            assertPasses(q.check(right));
            assertStubFails(q.check());
            Exercise.Verdict v = q.check(right[0] + 1, right[1]);
            assertFalse(v.passed());
            assertFalse(v.toString().contains("期望"), v.toString());
            assertEquals(0, right[1] % 3);
        }
    }

    @Test
    void interleavingAnswersAreCheckedWithoutBeingTold() {
        for (long seed = 0; seed < 60; seed++) {
            InterleavingQuestion q = Questions.interleavings(seed);
            long[] right = q.expected();
            assertPasses(q.check(right));
            assertStubFails(q.check());
            if (right.length > 1) {
                Exercise.Verdict missing = q.check(right[0]);
                assertFalse(missing.passed(), q + "\n" + missing);
                assertFalse(missing.toString().contains(String.valueOf(right[right.length - 1]) + "]"), missing.toString());
            }
            long impossible = LongStream.range(-5, 1000).filter(v -> LongStream.of(right).noneMatch(x -> x == v))
                    .findFirst().orElseThrow();
            long[] withExtra = LongStream.concat(LongStream.of(right), LongStream.of(impossible)).toArray();
            assertFalse(q.check(withExtra).passed());
        }
    }

    @Test
    void interleavingQuestionsHaveMoreThanOneAnswerUsually() {
        long several = LongStream.range(0, 40).filter(s -> Questions.interleavings(s).expected().length > 1).count();
        assertTrue(several >= 30, several + " of 40");
        assertNotEquals(Questions.interleavings(1).toString(), Questions.interleavings(2).toString());
    }

    private static void assertPasses(Exercise.Verdict v) {
        assertTrue(v.passed(), v.toString());
    }

    private static void assertStubFails(Exercise.Verdict v) {
        assertFalse(v.passed());
        assertFalse(v.toString().contains("✔"), v.toString());
        assertTrue(v.toString().contains("还没有作答"), v.toString());
    }
}
