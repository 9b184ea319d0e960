package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes notebooks through the installed kernel with nbclient when the browser tests cannot run (no Chromium,
 * node or build/venv; otherwise FrontEndTest runs every notebook in a real front end): each lesson on every JDK that
 * ./course test found (Java 17 and the newest), the reference solutions on Java 17.
 *
 * <p>The checks themselves live in run_notebook.py (also used by {@code ./course run}); this test gives each
 * notebook and JDK its own JUnit result. The executed copies of the newest JDK (and the solutions) go to
 * build/executed/, where the HTML site is made from, so that the site shows what needs a new JDK (virtual
 * threads); those of an older JDK go to build/executed-javaMAJOR/.
 */
@Order(1)
@Isolated
class NotebookTest {

    static Stream<Arguments> notebooks() throws IOException {
        List<String> jdks = Scripts.jdks();
        try (Stream<Path> files = Files.walk(Scripts.ROOT.resolve("notebooks"))) {
            List<String> list = files.filter(p -> p.toString().endsWith(".ipynb"))
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints"))
                    .map(p -> Scripts.ROOT.relativize(p).toString()).sorted().toList();
            assertFalse(list.isEmpty(), "no notebooks found under " + Scripts.ROOT.resolve("notebooks"));
            return list.stream()
                    .flatMap(nb -> (nb.contains("/solutions/") ? jdks.subList(0, 1) : jdks).stream().map(jdk -> Arguments.of(jdk, nb)));
        }
    }

    @BeforeAll
    static void onlyWithoutTheBrowserTests() {
        assumeFalse(FrontEndTest.available(), "every notebook runs in a real front end (FrontEndTest)");
    }

    @ParameterizedTest(name = "Java {0}: {1}")
    @MethodSource("notebooks")
    void notebookRunsCleanAndShowsWhatItDeclares(String jdk, String notebook) throws Exception {
        Path executed = notebook.contains("/solutions/") ? SiteTest.EXECUTED : Scripts.executedDir(jdk);
        Scripts.Result r = Scripts.run(15, Map.of("COURSE_EXECUTED_DIR", executed.toString()),
                "run_notebook.py", "--jdk", jdk, notebook);
        System.out.print(r.output().lines().filter(l -> l.startsWith("PASS") || l.startsWith("FAIL") || l.startsWith("  - "))
                .map(l -> l.startsWith("  - ") ? l : "Java " + jdk + " " + l).reduce("", (a, b) -> a + b + "\n"));
        assertEquals(0, r.exitCode(), "Java " + jdk + ", " + notebook + ":\n" + r.output());
    }
}
