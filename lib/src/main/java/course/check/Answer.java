package course.check;

/**
 * A learner's answer to an exercise: code that takes what the check gives it and returns a result, and
 * may throw.
 *
 * <p>学习者的答案：检查程序把东西（一个队列、一个进程池、几个任务……）交给它，它返回结果。
 * 它可以抛出受检异常（{@code InterruptedException}、{@code ExecutionException}……），所以学习者的方法
 * 可以直接写 {@code throws}，不必为了检查而写 try/catch；抛出的异常由检查程序报告成一项没通过的检查。
 *
 * <pre>{@code
 * List<String> readAll(IpcQueue q) throws InterruptedException { ... }
 * Ex13.sentinelReader(q -> readAll(q))
 * }</pre>
 *
 * <p>Answers with two inputs are a {@link BiAnswer}; answers with none are a {@link java.util.concurrent.Callable}.
 *
 * <p>Thread-safety: the check calls an answer from the thread that runs the check (or, for checks with a time limit,
 * from one thread of its own).
 *
 * @param <T> what the check gives the answer
 * @param <R> what the answer returns
 */
@FunctionalInterface
public interface Answer<T, R> {

    /** Runs the learner's code on {@code input}. */
    R apply(T input) throws Exception;
}
