package course.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every expected schedule below was worked out by hand (see the comments). */
class SchedulerTest {

    static final Job A = Job.cpu("A", 30);
    static final Job B = Job.cpu("B", 20);
    static final Job C = Job.cpu("C", 10);

    static void metrics(ScheduleResult s, String job, int finish, int turnaround, int waiting, int response, int switches) {
        ScheduleResult.JobMetrics m = s.metrics(job);
        assertEquals(List.of(finish, turnaround, waiting, response, switches),
                List.of(m.finish(), m.turnaround(), m.waiting(), m.response(), m.switches()), job + ": " + s);
    }

    @Test
    void roundRobinOneCore() {
        // A B C A B A, 10 ms each
        ScheduleResult s = Scheduler.roundRobin().run(A, B, C);
        assertEquals("A 0-10, B 10-20, C 20-30, A 30-40, B 40-50, A 50-60", s.coreText(0));
        metrics(s, "A", 60, 60, 30, 0, 2);
        metrics(s, "B", 50, 50, 30, 10, 1);
        metrics(s, "C", 30, 30, 20, 20, 0);
        assertEquals(60, s.makespan());
        assertEquals(1.0, s.utilisation(), 1e-9);
        assertEquals(3, s.contextSwitches());
        assertEquals(140 / 3.0, s.averageTurnaround(), 1e-9);
        assertEquals(80 / 3.0, s.averageWaiting(), 1e-9);
        assertEquals(JobState.READY, s.stateAt("A", 15));
        assertEquals(JobState.RUNNING, s.stateAt("C", 25));
        assertEquals(JobState.TERMINATED, s.stateAt("C", 45));
    }

    @Test
    void roundRobinTwoCores() {
        // t=10: both slices expire, C waits: A → tail, C on core 0; B → tail, A on core 1 (A migrates).
        // t=20: C done, B on core 0; A's slice expires with nobody ready: it keeps core 1 until its
        // 30 ms are used (10 on core 0 + 20 on core 1) at 30.
        ScheduleResult s = Scheduler.roundRobin().cores(2).run(A, B, C);
        assertEquals("A 0-10, C 10-20, B 20-30", s.coreText(0));
        assertEquals("B 0-10, A 10-30", s.coreText(1));
        metrics(s, "A", 30, 30, 0, 0, 1);
        metrics(s, "B", 30, 30, 10, 0, 1);
        metrics(s, "C", 20, 20, 10, 10, 0);
        assertEquals(1.0, s.utilisation(), 1e-9);
        assertEquals(30, s.makespan());
    }

    @Test
    void roundRobinFourCoresRunsEverythingInParallel() {
        ScheduleResult s = Scheduler.roundRobin().cores(4).run(A, B, C);
        assertEquals("A 0-30", s.coreText(0));
        assertEquals("B 0-20", s.coreText(1));
        assertEquals("C 0-10", s.coreText(2));
        assertEquals("", s.coreText(3));
        assertEquals(0, s.contextSwitches());
        assertEquals(0.5, s.utilisation(), 1e-9);
        assertEquals(20.0, s.averageTurnaround(), 1e-9);
    }

    @Test
    void firstComeFirstServed() {
        ScheduleResult s = Scheduler.fcfs().run(A, B, C);
        assertEquals("A 0-30, B 30-50, C 50-60", s.coreText(0));
        metrics(s, "A", 30, 30, 0, 0, 0);
        metrics(s, "B", 50, 50, 30, 30, 0);
        metrics(s, "C", 60, 60, 50, 50, 0);
    }

    @Test
    void waitingJobGivesUpTheCore() {
        // A computes 5, waits 10, computes 5; B computes 20.
        // A 0-5, (A waits 5-15) B 5-15, t=15 A wakes and B's slice ends: B → tail, A 15-20, B 20-30.
        ScheduleResult s = Scheduler.roundRobin().run(Job.of("A", Burst.cpu(5), Burst.io(10), Burst.cpu(5)), B);
        assertEquals("A 0-5, B 5-15, A 15-20, B 20-30", s.coreText(0));
        metrics(s, "A", 20, 20, 0, 0, 1);
        metrics(s, "B", 30, 30, 10, 5, 1);
        assertEquals(List.of(new ScheduleResult.StateSpan("A", JobState.RUNNING, 0, 5),
                        new ScheduleResult.StateSpan("A", JobState.WAITING, 5, 15),
                        new ScheduleResult.StateSpan("A", JobState.RUNNING, 15, 20),
                        new ScheduleResult.StateSpan("A", JobState.TERMINATED, 20, 30)),
                s.states().stream().filter(x -> x.job().equals("A")).toList());
        assertEquals(1.0, s.utilisation(), 1e-9);
    }

    @Test
    void lateArrivalLeavesTheCpuIdle() {
        ScheduleResult s = Scheduler.fcfs().run(Job.cpu("A", 10), Job.of("B", 20, Burst.cpu(10)));
        assertEquals("A 0-10, B 20-30", s.coreText(0));
        metrics(s, "B", 30, 10, 0, 0, 0);
        assertEquals(2 / 3.0, s.utilisation(), 1e-9);
        assertEquals(JobState.NEW, s.stateAt("B", 5));
    }

    @Test
    void sliceLongerThanEveryBurstIsFcfs() {
        assertEquals(Scheduler.fcfs().run(A, B, C).slices(), Scheduler.roundRobin(100).run(A, B, C).slices());
    }

    static List<Arguments> invalid() {
        return List.of(
                Arguments.of("quantum 0", (Executable) () -> Scheduler.roundRobin(0), "quantum (0 ms) must be positive"),
                Arguments.of("negative quantum", (Executable) () -> Scheduler.roundRobin().quantum(-5), "quantum (-5 ms) must be positive"),
                Arguments.of("cores 0", (Executable) () -> Scheduler.fcfs().cores(0), "cores (0) must be positive"),
                Arguments.of("negative burst", (Executable) () -> Burst.cpu(-3), "burst length (-3 ms) must be positive"),
                Arguments.of("zero wait", (Executable) () -> Burst.io(0), "burst length (0 ms) must be positive"),
                Arguments.of("no bursts", (Executable) () -> Job.of("X"), "bursts of X ([]) must not be empty"),
                Arguments.of("negative arrival", (Executable) () -> Job.of("X", -1, Burst.cpu(1)), "arrival (-1 ms) must not be negative"),
                Arguments.of("empty job list", (Executable) () -> Scheduler.roundRobin().run(), "jobs (0) must not be empty"),
                Arguments.of("duplicate names", (Executable) () -> Scheduler.roundRobin().run(A, A), "job name (A) must be unique"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidParametersFailAtConstruction(String description, Executable action, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action, description);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertTrue(e.getMessage().matches(".*[\\u4e00-\\u9fff].*"), "has a Chinese hint: " + e.getMessage());
    }

    @Test
    void fcfsHasNoQuantum() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Scheduler.fcfs().quantum(5));
        assertTrue(e.getMessage().contains("FCFS has no time slice"));
    }

    @Test
    void toStringIsATable() {
        String text = Scheduler.roundRobin().run(A, B, C).toString();
        assertTrue(text.startsWith("轮转调度（时间片 10 ms），1 个核：总用时 60 ms，CPU 利用率 100.0 %，上下文切换 3 次"), text);
        assertTrue(text.contains("平均"), text);
    }
}
