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
    void aFailingCheckShowsWhatTheLearnersCodeGaveAndAHintButNotTheExpectedValue() {
        var v = Exercise.named("练习 2").expectEquals("结果", 2_000_000, 1_500_000, "加锁").verdict();
        assertFalse(v.passed());
        assertEquals("❌ 没通过 练习 2\n  ✘ 结果：得到的是 1500000\n    提示：加锁\n", v.toString());
    }

    @Test
    void aWrongPredictionShowsTheLearnersOwnAnswerNeverTheCorrectOne() {
        var v = Exercise.named("练习 3").expectAnswer("步数", 24, 12, "数一数指令").expectAnswer("A", 50, null, "画时间轴")
                .expectAnswer("B", "线程", " ", "想一想").verdict();
        assertEquals("❌ 没通过 练习 3\n  ✘ 步数：你的答案是 12\n    提示：数一数指令\n  ✘ A：还没有填\n    提示：画时间轴\n"
                + "  ✘ B：还没有填\n    提示：想一想\n", v.toString());
        assertEquals("✅ 通过 练习 3\n  ✔ 步数：24\n", Exercise.named("练习 3").expectAnswer("步数", 24, 24, "").verdict().toString());
    }

    @Test
    void aHintSharedByChecksIsShownOnce() {
        var v = Exercise.named("练习 6").expectAnswer("A", 50, 0, "画时间轴").expectAnswer("B", 45, 0, "画时间轴").verdict();
        assertEquals("❌ 没通过 练习 6\n  ✘ A：你的答案是 0\n    提示：画时间轴\n  ✘ B：你的答案是 0\n", v.toString());
    }

    @Test
    void aTimeLimitIsStatedAsAFactEitherWay() {
        assertEquals("❌ 没通过 练习 4\n  ✘ 总耗时：应少于 2400 ms，实际 2440 ms\n    提示：一起提交\n",
                Exercise.named("练习 4").expectTime("总耗时", 2440, 2400, "一起提交").verdict().toString());
        assertEquals("✅ 通过 练习 4\n  ✔ 总耗时：412 ms（应少于 600 ms）\n",
                Exercise.named("练习 4").expectTime("总耗时", 412, 600, "一起提交").verdict().toString());
    }

    @Test
    void aCheckThatCannotBeMadeYetIsNeitherPassedNorAFalseFailure() {
        var v = Exercise.named("练习 5").expect("子进程个数", false, "启动两个")
                .expectIf(false, "还没有两个子进程", "NUMS 没有变", true, "进程不共享内存").verdict();
        assertFalse(v.passed());
        assertEquals(Exercise.Mark.NOT_CHECKED, v.items().get(1).mark());
        assertEquals("❌ 没通过 练习 5\n  ✘ 子进程个数\n    提示：启动两个\n  · NUMS 没有变：还没有检查（还没有两个子进程）\n", v.toString());
        assertEquals(List.of("子进程个数", "NUMS 没有变"), v.gradeRecord().get("failed"));
        assertTrue(Exercise.named("练习 5").expectIf(true, "", "NUMS 没有变", true, "").verdict().passed());
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
        var v = Exercise.practice("调度题（题号 1）").expect("任务 A", false, "画时间轴").verdict();
        assertTrue(v.toString().startsWith("❌ 没通过 调度题（题号 1）"), v.toString());
        assertEquals(null, v.gradeRecord());
        assertEquals(false, v.graded());
    }
}
