package course.display;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import course.base.Args;

/**
 * Draws JFreeChart charts as images, with a Chinese font on every title, label and legend.
 *
 * <p>把图表画成 {@link BufferedImage}：放在单元格最后一行，笔记本就显示这张图。
 * 所有标题、坐标轴和图例都用 {@link Fonts#cjkFamily()} 找到的中文字体。
 *
 * <pre>{@code
 * Charts.bars("顺序 vs 多线程", "方式", "耗时 (秒)", Map.of("顺序", 4.0, "两个线程", 2.0))
 * }</pre>
 *
 * <p>Thread-safety: the static methods may be called from any thread; each builds and draws its own chart.
 */
public final class Charts {

    /** The course's series colours, in order (a colour-blind-friendly qualitative palette). */
    public static final Color[] PALETTE = {
            new Color(0x4E79A7), new Color(0xF28E2B), new Color(0x59A14F), new Color(0xE15759),
            new Color(0x76B7B2), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
            new Color(0x9C755F), new Color(0xBAB0AC)};

    /** Default picture size in pixels. */
    public static final int WIDTH = 760;
    public static final int HEIGHT = 420;

    private Charts() {
    }

    /**
     * Marks a chart the course theme was applied to (a chart is themed once, before its colours are set).
     * The mark travels with the chart in its rendering hints: a chart's hashCode changes whenever it is
     * changed, so a map keyed by charts would lose it and theme the chart again, resetting its colours.
     */
    private static final RenderingHints.Key THEMED = new RenderingHints.Key(0x4C0) {
        @Override
        public boolean isCompatibleValue(Object value) {
            return value instanceof Boolean;
        }
    };

    /**
     * Applies the course theme (Chinese fonts, white background, course colours) and returns the
     * chart. Call it right after creating a chart and before setting colours of your own: applying
     * a theme resets them. {@link #render} themes a chart that was not themed yet.
     */
    public static JFreeChart themed(JFreeChart chart) {
        theme().apply(chart);
        chart.getRenderingHints().put(THEMED, Boolean.TRUE);
        return chart;
    }

    /** Draws the chart, first applying the course theme if {@link #themed} was not called on it. */
    public static BufferedImage render(JFreeChart chart, int width, int height) {
        Args.check(width > 0 && height > 0, "width and height", width + "x" + height, "be positive", "图的宽和高都要大于 0");
        if (chart.getRenderingHints().get(THEMED) == null) {
            themed(chart);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = paper(img);
        try {
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Graphics for drawing on {@code img}: cleared to white, shapes and text anti-aliased. Dispose it when done. */
    static Graphics2D paper(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    /** {@link #render(JFreeChart, int, int)} at the default size. */
    public static BufferedImage render(JFreeChart chart) {
        return render(chart, WIDTH, HEIGHT);
    }

    /**
     * A bar chart with one bar per entry, in the map's iteration order, each labelled with its value.
     */
    public static BufferedImage bars(String title, String categoryAxis, String valueAxis,
                                     Map<String, ? extends Number> values) {
        return groupedBars(title, categoryAxis, valueAxis).series(valueAxis, values).chart();
    }

    /**
     * A bar chart with one group per category and one coloured bar per series; add the series with
     * {@link GroupedBars#series}, then draw it with {@link GroupedBars#chart()}. The legend of series names
     * shows when there is more than one.
     *
     * <p>分组柱状图：每个类别一组，每个序列一种颜色。一个序列一次 {@code .series(名字, 值)}，最后 {@code .chart()}：
     * <pre>{@code
     * Charts.groupedBars("总时间 vs 线程池大小", "线程池大小", "总时间 (秒)")
     *         .series("实测", measured)          // 类别 → 值，例如 "4 个线程" → 1.52
     *         .series("理论", theory)
     *         .chart()
     * }</pre>
     */
    public static GroupedBars groupedBars(String title, String categoryAxis, String valueAxis) {
        return new GroupedBars(title, categoryAxis, valueAxis);
    }

    /**
     * The series of a grouped bar chart, added one at a time; {@link #chart()} draws them.
     *
     * <p>Thread-safety: build and draw it from one thread.
     */
    public static final class GroupedBars {
        private final String title;
        private final String categoryAxis;
        private final String valueAxis;
        private final Map<String, Map<String, ? extends Number>> series = new LinkedHashMap<>();

        private GroupedBars(String title, String categoryAxis, String valueAxis) {
            this.title = title;
            this.categoryAxis = categoryAxis;
            this.valueAxis = valueAxis;
        }

        /**
         * Adds a series: category → value, in the map's iteration order (the first series fixes the order
         * of the categories).
         *
         * @throws IllegalArgumentException when a series of that name was already added
         */
        public GroupedBars series(String name, Map<String, ? extends Number> values) {
            Args.notNull("values", values);
            Args.check(!series.containsKey(Args.notNull("name", name)), "series name", name, "be unique",
                    "序列名重复了");
            series.put(name, values);
            return this;
        }

        /** The chart, drawn at the default size. */
        public BufferedImage chart() {
            return render(build());
        }

        /** The themed chart before it is drawn: its dataset holds exactly the values added. */
        JFreeChart build() {
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            series.forEach((name, values) -> values.forEach((category, v) -> data.addValue(v, name, category)));
            JFreeChart chart = themed(ChartFactory.createBarChart(title, categoryAxis, valueAxis, data,
                    PlotOrientation.VERTICAL, series.size() > 1, false, false));
            CategoryPlot plot = chart.getCategoryPlot();
            BarRenderer renderer = (BarRenderer) plot.getRenderer();
            renderer.setBarPainter(new StandardBarPainter());
            renderer.setShadowVisible(false);
            renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.##")));
            renderer.setDefaultItemLabelsVisible(true);
            plot.getDomainAxis().setMaximumCategoryLabelLines(2);   // a long category wraps instead of ending in "..."
            if (series.values().stream().flatMap(values -> values.values().stream()).allMatch(Charts::isCount)) {
                ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            }
            return chart;
        }
    }

    /**
     * A line chart with markers: series name → (x → y), each drawn in iteration order of x.
     */
    public static BufferedImage lines(String title, String xAxis, String yAxis,
                                      Map<String, ? extends Map<? extends Number, ? extends Number>> series) {
        return render(linesChart(title, xAxis, yAxis, series));
    }

    /**
     * A step chart: each value holds until the next one (a queue length, a count of live threads),
     * series name → (x → y) in iteration order of x.
     */
    public static BufferedImage steps(String title, String xAxis, String yAxis,
                                      Map<String, ? extends Map<? extends Number, ? extends Number>> series) {
        return render(stepsChart(title, xAxis, yAxis, series));
    }

    /** The themed chart {@link #steps} draws. */
    static JFreeChart stepsChart(String title, String xAxis, String yAxis,
                                 Map<String, ? extends Map<? extends Number, ? extends Number>> series) {
        XYStepRenderer renderer = new XYStepRenderer();
        renderer.setDefaultShapesVisible(true);
        return xy(title, xAxis, yAxis, series, renderer);
    }

    /** The themed chart {@link #lines} draws. */
    static JFreeChart linesChart(String title, String xAxis, String yAxis,
                                 Map<String, ? extends Map<? extends Number, ? extends Number>> series) {
        return xy(title, xAxis, yAxis, series, new XYLineAndShapeRenderer(true, true));
    }

    private static JFreeChart xy(String title, String xAxis, String yAxis,
                                 Map<String, ? extends Map<? extends Number, ? extends Number>> series,
                                 XYLineAndShapeRenderer renderer) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries s = new XYSeries(name, false, true);
            points.forEach(s::add);
            data.addSeries(s);
        });
        JFreeChart chart = themed(ChartFactory.createXYLineChart(title, xAxis, yAxis, data,
                PlotOrientation.VERTICAL, series.size() > 1, false, false));
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        boolean wholeX = series.values().stream().flatMap(points -> points.keySet().stream())
                .allMatch(x -> x.doubleValue() == Math.rint(x.doubleValue()));
        if (wholeX) { // counts (workers, cores, pool sizes): no ticks at 1.2, 1.4, ...
            plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        if (wholeValues(series)) { // counts (live threads, queue length): whole ticks from 0
            NumberAxis counts = (NumberAxis) plot.getRangeAxis();
            counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            counts.setAutoRangeIncludesZero(true);
        }
        return chart;
    }

    /** Whether {@code n} is an integer type (a count of threads, tasks, ...), drawn on an axis of whole ticks. */
    private static boolean isCount(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    /** Whether every y value of every series is a whole number (a count). */
    static boolean wholeValues(Map<String, ? extends Map<? extends Number, ? extends Number>> series) {
        return series.values().stream().flatMap(points -> points.values().stream())
                .allMatch(y -> y.doubleValue() == Math.rint(y.doubleValue()));
    }

    /** The course theme: every font is the installed CJK font, backgrounds are white. */
    public static StandardChartTheme theme() {
        String family = Fonts.cjkFamily();
        StandardChartTheme t = new StandardChartTheme("course");
        t.setExtraLargeFont(new Font(family, Font.BOLD, 20));
        t.setLargeFont(new Font(family, Font.BOLD, 15));
        t.setRegularFont(new Font(family, Font.PLAIN, 13));
        t.setSmallFont(new Font(family, Font.PLAIN, 11));
        t.setChartBackgroundPaint(Color.WHITE);
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setDomainGridlinePaint(new Color(0xDDDDDD));
        t.setRangeGridlinePaint(new Color(0xDDDDDD));
        t.setDrawingSupplier(new DefaultDrawingSupplier(PALETTE, DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE, DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE, DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
        return t;
    }
}
