package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

import course.cpu.Cpu;
import course.cpu.ThreadContext;
import course.game.Level;
import course.game.SchedulerGame;

/**
 * The scheduler game's widget (scheduler-game.js) in headless Chromium against the Java simulator it mirrors:
 * 1 000 random schedules over the levels' programs end in Java's state, refused picks give Java's reason, every
 * level is played by clicking to its win (or to "cannot be won") on a page opened from disk, in the exported site
 * and in a live classic Notebook (and JupyterLab 4 when the course's Python has it). Driven by game_check.mjs
 * (playwright-core from notebook-tests/package.json with Debian's chromium; ./course test runs npm ci).
 */
@Order(4)
@Isolated
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GameWidgetTest {

    static final Path DIR = Scripts.ROOT.resolve("notebook-tests").resolve("target").resolve("game");
    static final Path SHOTS = Scripts.ROOT.resolve("notebook-tests").resolve("target").resolve("screenshots");
    static final int RANDOM_SCHEDULES = 1000;
    static final int MAX_RANDOM_LENGTH = 40;

    @Test
    @Order(1)
    void widgetEndsInJavasStateOnRandomSchedulesAndEveryLevelIsPlayedToItsEnd() throws Exception {
        Path cases = cases();
        Path page = DIR.resolve("levels.html");
        Files.writeString(page, "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>关卡</title></head><body>"
                + SchedulerGame.levels().stream().map(Level::toHtml).collect(Collectors.joining("<hr>")) + "</body></html>");
        node("page", cases, page.toString());
    }

    @Test
    @Order(2)
    void everyLevelIsWonInTheExportedSite() throws Exception {
        assumeTrue(Files.isRegularFile(SiteTest.SITE.resolve("index.html")), "the site was not exported (SiteTest runs first)");
        node("site", cases(), SiteTest.SITE.toString());
    }

    @Test
    @Order(3)
    void everyLevelIsWonInALiveClassicNotebook() throws Exception {
        live(Scripts.python(), List.of("-m", "notebook", "--NotebookApp.token=%s", "--notebook-dir=%s"), "/notebooks/game.ipynb");
    }

    /**
     * JupyterLab 4 (what Binder opens; Notebook 7 is built on it) from build/venv, the venv ./course test makes from
     * binder/requirements.txt for the browser tests; skipped only when there is none (no PyPI).
     */
    @Test
    @Order(4)
    void everyLevelIsWonInALiveJupyterLab() throws Exception {
        Path venv = Scripts.ROOT.resolve("build").resolve("venv").resolve("bin").resolve("python");
        assumeTrue(Files.isExecutable(venv), "SKIPPED: no build/venv with JupyterLab (./course test makes it from binder/requirements.txt when PyPI is reachable)");
        live(venv.toString(), List.of("-m", "jupyterlab", "--IdentityProvider.token=%s", "--ServerApp.root_dir=%s"), "/lab/tree/game.ipynb");
    }

    /** Starts Jupyter with {@code python} ({@code args}: token and folder as %s) on a notebook with every level and plays them. */
    private static void live(String python, List<String> args, String path) throws Exception {
        Path dir = Files.createTempDirectory("course-game-live");
        Path notebook = dir.resolve("game.ipynb");
        String cells = SchedulerGame.levels().stream()
                .map(l -> "{\"cell_type\":\"code\",\"execution_count\":null,\"metadata\":{},\"outputs\":[],\"source\":"
                        + "[\"SchedulerGame.level(" + l.number() + ")\"]}")
                .collect(Collectors.joining(","));
        String ready = "{\"cell_type\":\"code\",\"execution_count\":null,\"metadata\":{},\"outputs\":[],\"source\":"
                + "[\"System.out.println(\\\"kernel ready\\\");\"]},";
        Files.writeString(notebook, "{\"cells\":[" + ready + cells + "],\"metadata\":{\"kernelspec\":{\"name\":\"java\","
                + "\"display_name\":\"Java\",\"language\":\"java\"}},\"nbformat\":4,\"nbformat_minor\":5}");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String token = UUID.randomUUID().toString();
        List<String> command = new ArrayList<>(List.of(python, args.get(0), args.get(1), "--no-browser", "--ip=127.0.0.1",
                "--port=" + port, "--allow-root", String.format(args.get(2), token), String.format(args.get(3), dir)));
        Path build = Scripts.ROOT.resolve("build").resolve("jupyter");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("jupyter.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("JUPYTER_DATA_DIR", System.getenv().getOrDefault("JUPYTER_DATA_DIR", build.resolve("data").toString()));
        env.put("JUPYTER_CONFIG_DIR", dir.resolve("config").toString());
        env.put("JUPYTER_RUNTIME_DIR", dir.resolve("runtime").toString());
        Process jupyter = pb.start();
        try {
            String base = "http://127.0.0.1:" + port;
            waitUntilUp(base + "/api/status?token=" + token, jupyter, dir);
            node("live", cases(), base + path + "?token=" + token);
        } finally {
            jupyter.descendants().forEach(ProcessHandle::destroy);
            jupyter.destroy();
            if (!jupyter.waitFor(20, TimeUnit.SECONDS)) {
                jupyter.descendants().forEach(ProcessHandle::destroyForcibly);
                jupyter.destroyForcibly();
            }
        }
    }

    private static void waitUntilUp(String url, Process jupyter, Path dir) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int k = 0; k < 120; k++) {
            assertTrue(jupyter.isAlive(), "Jupyter ended: " + Files.readString(dir.resolve("jupyter.log")));
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Jupyter did not answer in 30 s: " + Files.readString(dir.resolve("jupyter.log")));
    }

    private static void node(String mode, Path cases, String target) throws Exception {
        Optional<Path> chromium = SiteTest.chromium();
        assumeTrue(chromium.isPresent(), "SKIPPED: no Chromium (./course test installs Debian's chromium)");
        Path modules = Scripts.ROOT.resolve("notebook-tests").resolve("node_modules").resolve("playwright-core");
        assumeTrue(Files.isDirectory(modules), "SKIPPED: notebook-tests/node_modules is missing (./course test runs npm ci)");
        Scripts.Result r = Scripts.run(10, Map.of(), List.of("node",
                Scripts.ROOT.resolve("notebook-tests").resolve("game_check.mjs").toString(), mode, cases.toString(),
                target, SHOTS.toString(), chromium.get().toString()));
        System.out.print(r.output());
        assertEquals(0, r.exitCode(), r.output());
    }

    /** The levels, random schedules with Java's final states, and refused picks with Java's reasons, as JSON. */
    static Path cases() throws IOException {
        Files.createDirectories(DIR);
        Random random = new Random(14);
        List<Level> levels = SchedulerGame.levels();
        List<String> randomCases = new ArrayList<>();
        for (int k = 0; k < RANDOM_SCHEDULES; k++) {
            Level level = levels.get(random.nextInt(levels.size()));
            Cpu cpu = level.cpu();
            List<Integer> schedule = randomRun(cpu, random, 1 + random.nextInt(MAX_RANDOM_LENGTH));
            randomCases.add("{\"level\":" + level.number() + ",\"schedule\":" + schedule + ",\"expected\":"
                    + state(level, cpu) + "}");
        }
        List<String> refused = new ArrayList<>();
        for (Level level : levels) {
            for (int k = 0; k < 40 && refused.size() < 12 * level.number(); k++) {
                Cpu cpu = level.cpu();
                List<Integer> schedule = randomRun(cpu, random, random.nextInt(MAX_RANDOM_LENGTH));
                Optional<Integer> stuck = IntStream.range(0, cpu.threadCount()).filter(t -> !cpu.runnable(t)).boxed()
                        .findFirst();
                if (stuck.isEmpty()) {
                    continue;
                }
                try {
                    cpu.run(stuck.get());
                    throw new AssertionError("Java ran a thread that cannot run");
                } catch (IllegalArgumentException e) {
                    String why = e.getMessage().substring(e.getMessage().indexOf("项：") + 2);
                    refused.add("{\"level\":" + level.number() + ",\"schedule\":" + schedule + ",\"pick\":" + stuck.get()
                            + ",\"why\":" + quote(why) + "}");
                }
            }
        }
        String levelList = levels.stream().map(l -> "{\"number\":" + l.number() + ",\"solution\":"
                + l.solution().map(GameWidgetTest::list).orElse("[]") + ",\"ending\":" + ending(l)
                + ",\"explanation\":" + quote(l.explanation()) + ",\"lessonTitle\":" + quote(l.lessonTitle()) + "}")
                .collect(Collectors.joining(","));
        Path out = DIR.resolve("cases.json");
        Files.writeString(out, "{\"levels\":[" + levelList + "],\"random\":[" + String.join(",\n", randomCases)
                + "],\"refused\":[" + String.join(",\n", refused) + "]}", StandardCharsets.UTF_8);
        return out;
    }

    /** Runs random runnable threads until the run ends or {@code length} picks; returns the picks. */
    private static List<Integer> randomRun(Cpu cpu, Random random, int length) {
        List<Integer> schedule = new ArrayList<>();
        while (schedule.size() < length) {
            List<Integer> runnable = IntStream.range(0, cpu.threadCount()).filter(cpu::runnable).boxed().toList();
            if (runnable.isEmpty()) {
                break;
            }
            int t = runnable.get(random.nextInt(runnable.size()));
            cpu.run(t);
            schedule.add(t);
        }
        return schedule;
    }

    /** A schedule that runs the level to its end (first runnable thread each time): for unwinnable levels. */
    private static String ending(Level level) {
        Cpu cpu = level.cpu();
        List<Integer> schedule = new ArrayList<>();
        while (!cpu.halted() && !cpu.deadlocked()) {
            int t = IntStream.range(0, cpu.threadCount()).filter(cpu::runnable).findFirst().orElseThrow();
            cpu.run(t);
            schedule.add(t);
        }
        return schedule.toString();
    }

    /** The state the widget reports: Engine.state() in scheduler-game.js, with the same keys in the same order. */
    static String state(Level level, Cpu cpu) {
        String threads = IntStream.range(0, cpu.threadCount()).mapToObj(t -> {
            ThreadContext c = cpu.context(t);
            return "{\"pc\":" + c.pc() + ",\"halted\":" + c.halted() + ",\"registers\":"
                    + c.registers().values().toString().replace(" ", "") + ",\"waitingFor\":" + cpu.waitingFor(t) + "}";
        }).collect(Collectors.joining(",", "[", "]"));
        String memory = cpu.memory().entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        return "{\"threads\":" + threads + ",\"memory\":" + memory + ",\"deadlocked\":" + cpu.deadlocked()
                + ",\"won\":" + level.won(cpu) + "}";
    }

    private static String list(int[] schedule) {
        return IntStream.of(schedule).boxed().toList().toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
