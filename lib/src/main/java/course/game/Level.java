package course.game;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import course.cpu.Cpu;
import course.cpu.Instruction;
import course.cpu.InterleavingResult;
import course.cpu.Interleavings;
import course.cpu.Program;
import course.cpu.Register;

/**
 * One level of the scheduler game: some threads' programs on the simulated CPU, a goal, and what the level teaches.
 *
 * <p>“你来当调度器”的一关：几个线程的程序、一个目标（例如“让 count 最后是 1”）、赢了以后的讲解和讲这个道理的那一节。
 * 作为单元格的最后一个表达式，它显示成一个可以玩的小游戏（浏览器里运行，不需要网络，也不需要内核）：每个线程一列，
 * 高亮它的 PC；按“T1 执行下一条”就是让调度器选 T1 执行一整条指令。{@link #cpu()} 造一台运行同样程序的 {@link Cpu}，
 * 把游戏里的调度粘贴进 {@code run(…)} 就能在 Java 里重放。
 *
 * <pre>{@code
 * SchedulerGame.level(1)                          // 显示第 1 关
 * SchedulerGame.level(1).cpu().run(0, 1, 0, 1)    // 在 Java 里重放一种调度
 * SchedulerGame.level(5).enumerate()              // 穷举所有交错：这一关为什么赢不了
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public final class Level {

    private static final AtomicLong IDS = new AtomicLong();
    private static final String SCRIPT = resource("scheduler-game.js");
    private static final String STYLE = resource("scheduler-game.css");

    private final int number;
    private final String title;
    private final String story;
    private final String goalText;
    private final List<String> sources;
    private final List<Program> programs;
    private final Map<Integer, String> names;
    private final Goal goal;
    private final boolean winnable;
    private final String explanation;
    private final String lessonFile;
    private final String lessonTitle;
    private final int[] solution;

    Level(int number, String title, String story, String goalText, List<String> sources, Map<Integer, String> names,
          Goal goal, boolean winnable, String explanation, String lessonFile, String lessonTitle, int... solution) {
        this.number = number;
        this.title = title;
        this.story = story;
        this.goalText = goalText;
        this.sources = List.copyOf(sources);
        this.programs = sources.stream().map(Program::parse).toList();
        this.names = Map.copyOf(names);
        this.goal = goal;
        this.winnable = winnable;
        this.explanation = explanation;
        this.lessonFile = lessonFile;
        this.lessonTitle = lessonTitle;
        this.solution = solution.clone();
    }

    /** The level's number, from 1. */
    public int number() {
        return number;
    }

    /** The level's title. */
    public String title() {
        return title;
    }

    /** The goal in Chinese. */
    public String goalText() {
        return goalText;
    }

    /** The goal as data. */
    public Goal goal() {
        return goal;
    }

    /** Whether some schedule reaches the goal (false for a level meant to show that none does). */
    public boolean winnable() {
        return winnable;
    }

    /** The explanation shown after a win (or, on an unwinnable level, after the player tried). */
    public String explanation() {
        return explanation;
    }

    /** The lesson that teaches this level's idea, e.g. 第 5 节 竞态条件. */
    public String lessonTitle() {
        return lessonTitle;
    }

    /** Number of threads. */
    public int threads() {
        return programs.size();
    }

    /** One program source per thread. */
    public List<String> sources() {
        return sources;
    }

    /** A fresh CPU running this level's programs: paste the game's schedule into its {@code run(…)}. */
    public Cpu cpu() {
        return Cpu.threads(programs.toArray(Program[]::new));
    }

    /** Whether {@code cpu} (a CPU from {@link #cpu()}) is in a winning state. */
    public boolean won(Cpu cpu) {
        return goal.reached(cpu);
    }

    /** A schedule that wins, for teachers and tests (empty for an unwinnable level). */
    public Optional<int[]> solution() {
        return solution.length == 0 ? Optional.empty() : Optional.of(solution.clone());
    }

    /** Every interleaving of this level's threads, watching the level's first data word (the shared counter). */
    public InterleavingResult enumerate() {
        return Interleavings.of(programs.get(0).data().firstKey(), programs.toArray(Program[]::new));
    }

    /** The game as HTML with its script inline: needs no network and no kernel. */
    public String toHtml() {
        String id = "course-game-" + number + "-" + IDS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        return "<div class=\"course-game\" id=\"" + id + "\"><style>" + STYLE + "</style>"
                + "<div class=\"cg-static\"><b>你来当调度器 · 第 " + number + " 关：" + escape(title) + "</b>"
                + "<p>目标：" + escape(goalText) + "</p><pre>" + escape(toString()) + "</pre>"
                + "<p class=\"cg-noscript\">这个小游戏要在浏览器里运行 JavaScript。看到这句话，说明它的脚本没有运行："
                + "在 Jupyter 里请运行这个单元格；打开别人保存的笔记本时，先信任它（JupyterLab：File → Trust Notebook，"
                + "经典界面：File → Trusted Notebook）再运行。</p></div></div>"
                + "<script data-course-widget=\"scheduler-game\">" + SCRIPT
                + "\nCourseSchedulerGame.mount(\"" + id + "\", " + json().replace("</", "<\\/") + ");</script>";
    }

    /** The level as the widget reads it. */
    String json() {
        StringBuilder sb = new StringBuilder("{");
        field(sb, "number", number).append(',');
        field(sb, "title", title).append(',');
        field(sb, "story", story).append(',');
        field(sb, "goalText", goalText).append(',');
        sb.append("\"goal\":").append(goal.json()).append(',');
        sb.append("\"winnable\":").append(winnable).append(',');
        field(sb, "explanation", explanation).append(',');
        field(sb, "lessonFile", lessonFile).append(',');
        field(sb, "lessonTitle", lessonTitle).append(',');
        sb.append("\"threads\":[");
        for (int t = 0; t < programs.size(); t++) {
            sb.append(t == 0 ? "" : ",").append(thread(programs.get(t)));
        }
        sb.append("],\"memory\":[");
        SortedMap<Integer, Long> memory = cpu().memory();
        boolean first = true;
        for (Map.Entry<Integer, Long> e : memory.entrySet()) {
            sb.append(first ? "" : ",").append("{\"address\":").append(e.getKey()).append(",\"value\":")
                    .append(e.getValue()).append(',');
            field(sb, "name", names.getOrDefault(e.getKey(), "")).append('}');
            first = false;
        }
        sb.append("],\"locks\":").append(locks());
        return sb.append('}').toString();
    }

    private String locks() {
        TreeMap<Integer, Boolean> all = new TreeMap<>();
        programs.forEach(p -> p.lockAddresses().forEach(a -> all.put(a, true)));
        return all.keySet().toString().replace(" ", "");
    }

    private static String thread(Program p) {
        String[] lines = p.source().split("\r?\n", -1);
        StringBuilder sb = new StringBuilder("{\"start\":").append(p.start()).append(",\"end\":").append(p.end())
                .append(",\"code\":[");
        for (Instruction i : p.instructions()) {
            sb.append(i.address() == p.start() ? "" : ",").append("{\"address\":").append(i.address())
                    .append(",\"op\":\"").append(i.opcode()).append("\",\"r\":[")
                    .append(reg(i.r1())).append(',').append(reg(i.r2())).append(',').append(reg(i.r3()))
                    .append("],\"n\":").append(i.number()).append(",\"line\":").append(i.line()).append(',');
            field(sb, "source", i.source()).append(',');
            field(sb, "text", lines[i.line() - 1].strip()).append('}');
        }
        return sb.append("]}").toString();
    }

    private static int reg(Register r) {
        return r == null ? -1 : r.ordinal();
    }

    private static StringBuilder field(StringBuilder sb, String name, Object value) {
        sb.append('"').append(name).append("\":");
        if (value instanceof Number) {
            return sb.append(value);
        }
        sb.append('"');
        for (char c : value.toString().toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = Level.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the library jar / 课程库缺少 " + name
                        + "：请重新构建（./course setup）");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("第 " + number + " 关：" + title + "\n" + story + "\n目标：" + goalText + "\n");
        for (int t = 0; t < sources.size(); t++) {
            sb.append("\n线程 T").append(t + 1).append("：\n");
            sources.get(t).lines().filter(l -> !l.isBlank()).forEach(l -> sb.append("  ").append(l.stripTrailing())
                    .append('\n'));
        }
        return sb.toString();
    }
}
