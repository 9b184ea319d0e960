package course.deadlock;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import course.threads.ThreadLabResult;

/**
 * What one {@link DeadlockLab} run did: the threads' output, the deadlock report, who was interrupted
 * to break it, and what is left running (nothing, normally).
 *
 * <p>一次死锁实验的结果：线程按时间顺序的输出、看门狗的死锁报告、被中断的线程、以及还活着的线程（应该为空）。
 *
 * <p>Thread-safety: immutable.
 *
 * @param fix           which version ran
 * @param lab           the threads' output and outcomes
 * @param snapshot      the deadlock the watchdog found (empty when none)
 * @param broken        threads the watchdog interrupted
 * @param leftAlive     threads of the lab still alive at the end (should be empty)
 * @param detectedAfter time from start to detection, or null
 * @param workers       how many threads got both locks and did their work (2 when both finished)
 */
public record DeadlockResult(DeadlockLab.Fix fix, ThreadLabResult lab, DeadlockSnapshot snapshot, List<String> broken,
                             List<String> leftAlive, Duration detectedAfter, int workers) {

    public DeadlockResult {
        broken = List.copyOf(broken);
        leftAlive = List.copyOf(leftAlive);
    }

    /** Whether a deadlock was detected. */
    public boolean deadlocked() {
        return snapshot.found();
    }

    /** Whether both threads did their work (got both locks). */
    public boolean finished() {
        return lab.ok() && workers == 2;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(lab.toString());
        sb.append(snapshot);
        if (detectedAfter != null) {
            sb.append(String.format(Locale.ROOT, "看门狗在 %.0f ms 时发现死锁，中断了 %s%n", detectedAfter.toNanos() / 1e6,
                    String.join("、", broken)));
        }
        sb.append(finished() ? "两个线程都完成了工作 ✔\n" : "完成工作的线程: " + workers + " 个（被中断的线程放弃了）\n");
        sb.append(leftAlive.isEmpty() ? "剩下的线程：无（内核可以继续使用）\n" : "⚠ 仍然活着的线程：" + String.join("、", leftAlive) + "\n");
        return sb.toString();
    }
}
