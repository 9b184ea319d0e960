package course.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArgsTest {

    static List<Arguments> rejected() {
        return List.of(
                Arguments.of("zero int", (Executable) () -> Args.positive("runs", 0, "运行次数"),
                        "runs (0) must be positive / 运行次数必须大于 0"),
                Arguments.of("negative long", (Executable) () -> Args.positive("increments", -5L, "每个线程加的次数"),
                        "increments (-5) must be positive / 每个线程加的次数必须大于 0"),
                Arguments.of("zero duration", (Executable) () -> Args.positive("timeout", Duration.ZERO, "时间限制"),
                        "timeout (PT0S) must be positive / 时间限制必须大于 0"),
                Arguments.of("negative duration", (Executable) () -> Args.positive("timeout", Duration.ofMillis(-1), "时间限制"),
                        "timeout (PT-0.001S) must be positive / 时间限制必须大于 0"),
                Arguments.of("below range", (Executable) () -> Args.inRange("threads", 0, 1, 64, "线程数"),
                        "threads (0) must be in 1..64 / 线程数要在 1 到 64 之间"),
                Arguments.of("above range", (Executable) () -> Args.inRange("threads", 65, 1, 64, "线程数"),
                        "threads (65) must be in 1..64 / 线程数要在 1 到 64 之间"),
                Arguments.of("negative int", (Executable) () -> Args.notNegative("size", -5, "字节数"),
                        "size (-5) must not be negative / 字节数不能是负数"),
                Arguments.of("negative delay", (Executable) () -> Args.notNegative("delay", Duration.ofSeconds(-1), "等待时间"),
                        "delay (PT-1S) must not be negative / 等待时间不能是负数"),
                Arguments.of("general rule", (Executable) () -> Args.check(false, "thread name", "线程1", "be unique", "线程名重复了"),
                        "thread name (线程1) must be unique / 线程名重复了"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void aBadValueFailsWithNameValueRuleAndChineseHint(String description, Executable check, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, check, description).getMessage());
    }

    @Test
    void nullFailsWithNullPointerExceptionNamingTheArgument() {
        assertEquals("timeout must not be null / timeout 不能是 null",
                assertThrows(NullPointerException.class, () -> Args.positive("timeout", (Duration) null, "时间限制")).getMessage());
        assertEquals("title must not be null / title 不能是 null",
                assertThrows(NullPointerException.class, () -> Args.notNull("title", null)).getMessage());
    }

    @Test
    void aGoodValueIsReturnedUnchanged() {
        Duration d = Duration.ofMillis(5);
        assertSame(d, Args.positive("timeout", d, "时间限制"));
        assertSame(Duration.ZERO, Args.notNegative("delay", Duration.ZERO, "等待时间"));
        assertEquals(1, Args.inRange("threads", 1, 1, 64, "线程数"));
        assertEquals(64, Args.inRange("threads", 64, 1, 64, "线程数"));
        assertEquals(7L, Args.positive("n", 7L, "个数"));
        assertEquals(0, Args.notNegative("size", 0, "字节数"));
        Args.check(true, "x", 1, "be anything", "随便");
    }
}
