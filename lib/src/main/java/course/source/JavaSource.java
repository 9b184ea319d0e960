package course.source;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.lang.model.element.Modifier;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;

import course.process.ChildJvm;

/**
 * A Java compilation unit written as text in a notebook cell, compiled into real class files and run in a child
 * JVM.
 *
 * <p>写在单元格字符串里的一段 Java 源代码（一个完整的 {@code .java} 文件）。JShell 里定义的类只存在于内核的内存里，
 * 另一个 JVM 看不见，有的工具（比如 Lincheck）也加载不了它；这里用 JDK 自带的编译器（javac）把它编译成真正的
 * {@code .class} 文件，再在子 JVM 里运行。编译错误会用中文写明第几行、哪里错了。
 *
 * <pre>{@code
 * JavaSource src = JavaSource.of("""
 *         public class Hello {
 *             public static void main(String[] args) { System.out.println("你好"); }
 *         }
 *         """);
 * SourceRunResult r = src.run(Duration.ofSeconds(5));   // 在子 JVM 里运行，最多 5 秒
 * }</pre>
 *
 * <p>Thread-safety: immutable; {@link #compileTo} and {@link #run} may be called from any thread.
 */
public final class JavaSource {

    private final String code;
    private final List<String> classNames;
    private final String mainClass;

    private JavaSource(String code, List<String> classNames, String mainClass) {
        this.code = code;
        this.classNames = List.copyOf(classNames);
        this.mainClass = mainClass;
    }

    /**
     * The source {@code code}; its top-level classes are found by parsing it.
     *
     * @throws SourceException          when it cannot be parsed or declares no class
     * @throws IllegalStateException    when this JVM has no Java compiler (a JRE instead of a JDK)
     */
    public static JavaSource of(String code) {
        Objects.requireNonNull(code, "code");
        JavaCompiler javac = compiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) javac.getTask(null, null, diagnostics, List.of("-proc:none"), null,
                List.of(new Text("Source", code)));
        List<String> names = new ArrayList<>();
        String main = null;
        try {
            for (CompilationUnitTree unit : task.parse()) {
                for (Tree t : unit.getTypeDecls()) {
                    if (t instanceof ClassTree c && !c.getSimpleName().isEmpty()) {
                        String name = c.getSimpleName().toString();
                        names.add(name);
                        if (main == null && c.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
                            main = name;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> errors = errors(diagnostics, code);
        if (!errors.isEmpty()) {
            throw failure("源代码有语法错误", errors);
        }
        if (names.isEmpty()) {
            throw failure("源代码里没有类", List.of("写一个完整的 .java 文件，例如 public class Hello { … }"));
        }
        return new JavaSource(code, names, main != null ? main : names.get(0));
    }

    /** The source text. */
    public String code() {
        return code;
    }

    /** The top-level classes it declares, in order. */
    public List<String> classNames() {
        return classNames;
    }

    /** The class {@link #run} starts: the public top-level class, else the first one. */
    public String mainClass() {
        return mainClass;
    }

    /**
     * Compiles into {@code dir} against the course library and its dependencies.
     *
     * @return the class files written
     * @throws SourceException when it does not compile
     */
    public List<Path> compileTo(Path dir) {
        return compileTo(dir, List.of());
    }

    /**
     * Compiles into {@code dir} against the course library, its dependencies and {@code extraClassPath}.
     *
     * @return the class files written
     * @throws SourceException when it does not compile
     */
    public List<Path> compileTo(Path dir, List<Path> extraClassPath) {
        try {
            Files.createDirectories(dir);
            List<Path> before = classFiles(dir);
            JavaCompiler javac = compiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.SIMPLIFIED_CHINESE,
                    StandardCharsets.UTF_8)) {
                String classPath = Stream.concat(Stream.of(ChildJvm.classPath()), extraClassPath.stream().map(Path::toString))
                        .collect(Collectors.joining(File.pathSeparator));
                List<String> options = List.of("-d", dir.toString(), "-classpath", classPath, "-proc:none",
                        "-g", "-encoding", "UTF-8", "-Xlint:none", "-nowarn");
                boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(new Text(mainClass, code))).call();
                List<String> errors = errors(diagnostics, code);
                if (!ok || !errors.isEmpty()) {
                    throw failure("编译失败", errors.isEmpty() ? List.of("javac 没有说明原因") : errors);
                }
            }
            List<Path> after = classFiles(dir);
            after.removeAll(before);
            return after;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile into " + dir + " / 无法写入编译结果", e);
        }
    }

    /**
     * Compiles into a fresh temporary folder and runs {@link #mainClass()}'s {@code main} in a child JVM, printing
     * each line it writes as it arrives (with the time since the start); destroys the child when {@code timeout}
     * passes. The folder is deleted afterwards.
     *
     * @throws SourceException when it does not compile
     */
    public SourceRunResult run(Duration timeout) {
        return new SourceRun(this, timeout).run();
    }

    static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder / 无法创建临时文件夹", e);
        }
    }

    /** Deletes {@code dir} and everything in it; what cannot be deleted is left (the OS cleans its temp folder). */
    public static void deleteFolder(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    private static List<Path> classFiles(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return new ArrayList<>(all.filter(p -> p.toString().endsWith(".class")).sorted().toList());
        }
    }

    private static JavaCompiler compiler() {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + " / 这个 Java 没有编译器 javac：请用 JDK（不是 JRE）运行内核，例如安装 openjdk-17-jdk");
        }
        return javac;
    }

    private static List<String> errors(DiagnosticCollector<JavaFileObject> diagnostics, String code) {
        String[] lines = code.split("\n", -1);
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            long line = d.getLineNumber();
            StringBuilder sb = new StringBuilder();
            sb.append(line > 0 ? "第 " + line + " 行：" : "").append(d.getMessage(Locale.SIMPLIFIED_CHINESE));
            if (line > 0 && line <= lines.length) {
                String text = lines[(int) line - 1].replace("\t", "    ");
                sb.append("\n      ").append(text.stripTrailing());
                long col = d.getColumnNumber();
                if (col > 0 && col <= text.length() + 1) {
                    sb.append("\n      ").append(" ".repeat((int) col - 1)).append('^');
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static SourceException failure(String what, List<String> errors) {
        StringBuilder sb = new StringBuilder(what).append(errors.size() > 1 ? "（" + errors.size() + " 个错误）" : "").append("：");
        errors.forEach(e -> sb.append("\n  ").append(e));
        return new SourceException(sb.toString(), errors);
    }

    /** The source held in memory; any public class name is accepted (no file name to match). */
    private static final class Text extends SimpleJavaFileObject {
        private final String code;

        /** {@code name} becomes the file name in stack traces ({@code Counter.java:12}). */
        Text(String name, String code) {
            super(URI.create("string:///" + name + ".java"), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return true;
        }
    }

    @Override
    public String toString() {
        return "JavaSource " + classNames;
    }
}
