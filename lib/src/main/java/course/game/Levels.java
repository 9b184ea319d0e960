package course.game;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import course.cpu.Interleavings;
import course.cpu.Program;
import course.game.Goal.Compare;

/**
 * The levels of the scheduler game, each a small lesson, in the order the course meets them.
 *
 * <p>各关的程序、目标和讲解。第 1–3 关是丢失的更新（第 5 节），第 4–6 关是锁和 CAS（第 6 节），第 7–8 关是死锁（第 8 节）。
 *
 * <p>Thread-safety: immutable.
 */
final class Levels {

    static final String RACE = "05_竞态条件";
    static final String RACE_TITLE = "第 5 节 竞态条件";
    static final String LOCK = "06_互斥锁";
    static final String LOCK_TITLE = "第 6 节 互斥锁";
    static final String DEADLOCK = "08_死锁";
    static final String DEADLOCK_TITLE = "第 8 节 死锁";

    static final String FLAG_LOCK = """
            DATA 2000, 0          # count
            DATA 2004, 0          # flag：0 = 没人在里面，1 = 有人
            wait: LOAD  A, 2004   # 看一眼 flag
                  JNZ   A, wait   # 有人在里面，就回去再看
                  SET   A, 1
                  STORE A, 2004   # 把 flag 设成 1：“我进来了”
            cs:   LOAD  B, 2000   # —— 临界区：count = count + 1 ——
                  ADDI  B, B, 1
                  STORE B, 2000
            out:  SET   A, 0
                  STORE A, 2004   # 出来了，flag 设回 0
            """;

    static final String LOCKED_INCREMENT = """
            DATA 2000, 0          # count
            LOCK   3000           # 拿锁：锁被别人拿着就等（被阻塞）
            LOAD   A, 2000        # —— 临界区：count = count + 1 ——
            ADDI   A, A, 1
            STORE  A, 2000
            UNLOCK 3000           # 放锁
            """;

    /** The CAS counter of thread T{@code n}: two increments, failures counted at 2000 + 4n. */
    static String casCounter(int n) {
        int failures = 2000 + 4 * n;
        return String.format(Locale.ROOT, """
                DATA 2000, 0          # count
                DATA %d, 0          # T%d 的 CAS 失败次数
                       SET   D, 2          # 要加 2 次
                again: LOAD  A, 2000       # A = count（期望值）
                       ADDI  B, A, 1       # B = A + 1（新值）
                       CAS   A, B, 2000    # count 还等于 A 就写入 B；A = 1 成功，0 失败
                       JNZ   A, ok
                       LOAD  C, %d       # 失败了：记一次，再试
                       ADDI  C, C, 1
                       STORE C, %d
                       JMP   again
                ok:    ADDI  D, D, -1
                       JNZ   D, again
                """, failures, n, failures, failures);
    }

    /** Two locks, taken first {@code first} then {@code second}, around one increment. */
    static String twoLocks(int first, int second) {
        return String.format(Locale.ROOT, """
                DATA 2000, 0          # count
                LOCK   %d           # 先拿锁 %s
                LOCK   %d           # 再拿锁 %s
                LOAD   A, 2000
                ADDI   A, A, 1
                STORE  A, 2000
                UNLOCK %d
                UNLOCK %d
                """, first, name(first), second, name(second), second, first);
    }

    private static String name(int lock) {
        return lock == 3000 ? "A" : "B";
    }

    private static final Map<Integer, String> COUNT = Map.of(2000, "count");
    private static final Map<Integer, String> LOCKS = Map.of(2000, "count", 3000, "锁 A", 3004, "锁 B");

    static final List<Level> ALL = List.of(
            new Level(1, "丢失的更新", "两个线程各做一次 count = count + 1（读、加一、写回三条指令）。你是调度器：每次选一个线程执行它的下一条指令。",
                    "两个线程都结束时，count 是 1（有一次加一丢了）", Collections.nCopies(2, Interleavings.counterProgram(1)),
                    COUNT, new Goal.FinalValue(2000, Compare.EQ, 1), true,
                    "两个线程都先读到了 0，各自算出 1 再写回：后写的覆盖了先写的，一次加一就这样丢了。"
                            + "这就是竞态条件（race condition）：结果取决于调度的先后。",
                    RACE, RACE_TITLE, 0, 1, 0, 0, 1, 1),
            new Level(2, "加两次，只剩 2", "两个线程各做两次 count = count + 1，本来应该得到 4。",
                    "两个线程都结束时，count 是 2", Collections.nCopies(2, Interleavings.counterProgram(2)), COUNT,
                    new Goal.FinalValue(2000, Compare.EQ, 2), true,
                    "让 T1 读到 0 以后停下，T2 把两次加一都做完（count = 2），T1 再写回 1，覆盖了 T2 的全部工作，"
                            + "然后 T1 自己再加一次：4 次加一只剩 2。一个线程“睡”在读和写之间，别人做多少都可能白做。",
                    RACE, RACE_TITLE, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
            new Level(3, "三个线程", "三个线程各做一次 count = count + 1。", "三个线程都结束时，count 是 1",
                    Collections.nCopies(3, Interleavings.counterProgram(1)), COUNT,
                    new Goal.FinalValue(2000, Compare.EQ, 1), true,
                    "三个线程都先读到 0，再各自写回 1：三次加一只剩一次。线程越多，能丢的更新越多；"
                            + "穷举会告诉你 3 个线程时可能的最终值是 1、2、3。",
                    RACE, RACE_TITLE, 0, 1, 2, 0, 0, 1, 1, 2, 2),
            new Level(4, "自制的“锁”", "有人想用一个标志 flag 当锁：先看 flag 是不是 0，是 0 就把它设成 1 再进临界区。",
                    "让两个线程同时待在临界区里（PC 都在 cs 和 out 之间）", Collections.nCopies(2, FLAG_LOCK),
                    Map.of(2000, "count", 2004, "flag"), new Goal.Together(Levels.address(FLAG_LOCK, "cs"),
                    Levels.address(FLAG_LOCK, "out")), true,
                    "“先检查、再设置”（check-then-act）是两条指令：两个线程都看到 flag = 0，然后都把它设成 1，"
                            + "一起进了临界区。真正的锁必须把“看”和“拿”做成一步不可分的操作（原子操作），"
                            + "这正是 LOCK 指令和 Java 的 synchronized / ReentrantLock 做的事。",
                    LOCK, LOCK_TITLE, 0, 1, 0, 1, 0, 0, 1, 1),
            new Level(5, "加了锁的计数器", "和第 1 关一样，两个线程各做一次 count = count + 1，但这次加一被 LOCK / UNLOCK 包起来了。",
                    "两个线程都结束时，count 是 1", Collections.nCopies(2, LOCKED_INCREMENT),
                    Map.of(2000, "count", 3000, "锁"), new Goal.FinalValue(2000, Compare.EQ, 1), false,
                    "这一关赢不了：一个线程拿着锁时，另一个线程的 LOCK 被阻塞，执行不了；"
                            + "所以读、加一、写回三条指令不会被别人插进来，count 永远是 2。"
                            + "笔记本里的穷举（SchedulerGame.level(5).enumerate()）把所有交错都算了一遍：只有一种结局。",
                    LOCK, LOCK_TITLE),
            new Level(6, "CAS：不加锁也不丢", "两个线程各把 count 加两次，不用锁，用 CAS（比较并交换）：读出旧值，算出新值，"
                    + "只有 count 还等于旧值时才写入，否则重来。每个线程把自己失败的次数记在内存里。",
                    "让 T1 的 CAS 失败 2 次（内存[2004] 到 2）", List.of(casCounter(1), casCounter(2)),
                    Map.of(2000, "count", 2004, "T1 失败次数", 2008, "T2 失败次数"),
                    new Goal.Reaches(2004, Compare.GE, 2), true,
                    "T1 失败了两次，可是没有一次加一丢失：CAS 失败时什么都不写，T1 只是重读再试，最后 count 一定是 4。"
                            + "T1 能不能永远失败下去？每次 T1 失败，都是因为 T2 刚成功了一次；T2 只加两次，"
                            + "所以 T1 最多失败 2 次。无锁（lock-free）保证总有线程在前进，却不保证每个线程都前进："
                            + "如果别的线程一直在加，一个线程可能一直重试（饥饿，starvation）。Java 的 AtomicInteger 就是这样加一的。",
                    LOCK, LOCK_TITLE, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0,
                    0, 0),
            new Level(7, "两把锁，顺序相反", "T1 先拿锁 A 再拿锁 B，T2 先拿锁 B 再拿锁 A。", "让两个线程死锁：谁都等着对方手里的锁",
                    List.of(twoLocks(3000, 3004), twoLocks(3004, 3000)), LOCKS, new Goal.Deadlock(), true,
                    "T1 拿着 A 等 B，T2 拿着 B 等 A：一个等待环，谁也走不下去，这就是死锁（deadlock）。"
                            + "互斥、拿着不放、不能抢、循环等待，四个条件都成立了。",
                    DEADLOCK, DEADLOCK_TITLE, 0, 1),
            new Level(8, "两把锁，顺序一致", "和第 7 关一样两把锁，但两个线程都先拿 A 再拿 B。", "让两个线程死锁",
                    List.of(twoLocks(3000, 3004), twoLocks(3000, 3004)), LOCKS, new Goal.Deadlock(), false,
                    "这一关赢不了：谁先拿到 A，另一个就在 A 上等，拿到 A 的线程一定也能拿到 B。"
                            + "所有线程按同一个顺序拿锁，等待环就不可能出现：这是避免死锁最常用的办法。",
                    DEADLOCK, DEADLOCK_TITLE));

    private Levels() {
    }

    /** The address of {@code label} in {@code source}. */
    static int address(String source, String label) {
        return Program.parse(source).labels().get(label);
    }
}
