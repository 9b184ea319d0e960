package course.display;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

import course.stress.Grade;
import course.stress.OutcomeTable;
import course.stress.StressResult;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables and charts of graded outcomes ({@code course.stress}): the jcstress-style outcome table, a summary of
 * several runs, and bars of how often each outcome was seen, coloured by grade.
 *
 * <p>压力测试结果的表和图：jcstress 风格的结果表（结果、评级、次数、比例、说明），几次运行的汇总，
 * 以及每种结果出现次数的条形图（绿色 = 允许，橙色 = 允许·有趣，红色 = 禁止；次数用对数坐标，
 * 只出现几次的结果也看得见）。
 *
 * <p>Thread-safety: stateless; every method may be called from any thread.
 */
public final class StressCharts {

    static final Color ACCEPTABLE = new Color(0x59A14F);
    static final Color INTERESTING = new Color(0xF28E2B);
    static final Color FORBIDDEN = new Color(0xE15759);

    /** Pixels left of every panel's plot for the outcome labels. */
    static final int LABEL_SPACE = 230;

    private StressCharts() {
    }

    /** The colour of a grade in every chart. */
    static Color colour(Grade g) {
        return switch (g) {
            case ACCEPTABLE -> ACCEPTABLE;
            case ACCEPTABLE_INTERESTING -> INTERESTING;
            case FORBIDDEN -> FORBIDDEN;
        };
    }

    /** The outcome table of one run, captioned with its summary. */
    public static Html table(StressResult r) {
        return table(r.summary(), r.outcomes());
    }

    /** Any graded outcome table: outcome, grade, count, share, meaning (✘ marks a forbidden outcome that was seen). */
    public static Html table(String caption, OutcomeTable<?> t) {
        List<? extends OutcomeTable.Row<?>> rows = t.rows();
        return Tables.html(Table.create(caption,
                StringColumn.create("结果", rows.stream().map(OutcomeTable.Row::label).toList()),
                StringColumn.create("评级", rows.stream().map(r -> r.grade().chinese()).toList()),
                StringColumn.create("次数", rows.stream().map(r -> String.format(Locale.ROOT, "%,d", r.count())).toList()),
                StringColumn.create("比例", rows.stream().map(r -> share(r.count(), t.total())).toList()),
                StringColumn.create("说明", rows.stream().map(r -> (r.violation() ? "✘ " : "") + r.description()).toList())));
    }

    /** One row per run: name, rounds, time, cores, interesting and forbidden counts, verdict. */
    public static Html table(List<StressResult> results) {
        return Tables.html(Table.create("压力测试汇总",
                StringColumn.create("测试", results.stream().map(StressResult::name).toList()),
                StringColumn.create("轮数", results.stream().map(r -> String.format(Locale.ROOT, "%,d", r.rounds())).toList()),
                StringColumn.create("用时", results.stream().map(r -> String.format(Locale.ROOT, "%.2f 秒", r.elapsed().toNanos() / 1e9)).toList()),
                LongColumn.create("核数", results.stream().mapToLong(StressResult::cores).toArray()),
                StringColumn.create("有趣的结果", results.stream().map(r -> String.format(Locale.ROOT, "%,d", r.count(Grade.ACCEPTABLE_INTERESTING))).toList()),
                StringColumn.create("禁止的结果", results.stream().map(r -> String.format(Locale.ROOT, "%,d", r.forbidden())).toList()),
                StringColumn.create("结论", results.stream().map(r -> r.passed() ? "通过" : r.problem() != null ? "出错" : "✘ 失败").toList())));
    }

    /**
     * One bar of {@link #chart}.
     *
     * @param panel   the run's name
     * @param outcome the outcome's label with its grade, as shown on the axis
     * @param count   how often it was seen
     * @param grade   its grade (the bar's colour)
     */
    record Bar(String panel, String outcome, long count, Grade grade) {
    }

    /** The bars behind {@link #chart}: every row of every run, in order. */
    static List<Bar> bars(StressResult... results) {
        List<Bar> bars = new ArrayList<>();
        for (StressResult r : results) {
            for (OutcomeTable.Row<String> row : r.outcomes().rows()) {
                String label = row.label() + "（" + row.grade().chinese() + "）" + (row.count() == 0 ? "：0 次" : "");
                bars.add(new Bar(r.name(), label, row.count(), row.grade()));
            }
        }
        return bars;
    }

    /**
     * How often each outcome was seen: one panel per run, titled with its name, stacked top to bottom on the same
     * logarithmic axis; bars coloured by grade and labelled with their count; an outcome never seen has no bar and
     * says "0 次".
     *
     * @throws IllegalArgumentException when no result is given
     */
    public static BufferedImage chart(StressResult... results) {
        if (results.length == 0) {
            throw new IllegalArgumentException("results (0) must not be empty / 至少给一个结果");
        }
        List<Bar> bars = bars(results);
        long max = Math.max(1, bars.stream().mapToLong(Bar::count).max().orElse(1));
        List<BufferedImage> panels = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            StressResult r = results[i];
            boolean last = i == results.length - 1;
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            List<Grade> grades = new ArrayList<>();
            for (Bar b : bars) {
                if (b.panel().equals(r.name())) {
                    data.addValue(b.count() == 0 ? null : (Number) b.count(), "次数", b.outcome());
                    grades.add(b.grade());
                }
            }
            LogAxis counts = new LogAxis(last ? "次数（对数坐标）" : null);
            counts.setBase(10);
            counts.setTickUnit(new NumberTickUnit(1));
            counts.setNumberFormatOverride(new DecimalFormat("#,##0"));
            counts.setRange(0.5, max * 8.0);
            CategoryAxis axis = new CategoryAxis();
            axis.setMaximumCategoryLabelWidthRatio(0.45f);
            CategoryPlot plot = new CategoryPlot(data, axis, counts, renderer(grades));
            plot.setOrientation(PlotOrientation.HORIZONTAL);
            plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
            AxisSpace labels = new AxisSpace();
            labels.setLeft(LABEL_SPACE);     // the same room for outcome labels in every panel: the axes line up
            plot.setFixedDomainAxisSpace(labels);
            JFreeChart chart = Charts.themed(new JFreeChart(r.name(), new Font(Fonts.cjkFamily(), Font.BOLD, 14), plot, last));
            chart.setPadding(new RectangleInsets(0, 0, 0, 24));
            if (last) {
                plot.setFixedLegendItems(legend());
            }
            panels.add(Charts.render(chart, Charts.WIDTH, 60 + 36 * grades.size() + (last ? 70 : 0)));
        }
        return stack("每种结果出现的次数", panels);
    }

    /** The panels one below the other under a title. */
    private static BufferedImage stack(String title, List<BufferedImage> panels) {
        int titleHeight = 40;
        int height = titleHeight + panels.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage img = new BufferedImage(Charts.WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.paper(img);
        try {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Fonts.cjkFamily(), Font.BOLD, 20));
            int w = g.getFontMetrics().stringWidth(title);
            g.drawString(title, (Charts.WIDTH - w) / 2, 28);
            int y = titleHeight;
            for (BufferedImage p : panels) {
                g.drawImage(p, 0, y, null);
                y += p.getHeight();
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static BarRenderer renderer(List<Grade> grades) {
        BarRenderer r = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return colour(grades.get(column));
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setBase(0.5);
        r.setIncludeBaseInRange(false);
        r.setMaximumBarWidth(0.5);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0")));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        return r;
    }

    private static LegendItemCollection legend() {
        LegendItemCollection items = new LegendItemCollection();
        for (Grade g : Grade.values()) {
            items.add(new LegendItem(g.chinese(), null, null, null, new Rectangle(10, 10), colour(g)));
        }
        return items;
    }

    static String share(long count, long total) {
        if (total == 0) {
            return "—";
        }
        double p = 100.0 * count / total;
        return count == 0 ? "0 %" : p < 0.01 ? "< 0.01 %" : String.format(Locale.ROOT, "%.2f %%", p);
    }
}
