package course.source;

import java.util.List;

/**
 * Java source text that does not compile: the compiler's errors, in Chinese, each with its line.
 *
 * <p>源代码编译失败：每个错误一行，写明第几行、错误原因（javac 的中文信息），并画出那一行代码和出错的位置。
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class SourceException extends IllegalArgumentException {

    private final List<String> errors;

    SourceException(String message, List<String> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /** One entry per compiler error: line, message and the line of code. */
    public List<String> errors() {
        return errors;
    }
}
