package course.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import course.cpu.Cpu;
import course.cpu.InterleavingResult;

class SchedulerGameTest {

    static List<Level> levels() {
        return SchedulerGame.levels();
    }

    @ParameterizedTest(name = "level {0}")
    @MethodSource("levels")
    void winnableLevelsAreWonByTheirSolutionAndOnlyAtItsLastStep(Level level) {
        if (!level.winnable()) {
            assertTrue(level.solution().isEmpty());
            return;
        }
        int[] solution = level.solution().orElseThrow();
        Cpu cpu = level.cpu();
        for (int k = 0; k < solution.length; k++) {
            assertFalse(level.won(cpu), "won too early, before step " + (k + 1));
            cpu.run(solution[k]);
        }
        assertTrue(level.won(cpu), cpu.toString());
    }

    @Test
    void theLockedCounterCannotBeBrokenAndTheEnumeratorShowsWhy() {
        Level locked = SchedulerGame.level(5);
        InterleavingResult r = locked.enumerate();
        assertEquals(Set.of(2L), r.values());
        assertEquals(1, r.outcomes().size());
        assertTrue(locked.explanation().contains("赢不了"));
    }

    @Test
    void locksInOneOrderCannotDeadlockButOppositeOrderCan() {
        assertFalse(SchedulerGame.level(8).enumerate().canDeadlock());
        assertTrue(SchedulerGame.level(7).enumerate().canDeadlock());
    }

    @Test
    void theCasCounterNeverLosesAnUpdate() {
        InterleavingResult r = SchedulerGame.level(6).enumerate();
        assertEquals(Set.of(4L), r.values());
        assertFalse(r.canDeadlock());
        assertFalse(r.endless());
    }

    @Test
    void aLevelThatDoesNotExistIsAClearChineseMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SchedulerGame.level(99));
        assertEquals("level (99) must be in 1.." + SchedulerGame.levels().size() + " / 没有第 99 关：关卡从 1 到 "
                + SchedulerGame.levels().size() + "，例如 SchedulerGame.level(1)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SchedulerGame.level(0));
    }

    @Test
    void htmlCarriesTheScriptInlineAndNothingFromTheNetwork() {
        String html = SchedulerGame.level(1).toHtml();
        assertTrue(html.contains("<script data-course-widget=\"scheduler-game\">"));
        assertTrue(html.contains("CourseSchedulerGame.mount(\"course-game-1-"));
        assertFalse(html.contains("src="), "no script or image is loaded from anywhere");
        assertFalse(html.contains("http"), "no address at all");
        assertEquals(1, html.split("</script>", -1).length - 1, "the level's texts cannot close the script early");
    }

    @Test
    void everyLevelHasAtLeastSevenAndTeachesSomething() {
        assertTrue(SchedulerGame.levels().size() >= 7);
        for (Level l : SchedulerGame.levels()) {
            assertFalse(l.explanation().isBlank());
            assertTrue(l.json().contains("\"lessonFile\":\"0"), l.json());
        }
    }
}
