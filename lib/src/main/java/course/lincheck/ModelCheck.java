package course.lincheck;

import course.base.Args;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import course.source.JavaSource;

/**
 * Checks a learner's concurrent class with Lincheck: compiles its source into real class files and runs Lincheck
 * in a child JVM, under a time limit.
 *
 * <p>用 Lincheck（JetBrains 的并发测试工具）检查学习者自己写的类。给要检查的方法加上 {@code @Operation}，
 * Lincheck 就在几个线程里随机组合调用这些方法，<b>模型检查</b>（model checking）模式下还会系统地尝试在每一次读写共享变量的地方切换线程；
 * 然后判断每次执行的结果能不能由"一个接一个"地执行得到（线性化，linearizability）。不能，就是一个错误，
 * 它会给出导致错误的那个交错。
 *
 * <p>JShell 单元格里定义的类 Lincheck 加载不了，所以类写在字符串里：这里把它编译成真正的 {@code .class} 文件，
 * 在另一个 JVM 里运行 Lincheck（Lincheck 会给 JVM 装插桩代理，放在子 JVM 里也不会影响内核）。
 *
 * <pre>{@code
 * ModelCheckResult r = ModelCheck.of("""
 *         import org.jetbrains.lincheck.datastructures.Operation;
 *
 *         public class Counter {
 *             private int value;
 *             @Operation public void inc() { value++; }
 *             @Operation public int get() { return value; }
 *         }
 *         """).run();
 * }</pre>
 *
 * <p>Thread-safety: configure and run from one thread; checks from several threads run one after another.
 */
public final class ModelCheck {

    /** Time limit of one check by default: a check takes seconds on an idle machine; the limit is for code that hangs. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(40);
    /** How often a line of progress is printed while Lincheck works. */
    static final Duration PROGRESS = Duration.ofMillis(1500);

    private final JavaSource source;
    private boolean stress;
    private int threads = 2;
    private int actorsPerThread = 2;
    private int iterations = 20;
    private int invocations = 200;
    private Class<?> specification;
    private Duration timeout = DEFAULT_TIMEOUT;

    private ModelCheck(JavaSource source) {
        this.source = source;
    }

    /**
     * A check of the class in {@code code} (a whole {@code .java} file; the first class with an {@code @Operation}
     * method is checked).
     *
     * @throws course.source.SourceException when the code cannot be parsed
     */
    public static ModelCheck of(String code) {
        return new ModelCheck(JavaSource.of(code));
    }

    /** Uses Lincheck's stress strategy (real threads, many runs) instead of model checking. */
    public ModelCheck stress() {
        this.stress = true;
        return this;
    }

    /**
     * Threads in each scenario.
     *
     * @throws IllegalArgumentException when not in 2..4
     */
    public ModelCheck threads(int n) {
        this.threads = Args.inRange("threads", n, 2, 4, "线程数");
        return this;
    }

    /**
     * Operations each thread calls in a scenario.
     *
     * @throws IllegalArgumentException when not in 1..5
     */
    public ModelCheck actorsPerThread(int n) {
        this.actorsPerThread = Args.inRange("actorsPerThread", n, 1, 5, "每个线程的操作数");
        return this;
    }

    /**
     * Scenarios Lincheck generates.
     *
     * @throws IllegalArgumentException when not in 1..200
     */
    public ModelCheck iterations(int n) {
        this.iterations = Args.inRange("iterations", n, 1, 200, "场景数");
        return this;
    }

    /**
     * Executions (interleavings) Lincheck tries per scenario.
     *
     * @throws IllegalArgumentException when not in 1..10000
     */
    public ModelCheck invocations(int n) {
        this.invocations = Args.inRange("invocations", n, 1, 10_000, "每个场景的执行次数");
        return this;
    }

    /**
     * Compares with {@code spec}'s methods run one after another instead of the checked class's own (a class of
     * the course library with methods of the same signatures).
     */
    public ModelCheck sequentialSpecification(Class<?> spec) {
        this.specification = Objects.requireNonNull(spec, "spec");
        return this;
    }

    /**
     * Time limit of the whole check; when it passes, the child JVM is ended.
     *
     * @throws IllegalArgumentException when not positive or over 120 seconds
     */
    public ModelCheck timeout(Duration limit) {
        Args.positive("timeout", limit, "时间限制");
        Args.check(limit.compareTo(Duration.ofSeconds(120)) <= 0, "timeout", limit, "be at most 120 s", "时间限制不能超过 120 秒");
        this.timeout = limit;
        return this;
    }

    /** How the class is checked, in Chinese. */
    public String settings() {
        return String.format(Locale.ROOT, "%s，%d 个线程 × 每个 %d 个操作，%d 个场景 × 每个最多 %d 次执行",
                stress ? "压力测试" : "模型检查", threads, actorsPerThread, iterations, invocations);
    }

    /**
     * Compiles the class, runs Lincheck on it in the child JVM and returns the verdict; prints a line when it
     * starts and a line of progress every {@link #PROGRESS} while it waits.
     *
     * @throws course.source.SourceException when the code does not compile
     */
    public ModelCheckResult run() {
        long t0 = System.nanoTime();
        LincheckSession.keepAlive();
        Map<String, byte[]> classes = compile();
        System.out.printf(Locale.ROOT, "Lincheck %s %s（%s）……%n", stress ? "压力测试" : "模型检查",
                String.join(", ", source.classNames()), settings());
        try {
            return new ModelCheckCall(this, classes, t0).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LincheckSession.closeCurrent();
            throw new IllegalStateException("interrupted / 检查被中断，子 JVM 已结束", e);
        }
    }

    /**
     * Ends the child JVM that runs Lincheck now, if one is running (it also ends by itself a few seconds after
     * its last check).
     */
    public static void stopWorker() {
        LincheckSession.closeCurrent();
    }

    JavaSource source() {
        return source;
    }

    Duration timeout() {
        return timeout;
    }

    /** The request line for {@link LincheckWorker}. */
    String request(int id, Path report) {
        return String.join("\t", "CHECK", String.valueOf(id), stress ? "stress" : "model",
                String.join(",", source.classNames()), String.valueOf(threads), String.valueOf(actorsPerThread),
                String.valueOf(iterations), String.valueOf(invocations),
                specification == null ? "-" : specification.getName(), report.toString());
    }

    /** Compiles into a fresh folder and returns every class file (relative path → bytes). */
    private Map<String, byte[]> compile() {
        Path staging;
        try {
            staging = Files.createTempDirectory("course-lincheck-src-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder / 无法创建临时文件夹", e);
        }
        try {
            List<Path> files = source.compileTo(staging, LincheckSession.lincheckJars());
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (Path f : files) {
                classes.put(staging.relativize(f).toString(), Files.readAllBytes(f));
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read compiled classes / 无法读取编译好的类", e);
        } finally {
            JavaSource.deleteFolder(staging);
        }
    }

}
