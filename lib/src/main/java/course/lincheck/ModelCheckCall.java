package course.lincheck;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One conversation with the Lincheck worker: send the request, print progress while waiting, read the answer, and
 * end the worker when the time limit passes.
 *
 * <p>一次检查和子 JVM 的"对话"：发出请求，等待时每隔一会儿打印进度，读回结论；超过时间限制就结束子 JVM。
 * 子 JVM 如果恰好因为空闲而退出（请求刚好没被读到），就换一个新的再发一次。
 *
 * <p>Thread-safety: runs while holding the {@link LincheckSession} class lock.
 */
final class ModelCheckCall {

    private final ModelCheck check;
    private final Map<String, byte[]> classes;
    private final long t0;
    private final long deadline;
    private final List<String> output = new ArrayList<>();

    ModelCheckCall(ModelCheck check, Map<String, byte[]> classes, long t0) {
        this.check = check;
        this.classes = classes;
        this.t0 = t0;
        this.deadline = System.nanoTime() + check.timeout().toNanos();
    }

    ModelCheckResult run() throws InterruptedException {
        synchronized (LincheckSession.class) {
            boolean startedJvm = false;
            for (int attempt = 1; ; attempt++) {
                LincheckSession.Lease lease = LincheckSession.lease(classes);
                startedJvm |= lease.fresh();
                LincheckSession s = lease.session();
                int id = s.nextId();
                Path report = s.report(id);
                s.send(check.request(id, report));
                ModelCheckResult r = await(s, id, report, startedJvm, attempt == 1);
                if (r != null) {
                    return r;
                }
            }
        }
    }

    /** The verdict, or null when the worker had just ended by itself (idle) and the request should go again. */
    private ModelCheckResult await(LincheckSession s, int id, Path report, boolean startedJvm, boolean mayRetry)
            throws InterruptedException {
        long lastPrint = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline) {
                LincheckSession.closeCurrent();
                return result(ModelCheckResult.Status.TIMED_OUT, "-", Duration.ZERO, startedJvm, "", String.format(Locale.ROOT,
                        "Lincheck 在 %d 秒内没有做完检查，已经结束了运行它的子 JVM。可能是某个操作里有死循环、一直在等待，"
                                + "或者场景太多：试试更小的 iterations(…) 或 invocations(…)", check.timeout().toSeconds()));
            }
            String line = s.nextLine(Duration.ofNanos(Math.max(1_000_000, Math.min(deadline - now, 20_000_000))));
            if (line != null && line.startsWith(LincheckWorker.TAG + "\t")) {
                String[] f = line.split("\t", -1);
                if (f.length >= 6 && f[1].equals("DONE") && f[2].equals(String.valueOf(id))) {
                    s.touch();
                    return done(f, LincheckSession.take(report), startedJvm);
                }
            } else if (line != null) {
                if (output.size() < ModelCheckResult.MAX_OUTPUT) {
                    output.add(line);
                }
            } else if (!s.child.isAlive()) {
                s.child.waitFor(Duration.ofSeconds(2));
                int exit = s.child.exitCode();
                LincheckSession.closeCurrent();
                if (exit == 0 && mayRetry) {
                    return null;
                }
                String err = s.child.stderr().strip();
                String lastErr = err.isEmpty() ? "" : "；标准错误的最后一行：" + err.lines().reduce((a, b) -> b).orElse("");
                return result(ModelCheckResult.Status.CRASHED, "-", Duration.ZERO, startedJvm, "", String.format(Locale.ROOT,
                        "运行 Lincheck 的子 JVM 意外结束了（退出码 %d%s）%s。被检查的代码里是不是调用了 System.exit，"
                                + "或者用光了内存？再运行一次会启动新的子 JVM", exit,
                        exit > 128 && exit < 128 + 65 ? "，被信号 " + (exit - 128) + " 杀死" : "", lastErr));
            }
            now = System.nanoTime();
            if (now - lastPrint >= ModelCheck.PROGRESS.toNanos()) {
                lastPrint = now;
                System.out.printf(Locale.ROOT, "  ……已经 %.1f 秒%n", (now - t0) / 1e9);
            }
        }
    }

    private ModelCheckResult done(String[] f, String text, boolean startedJvm) {
        Duration checkTime = Duration.ofMillis(Long.parseLong(f[4]));
        String className = f[5];
        return switch (f[3]) {
            case "PASSED" -> result(ModelCheckResult.Status.PASSED, className, checkTime, startedJvm, "", "");
            case "FAILED" -> result(ModelCheckResult.Status.FAILED, className, checkTime, startedJvm, text, "");
            default -> result(ModelCheckResult.Status.ERROR, className, checkTime, startedJvm, "",
                    "Lincheck 没法检查这个类：" + text.strip().lines().findFirst().orElse("（没有说明原因）"));
        };
    }

    private ModelCheckResult result(ModelCheckResult.Status status, String className, Duration checkTime,
                                    boolean startedJvm, String report, String problem) {
        String name = className.equals("-") ? check.source().mainClass() : className;
        return new ModelCheckResult(name, check.settings(), status, checkTime, Duration.ofNanos(System.nanoTime() - t0),
                startedJvm, LincheckReport.parse(report), problem, output);
    }
}
