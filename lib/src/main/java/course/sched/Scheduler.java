package course.sched;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import course.base.Args;

/**
 * A discrete-time (1 ms) simulator of CPU scheduling: round-robin or first-come-first-served on N cores.
 *
 * <p>调度模拟器：操作系统怎样让几个任务轮流（或同时）使用 CPU。以 1 毫秒为一格推进时间。
 * <ul>
 *   <li>轮转调度（round-robin）：每个任务一次最多连续执行一个时间片（quantum，默认 10 ms，
 *       就是原教程里的 0.01 秒），时间片用完而有别的任务在排队时，回到就绪队列末尾。</li>
 *   <li>先来先服务（first-come-first-served, FCFS）：任务一直执行到这一段算完（或开始等待）才让出 CPU。</li>
 * </ul>
 *
 * <pre>{@code
 * ScheduleResult s = Scheduler.roundRobin().cores(2).run(
 *         Job.cpu("浏览器", 30), Job.cpu("听音乐", 20), Job.cpu("写作业", 10));
 * }</pre>
 *
 * <p>Rules at each instant, in order: jobs whose CPU burst ended leave their core (to wait, or terminate);
 * finished waits end; arrivals and then wake-ups join the tail of the ready queue (in job order); free cores
 * take jobs from the head, lowest core first; then each core whose time slice has expired gives its job back
 * to the tail only if another job is ready, otherwise the job keeps running with a fresh slice.
 *
 * <p>Thread-safety: immutable; {@link #cores(int)} and {@link #quantum(int)} return new schedulers.
 */
public final class Scheduler {

    /** The seed's time slice, 0.01 s. */
    public static final int DEFAULT_QUANTUM_MS = 10;
    private static final int MAX_TIME_MS = 10_000_000;

    private final boolean roundRobin;
    private final int quantum;
    private final int cores;

    private Scheduler(boolean roundRobin, int quantum, int cores) {
        Args.check(quantum > 0, "quantum", quantum + " ms", "be positive", "时间片要大于 0 毫秒");
        Args.positive("cores", cores, "核数");
        this.roundRobin = roundRobin;
        this.quantum = quantum;
        this.cores = cores;
    }

    /** Round-robin with the default 10 ms time slice on 1 core. */
    public static Scheduler roundRobin() {
        return new Scheduler(true, DEFAULT_QUANTUM_MS, 1);
    }

    /** Round-robin with a time slice of {@code quantumMs} ms on 1 core. */
    public static Scheduler roundRobin(int quantumMs) {
        return new Scheduler(true, quantumMs, 1);
    }

    /** First-come-first-served (no time slice) on 1 core. */
    public static Scheduler fcfs() {
        return new Scheduler(false, Integer.MAX_VALUE, 1);
    }

    /** The same policy on {@code n} cores. */
    public Scheduler cores(int n) {
        return new Scheduler(roundRobin, quantum, n);
    }

    /** Round-robin with another time slice. */
    public Scheduler quantum(int ms) {
        if (!roundRobin) {
            throw new IllegalStateException("FCFS has no time slice / 先来先服务没有时间片，请用 Scheduler.roundRobin(" + ms + ")");
        }
        return new Scheduler(true, ms, cores);
    }

    /** Number of cores. */
    public int cores() {
        return cores;
    }

    /** The policy in words, e.g. {@code 轮转调度（时间片 10 ms）}. */
    public String policy() {
        return roundRobin ? "轮转调度（时间片 " + quantum + " ms）" : "先来先服务";
    }

    /** Simulates {@code jobs}. */
    public ScheduleResult run(Job... jobs) {
        return run(Arrays.asList(jobs));
    }

    /**
     * Simulates {@code jobs} until all have terminated.
     *
     * @throws IllegalArgumentException when the list is empty or two jobs share a name
     */
    public ScheduleResult run(List<Job> jobs) {
        Args.check(jobs != null && !jobs.isEmpty(), "jobs", jobs == null ? 0 : jobs.size(), "not be empty", "至少要有一个任务");
        Set<String> names = new HashSet<>();
        for (Job j : jobs) {
            Args.check(names.add(j.name()), "job name", j.name(), "be unique", "任务名字重复了：" + j.name());
        }
        return new Run(jobs).simulate();
    }

    @Override
    public String toString() {
        return policy() + "，" + cores + " 个核";
    }

    /** One job during the simulation. */
    private static final class Live {
        final Job job;
        int burst = -1;
        int remaining;
        JobState state = JobState.NEW;
        int slice;
        int firstRun = -1;
        int finish = -1;
        int readyTime;
        int cpuTime;
        int switches;
        final List<ScheduleResult.StateSpan> spans = new ArrayList<>();
        JobState spanState;
        int spanStart;

        Live(Job job) {
            this.job = job;
        }

        /** Moves to the next burst at time t; returns the new state. */
        JobState advance(int t) {
            burst++;
            if (burst >= job.bursts().size()) {
                state = JobState.TERMINATED;
                finish = t;
            } else {
                Burst b = job.bursts().get(burst);
                remaining = b.ms();
                state = b.cpu() ? JobState.READY : JobState.WAITING;
            }
            return state;
        }

        void record(int t) {
            if (state != spanState) {
                close(t);
                spanState = state;
                spanStart = t;
            }
        }

        void close(int t) {
            if (spanState != null && t > spanStart) {
                spans.add(new ScheduleResult.StateSpan(job.name(), spanState, spanStart, t));
            }
        }
    }

    private final class Run {
        final List<Live> live = new ArrayList<>();
        final Deque<Live> ready = new ArrayDeque<>();
        final Live[] running = new Live[cores];
        final int[] sliceStart = new int[cores];
        final List<ScheduleResult.Slice> slices = new ArrayList<>();
        long busy;

        Run(List<Job> jobs) {
            jobs.forEach(j -> live.add(new Live(j)));
        }

        void endSlice(int core, int t) {
            Live l = running[core];
            if (t > sliceStart[core]) {
                slices.add(new ScheduleResult.Slice(core, l.job.name(), sliceStart[core], t));
            }
            running[core] = null;
        }

        void dispatch(int core, int t) {
            Live l = ready.poll();
            running[core] = l;
            sliceStart[core] = t;
            l.state = JobState.RUNNING;
            l.slice = 0;
            if (l.firstRun < 0) {
                l.firstRun = t;
            }
        }

        ScheduleResult simulate() {
            int t = 0;
            int done = 0;
            while (done < live.size()) {
                if (t > MAX_TIME_MS) {
                    throw new IllegalStateException("simulation passed " + MAX_TIME_MS + " ms / 模拟时间太长");
                }
                // 1. running jobs whose CPU burst ended
                for (int c = 0; c < cores; c++) {
                    Live l = running[c];
                    if (l != null && l.remaining == 0) {
                        endSlice(c, t);
                        JobState s = l.advance(t);
                        if (s == JobState.TERMINATED) {
                            done++;
                        } else if (s == JobState.WAITING) {
                            l.switches++;
                        } else {
                            // two CPU bursts in a row: it simply continues; keep its place at the head
                            ready.addFirst(l);
                        }
                    }
                }
                // 2. waits that ended, 3. arrivals then wake-ups join the ready queue
                List<Live> wakeUps = new ArrayList<>();
                for (Live l : live) {
                    if (l.state == JobState.WAITING && l.remaining == 0) {
                        wakeUps.add(l);
                    }
                }
                for (Live l : live) {
                    if (l.state == JobState.NEW && l.job.arrival() == t) {
                        JobState s = l.advance(t);
                        if (s == JobState.READY) {
                            ready.addLast(l);
                        }
                    }
                }
                for (Live l : wakeUps) {
                    JobState s = l.advance(t);
                    if (s == JobState.READY) {
                        ready.addLast(l);
                    } else if (s == JobState.TERMINATED) {
                        done++;
                    }
                }
                // 4. free cores take the head of the queue
                for (int c = 0; c < cores && !ready.isEmpty(); c++) {
                    if (running[c] == null) {
                        dispatch(c, t);
                    }
                }
                // 5. expired slices go back only if someone else is ready
                for (int c = 0; c < cores; c++) {
                    Live l = running[c];
                    if (l != null && l.slice >= quantum) {
                        if (ready.isEmpty()) {
                            l.slice = 0;
                        } else {
                            endSlice(c, t);
                            l.state = JobState.READY;
                            l.switches++;
                            ready.addLast(l);
                            dispatch(c, t);
                        }
                    }
                }
                if (done == live.size()) {
                    break;
                }
                // record the state of every job during [t, t + 1), then let 1 ms pass
                for (Live l : live) {
                    l.record(t);
                    switch (l.state) {
                        case RUNNING -> {
                            l.remaining--;
                            l.slice++;
                            l.cpuTime++;
                            busy++;
                        }
                        case WAITING -> l.remaining--;
                        case READY -> l.readyTime++;
                        default -> {
                        }
                    }
                }
                t++;
            }
            int makespan = t;
            List<ScheduleResult.StateSpan> states = new ArrayList<>();
            List<ScheduleResult.JobMetrics> metrics = new ArrayList<>();
            for (Live l : live) {
                l.record(t);
                l.close(t);
                states.addAll(l.spans);
                int arrival = l.job.arrival();
                metrics.add(new ScheduleResult.JobMetrics(l.job.name(), arrival, l.finish, l.cpuTime, l.finish - arrival,
                        l.readyTime, l.firstRun < 0 ? 0 : l.firstRun - arrival, l.switches));
            }
            slices.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(a.core(), b.core()));
            double util = makespan == 0 ? 0 : (double) busy / ((long) cores * makespan);
            return new ScheduleResult(policy(), cores, makespan, slices, states, metrics, util);
        }
    }
}
