package course.kernel;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import com.sun.source.util.JavacTask;

/**
 * Whether one JShell snippet can be parsed, with javac's parser alone (no names resolved, so a snippet that
 * uses a variable an earlier snippet of the same cell declares still parses).
 *
 * <p>JShell takes a snippet as statements (of a method body), as declarations (of a class: methods, fields,
 * classes), as an import or as an expression whose value it shows; it parses when one of these parses.
 *
 * <p>单元格里的一段代码能不能被解析（is_complete 回答 invalid 用）。
 *
 * <p>Stateless; thread-safe.
 */
public final class Parse {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private Parse() {
    }

    /** Whether {@code snippet} parses as statements, class members, an import or an expression. */
    public static boolean parses(String snippet) {
        String expression = snippet.strip().replaceAll(";+$", "");
        return clean("class $$ { void $$() {\n" + snippet + "\n;} }")
                || clean("class $$ {\n" + snippet + "\n}")
                || clean(snippet + "\nclass $$ { }")
                || clean("class $$ { Object $$ = (\n" + expression + "\n); }");
    }

    private static boolean clean(String unit) {
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit;
            }
        };
        JavacTask task = (JavacTask) JAVAC.getTask(null, null, problems, List.of("-proc:none"), null, List.of(source));
        try {
            task.parse();
        } catch (IOException e) {
            return false;
        }
        return problems.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    }
}
