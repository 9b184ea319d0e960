package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * binder/postBuild, run as Binder runs it (binder_check.py): a user that is not root, a fresh HOME, a fresh venv
 * made from binder/requirements.txt first on PATH, no Jupyter or Java variables of ours. It must install the
 * kernel 'java' where that HOME's Jupyter looks, and that kernel must run a lesson. binder/apt.txt must name what
 * repo2docker (Ubuntu 24.04, --no-install-recommends) would otherwise lack. And {@code ./course binder-badge}, on a
 * copy of the README and the notebooks.
 */
class BinderTest {

    static final Path WHEELHOUSE = Scripts.ROOT.resolve("build").resolve("wheelhouse");

    @Test
    void postBuildAsAnotherUserInAFreshVenvInstallsTheKernelAndItRunsALesson() throws Exception {
        assumeTrue(Files.isDirectory(WHEELHOUSE), "no build/wheelhouse: ./course test makes it from binder/requirements.txt");
        Scripts.Result r = Scripts.run(15, "binder_check.py", WHEELHOUSE.toString(), "notebooks/03_程序进程与线程.ipynb");
        System.out.print(r.output());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void aptTxtNamesAJdk21WithSourcesAFontAndFontconfig() throws Exception {
        List<String> packages = Files.readAllLines(Scripts.ROOT.resolve("binder/apt.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(packages.contains("openjdk-21-jdk-headless"), "a JDK with javac and jshell: " + packages);
        assertTrue(packages.contains("fontconfig"), "fc-list finds the Chinese font; --no-install-recommends drops it: " + packages);
        assertTrue(packages.stream().anyMatch(p -> p.startsWith("fonts-wqy") || p.startsWith("fonts-noto-cjk")), "a CJK font: " + packages);
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
