package course.exercises;

import static course.exercises.Verdicts.conceptPassesOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import course.cpu.Cpu;
import course.sched.Burst;
import course.sched.Job;
import course.sched.Scheduler;

/**
 * The concept checks of lessons 00–04, 09 and 17: each passes its answer and nothing else; where a question can be
 * worked out by the course's own simulators, the simulator gives the same answer.
 */
class ConceptsTest {

    @Test
    void lesson00() {
        conceptPassesOnly(Ex00::concept1, "B", "A", "C", "D");
        conceptPassesOnly(Ex00::concept2, "B", "A", "C", "D");
    }

    @Test
    void lesson01() {
        conceptPassesOnly(Ex01::concept1, "C", "A", "B", "D", "AB");
        conceptPassesOnly(Ex01::concept2, 50, 80, 40, 60);
        var run = Scheduler.roundRobin().cores(1).run(
                Job.of("X", Burst.cpu(10), Burst.io(30), Burst.cpu(10)), Job.cpu("Y", 30));
        assertEquals(50, run.makespan(), run::toString);
    }

    @Test
    void lesson02() {
        conceptPassesOnly(Ex02::concept1, "B", "A", "C", "D");
        conceptPassesOnly(Ex02::concept2, 20, 14, 17, 60);
        int steps = Cpu.load("""
                DATA 2000, 6
                DATA 2004, 5
                      LOAD  A, 2000
                      LOAD  B, 2004
                      SET   C, 0
                loop: ADD   C, C, A
                      ADDI  B, B, -1
                      JNZ   B, loop
                      STORE C, 2008
                      HALT
                """).run().size();
        assertEquals(20, steps / 3);
    }

    @Test
    void lesson03() {
        conceptPassesOnly(Ex03::concept1, "B", "A", "C", "D", "AB");
        conceptPassesOnly(Ex03::concept2, 1, 0, 2, 5);
    }

    @Test
    void lesson04() {
        conceptPassesOnly(Ex04::concept1, "B", "A", "C", "D");
        conceptPassesOnly(Ex04::concept2, 1, 3, 2, 0.5);
    }

    @Test
    void lesson09() {
        conceptPassesOnly(Ex09::concept1, "C", "A", "B", "D");
        conceptPassesOnly(Ex09::concept2, "B", "A", "C", "D");
    }

    @Test
    void lesson17() {
        conceptPassesOnly(Ex17::concept1, 6, 8, 2, 24, 30);
        conceptPassesOnly(Ex17::concept2, "B", "A", "C", "D");
    }
}
