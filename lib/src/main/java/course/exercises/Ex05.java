package course.exercises;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.cpu.Cpu;
import course.cpu.Interleavings;
import course.threads.ThreadLabResult;
import course.threads.ThreadLab;

/**
 * Checks for the exercises of notebook 05 (多线程互斥锁).
 *
 * <p>笔记本 05 的练习检查：学习者写的 {@code increment} 里故意在读和写之间调用 {@code Thread.yield()}，
 * 所以没有保护的写法几乎每次都会丢失更新，检查结果稳定。
 */
public final class Ex05 {

    /** Threads the checks start. */
    public static final int THREADS = 2;
    /** Increments per thread. */
    public static final int INCREMENTS = 2_000;
    /** Runs per check. */
    public static final int RUNS = 3;

    private Ex05() {
    }

    /** 练习 1: {@code increment} reads, yields and writes a shared counter inside a ReentrantLock. */
    public static Verdict lockedIncrement(Runnable increment, LongSupplier value) {
        return counted("练习 1：用 ReentrantLock 保护读-改-写", increment, value,
                "用 lock.lock(); try { 读、yield、写 } finally { lock.unlock(); } 把三行都包起来。");
    }

    /** 练习 2: {@code increment} adds one to an AtomicLong without losing updates (CAS or incrementAndGet). */
    public static Verdict atomicIncrement(Runnable increment, LongSupplier value) {
        return counted("练习 2：用 AtomicLong 不加锁地 +1", increment, value,
                "get() 之后再 set(v + 1) 不是原子操作；用 incrementAndGet()，或者 compareAndSet(v, v + 1) 失败就重试。");
    }

    private static Verdict counted(String title, Runnable increment, LongSupplier value, String hint) {
        Exercise ex = Exercise.named(title);
        long expected = (long) THREADS * INCREMENTS;
        for (int run = 1; run <= RUNS; run++) {
            long before;
            try {
                before = value.getAsLong();
            } catch (RuntimeException e) {
                return ex.expect("读取计数器", false, "读计数器时抛出了 " + e).verdict();
            }
            ThreadLabResult lab = ThreadLab.create(title).timeout(Duration.ofSeconds(10))
                    .threads("练习线程-", THREADS, out -> {
                        for (int i = 0; i < INCREMENTS; i++) {
                            increment.run();
                        }
                    })
                    .run();
            if (!lab.ok()) {
                return ex.expect("两个线程都在 10 秒内正常结束", false,
                        "有线程抛出异常或卡住了：是不是忘了 unlock()？" + lab.outcomes()).verdict();
            }
            long delta = value.getAsLong() - before;
            ex.expectEquals("第 " + run + " 次：" + THREADS + " 个线程 × " + INCREMENTS + " 次 +1 之后计数器增加了",
                    expected, delta, hint);
        }
        return ex.verdict();
    }

    /**
     * 练习 3: the possible final values of {@code count} (starting at 0) when 2, then 3 threads each run
     * {@code count = count + 1} once as LOAD / ADD / STORE.
     */
    public static Verdict possibleValues(Set<Long> twoThreads, Set<Long> threeThreads) {
        return Exercise.named("练习 3：一次 +1 的所有可能结果")
                .expectEquals("2 个线程各 +1 一次", possible(2), twoThreads == null ? null : new TreeSet<>(twoThreads),
                        "两个线程都先 LOAD 到 0，再各自 STORE 1：结果可能是 1；一个做完另一个再做：2。")
                .expectEquals("3 个线程各 +1 一次", possible(3), threeThreads == null ? null : new TreeSet<>(threeThreads),
                        "最终值 = 最后一个 STORE 写下的值 = 它 LOAD 时看到的值 + 1。")
                .verdict();
    }

    /** Instructions of one thread in 练习 4: two increments of three instructions each. */
    public static final int SCHEDULE_LENGTH_PER_THREAD = 6;

    /**
     * 练习 4: a schedule (0 = T1, 1 = T2, one entry per whole instruction) under which two threads each doing
     * {@code count = count + 1} twice on the CPU simulator leave {@code count} at 2, the smallest possible value.
     */
    public static Verdict lowestSchedule(int[] schedule) {
        Exercise ex = Exercise.named("练习 4：让 4 次 +1 只剩下 2");
        if (schedule == null) {
            return ex.expect("给出一个调度", false, "schedule 不能是 null：写成 int[] schedule = {0, 1, …};").verdict();
        }
        int expectedLength = 2 * SCHEDULE_LENGTH_PER_THREAD;
        ex.expectEquals("调度的长度（每个线程 2 × 3 条指令）", expectedLength, schedule.length,
                "两个线程各有 LOAD / ADDI / STORE 两遍，一共 12 项，每项是 0（T1）或 1（T2）。");
        if (schedule.length != expectedLength) {
            return ex.verdict();
        }
        Cpu cpu = Cpu.threads(Interleavings.counterProgram(2), 2);
        try {
            cpu.run(schedule);
        } catch (IllegalArgumentException e) {
            return ex.expect("调度可以执行", false, "模拟器拒绝了这个调度：" + e.getMessage()
                    + "。每个线程正好出现 6 次，编号只能是 0 或 1。").verdict();
        }
        ex.expect("两个线程都执行完了自己的 6 条指令", cpu.halted(),
                "0 和 1 要各出现 6 次。");
        return ex.expectEquals("最终 count", 2L, cpu.peek(Interleavings.COUNTER),
                        "要让 T1 第一次 LOAD 读到 0，等 T2 做完一次 +1 后再写回 1，覆盖掉 T2 的成果；"
                        + "然后 T2 的第二次 LOAD 读到 1，等 T1 做完第二次 +1 后再写回 2。")
                .verdict();
    }

    /** Every final value of n threads each doing one LOAD/ADD/STORE, by exhaustive search. */
    static Set<Long> possible(int n) {
        Set<Long> out = new TreeSet<>();
        explore(new int[n], new long[n], 0, n, out);
        return out;
    }

    /** pc[i]: 0 = before LOAD, 1 = loaded, 2 = stored. */
    private static void explore(int[] pc, long[] reg, long memory, int n, Set<Long> out) {
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (pc[i] == 2) {
                continue;
            }
            any = true;
            int oldPc = pc[i];
            long oldReg = reg[i];
            if (pc[i] == 0) {
                reg[i] = memory + 1; // LOAD + ADD
                pc[i] = 1;
                explore(pc, reg, memory, n, out);
            } else {
                pc[i] = 2;
                explore(pc, reg, reg[i], n, out); // STORE
            }
            pc[i] = oldPc;
            reg[i] = oldReg;
        }
        if (!any) {
            out.add(memory);
        }
    }
}
