package course.deadlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import course.threads.LabLog;
import course.threads.ThreadLab;

/**
 * A daemon thread that looks for a deadlock among some threads every {@link #POLL} and, once the same threads
 * have been deadlocked for its patience, records the snapshot and interrupts the first thread of the cycle.
 *
 * <p>看门狗：每隔 20 ms 用 {@link DeadlockDetector} 检查一次；只看登记过的线程。等待环持续了"耐心"那么久
 * （tryLock 的等待可能造成一闪而过的环，所以不马上动手），就记下死锁快照、写一行日志，然后中断环里的第一个线程
 * （"牺牲者"）：它用 {@code lockInterruptibly()} 等锁，收到中断就放弃并释放手里的锁。只打破一次。
 *
 * <p>Thread-safety: threads register themselves ({@link #register()}) from any thread; {@link #start()} and
 * {@link #stop()} are called by the thread running the lab; the results may be read after {@link #stop()}.
 */
final class Watchdog {

    /** How often the watchdog looks. */
    static final Duration POLL = Duration.ofMillis(20);
    /** How long {@link #stop()} waits for the watchdog thread to end. */
    static final Duration STOP = Duration.ofSeconds(2);

    private final DeadlockDetector detector;
    private final long patience;
    private final LabLog log;
    private final Map<String, Thread> watched = new ConcurrentHashMap<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private final List<String> broken = new ArrayList<>();
    private volatile DeadlockSnapshot found = DeadlockSnapshot.none();
    private volatile long detectedAt = -1;

    Watchdog(DeadlockDetector detector, Duration patience, LabLog log) {
        this.detector = detector;
        this.patience = patience.toNanos();
        this.log = log;
        this.thread = new Thread(this::watch, "看门狗");
        this.thread.setDaemon(true);
    }

    /** Called by a thread the watchdog should watch (and may interrupt), first thing in its body. */
    void register() {
        watched.put(Thread.currentThread().getName(), Thread.currentThread());
    }

    void start() {
        thread.start();
    }

    /** Stops watching; returns the names of the watchdog threads still alive (none, normally). */
    List<String> stop() {
        done.countDown();
        return ThreadLab.joinOrInterrupt(STOP, thread);
    }

    private void watch() {
        try {
            long since = -1;
            while (!done.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                DeadlockSnapshot s = detector.detect();
                if (s.threadNames().stream().noneMatch(watched::containsKey)) {
                    since = -1;
                    continue;
                }
                long now = System.nanoTime();
                if (since < 0) {
                    since = now; // a cycle may be transient (tryLock with a timeout): wait until it persists
                }
                if (now - since >= patience) {
                    found = s;
                    String victim = s.cycle().get(0);
                    log.println("发现死锁: " + String.join(" → ", s.cycle()) + "；中断 " + victim);
                    detectedAt = log.lines().stream().filter(l -> l.thread().equals(thread.getName()))
                            .mapToLong(LabLog.Line::nanos).max().getAsLong(); // on the log's clock, like the line just written
                    synchronized (broken) {
                        broken.add(victim);
                    }
                    watched.get(victim).interrupt();
                    return;
                }
            }
        } catch (InterruptedException e) {
            // the lab is over
        }
    }

    /** The deadlock found, or an empty snapshot. */
    DeadlockSnapshot found() {
        return found;
    }

    /** The threads interrupted to break it. */
    List<String> broken() {
        synchronized (broken) {
            return List.copyOf(broken);
        }
    }

    /** When the deadlock was found, on the log's clock (from the lab's start gate), or null. */
    Duration detectedAfter() {
        long at = detectedAt;
        return at < 0 ? null : Duration.ofNanos(at);
    }
}
