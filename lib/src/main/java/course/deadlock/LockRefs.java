package course.deadlock;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import course.base.Args;

/**
 * How the JVM's thread bean names a lock: a monitor by the object itself, a {@link ReentrantLock} by its hidden
 * sync object.
 *
 * <p>JVM 怎样称呼一把锁：{@code synchronized} 用的对象就是它自己；{@code ReentrantLock} 是它内部的 sync 对象，
 * 只能趁锁空闲时拿一下锁，看 JVM 报告当前线程多持有了哪个对象。
 *
 * <p>Thread-safety: stateless.
 */
final class LockRefs {

    private LockRefs() {
    }

    /**
     * The reference the JVM reports for {@code lock}: a free {@link ReentrantLock} (briefly taken by the calling
     * thread) or any object used with {@code synchronized}.
     *
     * @throws IllegalStateException when the ReentrantLock is held, or the JVM does not report lock owners
     */
    static ThreadProbe.LockRef of(Object lock, String name) {
        Args.notNull("lock", lock);
        if (!(lock instanceof ReentrantLock rl)) {
            return new ThreadProbe.LockRef(lock.getClass().getName(), System.identityHashCode(lock));
        }
        String busy = "lock " + name + " must be free when it is named / 给锁起名字时它不能被别的线程持有";
        if (rl.isLocked()) {
            throw new IllegalStateException(busy);
        }
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        Set<ThreadProbe.LockRef> before = new HashSet<>();
        for (LockInfo l : bean.getThreadInfo(new long[]{me}, false, true)[0].getLockedSynchronizers()) {
            before.add(ThreadProbe.LockRef.of(l));
        }
        if (!rl.tryLock()) {
            throw new IllegalStateException(busy);
        }
        try {
            for (LockInfo l : bean.getThreadInfo(new long[]{me}, false, true)[0].getLockedSynchronizers()) {
                ThreadProbe.LockRef ref = ThreadProbe.LockRef.of(l);
                if (!before.contains(ref)) {
                    return ref;
                }
            }
        } finally {
            rl.unlock();
        }
        throw new IllegalStateException("the JVM does not report lock " + name + " / 这个 JVM 不报告 ReentrantLock 的持有者");
    }
}
