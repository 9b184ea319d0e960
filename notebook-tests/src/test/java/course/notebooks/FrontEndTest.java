package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Every notebook in a real browser, through each Jupyter front end a learner meets (ui_run.py, ui_check.mjs): the
 * lessons in JupyterLab 4 (pip, build/venv from binder/requirements.txt, what Binder runs) with the kernel on the
 * newest JDK, the reference solutions in the classic Notebook (Debian, what ./course open runs) with the kernel on
 * Java 17. Each notebook is opened, its kernel restarted and all cells run through the menu; images must decode,
 * Chinese must be drawn with a CJK font, screenshots are kept in target/screenshots/ui/; and the notebook as the front
 * end holds it goes through the harness's checks (run_notebook.py: errors, declared texts and images, late output in
 * its own cell, check cells, leftovers). These are the test run's notebook runs: a solution is its lesson cell for
 * cell except the learner's answers (run_notebook.py checks that), so every cell of a lesson but the exercise stubs
 * runs on both JDKs and in both front ends; the stubs run on the newest JDK here and are checked on Java 17 by the
 * library's exercise tests (no item passes on a stub). The JupyterLab run is what the learners' HTML site shows
 * (virtual threads need 21+), the classic run the teachers' site. The Binder badge's link opens its notebook in
 * JupyterLab and in Notebook 7.
 *
 * <p>Without Chromium, node or the venv, ./course test runs the notebooks through nbclient instead (NotebookTest).
 */
@Order(0)
@Isolated
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrontEndTest {

    /** Whether ./course test set up the browser tests (Chromium, node's playwright-core, build/venv). */
    static boolean available() {
        return Boolean.parseBoolean(System.getProperty("course.frontends", "false"));
    }

    /** The notebooks NN_name.ipynb in notebooks/ (the lessons) or notebooks/solutions/, relative to the project. */
    static List<String> notebooks(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Scripts.ROOT.resolve(folder))) {
            List<String> found = files.filter(p -> p.getFileName().toString().matches("\\d\\d_.*\\.ipynb"))
                    .map(p -> Scripts.ROOT.relativize(p).toString()).sorted().toList();
            assertFalse(found.isEmpty(), "no notebooks in " + folder);
            return found;
        }
    }

    /**
     * Both front ends at once, each with its own server, browser and kernels: the two runs take turns on the cores
     * (JShell compiling a cell is mostly one thread), so together they take about as long as the longer one. The
     * lessons' claims hold pinned to one core, which is what each run gets at worst: no other test class runs
     * meanwhile (@Isolated; the classes before it run two at a time, see junit-platform.properties).
     */
    @TestFactory
    @Order(1)
    Stream<DynamicTest> solutionsInTheClassicNotebookOnJava17AndLessonsInJupyterLab4OnTheNewestJdk() throws Exception {
        assumeTrue(available(), "no Chromium, node or build/venv: the notebooks run through nbclient (NotebookTest)");
        List<String> jdks = Scripts.jdks();
        String newest = jdks.get(jdks.size() - 1);
        CompletableFuture<List<DynamicTest>> classic = start("classic", jdks.get(0), notebooks("notebooks/solutions"), SiteTest.EXECUTED);
        CompletableFuture<List<DynamicTest>> lab = start("lab", newest, notebooks("notebooks"), Scripts.executedDir(newest));
        List<DynamicTest> tests = Stream.concat(classic.join().stream(), lab.join().stream()).toList();
        // the executed copies come from runs that shared the cores: ./course html executes the notebooks again, alone
        for (Path dir : List.of(Scripts.executedDir(newest), SiteTest.EXECUTED.resolve("solutions"))) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(SHARED_CORES), "./course test ran the lessons (JupyterLab, Java " + newest
                    + ") and the solutions (classic Notebook, Java " + jdks.get(0) + ") at the same time\n");
        }
        return tests.stream();
    }

    /** In an executed folder: its notebooks ran while other notebooks ran (./course html then runs them again). */
    static final String SHARED_CORES = "shared-cores.txt";

    private static CompletableFuture<List<DynamicTest>> start(String frontend, String jdk, List<String> paths, Path executed) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(frontend, jdk, paths, executed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, runnable -> new Thread(runnable, frontend).start());
    }

    private static List<DynamicTest> run(String frontend, String jdk, List<String> paths, Path executed)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Scripts.python(), Scripts.ROOT.resolve("notebook-tests/ui_run.py").toString(),
                frontend, "--jdk", jdk, SiteTest.chromium().orElseThrow().toString()));
        command.addAll(paths);
        Scripts.Result r = Scripts.run(60, Map.of("COURSE_EXECUTED_DIR", executed.toString()), command);
        String[] lines = r.output().split("\n");
        synchronized (FrontEndTest.class) {
            System.out.print(String.join("\n", Stream.of(lines).filter(l -> !l.startsWith("Add ") && !l.startsWith("Parsing ")).toList()) + "\n");
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String nb : paths) {
            String verdict = verdict(lines, nb);
            tests.add(DynamicTest.dynamicTest(frontend + ", Java " + jdk + ": " + nb,
                    () -> assertTrue(verdict.startsWith("PASS"), verdict.isEmpty() ? "no verdict:\n" + r.output() : verdict)));
        }
        List<String> general = Stream.of(lines).filter(l -> l.startsWith("FAIL link") || l.startsWith("FAIL " + frontend + ":")).toList();
        tests.add(DynamicTest.dynamicTest(frontend + (frontend.equals("lab") ? ": the Binder badge's links (JupyterLab, Notebook 7)" : ": the front end itself"),
                () -> assertTrue(general.isEmpty(), String.join("\n", general))));
        return tests;
    }

    /** The PASS/FAIL line of one notebook with the problems listed under it. */
    private static String verdict(String[] lines, String nb) {
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("PASS " + nb + " ") || lines[i].startsWith("FAIL " + nb + " ")) {
                v.append(lines[i]);
                for (int j = i + 1; j < lines.length && lines[j].startsWith("  - "); j++) {
                    v.append('\n').append(lines[j]);
                }
            }
        }
        return v.toString();
    }
}
