package course.source;

import course.base.Args;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import course.process.ChildJvm;

/**
 * Runs a compiled {@link JavaSource} in a child JVM under a time limit, printing its output as it comes and a line
 * of progress every second of silence, and destroys the child at the limit.
 *
 * <p>在子 JVM 里运行编译好的程序：每收到一行输出就打印出来（带上从启动算起的时间）；没有输出时每秒打印一行进度；
 * 到了时间限制程序还没结束，就结束子 JVM（连同它启动的进程），不会留下任何东西在运行。
 *
 * <p>Thread-safety: one run per instance, on the calling thread.
 */
final class SourceRun {

    /** Longest silence before a progress line is printed. */
    static final Duration PROGRESS = Duration.ofSeconds(1);
    /** How often the child is looked at while it prints nothing (to see quickly that it ended). */
    static final long POLL_NANOS = 20_000_000;
    /** Longest time limit. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private final JavaSource source;
    private final Duration timeout;

    SourceRun(JavaSource source, Duration timeout) {
        this.source = Objects.requireNonNull(source, "source");
        Args.positive("timeout", timeout, "时间限制");
        Args.check(timeout.compareTo(MAX_TIMEOUT) <= 0, "timeout", timeout, "be at most 60 s", "时间限制不能超过 60 秒");
        this.timeout = timeout;
    }

    SourceRunResult run() {
        Path dir = JavaSource.temporaryFolder("course-source-");
        try {
            compile(dir);
            return runCompiled(dir);
        } finally {
            JavaSource.deleteFolder(dir);
        }
    }

    /**
     * Compiles into {@code dir} on a helper thread, printing a line every second it takes: the first compilation
     * in a JVM loads javac and can take seconds on a busy machine, and the learner should see that it works.
     */
    private void compile(Path dir) {
        FutureTask<List<Path>> compiling = new FutureTask<>(() -> source.compileTo(dir));
        Thread compiler = new Thread(compiling, "编译 " + source.mainClass());
        compiler.setDaemon(true);
        long t0 = System.nanoTime();
        compiler.start();
        while (true) {
            try {
                compiling.get(PROGRESS.toNanos(), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                System.out.printf(Locale.ROOT, "（正在编译 %s，已经 %.1f 秒……）%n", source.mainClass(), seconds(System.nanoTime() - t0));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("javac failed / 编译器出错: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while compiling " + source.mainClass() + " / 编译被中断", e);
            }
        }
    }

    private SourceRunResult runCompiled(Path dir) {
        List<SourceRunResult.Line> lines = new ArrayList<>();
        Integer exit = null;
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        long lastPrint = t0;
        long end;
        try (ChildJvm child = ChildJvm.builder(SourceMain.class).classPath(dir).args(source.mainClass()).echo(false).start()) {
            while (true) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    break;
                }
                long wait = Math.max(1_000_000, Math.min(POLL_NANOS, Math.min(deadline, lastPrint + PROGRESS.toNanos()) - now));
                String line = child.nextLine(Duration.ofNanos(wait));
                now = System.nanoTime();
                if (line != null) {
                    lastPrint = now;
                    print(lines, new SourceRunResult.Line(seconds(now - t0), line));
                } else if (!child.isAlive()) {
                    child.waitFor(Duration.ofSeconds(2));
                    for (String rest; (rest = child.nextLine(Duration.ZERO)) != null; ) {
                        print(lines, new SourceRunResult.Line(seconds(System.nanoTime() - t0), rest));
                    }
                    exit = child.exitCode();
                    break;
                } else if (now - lastPrint >= PROGRESS.toNanos() && now < deadline) {
                    lastPrint = now;
                    System.out.printf(Locale.ROOT, "[%5.2f s] （程序还在运行……）%n", seconds(now - t0));
                }
            }
            end = System.nanoTime();
            if (exit == null) {
                System.out.printf(Locale.ROOT, "[%5.2f s] 时间到：程序还没有结束，结束子 JVM%n", seconds(end - t0));
            }
            return new SourceRunResult(source.mainClass(), lines, child.stderr(), exit,
                    Duration.ofNanos(exit == null ? timeout.toNanos() : end - t0), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + source.mainClass() + " / 运行被中断，子 JVM 已结束", e);
        }
    }

    private static void print(List<SourceRunResult.Line> lines, SourceRunResult.Line line) {
        lines.add(line);
        System.out.println(line);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
