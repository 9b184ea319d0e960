package course.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextTest {

    static List<Arguments> widths() {
        return List.of(
                Arguments.of("Latin letters are one column", "count++", 7),
                Arguments.of("Chinese characters are two", "线程", 4),
                Arguments.of("mixed", "线程1", 5),
                Arguments.of("full-width punctuation is two", "（演示）", 8),
                Arguments.of("math and check marks are one", "≥ ✔ ✘", 5),
                Arguments.of("an emoji is two", "\uD83D\uDE00", 2),
                Arguments.of("empty", "", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("widths")
    void widthCountsColumnsOnScreen(String description, String text, int width) {
        assertEquals(width, Text.width(text), description);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("widths")
    void paddingReachesTheWidthOnBothSides(String description, String text, int width) {
        assertEquals(width + 3, Text.width(Text.padRight(text, width + 3)), description);
        assertEquals(width + 3, Text.width(Text.padLeft(text, width + 3)), description);
        assertEquals(text, Text.padRight(text, width - 1), "never cut: " + description);
        assertEquals(text, Text.padLeft(text, 0), "never cut: " + description);
    }

    @Test
    void columnsLineUpWhateverTheScript() {
        assertEquals("线程1   |", Text.padRight("线程1", 8) + "|");
        assertEquals("abcde   |", Text.padRight("abcde", 8) + "|");
        assertEquals("  时间|", Text.padLeft("时间", 6) + "|");
    }
}
