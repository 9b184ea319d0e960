package course.lincheck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * The child JVM that runs Lincheck: reads one check request per line from standard input, runs it, and answers
 * on standard output; ends by itself after a few idle seconds or when its input closes.
 *
 * <p>运行 Lincheck 的子 JVM。Lincheck 会给 JVM 装上一个插桩代理（instrumentation agent），所以它在单独的 JVM 里运行，
 * 不碰内核。这个进程可以连续做好几次检查（第一次要花一两秒准备 Lincheck，之后每次快得多）；
 * 空闲 {@code idleSeconds} 秒后自己退出，不会一直留着。
 *
 * <p>Protocol, one line each, fields separated by tabs. In: {@code PING} (wait on: a check follows soon) or
 * {@code CHECK id mode classNames threads actors
 * iterations invocations spec reportFile} ({@code mode} is {@code model} or {@code stress}; {@code classNames} is
 * comma-separated, the first with an {@code @Operation} method is checked; {@code spec} is a class name or
 * {@code -}). Out: {@value #TAG} {@code READY}, then per request {@value #TAG} {@code DONE id status millis
 * className} with status {@code PASSED}, {@code FAILED} (Lincheck's report is in {@code reportFile}) or
 * {@code ERROR} (the problem is in {@code reportFile}).
 *
 * <p>Thread-safety: runs alone in its child JVM; a daemon thread queues the requests, the main thread answers them
 * one at a time.
 */
public final class LincheckWorker {

    /** First field of every protocol line (the checked code may print lines of its own). */
    public static final String TAG = "@@course-lincheck";
    /** A request line that only restarts the idle clock. */
    static final String PING = "PING";

    private LincheckWorker() {
    }

    public static void main(String[] args) throws Exception {
        long idleSeconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
        LinkedBlockingQueue<String> requests = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    requests.add(line);
                }
            } catch (IOException e) {
                // parent gone
            }
            requests.add("EOF");
        }, "lincheck-requests");
        reader.setDaemon(true);
        reader.start();
        say("READY");
        while (true) {
            String line = requests.poll(idleSeconds, TimeUnit.SECONDS);
            if (line == null || line.equals("EOF")) {
                System.exit(0);
            }
            String[] f = line.split("\t", -1);
            if (line.equals(PING)) {
                continue;
            }
            if (f.length == 10 && f[0].equals("CHECK")) {
                check(f);
            } else {
                say("BAD\t" + line);
            }
        }
    }

    private static void check(String[] f) throws IOException {
        String id = f[1];
        Path report = Path.of(f[9]);
        long t0 = System.nanoTime();
        String status;
        String checked = "-";
        String text;
        try {
            Class<?> test = testClass(f[3].split(","));
            checked = test.getName();
            Options<?, ?> options = options(f[2], Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]), Integer.parseInt(f[7]));
            if (!f[8].equals("-")) {
                options.sequentialSpecification(Class.forName(f[8]));
            }
            options.check(test);
            status = "PASSED";
            text = "";
        } catch (AssertionError e) {
            status = "FAILED";
            text = String.valueOf(e.getMessage());
        } catch (NoOperationException e) {
            status = "ERROR";
            text = e.getMessage();
        } catch (Throwable e) {
            status = "ERROR";
            StringWriter w = new StringWriter();
            e.printStackTrace(new PrintWriter(w));
            text = w.toString();
        }
        Files.writeString(report, text, StandardCharsets.UTF_8);
        say("DONE\t" + id + "\t" + status + "\t" + (System.nanoTime() - t0) / 1_000_000 + "\t" + checked);
    }

    static Options<?, ?> options(String mode, int threads, int actors, int iterations, int invocations) {
        Options<?, ?> o = mode.equals("stress") ? new StressOptions() : new ModelCheckingOptions();
        o.threads(threads).actorsPerThread(actors).actorsBefore(1).actorsAfter(1).iterations(iterations)
                .invocationsPerIteration(invocations);
        return o;
    }

    /** The first of {@code names} that has a method annotated with {@link Operation}. */
    static Class<?> testClass(String[] names) throws ClassNotFoundException {
        for (String n : names) {
            Class<?> c = Class.forName(n);
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Operation.class)) {
                    return c;
                }
            }
        }
        throw new NoOperationException("没有找到带 @Operation 注解的方法：在要检查的类里，给每个操作方法加上 @Operation"
                + "（import org.jetbrains.lincheck.datastructures.Operation;）");
    }

    /** No class with an operation. */
    static final class NoOperationException extends RuntimeException {
        NoOperationException(String message) {
            super(message);
        }
    }

    private static void say(String what) {
        System.out.println(TAG + "\t" + what);
        System.out.flush();
    }
}
