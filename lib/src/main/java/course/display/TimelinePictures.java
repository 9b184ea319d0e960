package course.display;

import java.util.List;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables for the thread timeline recorder ({@code course.timeline}), built without the caller touching Tablesaw.
 *
 * <p>线程时间线（{@code course.timeline}）用的表格：调用者只给出列名和每行的值，
 * 这里把它们变成 Tablesaw 表格和笔记本里显示的 HTML。数字列（{@link Number}）保留一位小数。
 */
public final class TimelinePictures {

    private TimelinePictures() {
    }

    /**
     * A Tablesaw table: one column per header; a column whose first row holds a {@link Number} is numeric.
     *
     * @throws IllegalArgumentException when a row's length differs from the number of headers
     */
    public static Table table(String caption, List<String> headers, List<List<Object>> rows) {
        for (List<Object> r : rows) {
            if (r.size() != headers.size()) {
                throw new IllegalArgumentException("row size (" + r.size() + ") must equal the number of headers ("
                        + headers.size() + ") / 每一行的值个数必须和列数一样");
            }
        }
        Table t = Table.create(caption);
        for (int c = 0; c < headers.size(); c++) {
            boolean numeric = !rows.isEmpty() && rows.get(0).get(c) instanceof Number;
            if (numeric) {
                DoubleColumn col = DoubleColumn.create(headers.get(c));
                for (List<Object> r : rows) {
                    col.append(Math.round(((Number) r.get(c)).doubleValue() * 10) / 10.0);
                }
                t.addColumns(col);
            } else {
                StringColumn col = StringColumn.create(headers.get(c));
                for (List<Object> r : rows) {
                    col.append(String.valueOf(r.get(c)));
                }
                t.addColumns(col);
            }
        }
        return t;
    }

    /** {@link #table} shown as HTML: {@code Tables.html(table(...))}. */
    public static Html html(String caption, List<String> headers, List<List<Object>> rows) {
        return Tables.html(table(caption, headers, rows));
    }
}
