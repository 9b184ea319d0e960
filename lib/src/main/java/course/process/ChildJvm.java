package course.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import course.base.Args;

/**
 * A child JVM running one main class of the course library, with its output read into the cell
 * and destroyed (with all its descendants) when closed.
 *
 * <p>子 JVM（子进程, child process）：用和当前 JVM 相同的 {@code java} 和相同的类路径（class path）
 * 启动库里的一个 main 类。它的标准输出/标准错误由后台线程逐行读进来：默认原样打印到单元格里
 * （不用 {@code inheritIO()}，那会跑到内核的控制台，笔记本里看不到），同时保存下来，
 * 可以用 {@link #stdout()} 或 {@link #nextLine(Duration)} 读取。
 *
 * <p>清理：{@link #close()} 杀掉子进程和它的所有后代进程（descendants）；请总是用
 * try-with-resources，这样单元格出错时也会关闭。JVM 退出时有一个关闭钩子（shutdown hook）
 * 杀掉还活着的子进程；如果父 JVM 被 {@code kill -9} 杀掉，子进程里的 {@link ChildMain}
 * 发现父进程不在了，会自己退出。
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.start(NumsChild.class, "baidu")) {   // course.process.demo.NumsChild
 *     System.out.println("子进程 pid = " + child.pid());
 *     child.waitFor(Duration.ofSeconds(10));       // 像 Python 的 p.join(10)
 *     System.out.println("退出码 = " + child.exitCode());
 * }
 * }</pre>
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration READER_JOIN = Duration.ofSeconds(2);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::closeAll, "child-jvm-cleanup"));
    }

    private final String mainClass;
    private final List<String> args;
    private final Process process;
    private final long startNanos;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());
    private final LinkedBlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final Thread outReader;
    private final Thread errReader;
    private final PrintWriter stdin;

    private ChildJvm(Builder b) {
        this.mainClass = b.mainClass;
        this.args = List.copyOf(b.args);
        ProcessBuilder pb = new ProcessBuilder(command(b.mainClass, b.jvmOptions, b.args));
        pb.redirectErrorStream(false);
        long t0 = System.nanoTime();
        try {
            this.process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child JVM for " + mainClass + " / 无法启动子 JVM", e);
        }
        this.startNanos = t0;
        LIVE.add(this);
        this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        String name = mainClass.substring(mainClass.lastIndexOf('.') + 1) + "-" + process.pid();
        this.outReader = reader(process.getInputStream(), out, b.echo ? Echo.OUT : Echo.NONE, true, "child-out-" + name);
        this.errReader = reader(process.getErrorStream(), err, b.echo ? Echo.ERR : Echo.NONE, false, "child-err-" + name);
    }

    private enum Echo { NONE, OUT, ERR }

    private Thread reader(InputStream in, List<String> sink, Echo echo, boolean queue, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.add(line);
                    if (queue) {
                        unread.add(line);
                    }
                    PrintStream target = echo == Echo.OUT ? System.out : echo == Echo.ERR ? System.err : null;
                    if (target != null) {
                        target.println(line);
                        target.flush();
                    }
                }
            } catch (IOException e) {
                // the stream was closed by close(): nothing more to read
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Starts {@code main} in a child JVM with the given arguments; its output is echoed into the cell. */
    public static ChildJvm start(Class<?> main, String... args) {
        return builder(main).args(args).start();
    }

    /** A builder to set arguments, JVM options and echo before starting. */
    public static Builder builder(Class<?> main) {
        Args.notNull("main", main);
        return new Builder(main.getName());
    }

    /** How to start a child JVM. */
    public static final class Builder {
        private final String mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xmx256m", "-Xss512k"));
        private boolean echo = true;

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        /** Appends program arguments. */
        public Builder args(String... more) {
            for (String a : more) {
                args.add(Args.notNull("argument", a));
            }
            return this;
        }

        /** Appends a JVM option such as {@code -Xmx64m}. */
        public Builder jvmOption(String option) {
            Args.check(option.startsWith("-"), "jvm option", option, "start with '-'", "JVM 参数以 - 开头");
            jvmOptions.add(option);
            return this;
        }

        /** Whether each output line is printed into the cell as it arrives (default true). */
        public Builder echo(boolean on) {
            this.echo = on;
            return this;
        }

        public ChildJvm start() {
            return new ChildJvm(this);
        }
    }

    // ---------------------------------------------------------------- the command line

    /**
     * The full command that starts {@code main} in a child JVM: java, options, class path,
     * {@link ChildMain} (the parent watcher), the main class and its arguments. Usable with a plain
     * {@link ProcessBuilder}.
     */
    public static List<String> command(Class<?> main, String... args) {
        return command(main.getName(), List.of("-XX:+UseSerialGC", "-Xmx256m"), List.of(args));
    }

    static List<String> command(String mainClass, List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(jvmOptions);
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Dstdout.encoding=UTF-8");
        cmd.add("-Dstderr.encoding=UTF-8");
        cmd.add("-Dsun.stdout.encoding=UTF-8");
        cmd.add("-Dsun.stderr.encoding=UTF-8");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(ChildMain.class.getName());
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** The {@code java} executable running this JVM. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(c -> Files.isExecutable(Paths.get(c)))
                .orElseGet(() -> Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The class path of the course library: the jar (or classes folder) this class was loaded from,
     * the dependency jars beside it in {@code lib/}, and, when loaded from a folder (tests),
     * {@code java.class.path}.
     *
     * <p>内核通过 JShell 的类路径加载库，所以 {@code java.class.path} 里没有库：
     * 从这个类自己的位置（code source）推出类路径。
     */
    public static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        Path own = ownLocation();
        if (own != null) {
            entries.add(own.toString());
            if (Files.isRegularFile(own) && own.getParent() != null) {
                Path libDir = own.getParent().resolve("lib");
                if (Files.isDirectory(libDir)) {
                    try (Stream<Path> jars = Files.list(libDir)) {
                        jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                                .forEach(p -> entries.add(p.toString()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        if (own == null || Files.isDirectory(own)) {
            for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!e.isBlank()) {
                    entries.add(e);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path ownLocation() {
        CodeSource cs = ChildJvm.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return null;
        }
        try {
            return Paths.get(cs.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- the running child

    /** The child's process id (pid, 进程号). */
    public long pid() {
        return process.pid();
    }

    /** The pid of the child's parent as the OS reports it (this JVM while the child runs), or -1 once it ended. */
    public long parentPid() {
        return process.toHandle().parent().map(ProcessHandle::pid).orElse(-1L);
    }

    /** The main class running in the child. */
    public String mainClass() {
        return mainClass;
    }

    /** Whether the child is still running (Python: {@code p.is_alive()}). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The underlying JDK handle, for {@code descendants()}, {@code info()} and so on. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Waits at most {@code timeout} for the child to end (Python: {@code p.join(timeout)}), then for
     * its output to be read to the end.
     *
     * @return true when the child ended, false when the timeout passed first (it keeps running)
     */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        Args.notNegative("timeout", timeout, "等待时间");
        boolean ended = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (ended) {
            outReader.join(READER_JOIN.toMillis());
            errReader.join(READER_JOIN.toMillis());
        }
        return ended;
    }

    /**
     * The exit code (退出码): 0 means success.
     *
     * @throws IllegalStateException while the child is still running
     */
    public int exitCode() {
        if (process.isAlive()) {
            throw new IllegalStateException("child pid " + pid() + " (" + simpleName() + ") is still running"
                    + " / 子进程还在运行：先调用 waitFor(...)");
        }
        return process.exitValue();
    }

    /** How long ago the child was started. */
    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Everything the child wrote to standard output so far, one line per line. */
    public String stdout() {
        synchronized (out) {
            return out.stream().map(l -> l + "\n").collect(Collectors.joining());
        }
    }

    /** Everything the child wrote to standard error so far. */
    public String stderr() {
        synchronized (err) {
            return err.stream().map(l -> l + "\n").collect(Collectors.joining());
        }
    }

    /** The standard output lines so far. */
    public List<String> stdoutLines() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /**
     * The next standard-output line not yet taken by this method, waiting at most {@code timeout};
     * null when none came in time.
     */
    public String nextLine(Duration timeout) throws InterruptedException {
        return unread.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The child's standard input, a pipe (管道): what you print here the child reads from System.in. */
    public PrintWriter stdin() {
        return stdin;
    }

    /** Closes the child's standard input: the child then reads end-of-file. */
    public void closeStdin() {
        stdin.close();
    }

    /**
     * Destroys the child and every descendant it started (politely first, then forcibly), then
     * waits for them and for the output readers. Safe to call more than once.
     */
    @Override
    public void close() {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().collect(Collectors.toList()));
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(1, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (ProcessHandle h : family) {
            h.destroyForcibly();
        }
        stdin.close();
        try {
            outReader.join(READER_JOIN.toMillis());
            errReader.join(READER_JOIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(this);
    }

    /** The children started by this JVM that were not closed yet. */
    public static List<ChildJvm> live() {
        return List.copyOf(LIVE);
    }

    /** Closes every child this JVM started that is still open (also run by a shutdown hook). */
    public static void closeAll() {
        for (ChildJvm c : List.copyOf(LIVE)) {
            c.close();
        }
    }

    private String simpleName() {
        return mainClass.substring(mainClass.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        String state = process.isAlive() ? "运行中" : "已结束, 退出码 " + process.exitValue();
        return String.format(Locale.ROOT, "ChildJvm pid %-7d %-14s %s", pid(), simpleName(), state);
    }
}
