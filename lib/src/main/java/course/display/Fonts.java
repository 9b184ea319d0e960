package course.display;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds an installed font that can draw Chinese text.
 *
 * <p>图表里的中文需要一个中文字体（CJK font）。没有的话，JFreeChart 会把每个汉字画成一个方框。
 * 这里按顺序查找常见的中文字体；一个也没有时抛出异常，告诉你该安装什么。
 *
 * <p>Thread-safety: call from any thread; the font found first is remembered (a benign race may look twice).
 */
public final class Fonts {

    /** Families tried in order; the first installed one wins. */
    static final List<String> PREFERRED = List.of(
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC",
            "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", "SimHei", "PingFang SC",
            "Heiti SC", "AR PL UMing CN");

    static final String SAMPLE = "多任务线程进程";

    private static volatile String family;

    private Fonts() {
    }

    /**
     * The family name of an installed CJK font.
     *
     * @throws IllegalStateException when no installed font can draw Chinese; the message names the
     *                               package to install
     */
    public static String cjkFamily() {
        String f = family;
        if (f == null) {
            f = pick(Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
            family = f;
        }
        return f;
    }

    /** A CJK font of the given style and size. */
    public static Font cjk(int style, float size) {
        return new Font(cjkFamily(), style, Math.round(size)).deriveFont(size);
    }

    static String pick(Set<String> installed) {
        for (String name : PREFERRED) {
            if (installed.contains(name) && new Font(name, Font.PLAIN, 12).canDisplayUpTo(SAMPLE) == -1) {
                return name;
            }
        }
        throw new IllegalStateException("没有找到能显示中文的字体 (no CJK font installed), 图表里的汉字会变成方框。"
                + " Install one: Debian/Ubuntu 'apt-get install fonts-wqy-microhei' (or fonts-noto-cjk),"
                + " then restart the kernel. Looked for: "
                + Arrays.stream(PREFERRED.toArray(String[]::new)).collect(Collectors.joining(", ")));
    }
}
