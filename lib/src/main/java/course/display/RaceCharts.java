package course.display;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

import course.base.Args;
import course.race.RaceCostResult;
import course.race.RaceResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import course.base.Args;

/**
 * Pictures and tables of the race lab ({@code course.race}): outcome table, histogram of final
 * values, share of runs with lost updates, cost per strategy.
 *
 * <p>竞态实验的图和表：jcstress 风格的结果表、最终值的直方图（绿色 = 正确，红色 = 丢失更新）、
 * 各写法"有丢失更新的运行"所占比例、每次 +1 的耗时。
 *
 * <p>Thread-safety: stateless; each call draws from the immutable results it is given.
 */
public final class RaceCharts {

    static final Color CORRECT = new Color(0x59A14F);
    static final Color LOST = new Color(0xE15759);
    static final Color FORBIDDEN = new Color(0x000000);

    private RaceCharts() {
    }

    /** The jcstress-style outcome table of one result: grade, runs, share, range of values, meaning. */
    public static Html table(RaceResult r) {
        List<RaceResult.Row> rows = r.rows();
        Table t = Table.create(String.format(Locale.ROOT, "%s%s：%d 个线程 × %,d 次 +1，期望值 %,d，运行 %d 次",
                        r.strategy().label(), r.widened() ? "（演示模式）" : "", r.threads(), r.increments(), r.expected(),
                        r.finals().size()),
                StringColumn.create("评级", rows.stream().map(x -> x.grade().chinese()).toList()),
                IntColumn.create("次数", rows.stream().mapToInt(RaceResult.Row::runs).toArray()),
                StringColumn.create("比例", rows.stream().map(x -> String.format(Locale.ROOT, "%.0f %%", 100 * x.share())).toList()),
                StringColumn.create("最终值", rows.stream().map(x -> x.runs() == 0 ? "—" : x.min() == x.max()
                        ? String.format(Locale.ROOT, "%,d", x.min())
                        : String.format(Locale.ROOT, "%,d … %,d", x.min(), x.max())).toList()),
                StringColumn.create("说明", rows.stream().map(x -> (!x.allowed() && x.runs() > 0 ? "✘ " : "") + x.description()).toList()));
        return Tables.html(t);
    }

    /** One row per result: strategy, mode, runs, lost-update runs and share, median time. */
    public static Html table(List<RaceResult> results) {
        Table t = Table.create("各种写法的结果",
                StringColumn.create("写法", results.stream().map(r -> r.strategy().label()).toList()),
                StringColumn.create("模式", results.stream().map(r -> r.widened() ? "演示（放大窗口）" : "正常").toList()),
                IntColumn.create("运行次数", results.stream().mapToInt(r -> r.finals().size()).toArray()),
                IntColumn.create("丢失更新次数", results.stream().mapToInt(RaceResult::lostRuns).toArray()),
                StringColumn.create("丢失比例", results.stream().map(r -> String.format(Locale.ROOT, "%.0f %%", 100 * r.lostShare())).toList()),
                DoubleColumn.create("每次运行中位数 (ms)", results.stream().mapToDouble(r -> Math.round(r.medianTime().toNanos() / 1e4) / 100.0).toArray()));
        return Tables.html(t);
    }

    /**
     * A histogram of the final values: equal-width bins from the smallest value up to the expected
     * total, plus one bar for the exact expected total (green); lost updates red.
     */
    public static BufferedImage histogram(RaceResult r) {
        return histogram(r, 12);
    }

    /** {@link #histogram(RaceResult)} with {@code bins} bins below the expected total. */
    public static BufferedImage histogram(RaceResult r, int bins) {
        JFreeChart chart = colouredBars(
                String.format(Locale.ROOT, "%s%s：%d 次运行的最终值", r.strategy().label(), r.widened() ? "（演示模式）" : "",
                        r.finals().size()),
                "最终值（期望 " + String.format(Locale.ROOT, "%,d", r.expected()) + "）", "运行次数", "运行次数",
                histogramBars(r, bins), PlotOrientation.VERTICAL, new StandardCategoryItemLabelGenerator());
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return Charts.render(chart);
    }

    /** One bar of a chart drawn in a colour of its own. */
    record Bar(String label, double value, Color colour) {
    }

    /**
     * The bars of {@link #histogram}: equal-width bins of lost-update values (red), the exact expected total
     * (green), and, only when some run exceeded it, one bar of forbidden values (black).
     */
    static List<Bar> histogramBars(RaceResult r, int bins) {
        Args.positive("bins", bins, "分组数");
        long expected = r.expected();
        long lo = r.finals().stream().mapToLong(Long::longValue).min().orElse(expected);
        long hi = r.finals().stream().mapToLong(Long::longValue).max().orElse(expected);
        List<Bar> bars = new ArrayList<>();
        long below = Math.min(hi, expected - 1);
        if (lo < expected) {
            long width = Math.max(1, (below - lo + bins) / bins);
            for (long start = lo; start <= below; start += width) {
                long end = Math.min(below, start + width - 1);
                long s = start;
                long c = r.finals().stream().filter(v -> v >= s && v <= end).count();
                bars.add(new Bar(start == end ? compact(start, expected)
                        : compact(start, expected) + "–" + compact(end, expected), c, LOST));
            }
        }
        bars.add(new Bar(compact(expected, expected) + "（正确）", r.finals().stream().filter(v -> v == expected).count(),
                CORRECT));
        long over = r.finals().stream().filter(v -> v > expected).count();
        if (over > 0) {
            bars.add(new Bar("> " + compact(expected, expected) + "（禁止）", over, FORBIDDEN));
        }
        return bars;
    }

    /** Horizontal bars: the share of runs with lost updates, per result (labelled strategy and mode). */
    public static BufferedImage lostShare(String title, List<RaceResult> results) {
        JFreeChart chart = colouredBars(title, "写法", "有丢失更新的运行 (%)", "比例", lostShareBars(results),
                PlotOrientation.HORIZONTAL, new StandardCategoryItemLabelGenerator(" {2} %", new DecimalFormat("0")));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getRenderer().setDefaultPositiveItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        NumberAxis share = new PercentAxis("有丢失更新的运行 (%)");
        share.setRange(0, 112); // room for the label of a 100 % bar; the ticks end at 100
        plot.setRangeAxis(share);
        return Charts.render(chart);
    }

    /** The bars of {@link #lostShare}: percent of runs with lost updates; safe strategies green, unsafe red. */
    static List<Bar> lostShareBars(List<RaceResult> results) {
        return results.stream().map(r -> new Bar(r.strategy().label() + (r.widened() ? "（演示）" : ""),
                100 * r.lostShare(), r.strategy().safe() ? CORRECT : LOST)).toList();
    }

    /** Grouped bars: nanoseconds per increment, one group per thread count, one bar per strategy. */
    public static BufferedImage cost(RaceCostResult result) {
        return costBars(result).chart();
    }

    /** The chart {@link #cost} draws: one series per strategy, thread counts as categories, ns rounded to 0.01. */
    static Charts.GroupedBars costBars(RaceCostResult result) {
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        for (RaceCostResult.Point p : result.points()) {
            series.computeIfAbsent(p.strategy().label(), k -> new LinkedHashMap<>())
                    .put(p.threads() + " 个线程", Math.round(p.nanosPerIncrement() * 100) / 100.0);
        }
        Charts.GroupedBars chart = Charts.groupedBars("每次 +1 的平均耗时（所有线程同时不停地加同一个计数器）", "线程数",
                "耗时 (纳秒/次)");
        series.forEach(chart::series);
        return chart;
    }

    /**
     * Short axis labels: 12345 → "12,345"; when the scale reaches millions, in 万 (ten thousands), the
     * unit a Chinese reader counts in: 1 676 000 → "167.6万", 2 000 000 → "200万".
     */
    static String compact(long v, long scale) {
        if (Math.abs(scale) >= 1_000_000) {
            String wan = String.format(Locale.ROOT, "%.1f", v / 1e4);
            return (wan.endsWith(".0") ? wan.substring(0, wan.length() - 2) : wan) + "万";
        }
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A percentage axis whose ticks and grid lines end at 100 %, even when the axis goes on for room. */
    static final class PercentAxis extends NumberAxis {
        PercentAxis(String label) {
            super(label);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            List<?> ticks = super.refreshTicks(g2, state, dataArea, edge);
            return ticks.stream().filter(t -> ((ValueTick) t).getValue() <= 100).toList();
        }
    }

    /** A bar chart of {@code bars} in one series, each bar in its own colour, flat, labelled by {@code labels}. */
    private static JFreeChart colouredBars(String title, String categoryAxis, String valueAxis, String seriesName,
                                           List<Bar> bars, PlotOrientation orientation,
                                           StandardCategoryItemLabelGenerator labels) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        bars.forEach(b -> data.addValue(b.value(), seriesName, b.label()));
        JFreeChart chart = ChartFactory.createBarChart(title, categoryAxis, valueAxis, data, orientation, false, false,
                false);
        List<Color> colours = bars.stream().map(Bar::colour).toList();
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return colours.get(column);
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDefaultItemLabelGenerator(labels);
        renderer.setDefaultItemLabelsVisible(true);
        chart.getCategoryPlot().setRenderer(renderer);
        return chart;
    }
}
