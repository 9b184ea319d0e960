package course.base;

import java.time.Duration;
import java.util.Locale;

/**
 * Argument checks with the course's one message format: {@code name (value) must be RULE / 中文提示}.
 *
 * <p>参数检查：学习者在单元格里传错参数（线程数是 0、时间限制是负数……）时，在创建对象的那一刻就失败，
 * 信息先用英文说清是哪个参数、值是多少、规则是什么，再用中文提示，例如
 * {@code threads (0) must be in 1..64 / 线程数要在 1 到 64 之间}。每个方法检查通过时原样返回这个值，
 * 可以直接赋值：{@code this.runs = Args.inRange("runs", n, 1, 10_000, "运行次数");}
 *
 * <pre>{@code
 * Args.positive("quantum", ms, "时间片");              // quantum (0) must be positive / 时间片必须大于 0
 * Args.positive("timeout", limit, "时间限制");          // timeout (PT0S) must be positive / 时间限制必须大于 0
 * Args.check(!name.isBlank(), "thread name", name, "not be blank", "线程名不能为空");
 * }</pre>
 *
 * <p>The {@code chinese} argument of the named checks is the Chinese name of the value ("线程数"); the
 * helper adds the rule ("必须大于 0"). {@link #check} takes the whole Chinese hint.
 *
 * <p>Thread-safety: stateless; call from any thread.
 */
public final class Args {

    private Args() {
    }

    /**
     * Fails unless {@code ok}: the general check, Guava's {@code checkArgument}.
     *
     * @param rule what the value must do, after "must": {@code "be unique"}, {@code "not be blank"}
     * @param hint the whole Chinese hint
     * @throws IllegalArgumentException {@code name (value) must RULE / hint} when not ok
     */
    public static void check(boolean ok, String name, Object value, String rule, String hint) {
        if (!ok) {
            throw new IllegalArgumentException(name + " (" + value + ") must " + rule + " / " + hint);
        }
    }

    /**
     * {@code value}, when it is not null.
     *
     * @throws NullPointerException {@code name must not be null / name 不能是 null}
     */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null / " + name + " 不能是 null");
        }
        return value;
    }

    /**
     * {@code value}, when it is greater than 0.
     *
     * @throws IllegalArgumentException {@code name (value) must be positive / 中文名必须大于 0}
     */
    public static int positive(String name, int value, String chinese) {
        return (int) positive(name, (long) value, chinese);
    }

    /**
     * {@code value}, when it is greater than 0.
     *
     * @throws IllegalArgumentException {@code name (value) must be positive / 中文名必须大于 0}
     */
    public static long positive(String name, long value, String chinese) {
        check(value > 0, name, value, "be positive", chinese + "必须大于 0");
        return value;
    }

    /**
     * {@code value}, when it is not null and longer than zero.
     *
     * @throws NullPointerException     when value is null
     * @throws IllegalArgumentException {@code name (PT0S) must be positive / 中文名必须大于 0}
     */
    public static Duration positive(String name, Duration value, String chinese) {
        notNull(name, value);
        check(!value.isZero() && !value.isNegative(), name, value, "be positive", chinese + "必须大于 0");
        return value;
    }

    /**
     * {@code value}, when it is 0 or more.
     *
     * @throws IllegalArgumentException {@code name (value) must not be negative / 中文名不能是负数}
     */
    public static int notNegative(String name, int value, String chinese) {
        check(value >= 0, name, value, "not be negative", chinese + "不能是负数");
        return value;
    }

    /**
     * {@code value}, when it is not null and not negative (zero is allowed).
     *
     * @throws NullPointerException     when value is null
     * @throws IllegalArgumentException {@code name (value) must not be negative / 中文名不能是负数}
     */
    public static Duration notNegative(String name, Duration value, String chinese) {
        notNull(name, value);
        check(!value.isNegative(), name, value, "not be negative", chinese + "不能是负数");
        return value;
    }

    /**
     * {@code value}, when {@code min ≤ value ≤ max}.
     *
     * @throws IllegalArgumentException {@code name (value) must be in min..max / 中文名要在 min 到 max 之间}
     */
    public static int inRange(String name, int value, int min, int max, String chinese) {
        check(value >= min && value <= max, name, value, String.format(Locale.ROOT, "be in %d..%d", min, max),
                String.format(Locale.ROOT, "%s要在 %d 到 %d 之间", chinese, min, max));
        return value;
    }
}
