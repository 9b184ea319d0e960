package course.kernel;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the kernel itself creates to run cells.
 *
 * <p>内核自己用来执行单元格的线程（{@code Engine-thread-…}）。笔记本留下的线程检查（{@link Leftovers}）不把它们算作
 * 笔记本留下的线程；单元格输出的去向（{@link CellOutput}）也靠它认出执行单元格的线程。
 *
 * <p>Thread-safe.
 */
public final class KernelThreads {

    private static final Set<Thread> OWN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private KernelThreads() {
    }

    /** A factory of threads named {@code prefix-N} that {@link #owns} knows. */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + next.getAndIncrement());
            OWN.add(t);
            return t;
        };
    }

    /** Whether the kernel made {@code t} to run cells. */
    public static boolean owns(Thread t) {
        return OWN.contains(t);
    }
}
