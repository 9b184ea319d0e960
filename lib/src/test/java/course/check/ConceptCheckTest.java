package course.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import course.check.Exercise.Verdict;

class ConceptCheckTest {

    private static Verdict processes(Object answer) {
        return processes(answer, "B");
    }

    private static Verdict processes(Object answer, String correct) {
        return ConceptCheck.choice("概念 1：进程和线程", answer).options("ABCD").correct(correct)
                .hint("回到第 2 节。").hint("A", "A 说的是两个进程。").verdict();
    }

    private static Verdict trueStatements(Object answer) {
        return trueStatements(answer, "AC");
    }

    private static Verdict trueStatements(Object answer, String correct) {
        return ConceptCheck.choice("概念 2：都对的", answer).options("ABCD").correct(correct).hint("回到第 3 节。").verdict();
    }

    private static Verdict slices(Object answer) {
        return slices(answer, 12);
    }

    private static Verdict slices(Object answer, double correct) {
        return ConceptCheck.number("概念 3：时间片", answer).correct(correct).within(0.5).hint("数一数甘特图。").verdict();
    }

    /**
     * A failed verdict gives nothing away: it fails, shows no ✔, and reads exactly the same as the verdict of the
     * same answer to the same question with another correct answer.
     */
    private static void givesNothingAway(Verdict v, Verdict otherCorrect) {
        assertFalse(v.passed(), v::toString);
        assertFalse(v.toString().contains("✔"), v::toString);
        assertEquals(otherCorrect.toString(), v.toString());
        assertEquals(otherCorrect.gradeRecord(), v.gradeRecord());
    }

    @Test
    void theRightAnswerPassesHoweverItIsWritten() {
        for (Object a : List.of("B", "b", " B ", "（b）")) {
            assertTrue(processes(a).passed(), () -> a + " → " + processes(a));
        }
        for (Object a : List.of("AC", "ca", "A, C", "A 和 C")) {
            assertTrue(trueStatements(a).passed(), () -> a + " → " + trueStatements(a));
        }
        for (Object a : List.of(12, 12.0, 11.6, "12", "12 个", " 12.4 ")) {
            assertTrue(slices(a).passed(), () -> a + " → " + slices(a));
        }
        assertEquals("✅ 通过 概念 1：进程和线程\n  ✔ 你的答案：B\n", processes("b").toString());
    }

    @Test
    void anUnansweredQuestionPassesNothingAndSaysHowToAnswer() {
        for (Object blank : Arrays.asList(null, "", "  ")) {
            Verdict v = processes(blank);
            givesNothingAway(v, processes(blank, "D"));
            assertTrue(v.toString().contains("还没有作答"), v::toString);
            assertTrue(v.toString().contains("从 A、B、C、D 中选一个"), v::toString);
            givesNothingAway(slices(blank), slices(blank, 20));
            assertTrue(trueStatements(blank).toString().contains("选出所有正确的"));
        }
    }

    @Test
    void aWrongAnswerShowsTheLearnersOwnAnswerAndTheHintsNeverTheAnswer() {
        Verdict v = processes("A");
        assertEquals("❌ 没通过 概念 1：进程和线程\n  ✘ 你的答案是 A\n    提示：A 说的是两个进程。 回到第 2 节。\n", v.toString());
        givesNothingAway(processes("C"), processes("C", "D"));
        assertEquals(List.of("你的答案是 C"), processes("C").gradeRecord().get("failed"));
        for (String half : List.of("A", "C", "ABC", "ACD", "ABCD")) {
            givesNothingAway(trueStatements(half), trueStatements(half, "BD"));
        }
        for (Object wrong : List.of(11, 13, "13", -12)) {
            givesNothingAway(slices(wrong), slices(wrong, 20));
        }
    }

    @Test
    void anAnswerThatIsNoOptionOrNoNumberSaysSo() {
        assertTrue(processes("E").toString().contains("你的答案是 E，不是选项"), processes("E")::toString);
        assertTrue(processes("不知道").toString().contains("不是选项"));
        assertTrue(slices("十二").toString().contains("不是一个数"));
        assertTrue(slices("12 或 13").toString().contains("不是一个数"));
        assertFalse(slices(Double.NaN).passed());
    }

    @Test
    void conceptChecksAreGraded() {
        assertEquals(true, processes("B").gradeRecord().get("passed"));
        assertEquals(false, processes(null).gradeRecord().get("passed"));
    }

    @Test
    void aQuestionWrittenWrongIsTheCoursesMistake() {
        assertThrows(IllegalStateException.class,
                () -> ConceptCheck.choice("x", "A").options("ABC").correct("D").hint("h").verdict());
        assertThrows(IllegalStateException.class,
                () -> ConceptCheck.choice("x", "A").options("ABC").correct("A").hint("A", "h").hint("h").verdict());
        assertThrows(IllegalStateException.class, () -> ConceptCheck.choice("x", "A").options("ABC").correct("A").verdict());
        assertThrows(IllegalStateException.class, () -> ConceptCheck.number("x", 1).hint("h").verdict());
        assertThrows(IllegalArgumentException.class, () -> ConceptCheck.choice("x", "A").options("A"));
        assertThrows(IllegalArgumentException.class, () -> ConceptCheck.number("x", 1).within(-1));
    }
}
