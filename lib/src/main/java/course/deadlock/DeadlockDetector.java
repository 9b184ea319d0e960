package course.deadlock;

import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import course.base.Args;

/**
 * Finds deadlocked threads with {@link ThreadMXBean#findDeadlockedThreads()} and says, with the
 * names you gave the locks, who holds what and waits for what.
 *
 * <p>死锁检测器：调用 JVM 的 {@code ThreadMXBean.findDeadlockedThreads()} 找出互相等待的线程，
 * 再读出每个线程持有哪把锁、在等哪把锁。JVM 只知道锁的类名和编号，用 {@link #name(Object, String)}
 * 给锁起个名字（"锁A"），报告就好读了。
 *
 * <pre>{@code
 * ReentrantLock a = new ReentrantLock(), b = new ReentrantLock();
 * DeadlockDetector detector = DeadlockDetector.create().name(a, "锁A").name(b, "锁B");
 * DeadlockSnapshot snapshot = detector.detect();   // snapshot.found() / System.out.println(snapshot)
 * }</pre>
 *
 * <p>Thread-safety: name the locks from one thread before the demo starts; {@link #detect()} may then
 * be called from any thread (a watchdog).
 */
public final class DeadlockDetector {

    private final ThreadProbe probe;
    private final Map<ThreadProbe.LockRef, String> names = new LinkedHashMap<>();

    private DeadlockDetector(ThreadProbe probe) {
        this.probe = probe;
    }

    /** A detector on this JVM. */
    public static DeadlockDetector create() {
        return new DeadlockDetector(ThreadProbe.jvm());
    }

    /** A detector reading threads from {@code probe} (a stub in tests). */
    public static DeadlockDetector using(ThreadProbe probe) {
        return new DeadlockDetector(Args.notNull("probe", probe));
    }

    /** Names a lock the JVM reports as {@code ref} (for stubs). */
    public DeadlockDetector name(ThreadProbe.LockRef ref, String name) {
        names.put(Args.notNull("ref", ref), Args.notNull("name", name));
        return this;
    }

    /**
     * Names a lock: a {@link ReentrantLock} (it must be free: the detector briefly takes it to learn
     * how the JVM reports it) or any object used with {@code synchronized}.
     *
     * @throws IllegalStateException when the ReentrantLock is held by some thread
     */
    public DeadlockDetector name(Object lock, String name) {
        return name(LockRefs.of(lock, Args.notNull("name", name)), name);
    }

    /** The deadlock right now, or an empty snapshot (found() is false) when there is none. */
    public DeadlockSnapshot detect() {
        long[] ids = probe.findDeadlockedThreads();
        if (ids.length == 0) {
            return DeadlockSnapshot.none();
        }
        return DeadlockSnapshot.of(probe.snapshots(ids), names);
    }
}
