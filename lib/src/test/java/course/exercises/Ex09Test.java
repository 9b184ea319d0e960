package course.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex09Test {

    static List<String> pollUntilQuiet(BlockingQueue<String> q) throws InterruptedException {
        List<String> got = new ArrayList<>();
        String bone;
        while ((bone = q.poll(200, TimeUnit.MILLISECONDS)) != null) {
            got.add(bone);
        }
        return got;
    }

    static final String PILL = "毒丸";

    static List<String> withPills(int bones, int consumers) throws InterruptedException {
        BlockingQueue<String> q = new ArrayBlockingQueue<>(10);
        List<String> eaten = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            try {
                for (int i = 1; i <= bones; i++) {
                    q.put("骨头" + i);
                }
                for (int i = 0; i < consumers; i++) {
                    q.put(PILL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        for (int c = 0; c < consumers; c++) {
            threads.add(new Thread(() -> {
                try {
                    for (String b = q.take(); !b.equals(PILL); b = q.take()) {
                        eaten.add(b);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(5000);
        }
        return eaten;
    }

    @Test
    void referenceAnswerToExercise1Passes() {
        var v = Ex09.drainUntilQuiet(Ex09Test::pollUntilQuiet);
        assertTrue(v.passed(), v::toString);
    }

    @Test
    void theNotebookPlaceholderFailsExercise1() {
        Verdicts.passesNothing(Ex09.drainUntilQuiet(q -> new ArrayList<>()));
    }

    @Test
    void takeForeverFailsExercise1AndTheCheckStillEnds() {
        var v = Ex09.drainUntilQuiet(q -> {
            List<String> got = new ArrayList<>();
            while (true) {
                got.add(q.take());
            }
        });
        assertFalse(v.passed(), v::toString);
        assertTrue(v.toString().contains("poll(200, TimeUnit.MILLISECONDS)"), v::toString);
    }

    @Test
    void pollWithoutTimeoutFailsExercise1() {
        var v = Ex09.drainUntilQuiet(q -> {
            List<String> got = new ArrayList<>();
            for (String b = q.poll(); b != null; b = q.poll()) {
                got.add(b);
            }
            return got;
        });
        assertFalse(v.passed(), v::toString);
    }

    @Test
    void referenceAnswerToExercise2Passes() {
        var v = Ex09.poisonPill(Ex09Test::withPills);
        assertTrue(v.passed(), v::toString);
    }

    @Test
    void theNotebookPlaceholderFailsExercise2() {
        Verdicts.passesNothing(Ex09.poisonPill((bones, consumers) -> new ArrayList<>()));
    }

    @Test
    void onePillForThreeConsumersFailsExercise2WithLeftoverThreads() {
        var v = Ex09.poisonPill((bones, consumers) -> leaveTwoConsumersWaiting(bones));
        assertFalse(v.passed(), v::toString);
        assertTrue(v.toString().contains("没有留下还在运行的线程：["), v::toString);
    }

    /** Three consumers but only one pill: two stay in take(); joins give up after 300 ms. */
    static List<String> leaveTwoConsumersWaiting(int bones) throws InterruptedException {
        BlockingQueue<String> q = new ArrayBlockingQueue<>(bones + 1);
        List<String> eaten = Collections.synchronizedList(new ArrayList<>());
        for (int i = 1; i <= bones; i++) {
            q.put("骨头" + i);
        }
        q.put(PILL);
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Thread t = new Thread(() -> {
                try {
                    for (String b = q.take(); !b.equals(PILL); b = q.take()) {
                        eaten.add(b);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            consumers.add(t);
            t.start();
        }
        for (Thread t : consumers) {
            t.join(300);
        }
        return eaten;
    }
}
