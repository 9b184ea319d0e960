package course.deadlock;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of {@link ThreadMXBean} the deadlock detector needs, as plain records (so tests can stub it).
 *
 * <p>死锁检测用到的 {@link ThreadMXBean} 的两个功能：找出死锁的线程，读出每个线程持有哪些锁、
 * 在等哪把锁、那把锁被谁持有。{@link #jvm()} 是真实的 JVM；测试里可以换成一个假的实现。
 *
 * <p>Thread-safety: {@link #jvm()} may be called from any thread (a watchdog); the records are immutable.
 */
public interface ThreadProbe {

    /**
     * A lock as the JVM names it: class name and identity hash code.
     *
     * @param className    e.g. {@code java.util.concurrent.locks.ReentrantLock$NonfairSync}
     * @param identityHash {@code System.identityHashCode} of the lock object (for a ReentrantLock: of its sync)
     */
    record LockRef(String className, int identityHash) {
        static LockRef of(LockInfo info) {
            return info == null ? null : new LockRef(info.getClassName(), info.getIdentityHashCode());
        }

        @Override
        public String toString() {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return simple + "@" + Integer.toHexString(identityHash);
        }
    }

    /**
     * One thread at one moment.
     *
     * @param id         thread id
     * @param name       thread name
     * @param state      thread state
     * @param waitingFor the lock it is blocked on, or null
     * @param ownerName  name of the thread holding that lock, or null
     * @param held       locks it holds (monitors and ownable synchronizers)
     * @param top        the top stack frame, or empty
     */
    record ThreadSnapshot(long id, String name, Thread.State state, LockRef waitingFor, String ownerName,
                          List<LockRef> held, String top) {
        public ThreadSnapshot {
            held = List.copyOf(held);
            top = top == null ? "" : top;
        }
    }

    /** Ids of threads in a deadlock (monitors or ownable synchronizers); empty when none. */
    long[] findDeadlockedThreads();

    /** Snapshots of the threads with these ids (threads that ended are left out). */
    List<ThreadSnapshot> snapshots(long[] ids);

    /** The running JVM's thread bean. */
    static ThreadProbe jvm() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return new ThreadProbe() {
            @Override
            public long[] findDeadlockedThreads() {
                long[] ids = bean.findDeadlockedThreads();
                return ids == null ? new long[0] : ids;
            }

            @Override
            public List<ThreadSnapshot> snapshots(long[] ids) {
                List<ThreadSnapshot> out = new ArrayList<>();
                for (ThreadInfo info : bean.getThreadInfo(ids, bean.isObjectMonitorUsageSupported(),
                        bean.isSynchronizerUsageSupported())) {
                    if (info != null) {
                        out.add(snapshot(info));
                    }
                }
                return out;
            }
        };
    }

    /** Converts a {@link ThreadInfo}. */
    static ThreadSnapshot snapshot(ThreadInfo info) {
        List<LockRef> held = new ArrayList<>();
        for (MonitorInfo m : info.getLockedMonitors()) {
            held.add(LockRef.of(m));
        }
        for (LockInfo l : info.getLockedSynchronizers()) {
            held.add(LockRef.of(l));
        }
        StackTraceElement[] stack = info.getStackTrace();
        return new ThreadSnapshot(info.getThreadId(), info.getThreadName(), info.getThreadState(),
                LockRef.of(info.getLockInfo()), info.getLockOwnerName(), held,
                stack.length == 0 ? "" : stack[0].toString());
    }
}
