package course.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Queue;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import course.check.Exercise.Verdict;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex07Test {

    /** The notebook's stub: the constructor registers {@code this} before it sets the port. */
    static final class Leaky {
        int port;

        Leaky(Queue<Leaky> listeners) {
            listeners.add(this);
            Thread.yield();
            port = Ex07.PORT;
        }

        static Leaky create(Queue<Leaky> listeners) {
            return new Leaky(listeners);
        }
    }

    /** The reference solution: construct, then publish. */
    static final class Safe {
        int port;

        Safe() {
            Thread.yield();
            port = Ex07.PORT;
        }

        static Safe create(Queue<Safe> listeners) {
            Safe s = new Safe();
            listeners.add(s);
            return s;
        }
    }


    @Test
    void theEnumeratorGivesTheLockedVariantExactlyTwoOutcomes() {
        assertEquals(Set.of("0, 0", "1, 1"), Ex07.enumerated());
    }

    @Test
    void allowedOutcomesPassesTheJmmAnswerAndFailsTheStubAndWrongAnswersWithoutTellingThem() {
        assertTrue(Ex07.allowedOutcomes(Set.copyOf(Ex07.OUTCOMES), Set.of("0, 0", "1, 1")).passed());
        Verdicts.passesNothing(Ex07.allowedOutcomes(Set.of(), Set.of()));
        Verdict wrong = Ex07.allowedOutcomes(Set.of("0, 0", "0, 1", "1, 1"), Set.of("0, 0", "0, 1", "1, 1"));
        assertFalse(wrong.passed());
        String text = wrong.toString();
        assertTrue(text.contains("(a) data 是 volatile、flag 是普通字段：有 1 个结果判断错了"), text);
        assertTrue(text.contains("(b) 两个线程都在 synchronized (lock) 里：有 1 个结果判断错了"), text);
        assertFalse(text.contains("1, 0") || text.contains("0, 1"), "names no outcome:\n" + text);
        Verdict typo = Ex07.allowedOutcomes(Set.of("00"), Set.of("0, 0", "1, 1"));
        assertTrue(typo.toString().contains("不认识：[00]"), typo.toString());
    }

    @Test
    void safePublicationFailsTheLeakingConstructorAndPassesConstructThenPublish() {
        Verdict stub = Ex07.safePublication(Leaky::create, l -> l.port);
        Verdicts.passesNothing(stub);
        assertTrue(stub.toString().contains("看到没构造完的对象"), stub.toString());
        Verdict fixed = Ex07.safePublication(Safe::create, s -> s.port);
        assertTrue(fixed.passed(), fixed.toString());
        assertTrue(fixed.toString().contains("一次也没有看到没构造完的对象"), fixed.toString());
    }

    @Test
    void safePublicationRefusesAnAnswerThatPublishesNothingOrThrows() {
        Verdict none = Ex07.<Safe>safePublication(q -> new Safe(), s -> s.port);
        Verdicts.passesNothing(none);
        assertTrue(none.toString().contains("队列里应该正好有 create 返回的那一个对象（现在有 0 个）"), none.toString());
        Verdict thrown = Ex07.<Safe>safePublication(q -> { throw new IllegalStateException("坏了"); }, s -> s.port);
        Verdicts.passesNothing(thrown);
        assertTrue(thrown.toString().contains("create 抛出了 java.lang.IllegalStateException: 坏了"), thrown.toString());
    }

    @Test
    void conceptChecksPassOnlyTheRightLetter() {
        Verdicts.conceptPassesOnly(Ex07::concept1, "B", "A", "C", "D");
        Verdicts.conceptPassesOnly(Ex07::concept2, "C", "A", "B", "D");
        Verdicts.conceptPassesOnly(Ex07::concept3, "A", "B", "C", "D");
    }
}
