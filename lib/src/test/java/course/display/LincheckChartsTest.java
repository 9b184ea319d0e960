package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import course.lincheck.LincheckReport;
import course.lincheck.LincheckReportTest;
import course.lincheck.ModelCheckResult;

class LincheckChartsTest {

    /** The counter report, as Lincheck printed it. */
    static final String REPORT = LincheckReportTest.COUNTER;

    private static ModelCheckResult result(ModelCheckResult.Status status, String report) {
        return new ModelCheckResult("Counter", "模型检查", status, Duration.ofMillis(300), Duration.ofMillis(900), false,
                LincheckReport.parse(report), "", List.of());
    }

    @Test
    void aFoundBugShowsTheResultsAndTheInterleavingInChineseWithTheSwitchHighlightedButNotTheDetailedTrace() {
        String html = LincheckCharts.table(result(ModelCheckResult.Status.FAILED, REPORT)).toHtml();
        assertTrue(html.startsWith("<div class=\"course-lincheck\"><p><b>✘ 找到了错误</b> Lincheck 检查 Counter"), html);
        assertTrue(html.contains("<caption>导致错误的交错（interleaving）</caption><thead><tr><th>线程 1</th><th>线程 2</th>"), html);
        assertTrue(html.contains("<tr style=\"background:" + LincheckCharts.SWITCH + ";\">"), html);
        assertTrue(html.contains(">  value ➜ 0</td>"), html);
        assertTrue(html.contains("<tr style=\"border-top:2px solid #444;\"><td style=\"white-space:pre;font-family:monospace;"
                + "text-align:left\">get(): 1</td>"), html);
        assertTrue(html.contains("<p>横线上面的操作都先于横线下面的操作（happens-before）</p>"), html);
        assertTrue(html.contains("<caption>" + LincheckCharts.RESULTS + "</caption>"), html);
        assertFalse(html.contains("详细轨迹"), html);
        assertTrue(html.contains("读法："), html);
        assertTrue(LincheckCharts.traceTable(result(ModelCheckResult.Status.FAILED, REPORT)).toHtml().contains("详细轨迹"));
    }

    @Test
    void aPassedCheckIsOneLineWithoutLegend() {
        ModelCheckResult passed = result(ModelCheckResult.Status.PASSED, "");
        String html = LincheckCharts.table(passed).toHtml();
        assertTrue(html.contains("<b>✔ 通过</b> Lincheck 检查 Counter"), html);
        assertFalse(html.contains("<table"), html);
        assertFalse(html.contains("读法"), html);
        assertTrue(LincheckCharts.traceTable(passed).toHtml().contains("检查通过，没有错误轨迹"));
        assertEquals(0, passed.report().sections().size());
    }
}
