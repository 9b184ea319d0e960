package course.process;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A call that may block, run on its own thread so that the test can end it (interrupt, close) and see how it ended. */
final class Blocked<T> {

    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Thread thread;

    private Blocked(Callable<T> call) {
        thread = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        thread.start();
    }

    static <T> Blocked<T> start(Callable<T> call) {
        return new Blocked<>(call);
    }

    static Blocked<Void> run(ThrowingRunnable r) {
        return new Blocked<>(() -> {
            r.run();
            return null;
        });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    void interrupt() {
        thread.interrupt();
    }

    /** Whether the call has ended (returned or thrown). */
    boolean done() {
        return result.isDone();
    }

    /** The value it returned, waiting at most {@code timeout}. */
    T value(Duration timeout) throws Exception {
        return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What it threw, waiting at most {@code timeout}; an AssertionError when it returned instead. */
    Throwable failure(Duration timeout) throws Exception {
        try {
            T v = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new AssertionError("the call returned " + v + " instead of failing");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
