package course.display;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import course.sched.JobState;
import course.sched.ScheduleResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Charts and tables of scheduler simulations: a Gantt chart per core, a state timeline per job, metrics.
 *
 * <p>调度模拟结果的图和表：{@link #gantt(ScheduleResult)} 每个核一行，看谁在什么时候占着它；
 * {@link #states(ScheduleResult)} 每个任务一行，看它什么时候就绪、执行、等待；{@link #table(ScheduleResult)} 指标表
 * （{@link #data(ScheduleResult)}：同样的表格，Tablesaw 格式，可以在上面计算）。
 *
 * <p>Thread-safety: stateless; each call draws from the immutable result it is given.
 */
public final class SchedCharts {

    /**
     * Fixed colours of the job states, one clearly different colour each: 新建 pale blue, 就绪 orange,
     * 执行 green, 等待 grey, 终止 near-black.
     */
    public static final Map<String, Color> STATE_COLOURS = Map.of(
            JobState.NEW.chinese(), new Color(0xA0CBE8),
            JobState.READY.chinese(), new Color(0xF28E2B),
            JobState.RUNNING.chinese(), new Color(0x59A14F),
            JobState.WAITING.chinese(), new Color(0x9C9C9C),
            JobState.TERMINATED.chinese(), new Color(0x3B3B3B));

    private SchedCharts() {
    }

    /** The default title: policy and cores. */
    static String title(ScheduleResult s) {
        return s.policy() + "，" + s.cores() + " 个核";
    }

    /** A Gantt chart with one row per core (核 0, 核 1, …) and one coloured bar per run of a job. */
    public static BufferedImage gantt(ScheduleResult s) {
        return gantt(title(s) + "：每个核上在跑哪个任务", s);
    }

    /** {@link #gantt(ScheduleResult)} with a title of your own. */
    public static BufferedImage gantt(String title, ScheduleResult s) {
        return Gantt.chart(title, "时间 (ms)", ganttBars(s));
    }

    /** The bars {@link #gantt} draws: an empty bar first on every core (so an idle core keeps its row), then each slice. */
    static List<Gantt.Bar> ganttBars(ScheduleResult s) {
        List<Gantt.Bar> bars = new ArrayList<>();
        String anyJob = s.metrics().get(0).job();
        for (int c = 0; c < s.cores(); c++) {
            bars.add(new Gantt.Bar("核 " + c, 0, 0, anyJob, "")); // every core gets its row, even when idle
        }
        for (ScheduleResult.Slice x : s.slices()) {
            bars.add(new Gantt.Bar("核 " + x.core(), x.start(), x.end(), x.job(), x.job()));
        }
        return bars;
    }

    /** A timeline with one row per job, coloured by state (新建/就绪/执行/等待/终止). */
    public static BufferedImage states(ScheduleResult s) {
        return states(title(s) + "：每个任务的状态", s);
    }

    /** {@link #states(ScheduleResult)} with a title of your own. */
    public static BufferedImage states(String title, ScheduleResult s) {
        return Gantt.chart(title, "时间 (ms)", stateBars(s), STATE_COLOURS);
    }

    /** The bars {@link #states} draws: one per state span, coloured and labelled by the state (终止 unlabelled). */
    static List<Gantt.Bar> stateBars(ScheduleResult s) {
        List<Gantt.Bar> bars = new ArrayList<>();
        for (ScheduleResult.StateSpan x : s.states()) {
            String st = x.state().chinese();
            bars.add(new Gantt.Bar(x.job(), x.start(), x.end(), st, st));
        }
        return bars;
    }

    /** Per-job metrics and the averages as a Tablesaw table, to compute on (the last row, 平均, holds averages and totals). */
    public static Table data(ScheduleResult s) {
        Table t = Table.create(title(s) + "：总用时 " + s.makespan() + " ms，CPU 利用率 "
                + String.format(Locale.ROOT, "%.1f %%", 100 * s.utilisation()) + "，上下文切换 " + s.contextSwitches() + " 次");
        StringColumn job = StringColumn.create("任务");
        IntColumn arrival = IntColumn.create("到达 (ms)");
        IntColumn finish = IntColumn.create("完成 (ms)");
        DoubleColumn turnaround = DoubleColumn.create("周转时间 (ms)");
        DoubleColumn waiting = DoubleColumn.create("等待时间 (ms)");
        DoubleColumn response = DoubleColumn.create("响应时间 (ms)");
        IntColumn switches = IntColumn.create("上下文切换 (次)");
        for (ScheduleResult.JobMetrics m : s.metrics()) {
            job.append(m.job());
            arrival.append(m.arrival());
            finish.append(m.finish());
            turnaround.append(m.turnaround());
            waiting.append(m.waiting());
            response.append(m.response());
            switches.append(m.switches());
        }
        job.append("平均");
        arrival.appendMissing();
        finish.append(s.makespan());
        turnaround.append(round(s.averageTurnaround()));
        waiting.append(round(s.averageWaiting()));
        response.append(round(s.averageResponse()));
        switches.append(s.contextSwitches());
        t.addColumns(job, arrival, finish, turnaround, waiting, response, switches);
        return t;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Per-job metrics and the averages as HTML (the last row, 平均, holds averages and totals). */
    public static Html table(ScheduleResult s) {
        return Tables.html(data(s));
    }

    /**
     * Compares several schedules (e.g. the same jobs on 1, 2 and 4 cores): grouped bars of total time,
     * average turnaround and average waiting.
     *
     * @param schedules label → schedule, in display order
     */
    public static BufferedImage compare(String title, Map<String, ScheduleResult> schedules) {
        return compareBars(title, schedules).chart();
    }

    /** The chart {@link #compare} draws: series 总用时, 平均周转时间, 平均等待时间; one category per schedule. */
    static Charts.GroupedBars compareBars(String title, Map<String, ScheduleResult> schedules) {
        Map<String, Double> makespan = new LinkedHashMap<>();
        Map<String, Double> turnaround = new LinkedHashMap<>();
        Map<String, Double> waiting = new LinkedHashMap<>();
        schedules.forEach((label, s) -> {
            makespan.put(label, (double) s.makespan());
            turnaround.put(label, round(s.averageTurnaround()));
            waiting.put(label, round(s.averageWaiting()));
        });
        return Charts.groupedBars(title, "", "时间 (ms)")
                .series("总用时", makespan)
                .series("平均周转时间", turnaround)
                .series("平均等待时间", waiting);
    }
}
