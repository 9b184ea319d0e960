package course.lincheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import course.process.ChildJvm;
import course.source.JavaSource;

/**
 * The child JVM running {@link LincheckWorker}, kept for the next check while it is fresh, with the folder of
 * compiled classes on its class path.
 *
 * <p>运行 Lincheck 的子 JVM。它的类路径上有一个文件夹，每次检查前把新编译的类放进去；
 * 同一个名字的类如果内容变了（学习者改了代码再运行），旧的 JVM 已经加载过旧版本，就换一个新的子 JVM。
 * 子 JVM 空闲 {@link #IDLE_SECONDS} 秒后自己退出。
 *
 * <p>Thread-safety: the static methods are synchronized on the class; one check at a time.
 */
final class LincheckSession implements AutoCloseable {

    /** The worker ends itself after this many idle seconds. */
    static final int IDLE_SECONDS = 3;
    /** A worker idle longer than this is not reused (it may be ending). */
    static final long REUSE_NANOS = (IDLE_SECONDS - 1) * 1_000_000_000L;

    private static LincheckSession current;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LincheckSession::closeCurrent, "lincheck-cleanup"));
    }

    final ChildJvm child;
    final Path dir;
    private final Map<String, byte[]> installed = new HashMap<>();
    private long lastUse = System.nanoTime();
    private int requests;

    private LincheckSession(ChildJvm child, Path dir) {
        this.child = child;
        this.dir = dir;
    }

    /**
     * The worker to run the next check on, with {@code classes} (relative path → bytes) installed; a new one
     * when there is none, it is idle too long or ended, or it already loaded a different class of the same name.
     *
     * @return the session and whether it was started now
     */
    static synchronized Lease lease(Map<String, byte[]> classes) {
        LincheckSession s = current;
        if (s != null && (!s.child.isAlive() || System.nanoTime() - s.lastUse > REUSE_NANOS || s.conflicts(classes))) {
            s.close();
            s = null;
        }
        boolean fresh = s == null;
        if (fresh) {
            s = start();
            current = s;
        }
        s.install(classes);
        return new Lease(s, fresh);
    }

    /** A session for one check, and whether the check pays for starting it. */
    record Lease(LincheckSession session, boolean fresh) {
    }

    /**
     * Tells a worker that is still fresh to wait for the next request (its idle clock starts again), so that it is
     * reused even when compiling the next class takes a while.
     */
    static synchronized void keepAlive() {
        LincheckSession s = current;
        if (s != null && s.child.isAlive() && System.nanoTime() - s.lastUse <= REUSE_NANOS) {
            s.send(LincheckWorker.PING);
            s.touch();
        }
    }

    /** Ends the current worker, if any (after a time-out or a crash). */
    static synchronized void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** Whether a worker is running now. */
    static synchronized boolean running() {
        return current != null && current.child.isAlive();
    }

    private static LincheckSession start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("course-lincheck-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for compiled classes / 无法创建临时文件夹", e);
        }
        ChildJvm.Builder b = ChildJvm.builder(LincheckWorker.class).args(String.valueOf(IDLE_SECONDS)).echo(false)
                .classPath(dir);
        lincheckJars().forEach(b::classPath);
        jvmOptions().forEach(b::jvmOption);
        LincheckSession s = new LincheckSession(b.start(), dir);
        s.child.handle().onExit().thenRun(s::ended);
        return s;
    }

    /** When the worker ends by itself (idle): forget it, close its handle and delete its folder. */
    private void ended() {
        synchronized (LincheckSession.class) {
            if (current == this) {
                current = null;
            }
        }
        close();
    }

    /**
     * JVM options of the worker: C1 only (Lincheck's start-up is mostly class loading and instrumentation, which
     * the optimizing compiler does not speed up), its agent allowed to attach to its own JVM, and the JDK 21+ and
     * 24+ warnings about that and about {@code sun.misc.Unsafe} turned off.
     */
    static List<String> jvmOptions() {
        List<String> o = new ArrayList<>(List.of("-Xmx512m", "-Xss1m", "-XX:TieredStopAtLevel=1",
                "-XX:+DisplayVMOutputToStderr", "-Djdk.attach.allowAttachSelf=true"));
        int feature = Runtime.version().feature();
        if (feature >= 21) {
            o.add("-XX:+EnableDynamicAgentLoading");
        }
        if (feature >= 24) {
            o.add("--sun-misc-unsafe-memory-access=allow");
        }
        return o;
    }

    /**
     * Lincheck and its dependencies: the jars in {@code lincheck/} beside the course library's jar; none when the
     * library runs from a classes folder (tests), whose class path already has them.
     *
     * @throws IllegalStateException when the library is a jar without that folder
     */
    static List<Path> lincheckJars() {
        Path own = ownLocation();
        if (own == null || Files.isDirectory(own)) {
            return List.of();
        }
        Path folder = own.resolveSibling("lincheck");
        try (Stream<Path> jars = Files.list(folder)) {
            List<Path> list = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            if (list.isEmpty()) {
                throw new IOException("no jar in " + folder);
            }
            return list;
        } catch (IOException e) {
            throw new IllegalStateException("Lincheck is missing (" + folder + ") / 找不到 Lincheck 的 jar："
                    + "运行 ./course setup 重新构建课程库", e);
        }
    }

    private static Path ownLocation() {
        CodeSource cs = LincheckSession.class.getProtectionDomain().getCodeSource();
        try {
            return cs == null || cs.getLocation() == null ? null : Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private boolean conflicts(Map<String, byte[]> classes) {
        return classes.entrySet().stream().anyMatch(e -> installed.containsKey(e.getKey())
                && !Arrays.equals(installed.get(e.getKey()), e.getValue()));
    }

    private void install(Map<String, byte[]> classes) {
        try {
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                Path target = dir.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, e.getValue());
                installed.put(e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write compiled classes / 无法写入编译好的类", e);
        }
    }

    /** A new request number. */
    int nextId() {
        return ++requests;
    }

    /** Where the worker writes the report of request {@code id}. */
    Path report(int id) {
        return dir.resolve("report-" + id + ".txt");
    }

    /** Sends one request line. */
    void send(String line) {
        child.stdin().println(line);
        child.stdin().flush();
    }

    /** Marks the worker as just used. */
    void touch() {
        lastUse = System.nanoTime();
    }

    /** Reads and deletes a report file; empty when missing. */
    static String take(Path report) {
        try {
            String text = Files.readString(report, StandardCharsets.UTF_8);
            Files.deleteIfExists(report);
            return text;
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits at most {@code limit} for the next line of the worker's output; null when none came. */
    String nextLine(Duration limit) throws InterruptedException {
        return child.nextLine(limit);
    }

    @Override
    public void close() {
        child.close();
        JavaSource.deleteFolder(dir);
    }
}
