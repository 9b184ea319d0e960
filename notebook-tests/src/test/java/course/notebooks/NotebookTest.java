package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook under notebooks/ (solutions included) through the installed kernel.
 *
 * <p>The checks themselves live in run_notebook.py (also used by {@code ./course run}); this test
 * gives each notebook its own JUnit result. Run through {@code ./course test}, which installs the
 * kernel first and passes {@code -Dcourse.python}.
 */
class NotebookTest {

    static final Path ROOT = Path.of(System.getProperty("course.root", "..")).toAbsolutePath().normalize();
    static final long NOTEBOOK_LIMIT_MINUTES = 15;

    static Stream<String> notebooks() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("notebooks"))) {
            List<String> list = files.filter(p -> p.toString().endsWith(".ipynb"))
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints"))
                    .map(p -> ROOT.relativize(p).toString()).sorted().toList();
            assertFalse(list.isEmpty(), "no notebooks found under " + ROOT.resolve("notebooks"));
            return list.stream();
        }
    }

    static String python() {
        String python = System.getProperty("course.python", "");
        assumeTrue(!python.isBlank(), "notebook tests run through ./course test (it installs the kernel first)");
        return python;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void notebookRunsCleanAndShowsWhatItDeclares(String notebook) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(python(), ROOT.resolve("notebook-tests/run_notebook.py").toString(), notebook)
                .directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("COURSE_ROOT", ROOT.toString());
        Path log = Files.createTempFile("notebook", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(NOTEBOOK_LIMIT_MINUTES, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(notebook + " did not finish in " + NOTEBOOK_LIMIT_MINUTES + " minutes");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            System.out.print(out.lines().filter(l -> l.startsWith("PASS") || l.startsWith("FAIL") || l.startsWith("  - "))
                    .reduce("", (a, b) -> a + b + "\n"));
            assertEquals(0, p.exitValue(), notebook + ":\n" + out);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
