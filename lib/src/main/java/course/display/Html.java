package course.display;

import course.base.Args;

/**
 * A piece of HTML that a notebook shows as HTML when it is a cell's result.
 *
 * <p>单元格最后一个表达式如果是 {@code Html}，笔记本把它显示成网页内容（例如表格）；
 * {@code toString()} 返回同一段 HTML 源码。
 *
 * <p>Thread-safety: immutable.
 *
 * @param html the markup
 */
public record Html(String html) {

    public Html {
        Args.notNull("html", html);
    }

    /** The markup; the course kernel shows a result with this method as HTML. */
    public String toHtml() {
        return html;
    }

    @Override
    public String toString() {
        return html;
    }

    /** Escapes the characters that HTML treats as markup. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
