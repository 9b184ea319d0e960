package course.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import course.base.Text;

/**
 * Command-line benchmark: {@link IpcQueue} next to Python's {@code multiprocessing.Queue} on the
 * same workload, in the same run: a child process puts many small messages, the parent gets them.
 *
 * <p>命令行基准测试（benchmark）：子进程往父进程发 100 000 条短消息（{@code "m0"}、{@code "m1"}……），
 * 容量 3 和无上限两种队列，Python 的 {@code multiprocessing.Queue} 和 {@link IpcQueue} 轮流各测几次，
 * 打印每秒消息数的中位数（和最小、最大值）以及两者之比：每一轮两边紧挨着测，比值按轮算，印出它的中位数和范围
 * （这台虚拟机上两边的速度都会随时间起伏，同一轮的比值比两个中位数之比可靠）。计时从父进程收到第一条消息开始，到收到结束标记为止。
 * 这台机器上没有 Python 时只测 {@link IpcQueue}。两个 JVM 的参数和课程里一样：内核和子 JVM 都用
 * {@code -XX:+UseSerialGC}（{@code ./course ipc-bench} 这样启动本程序；标题行印出垃圾回收器的名字）。最后测一条 1 MiB 的消息在父子进程之间往返要多久。
 * 这是测量，不是保证：别的程序在忙时数字会变，所以开头和结尾都印出机器的负载（load average）。
 *
 * <pre>
 * java -cp lib/target/course-lib.jar course.process.IpcBenchMain [--messages 100000] [--runs 3] [--python python3]
 * </pre>
 *
 * <p>Thread-safety: a command-line program; it runs its measurements one after another.
 */
public final class IpcBenchMain {

    private static final String END = "END";
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private IpcBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--writer")) {
            writer(args[1], Integer.parseInt(args[2]));
            return;
        }
        if (args.length == 3 && args[0].equals("--echo")) {
            echo(args[1], args[2]);
            return;
        }
        int messages = 100_000;
        int runs = 3;
        String python = "python3";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--python" -> python = value;
                default -> throw new IllegalArgumentException("unknown argument (" + args[i]
                        + ") / 参数只有 --messages N、--runs N 和 --python 路径");
            }
            i++;
        }
        String pythonVersion = pythonVersion(python);
        System.out.printf(Locale.ROOT, "子进程 → 父进程 %,d 条短消息，每种 %d 次，取中位数；%d 个核，%s；Java %s，%s；%s%n",
                messages, runs, Runtime.getRuntime().availableProcessors(), load(), Runtime.version(),
                "垃圾回收器 " + ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName).collect(Collectors.joining("+")),
                pythonVersion == null ? "没有找到 Python（" + python + "）：只测 IpcQueue" : "Python " + pythonVersion);
        Path script = pythonVersion == null ? null : script();
        for (int capacity : new int[] {3, 0}) {
            List<Double> java = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                if (script != null) {
                    py.add(pythonRate(python, script, capacity, messages));
                }
                java.add(javaRate(capacity, messages));
            }
            List<Double> ratios = new ArrayList<>();     // each round's own ratio: the two ran one right after the other
            for (int r = 0; r < py.size(); r++) {
                ratios.add(java.get(r) / py.get(r));
            }
            String label = Text.padRight(capacity == 0 ? "容量无上限" : "容量 " + capacity, 10);
            System.out.printf(Locale.ROOT, "%s  Python multiprocessing.Queue %s   IpcQueue %s   IpcQueue / Python = %s%n",
                    label, py.isEmpty() ? "-" : rates(py), rates(java), py.isEmpty() ? "-"
                            : String.format(Locale.ROOT, "%.2f ×（逐轮比值的中位数；最低 %.2f，最高 %.2f）",
                                    median(ratios), Collections.min(ratios), Collections.max(ratios)));
        }
        if (script != null) {
            Files.deleteIfExists(script);
        }
        System.out.println(roundTrip(1 << 20, 12));
        System.out.println("测完时" + load() + "。别的程序在忙时，两边的数字都可能变小，比值也可能变。");
    }

    /** The system load average of the last minute: how busy the machine was while measuring. */
    private static String load() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "负载未知 / load unknown" : String.format(Locale.ROOT, "负载 %.1f（1 分钟平均 load average）", l);
    }

    /** The child of the round trip: takes each message from one queue and puts it into the other, until END. */
    private static void echo(String from, String to) throws InterruptedException {
        try (IpcQueue in = IpcQueue.connect(from); IpcQueue out = IpcQueue.connect(to)) {
            String m;
            while (!(m = in.get(LIMIT)).equals(END)) {
                out.put(m);
            }
        }
    }

    /** Times {@code rounds} round trips of a message of {@code bytes} to a child and back (the first two warm up). */
    static String roundTrip(int bytes, int rounds) throws InterruptedException {
        String message = "m".repeat(bytes);
        List<Double> millis = new ArrayList<>();
        try (IpcQueue there = IpcQueue.create(1); IpcQueue back = IpcQueue.create(1);
             ChildJvm child = child("--echo", there.address(), back.address())) {
            for (int i = 0; i < rounds + 2; i++) {
                long t0 = System.nanoTime();
                there.put(message, LIMIT);
                if (!back.get(LIMIT).equals(message)) {
                    throw new IllegalStateException("消息回来时变了 / the message came back changed");
                }
                if (i >= 2) {
                    millis.add((System.nanoTime() - t0) / 1e6);
                }
            }
            there.put(END, LIMIT);
            child.waitFor(LIMIT);
        }
        return String.format(Locale.ROOT, "%d KiB 的消息父 → 子 → 父往返 %d 次：中位数 %.1f ms（最快 %.1f ms，最慢 %.1f ms）",
                bytes / 1024, rounds, median(millis), Collections.min(millis), Collections.max(millis));
    }

    /** The child: puts {@code n} messages and the end marker, then closes (which waits until the owner has them all). */
    private static void writer(String address, int n) throws InterruptedException {
        try (IpcQueue q = IpcQueue.connect(address)) {
            for (int i = 0; i < n; i++) {
                q.put("m" + i);
            }
            q.put(END);
        }
    }

    /** Messages per second from a child JVM to this one, after the first message arrived. */
    static double javaRate(int capacity, int n) throws InterruptedException {
        try (IpcQueue q = capacity > 0 ? IpcQueue.create(capacity) : IpcQueue.unbounded();
             ChildJvm child = child("--writer", q.address(), String.valueOf(n))) {
            String first = q.get(LIMIT);
            long t0 = System.nanoTime();
            int got = 1;
            String m;
            while (!(m = q.get(LIMIT)).equals(END)) {
                if (!m.equals("m" + got)) {
                    throw new IllegalStateException("消息丢了或顺序错了 / message " + got + " is '" + m + "'");
                }
                got++;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!child.waitFor(LIMIT) || child.exitCode() != 0 || !first.equals("m0") || got != n) {
                throw new IllegalStateException("the writer failed (got " + got + " of " + n + "): " + child.stderr());
            }
            return n / seconds;
        }
    }

    private static ChildJvm child(String... args) {
        return ChildJvm.builder(IpcBenchMain.class).args(args).echo(false).start();
    }

    private static double pythonRate(String python, Path script, int capacity, int n) throws Exception {
        Process p = new ProcessBuilder(python, script.toString(), String.valueOf(capacity), String.valueOf(n))
                .redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0 || !out.contains("RESULT ")) {
                throw new IllegalStateException("the Python benchmark failed: " + out);
            }
            String[] f = out.substring(out.indexOf("RESULT ")).trim().split("\\s+");
            return (Long.parseLong(f[1]) - 1) / Double.parseDouble(f[2]);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String pythonVersion(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import sys; print(sys.version.split()[0])")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Path script() {
        try (InputStream in = IpcBenchMain.class.getResourceAsStream("mp_queue_bench.py")) {
            Path f = Files.createTempFile("mp_queue_bench", ".py");
            Files.write(f, in.readAllBytes());
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String rates(List<Double> xs) {
        return String.format(Locale.ROOT, "%,9.0f msg/s (%,.0f–%,.0f)", median(xs), Collections.min(xs), Collections.max(xs));
    }
}
