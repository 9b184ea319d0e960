package course.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import course.check.Exercise;
import course.sched.Burst;
import course.sched.Job;
import course.sched.ScheduleResult;
import course.sched.Scheduler;

/**
 * A generated scheduling question: three or four CPU-bound jobs on one core under first-come-first-served or
 * round-robin; predict every job's finish time or waiting time.
 *
 * <p>调度题：几个只用 CPU 的任务在 1 个核上，按先来先服务（FCFS）或轮转（round-robin）调度；
 * 预测每个任务的<b>完成时刻</b>或<b>等待时间</b>。答案由第 1 节的调度模拟器 {@link Scheduler} 算出。
 *
 * <p>Thread safety: immutable.
 */
public final class SchedulingQuestion extends Question {

    private final List<Job> jobs;
    private final Scheduler scheduler;
    private final boolean finish;
    private final ScheduleResult schedule;

    private SchedulingQuestion(long seed, List<Job> jobs, Scheduler scheduler, boolean finish, String text) {
        super(seed, text);
        this.jobs = List.copyOf(jobs);
        this.scheduler = scheduler;
        this.finish = finish;
        this.schedule = scheduler.run(jobs);
    }

    static SchedulingQuestion generate(long seed) {
        Random r = new Random(seed);
        boolean roundRobin = r.nextBoolean();
        int quantum = new int[]{5, 10, 20}[r.nextInt(3)];
        Scheduler s = roundRobin ? Scheduler.roundRobin(quantum) : Scheduler.fcfs();
        int n = 3 + r.nextInt(2);
        List<Job> jobs = new ArrayList<>();
        int arrival = 0;
        for (int k = 0; k < n; k++) {
            jobs.add(Job.of(String.valueOf((char) ('A' + k)), arrival, Burst.cpu(5 * (2 + r.nextInt(7)))));
            arrival += 5 * r.nextInt(4);
        }
        boolean finish = r.nextBoolean();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "调度题（题号 %d）：1 个核，%s。%n", seed,
                roundRobin ? "轮转调度，时间片 " + quantum + " ms" : "先来先服务（FCFS）"));
        sb.append("任务   到达时刻   需要的 CPU 时间\n");
        for (Job j : jobs) {
            sb.append(String.format(Locale.ROOT, "  %s     %3d ms      %3d ms%n", j.name(), j.arrival(), j.cpuTime()));
        }
        sb.append(roundRobin ? "规则：一个任务一次最多运行一个时间片；时间片用完时如果有别的任务在排队，它排到就绪队列末尾。"
                + "同一时刻新到达的任务先进队列，被换下的任务排在它们后面。\n"
                : "规则：按到达顺序排队，一个任务一直运行到结束，下一个才开始；CPU 空着时等下一个任务到达。\n");
        String names = String.join("、", jobs.stream().map(Job::name).toList());
        sb.append(finish ? "问：每个任务的完成时刻（毫秒）是多少？" : "问：每个任务的等待时间（在就绪队列里排队的毫秒数）是多少？")
                .append("按 ").append(names).append(" 的顺序写：q.check(…)");
        return new SchedulingQuestion(seed, jobs, s, finish, sb.toString());
    }

    /** Checks the learner's numbers, one per job in order, without saying the right ones. */
    public Exercise.Verdict check(int... answer) {
        Exercise e = Exercise.practice("调度题（题号 " + seed() + "）");
        if (answer.length != jobs.size()) {
            return e.expect(answer.length == 0 ? "还没有作答" : "每个任务一个数（你写了 " + answer.length + " 个，有 "
                    + jobs.size() + " 个任务）", false,
                    "按任务顺序写 " + jobs.size() + " 个数，例如 q.check(" + "…, ".repeat(jobs.size() - 1) + "…)").verdict();
        }
        for (int k = 0; k < jobs.size(); k++) {
            Job j = jobs.get(k);
            ScheduleResult.JobMetrics m = schedule.metrics(j.name());
            int want = finish ? m.finish() : m.waiting();
            e.expect("任务 " + j.name() + " 的" + (finish ? "完成时刻" : "等待时间") + "（你写的是 " + answer[k] + " ms）",
                    answer[k] == want, hint());
        }
        return e.verdict();
    }

    private String hint() {
        String how = scheduler.policy().startsWith("先来")
                ? "先来先服务：在纸上按时间画一条线，一个任务接一个，CPU 空着时跳到下一个任务的到达时刻。"
                : "轮转：每过一个时间片看一次就绪队列，写下队列里的顺序；别忘了新到达的任务排在被换下的任务前面。";
        return how + (finish ? "" : "等待时间 = 完成时刻 − 到达时刻 − CPU 时间。");
    }

    int[] expected() {
        return jobs.stream().map(j -> schedule.metrics(j.name()))
                .mapToInt(m -> finish ? m.finish() : m.waiting()).toArray();
    }

    /** The answer: every job's finish and waiting time, and who ran when. */
    @Override
    public String reveal() {
        StringBuilder sb = new StringBuilder("答案（题号 " + seed() + "）：\n");
        for (Job j : jobs) {
            ScheduleResult.JobMetrics m = schedule.metrics(j.name());
            sb.append(String.format(Locale.ROOT, "  %s：完成时刻 %d ms，等待时间 %d ms（= %d − %d − %d）%n", j.name(),
                    m.finish(), m.waiting(), m.finish(), m.arrival(), m.cpu()));
        }
        return sb.append("谁在什么时候运行：").append(schedule.coreText(0)).toString();
    }
}
