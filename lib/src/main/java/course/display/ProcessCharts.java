package course.display;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import course.base.Args;

/**
 * Charts for the process notebooks (12–15): speed-up against the number of workers.
 *
 * <p>多进程笔记本用的图：加速比（speed-up）= 1 个工作者的耗时 ÷ k 个工作者的耗时，
 * 和"理想的线性加速"（k 个工作者快 k 倍，但不超过 CPU 核数）画在一起。
 *
 * <pre>{@code
 * ProcessCharts.speedup("CPU 密集型：加速比", Map.of("线程", Map.of(1, 0.9, 2, 0.46)), 2)
 * }</pre>
 *
 * <p>Thread-safety: stateless; call from any thread.
 */
public final class ProcessCharts {

    private ProcessCharts() {
    }

    /**
     * Draws speed-up lines from measured seconds.
     *
     * @param title   the chart title (Chinese)
     * @param seconds series name → (workers → seconds); each series needs a time for 1 worker
     * @param cores   the CPU cores, to draw the ideal line min(k, cores); 0 for plain k
     * @throws IllegalArgumentException when a series has no time for 1 worker
     */
    public static BufferedImage speedup(String title, Map<String, ? extends Map<Integer, Double>> seconds, int cores) {
        return Charts.lines(title, "工作者个数 (线程数 / 进程数)", "加速比 (倍)", speedupLines(seconds, cores));
    }

    /**
     * The lines {@link #speedup} draws: for each series, workers → t(1) / t(k) in order of k; last, the ideal
     * line min(k, cores) (or k) over every k measured.
     */
    static Map<String, Map<Integer, Double>> speedupLines(Map<String, ? extends Map<Integer, Double>> seconds, int cores) {
        Map<String, Map<Integer, Double>> lines = new LinkedHashMap<>();
        TreeMap<Integer, Double> ideal = new TreeMap<>();
        seconds.forEach((name, byWorkers) -> {
            Double one = byWorkers.get(1);
            Args.check(one != null && one > 0, "series " + name, byWorkers, "have a positive time for 1 worker",
                    "每条线都需要 1 个工作者时的耗时");
            TreeMap<Integer, Double> s = new TreeMap<>();
            byWorkers.forEach((k, t) -> {
                s.put(k, one / t);
                ideal.put(k, (double) (cores > 0 ? Math.min(k, cores) : k));
            });
            lines.put(name, s);
        });
        lines.put(cores > 0 ? "理想 (最多 " + cores + " 核)" : "理想 (线性)", ideal);
        return lines;
    }
}
