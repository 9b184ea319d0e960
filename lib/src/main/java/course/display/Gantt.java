package course.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import course.base.Args;

/**
 * A Gantt chart: one row per thread, core or task, one bar per time span.
 *
 * <p>甘特图：每一行是一个线程（或 CPU 核、任务），每个色块是一段时间。颜色按 {@code series} 区分
 * （例如任务名，或"执行/就绪/等待"），图例说明颜色；{@code label} 写在色块中间（放得下才写：按画出来的宽度量），
 * 深色块上用白字，浅色块上用深灰字。
 *
 * <pre>{@code
 * Gantt.chart("轮转调度, 1 个核", "时间 (ms)", List.of(
 *         new Gantt.Bar("核 0", 0, 10, "任务 A", "A"),
 *         new Gantt.Bar("核 0", 10, 20, "任务 B", "B")))
 * }</pre>
 *
 * <p>Thread-safety: stateless; call from any thread.
 */
public final class Gantt {

    /**
     * One span of time on one row.
     *
     * @param row    the row (thread, core, task) in order of first appearance
     * @param start  start time, in the unit of the time axis
     * @param end    end time (≥ start)
     * @param series colour key shown in the legend
     * @param label  text inside the bar, or empty
     */
    public record Bar(String row, double start, double end, String series, String label) {
        public Bar {
            Args.check(end >= start, "end", end, "not be before start (" + start + ")", "结束时间不能早于开始时间");
        }
    }

    private Gantt() {
    }

    /** Draws the bars; rows appear top to bottom in order of first appearance. */
    public static BufferedImage chart(String title, String timeAxis, List<Bar> bars) {
        return chart(title, timeAxis, bars, Map.of());
    }

    /**
     * Draws the bars with fixed colours for some series (for example 执行 green, 等待 grey).
     */
    public static BufferedImage chart(String title, String timeAxis, List<Bar> bars, Map<String, Color> colours) {
        return Charts.render(build(title, timeAxis, bars, colours), Charts.WIDTH, height(rows(bars).size()));
    }

    /** The height the chart is drawn at: room for every row. */
    static int height(int rows) {
        return Math.max(220, 90 + 44 * rows);
    }

    /** The rows in order of first appearance. */
    static List<String> rows(List<Bar> bars) {
        return new ArrayList<>(new LinkedHashSet<>(bars.stream().map(Bar::row).toList()));
    }

    /**
     * The themed chart {@link #chart} draws: one interval series per colour key (in order of first appearance),
     * rows top to bottom on a symbol axis, a label annotation on each bar wide enough for its text (as drawn).
     */
    static JFreeChart build(String title, String timeAxis, List<Bar> bars, Map<String, Color> colours) {
        List<String> rows = rows(bars);
        Map<String, XYIntervalSeries> series = new LinkedHashMap<>();
        for (Bar b : bars) {
            int y = rows.size() - 1 - rows.indexOf(b.row());
            series.computeIfAbsent(b.series(), XYIntervalSeries::new)
                    .add(y, y - 0.35, y + 0.35, b.start(), b.start(), b.end());
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        series.values().forEach(data::addSeries);

        List<String> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        SymbolAxis rowAxis = new SymbolAxis(null, reversed.toArray(String[]::new));
        rowAxis.setGridBandsVisible(false);
        NumberAxis time = new NumberAxis(timeAxis);
        time.setAutoRangeIncludesZero(true);

        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        renderer.setDefaultOutlinePaint(Color.WHITE);
        renderer.setDefaultOutlineStroke(new BasicStroke(0.8f));

        XYPlot plot = new XYPlot(data, rowAxis, time, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = Charts.themed(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, series.size() > 1));
        Map<String, Color> paints = new LinkedHashMap<>();
        int i = 0;
        for (String name : series.keySet()) {
            paints.put(name, colours.getOrDefault(name, Charts.PALETTE[i % Charts.PALETTE.length]));
            renderer.setSeriesPaint(i, paints.get(name));
            i++;
        }
        int height = height(rows.size());
        Font labelFont = new Font(Fonts.cjkFamily(), Font.PLAIN, 11);
        double pixelsPerUnit = pixelsPerUnit(chart, height);
        FontMetrics metrics = metrics(labelFont);
        for (Bar b : bars) {
            if (fits(b.label(), (b.end() - b.start()) * pixelsPerUnit, metrics)) {
                int y = rows.size() - 1 - rows.indexOf(b.row());
                XYTextAnnotation a = new XYTextAnnotation(b.label(), y, (b.start() + b.end()) / 2);
                a.setFont(labelFont);
                a.setPaint(textOn(paints.get(b.series())));
                a.setTextAnchor(TextAnchor.CENTER);
                plot.addAnnotation(a);
            }
        }
        return chart;
    }

    /** Whether {@code label} fits inside a bar {@code barPixels} wide, with a little room on each side. */
    static boolean fits(String label, double barPixels, FontMetrics metrics) {
        return !label.isEmpty() && metrics.stringWidth(label) + 6 <= barPixels;
    }

    /** White text on a dark bar, dark grey text on a light one. */
    static Color textOn(Color bar) {
        double luminance = 0.299 * bar.getRed() + 0.587 * bar.getGreen() + 0.114 * bar.getBlue();
        return luminance > 165 ? new Color(0x333333) : Color.WHITE;
    }

    /** How many pixels one unit of the time axis takes when the chart is drawn {@link Charts#WIDTH} × {@code height}. */
    private static double pixelsPerUnit(JFreeChart chart, int height) {
        BufferedImage scratch = new BufferedImage(Charts.WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        try {
            chart.draw(g, new Rectangle2D.Double(0, 0, Charts.WIDTH, height), info);
        } finally {
            g.dispose();
        }
        double span = chart.getXYPlot().getRangeAxis().getRange().getLength();
        return span > 0 ? info.getPlotInfo().getDataArea().getWidth() / span : 0;
    }

    private static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
