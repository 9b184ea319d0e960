package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every lesson in a real browser, through each Jupyter front end a learner meets (ui_run.py, ui_check.mjs): the
 * classic Notebook (Debian) with the kernel on Java 17, and JupyterLab 4 (pip, build/venv from
 * binder/requirements.txt, what Binder runs) with the kernel on the newest JDK. Each lesson is opened, its kernel
 * restarted and all cells run through the menu; images must decode, Chinese must be drawn with a CJK font,
 * screenshots are kept in target/screenshots/ui/; and the notebook as the front end holds it goes through the
 * harness's checks (run_notebook.py: errors, declared texts and images, late output in its own cell, leftovers).
 * So these runs are the test run's lesson runs on those two JDKs, and the JupyterLab run on the newest JDK is
 * what the HTML site shows. The Binder badge's link opens its notebook in JupyterLab and in Notebook 7.
 *
 * <p>Without Chromium, node or the venv, ./course test runs the lessons through nbclient instead (NotebookTest).
 */
@Order(0)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrontEndTest {

    /** Whether ./course test set up the browser tests (Chromium, node's playwright-core, build/venv). */
    static boolean available() {
        return Boolean.parseBoolean(System.getProperty("course.frontends", "false"));
    }

    static List<String> lessons() throws Exception {
        try (Stream<Path> files = Files.list(Scripts.ROOT.resolve("notebooks"))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d\\d_.*\\.ipynb"))
                    .map(p -> Scripts.ROOT.relativize(p).toString()).sorted().toList();
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> classicNotebookOnJava17() throws Exception {
        List<String> jdks = Scripts.jdks();
        return run("classic", jdks.get(0));
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> jupyterLab4OnTheNewestJdk() throws Exception {
        List<String> jdks = Scripts.jdks();
        return run("lab", jdks.get(jdks.size() - 1));
    }

    private static Stream<DynamicTest> run(String frontend, String jdk) throws Exception {
        assumeTrue(available(), "no Chromium, node or build/venv: the lessons run through nbclient (NotebookTest)");
        List<String> lessons = lessons();
        assertFalse(lessons.isEmpty(), "no lessons under notebooks/");
        List<String> command = new ArrayList<>(List.of(Scripts.python(), Scripts.ROOT.resolve("notebook-tests/ui_run.py").toString(),
                frontend, "--jdk", jdk, SiteTest.chromium().orElseThrow().toString()));
        command.addAll(lessons);
        Scripts.Result r = Scripts.run(40, Map.of("COURSE_EXECUTED_DIR", Scripts.executedDir(jdk).toString()), command);
        String[] lines = r.output().split("\n");
        System.out.print(String.join("\n", Stream.of(lines).filter(l -> !l.startsWith("Add ") && !l.startsWith("Parsing ")).toList()) + "\n");
        List<DynamicTest> tests = new ArrayList<>();
        for (String lesson : lessons) {
            String verdict = verdict(lines, lesson);
            tests.add(DynamicTest.dynamicTest(frontend + ", Java " + jdk + ": " + lesson,
                    () -> assertTrue(verdict.startsWith("PASS"), verdict.isEmpty() ? "no verdict:\n" + r.output() : verdict)));
        }
        List<String> general = Stream.of(lines).filter(l -> l.startsWith("FAIL link") || l.startsWith("FAIL " + frontend + ":")).toList();
        tests.add(DynamicTest.dynamicTest(frontend + ": the Binder badge's links and the front end itself",
                () -> assertTrue(general.isEmpty(), String.join("\n", general))));
        return tests.stream();
    }

    /** The PASS/FAIL line of one lesson with the problems listed under it. */
    private static String verdict(String[] lines, String lesson) {
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("PASS " + lesson + " ") || lines[i].startsWith("FAIL " + lesson + " ")) {
                v.append(lines[i]);
                for (int j = i + 1; j < lines.length && lines[j].startsWith("  - "); j++) {
                    v.append('\n').append(lines[j]);
                }
            }
        }
        return v.toString();
    }
}
