package course.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex04Test {

    static List<String> threeStartedThenJoined() {
        AtomicReferenceArray<String> names = new AtomicReferenceArray<>(3);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            threads.add(new Thread(() -> names.set(n, Ex04.work(n))));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return List.of(names.get(0), names.get(1), names.get(2));
    }

    @Test
    void referenceAnswerToExercise1Passes() {
        Verdicts.passesExceptTiming(Ex04.threeThreads(Ex04Test::threeStartedThenJoined), "总耗时");
    }

    @Test
    void callingRunInsteadOfStartFailsExercise1WithAHintAboutStart() {
        var v = Ex04.threeThreads(() -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String[] box = new String[1];
                int n = i;
                new Thread(() -> box[0] = Ex04.work(n)).run();
                names.add(box[0]);
            }
            return names;
        });
        assertFalse(v.passed());
        assertTrue(v.toString().contains("不是 run()"), v::toString);
    }

    @Test
    void startingAndJoiningOneByOneFailsExercise1OnTime() {
        var v = Ex04.threeThreads(() -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String[] box = new String[1];
                int n = i;
                Thread t = new Thread(() -> box[0] = Ex04.work(n));
                t.start();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                names.add(box[0]);
            }
            return names;
        });
        assertFalse(v.passed());
        assertTrue(v.toString().contains("✘ 总耗时"), v::toString);
    }

    @Test
    void theNotebookStubOfExercise1PassesNothing() {
        Verdicts.passesNothing(Ex04.threeThreads(() -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                names.add(Ex04.work(i));
            }
            return names;
        }));
    }

    static boolean joinThenAsk(Thread t, long millis) throws InterruptedException {
        t.join(millis);
        return !t.isAlive();
    }

    @Test
    void exercise2PassesAJoinWithATimeLimitFollowedByIsAlive() {
        Verdicts.passes(Ex04.finishedWithin(Ex04Test::joinThenAsk));
    }

    @Test
    void exercise2StubsPassNothing() {
        Verdicts.passesNothing(Ex04.finishedWithin((t, millis) -> true));
        Verdicts.passesNothing(Ex04.finishedWithin((t, millis) -> false));
    }

    @Test
    void exercise2CatchesAJoinWithoutLimitAndAnAnswerThatIgnoresIsAlive() {
        var forever = Ex04.finishedWithin((t, millis) -> {
            t.join();
            return true;
        });
        Verdicts.failsWithoutTheAnswer(forever);
        assertTrue(forever.items().get(0).passed() && !forever.items().get(1).passed(), forever::toString);
        var trusting = Ex04.finishedWithin((t, millis) -> {
            t.join(millis);
            return true;
        });
        assertTrue(trusting.toString().contains("isAlive()"), trusting::toString);
        var sleepy = Ex04.finishedWithin((t, millis) -> {
            Thread.sleep(millis);
            return !t.isAlive();
        });
        assertFalse(sleepy.items().get(0).passed(), sleepy::toString);
    }
}
