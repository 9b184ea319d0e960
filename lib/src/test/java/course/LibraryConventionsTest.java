package course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Reads the library's sources and checks the conventions of lib/README.md that a reader can see in the text:
 * class size, {@code Locale.ROOT}, imports instead of qualified names, and the shape of every class doc.
 */
class LibraryConventionsTest {

    static final Path MAIN = Path.of("src/main/java");
    static final Path TEST = Path.of("src/test/java");
    static final int MOST_LINES = 450;

    static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);
    /** Text blocks, then string and char literals (a qualified name inside a string is text, not code). */
    static final Pattern LITERAL = Pattern.compile("\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\n])*\"|'(?:\\\\.|[^'\\\\\n])+'",
            Pattern.DOTALL);
    static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(?:java|javax|org|com|course)\\.[a-z]\\w*\\.[\\w.]*");
    static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");

    /** One source file: its path below the source root, its text, and its code without comments and literals. */
    record Source(Path file, String text, String code) {

        String name() {
            String f = file.getFileName().toString();
            return f.substring(0, f.length() - ".java".length());
        }
    }

    static List<Source> sources(Path root) throws IOException {
        assertTrue(Files.isDirectory(root), "run from lib/: " + root.toAbsolutePath());
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                // comments first: a quote in a comment must not open a literal
                String code = LITERAL.matcher(strip(text)).replaceAll("\"\"");
                out.add(new Source(root.relativize(f), text, code));
            }
        }
        return out;
    }

    /** The text without comments; a comment opener inside a literal (a URL, "//") is kept. */
    static String strip(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile(LITERAL.pattern() + "|" + COMMENT.pattern(), Pattern.DOTALL).matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            String hit = m.group();
            out.append(hit.startsWith("/") ? hit.replaceAll("[^\n]", "") : hit);
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    @Test
    void noClassIsLongerThan450Lines() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources(MAIN)) {
            long lines = s.text().lines().count();
            if (lines > MOST_LINES) {
                offenders.add(s.file() + ": " + lines + " lines");
            }
        }
        assertEquals(List.of(), offenders, "split a class before it passes " + MOST_LINES + " lines: one job per class");
    }

    @Test
    void everyFormatUsesLocaleRoot() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources(MAIN)) {
            Matcher m = Pattern.compile("String\\.format\\((?!Locale\\.ROOT)|\\.formatted\\(").matcher(s.code());
            while (m.find()) {
                offenders.add(s.file() + ":" + line(s.code(), m.start()));
            }
        }
        assertEquals(List.of(), offenders, "String.format(Locale.ROOT, …) (String.formatted uses the machine's locale)");
    }

    @Test
    void importsInsteadOfQualifiedNames() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path root : List.of(MAIN, TEST)) {
            for (Source s : sources(root)) {
                String[] lines = s.code().split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (lines[i].strip().startsWith("import ") || lines[i].strip().startsWith("package ")) {
                        continue;
                    }
                    Matcher m = QUALIFIED.matcher(lines[i]);
                    while (m.find()) {
                        offenders.add(s.file() + ":" + (i + 1) + " " + m.group());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "import the class instead of writing its package in the code");
    }

    @Test
    void everyClassDocHasEnglishThenChineseAndSaysHowThreadsMayUseIt() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources(MAIN)) {
            if (s.name().equals("package-info")) {
                continue;
            }
            Matcher m = Pattern.compile("(/\\*\\*(?:(?!\\*/).)*\\*/)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
                    + "(?:(?:public|final|abstract|sealed|non-sealed)\\s+)*(class|record|interface|enum|@interface)\\s+"
                    + Pattern.quote(s.name()) + "\\b", Pattern.DOTALL).matcher(s.text());
            if (!m.find()) {
                offenders.add(s.file() + ": no class doc");
                continue;
            }
            String doc = m.group(1);
            String body = doc.replaceAll("(?m)^\\s*/?\\*+/?", "").strip();
            if (!body.matches("(?s)[A-Za-z{<].*")) {
                offenders.add(s.file() + ": the first sentence is not English");
            }
            if (!CJK.matcher(doc).find()) {
                offenders.add(s.file() + ": no Chinese paragraph for the learner");
            }
            if (!m.group(2).equals("enum") && !doc.contains("Thread-safety")) {
                offenders.add(s.file() + ": no \"Thread-safety:\" paragraph");
            }
            if (Pattern.compile("(?i)\\b(renamed|formerly|used to be|was called|no longer)\\b").matcher(doc).find()) {
                offenders.add(s.file() + ": change history in the class doc");
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theScansSeeTheLibrary() throws IOException {
        List<Source> main = sources(MAIN);
        assertTrue(main.size() > 100, "every class is read: " + main.size());
        assertTrue(main.stream().anyMatch(s -> s.code().contains("String.format(Locale.ROOT")), "formats are seen");
        assertTrue(main.stream().anyMatch(s -> s.text().contains("Thread-safety")), "docs are seen");
        assertEquals("a \"\" b ", LITERAL.matcher(strip("a \"x // y\" b // c")).replaceAll("\"\""),
                "a comment opener in a string is not a comment; a comment is dropped");
        assertEquals(List.of("java.util.List.of"), QUALIFIED.matcher("x = java.util.List.of(1); a.java.util.X")
                .results().map(r -> r.group()).toList());
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
