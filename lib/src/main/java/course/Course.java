package course;

import java.util.Locale;

import course.display.Fonts;

/**
 * The first call of every notebook: says what the course runs on.
 *
 * <p>每个笔记本的第一个代码单元格调用 {@code Course.start()}：打印课程库、Java 版本、CPU 核数、
 * 是否支持虚拟线程，以及图表用的中文字体。哪一项有问题，这里就会说清楚怎么修。
 *
 * <p>Thread-safety: stateless; call from any thread.
 */
public final class Course {

    private Course() {
    }

    /** Prints the environment a learner's results depend on; warns (does not fail) about what is missing. */
    public static void start() {
        System.out.println(describe());
    }

    /** The text {@link #start()} prints. */
    public static String describe() {
        Runtime.Version v = Runtime.version();
        String vendor = System.getProperty("java.vendor", "?");
        StringBuilder sb = new StringBuilder();
        sb.append("课程库已加载 (course-lib)\n");
        sb.append(String.format(Locale.ROOT, "  Java      : %s (%s)%n", v, vendor));
        sb.append(String.format(Locale.ROOT, "  CPU 核数  : %d%n", Runtime.getRuntime().availableProcessors()));
        sb.append("  虚拟线程  : ").append(v.feature() >= 21
                ? "有 (Java " + v.feature() + ")"
                : "没有 (需要 Java 21+; 当前 Java " + v.feature() + ", 相关单元格会跳过并说明)").append('\n');
        String font;
        try {
            font = Fonts.cjkFamily();
        } catch (IllegalStateException e) {
            font = "缺失! " + e.getMessage();
        }
        sb.append("  中文字体  : ").append(font);
        return sb.toString();
    }
}
