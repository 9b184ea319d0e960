package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesTest {

    @Test
    void htmlHasCaptionHeadersAndEscapedCells() {
        Table t = Table.create("结果",
                StringColumn.create("类型", "List<String>", "a & b"),
                IntColumn.create("次数", 3, 4));
        String html = Tables.html(t).toHtml();
        assertTrue(html.startsWith("<table class=\"course-table\"><caption>结果</caption>"), html);
        assertTrue(html.contains("<th>类型</th><th>次数</th>"), html);
        assertTrue(html.contains("<td>List&lt;String&gt;</td><td>3</td>"), html);
        assertTrue(html.contains("<td>a &amp; b</td><td>4</td>"), html);
        assertEquals(html, Tables.html(t).toString());
    }
}
