package course.stress;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The engine of {@link StressTest}: a few threads run their actors over a batch of fresh states, meeting at a
 * spinning start barrier before every batch; the first thread then grades the batch and prepares the next.
 *
 * <p>压力测试的引擎：每一批（{@link #batch} 个）新的状态对象，所有线程在起跑线等齐，
 * 同时对同一批对象执行各自的代码，再在终点线等齐；然后第一个线程统计这一批的结果、准备下一批。
 * 批次小，线程之间的"错位"就小，真正同时执行的机会就多。
 *
 * <p>The run ends at the round count, at the time limit, after an exception, or after the batch in which an
 * outcome {@code stopAt} accepts was seen.
 *
 * <p>Thread-safety: one instance per run. {@code counts} and {@code batchStates} are touched only by the first
 * thread between barriers; the barrier's volatile accesses order them for the others and {@link Thread#join} for
 * the caller.
 */
final class StressRunner<S> {

    private final Supplier<? extends S> state;
    private final List<Consumer<? super S>> actors;
    private final Function<? super S, String> outcome;
    private final Predicate<String> stopAt;
    private final long maxRounds;
    private final long deadline;
    private final int batch;
    private final Object[] batchStates;
    private final SpinBarrier barrier;
    private final AtomicReference<String> problem = new AtomicReference<>();
    final Map<String, Long> counts = new HashMap<>();
    private volatile int size;
    private volatile long rounds;
    private boolean seenStop;

    StressRunner(Supplier<? extends S> state, List<Consumer<? super S>> actors, Function<? super S, String> outcome,
                 Predicate<String> stopAt, long maxRounds, Duration timeout, int batch) {
        this.state = state;
        this.actors = List.copyOf(actors);
        this.outcome = outcome;
        this.stopAt = stopAt;
        this.maxRounds = maxRounds;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.batch = batch;
        this.batchStates = new Object[batch];
        this.barrier = new SpinBarrier(actors.size());
    }

    /** Rounds finished and graded so far. */
    long rounds() {
        return rounds;
    }

    /** What went wrong (an exception in the test's code), or null. */
    String problem() {
        return problem.get();
    }

    /** Lets every thread leave its barrier and stop (a thread stuck in the test's own code stays stuck). */
    void abort() {
        barrier.abort();
    }

    /** The loop of thread {@code k}: prepare (thread 0), start barrier, run the actor over the batch, end barrier, grade (thread 0). */
    void loop(int k) {
        Consumer<? super S> actor = actors.get(k);
        while (true) {
            if (k == 0) {
                prepare();
            }
            if (!barrier.await()) {
                return;
            }
            int n = size;
            if (n == 0) {
                return;
            }
            try {
                for (int i = 0; i < n; i++) {
                    @SuppressWarnings("unchecked")
                    S s = (S) batchStates[i];
                    actor.accept(s);
                }
            } catch (Throwable t) {
                fail("线程 " + (k + 1) + " 的代码抛出了 " + t);
            }
            if (!barrier.await()) {
                return;
            }
            if (k == 0) {
                grade(n);
            }
        }
    }

    private void prepare() {
        long done = rounds;
        if (problem.get() != null || seenStop || done >= maxRounds || System.nanoTime() >= deadline) {
            size = 0;
            return;
        }
        int n = (int) Math.min(batch, maxRounds - done);
        try {
            for (int i = 0; i < n; i++) {
                batchStates[i] = state.get();
            }
            size = n;
        } catch (Throwable t) {
            fail("创建状态对象时抛出了 " + t);
            size = 0;
        }
    }

    private void grade(int n) {
        try {
            for (int i = 0; i < n; i++) {
                @SuppressWarnings("unchecked")
                S s = (S) batchStates[i];
                String o = outcome.apply(s);
                counts.merge(o, 1L, Long::sum);
                seenStop |= stopAt.test(o);
                batchStates[i] = null;
            }
            rounds += n;
        } catch (Throwable t) {
            fail("统计结果时抛出了 " + t);
        }
    }

    private void fail(String what) {
        problem.compareAndSet(null, what);
    }
}
