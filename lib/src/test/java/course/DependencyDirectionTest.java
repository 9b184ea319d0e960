package course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Reads the library's sources and checks the one direction of dependencies written in lib/README.md:
 * domain packages know nothing of drawing, {@code check}, {@code exercises} and {@code quiz} sit on top, {@code base} on the bottom.
 */
class DependencyDirectionTest {

    static final Path SOURCES = Path.of("src/main/java/course");
    /** Packages that draw or check; every other package is a domain package. */
    static final Set<String> ON_TOP = Set.of("display", "check", "exercises", "quiz");
    static final Pattern DRAWING = Pattern.compile("\\b(org\\.jfree|tech\\.tablesaw|course\\.display)\\.");
    /** Comments may name a drawing class ("drawn by SchedCharts"); code may not use one. */
    static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);
    static final Pattern COURSE_IMPORT = Pattern.compile("^import (?:static )?course\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** One source file; {@code text} is its code without comments. */
    record Source(String pkg, Path file, String text) {
    }

    static List<Source> sources() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from lib/: " + SOURCES.toAbsolutePath());
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = SOURCES.relativize(f);
                String pkg = rel.getNameCount() == 1 ? "" : rel.getName(0).toString();
                out.add(new Source(pkg, rel, COMMENT.matcher(Files.readString(f, StandardCharsets.UTF_8)).replaceAll("")));
            }
        }
        return out;
    }

    @Test
    void onlyDisplayMentionsJFreeChartTablesawOrDisplay() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources()) {
            if (s.pkg().equals("display")) {
                continue;
            }
            Matcher m = DRAWING.matcher(s.text());
            while (m.find()) {
                int end = s.text().indexOf('\n', m.start());
                String line = s.text().substring(s.text().lastIndexOf('\n', m.start()) + 1,
                        end < 0 ? s.text().length() : end).strip();
                if (!(s.file().toString().equals("Course.java") && line.equals("import course.display.Fonts;"))) {
                    offenders.add(s.file() + ": " + line);
                }
            }
        }
        assertEquals(List.of(), offenders, "only course.display draws (Course.java may name the chart font)");
    }

    @Test
    void domainPackagesDoNotUseWhatSitsOnTopAndBaseUsesNothing() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources()) {
            Matcher m = COURSE_IMPORT.matcher(s.text());
            while (m.find()) {
                String used = m.group(1);
                boolean wrong = s.pkg().equals("base") ? !used.equals("base")
                        : !ON_TOP.contains(s.pkg()) && !s.pkg().isEmpty() && ON_TOP.contains(used);
                if (wrong) {
                    offenders.add(s.file() + " uses course." + used);
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theScanSeesTheLibrary() throws IOException {
        List<Source> all = sources();
        assertTrue(all.stream().anyMatch(s -> s.pkg().equals("display") && DRAWING.matcher(s.text()).find()),
                "display itself uses JFreeChart: the pattern finds imports");
        assertTrue(all.stream().map(Source::pkg).distinct().count() >= 10, "every package is scanned");
    }
}
