package course.net;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests being answered right now, and the most at once so far.
 *
 * <p>Thread safety: every method may be called from any thread.
 */
final class InFlight {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    void enter() {
        most.accumulateAndGet(now.incrementAndGet(), Math::max);
    }

    void leave() {
        now.decrementAndGet();
    }

    int now() {
        return now.get();
    }

    int most() {
        return most.get();
    }
}
