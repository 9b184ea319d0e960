package course.display;

import java.util.List;
import java.util.Locale;

import course.lincheck.LincheckReport;
import course.lincheck.ModelCheckResult;

/**
 * Lincheck's verdict as HTML: the summary, the results of the failing execution and the interleaving that leads to
 * the error as tables with one column per thread, the moments where a thread switch happens highlighted.
 *
 * <p>把 Lincheck 的结论画成网页表格：每一列是一个线程，从上往下是时间；黄色的行是 Lincheck 在这里换了线程。
 * 表下面有读法说明：{@code value ➜ 0} 是读到 0，{@code value = 1} 是写入 1，{@code result} 是操作的返回值。
 *
 * <p>Thread-safety: stateless; every method may be called from any thread.
 */
public final class LincheckCharts {

    /** Background of a row where the thread switches. */
    static final String SWITCH = "#fff3cd";
    /** How to read Lincheck's notation. */
    public static final String LEGEND = "读法：每一列是一个线程，从上往下是时间的先后。“字段 ➜ 值”是读到这个值，“字段 = 值”是写入这个值，"
            + "switch 表示在这里换成另一个线程运行（黄色），result 是操作的返回值，MONITORENTER / MONITOREXIT 是进入 / 离开 synchronized。";

    /** Caption of the first table: the failing execution's results (the kind of failure is in the summary above it). */
    static final String RESULTS = "出错的那次执行：每个操作的返回值";

    private LincheckCharts() {
    }

    /** The verdict, and for a bug the results table and the interleaving (not the detailed trace). */
    public static Html table(ModelCheckResult r) {
        StringBuilder sb = new StringBuilder("<div class=\"course-lincheck\">");
        sb.append("<p><b>").append(Html.escape(r.status().chinese())).append("</b> ")
                .append(Html.escape(r.summary().substring(r.status().chinese().length()).strip()).replace("\n", "<br>"))
                .append("</p>");
        for (LincheckReport.Section s : r.report().sections()) {
            if (!s.caption().equals(LincheckReport.DETAILED)) {
                section(sb, s, s.caption().equals(r.report().kind()) ? RESULTS : LincheckReport.chinese(s.caption()));
            }
        }
        if (!r.report().sections().isEmpty()) {
            sb.append("<p>").append(Html.escape(LEGEND)).append("</p>");
        }
        return new Html(sb.append("</div>").toString());
    }

    /** Lincheck's detailed trace (every read and write with the line of code), when the report has one. */
    public static Html traceTable(ModelCheckResult r) {
        StringBuilder sb = new StringBuilder("<div class=\"course-lincheck\">");
        r.report().section(LincheckReport.DETAILED).ifPresentOrElse(s -> section(sb, s, LincheckReport.chinese(s.caption())),
                () -> sb.append("<p>").append(Html.escape(r.passed() ? "检查通过，没有错误轨迹。" : "这次的报告里没有详细轨迹。")).append("</p>"));
        return new Html(sb.append("</div>").toString());
    }

    private static void section(StringBuilder sb, LincheckReport.Section s, String caption) {
        sb.append("<table class=\"course-table\"><caption>").append(Html.escape(caption))
                .append("</caption><thead><tr>");
        for (String h : s.header()) {
            sb.append("<th>").append(Html.escape(LincheckReport.chinese(h))).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        List<List<List<String>>> groups = s.groups();
        for (int g = 0; g < groups.size(); g++) {
            for (int i = 0; i < groups.get(g).size(); i++) {
                List<String> row = groups.get(g).get(i);
                boolean switches = row.stream().anyMatch(c -> c.strip().startsWith("switch"));
                String style = (switches ? "background:" + SWITCH + ";" : "")
                        + (g > 0 && i == 0 ? "border-top:2px solid #444;" : "");
                sb.append(style.isEmpty() ? "<tr>" : "<tr style=\"" + style + "\">");
                for (String c : row) {
                    sb.append("<td style=\"white-space:pre;font-family:monospace;text-align:left\">")
                            .append(Html.escape(c)).append("</td>");
                }
                sb.append("</tr>");
            }
        }
        sb.append("</tbody></table>");
        for (String n : s.notes()) {
            sb.append(String.format(Locale.ROOT, "<p>%s</p>", Html.escape(LincheckReport.chinese(n))));
        }
    }
}
