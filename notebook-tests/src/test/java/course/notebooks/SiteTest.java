package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The offline HTML site, exported from the notebooks NotebookTest executed (build/executed/ to
 * site/: the learners' site, lessons only; and to site-teachers/: the teachers' pages, the reference
 * solutions), checked for links and offline use (site_check.py links: no solution page and no link to
 * one on the learners' site, no page says 种子) and opened in headless Chromium (site_check.py browser:
 * images decoded, Chinese drawn with a CJK font, screenshots in target/screenshots/).
 */
@Order(3)
@Isolated
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteTest {

    static final Path EXECUTED = Scripts.ROOT.resolve("build").resolve("executed");
    static final Path SITE = Scripts.ROOT.resolve("site");
    static final Path TEACHERS = Scripts.ROOT.resolve("site-teachers");
    static final Path SCREENSHOTS = Scripts.ROOT.resolve("notebook-tests").resolve("target").resolve("screenshots");

    @Test
    @Order(1)
    void exportWritesTheSite() throws Exception {
        assertTrue(Files.isDirectory(EXECUTED), EXECUTED + " is missing: the notebooks were not executed "
                + "(NotebookTest runs first in ./course test; alone: ./course run notebooks/*.ipynb notebooks/solutions/*.ipynb)");
        Scripts.Result r = Scripts.run(5, "export_site.py", EXECUTED.toString(), SITE.toString());
        System.out.print(r.output());
        assertEquals(0, r.exitCode(), r.output());
        Scripts.Result t = Scripts.run(5, "export_site.py", "--teachers", EXECUTED.toString(), TEACHERS.toString());
        System.out.print(t.output());
        assertEquals(0, t.exitCode(), t.output());
    }

    @Test
    @Order(2)
    void everyPageIsLinkedAndReadsOfflineAndNoLearnersPageShowsASolution() throws Exception {
        Scripts.Result r = Scripts.run(2, "site_check.py", "links", SITE.toString());
        System.out.print(r.output());
        assertEquals(0, r.exitCode(), r.output());
        Scripts.Result t = Scripts.run(2, "site_check.py", "links", "--teachers", TEACHERS.toString());
        System.out.print(t.output());
        assertEquals(0, t.exitCode(), t.output());
    }

    @Test
    @Order(3)
    void chromiumShowsChineseTextAndCharts() throws Exception {
        Optional<Path> chromium = chromium();
        if (chromium.isEmpty()) {
            String why = "SKIPPED: no Chromium found (chromium, chromium-browser or $COURSE_CHROMIUM): the browser check "
                    + "of the HTML site does not run. ./course test installs Debian's chromium when run as root.";
            System.out.println(why);
            assumeTrue(false, why);
        }
        Scripts.Result r = Scripts.run(3, "site_check.py", "browser", SITE.toString(), SCREENSHOTS.toString(),
                chromium.get().toString());
        System.out.print(r.output());
        assertEquals(0, r.exitCode(), r.output());
    }

    /** $COURSE_CHROMIUM, else the first of chromium, chromium-browser on the PATH. */
    static Optional<Path> chromium() {
        String chosen = System.getenv("COURSE_CHROMIUM");
        if (chosen != null && !chosen.isBlank()) {
            return Optional.of(Path.of(chosen)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of("chromium", "chromium-browser")
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }
}
