package course.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import course.base.Args;
import course.scaling.AmdahlFit;

/**
 * Charts of how work scales with workers: measured speed-ups against Amdahl's curve.
 *
 * <p>"工作者越多能快多少"的图：{@link #amdahl(String, AmdahlFit, int)} 把实测的加速比（点）和拟合出的
 * Amdahl 曲线（线）画在一起，再画一条虚线：工作者无穷多时曲线趋近的上限。
 *
 * <p>Thread-safety: stateless.
 */
public final class ScalingCharts {

    private ScalingCharts() {
    }

    /** The three series {@link #amdahl} draws, by name: measured points, the fitted curve over 1..maxWorkers, the limit. */
    static Map<String, Map<Double, Double>> amdahlSeries(AmdahlFit fit, int maxWorkers) {
        Map<Double, Double> measured = new LinkedHashMap<>();
        fit.speedups().forEach((k, s) -> measured.put(k.doubleValue(), s));
        Map<Double, Double> curve = new LinkedHashMap<>();
        for (int k = 1; k <= maxWorkers; k++) {
            curve.put((double) k, fit.predicted(k));
        }
        Map<Double, Double> limit = new LinkedHashMap<>();
        if (fit.serialFraction() > 0) {
            limit.put(1.0, 1 / fit.serialFraction());
            limit.put((double) maxWorkers, 1 / fit.serialFraction());
        }
        Map<String, Map<Double, Double>> series = new LinkedHashMap<>();
        series.put("实测加速比", measured);
        series.put(String.format(Locale.ROOT, "Amdahl 公式（拟合的 s = %.2f）", fit.serialFraction()), curve);
        series.put("上限（工作者无穷多）", limit);
        return series;
    }

    /**
     * Measured speed-ups as points, the Amdahl curve of the fitted serial fraction from 1 to {@code maxWorkers}
     * workers as a line, and its limit as a dashed line.
     *
     * @throws IllegalArgumentException when maxWorkers is below the largest measured count
     */
    public static BufferedImage amdahl(String title, AmdahlFit fit, int maxWorkers) {
        Args.notNull("fit", fit);
        int most = fit.speedups().keySet().stream().mapToInt(Integer::intValue).max().orElse(1);
        Args.check(maxWorkers >= most, "maxWorkers", maxWorkers, "be at least the largest measured count " + most,
                "横轴要画到实测的最多工作者个数");
        XYSeriesCollection data = new XYSeriesCollection();
        amdahlSeries(fit, maxWorkers).forEach((name, points) -> {
            XYSeries s = new XYSeries(name, false, true);
            points.forEach(s::add);
            data.addSeries(s);
        });
        JFreeChart chart = Charts.themed(ChartFactory.createXYLineChart(title, "工作者个数 k", "加速比 (倍)", data,
                PlotOrientation.VERTICAL, true, false, false));
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesPaint(0, Charts.PALETTE[3]);
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, Charts.PALETTE[0]);
        r.setSeriesStroke(1, new BasicStroke(2.5f));
        r.setSeriesLinesVisible(2, true);
        r.setSeriesShapesVisible(2, false);
        r.setSeriesPaint(2, Color.GRAY);
        r.setSeriesStroke(2, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[]{6f, 5f}, 0f));
        plot.setRenderer(r);
        plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return Charts.render(chart);
    }
}
