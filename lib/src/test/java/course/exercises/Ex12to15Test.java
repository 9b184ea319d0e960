package course.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import course.process.ChildJvm;
import course.process.IpcQueue;
import course.process.ProcessPool;
import course.process.ProcessPoolResult;
import course.process.WorkerCrashedException;
import course.process.demo.NumsChild;
import course.process.demo.PidChild;
import course.process.demo.QueueReaderChild;

@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex12to15Test {

    // ---------------------------------------------------------------- 09

    @Test
    void ex09TwoChildrenStartedThenWaitedPasses() {
        var v = Ex12.twoChildren(() -> {
            ChildJvm a = ChildJvm.builder(NumsChild.class).args("baidu", "20").echo(false).start();
            ChildJvm b = ChildJvm.builder(NumsChild.class).args("neuedu", "20").echo(false).start();
            try {
                a.waitFor(Duration.ofSeconds(20));
                b.waitFor(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return List.of(a, b);
        });
        assertTrue(v.passed(), v::toString);
    }

    @Test
    void ex09TheNotebookStubPassesNothing() {
        Verdicts.passesNothing(Ex12.twoChildren(List::of));
        long me = ProcessHandle.current().pid();
        Verdicts.passesNothing(Ex12.whereDidItRun(me, ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L)));
    }

    @Test
    void ex09NotWaitingFailsWithTheJoinHint() {
        var v = Ex12.twoChildren(() -> List.of(
                ChildJvm.builder(NumsChild.class).args("baidu").echo(false).start(),
                ChildJvm.builder(NumsChild.class).args("neuedu").echo(false).start()));
        assertFalse(v.passed());
        assertTrue(v.toString().contains("waitFor"), v::toString);
        assertTrue(ChildJvm.live().isEmpty(), "the check must close the children");
    }

    @Test
    void ex09WorkInAChildPassesAndWorkInTheParentFails() throws Exception {
        try (ChildJvm c = ChildJvm.builder(PidChild.class).echo(false).start()) {
            c.waitFor(Duration.ofSeconds(20));
            var good = Ex12.whereDidItRun(Ex12.number(c.stdout(), "pid="), Ex12.number(c.stdout(), "ppid="));
            Verdicts.passesExceptTiming(good, "用时");
        }
        long me = ProcessHandle.current().pid();
        var bad = Ex12.whereDidItRun(me, ProcessHandle.current().parent().get().pid());
        assertFalse(bad.passed());
        assertTrue(bad.toString().contains("target=run_proc()"), bad::toString);
    }

    // ---------------------------------------------------------------- 10

    @Test
    void ex10SentinelReaderPasses() {
        var v = Ex13.sentinelReader(q -> {
            List<String> got = new ArrayList<>();
            try {
                while (true) {
                    String m = q.get(Duration.ofSeconds(20));
                    if (m.equals(QueueReaderChild.SENTINEL)) {
                        return got;
                    }
                    got.add(m);
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(v.passed(), v::toString);
    }

    @Test
    void ex10ReaderThatStopsOnAnEmptyQueueFails() {
        var v = Ex13.sentinelReader(q -> List.of()); // what "while (!q.isEmpty())" reads before the writer started
        Verdicts.passesNothing(v);
        assertTrue(v.toString().contains("STOP"), v::toString);
    }

    @Test
    void ex10FullQueuePassesAndBlockingPutWithTimeoutStillCounts() {
        var v = Ex13.fullQueue(q -> {
            try {
                q.put("消息1");
                q.put("消息2");
                q.put("消息3");
                q.putNowait("消息4");
                return false;
            } catch (IpcQueue.Full e) {
                return true;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Verdicts.passesExceptTiming(v, "用时");
        var wrong = Ex13.fullQueue(q -> {
            q.putNowait("消息1");
            return false;
        });
        Verdicts.passesNothing(wrong);   // the notebook's stub
        assertTrue(wrong.toString().contains("队列里的消息数：得到的是 1"), wrong::toString);
    }

    @Test
    void ex13Concepts() {
        Verdicts.conceptPassesOnly(Ex13::concept1, "B", "A", "C", "D", "AB");
        Verdicts.conceptPassesOnly(Ex13::concept2, "B", "A", "C", "D");
        Verdicts.conceptPassesOnly(Ex13::concept3, 4, 3, 5, 1);
    }

    // ---------------------------------------------------------------- 11

    @Test
    void ex11AsyncSubmitPassesAndSyncLoopFails() {
        var good = Ex14.asyncSquares(pool -> {
            List<Future<ProcessPoolResult>> fs = new ArrayList<>();
            for (int i = 0; i < Ex14.TASKS; i++) {
                fs.add(pool.submit("square", i, Ex14.TASK_MILLIS));
            }
            List<Long> out = new ArrayList<>();
            for (var f : fs) {
                out.add(get(f).asLong());
            }
            return out;
        });
        Verdicts.passesExceptTiming(good, "用时");
        var sync = Ex14.asyncSquares(pool -> {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < Ex14.TASKS; i++) {
                out.add(get(pool.submit("square", i, Ex14.TASK_MILLIS)).asLong());
            }
            return out;
        });
        Verdicts.passesNothing(sync);   // the notebook's stub
        assertTrue(sync.toString().contains("一共用时（一个一个做要 2400 ms）：应少于 1800 ms，实际 "), sync::toString);
    }

    @Test
    void ex11CrashExitCodePassesAndIgnoringTheCrashFails() {
        var good = Ex14.crashExitCode(pool -> {
            try {
                pool.submit("crash", 42).get(30, TimeUnit.SECONDS);
                return 0;
            } catch (ExecutionException e) {
                return ((WorkerCrashedException) e.getCause()).exitCode();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(good.passed(), good::toString);
        Verdicts.passesNothing(Ex14.crashExitCode(pool -> -1));
    }

    // ---------------------------------------------------------------- 12

    @Test
    void ex12ChoicesAndFormulas() {
        assertTrue(Ex15.choose(Map.of("A", "线程", "B", "进程", "C", "虚拟线程")).passed());
        var wrong = Ex15.choose(Map.of("A", "进程", "B", "进程", "C", "线程"));
        assertFalse(wrong.passed());
        assertTrue(wrong.toString().contains("没有 GIL"), wrong::toString);
        assertTrue(Ex15.speedup((t1, tk) -> t1 / tk, (t1, tk, k) -> t1 / tk / k).passed());
        assertFalse(Ex15.speedup((t1, tk) -> tk / t1, (t1, tk, k) -> tk / t1).passed());
        Verdicts.passesNothing(Ex15.choose(Map.of("A", "", "B", "", "C", "")));
        Verdicts.passesNothing(Ex15.speedup((t1, tk) -> 0, (t1, tk, k) -> 0));
        Verdicts.failsWithoutTheAnswer(Ex15.speedup((t1, tk) -> tk / t1, (t1, tk, k) -> tk / t1));
    }

    private static ProcessPoolResult get(Future<ProcessPoolResult> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- concept checks of 12, 14, 15

    @Test
    void conceptChecksPassOnlyTheirAnswer() {
        Verdicts.conceptPassesOnly(Ex12::concept1, "B", "A", "C", "D");
        Verdicts.conceptPassesOnly(Ex12::concept2, "B", "A", "C", "D", "AB");
        Verdicts.conceptPassesOnly(Ex14::concept1, "B", "A", "C", "D");
        Verdicts.conceptPassesOnly(Ex14::concept2, "B", "A", "C", "D");
        Verdicts.conceptPassesOnly(Ex15::concept1, "A", "B", "C", "D");
        Verdicts.conceptPassesOnly(Ex15::concept2, "B", "A", "C", "D", "10");
    }
}
