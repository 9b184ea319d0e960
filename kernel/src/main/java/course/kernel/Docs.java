package course.kernel;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jdk.jshell.SourceCodeAnalysis;

/**
 * Shift+Tab in a notebook (inspect_request): the signature and javadoc of what is under the cursor, from
 * JShell's documentation API.
 *
 * <p>JShell reads javadoc from source files only, and looks for them only in the JDK's {@code lib/src.zip}. So at
 * kernel start the JDK's sources and the course library's ({@code COURSE_SOURCES}: folders, separated by the path
 * separator; ./course writes lib/src/main/java there) are handed to it, through the one setting it has for that
 * ({@code SourceCodeAnalysisImpl.availableSourcesOverride}, opened to the kernel by {@code --add-opens
 * jdk.jshell/jdk.jshell=ALL-UNNAMED}). The javadoc is laid out as text the way the {@code jshell} tool shows it
 * (its {@code JavadocFormatter}, {@code --add-exports jdk.jshell/jdk.internal.shellsupport.doc=ALL-UNNAMED}). A
 * JDK without {@code src.zip} (Debian's, until {@code openjdk-NN-source} is installed) shows signatures without
 * javadoc for its own classes.
 *
 * <p>在笔记本里按 Shift+Tab：显示光标处的方法或类的签名和文档（JDK 的和课程库的）。
 *
 * <p>Thread-safe after {@link #useSources()}.
 */
public final class Docs {

    private static final Logger LOGGER = Logger.getLogger(Docs.class.getSimpleName());
    private static final int LINE_WIDTH = 100;

    private Docs() {
    }

    /** Hands JShell the JDK's and the course library's sources; says in the log why when it cannot. */
    public static void useSources() {
        List<Path> sources = new ArrayList<>(jdkSources());
        String course = System.getenv("COURSE_SOURCES");
        if (course != null) {
            for (String dir : course.split(File.pathSeparator)) {
                if (!dir.isBlank() && Files.isDirectory(Path.of(dir))) {
                    sources.add(Path.of(dir));
                }
            }
        }
        try {
            Field override = Class.forName("jdk.jshell.SourceCodeAnalysisImpl").getDeclaredField("availableSourcesOverride");
            override.setAccessible(true);
            override.set(null, sources);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "JShell cannot be given the course library's sources: Shift+Tab shows only "
                    + "the JDK's documentation", e);
        }
    }

    /** The module folders of the JDK's src.zip, as JShell itself would find them, or none. */
    private static List<Path> jdkSources() {
        Path home = Path.of(System.getProperty("java.home"));
        Path zip = home.resolve("lib").resolve("src.zip");
        if (!Files.isReadable(zip)) {
            zip = home.getParent().resolve("src.zip");
        }
        List<Path> roots = new ArrayList<>();
        if (!Files.isReadable(zip)) {
            return roots;
        }
        try {
            FileSystem fs = FileSystems.newFileSystem(zip); // stays open: JShell reads from it on every Shift+Tab
            Path root = fs.getRootDirectories().iterator().next();
            if (Files.exists(root.resolve("java.base"))) {
                try (DirectoryStream<Path> modules = Files.newDirectoryStream(root, Files::isDirectory)) {
                    modules.forEach(roots::add);
                }
            } else {
                roots.add(root);
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot read " + zip + ": no javadoc of the JDK on Shift+Tab", e);
        }
        return roots;
    }

    /**
     * The documentation of what the code names at {@code cursor}, as text laid out like the jshell tool's, or null
     * when JShell knows nothing there. A method's name, with or without its argument list: the method, all its
     * overloads (JShell documents a method only from inside its argument list, so one is added when missing).
     */
    public static String inspect(SourceCodeAnalysis analysis, String code, int cursor) {
        int at = Math.min(cursor, code.length());
        while (at < code.length() && Character.isJavaIdentifierPart(code.charAt(at))) {
            at++; // to the end of the name under the cursor
        }
        int paren = at;
        while (paren < code.length() && Character.isWhitespace(code.charAt(paren))) {
            paren++;
        }
        List<SourceCodeAnalysis.Documentation> docs;
        if (paren < code.length() && code.charAt(paren) == '(') {
            docs = analysis.documentation(code, paren + 1, true);
        } else {
            docs = analysis.documentation(code.substring(0, at) + "(" + code.substring(at), at + 1, true);
            if (docs == null || docs.isEmpty()) {
                docs = analysis.documentation(code, at, true); // a class, a field, a variable
            }
        }
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            text.append(format(doc.signature(), doc.javadoc())).append('\n');
        }
        return text.toString().strip() + "\n";
    }

    /** The signature and javadoc laid out by the JDK's JavadocFormatter; without it, the signature and raw javadoc. */
    static String format(String signature, String javadoc) {
        if (javadoc == null) {
            return signature + "\n";
        }
        try {
            Class<?> formatter = Class.forName("jdk.internal.shellsupport.doc.JavadocFormatter");
            Constructor<?> make = formatter.getConstructor(int.class, boolean.class);
            Method lay = formatter.getMethod("formatJavadoc", String.class, String.class);
            return (String) lay.invoke(make.newInstance(LINE_WIDTH, true), signature, javadoc);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return signature + "\n" + javadoc + "\n";
        }
    }
}
