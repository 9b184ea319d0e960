package course.race;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import course.base.Text;

/**
 * Command-line report: the share of runs with lost updates per strategy, on all cores and pinned to
 * one core ({@code taskset -c 0}).
 *
 * <p>命令行报告：每种写法在"全部核"和"只用一个核"（{@code taskset -c 0}）下，
 * 多次运行中有丢失更新的比例。要求：演示模式下两种不安全写法 ≥ 95 %，四种修复在两种模式下都是 0 %。
 * 退出码 0 表示全部满足。
 *
 * <pre>
 * java -cp lib/target/course-lib.jar course.race.RaceReportMain [--runs 50] [--widened-increments 5000]
 * </pre>
 *
 * <p>Thread-safety: a command-line main; it runs the experiments one after another.
 */
public final class RaceReportMain {

    /** Lost-update share the demo mode must reach for the unsafe strategies. */
    public static final double DEMO_MIN_SHARE = 0.95;

    private RaceReportMain() {
    }

    /** One line of the report. */
    record Line(RaceResult result, String requirement, Boolean passed) {
    }

    public static void main(String[] args) throws Exception {
        int runs = 50;
        long widenedIncrements = 5_000;
        boolean child = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--widened-increments" -> widenedIncrements = Long.parseLong(args[++i]);
                case "--child" -> child = true;
                default -> throw new IllegalArgumentException("unknown argument (" + args[i]
                        + ") / 参数只有 --runs N 和 --widened-increments N");
            }
        }
        boolean ok = section(runs, widenedIncrements, child ? "只用一个核 (taskset -c 0)" : "全部核");
        if (!child) {
            ok &= pinned(runs, widenedIncrements);
            System.out.println(ok ? "结论: 全部满足要求 ✔" : "结论: 有不满足要求的项 ✘");
        }
        System.out.flush();
        if (!ok) {
            System.exit(1);
        }
    }

    /** Runs every strategy in both modes on this process's cores and prints the table. */
    static boolean section(int runs, long widenedIncrements, String title) {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "== %s: JVM 看到 %d 个核, Java %s, 每项 %d 次运行 ==%n", title, cores,
                Runtime.version(), runs);
        List<Line> lines = new ArrayList<>();
        for (RaceStrategy s : RaceStrategy.values()) {
            RaceResult demo = Race.of(s).widened().increments(widenedIncrements).runs(runs).run();
            lines.add(s.safe() ? new Line(demo, "= 0 %", demo.lostRuns() == 0 && demo.acceptable())
                    : new Line(demo, "≥ 95 %", demo.lostShare() >= DEMO_MIN_SHARE && demo.acceptable()));
        }
        for (RaceStrategy s : RaceStrategy.values()) {
            RaceResult normal = Race.of(s).runs(runs).run();
            lines.add(s.safe() ? new Line(normal, "= 0 %", normal.lostRuns() == 0 && normal.acceptable())
                    : new Line(normal, "仅供参考", normal.acceptable() ? null : false));
        }
        System.out.println(pad("写法", 18) + pad("模式", 24) + lpad("运行", 6) + lpad("丢失更新", 10) + lpad("比例", 8)
                + lpad("要求", 10) + "  结果");
        boolean ok = true;
        for (Line l : lines) {
            RaceResult r = l.result();
            String mode = r.widened() ? "演示 " + r.threads() + "×" + r.increments() + " (yield)"
                    : "正常 " + r.threads() + "×" + r.increments();
            System.out.println(pad(r.strategy().label(), 18) + pad(mode, 24) + lpad(String.valueOf(r.finals().size()), 6)
                    + lpad(String.valueOf(r.lostRuns()), 10)
                    + lpad(String.format(Locale.ROOT, "%.0f %%", 100 * r.lostShare()), 8)
                    + lpad(l.requirement(), 10) + "  " + (l.passed() == null ? "—" : l.passed() ? "✔" : "✘"));
            ok &= l.passed() == null || l.passed();
        }
        System.out.println();
        return ok;
    }

    /** {@code s} left-aligned in {@code w} columns, with at least one space after it. */
    private static String pad(String s, int w) {
        return Text.padRight(s, w - 1) + " ";
    }

    /** {@code s} right-aligned in {@code w} columns, with at least one space before it. */
    private static String lpad(String s, int w) {
        return " " + Text.padLeft(s, w - 1);
    }

    /** Runs this report again in a child JVM pinned to core 0 and copies its output. */
    static boolean pinned(int runs, long widenedIncrements) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            System.out.println("== 只用一个核: 找不到 /usr/bin/taskset（Debian 包 util-linux），跳过 ==");
            return false;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/taskset", "-c", "0", java.toString(),
                "-cp", System.getProperty("java.class.path"), RaceReportMain.class.getName(),
                "--child", "--runs", String.valueOf(runs), "--widened-increments", String.valueOf(widenedIncrements))
                .redirectErrorStream(true);
        Process p = pb.start();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(System.out);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                System.out.println("子进程超时 / child JVM timed out");
                return false;
            }
            return p.exitValue() == 0;
        } finally {
            p.destroyForcibly();
        }
    }
}
