package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The drawing vocabulary of lib/README.md, read from the compiled classes: in every {@code XxxCharts} class,
 * {@code table(x)} (or a second kind of table, {@code xxxTable(x)}) gives an {@link Html}, {@code data(x)} a Tablesaw
 * {@link Table}, every other public method a {@link BufferedImage}.
 */
class VocabularyTest {

    /** {@code Charts}' own helpers for the other drawing classes: a theme and the grouped-bars builder. */
    static final Set<String> CHARTS_HELPERS = Set.of("themed", "theme", "groupedBars");

    @Test
    void everyChartsClassSpeaksTheOneVocabulary() throws IOException, ClassNotFoundException {
        List<String> names;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/course/display"))) {
            names = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith("Charts.java"))
                    .map(f -> f.substring(0, f.length() - ".java".length())).sorted().toList();
        }
        assertTrue(names.size() >= 7, "the drawing classes are found: " + names);
        List<String> offenders = new ArrayList<>();
        for (String name : names) {
            for (Method m : Class.forName("course.display." + name).getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || name.equals("Charts") && CHARTS_HELPERS.contains(m.getName())) {
                    continue;
                }
                String verb = m.getName();
                Class<?> want = verb.equals("data") ? Table.class
                        : verb.equals("table") || verb.endsWith("Table") ? Html.class : BufferedImage.class;
                if (m.getReturnType() != want) {
                    offenders.add(name + "." + m.getName() + " returns " + m.getReturnType().getSimpleName()
                            + ", not " + want.getSimpleName());
                }
            }
        }
        assertEquals(List.of(), offenders, "table(x) / xxxTable(x) → Html, data(x) → Tablesaw Table, a chart or picture → BufferedImage");
    }
}
