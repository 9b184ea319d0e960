package course.deadlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import course.base.Args;

/**
 * Watches one lock: which of some threads holds it, which wait for it, read from the JVM's thread bean.
 *
 * <p>看一把锁的"门口"：哪个线程在里面（持有锁），哪些线程在门口排队（等锁：等 {@code ReentrantLock} 的线程是
 * {@code WAITING}，等 {@code synchronized} 的是 {@code BLOCKED}）。原教程的比方：人 = 线程，卫生间 = 共享数据，
 * 门上的锁 = 互斥锁。{@link #snapshot(List)} 拍一张"照片"（{@link LockSnapshot}），
 * {@code DeadlockCharts.bathroom(snapshot)} 把它画成卫生间和门口的队伍。
 *
 * <pre>{@code
 * ReentrantLock door = new ReentrantLock();
 * LockWatch watch = LockWatch.of(door, "卫生间的门");    // 趁锁空闲时创建
 * ... 启动几个线程，它们都去 door.lock() ...
 * watch.awaitArrived(people, Duration.ofSeconds(5));   // 等每个人都进了门或者排上了队
 * LockSnapshot s = watch.snapshot(people);
 * }</pre>
 *
 * <p>Thread-safety: create it from one thread while the lock is free; {@link #snapshot} and
 * {@link #awaitArrived} may then be called from any thread.
 */
public final class LockWatch {

    /** How often {@link #awaitArrived} looks at the threads. */
    static final Duration POLL = Duration.ofMillis(2);

    private final Object lock;
    private final String name;
    private final ThreadProbe.LockRef ref;
    private final ThreadProbe probe;

    private LockWatch(Object lock, String name, ThreadProbe.LockRef ref, ThreadProbe probe) {
        this.lock = lock;
        this.name = name;
        this.ref = ref;
        this.probe = probe;
    }

    /**
     * Watches {@code lock}: a {@link ReentrantLock} (it must be free now: the watch briefly takes it to learn how
     * the JVM reports it) or any object used with {@code synchronized}.
     *
     * @throws IllegalStateException when the ReentrantLock is held by some thread
     */
    public static LockWatch of(Object lock, String name) {
        Args.notNull("name", name);
        return new LockWatch(lock, name, LockRefs.of(lock, name), ThreadProbe.jvm());
    }

    /** The lock's name. */
    public String name() {
        return name;
    }

    /**
     * Who of {@code threads} holds the lock and who waits for it right now; the waiting ones in the order given.
     */
    public LockSnapshot snapshot(List<Thread> threads) {
        Args.notNull("threads", threads);
        long[] ids = threads.stream().mapToLong(Thread::getId).toArray();
        List<ThreadProbe.ThreadSnapshot> infos = probe.snapshots(ids);
        LockSnapshot.Person holder = null;
        String ownerName = null;
        List<LockSnapshot.Person> waiting = new ArrayList<>();
        List<LockSnapshot.Person> others = new ArrayList<>();
        for (Thread t : threads) {
            ThreadProbe.ThreadSnapshot info = infos.stream().filter(i -> i.id() == t.getId()).findFirst().orElse(null);
            Thread.State state = info == null ? t.getState() : info.state();
            LockSnapshot.Person p = new LockSnapshot.Person(t.getName(), state);
            if (info != null && info.held().contains(ref)) {
                holder = p;
            } else if (info != null && ref.equals(info.waitingFor())) {
                waiting.add(p);
                ownerName = info.ownerName() != null ? info.ownerName() : ownerName;
            } else {
                others.add(p);
            }
        }
        if (holder == null && ownerName != null) {
            String owner = ownerName;
            holder = others.stream().filter(p -> p.name().equals(owner)).findFirst()
                    .orElse(new LockSnapshot.Person(owner, null));
            others.remove(holder);
        }
        boolean locked = holder != null || (lock instanceof ReentrantLock rl && rl.isLocked());
        return new LockSnapshot(name, lock instanceof ReentrantLock ? "ReentrantLock" : "synchronized", locked,
                holder, waiting, others);
    }

    /** {@link #snapshot(List)} of these threads. */
    public LockSnapshot snapshot(Thread... threads) {
        return snapshot(List.of(threads));
    }

    /**
     * Waits until each of {@code threads} holds the lock or waits for it (each has "arrived at the door"), at most
     * {@code timeout}; returns whether they all did. Call it after starting each thread and the queue is in the
     * order they were started.
     *
     * @throws IllegalArgumentException when the timeout is not positive
     * @throws InterruptedException     when the waiting thread is interrupted
     */
    public boolean awaitArrived(List<Thread> threads, Duration timeout) throws InterruptedException {
        Args.notNull("threads", threads);
        long deadline = System.nanoTime() + Args.positive("timeout", timeout, "时间限制").toNanos();
        while (true) {
            LockSnapshot s = snapshot(threads);
            if (s.others().isEmpty()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
