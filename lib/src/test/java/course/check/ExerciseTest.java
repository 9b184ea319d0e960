package course.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExerciseTest {

    @Test
    void allChecksPassingSaysPassedWithoutHints() {
        var v = Exercise.named("练习 1").expect("a", true, "提示 a").expectEquals("b", 2, 2, "提示 b").verdict();
        assertTrue(v.passed());
        assertEquals("✅ 通过 练习 1\n  ✔ a\n  ✔ b：2\n", v.toString());
    }

    @Test
    void aFailingCheckShowsExpectedActualAndItsHint() {
        var v = Exercise.named("练习 2").expectEquals("结果", 2_000_000, 1_500_000, "加锁").verdict();
        assertFalse(v.passed());
        assertEquals("❌ 没通过 练习 2\n  ✘ 结果：期望 2000000，实际是 1500000\n    提示：加锁\n", v.toString());
    }

    @Test
    void anExceptionInTheLearnersCodeFailsTheCheckInsteadOfTheCell() {
        var v = Exercise.named("练习 3").expectNoException("运行", () -> {
            throw new IllegalStateException("坏了");
        }, "看看异常").verdict();
        assertFalse(v.passed());
        assertTrue(v.toString().contains("抛出了异常 java.lang.IllegalStateException: 坏了"), v.toString());
    }

    @Test
    void anExerciseWithoutChecksIsAMistakeOfTheCourse() {
        var e = assertThrows(IllegalStateException.class, () -> Exercise.named("空").verdict());
        assertTrue(e.getMessage().contains("没有任何检查"));
    }

    @Test
    void theGradeRecordNamesTheFailedChecksWithoutHintsOrExpectedValues() {
        var v = Exercise.named("练习 4").expect("a", true, "提示 a")
                .expectEquals("结果", 2_000_000, 1_500_000, "加锁").verdict();
        assertEquals(Map.of("title", "练习 4", "passed", false, "failed", List.of("结果")), v.gradeRecord());
        assertEquals(List.of("title", "passed", "failed"), List.copyOf(v.gradeRecord().keySet()));
        assertEquals(true, Exercise.named("练习 5").expect("a", true, "").verdict().gradeRecord().get("passed"));
    }

    @Test
    void aPracticeQuestionReadsLikeAnExerciseButHasNoGradeRecord() {
        var v = Exercise.practice("调度题（种子 1）").expect("任务 A", false, "画时间轴").verdict();
        assertTrue(v.toString().startsWith("❌ 没通过 调度题（种子 1）"), v.toString());
        assertEquals(null, v.gradeRecord());
        assertEquals(false, v.graded());
    }
}
