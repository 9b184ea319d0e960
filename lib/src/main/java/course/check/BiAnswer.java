package course.check;

/**
 * A learner's answer that takes two inputs from the check, like {@link Answer} with one more argument.
 *
 * <p>有两个输入的答案，例如 {@code (bones, consumers) -> eatAll(bones, consumers)}；和 {@link Answer} 一样可以抛出异常。
 *
 * <p>Thread-safety: as for {@link Answer}.
 *
 * @param <T> the first input
 * @param <U> the second input
 * @param <R> what the answer returns
 */
@FunctionalInterface
public interface BiAnswer<T, U, R> {

    /** Runs the learner's code on the two inputs. */
    R apply(T first, U second) throws Exception;
}
