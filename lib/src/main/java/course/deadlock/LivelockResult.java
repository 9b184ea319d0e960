package course.deadlock;

import java.time.Duration;

import course.threads.ThreadLabResult;

/**
 * What one {@link Livelock} run did: the threads' log, how many of them ever got both locks and what the deadlock
 * detector saw meanwhile.
 *
 * <p>一次活锁实验的结果：两个线程按时间顺序的输出；拿到过两把锁的线程数（活锁时是 0）；
 * 线程1 每轮查一次死锁，一共查了几次、发现了几次（活锁时是 0 次）。
 *
 * <p>Thread-safety: immutable.
 *
 * @param lab            the threads' output and outcomes
 * @param rounds         rounds each thread tried
 * @param backOff        the back-off both used
 * @param workers        threads that got both locks
 * @param checks         times 线程1 asked the deadlock detector (once a round)
 * @param deadlocksSeen  times the detector found a deadlock
 */
public record LivelockResult(ThreadLabResult lab, int rounds, Duration backOff, int workers, int checks,
                             int deadlocksSeen) {

    /** Whether neither thread made progress although both kept running: a livelock. */
    public boolean livelocked() {
        return workers == 0 && lab.ok() && deadlocksSeen == 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(lab.toString());
        sb.append(livelocked() ? "两个线程都试了 " + rounds + " 轮，谁也没有拿到两把锁：一直在动，却没有进展——活锁\n"
                : "拿到两把锁的线程：" + workers + " 个\n");
        sb.append("这期间死锁检测查了 ").append(checks).append(" 次，发现死锁 ").append(deadlocksSeen).append(" 次\n");
        return sb.toString();
    }
}
