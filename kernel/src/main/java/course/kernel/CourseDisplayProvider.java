package course.kernel;

import java.awt.image.RenderedImage;
import java.io.PrintStream;
import java.lang.reflect.Method;
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
 * <p>Only results without an explicit MIME type pass through here: {@code display("text/html", s)}
 * keeps its meaning.
 */
public final class CourseDisplayProvider implements DisplayProvider {

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
            return html != null ? DisplayData.fromHtml(html) : DisplayData.fromText(String.valueOf(o));
        }

        /** The result of a public no-argument {@code toHtml()} returning a String, or null. */
        static String htmlOf(Object o) {
            if (o == null) {
                return null;
            }
            try {
                Method m = o.getClass().getMethod("toHtml");
                return m.getReturnType() == String.class ? (String) m.invoke(o) : null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
