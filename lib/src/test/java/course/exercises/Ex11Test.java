package course.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex11Test {

    static List<String> invokeAllThenShutdown(List<Callable<String>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<String> out = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    static List<String> completionOrder(List<Callable<String>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CompletionService<String> cs = new ExecutorCompletionService<>(pool);
            tasks.forEach(cs::submit);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                out.add(resultOrFailure(cs.poll(5, TimeUnit.SECONDS)));
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    /** A task's result, or "失败: message" when it threw (the notebook's way of showing a failed task). */
    static String resultOrFailure(Future<String> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return "失败: " + e.getCause().getMessage();
        }
    }

    @Test
    void referenceAnswerToExercise1Passes() {
        Verdicts.passesExceptTiming(Ex11.poolInOrder(Ex11Test::invokeAllThenShutdown), "用时");
    }

    @Test
    void theNotebookPlaceholderRunsInTurnAndFailsExercise1() {
        var v = Ex11.poolInOrder(tasks -> {
            List<String> out = new ArrayList<>();
            for (Callable<String> t : tasks) {
                out.add(t.call());
            }
            return out;
        });
        Verdicts.passesNothing(v);
        assertTrue(v.toString().contains("最多同时运行了 1 个"), v::toString);
    }

    @Test
    void forgettingShutdownFailsExercise1() {
        ExecutorService[] leaked = new ExecutorService[1];
        var v = Ex11.poolInOrder(tasks -> {
            leaked[0] = Executors.newFixedThreadPool(tasks.size());
            List<String> out = new ArrayList<>();
            for (Future<String> f : leaked[0].invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        });
        leaked[0].shutdown();
        assertFalse(v.passed(), v::toString);
        assertTrue(v.toString().contains("shutdown()"), v::toString);
    }

    @Test
    void referenceAnswerToExercise2Passes() {
        var v = Ex11.firstFinishedFirst(Ex11Test::completionOrder);
        assertTrue(v.passed(), v::toString);
    }

    @Test
    void taskOrderFailsExercise2() {
        var v = Ex11.firstFinishedFirst(tasks -> {
            ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
            try {
                List<String> out = new ArrayList<>();
                for (Future<String> f : pool.invokeAll(tasks)) {
                    out.add(resultOrFailure(f));
                }
                return out;
            } finally {
                pool.shutdown();
            }
        });
        assertFalse(v.passed(), v::toString);
    }

    @Test
    void theNotebookPlaceholderFailsExercise2() {
        Verdicts.passesNothing(Ex11.firstFinishedFirst(tasks -> new ArrayList<>()));
    }

    @Test
    void conceptChecksPassOnlyTheirAnswer() {
        Verdicts.conceptPassesOnly(Ex11::concept1, "B", "A", "C", "D");
        Verdicts.conceptPassesOnly(Ex11::concept2, "B", "A", "C", "D");
    }
}
