package course.exercises;

import java.util.Map;
import java.util.TreeMap;

import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.sched.Job;
import course.sched.ScheduleResult;
import course.sched.Scheduler;

/**
 * Checks for the exercises of notebook 01 (多任务).
 *
 * <p>笔记本 01 的练习检查：预测轮转调度的完成时间；找出最少要几个核。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex01 {

    /** 练习 2: the time limit, ms: A alone needs 25 ms. */
    public static final int LIMIT_MS = 25;

    private Ex01() {
    }

    /** The three jobs of the exercises: A needs 25 ms of CPU, B 15 ms, C 10 ms, all arriving at 0. */
    public static Job[] jobs() {
        return new Job[]{Job.cpu("A", 25), Job.cpu("B", 15), Job.cpu("C", 10)};
    }

    /**
     * 练习 1: the learner's predicted finish time (ms) of A, B and C under round-robin with a 10 ms slice on
     * one core.
     */
    public static Verdict finishTimes(Map<String, Integer> predicted) {
        ScheduleResult s = Scheduler.roundRobin().run(jobs());
        Exercise e = Exercise.named("练习 1：预测轮转调度的完成时间");
        for (String job : new String[]{"A", "B", "C"}) {
            Integer p = predicted == null ? null : predicted.get(job);
            e.expectAnswer("任务 " + job + " 的完成时间 (ms)", s.metrics(job).finish(), p,
                    "一个核、时间片 10 ms：按 A, B, C, A, B, A … 的顺序每次最多执行 10 ms，做完的任务就不再排队。"
                            + "在纸上画出时间轴再数。");
        }
        return e.verdict();
    }

    /**
     * 练习 2: the smallest number of cores on which the three jobs all finish within 25 ms (the longest job alone) (round-robin,
     * 10 ms slice).
     */
    public static Verdict fewestCores(int cores) {
        Exercise e = Exercise.named("练习 2：最少要几个核");
        String what = "最少的核数";
        if (cores <= 0) {
            return e.expect(what + "：" + (cores == 0 ? "还没有填" : "你的答案是 " + cores), false,
                    "至少要有 1 个核。用 Scheduler.roundRobin().cores(n).run(Ex01.jobs()).makespan() 试几个 n。").verdict();
        }
        int mine = Scheduler.roundRobin().cores(cores).run(jobs()).makespan();
        int fewer = cores > 1 ? Scheduler.roundRobin().cores(cores - 1).run(jobs()).makespan() : Integer.MAX_VALUE;
        String hint = mine > LIMIT_MS
                ? cores + " 个核时总用时 " + mine + " ms，超过了 " + LIMIT_MS + " ms：核不够。"
                : "再少一个核也能在 " + LIMIT_MS + " ms 内做完：任务数多于核数时，几个短任务可以轮流共用一个核，"
                        + "只要最长的任务一直有核可用。";
        return e.expect(what + "：你的答案是 " + cores, mine <= LIMIT_MS && fewer > LIMIT_MS, hint).verdict();
    }

    static int fewestCoresAnswer() {
        for (int n = 1; ; n++) {
            if (Scheduler.roundRobin().cores(n).run(jobs()).makespan() <= LIMIT_MS) {
                return n;
            }
        }
    }

    /** The reference answer of 练习 1 (for tests). */
    static Map<String, Integer> finishTimesAnswer() {
        ScheduleResult s = Scheduler.roundRobin().run(jobs());
        Map<String, Integer> m = new TreeMap<>();
        s.metrics().forEach(x -> m.put(x.job(), x.finish()));
        return m;
    }
}
