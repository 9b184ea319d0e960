package course.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OutcomesTest {

    private final Outcomes<String> sb = Outcomes.<String>create()
            .acceptable("0, 1", "线程 1 先做完")
            .acceptable("1, 0", "线程 2 先做完")
            .acceptable("1, 1", "交错")
            .interesting("0, 0", "存储缓冲");

    @Test
    void theFirstMatchingRuleGradesAndUnlistedOutcomesAreForbidden() {
        assertEquals(Grade.ACCEPTABLE, sb.grade("0, 1"));
        assertEquals(Grade.ACCEPTABLE_INTERESTING, sb.grade("0, 0"));
        assertEquals(Grade.FORBIDDEN, sb.grade("2, 2"));
        assertEquals("2, 2", sb.rule("2, 2").label());
        Outcomes<String> lenient = sb.otherwise(Grade.ACCEPTABLE, "都行");
        assertEquals(Grade.ACCEPTABLE, lenient.grade("2, 2"));
        assertEquals(Grade.FORBIDDEN, sb.grade("2, 2"), "otherwise returns a new set of rules");
    }

    @Test
    void tableHasOneRowPerRuleInOrderThenOnePerUnlistedOutcome() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("0, 1", 90L);
        counts.put("0, 0", 7L);
        counts.put("2, 2", 2L);
        counts.put("3, 3", 1L);
        OutcomeTable<String> t = sb.tally(counts);
        assertEquals(List.of("0, 1", "1, 0", "1, 1", "0, 0", "2, 2", "3, 3"),
                t.rows().stream().map(OutcomeTable.Row::label).toList());
        assertEquals(100, t.total());
        assertEquals(0, t.count("1, 0"));
        assertEquals(7, t.count(Grade.ACCEPTABLE_INTERESTING));
        assertEquals(3, t.forbidden());
        assertFalse(t.passed());
        assertTrue(t.row("2, 2").orElseThrow().violation());
        assertFalse(t.row("0, 0").orElseThrow().violation());
        assertEquals(0.07, t.share("0, 0"), 1e-9);
    }

    @Test
    void aTableWithoutForbiddenOutcomesPassesWhetherOrNotTheInterestingOneWasSeen() {
        assertTrue(sb.tally(Map.of("0, 1", 5L, "1, 0", 5L)).passed());
        assertTrue(sb.tally(Map.of("0, 0", 5L)).passed());
        assertTrue(sb.tally(Map.of()).passed());
    }

    @Test
    void rulesOverRangesGatherTheirValuesInOneSortedRow() {
        long expected = 20;
        Outcomes<Long> race = Outcomes.<Long>create()
                .when("正确", v -> v == expected, Grade.ACCEPTABLE, "每一次 +1 都留下来了")
                .when("丢失更新", v -> v >= 2 && v < expected, Grade.ACCEPTABLE_INTERESTING, "覆盖")
                .when("禁止", v -> true, Grade.FORBIDDEN, "不可能");
        OutcomeTable<Long> t = race.tally(Map.of(20L, 3L, 12L, 1L, 5L, 2L));
        assertEquals(List.of("正确", "丢失更新", "禁止"), t.rows().stream().map(OutcomeTable.Row::label).toList());
        OutcomeTable.Row<Long> lost = t.row("丢失更新").orElseThrow();
        assertEquals(3, lost.count());
        assertEquals(List.of(5L, 12L), List.copyOf(lost.values().keySet()));
        assertTrue(t.passed());
    }

    @Test
    void toStringAlignsTheRowsAndMarksAForbiddenOutcomeThatWasSeen() {
        String text = sb.tally(Map.of("0, 1", 1_234L, "9, 9", 1L)).toString();
        assertTrue(text.contains("0, 1  允许") && text.contains("1,234 次"), text);
        assertTrue(text.contains("✘ 没有列出的结果"), text);
    }

    @Test
    void negativeCountsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sb.tally(Map.of("0, 1", -1L)));
        assertTrue(e.getMessage().contains("(-1) must not be negative"), e.getMessage());
    }
}
