package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * binder/postBuild, run as Binder runs it: a fresh HOME, no Jupyter variables of ours. It must install
 * the kernel 'java' where that HOME's Jupyter looks, and that kernel must run a course notebook. And
 * {@code ./course binder-badge}, on a copy of the README and the notebooks.
 */
class BinderTest {

    @Test
    void postBuildInstallsTheKernelForAFreshHomeAndItRunsANotebook(@TempDir Path home) throws Exception {
        Map<String, String> binderEnv = new HashMap<>();
        binderEnv.put("HOME", home.toString());
        for (String v : List.of("JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_PATH",
                "COURSE_JUPYTER_DATA_DIR")) {
            binderEnv.put(v, null);
        }
        binderEnv.put("COURSE_PYTHON", Scripts.python());

        Scripts.Result postBuild = Scripts.run(10, binderEnv, List.of("bash", "binder/postBuild"));
        assertEquals(0, postBuild.exitCode(), postBuild.output());
        Path spec = home.resolve(".local/share/jupyter/kernels/java/kernel.json");
        assertTrue(Files.isRegularFile(spec), "postBuild did not install " + spec + ":\n" + postBuild.output());
        assertTrue(Files.readString(spec).contains("course-kernel.jar"), Files.readString(spec));

        binderEnv.put("COURSE_EXECUTED_DIR", home.resolve("executed").toString());
        Scripts.Result run = Scripts.run(5, binderEnv, "run_notebook.py", "notebooks/00_目录.ipynb");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(Files.isRegularFile(home.resolve("executed/00_目录.ipynb")), run.output());
    }

    @Test
    void badgeCommandLinksEveryNotebookToItselfAndTheSiteShowsItOffline(@TempDir Path copy) throws Exception {
        Files.copy(Scripts.ROOT.resolve("README.md"), copy.resolve("README.md"));
        List<Path> notebooks;
        try (Stream<Path> files = Files.walk(Scripts.ROOT.resolve("notebooks"))) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).toList();
        }
        for (Path nb : notebooks) {
            Path to = copy.resolve(Scripts.ROOT.relativize(nb));
            Files.createDirectories(to.getParent());
            Files.copy(nb, to);
        }
        Map<String, String> env = Map.of("COURSE_ROOT", copy.toString());

        Scripts.Result stamped = Scripts.run(2, env, "binder_badge.py", "someone/course@main");
        assertEquals(0, stamped.exitCode(), stamped.output());
        for (Path nb : notebooks) {
            String rel = Scripts.ROOT.relativize(nb).toString().replace('\\', '/');
            String text = Files.readString(copy.resolve(rel));
            String link = "https://mybinder.org/v2/gh/someone/course/main?urlpath="
                    + URLEncoder.encode("lab/tree/" + rel, StandardCharsets.UTF_8);
            assertEquals(1, count(text, "https://mybinder.org/v2/gh/"), rel);
            int secondCell = text.indexOf("\"cell_type\"", text.indexOf("\"cell_type\"") + 1);
            assertTrue(text.indexOf(link) > 0 && text.indexOf(link) < secondCell, rel + " has no badge to " + link + " in its first cell");
        }
        assertTrue(Files.readString(copy.resolve("README.md")).contains("https://mybinder.org/v2/gh/someone/course/main?urlpath="
                + URLEncoder.encode("lab/tree/notebooks/00_目录.ipynb", StandardCharsets.UTF_8)));

        Map<Path, String> once = contents(copy);
        assertEquals(0, Scripts.run(2, env, "binder_badge.py", "someone/course@main").exitCode());
        assertEquals(once, contents(copy), "a second run with the same repository must change nothing");

        assertEquals(0, Scripts.run(2, env, "binder_badge.py", "other/fork").exitCode());
        for (Map.Entry<Path, String> file : contents(copy).entrySet()) {
            assertFalse(file.getValue().contains("someone/course"), file.getKey() + " still has the old badge");
            assertEquals(1, count(file.getValue(), "https://mybinder.org/v2/gh/other/fork/HEAD?urlpath="), file.getKey().toString());
        }

        Scripts.Result bad = Scripts.run(2, env, "binder_badge.py", "not a repository");
        assertEquals(2, bad.exitCode(), bad.output());
        assertTrue(bad.output().contains("OWNER/REPO"), bad.output());

        Scripts.Result site = Scripts.run(5, env, "export_site.py", copy.resolve("notebooks").toString(),
                copy.resolve("site").toString());
        assertEquals(0, site.exitCode(), site.output());
        String page = Files.readString(copy.resolve("site/00_目录.html"));
        assertTrue(page.contains("<span class=\"binder-badge\">在 Binder 上打开</span>"), "the badge is not a label on the page");
        assertTrue(page.contains("https://mybinder.org/v2/gh/other/fork/HEAD?urlpath="), "the page lost the Binder link");
        assertFalse(page.contains("badge_logo.svg"), "the page loads the badge image from the network");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** README.md and every notebook under folder, by path. */
    private static Map<Path, String> contents(Path folder) throws Exception {
        Map<Path, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".ipynb") || p.endsWith("README.md")).toList()) {
                all.put(p, Files.readString(p));
            }
        }
        return all;
    }
}
