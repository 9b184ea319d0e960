package course.coord;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import course.base.Args;
import course.base.Text;

/**
 * Where a few threads wait at one moment: in which wait set (a monitor's {@code wait()}, a {@link Condition}'s
 * {@code await()}) or in which entry queue (a {@code synchronized} door, a {@link ReentrantLock}).
 *
 * <p>某一刻，几个线程分别在哪里等：在某个对象的 {@code wait()} 里（这个对象的"等待室"）、在某个
 * {@code Condition} 的 {@code await()} 里、在 {@code synchronized} 门口排队（BLOCKED），还是在
 * {@code ReentrantLock} 门口排队。一个对象只有一个等待室，生产者和消费者只好挤在一起；一把
 * {@code ReentrantLock} 可以有好几个 {@code Condition}，每种线程一个等待室。画图用
 * {@code CoordCharts.rooms(标题, snapshot)}。
 *
 * <pre>{@code
 * WaitSnapshot s = WaitSnapshot.watch()
 *         .condition("notFull（等空位）", buffer.notFull)
 *         .condition("notEmpty（等东西）", buffer.notEmpty)
 *         .lock("锁的门口", buffer.lock)
 *         .take(threads);
 * }</pre>
 *
 * <p>Threads are read one after another (like a thread dump), so a thread that moves meanwhile may show in
 * its old or its new place; take a snapshot when the threads have settled ({@link #awaitWaiting}).
 * A monitor is recognised by its class and identity hash code, as {@code ThreadMXBean} reports it.
 *
 * <p>Thread-safety: immutable once taken; a {@link Watch} is used by one thread.
 */
public final class WaitSnapshot {

    /** One place and the threads in it, in the order given. */
    public record Place(String name, Kind kind, List<String> threads) {
        /** What kind of place. */
        public enum Kind {
            /** Inside {@code wait()} or {@code await()}: waiting for a signal. 等待室：等人叫醒。 */
            WAIT_ROOM,
            /** Queued to get a monitor or a lock. 门口：排队拿锁。 */
            DOOR,
            /** Anything else: running, waiting elsewhere, ended. 别处。 */
            ELSEWHERE
        }

        public Place {
            threads = List.copyOf(threads);
        }
    }

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private final List<Place> places;

    private WaitSnapshot(List<Place> places) {
        this.places = List.copyOf(places);
    }

    /** Starts naming what to watch. */
    public static Watch watch() {
        return new Watch();
    }

    /** The places named, then "在运行" (running), "在别处等" (waiting elsewhere) and "已结束" (ended), each possibly empty. */
    public List<Place> places() {
        return places;
    }

    /** The threads in the place called {@code name} (empty when there is no such place). */
    public List<String> in(String name) {
        return places.stream().filter(p -> p.name().equals(name)).findFirst().map(Place::threads).orElse(List.of());
    }

    /** The objects to watch, each under a name. */
    public static final class Watch {
        private final Map<String, Object> watched = new LinkedHashMap<>();

        private Watch() {
        }

        /**
         * A monitor (any object used with {@code synchronized}): its wait set {@code name + " 的 wait()"} and its
         * entry queue {@code name + " 门口 (synchronized)"}.
         */
        public Watch monitor(String name, Object monitor) {
            return add(name, Args.notNull("monitor", monitor));
        }

        /** A condition's wait set: threads inside its {@code await()}. */
        public Watch condition(String name, Condition condition) {
            return add(name, Args.notNull("condition", condition));
        }

        /** A lock's entry queue: threads waiting in {@code lock()} (also those woken by a signal, waiting to get it back). */
        public Watch lock(String name, ReentrantLock lock) {
            return add(name, Args.notNull("lock", lock));
        }

        private Watch add(String name, Object what) {
            Args.check(name != null && !name.isBlank() && !watched.containsKey(name), "name", name,
                    "be a new, non-blank name", "每个地方要有一个不重复的名字");
            watched.put(name, what);
            return this;
        }

        /**
         * Looks again and again (at most {@code timeout}) until {@code count} of the threads are in {@code place},
         * and returns that snapshot, or the last one when time ran out.
         *
         * <p>反复看，直到有 {@code count} 个线程到了 {@code place}（最多等 {@code timeout}）：线程还在路上时拍的照片不算数。
         *
         * @throws IllegalArgumentException when {@code place} is not one of this snapshot's places
         */
        public WaitSnapshot takeWhen(Collection<Thread> threads, String place, int count, Duration timeout)
                throws InterruptedException {
            Args.positive("timeout", timeout, "时间限制");
            long deadline = System.nanoTime() + timeout.toNanos();
            WaitSnapshot s = take(threads);
            Args.check(s.places.stream().anyMatch(x -> x.name().equals(place)), "place", place, "be a place of the snapshot",
                    "没有这个地方：" + s.places.stream().map(Place::name).toList());
            while (s.in(place).size() < count && System.nanoTime() < deadline) {
                Thread.sleep(1);
                s = take(threads);
            }
            return s;
        }

        /** Looks where each thread is now. */
        public WaitSnapshot take(Collection<Thread> threads) {
            Args.notNull("threads", threads);
            Map<String, Place.Kind> kinds = new LinkedHashMap<>();
            Map<String, List<String>> in = new LinkedHashMap<>();
            watched.forEach((name, what) -> {
                if (what instanceof Condition) {
                    kinds.put(name, Place.Kind.WAIT_ROOM);
                } else if (what instanceof ReentrantLock) {
                    kinds.put(name, Place.Kind.DOOR);
                } else {
                    kinds.put(waitRoom(name), Place.Kind.WAIT_ROOM);
                    kinds.put(door(name), Place.Kind.DOOR);
                }
            });
            for (String s : List.of(RUNNING, ELSEWHERE, ENDED)) {
                kinds.put(s, Place.Kind.ELSEWHERE);
            }
            kinds.keySet().forEach(k -> in.put(k, new ArrayList<>()));
            for (Thread t : threads) {
                in.get(placeOf(t)).add(t.getName());
            }
            List<Place> places = new ArrayList<>();
            kinds.forEach((name, kind) -> places.add(new Place(name, kind, in.get(name))));
            return new WaitSnapshot(places);
        }

        private String placeOf(Thread t) {
            Thread.State state = t.getState();
            if (state == Thread.State.TERMINATED) {
                return ENDED;
            }
            if (state == Thread.State.RUNNABLE || state == Thread.State.NEW) {
                return RUNNING;
            }
            Object blocker = LockSupport.getBlocker(t);
            for (Map.Entry<String, Object> e : watched.entrySet()) {
                if (e.getValue() instanceof Condition && blocker == e.getValue()) {
                    return e.getKey();
                }
            }
            for (Map.Entry<String, Object> e : watched.entrySet()) {
                if (e.getValue() instanceof ReentrantLock lock && lock.hasQueuedThread(t)) {
                    return e.getKey();
                }
            }
            LockInfo lock = lockInfo(t);
            if (lock != null) {
                for (Map.Entry<String, Object> e : watched.entrySet()) {
                    Object o = e.getValue();
                    if (!(o instanceof Condition) && !(o instanceof ReentrantLock)
                            && lock.getIdentityHashCode() == System.identityHashCode(o)
                            && lock.getClassName().equals(o.getClass().getName())) {
                        return state == Thread.State.BLOCKED ? door(e.getKey()) : waitRoom(e.getKey());
                    }
                }
            }
            return ELSEWHERE;
        }
    }

    static final String RUNNING = "在运行";
    static final String ELSEWHERE = "在别处等";
    static final String ENDED = "已结束";

    static String waitRoom(String name) {
        return name + " 的 wait()";
    }

    static String door(String name) {
        return name + " 门口 (synchronized)";
    }

    /**
     * Waits until every thread has started and is waiting ({@code wait()}, {@code await()}, {@code sleep}, parked:
     * WAITING or TIMED_WAITING) or has ended, at most {@code timeout}; returns whether they all got there.
     *
     * <p>等到每个线程都停下来等待（WAITING 或 TIMED_WAITING）或者已经结束，最多等 {@code timeout}。
     * 用在只有 {@code synchronized} 的演示里：那里 WAITING 就是在 {@code wait()} 里。
     */
    public static boolean awaitWaiting(Duration timeout, Collection<Thread> threads) throws InterruptedException {
        Args.positive("timeout", timeout, "时间限制");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!threads.stream().allMatch(t -> BufferLab.waiting(t) || t.getState() == Thread.State.TERMINATED)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /** One thread's state and what it waits on, in Chinese: {@code "WAITING：在 MyBuffer@1b6d3586 上等待"}. */
    public static String where(Thread t) {
        Thread.State state = t.getState();
        LockInfo lock = lockInfo(t);
        String on = lock == null ? "" : shortName(lock.getClassName()) + "@" + Integer.toHexString(lock.getIdentityHashCode());
        return switch (state) {
            case WAITING, TIMED_WAITING -> state + (on.isEmpty() ? "" : "：在 " + on + " 上等待");
            case BLOCKED -> state + "：排队进入 " + on + " 的 synchronized";
            case RUNNABLE -> state + "：在运行（或忙等）";
            default -> state.toString();
        };
    }

    @SuppressWarnings("deprecation") // Thread.getId(): the course compiles for Java 17, which has no threadId()
    private static LockInfo lockInfo(Thread t) {
        ThreadInfo info = MX.getThreadInfo(t.getId());
        return info == null ? null : info.getLockInfo();
    }

    private static String shortName(String className) {
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WaitSnapshot：");
        for (Place p : places) {
            if (p.kind() != Place.Kind.ELSEWHERE || !p.threads().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%n  %s %s", Text.padRight(p.name(), 28),
                        p.threads().isEmpty() ? "（空）" : String.join(", ", p.threads())));
            }
        }
        return sb.toString();
    }
}
