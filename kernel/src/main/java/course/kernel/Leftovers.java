package course.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the threads and child processes a notebook left behind.
 *
 * <p>The notebook test harness calls {@link #baseline()} in a cell it runs before the notebook and
 * {@link #report()} in a cell after it. A thread that was not alive at the baseline and is still
 * alive after a grace period, or any child process, is a leftover: it would keep running (and
 * printing into other cells) after the lesson. Threads that the JDK itself manages and ends on
 * its own (the common fork-join pool, the process reaper, HTTP client selectors...) and the
 * kernel's own threads are not counted.
 *
 * <p>笔记本测试用：笔记本运行完以后，不许留下它启动的线程或子进程。
 */
public final class Leftovers {

    /** The line the harness looks for; what follows it is the verdict. */
    public static final String MARKER = "COURSE-LEFTOVERS:";

    static final Pattern JDK_MANAGED = Pattern.compile(String.join("|",
            "process reaper", "Common-Cleaner", "ForkJoinPool\\.commonPool-worker-\\d+",
            "HttpClient-\\d+-(SelectorManager|Worker-\\d+)", "Keep-Alive-Timer", "Java2D Disposer",
            "AWT-.*", "Attach Listener", "Reference Handler", "Finalizer", "Signal Dispatcher",
            "Notification Thread", "Engine-thread-\\d+", "JShell .*", "process reaper.*"));

    private static volatile Set<Long> baselineThreads = Set.of();

    private Leftovers() {
    }

    /** Remembers the threads alive now. */
    public static void baseline() {
        baselineThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    /**
     * Waits up to {@code graceMillis} for new threads and child processes to end, then prints
     * {@link #MARKER} followed by {@code none} or the names of what is left.
     */
    public static void report(long graceMillis) throws InterruptedException {
        long deadline = System.nanoTime() + graceMillis * 1_000_000L;
        List<String> left = leftovers();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            System.gc(); // an unreachable HttpClient ends its selector thread only once collected
            Thread.sleep(100);
            left = leftovers();
        }
        System.out.println(MARKER + " " + (left.isEmpty() ? "none" : String.join("; ", left)));
    }

    static List<String> leftovers() {
        List<String> left = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t != Thread.currentThread() && !baselineThreads.contains(t.getId())
                    && !JDK_MANAGED.matcher(t.getName()).matches()) {
                left.add("thread '" + t.getName() + "' (" + t.getState() + (t.isDaemon() ? ", daemon" : "") + ")");
            }
        }
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(p ->
                left.add("process " + p.pid() + " (" + p.info().commandLine().orElse("?") + ")"));
        return left;
    }
}
