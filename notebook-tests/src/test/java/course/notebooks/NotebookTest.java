package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook under notebooks/ (solutions included) through the installed kernel.
 *
 * <p>The checks themselves live in run_notebook.py (also used by {@code ./course run}); this test
 * gives each notebook its own JUnit result.
 */
@Order(1)
class NotebookTest {

    static Stream<String> notebooks() throws IOException {
        try (Stream<Path> files = Files.walk(Scripts.ROOT.resolve("notebooks"))) {
            List<String> list = files.filter(p -> p.toString().endsWith(".ipynb"))
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints"))
                    .map(p -> Scripts.ROOT.relativize(p).toString()).sorted().toList();
            assertFalse(list.isEmpty(), "no notebooks found under " + Scripts.ROOT.resolve("notebooks"));
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void notebookRunsCleanAndShowsWhatItDeclares(String notebook) throws Exception {
        Scripts.Result r = Scripts.run(15, "run_notebook.py", notebook);
        System.out.print(r.output().lines().filter(l -> l.startsWith("PASS") || l.startsWith("FAIL") || l.startsWith("  - "))
                .reduce("", (a, b) -> a + b + "\n"));
        assertEquals(0, r.exitCode(), notebook + ":\n" + r.output());
    }
}
