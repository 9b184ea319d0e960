package course.kernel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.rapaio.shaded.com.google.gson.JsonElement;
import org.rapaio.shaded.com.google.gson.JsonObject;
import org.rapaio.shaded.com.google.gson.JsonParser;

/**
 * Finds the threads and child processes a notebook left behind.
 *
 * <p>The notebook test harness calls {@link #baseline()} in a cell it runs before the notebook and
 * {@link #report(long)} in a cell after it. A thread that was not alive at the baseline and is still alive
 * after a grace period, or any child process, is a leftover: it would keep running (and printing into
 * its cell) after the lesson. Not counted: the kernel's own cell threads ({@link KernelThreads}), and
 * threads the JDK runs for itself, known by what they are, not by their names: a daemon thread with only
 * JDK code on its stack (the virtual-thread scheduler and its timers, the common fork-join pool waiting
 * for work, the process reaper, an HTTP client's selector, the cleaner...). A non-daemon thread always
 * counts, even waiting inside the JDK: an executor never shut down keeps a program from ending. On Java
 * 21+ virtual threads count too: they are not in {@link Thread#getAllStackTraces()}, so the JDK's
 * thread dump (HotSpotDiagnosticMXBean.dumpThreads, JSON) lists them.
 *
 * <p>笔记本测试用：笔记本运行完以后，不许留下它启动的线程（包括虚拟线程）或子进程。
 * JDK 自己的守护线程（栈上只有 JDK 的代码）不算。
 *
 * <p>Called from one cell at a time; not meant for concurrent use.
 */
public final class Leftovers {

    /** The line the harness looks for; what follows it is the verdict. */
    public static final String MARKER = "COURSE-LEFTOVERS:";

    private static volatile Set<Long> baselineThreads = Set.of();

    private Leftovers() {
    }

    /** Remembers the threads (virtual ones too, on Java 21+) alive now. */
    public static void baseline() {
        Set<Long> alive = new HashSet<>(Thread.getAllStackTraces().keySet().stream().map(Thread::getId).toList());
        dumpedThreads().keySet().forEach(alive::add);
        baselineThreads = alive;
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
        Map<Thread, StackTraceElement[]> platform = Thread.getAllStackTraces();
        platform.forEach((t, stack) -> {
            if (t.isAlive() && t != Thread.currentThread() && !baselineThreads.contains(t.getId())
                    && !KernelThreads.owns(t) && !(t.isDaemon() && Arrays.stream(stack).allMatch(Leftovers::isJdkFrame))) {
                left.add("thread '" + t.getName() + "' (" + t.getState() + (t.isDaemon() ? ", daemon" : "") + ")");
            }
        });
        Set<Long> platformIds = platform.keySet().stream().map(Thread::getId).collect(Collectors.toSet());
        dumpedThreads().forEach((id, dumped) -> {
            if (!baselineThreads.contains(id) && !platformIds.contains(id) && !dumped.onlyJdkCode()) {
                left.add("virtual thread #" + id + (dumped.name().isEmpty() ? "" : " '" + dumped.name() + "'"));
            }
        });
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(p ->
                left.add("process " + p.pid() + " (" + p.info().commandLine().orElse("?") + ")"));
        return left;
    }

    /** A frame of a class in one of the JDK's own modules. */
    static boolean isJdkFrame(StackTraceElement frame) {
        return isJdkModule(frame.getModuleName());
    }

    private static boolean isJdkModule(String module) {
        return module != null && ModuleLayer.boot().findModule(module)
                .map(m -> m.getClassLoader() == null || m.getClassLoader() == ClassLoader.getPlatformClassLoader())
                .orElse(false);
    }

    /** One thread of the JDK's JSON thread dump. */
    record DumpedThread(String name, List<String> stack) {
        /** Each frame reads "module/class.method(File.java:line)"; a class on the class path has no module. */
        boolean onlyJdkCode() {
            return stack.stream().allMatch(f -> f.indexOf('/') > 0 && isJdkModule(moduleOf(f)));
        }

        private static String moduleOf(String frame) {
            String module = frame.substring(0, frame.indexOf('/'));
            int at = module.indexOf('@');
            return at < 0 ? module : module.substring(0, at);
        }
    }

    /**
     * Every thread in the JDK's thread dump, by id, on Java 21+ (where it lists virtual threads); empty on
     * older JVMs. Platform threads are in it too: callers tell them apart by id.
     */
    static Map<Long, DumpedThread> dumpedThreads() {
        if (Runtime.version().feature() < 21) {
            return Map.of();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("course-threads");
            Path file = dir.resolve("threads.json");
            @SuppressWarnings("unchecked")
            Class<? extends PlatformManagedObject> bean =
                    (Class<? extends PlatformManagedObject>) Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            Object json = format.getField("JSON").get(null);
            bean.getMethod("dumpThreads", String.class, format).invoke(ManagementFactory.getPlatformMXBean(bean),
                    file.toString(), json);
            JsonObject dump = JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonObject("threadDump");
            Map<Long, DumpedThread> threads = new HashMap<>();
            for (JsonElement container : dump.getAsJsonArray("threadContainers")) {
                for (JsonElement e : container.getAsJsonObject().getAsJsonArray("threads")) {
                    JsonObject t = e.getAsJsonObject();
                    List<String> stack = new ArrayList<>();
                    t.getAsJsonArray("stack").forEach(f -> stack.add(f.getAsString()));
                    threads.put(Long.parseLong(t.get("tid").getAsString()), new DumpedThread(t.get("name").getAsString(), stack));
                }
            }
            return threads;
        } catch (Exception e) {
            throw new IllegalStateException("the JDK's thread dump could not be read: " + e, e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }
}
