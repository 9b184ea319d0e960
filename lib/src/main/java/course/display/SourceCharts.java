package course.display;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import course.source.SourceRunResult;

/**
 * A timeline of programs run in child JVMs ({@code course.source}): one row per run, cut at every line it printed,
 * the last piece red when the time limit ended it.
 *
 * <p>子 JVM 程序的时间线：每次运行一行，每打印一行输出就切一段，段上写着这一行输出；
 * 灰色是启动到第一行输出，蓝色是运行中，红色是到了时间限制程序还没结束、被课程库结束的最后一段。
 *
 * <p>Thread-safety: stateless; every method may be called from any thread.
 */
public final class SourceCharts {

    static final String STARTING = "启动到第一行输出";
    static final String RUNNING = "运行中（段上是开始这一段的那行输出）";
    static final String KILLED = "到时间限制还没结束，被结束";
    private static final int LABEL_CHARS = 22;

    private SourceCharts() {
    }

    /** The bars behind {@link #timeline}: per run, its pieces in time order. */
    static List<Gantt.Bar> bars(Map<String, SourceRunResult> runs) {
        List<Gantt.Bar> bars = new ArrayList<>();
        runs.forEach((name, r) -> {
            double end = r.elapsed().toNanos() / 1e9;
            double from = 0;
            String label = "";
            String series = STARTING;
            for (SourceRunResult.Line l : r.lines()) {
                double to = Math.min(l.seconds(), end);
                bars.add(new Gantt.Bar(name, from, Math.max(from, to), series, label));
                from = Math.max(from, to);
                label = shorten(l.text());
                series = RUNNING;
            }
            bars.add(new Gantt.Bar(name, from, Math.max(from, end), r.timedOut() ? KILLED : series, label));
        });
        return bars;
    }

    /** One row per run (name → result), in the map's order; time in seconds since each run started. */
    public static BufferedImage timeline(String title, Map<String, SourceRunResult> runs) {
        return Gantt.chart(title, "时间（秒，从启动子 JVM 算起）", bars(runs),
                Map.of(STARTING, new Color(0xBAB0AC), RUNNING, Charts.PALETTE[0], KILLED, StressCharts.FORBIDDEN));
    }

    private static String shorten(String text) {
        return text.length() <= LABEL_CHARS ? text : text.substring(0, LABEL_CHARS - 1) + "…";
    }
}
