package course.scaling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import course.base.Args;

/**
 * Amdahl's law: the speed-up of work whose serial fraction {@code s} cannot be shared, on {@code k} workers,
 * is {@code 1 / (s + (1 − s) / k)}; and the serial fraction that best explains measured times.
 *
 * <p>阿姆达尔定律（Amdahl's law）：一件工作里有比例 {@code s} 只能一个人做（串行部分），其余的
 * {@code 1 − s} 可以平分给 {@code k} 个工作者，那么加速比是 {@code 1 / (s + (1 − s) / k)}。
 * {@link #fit(Map)} 反过来，从实测的耗时找出最能解释它们的串行比例（最小二乘法）：
 * 把公式改写成 {@code 1/S − 1/k = s × (1 − 1/k)}，这是一条过原点的直线，斜率就是 {@code s}。
 *
 * <pre>{@code
 * double s2 = Amdahl.speedup(0.3, 2);                            // 1 / (0.3 + 0.7 / 2) ≈ 1.54
 * AmdahlFit fit = Amdahl.fit(Map.of(1, 1.00, 2, 0.66, 4, 0.48));   // 实测：工作者个数 → 秒
 * fit.serialFraction()                                           // ≈ 0.3
 * }</pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class Amdahl {

    private Amdahl() {
    }

    /**
     * The speed-up on {@code workers} workers of work with serial fraction {@code serialFraction}.
     *
     * @throws IllegalArgumentException when the fraction is not in 0..1 or workers is below 1
     */
    public static double speedup(double serialFraction, double workers) {
        checkFraction(serialFraction);
        Args.check(workers >= 1, "workers", workers, "be at least 1", "工作者个数至少是 1");
        return 1 / (serialFraction + (1 - serialFraction) / workers);
    }

    /**
     * The serial fraction that best explains the measured times (least squares on {@code 1/S − 1/k}), with the
     * measured speed-ups.
     *
     * @param secondsByWorkers workers → measured seconds; needs 1 worker and at least one more
     * @throws IllegalArgumentException when there is no time for 1 worker, no other count, or a time is not positive
     */
    public static AmdahlFit fit(Map<Integer, Double> secondsByWorkers) {
        Args.notNull("secondsByWorkers", secondsByWorkers);
        TreeMap<Integer, Double> seconds = new TreeMap<>(secondsByWorkers);
        Double one = seconds.get(1);
        Args.check(one != null, "secondsByWorkers", secondsByWorkers, "have a time for 1 worker", "需要 1 个工作者时的耗时");
        Args.check(seconds.size() >= 2, "secondsByWorkers", secondsByWorkers, "have times for at least two worker counts",
                "至少要有两种工作者个数的耗时");
        Map<Integer, Double> speedups = new LinkedHashMap<>();
        double xy = 0;
        double xx = 0;
        for (Map.Entry<Integer, Double> e : seconds.entrySet()) {
            int k = e.getKey();
            Args.check(k >= 1 && e.getValue() != null && e.getValue() > 0, "workers " + k, e.getValue(),
                    "be a positive time for at least 1 worker", "工作者个数至少是 1，耗时要大于 0");
            double s = one / e.getValue();
            speedups.put(k, s);
            double x = 1 - 1.0 / k;
            xy += (1 / s - 1.0 / k) * x;
            xx += x * x;
        }
        double serial = Math.min(1, Math.max(0, xy / xx));
        return new AmdahlFit(serial, speedups);
    }

    static void checkFraction(double serialFraction) {
        Args.check(serialFraction >= 0 && serialFraction <= 1, "serialFraction", serialFraction, "be in 0..1",
                "串行比例要在 0 到 1 之间");
    }
}
