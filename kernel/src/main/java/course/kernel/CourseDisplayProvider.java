package course.kernel;

import java.awt.image.RenderedImage;
import java.io.PrintStream;
import java.util.List;

import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.image.DefaultImageDisplayRenderer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/**
 * Shows a cell's result the way a learner expects.
 *
 * <p>一个单元格最后一个表达式的值：图片显示为图片；有 {@code toHtml()} 方法的对象（课程库里的表格）
 * 显示为 HTML；{@code System.out.printf(...)} 这类调用返回的 {@code PrintStream} 不显示；
 * 其他对象显示为纯文本（内核默认会把 {@code toString()} 当作 HTML，
 * 于是 {@code "List<String>"} 之类的文字会消失，换行也会丢失）。
 *
 * <p>An exercise's verdict ({@code course.check.Exercise.Verdict}) also carries its grading record
 * as {@value #VERDICT_MIME}: {@code ./course grade} reads the results of the course's check cells
 * from that output only, which no printed text can imitate.
 *
 * <p>Only results without an explicit MIME type pass through here: {@code display("text/html", s)}
 * keeps its meaning.
 */
public final class CourseDisplayProvider implements DisplayProvider {

    /** The MIME type of an exercise verdict's grading record (a JSON object: title, passed, failed). */
    public static final String VERDICT_MIME = "application/vnd.course.verdict+json";

    /** The library's verdict class, named here because the library is not on the kernel's class path. */
    static final String VERDICT_CLASS = "course.check.Exercise$Verdict";

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new ResultRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    static final class ResultRenderer implements DisplayRenderer {
        private final DefaultImageDisplayRenderer images = new DefaultImageDisplayRenderer();

        @Override
        public Class<?> rendererClass() {
            return Object.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null;
        }

        @Override
        public DisplayData render(String mime, Object o) {
            if (o instanceof RenderedImage) {
                return images.render(null, o);
            }
            if (o instanceof PrintStream) {
                return new DisplayData() { }; // printf/format/append on a cell's last line: already printed
            }
            String html = htmlOf(o);
            DisplayData shown = html != null ? DisplayData.fromHtml(html) : DisplayData.fromText(String.valueOf(o));
            Object record = o != null && o.getClass().getName().equals(VERDICT_CLASS) ? call(o, "gradeRecord") : null;
            if (record != null) {
                shown.putData(VERDICT_MIME, record);
            }
            return shown;
        }

        /** The result of a public no-argument {@code toHtml()} returning a String, or null. */
        static String htmlOf(Object o) {
            return call(o, "toHtml") instanceof String s ? s : null;
        }

        /** The result of the public no-argument method {@code name} of {@code o}, or null. */
        private static Object call(Object o, String name) {
            if (o == null) {
                return null;
            }
            try {
                return o.getClass().getMethod(name).invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
