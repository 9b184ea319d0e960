package course.display;

import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Turns a Tablesaw {@link Table} into HTML that a notebook shows as a table.
 *
 * <p>把 Tablesaw 表格变成笔记本里显示的 HTML 表格：{@code Tables.html(table)} 放在单元格最后一行即可。
 *
 * <p>Thread-safety: stateless; do not change the Tablesaw table while it is being turned into HTML.
 */
public final class Tables {

    private Tables() {
    }

    /** The whole table as an HTML table, with its name as caption. */
    public static Html html(Table table) {
        StringBuilder sb = new StringBuilder("<table class=\"course-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            sb.append("<caption>").append(Html.escape(table.name())).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th>").append(Html.escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (Row row : table) {
            sb.append("<tr>");
            for (int i = 0; i < table.columnCount(); i++) {
                sb.append("<td>").append(Html.escape(table.column(i).getString(row.getRowNumber()))).append("</td>");
            }
            sb.append("</tr>");
        }
        return new Html(sb.append("</tbody></table>").toString());
    }
}
