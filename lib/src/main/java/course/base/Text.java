package course.base;

/**
 * Column alignment for plain text that mixes Chinese and Latin characters: a Chinese character is two
 * columns wide on screen, a Latin letter one.
 *
 * <p>中英文混排时的对齐：屏幕上一个汉字占两列，一个英文字母占一列。{@code String.format("%-8s", ...)}
 * 按字符个数补空格，汉字一多就对不齐；这里按显示宽度补。
 *
 * <pre>{@code
 * Text.width("线程1");              // 5
 * Text.padRight("线程1", 8) + "|"   // "线程1   |"
 * }</pre>
 *
 * <p>Wide characters are those East Asian Width calls Wide or Fullwidth: CJK ideographs and punctuation,
 * kana, Hangul, full-width forms, and emoji pictographs. Everything else (including ≥, ✔, ✘) is one column.
 *
 * <p>Thread-safety: stateless; call from any thread.
 */
public final class Text {

    private Text() {
    }

    /** The display width of {@code s}: two columns per wide character, one per other character. */
    public static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    /** {@code s} followed by spaces up to {@code width} columns; unchanged when it is already as wide. */
    public static String padRight(String s, int width) {
        return s + " ".repeat(Math.max(0, width - width(s)));
    }

    /** Spaces up to {@code width} columns, then {@code s}; unchanged when it is already as wide. */
    public static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - width(s))) + s;
    }

    /** Whether the code point takes two columns. */
    public static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
