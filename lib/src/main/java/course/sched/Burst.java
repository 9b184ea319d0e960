package course.sched;

import course.base.Args;

/**
 * One phase of a job: computing on a CPU, or waiting (for I/O or a sleep) without one.
 *
 * <p>任务的一段：要在 CPU 上算 {@code ms} 毫秒（CPU burst），或者不占 CPU 地等 {@code ms} 毫秒
 * （等磁盘、网络、sleep……）。
 *
 * <p>Thread-safety: immutable.
 *
 * @param cpu whether it needs a CPU (true) or waits (false)
 * @param ms  length in milliseconds, positive
 */
public record Burst(boolean cpu, int ms) {

    public Burst {
        Args.check(ms > 0, "burst length", ms + " ms", "be positive", "每一段的时长要大于 0 毫秒");
    }

    /** A CPU burst of {@code ms} milliseconds. 在 CPU 上计算 ms 毫秒。 */
    public static Burst cpu(int ms) {
        return new Burst(true, ms);
    }

    /** A wait (I/O or sleep) of {@code ms} milliseconds. 不占 CPU，等待 ms 毫秒。 */
    public static Burst io(int ms) {
        return new Burst(false, ms);
    }

    @Override
    public String toString() {
        return (cpu ? "CPU " : "等待 ") + ms + " ms";
    }
}
