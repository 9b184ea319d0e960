package course.sched;

import java.util.List;
import java.util.Locale;

import course.base.Text;

/**
 * The result of a scheduler simulation: who ran where and when, each job's states, and the metrics.
 *
 * <p>一次调度模拟的结果：每个核上什么时候跑哪个任务（{@link #slices()}），每个任务在各个时刻的状态
 * （{@link #states()}），以及每个任务的指标和平均值。画图用 {@code SchedCharts.gantt(result)} 和
 * {@code SchedCharts.states(result)}，指标表用 {@code SchedCharts.table(result)}。
 *
 * <p>Thread-safety: immutable.
 *
 * @param policy      the policy, e.g. {@code 轮转 (时间片 10 ms)}
 * @param cores       number of cores
 * @param makespan    time when the last job terminated, ms
 * @param slices      runs on cores, in time order
 * @param states      per-job state spans, in job order then time
 * @param metrics     per-job metrics, in job order
 * @param utilisation busy core time / (cores × makespan), 0..1
 */
public record ScheduleResult(String policy, int cores, int makespan, List<Slice> slices, List<StateSpan> states,
                       List<JobMetrics> metrics, double utilisation) {

    /** One job running on one core from {@code start} to {@code end} ms. */
    public record Slice(int core, String job, int start, int end) {
    }

    /** One job in one state from {@code start} to {@code end} ms. */
    public record StateSpan(String job, JobState state, int start, int end) {
    }

    /**
     * Metrics of one job, all in ms except {@code switches}.
     *
     * @param job        name
     * @param arrival    arrival time
     * @param finish     termination time
     * @param cpu        CPU time used
     * @param turnaround finish − arrival (周转时间)
     * @param waiting    time spent ready but not running (等待时间：在就绪队列里排队的时间)
     * @param response   first run − arrival (响应时间)
     * @param switches   times it left a core before finishing: slice expired or started waiting (上下文切换)
     */
    public record JobMetrics(String job, int arrival, int finish, int cpu, int turnaround, int waiting, int response,
                             int switches) {
    }

    public ScheduleResult {
        slices = List.copyOf(slices);
        states = List.copyOf(states);
        metrics = List.copyOf(metrics);
    }

    /** Average turnaround time, ms. */
    public double averageTurnaround() {
        return metrics.stream().mapToInt(JobMetrics::turnaround).average().orElse(0);
    }

    /** Average waiting (ready-queue) time, ms. */
    public double averageWaiting() {
        return metrics.stream().mapToInt(JobMetrics::waiting).average().orElse(0);
    }

    /** Average response time, ms. */
    public double averageResponse() {
        return metrics.stream().mapToInt(JobMetrics::response).average().orElse(0);
    }

    /** Total context switches over all jobs. */
    public int contextSwitches() {
        return metrics.stream().mapToInt(JobMetrics::switches).sum();
    }

    /** The metrics of the job called {@code name}. */
    public JobMetrics metrics(String name) {
        return metrics.stream().filter(m -> m.job().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("job (" + name + ") is not in this schedule / 没有这个任务"));
    }

    /** The state of job {@code name} during millisecond {@code t} (from t to t + 1). */
    public JobState stateAt(String name, int t) {
        for (StateSpan s : states) {
            if (s.job().equals(name) && s.start() <= t && t < s.end()) {
                return s.state();
            }
        }
        metrics(name);
        return t >= makespan ? JobState.TERMINATED : JobState.NEW;
    }

    /** The slices of one core as text, e.g. {@code A 0-10, B 10-20}. */
    public String coreText(int core) {
        StringBuilder sb = new StringBuilder();
        for (Slice s : slices) {
            if (s.core() == core) {
                sb.append(sb.length() == 0 ? "" : ", ").append(s.job()).append(' ').append(s.start()).append('-').append(s.end());
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s，%d 个核：总用时 %d ms，CPU 利用率 %.1f %%，上下文切换 %d 次%n",
                policy, cores, makespan, 100 * utilisation, contextSwitches()));
        int w = Math.max(6, metrics.stream().mapToInt(m -> Text.width(m.job())).max().orElse(6));
        sb.append(Text.padRight("任务", w));
        for (String h : new String[]{"到达ms", "完成ms", "周转ms", "等待ms", "响应ms"}) {
            sb.append(' ').append(Text.padLeft(h, 8));
        }
        sb.append(' ').append(Text.padLeft("切换", 6)).append('\n');
        for (JobMetrics m : metrics) {
            sb.append(Text.padRight(m.job(), w)).append(String.format(Locale.ROOT, " %8d %8d %8d %8d %8d %6d%n",
                    m.arrival(), m.finish(), m.turnaround(), m.waiting(), m.response(), m.switches()));
        }
        sb.append(Text.padRight("平均", w)).append(String.format(Locale.ROOT, " %8s %8s %8.1f %8.1f %8.1f %6d%n", "", "",
                averageTurnaround(), averageWaiting(), averageResponse(), contextSwitches()));
        return sb.toString();
    }
}
