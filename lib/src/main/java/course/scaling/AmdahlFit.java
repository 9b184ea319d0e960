package course.scaling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import course.base.Args;

/**
 * The serial fraction fitted to measured speed-ups by {@link Amdahl#fit(Map)}.
 *
 * <p>从实测加速比拟合出的串行比例 {@code serialFraction}，和每种工作者个数的实测加速比。
 * {@link #predicted(double)} 是这个比例下 Amdahl 公式给出的加速比。
 *
 * <p>Thread-safety: immutable.
 *
 * @param serialFraction the fitted serial fraction, in 0..1
 * @param speedups       workers → measured speed-up (1 worker's time ÷ this count's time), in order of workers
 */
public record AmdahlFit(double serialFraction, Map<Integer, Double> speedups) {

    public AmdahlFit {
        Amdahl.checkFraction(serialFraction);
        Args.notNull("speedups", speedups);
        speedups = Collections.unmodifiableMap(new LinkedHashMap<>(speedups));
    }

    /** Amdahl's speed-up at the fitted serial fraction. */
    public double predicted(double workers) {
        return Amdahl.speedup(serialFraction, workers);
    }

    /** The root mean square of measured minus predicted speed-up. */
    public double rmsError() {
        double sum = 0;
        for (Map.Entry<Integer, Double> e : speedups.entrySet()) {
            double d = e.getValue() - predicted(e.getKey());
            sum += d * d;
        }
        return Math.sqrt(sum / speedups.size());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Amdahl 拟合：串行比例 s = %.3f%n", serialFraction));
        sb.append("  工作者   实测加速比   公式 1/(s+(1-s)/k)\n");
        speedups.forEach((k, s) -> sb.append(String.format(Locale.ROOT, "  %5d   %9.2f   %12.2f%n", k, s, predicted(k))));
        sb.append(String.format(Locale.ROOT, "  均方根误差 %.3f", rmsError()));
        return sb.toString();
    }
}
