package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson ends with 练习 checked by the library (course.exercises.ExNN), and has a reference
 * solution that the notebook run executes through the same checks (it must show only ✅).
 */
class ExercisesTest {

    static Stream<Path> lessons() throws Exception {
        return Files.list(Scripts.ROOT.resolve("notebooks"))
                .filter(p -> p.getFileName().toString().matches("\\d\\d_.*\\.ipynb")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void lessonHasExercisesWithLibraryChecksAndASolution(Path lesson) throws Exception {
        String name = lesson.getFileName().toString();
        String text = Files.readString(lesson);
        assertTrue(text.contains("## 练习"), name + " has no '## 练习' section");
        String number = name.substring(0, 2);
        assertTrue(Pattern.compile("\\bEx" + number + "\\.\\w+\\(").matcher(text).find(),
                name + " has no check cell calling course.exercises.Ex" + number);
        Path solution = lesson.resolveSibling("solutions").resolve(name);
        assertTrue(Files.isRegularFile(solution), name + " has no reference solution " + solution);
        String solved = Files.readString(solution);
        assertTrue(solved.contains("✅ 通过") && solved.contains("\"forbid\"") && solved.contains("❌"),
                solution + " must declare that it shows ✅ 通过 and forbids ❌");
    }
}
